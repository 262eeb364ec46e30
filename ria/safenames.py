"""File names taken from data, and the paths of a site, kept inside the output folder.

Ids, file names and register keys come from TEI that anyone may have written. Before
one names a file it goes through :func:`safe_name`: no separators, no ``..``, no
control or reserved characters, a bounded length. Two documents whose names would
be the same file on a case-insensitive file system are told apart by
:class:`PageNames`, or reported, never written over one another. :func:`site_path`
is the last guard: every path written into a site is relative, plain and inside it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path, PurePosixPath

from .problems import EditionError, Problem

MAX_NAME = 100  # characters of a name
# Bytes of a name in UTF-8: file systems count a name's bytes (at most 255), and a letter of
# another script takes two to four, so 100 of them could pass that bound; this leaves room for a suffix.
MAX_BYTES = 200
# Letters and digits of any script, and . _ - ~ : what a URL and every file system take as they are.
_UNSAFE = re.compile(r"[^\w.~-]")
# Names Windows reserves for devices, whatever their extension.
_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


def safe_name(value: str) -> str:
    """``value`` if it is a safe file name already, else a safe name made from it.

    A name that had to change ends in a short hash of the value, so that "a/b" and
    "a_b" do not meet in one file.
    """
    name = unicodedata.normalize("NFC", value)
    name = _UNSAFE.sub("_", name).lstrip(".-~").rstrip(". ")
    if name.split(".")[0].casefold() in _DEVICES:
        name = "_" + name
    if name == value and 0 < len(name) <= MAX_NAME and len(name.encode()) <= MAX_BYTES and name.isprintable():
        return name
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    # Cut to the bounds less the hash's 11 characters; a letter cut in two is dropped whole.
    name = name[:MAX_NAME - 11].encode()[:MAX_BYTES - 11].decode("utf-8", "ignore")
    return f"{name}-{digest}" if name else digest


class PageNames:
    """Names claimed for the pages of one folder, each by the document it comes from.

    Names that differ only in case are one file on the file systems of Windows and
    macOS, so they count as the same name.
    """

    def __init__(self, what: str):
        self.what = what
        self._claimed: dict[str, tuple[str, str]] = {}  # folded name → (name, the file that has it)

    def free(self, name: str) -> bool:
        return name.casefold() not in self._claimed

    def claim(self, wanted: list[str], source: str, line: int = 1) -> str | Problem:
        """The first safe name of ``wanted`` not taken yet, or a problem naming both files."""
        first = None
        # Made one at a time: the first is nearly always free, and a register has thousands of entries.
        for name in (safe_name(value) for value in wanted if value):
            first = first or name
            if self.free(name):
                self._claimed[name.casefold()] = (name, source)
                return name
        _, other = self._claimed[first.casefold()]
        return Problem(source, line, 1, "error",
                       f"its {self.what} page would be the same file as that of {other} "
                       f"({first}.html): give one of them another xml:id", rule="page-name")


def site_path(rel: str) -> PurePosixPath:
    """``rel`` as a path inside a site, or EditionError if it is not a plain relative path."""
    path = PurePosixPath(rel)
    if (not rel or "\\" in rel or path.is_absolute() or any(part in ("", ".", "..") for part in rel.split("/"))
            or not rel.isprintable() or any(len(part.encode("utf-8", "surrogatepass")) > 255 for part in path.parts)):
        raise EditionError(Problem(rel, 1, 1, "error", "this path would lead out of the output folder; "
                                   "nothing was written", rule="page-name"))
    return path


def inside(folder: Path, rel: str) -> Path:
    """``folder / rel``, for a ``rel`` that :func:`site_path` accepts."""
    return folder.joinpath(*site_path(rel).parts)
