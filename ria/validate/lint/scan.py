"""A scan of a text's raw characters: where its running text is, and the editor's verdicts.

lxml knows element lines only, so the occurrences of words in text are found in the
file's characters, read in its own encoding (see :mod:`ria.encoding`): a finding has
the same line:col whether the file is UTF-8, UTF-16 or ISO-8859-1. The rule
``lint-encoding`` names a text Python cannot decode, whose running text is therefore
not scanned.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from lxml import etree

from ...encoding import UnreadableEncoding, decode_xml
from ...model.load import Document
from ...problems import Problem

# Elements inside which a name counts as marked, or is not the source's running text.
MARKED = frozenset({"persName", "placeName", "orgName", "name", "title", "rs", "roleName",
                    "forename", "surname", "addName", "geogName", "bibl", "ref", "ptr",
                    "choice", "corr", "reg", "expan", "supplied", "fw", "foreign", "gap", "teiHeader"})
EDITORIAL_NOTES = frozenset({"commentary", "textual"})

# An editor's verdict: this comment right before the words or the name a warning points at
# says they were checked and are right as they stand, so that warning is not given again.
# A reason may follow: <!-- lint: checked, a gloss of the ship's name -->
_VERDICT = re.compile(r"lint:\s*checked\b.*", re.S)
VERDICT_COMMENT = re.compile(r"<!--\s*lint:\s*checked\b.*?-->\s*", re.S)

_TAG = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>"
    r"|<(/?)([\w:.\-]+)((?:\s+[\w:.\-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>", re.S)
_ATTR = re.compile(r"([\w:.\-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


@functools.lru_cache(maxsize=16)  # the scan and the warnings of one text read it in turn
def _decoded(data: bytes) -> str:
    return decode_xml(data)


def source_text(doc: Document) -> str | None:
    """The document's characters, decoded as XML says (BOM, then declaration); None if Python cannot."""
    try:
        return _decoded(doc.data)
    except UnreadableEncoding:
        return None


@dataclass
class Segment:
    offset: int  # in the decoded file
    text: str
    marked: bool  # inside an element where names do not count as unmarked


def text_segments(source: str, excluded_elements: frozenset[str] = MARKED) -> list[Segment]:
    """The character data inside ``<text>`` with its offset and whether it lies inside one of
    ``excluded_elements`` (by default: where a name does not count as unmarked)."""
    segments: list[Segment] = []
    stack: list[tuple[str, bool]] = []  # (local name, excluded)
    in_text = 0
    pos = 0
    for match in _TAG.finditer(source):
        begin, end = match.span()
        if begin > pos and in_text:
            segments.append(Segment(pos, source[pos:begin], stack[-1][1] if stack else True))
        pos = end
        closing, qname, attrs, empty = match.groups()
        if qname is None:
            continue  # comment, PI, CDATA
        local = qname.rpartition(":")[2]
        if closing:
            if stack:
                stack.pop()
            if local == "text":
                in_text -= 1
            continue
        if empty:
            continue
        excluded = ((stack[-1][1] if stack else False) or local in excluded_elements
                    or (local == "note" and _attribute(attrs, "type") in EDITORIAL_NOTES))
        if local == "text":
            in_text += 1
        stack.append((local, excluded))
    return segments


def _attribute(attrs: str, name: str) -> str | None:
    for match in _ATTR.finditer(attrs):
        if match.group(1) == name:
            return match.group(2) if match.group(2) is not None else match.group(3)
    return None


class Lines:
    def __init__(self, source: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def checked(el: etree._Element) -> bool:
    """Whether the editor's verdict comment stands right before the element."""
    previous = el.getprevious()
    return (previous is not None and previous.tag is etree.Comment
            and bool(_VERDICT.fullmatch((previous.text or "").strip())) and not (previous.tail or "").strip())


def unreadable(doc: Document) -> list[Problem]:
    """A text whose encoding Python cannot decode is not scanned: say so rather than pass over it."""
    try:
        _decoded(doc.data)
    except UnreadableEncoding as err:
        return [Problem(doc.rel, 1, 1, "warning", f"the running text was not scanned for unmarked names: {err}",
                        hint="save the file as UTF-8", rule="lint-encoding")]
    return []
