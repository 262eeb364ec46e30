"""Following a corpus text's xi:include, safely: only files inside the corpus folder are read.

lxml's own XInclude (``tree.xinclude()``) would read any file or URL a document names. Here an
``href`` is followed only where it is a relative path that stays inside the corpus folder
(resolved against the including file's folder and any relative ``xml:base`` around it), to a
regular file whose real path is inside it too; that file is parsed by the safe parser
(ria/xmlio.py: no network, no entities), as XML (``parse="xml"``, the whole document or the
element an ``xpointer="id"`` or the XPointer element() scheme names: ``element(id)``, or a child
sequence from it or from the document, ``element(/1/2/1)``) or as text (``parse="text"``,
decoded per ``@encoding``, UTF-8 by default). Includes inside an included part are followed in
turn, up to MAX_DEPTH deep, a loop never. What cannot be included is replaced by its
``xi:fallback``'s content, or else stays, reported at its path:line:col (the page says that part
is not published here). The edition (tei/) never comes here: its includes stay refused.

Problems of an include are reported where it stands, in the included file for an include that
file holds. Included content is placed in the tree with the line of the xi:include that brought
it, so that what is found in it later (an image) points at that include; the schema report and
the lint point into the included file itself (``Expansion.origins``).
"""

from __future__ import annotations

import codecs
import copy
import dataclasses
import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from ..files import read_regular
from ..problems import EditionError, Problem
from ..xmlio import TEI as T
from ..xmlio import XI_INCLUDE, XML_ID, XML_NS, parse_bytes
from .images import with_base

XI_FALLBACK = XI_INCLUDE.replace("include", "fallback")
XML_BASE = f"{{{XML_NS}}}base"
MAX_DEPTH = 8  # includes within included parts, this deep at most
MAX_INCLUSIONS = 2000  # in one file: a part included over and over cannot grow a tree without end
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # a URL (http:, file:) or a drive letter (C:)
# An id (a shorthand pointer), or element() with an id, a child sequence (/1/2: the second element
# of the first), or both (chapter/3).
_POINTER = re.compile(r"^(?:([A-Za-z_][\w.-]*)|element\(([A-Za-z_][\w.-]*)?((?:/[1-9][0-9]*)*)\))$")
_INCLUDE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?include\b")


@dataclass
class Expansion:
    """What following a file's includes did: the corpus files it read (relative path → their
    bytes' sha256; None for one that is not there), what it could not include, and whether the
    tree changed."""

    read: dict[str, str | None] = field(default_factory=dict)
    files: dict[str, bytes] | None = None  # the bytes of those read, where asked to keep them
    problems: list[Problem] = field(default_factory=list)
    changed: bool = False
    # each included element → the file it is in (relative to the corpus) and its line there
    origins: dict = field(default_factory=dict)


class _Refused(Exception):
    """Why an include is not followed."""


@dataclass
class _Source:
    rel: str  # the file an element is in, relative to the corpus folder
    data: bytes
    columns: dict = field(default_factory=dict)  # xi:include element → its column in ``data``


def expand_includes(tree: etree._ElementTree, rel: str, data: bytes, corpus_root: Path,
                    preloaded: dict[str, bytes] | None = None, keep: bool = False) -> Expansion:
    """Replace, in ``tree`` (the file ``rel`` of the corpus at ``corpus_root``, read as ``data``),
    each xi:include that names a file of the corpus by what it includes. The includes of a
    teiCorpus itself (ParlaMint's texts, each a file read on its own) are not followed.
    ``preloaded``: files' bytes by relative path, for a worker that cannot read the corpus folder
    (``keep``: gather them in the result's ``files``)."""
    expander = _Expander(Path(corpus_root), preloaded or {})
    if keep:
        expander.result.files = {}
    expander.within(tree.getroot(), _Source(rel, data), depth=0, stack=((rel, None),))
    expander.result.problems = _said_once(expander.refused)
    return expander.result


def _said_once(refused: list[tuple[Problem, str, str]]) -> list[Problem]:
    """A warning for each file and reason, at its first include, with how many more there are
    (a notebook's pages, each a file that is not there, are said once)."""
    grouped: dict[tuple[str, str], list[tuple[Problem, str]]] = {}
    for where, href, why in refused:
        grouped.setdefault((where.path, why), []).append((where, href))
    problems = []
    for (_, why), includes in grouped.items():
        where, href = includes[0]
        more = f" (and {len(includes) - 1} more)" if len(includes) > 1 else ""
        problems.append(dataclasses.replace(where, message=f"xi:include of {href!r}{more} is not followed ({why}): "
                                                           "the page says that part is not published here"))
    return problems


