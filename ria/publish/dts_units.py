"""The citable units of a text, for the DTS endpoint set (dts.py): what a client can cite and fetch.

Where the text declares how it is cited (``teiHeader/encodingDesc/refsDecl/citeStructure``,
TEI Guidelines 16.2.5.4), its units are the ones the declaration gives: each
``citeStructure``'s ``@match`` (XPath 3.1, unprefixed names in the TEI namespace; absolute at
the top, relative to each unit of the structure around it below) selects the units, its
``@use`` evaluated on each gives its reference (``position()`` is its place among them), put
after its parent's reference and the structure's ``@delim``; its ``@unit`` is their citeType.
Otherwise the TEI's own markup gives them: every division (``div``, ``div1``–``div7``) and
paragraph with an ``xml:id``, identified by it, and every division without one but with an
``@n``, identified by its parent unit's reference, a full stop and its ``@n`` (a letter's
``<div type="writingSession" n="2">`` is "2"); a division's ``@type`` is its citeType. Units
inside paragraphs and notes belong to the passage around them; a paragraph without an id has
no stable reference to give.

A unit's identifier names its files, so it is its reference where that is a safe file name and
else the safe name made from it (ria/safenames.py); references that would be one file (equal,
or equal but for case) are told apart by a hash.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from ..model import readings
from ..problems import Problem
from ..safenames import PageNames, safe_name
from ..xmlio import TEI_NS, XML_ID
from ..xmlio import TEI as T

_PARAGRAPH, _HEAD, _NOTE = T + "p", T + "head", T + "note"
_DIVISIONS = frozenset({T + "div", *(f"{T}div{n}" for n in range(1, 8))})
_CITE_STRUCTURE, _REFS_DECL = T + "citeStructure", T + "refsDecl"


@dataclass
class CitableUnit:
    identifier: str
    level: int
    parent: str | None
    cite_type: str
    title: str
    element: etree._Element


class _Names:
    """The identifiers given so far in one text: each reference's safe name, told apart from the others."""

    def __init__(self, rel: str):
        self._names, self._rel = PageNames("passage"), rel

    def give(self, reference: str) -> str:
        variant = reference
        while True:
            name = safe_name(variant)
            if self._names.free(name):
                self._names.claim([name], self._rel)
                return name
            variant += "\0"  # a name of its own, made from the reference and a hash


def citable_units(doc, problems: list[Problem] | None = None) -> list[CitableUnit]:
    """The text's citable units in document order (``doc``: a document with ``tree`` and ``rel``).
    A citeStructure that cannot be evaluated is reported in ``problems`` and the markup's units are given."""
    root = doc.tree.getroot()
    declared = _declared_structures(root)
    if declared:
        try:
            return _units_declared(doc.tree, declared, _Names(doc.rel))
        except _Unusable as err:
            if problems is not None:
                problems.append(Problem(doc.rel, err.line, 1, "warning", f"its citeStructure cannot be used "
                                        f"({err}): its DTS units are its divisions and paragraphs",
                                        rule="cite-structure"))
    return _units_marked(root, _Names(doc.rel))


def _units_marked(root: etree._Element, names: _Names) -> list[CitableUnit]:
    units: list[CitableUnit] = []
    of_element: dict[etree._Element, CitableUnit] = {}
    for el in root.iterfind(f".//{T}text//*"):
        xml_id, division = el.get(XML_ID), el.tag in _DIVISIONS
        if not (division or el.tag == _PARAGRAPH) or not (xml_id or division and (el.get("n") or "").strip()):
            continue
        enclosing = [a for a in el.iterancestors() if a.tag in (_PARAGRAPH, _NOTE) or a in of_element]
        if any(a.tag in (_PARAGRAPH, _NOTE) for a in enclosing):
            continue
        parent = next((of_element[a] for a in enclosing if a in of_element), None)
        reference = xml_id or (f"{parent.identifier}." if parent else "") + " ".join(el.get("n").split())
        cite_type = "paragraph" if el.tag == _PARAGRAPH else el.get("type") or "division"
        unit = CitableUnit(names.give(reference), parent.level + 1 if parent else 1,
                           parent.identifier if parent else None, cite_type, unit_title(el, cite_type), el)
        units.append(unit)
        of_element[el] = unit
    return units


