"""Machine access by the field's API: a static Distributed Text Services (DTS 1.0) endpoint set.

DTS clients list a corpus's texts (Collection endpoint), read the citable structure of a
text (Navigation) and fetch a text or one citable passage as TEI (Document). A DTS server
answers query strings (``collection/{?id,page,nav}``); a static host cannot, so the build
writes one file for each answer it gives and states, in the entry point
(``dts/index.json``), RFC 6570 path templates that lead to those files, as the
specification allows for static implementations ("URI Templates examples for static
website"):

* ``dts/collection{/id}.json``: the edition (no id, or its own id) and each text;
* ``dts/navigation/{resource}{/ref}.json``: the whole citation tree of a text, or one
  citable unit with all its descendants (the answers a server gives to ``down=-1``);
* ``dts/document/{resource}{/ref}.xml``: the TEI file of a text, or one passage in the
  ``dts:wrapper`` a fragment must come in.

The citable units are the TEI's own: every ``div`` with an ``xml:id`` (its ``@type`` is
its citeType) and every paragraph with an ``xml:id`` outside paragraphs and notes. A
unit's identifier is its ``xml:id`` where that is a safe file name (every id of this
edition is), else the safe name made from it (ria/safenames.py): the identifier names the
unit's files, so a client expanding the templates with it always finds them.

A public build (ria/model/rights.py) lists a withheld text and its units, but writes no
Document file for it: its words are not published.
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from ..model import readings
from ..model.index import Index, TextInfo
from ..model.load import Document, Edition
from ..safenames import PageNames, safe_name, site_path
from ..xmlio import LANGUAGE_TAG, TEI_NS, XML_ID, XML_LANG
from ..xmlio import TEI as T

DTS_VERSION = "1.0"
CONTEXT = "https://dtsapi.org/context/v1.0.json"  # the JSON-LD context the 1.0 specification names
# The namespace the DTS group registered (w3id.org/dts/api), which earlier versions and most
# servers use; the 1.0 text prints it, transposed, as "https://w3id.org/api/dts#".
WRAPPER_NS = "https://w3id.org/dts/api#"
TEI_MEDIA_TYPE = "application/tei+xml"
NAVIGATION_RESOURCE = ("@id", "@type", "collection", "navigation", "document", "citationTrees")
ENTRY = "dts/index.json"
COLLECTION = "dts/collection{/id}.json"
NAVIGATION = "dts/navigation/{resource}{/ref}.json"
DOCUMENT = "dts/document/{resource}{/ref}.xml"
_EXPRESSION = re.compile(r"\{(/?)(\w+)\}")  # the only two RFC 6570 forms the templates use
_PARAGRAPH, _DIV, _HEAD, _NOTE = T + "p", T + "div", T + "head", T + "note"


@dataclass
class CitableUnit:
    identifier: str
    level: int
    parent: str | None
    cite_type: str
    title: str
    element: etree._Element


def site_files(edition: Edition, index: Index, base_url: str = "",
               withheld: set[str] = frozenset()) -> dict[str, bytes]:
    """Every file of the DTS endpoint set, as site path → bytes; nothing of a withheld text's words."""
    docs = {doc.id: doc for doc in edition.texts}
    root_id = safe_name(edition.corpus.id) if edition.corpus is not None else "edition"
    units = {text.id: citable_units(docs[text.id]) for text in index.texts}
    resources: dict[tuple[str, str], dict] = {}
    files: dict[str, bytes] = {}

    def resource(text: TextInfo, here: str) -> dict:
        # The same for every file of a folder (its links are relative to the folder): made once.
        key = (text.id, posixpath.dirname(here))
        if key not in resources:
            resources[key] = resource_object(text, docs[text.id], units[text.id], text.id in withheld,
                                             lambda target: address(target, here, base_url))
        return resources[key]

    def write_json(path: str, obj: dict) -> None:
        # Compact: some thousand files, written by json's C encoder (an indented dump is pure Python).
        files[str(site_path(path))] = json.dumps({"@context": CONTEXT, "dtsVersion": DTS_VERSION, **obj},
                                                 ensure_ascii=False, sort_keys=True,
                                                 separators=(",", ":")).encode("utf-8")

    entry_point = {"@id": address(ENTRY, ENTRY, base_url), "@type": "EntryPoint"}
    entry_point.update({name: address(template, ENTRY, base_url) for name, template in
                        (("collection", COLLECTION), ("navigation", NAVIGATION), ("document", DOCUMENT))})
    write_json(ENTRY, entry_point)
    # The root collection answers both without an id and with its own.
    for here in (expand(COLLECTION), expand(COLLECTION, id=root_id)):
        write_json(here, root_collection(edition, index, root_id, [resource(text, here) for text in index.texts],
                                         address(COLLECTION, here, base_url)))
    for text in index.texts:
        here = expand(COLLECTION, id=text.id)
        write_json(here, resource(text, here))
        text_units = units[text.id]
        here = expand(NAVIGATION, resource=text.id)
        write_json(here, navigation(resource(text, here), address(here, here, base_url), text_units))
        for position, unit in enumerate(text_units):
            here = expand(NAVIGATION, resource=text.id, ref=unit.identifier)
            write_json(here, navigation(resource(text, here), address(here, here, base_url),
                                        subtree(text_units, position), ref=unit))
        if text.id in withheld:
            continue  # rights: a public build gives none of its words (README, "Rights")
        files[str(site_path(expand(DOCUMENT, resource=text.id)))] = docs[text.id].data
        for unit in text_units:
            files[str(site_path(expand(DOCUMENT, resource=text.id, ref=unit.identifier)))] = \
                passage_document(unit.element)
    return files