class _Expander:
    def __init__(self, root: Path, preloaded: dict[str, bytes]):
        self.root = Path(os.path.realpath(root))
        self.preloaded = preloaded
        self.result = Expansion()
        self.count = 0
        self.refused: list[tuple[Problem, str, str]] = []  # where, href, why
        self._parsed: dict[str, etree._ElementTree | EditionError] = {}

    # ------------------------------------------------------------ walking a tree

    def within(self, element: etree._Element, source: _Source, depth: int, stack: tuple) -> None:
        """Follow the includes in ``element`` and below it (not those inside a fallback: a fallback
        is followed only where it is used)."""
        includes = [el for el in element.iter(XI_INCLUDE)
                    if el.getparent() is not None and el.getparent().tag != T + "teiCorpus"
                    and not _held(el, element)]
        if includes and not source.columns:
            source.columns = _columns(source.data, element.getroottree().getroot())
        for include in includes:
            self.one(include, source, depth, stack)

    def one(self, include: etree._Element, source: _Source, depth: int, stack: tuple) -> None:
        href = include.get("href", "")
        try:
            content = self._content(include, href, source, depth, stack)
        except _Refused as why:
            fallback = include.find(XI_FALLBACK)
            if fallback is None:
                self.refused.append((Problem(source.rel, include.sourceline or 1, source.columns.get(include, 1),
                                             "warning", "", rule="corpus"), href, str(why)))
                return
            self.within(fallback, source, depth, stack)
            content = fallback
        _replace(include, content)
        self.result.changed = True

    def _content(self, include: etree._Element, href: str, source: _Source, depth: int, stack: tuple):
        """What ``include`` stands for: a string (parse="text"), an element, or a fallback."""
        parse = include.get("parse", "xml")
        pointer = include.get("xpointer")
        if parse not in ("xml", "text"):
            raise _Refused(f"parse={parse!r} is neither xml nor text")
        if not href:
            raise _Refused("an include within the same document is not followed")
        target = self._resolve(include, href, source.rel)
        selected = None
        if parse == "xml" and pointer is not None:
            match = _POINTER.match(pointer.strip())
            if match is None or not any(match.groups()):
                raise _Refused(f"the xpointer {pointer!r} is not followed: only an id, or element() of an id "
                               "or a child sequence, is")
            selected = pointer.strip()
        if (target, selected) in stack or (target, None) in stack:
            raise _Refused(f"{target} includes itself, through " + " → ".join(rel for rel, _ in stack))
        if depth >= MAX_DEPTH:
            raise _Refused(f"includes nested more than {MAX_DEPTH} deep")
        if self.count >= MAX_INCLUSIONS:
            raise _Refused(f"more than {MAX_INCLUSIONS} inclusions in one file")
        data = self._read(target)
        self.count += 1
        if parse == "text":
            return _decoded(data, include.get("encoding") or "utf-8", target)
        part = self._parse(target, data)
        if selected is not None:
            part = _pointed(part, selected, target)
        self.within(part, _Source(target, data), depth + 1, (*stack, (target, selected)))
        part.tail = None
        for el in part.iter():
            # (an element of an include within the part keeps the file it came from)
            self.result.origins.setdefault(el, (target, el.sourceline or 1))
            el.sourceline = include.sourceline or 1  # what is found in it later points at the include
        # As XInclude fixes up base URIs: the part's relative addresses (its images) stay those of its own file.
        own = part.get(XML_BASE)
        part.set(XML_BASE, with_base(own, href) if own else href)
        return part

    # ------------------------------------------------------------ files

    def _resolve(self, include: etree._Element, href: str, rel: str) -> str:
        """The path, relative to the corpus folder, that ``href`` names; _Refused if none of it."""
        folder = posixpath.dirname(rel)
        bases = [el.get(XML_BASE) for el in [*reversed(list(include.iterancestors())), include] if el.get(XML_BASE)]
        for base in bases:
            if _SCHEME.match(base) or base.startswith(("/", "\\")):
                raise _Refused(f"its xml:base {base!r} is not a relative path")
            joined = posixpath.join(folder, unquote(base))
            folder = joined if base.endswith("/") else posixpath.dirname(joined)
        if _SCHEME.match(href) or href.startswith("//"):
            raise _Refused("a URL, which the build never reads")
        if href.startswith(("/", "\\")):
            raise _Refused("an absolute path: only a path relative to the file is followed")
        if "#" in href:
            raise _Refused("an href with a fragment (#), which XInclude does not allow")
        target = posixpath.normpath(posixpath.join(folder, unquote(href)))
        if target in (".", "..") or target.startswith("../"):
            raise _Refused("outside the corpus folder")
        return target

    def _read(self, target: str) -> bytes:
        data = self.preloaded.get(target)
        if data is None:
            try:
                path = Path(os.path.realpath(self.root / target))
                if not path.is_relative_to(self.root):
                    raise _Refused("a link that leads outside the corpus folder")
                data = read_regular(path)
            except OSError as err:
                self.result.read[target] = None  # (a file added there later is read)
                raise _Refused("no such file in the corpus" if isinstance(err, FileNotFoundError)
                               else f"it cannot be read: {err.strerror or err}") from None
        self.result.read[target] = hashlib.sha256(data).hexdigest()
        if self.result.files is not None:
            self.result.files[target] = data
        return data

    def _parse(self, target: str, data: bytes) -> etree._Element:
        """A copy of the root of the file ``target`` (each inclusion is its own copy)."""
        if target not in self._parsed:
            try:
                self._parsed[target] = parse_bytes(data, target, collect_ids=False, doctype=True, warnings=[])
            except EditionError as err:
                self._parsed[target] = err
        parsed = self._parsed[target]
        if isinstance(parsed, EditionError):
            where = parsed.problems[0] if parsed.problems else None
            raise _Refused(f"{target} is not read as XML" + (f": {where}" if where else ""))
        return copy.deepcopy(parsed.getroot())


