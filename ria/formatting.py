"""The format command: one canonical layout for the edition's TEI files, changing no content.

What changes:

* **Indentation of structural elements.** An element of :data:`STRUCTURAL` (the
  TEI elements whose content model is element-only: ``teiHeader``, ``fileDesc``,
  ``div``, ``listPerson``, ``person`` …) whose content here is in fact
  element-only (no text but white space between its children), and whose parent
  was laid out the same way, gets each child on its own line, indented by two
  spaces per level. One blank line between two children is kept; more become one.
  A ``location`` holding a single ``geo`` stays on one line
  (``<location><geo>…</geo></location>``).
* **Attribute order.** ``xml:id`` first, then :data:`ATTRIBUTE_ORDER`, then any
  other attribute alphabetically.
* **Serialisation details** that carry no information: the XML declaration is
  written as ``<?xml version="1.0" encoding="UTF-8"?>``, character references
  become the characters, empty elements are written ``<x/>``.

What never changes: the text of every other element (paragraphs, heads, notes,
names …: mixed content is left exactly as it is, white space included), every
comment and processing instruction, and the elements and attributes themselves.

Each result is proved lossless before it is written: its canonical form (which
ignores only attribute order and white-space text in the element-only content of
structural elements) must equal the original's, and formatting it again must
change nothing. Files are written atomically (a temporary file in the same
folder, fsync, rename).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from lxml import etree

from .files import durable_temp_file
from .problems import EditionError, Problem
from .xmlio import XML_NS, parse_bytes

INDENT = "  "
STRUCTURAL = frozenset("""
    TEI teiHeader fileDesc titleStmt editionStmt publicationStmt seriesStmt notesStmt sourceDesc
    listBibl respStmt availability encodingDesc projectDesc samplingDecl editorialDecl correction
    normalization quotation hyphenation segmentation interpretation stdVals classDecl taxonomy
    category calendarDesc calendar tagsDecl refsDecl profileDesc langUsage textClass keywords
    particDesc settingDesc abstract revisionDesc listChange
    text front body back group div div1 div2 div3 div4 titlePage docTitle
    standOff listPerson listPlace listOrg listEvent listRelation person personGrp place org event
    location list table row lg figure
