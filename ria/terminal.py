"""What reaches the terminal: characters that would act on it are written as their escapes.

File names and messages may come from a corpus no one here wrote; a control character or a
bidirectional override in one would move the cursor, recolour the terminal or reorder what
follows, so each command writes them through :func:`shown` (or :func:`shown_json`).
"""

from __future__ import annotations

import re
import sys

# Control characters and the marks that reorder text on screen: in a corpus's file names they
# would reach the terminal as escape sequences (clearing it, retitling the window).
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(value) -> str:
    """``value`` as text for the terminal: each such character written as its escape (``\\x1b``)."""
    return _UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(value))


def shown_json(text: str) -> str:
    """JSON text for the terminal: each such character as JSON's escape (``\\u001b``), so it stays JSON."""
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def report_problems(problems, the_others: str) -> int:
    """Each problem on stderr at its ``path:line:col``; exit status 1 if one is an error (a document
    left out or not made), said with what became of ``the_others`` ("the others were published")."""
    for problem in problems:
        print(shown(problem), file=sys.stderr)
    if any(problem.severity == "error" for problem in problems):
        print(f"{len(problems)} documents were left out or could not be made; {the_others}", file=sys.stderr)
        return 1
    return 0