def fill(template: str, **values: str) -> str:
    """``template`` with the given variables filled in (an empty one drops out with its '/'), the others kept."""
    return _EXPRESSION.sub(lambda m: (m.group(1) + values[m.group(2)] if values[m.group(2)] else "")
                           if m.group(2) in values else m.group(0), template)


def expand(template: str, **values: str) -> str:
    """The site path a template leads to; a variable without a value drops out with its '/'.

    The values are safe file names (ids checked by ria/model/load.py, units named by
    citable_units), so they stand in the path as they are, as a static host decodes them.
    """
    return _EXPRESSION.sub("", fill(template, **values))


def address(target: str, here: str, base_url: str) -> str:
    """``target`` (a site path or template) as the file ``here`` refers to it: absolute under
    ``base_url``, else relative to ``here``, as a client resolves a link against the response."""
    if base_url:
        return base_url.rstrip("/") + "/" + target
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def citable_units(doc: Document) -> list[CitableUnit]:
    """The text's divisions and paragraphs with an xml:id, in document order.

    Paragraphs inside paragraphs (a note's) and inside notes belong to the passage around
    them; a division or paragraph without an xml:id has no stable reference to give.
    """
    units: list[CitableUnit] = []
    of_element: dict[etree._Element, CitableUnit] = {}
    names = PageNames("passage")
    for el in doc.tree.getroot().iterfind(f".//{T}text//*"):
        if el.tag not in (_DIV, _PARAGRAPH) or not el.get(XML_ID):
            continue
        enclosing = [a for a in el.iterancestors() if a.tag in (_PARAGRAPH, _NOTE) or a in of_element]
        if any(a.tag in (_PARAGRAPH, _NOTE) for a in enclosing):
            continue
        parent = next((of_element[a] for a in enclosing if a in of_element), None)
        xml_id = el.get(XML_ID)
        # Ids that differ only in case would be one file on Windows and macOS: the second is renamed.
        name = safe_name(xml_id)
        identifier = name if names.free(name) else safe_name(xml_id + "\0")
        names.claim([identifier], doc.rel)
        cite_type = "paragraph" if el.tag == _PARAGRAPH else el.get("type") or "division"
        unit = CitableUnit(identifier, parent.level + 1 if parent else 1, parent.identifier if parent else None,
                           cite_type, unit_title(el, cite_type), el)
        units.append(unit)
        of_element[el] = unit
    return units


def unit_title(el: etree._Element, cite_type: str) -> str:
    """A division's heading as the reading text gives it (the edition's notes left out), or its @n."""
    if el.tag != _DIV:
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


def citation_trees(units: list[CitableUnit]) -> list[dict]:
    """One CitationTree with every path of citeTypes the text has (chapter → section → paragraph,
    chapter → paragraph …): the spec asks for all the hierarchical relations that occur."""
    if not units:
        return []  # a text with nothing to cite has no citation tree
    root: dict = {}
    path: list[str] = []
    for unit in units:
        path = path[:unit.level - 1] + [unit.cite_type]
        node = root
        for cite_type in path:
            node = node.setdefault(cite_type, {})  # dicts keep the order types first appear in

    def structures(node: dict) -> list[dict]:
        return [{"@type": "CiteStructure", "citeType": cite_type,
                 **({"citeStructure": structures(below)} if below else {})} for cite_type, below in node.items()]

    return [{"@type": "CitationTree", "citeStructure": structures(root)}]


