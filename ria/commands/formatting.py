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
  written as ``<?xml version="1.0" encoding="UTF-8"?>`` (naming the file's own
  encoding if it is not UTF-8), character references become the characters
  (unless the file's encoding lacks them), empty elements are written ``<x/>``.

What never changes: the text of every other element (paragraphs, heads, notes,
names …: mixed content is left exactly as it is, white space included), every
comment and processing instruction, the elements and attributes themselves, and
the file's encoding (UTF-16 stays UTF-16, a byte order mark stays). Where
``xml:space="preserve"`` says white space counts (on the element or an
ancestor), the content is left exactly as it is too; an element inside it with
``xml:space="default"`` is laid out again like any other.

Each result is proved lossless before it is written: its canonical XML, leaving
out only white space that carries nothing (see :func:`canonical`), must equal the
original's, its encoding must be the original's, and formatting it again must
change nothing. Files are written atomically (a temporary file in the same
folder, fsync, rename).
"""

from __future__ import annotations

import os
import sys
from copy import deepcopy
from pathlib import Path

from lxml import etree

from ..encoding import UnreadableEncoding, XmlEncoding, detect_encoding
from ..files import durable_temp_file, read_regular
from ..problems import EditionError, Problem
from ..xmlio import TEI_NS, XML_NS, has_doctype, parse_bytes

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
XML_SPACE = f"{{{XML_NS}}}space"
ATTRIBUTE_ORDER = [
    "n", "type", "subtype", "level", "unit", "status", "ident", "ref", "key", "target",
    "when", "when-custom", "from", "to", "from-custom", "to-custom", "notBefore", "notAfter",
    "notBefore-custom", "notAfter-custom", "calendar", "datingMethod", "who", "reason", "source",
    "resp", "cert", "place", "anchored", "rend", "ana", "corresp", f"{{{XML_NS}}}lang",
]
_RANK = {name: i for i, name in enumerate(ATTRIBUTE_ORDER)}
DECLARATION = '<?xml version="1.0" encoding="{}"?>\n'


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _blank(text: str | None) -> bool:
    return text is None or not text.strip(" \t\r\n")


def is_element_only(el) -> bool:
    """A structural element whose content here is only elements, comments, PIs and white space."""
    return (isinstance(el.tag, str) and _local(el) in STRUCTURAL and len(el) > 0
            and _blank(el.text) and all(_blank(child.tail) for child in el))


def preserves_space(el, inherited: bool = False) -> bool:
    """Whether white space in ``el``'s content counts: its own xml:space, else its parent's (``inherited``)."""
    value = el.get(XML_SPACE) if isinstance(el.tag, str) else None
    return {"preserve": True, "default": False}.get(value, inherited)


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


def _layout(el, depth: int, preserved: bool = False) -> None:
    """Lay out ``el``'s element-only content and its children's, but not where white space is preserved.

    Preserved element-only content is still gone through: a child there may say
    ``xml:space="default"``, and then its own content is laid out.
    """
    preserved = preserves_space(el, preserved)
    if not is_element_only(el):
        return
    if not preserved:
        _indent_children(el, depth)
    for child in el:
        _layout(child, depth + 1, preserved)


def _indent_children(el, depth: int) -> None:
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


def format_tree(tree: etree._ElementTree, encoding_name: str = "UTF-8") -> str:
    """The canonical text of the document, declared as ``encoding_name`` (the tree is changed in place)."""
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
    return DECLARATION.format(encoding_name) + "\n".join(parts) + "\n"


def canonical(tree: etree._ElementTree) -> bytes:
    """The document's canonical XML (C14N, comments kept) without its ignorable white space.

    Ignorable is only white-space text in the element-only content of structural
    elements where white space is not preserved (xml:space). Everything else counts,
    exactly: every other text node, comments, processing instructions, the nodes
    around the root, namespace declarations. Canonical XML itself ignores attribute
    order, quoting and how characters are written (a reference or the character).
    """
    copy = deepcopy(tree)
    _drop_ignorable_white_space(copy.getroot())
    try:
        return etree.tostring(copy, method="c14n")
    except etree.C14NError:
        # C14N 1.0 refuses a relative namespace URI; 2.0 takes it, but leaves out unused declarations.
        return etree.tostring(copy, method="c14n2")


def _drop_ignorable_white_space(el, preserved: bool = False) -> None:
    preserved = preserves_space(el, preserved)
    ignorable = is_element_only(el) and not preserved
    if ignorable:
        el.text = None
    for child in el:
        if ignorable:
            child.tail = None
        if isinstance(child.tag, str):
            _drop_ignorable_white_space(child, preserved)


def _refusal(message: str, rule: str, shown: str) -> EditionError:
    return EditionError(Problem(shown, 1, 1, "error", f"{message}; the file was left as it is",
                                hint="please report this as a bug of `build.py format`", rule=rule))


def prove_lossless(original: bytes, result: bytes, shown: str, collect_ids: bool = True) -> None:
    """Raise EditionError unless ``result`` is ``original`` in content (see :func:`canonical`) and encoding.
    ``collect_ids=False``: a repeated xml:id is accepted (a corpus's file, see :func:`format_bytes`)."""
    before, after = detect_encoding(original), detect_encoding(result)
    if (before.codec, before.byte_order_mark) != (after.codec, after.byte_order_mark):
        raise _refusal(f"formatting would change the file's encoding from {before.name} to {after.name}",
                       "format-encoding", shown)
    if canonical(parse_bytes(result, shown, collect_ids)) != canonical(parse_bytes(original, shown, collect_ids)):
        raise _refusal("formatting would change the document's content", "format-lossless", shown)


def _encoding(data: bytes, shown: str) -> XmlEncoding:
    try:
        encoding = detect_encoding(data)
        encoding.decode(data)
    except UnreadableEncoding as err:
        raise EditionError(Problem(shown, 1, 1, "error", f"cannot format this file: {err}; it was left as it is",
                                   hint="save it as UTF-8", rule="format-encoding")) from None
    return encoding


def format_bytes(data: bytes, shown: str, collect_ids: bool = True) -> bytes:
    """The canonical layout of ``data``, in its own encoding; raises EditionError if it cannot be proved lossless.
    ``collect_ids=False`` accepts a repeated xml:id, as the corpus build does (real registers repeat one)."""
    tree = parse_bytes(data, shown, collect_ids)
    encoding = _encoding(data, shown)
    # UTF-8 is always declared as such; another encoding keeps the name the file gives it.
    name = "UTF-8" if encoding.codec == "utf-8" else encoding.name
    result = encoding.encode(format_tree(tree, name))
    prove_lossless(data, result, shown, collect_ids)
    if encoding.encode(format_tree(parse_bytes(result, shown, collect_ids), name)) != result:
        raise _refusal("formatting is not stable on this file", "format-idempotent", shown)
    return result


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data``: a temporary file in the same folder, fsync, rename."""
    # Through a link, the file it names is replaced, not the link (which would then hold the result
    # while the file it named stayed as it was).
    path = Path(os.path.realpath(path))
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


class LeftAsItIs(Exception):
    """A corpus's file that the format command does not touch, and why (it is not a failure)."""


# The roots of the files of a corpus that are TEI (ria/corpus/load.py reads the same ones).
TEI_ROOTS = frozenset({f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus", "TEI", "TEI.2"})


def _corpus_file(data: bytes, shown: str) -> bytes:
    """The canonical layout of a corpus's file, read as the corpus build reads it."""
    if has_doctype(data):
        # lxml does not give the declaration back, and an entity it declares would be lost too.
        raise LeftAsItIs("it has a DOCTYPE declaration, which the canonical layout would not keep")
    root = parse_bytes(data, shown, collect_ids=False).getroot()
    if root.tag not in TEI_ROOTS:
        raise LeftAsItIs("it is not TEI")
    return format_bytes(data, shown, collect_ids=False)


def run_format_corpus(corpus_dir: Path, check_only: bool) -> int:
    """Format every file of the corpus in ``corpus_dir`` that its build reads as TEI (the user's
    own files, rewritten by their explicit command), as :func:`run_format` formats the edition's."""
    from ..corpus.load import layout
    found = layout(corpus_dir)
    shown_root = str(corpus_dir)
    files = [Path(shown_root) / path.relative_to(found.root) for path in found.candidates]
    return run_format(files, check_only, corpus=True)


def run_format(files: list[Path], check_only: bool, corpus: bool = False) -> int:
    """Format ``files`` in place (or, with ``check_only``, only say which would change).
    ``corpus``: the files are a foreign corpus's, read as its build reads them; one that is
    not TEI or has a DOCTYPE is left as it is, and said so."""
    from ..terminal import shown as escaped  # file names, a corpus's above all, may hold escape sequences
    changed, failed, left = [], 0, 0
    for path in files:
        path = Path(path)
        shown = escaped(path)
        try:
            try:
                data = read_regular(path)  # a FIFO or a device is an error, not a hang
            except OSError as err:
                raise EditionError(Problem(shown, 1, 1, "error", f"cannot read file: {err.strerror}",
                                           rule="io")) from None
            result = _corpus_file(data, shown) if corpus else format_bytes(data, shown)
        except LeftAsItIs as why:
            print(f"{shown}: left as it is: {why}")
            left += 1
            continue
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
    unchanged = len(files) - len(changed) - failed - left
    verb = "would be reformatted" if check_only else "reformatted"
    print(f"{len(changed)} file{'s' if len(changed) != 1 else ''} {verb}, {unchanged} unchanged"
          + (f", {left} left as they are" if left else "") + (f", {failed} failed" if failed else ""))
    return 1 if failed or (check_only and changed) else 0