def _pointed(root: etree._Element, pointer: str, target: str) -> etree._Element:
    """The element of the document whose root is ``root`` that ``pointer`` (matched by _POINTER) names."""
    shorthand, element_id, steps = _POINTER.match(pointer).groups()
    start_id = shorthand or element_id
    if start_id:
        found = next((el for el in root.iter() if el.get(XML_ID) == start_id), None)
        if found is None:
            raise _Refused(f"{target} has no element with the xml:id {start_id!r}")
    numbers = [int(n) for n in (steps or "").split("/")[1:]]
    if not start_id:  # the first step counts the document's elements: its root is the only one
        if numbers[0] != 1:
            raise _Refused(f"{target} has no element at {pointer!r}: a document has one root element")
        found, numbers = root, numbers[1:]
    for number in numbers:
        children = [child for child in found if isinstance(child.tag, str)]
        if number > len(children):
            raise _Refused(f"{target} has no element at {pointer!r}")
        found = children[number - 1]
    return found


def _held(include: etree._Element, top: etree._Element) -> bool:
    """Whether ``include`` is inside a fallback (followed only where it is used) or inside
    another include, below ``top``."""
    for ancestor in include.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag in (XI_FALLBACK, XI_INCLUDE):
            return True
    return False


def _decoded(data: bytes, encoding: str, target: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise _Refused(f"the encoding {encoding!r} is not known") from None
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as err:
        raise _Refused(f"{target} is not {encoding} text (byte {err.start + 1})") from None


def _replace(include: etree._Element, content) -> None:
    """Put ``content`` (text, an element, or a fallback's content) where ``include`` stands."""
    parent = include.getparent()
    if isinstance(content, str):
        text, elements = content, []
    elif content.tag == XI_FALLBACK:
        text, elements = content.text or "", list(content)
    else:
        text, elements = "", [content]
    previous = include.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    tail = include.tail or ""
    position = parent.index(include)
    parent.remove(include)  # (its tail goes with it: put back after what replaces it)
    for offset, element in enumerate(elements):
        parent.insert(position + offset, element)
    last = elements[-1] if elements else parent[position - 1] if position > 0 else None
    if last is not None:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _columns(data: bytes, root: etree._Element) -> dict:
    """Each xi:include element's column in ``data``: its line's occurrences of ``<…include``, in
    order (an element whose line shows them otherwise than the tree does is given column 1)."""
    by_line: dict[int, list] = {}
    for el in root.iter(XI_INCLUDE):
        by_line.setdefault(el.sourceline or 0, []).append(el)
    lines = data.split(b"\n")
    columns = {}
    for number, elements in by_line.items():
        if not 0 < number <= len(lines):
            continue
        found = [m.start() + 1 for m in _INCLUDE_TAG.finditer(lines[number - 1])]
        if len(found) == len(elements):
            columns.update(zip(elements, found))
    return columns