def unit_object(unit: CitableUnit, lang: str) -> dict:
    obj = {"@type": "CitableUnit", "identifier": unit.identifier, "level": unit.level,
           "parent": unit.parent, "citeType": unit.cite_type}
    if unit.title:
        obj["dublinCore"] = {"title": [{"lang": lang, "value": unit.title}]}
    return obj


def text_language(doc: Document) -> tuple[str, list[str]]:
    """The text's main language and every language its header declares (BCP 47 tags only)."""
    root = doc.tree.getroot()
    declared = [tag for tag in root.xpath("t:teiHeader/t:profileDesc/t:langUsage/t:language/@ident",
                                          namespaces={"t": TEI_NS}) if LANGUAGE_TAG.fullmatch(tag)]
    main = root.get(XML_LANG) if LANGUAGE_TAG.fullmatch(root.get(XML_LANG) or "") else ""
    main = main or (declared[0] if declared else "en")
    return main, declared or [main]


def licences(doc: Document) -> list[str]:
    return [target for target in doc.tree.getroot().xpath(
        "t:teiHeader/t:fileDesc/t:publicationStmt/t:availability/t:licence/@target", namespaces={"t": TEI_NS})
        if target.startswith(("http://", "https://"))]


def resource_object(text: TextInfo, doc: Document, units: list[CitableUnit], withheld: bool, link) -> dict:
    lang, languages = text_language(doc)
    dublin_core = {"title": [{"lang": lang, "value": text.title}], "language": languages}
    if text.availability_note:
        dublin_core["rights"] = [{"lang": "en", "value": text.availability_note}]
    if text.author:
        dublin_core["creator"] = [{"lang": lang, "value": text.author}]
    if text.date:
        dublin_core["date"] = text.date
    if licences(doc):
        dublin_core["license"] = licences(doc)
    if withheld:
        dublin_core["accessRights"] = [{"lang": "en", "value": "This build does not publish the words of this "
                                        "text (its rights do not allow it): its Document endpoint is empty."}]
    return {"@id": text.id, "@type": "Resource", "title": text.title,
            "description": text.sources[0] if text.sources else text.title,
            "dublinCore": dublin_core, "citationTrees": citation_trees(units),
            "mediaTypes": [] if withheld else [TEI_MEDIA_TYPE],
            "totalParents": 1, "totalChildren": 0,
            "collection": link(expand(COLLECTION, id=text.id)),
            "navigation": link(fill(NAVIGATION, resource=text.id)),
            "document": link(fill(DOCUMENT, resource=text.id))}


def root_collection(edition: Edition, index: Index, root_id: str, members: list[dict],
                    collection_template: str) -> dict:
    lang, languages = text_language(edition.corpus) if edition.corpus is not None else ("en", ["en"])
    dublin_core = {"title": [{"lang": lang, "value": index.title}], "language": languages}
    if edition.corpus is not None:
        if licences(edition.corpus):
            dublin_core["license"] = licences(edition.corpus)
        header = edition.corpus.tree.getroot().find(f"{T}teiHeader")
        publisher = header.findtext(f"{T}fileDesc/{T}publicationStmt/{T}publisher") if header is not None else ""
        if publisher:
            dublin_core["publisher"] = [" ".join(publisher.split())]
    return {"@id": root_id, "@type": "Collection", "title": index.title,
            "description": index.subtitle or index.title, "dublinCore": dublin_core,
            "totalParents": 0, "totalChildren": len(members), "member": members,
            "collection": collection_template}


def navigation(resource: dict, own_address: str, members: list[CitableUnit],
               ref: CitableUnit | None = None) -> dict:
    lang = resource["dublinCore"]["title"][0]["lang"]
    # The members a Navigation's Resource must have; its metadata is the Collection endpoint's.
    obj = {"@id": own_address, "@type": "Navigation",
           "resource": {key: resource[key] for key in NAVIGATION_RESOURCE},
           "member": [unit_object(unit, lang) for unit in members]}
    if ref is not None:
        obj["ref"] = unit_object(ref, lang)
    return obj


def passage_document(element: etree._Element) -> bytes:
    """One passage as DTS wants it: the TEI element, whole, in a dts:wrapper inside a TEI root."""
    tei = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    wrapper = etree.SubElement(tei, f"{{{WRAPPER_NS}}}wrapper", nsmap={"dts": WRAPPER_NS})
    passage = copy.deepcopy(element)
    passage.tail = "\n"
    wrapper.text = "\n"
    wrapper.append(passage)
    wrapper.tail = "\n"
    tei.text = "\n"
    etree.cleanup_namespaces(tei, keep_ns_prefixes=["dts"])
    return etree.tostring(tei, xml_declaration=True, encoding="UTF-8") + b"\n"
