"""TEI for reuse: each text as a standalone document, and the whole edition as one teiCorpus.

A text of the edition points outside itself: names to the shared registers, dates
to the calendars and interventions to the editors (``#ria``) defined in the corpus
header. Someone who takes one file away should not get dangling pointers, so the
standalone document carries copies of everything it points to, directly or through
what it has already taken in: register entries in a ``standOff`` before ``text``,
the corpus header's parts (a ``respStmt``, the ``calendarDesc``) in its own header.
Every copied element remembers where it came from, so that a validation error can
be reported at the line of the edition's own file that caused it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from ..model.load import Document, Edition
from ..problems import Problem
from ..xmlio import TEI as T
from ..xmlio import TEI_NS, XML_ID

# The attributes that hold pointers (as the Schematron's "pointers" pattern lists them).
POINTER_ATTRIBUTES = ("ref", "who", "resp", "ana", "corresp", "calendar", "datingMethod", "source",
                      "target", "scheme")
# Register lists in the order a standOff gives them.
LISTS = (T + "listPerson", T + "listPlace", T + "listOrg", T + "listEvent")
# Header containers a document has at most one of: their contents are merged, not repeated.
_SINGLETONS = frozenset(T + name for name in ("fileDesc", "titleStmt", "encodingDesc", "profileDesc",
                                               "calendarDesc", "classDecl"))
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
TEI_ALL_URL = "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"


def _xml_model(href: str, schematypens: str) -> etree._ProcessingInstruction:
    """An xml-model link, so that an XML editor validates the exported file as it opens it."""
    return etree.ProcessingInstruction(
        "xml-model", f'href="{href}" type="application/xml" schematypens="{schematypens}"')


@dataclass
class Built:
    """An exported TEI tree, and for each element copied from the edition, its origin."""

    tree: etree._ElementTree
    origin: dict[etree._Element, tuple[Document, etree._Element]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def adopt(self, source: etree._Element, doc: Document) -> etree._Element:
        """A deep copy of ``source`` whose elements remember ``doc`` and their original."""
        twin = copy.deepcopy(source)
        twin.tail = None
        for original, copied in zip(source.iter(), twin.iter()):
            self.origin[copied] = (doc, original)
        return twin


@dataclass
class Definitions:
    """Where each xml:id of the edition is defined, and what kind of file defines it."""

    first: dict[str, tuple[Document, etree._Element]]
    order: dict[etree._Element, int]

    @classmethod
    def of(cls, edition: Edition) -> "Definitions":
        first: dict[str, tuple[Document, etree._Element]] = {}
        order: dict[etree._Element, int] = {}
        for doc in edition.documents:
            for el in doc.tree.getroot().iter():
                if not isinstance(el.tag, str):
                    continue
                order[el] = len(order)
                xml_id = el.get(XML_ID)
                if xml_id and xml_id not in first:
                    first[xml_id] = (doc, el)
        return cls(first, order)


def pointers(el: etree._Element) -> list[str]:
    """The ids that ``el`` and its descendants point to with ``#id``, in document order."""
    found = []
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        for name in POINTER_ATTRIBUTES:
            for token in (node.get(name) or "").split():
                if token.startswith("#") and len(token) > 1:
                    found.append(token[1:])
    return found


def local_ids(root: etree._Element) -> set[str]:
    return {el.get(XML_ID) for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)}


def register_entry(el: etree._Element) -> etree._Element | None:
    """The register entry (a child of listPerson, listPlace, …) that holds ``el``, if any."""
    node = el
    while node is not None:
        parent = node.getparent()
        if parent is not None and parent.tag in LISTS:
            return node
        node = parent
    return None


def _laid_out(parent: etree._Element, child: etree._Element, position: int) -> None:
    """Insert ``child`` at ``position``, indented like its new siblings (a readable file)."""
    before = parent[position - 1] if position > 0 else None
    gap = (before.tail if before is not None else parent.text) or "\n"
    if not gap.strip():
        child.tail = gap
        parent.insert(position, child)
        if position == len(parent) - 1 and before is not None:  # now last: it closes the parent
            child.tail, before.tail = before.tail, (parent.text or gap)
    else:
        parent.insert(position, child)


def _insert_in_header(parent: etree._Element, child: etree._Element) -> None:
    """Append ``child``, keeping revisionDesc last in a teiHeader as TEI requires."""
    last = parent[-1] if len(parent) else None
    if parent.tag == T + "teiHeader" and last is not None and last.tag == T + "revisionDesc":
        _laid_out(parent, child, len(parent) - 1)
    else:
        _laid_out(parent, child, len(parent))


def graft_header_part(built: Built, doc: Document, el: etree._Element) -> etree._Element | None:
    """Copy the smallest self-contained part of ``doc``'s header that holds ``el`` into ours.

    Singleton containers (titleStmt, profileDesc, calendarDesc …) are matched with the
    document's own; the first repeatable element on the way down (a respStmt, a
    calendarDesc the text lacks) is copied whole, so that what is copied stays valid.
    """
    path = [a for a in el.iterancestors() if a.tag != T + "TEI"][::-1] + [el]
    path = path[path.index(next(a for a in path if a.tag == T + "teiHeader")) + 1:]
    target = built.tree.getroot().find(T + "teiHeader")
    for step in path:
        existing = target.find(step.tag) if step.tag in _SINGLETONS else None
        if existing is None:
            copied = built.adopt(step, doc)
            _insert_in_header(target, copied)
            return copied
        target = existing
    return None