""".split())
# Wrappers of a single datum that stay on one line: <location><geo>59.93 30.31</geo></location>
COMPACT = frozenset({"location"})
XML_ID = f"{{{XML_NS}}}id"
ATTRIBUTE_ORDER = [
    "n", "type", "subtype", "level", "unit", "status", "ident", "ref", "key", "target",
    "when", "when-custom", "from", "to", "from-custom", "to-custom", "notBefore", "notAfter",
    "notBefore-custom", "notAfter-custom", "calendar", "datingMethod", "who", "reason", "source",
    "resp", "cert", "place", "anchored", "rend", "ana", "corresp", f"{{{XML_NS}}}lang",
]
_RANK = {name: i for i, name in enumerate(ATTRIBUTE_ORDER)}
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _blank(text: str | None) -> bool:
    return text is None or not text.strip(" \t\r\n")


def is_element_only(el) -> bool:
    """A structural element whose content here is only elements, comments, PIs and white space."""
    return (isinstance(el.tag, str) and _local(el) in STRUCTURAL and len(el) > 0
            and _blank(el.text) and all(_blank(child.tail) for child in el))


def _attribute_key(name: str) -> tuple:
    if name == XML_ID:
        return (0, 0, "")
    if name in _RANK:
        return (1, _RANK[name], "")
    return (2, 0, name)


def _sort_attributes(el) -> None:
    items = list(el.attrib.items())
    ordered = sorted(items, key=lambda kv: _attribute_key(kv[0]))
    if ordered != items:
        el.attrib.clear()
        for name, value in ordered:
            el.set(name, value)


def _gap(original: str | None, depth: int) -> str:
    keep_blank = original is not None and original.count("\n") >= 2
    return ("\n\n" if keep_blank else "\n") + INDENT * depth


def _layout(el, depth: int) -> None:
    if not is_element_only(el):
        return
    only = el[0]
    if _local(el) in COMPACT and len(el) == 1 and isinstance(only.tag, str) and len(only) == 0:
        # A wrapper of one leaf stays on one line: <location><geo>…</geo></location>
        el.text = None
        only.tail = None
        return
    el.text = "\n" + INDENT * (depth + 1)
    children = list(el)
    for i, child in enumerate(children):
        if i + 1 < len(children):
            child.tail = _gap(child.tail, depth + 1)
        else:
            child.tail = "\n" + INDENT * depth
        _layout(child, depth + 1)


def format_tree(tree: etree._ElementTree) -> str:
    """The canonical text of the document (the tree is changed in place)."""
    root = tree.getroot()
    for el in root.iter():
        if isinstance(el.tag, str):
            _sort_attributes(el)
    _layout(root, 0)
    before = list(reversed(list(root.itersiblings(preceding=True))))
    after = list(root.itersiblings())
    parts = [etree.tostring(node, encoding="unicode", with_tail=False) for node in before]
    parts.append(etree.tostring(root, encoding="unicode", with_tail=False))
    parts += [etree.tostring(node, encoding="unicode", with_tail=False) for node in after]
    return DECLARATION + "\n".join(parts) + "\n"


def canonical(tree: etree._ElementTree) -> tuple:
    """The document as nested tuples: what formatting must preserve.

    Attribute order is ignored, and so is white-space text in the element-only
    content of structural elements; everything else (every other text node exactly,
    comments, processing instructions, the nodes around the root) counts.
    """
    def node(n) -> tuple:
        if isinstance(n, etree._Comment):
            return ("comment", n.text)
        if isinstance(n, etree._ProcessingInstruction):
            return ("pi", n.target, n.text)
        ignore_blank = is_element_only(n)
        content: list = []
        if not (ignore_blank and _blank(n.text)):
            content.append(("text", n.text or ""))
        for child in n:
            content.append(node(child))
            if not (ignore_blank and _blank(child.tail)) and child.tail:
                content.append(("text", child.tail))
        if not ignore_blank:
            # Merge adjacent texts, so that None and "" are the same.
            content = [c for c in content if c != ("text", "")]
        return ("element", n.tag, tuple(sorted(n.attrib.items())), tuple(n.nsmap.items()), tuple(content))

    root = tree.getroot()
    before = [node(n) for n in reversed(list(root.itersiblings(preceding=True)))]
    after = [node(n) for n in root.itersiblings()]
    return (tuple(before), node(root), tuple(after))


def format_bytes(data: bytes, shown: str) -> bytes:
    """The canonical layout of ``data``; raises EditionError if it cannot be proved lossless."""
    original = parse_bytes(data, shown)
    expected = canonical(original)
    result = format_tree(parse_bytes(data, shown)).encode("utf-8")
    again = parse_bytes(result, shown)
    if canonical(again) != expected:
        raise EditionError(Problem(shown, 1, 1, "error",
                                   "formatting would change the document's content; the file was left as it is",
                                   hint="please report this as a bug of `build.py format`", rule="format-lossless"))
    if format_tree(again).encode("utf-8") != result:
        raise EditionError(Problem(shown, 1, 1, "error",
                                   "formatting is not stable on this file; the file was left as it is",
                                   hint="please report this as a bug of `build.py format`", rule="format-idempotent"))
    return result


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data``: a temporary file in the same folder, fsync, rename."""
    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    tmp = durable_temp_file(path.parent, path.name, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def run_format(files: list[Path], check_only: bool) -> int:
    """Format ``files`` in place (or, with ``check_only``, only say which would change)."""
    changed, failed = [], 0
    for path in files:
        path = Path(path)
        shown = str(path)
        try:
            try:
                data = path.read_bytes()
            except OSError as err:
                raise EditionError(Problem(shown, 1, 1, "error", f"cannot read file: {err.strerror}",
                                           rule="io")) from None
            result = format_bytes(data, shown)
        except EditionError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            failed += 1
            continue
        if result == data:
            continue
        changed.append(path)
        if check_only:
            print(f"{shown}: would be reformatted")
        else:
            try:
                write_atomically(path, result)
            except OSError as err:
                print(f"{shown}:1:1: error: cannot write file: {err.strerror}", file=sys.stderr)
                failed += 1
                continue
            print(f"{shown}: reformatted")
    unchanged = len(files) - len(changed) - failed
    verb = "would be reformatted" if check_only else "reformatted"
    print(f"{len(changed)} file{'s' if len(changed) != 1 else ''} {verb}, {unchanged} unchanged"
          + (f", {failed} failed" if failed else ""))
    return 1 if failed or (check_only and changed) else 0