class _Unusable(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def _declared_structures(root: etree._Element) -> list[etree._Element]:
    """The outer citeStructures of the text's reference declaration (the one marked default, else the first)."""
    declarations = [d for d in root.iterfind(f"{T}teiHeader/{T}encodingDesc/{_REFS_DECL}")
                    if d.find(_CITE_STRUCTURE) is not None]
    chosen = next((d for d in declarations if d.get("default") == "true"), declarations[0] if declarations else None)
    return chosen.findall(_CITE_STRUCTURE) if chosen is not None else []


def _units_declared(tree: etree._ElementTree, structures: list[etree._Element], names: _Names) -> list[CitableUnit]:
    import elementpath
    from elementpath.xpath31 import XPath31Parser
    from elementpath.xpath_nodes import ElementNode

    # Unprefixed names are TEI's, as in TEI's own examples (XSLT 3's default namespace); the
    # expressions are the document's, so they read nothing outside it (no file, address or variable).
    parser = XPath31Parser(namespaces={"": TEI_NS}, allow_external_resources=False, allow_environment=False)
    document = elementpath.XPathContext(tree).root  # made once: each evaluation below starts from it
    selections: dict[etree._Element, object] = {}

    def select(structure: etree._Element, context) -> list:
        match, use = structure.get("match", ""), structure.get("use", "")
        try:
            if structure not in selections:  # each unit with its reference: position() is its place among them
                selections[structure] = parser.parse(f"({match}) ! (., string(({use})[1]))")
            return list(selections[structure].select(elementpath.XPathContext(document, item=context)))
        except elementpath.ElementPathError as err:
            raise _Unusable(f"match {match!r}, use {use!r}: {err}", structure.sourceline or 1) from None

    def walk(structure: etree._Element, context, parent: CitableUnit | None, reference: str) -> list[CitableUnit]:
        found = select(structure, context)
        units = []
        for node, value in zip(found[::2], found[1::2]):
            if not isinstance(node, ElementNode) or not value:
                continue  # only an element with a reference is a unit
            element = node.elem
            own = reference + structure.get("delim", "") + value
            cite_type = structure.get("unit") or etree.QName(element).localname
            unit = CitableUnit(names.give(own), parent.level + 1 if parent else 1,
                               parent.identifier if parent else None, cite_type, unit_title(element, cite_type),
                               element)
            units.append(unit)
            for inner in structure.iterfind(_CITE_STRUCTURE):
                units.extend(walk(inner, node, unit, own))
        return units

    # Several outer structures (the front's and the body's, say): their top units in document order,
    # each followed by the units within it.
    order = {el: n for n, el in enumerate(tree.iter())}
    blocks: list[list[CitableUnit]] = []
    for structure in structures:
        for unit in walk(structure, document, None, ""):
            if unit.level == 1:
                blocks.append([])
            blocks[-1].append(unit)
    blocks.sort(key=lambda block: order.get(block[0].element, 0))
    return [unit for block in blocks for unit in block]


def unit_title(el: etree._Element, cite_type: str) -> str:
    """A division's heading as the reading text gives it (the edition's notes left out), or its @n."""
    if el.tag not in _DIVISIONS:
        return ""
    head = el.find(_HEAD)
    if head is not None:
        head = copy.deepcopy(head)
        etree.strip_elements(head, _NOTE, with_tail=False)  # a heading's notes are not its title
        heading = " ".join(readings.block_reading(head, frozenset())[0].split())
        if heading:
            return heading
    return f"{cite_type} {el.get('n')}" if el.get("n") else ""


def subtree(units: list[CitableUnit], position: int) -> list[CitableUnit]:
    """The unit at ``position`` and its descendants: in document order, the run after it that lies deeper."""
    end = position + 1
    while end < len(units) and units[end].level > units[position].level:
        end += 1
    return units[position:end]


def cite_paths(units: list[CitableUnit]) -> tuple[tuple[str, ...], ...]:
    """Every path of citeTypes the text has (chapter → section → paragraph, chapter → paragraph …),
    in the order each first appears: all its citation tree is made from."""
    paths: dict[tuple[str, ...], None] = {}
    path: list[str] = []
    for unit in units:
        path = path[:unit.level - 1] + [unit.cite_type]
        paths.setdefault(tuple(path), None)
    return tuple(paths)


def citation_trees(paths: tuple[tuple[str, ...], ...]) -> list[dict]:
    """One CitationTree with every path of citeTypes ``paths`` gives and no other: the spec asks
    for all the hierarchical relations that occur."""
    if not paths:
        return []  # a text with nothing to cite has no citation tree
    root: dict = {}
    for path in paths:
        node = root
        for cite_type in path:
            node = node.setdefault(cite_type, {})  # dicts keep the order types first appear in

    def structures(node: dict) -> list[dict]:
        return [{"@type": "CiteStructure", "citeType": cite_type,
                 **({"citeStructure": structures(below)} if below else {})} for cite_type, below in node.items()]

    return [{"@type": "CitationTree", "citeStructure": structures(root)}]