def _stand_off(built: Built, entries: list[tuple[Document, etree._Element]],
               definitions: Definitions) -> etree._Element | None:
    if not entries:
        return None
    stand_off = etree.Element(T + "standOff")
    stand_off.text = "\n    "
    for list_tag in LISTS:
        members = sorted((e for e in entries if e[1].getparent().tag == list_tag),
                         key=lambda e: definitions.order[e[1]])
        if members:
            listing = etree.SubElement(stand_off, list_tag)
            listing.text, listing.tail = "\n      ", "\n    "
            for doc, entry in members:
                copied = built.adopt(entry, doc)
                copied.tail = "\n      "
                listing.append(copied)
            listing[-1].tail = "\n    "
    stand_off[-1].tail = "\n  "
    stand_off.tail = "\n  "
    return stand_off


def _rewrite_pointer(built: Built, other: Document, xml_id: str) -> None:
    """Point ``#id`` of another text to that text's exported file instead."""
    target = f"{other.id}.xml#{xml_id}"
    for node in built.tree.getroot().iter():
        if not isinstance(node.tag, str):
            continue
        for name in POINTER_ATTRIBUTES:
            value = node.get(name)
            if value and f"#{xml_id}" in value.split():
                node.set(name, " ".join(target if t == f"#{xml_id}" else t for t in value.split()))


def standalone(doc: Document, definitions: Definitions) -> Built:
    """``doc`` with copies of every register entry and header part it points to, in itself."""
    root = copy.deepcopy(doc.tree.getroot())
    tree = etree.ElementTree(root)
    built = Built(tree)
    for original, copied in zip(doc.tree.getroot().iter(), root.iter()):
        built.origin[copied] = (doc, original)
    entries: list[tuple[Document, etree._Element]] = []
    known = local_ids(root)  # ids the standalone document defines, or will once the standOff is in
    pending = pointers(root)
    while pending:
        xml_id = pending.pop()
        if xml_id in known:
            continue
        known.add(xml_id)
        found = definitions.first.get(xml_id)
        if found is None:
            continue  # a dangling pointer: the Schematron reports it at validation
        source, el = found
        entry = register_entry(el) if source.kind == "register" else None
        if entry is not None:
            entries.append((source, entry))
            known |= local_ids(entry)
            pending += pointers(entry)
        elif source.kind == "corpus" and any(a.tag == T + "teiHeader" for a in el.iterancestors()):
            copied = graft_header_part(built, source, el)
            if copied is not None:
                known |= local_ids(copied)
                pending += pointers(copied)
        elif source.kind == "text":
            _rewrite_pointer(built, source, xml_id)
        else:
            built.problems.append(Problem(doc.rel, 1, 1, "error", (
                f"'#{xml_id}' points to {source.rel}, outside a register entry or the corpus "
                "header: it cannot be included in the standalone export"), rule="export"))
    stand_off = _stand_off(built, entries, definitions)
    if stand_off is not None:
        root.find(T + "teiHeader").addnext(stand_off)
    return built


def with_schema_links(tree: etree._ElementTree, links: list[etree._ProcessingInstruction]) -> bytes:
    """The document's bytes: XML declaration, the xml-model links, the tree, a final newline."""
    lines = [b'<?xml version="1.0" encoding="UTF-8"?>'] + [etree.tostring(pi) for pi in links]
    lines.append(etree.tostring(tree.getroot(), encoding="UTF-8", xml_declaration=False))
    return b"\n".join(lines) + b"\n"


def standalone_bytes(built: Built) -> bytes:
    links = [_xml_model("../schema/edition.rng", RNG_NS), _xml_model("../schema/edition.sch", SCH_NS)]
    return with_schema_links(built.tree, links)


def corpus(edition: Edition, texts: list[Document]) -> Built:
    """The edition as one teiCorpus: the corpus header, the registers and the texts, each a TEI.

    The registers stay TEI documents of their own inside the corpus, so that every
    pointer of a text resolves within the one file. The corpus header's short text
    (which describes the edition's folders) has no place in a teiCorpus and is left out.
    """
    header_doc = edition.corpus
    root = etree.Element(T + "teiCorpus", nsmap={None: TEI_NS})
    built = Built(etree.ElementTree(root))
    for name, value in header_doc.tree.getroot().attrib.items():
        root.set(name, value)
    root.text = "\n  "
    for doc, el in [(header_doc, header_doc.tree.getroot().find(T + "teiHeader"))] + [
            (doc, doc.tree.getroot()) for doc in edition.registers + texts]:
        copied = built.adopt(el, doc)
        copied.tail = "\n  "
        root.append(copied)
    root[-1].tail = "\n"
    return built


def corpus_bytes(built: Built) -> bytes:
    links = [_xml_model(TEI_ALL_URL, RNG_NS), _xml_model("../schema/edition.sch", SCH_NS)]
    return with_schema_links(built.tree, links)
