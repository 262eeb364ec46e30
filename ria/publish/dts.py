"""Machine access by the field's API: a static Distributed Text Services (DTS 1.0) endpoint set.

DTS clients list a corpus's texts (Collection endpoint), read the citable structure of a
text (Navigation) and fetch a text or one citable passage as TEI (Document). A DTS server
answers query strings (``collection/{?id,page,nav}``); a static host cannot, so the build
writes one file for each answer it gives and states, in the entry point
(``dts/index.json``), RFC 6570 path templates that lead to those files, as the
specification allows for static implementations ("URI Templates examples for static
website"):

* ``dts/collection{/id}.json``: the edition or corpus (no id, or its own id) and each text; a
  collection of more than ``PAGE_SIZE`` texts is cut into pages, ``dts/collection{/id}{;page}.json``
  (``collection/corpus;page=2.json``: RFC 6570's path-style parameter, as the specification's
  own static templates use it), each with its ``view`` (Pagination) to the first, previous, next
  and last, so that no file grows with the corpus;
* ``dts/navigation/{resource}{/ref}.json``: the whole citation tree of a text, or one
  citable unit with all its descendants (the answers a server gives to ``down=-1``);
* ``dts/document/{resource}{/ref}.xml``: the TEI file of a text, or one passage in the
  ``dts:wrapper`` a fragment must come in.

The citable units are the TEI's own (dts_units.py): those its ``refsDecl/citeStructure``
declares, else every division and paragraph with an ``xml:id`` (every unit of this edition)
and every division with an ``@n`` where it has no id. A unit's identifier names its files, so a
client expanding the templates with it always finds them.

The files of one text (``text_files``) are made from that text alone, and the collection's pages
(``collection_page``) from a small record a text (``ResourceFacts``) and the index's: a corpus
build (ria/corpus/dts.py) writes a text's files as it writes its page, holding no tree.

A public build (ria/model/rights.py) lists a withheld text and its units, but writes no
Document file for it: its words are not published.
"""

from __future__ import annotations

import copy
import json
import posixpath
import re
from dataclasses import dataclass
from typing import Sequence

from lxml import etree

from ..model.index import Index, TextInfo
from ..model.load import Edition
from ..safenames import safe_name, site_path
from ..xmlio import LANGUAGE_TAG, TEI_NS, XML_LANG
from ..xmlio import TEI as T
from .dts_units import CitableUnit, citable_units, citation_trees, cite_paths, subtree

__all__ = ["CitableUnit", "citable_units", "site_files", "text_files", "collection_page", "entry_point"]

DTS_VERSION = "1.0"
CONTEXT = "https://dtsapi.org/context/v1.0.json"  # the JSON-LD context the 1.0 specification names
# The namespace the DTS group registered (w3id.org/dts/api), which earlier versions and most
# servers use; the 1.0 text prints it, transposed, as "https://w3id.org/api/dts#".
WRAPPER_NS = "https://w3id.org/dts/api#"
TEI_MEDIA_TYPE = "application/tei+xml"
NAVIGATION_RESOURCE = ("@id", "@type", "collection", "navigation", "document", "citationTrees")
ENTRY = "dts/index.json"
COLLECTION = "dts/collection{/id}.json"
COLLECTION_PAGED = "dts/collection{/id}{;page}.json"
NAVIGATION = "dts/navigation/{resource}{/ref}.json"
DOCUMENT = "dts/document/{resource}{/ref}.xml"
PAGE_SIZE = 200  # texts on a page of a collection: a page stays under a few hundred kilobytes
_EXPRESSION = re.compile(r"\{([/;]?)(\w+)\}")  # the only RFC 6570 forms the templates use


@dataclass(frozen=True)
class ResourceFacts:
    """What a text's Collection entry takes from its TEI besides the index's record (its
    languages, licences and the paths of its citation tree): a small record, the same for
    many texts of a corpus, which a corpus build keeps of each text until its collection's pages."""

    lang: str
    languages: tuple[str, ...]
    licences: tuple[str, ...]
    cite_paths: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class RootCollection:
    """What the root collection says of itself."""

    id: str
    title: str
    description: str
    lang: str
    languages: tuple[str, ...]
    licences: tuple[str, ...] = ()
    publisher: str = ""


Member = tuple[TextInfo, ResourceFacts, bool]  # a text of the collection: its record, its facts, withheld


def resource_facts(root: etree._Element, units: list[CitableUnit]) -> ResourceFacts:
    lang, languages = text_language(root)
    return ResourceFacts(lang, tuple(languages), tuple(licences(root)), cite_paths(units))


def site_files(edition: Edition, index: Index, base_url: str = "",
               withheld: set[str] = frozenset()) -> dict[str, bytes]:
    """Every file of the DTS endpoint set, as site path → bytes; nothing of a withheld text's words."""
    docs = {doc.id: doc for doc in edition.texts}
    files = entry_point(base_url, paged=len(index.texts) > PAGE_SIZE)
    members = []
    for text in index.texts:
        doc = docs[text.id]
        units = citable_units(doc)
        facts = resource_facts(doc.tree.getroot(), units)
        files.update(text_files(text, doc.data, units, facts, text.id in withheld, base_url))
        members.append((text, facts, text.id in withheld))
    corpus = edition.corpus
    lang, languages = text_language(corpus.tree.getroot()) if corpus is not None else ("en", ["en"])
    publisher = (corpus.tree.getroot().findtext(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt/{T}publisher")
                 or "") if corpus is not None else ""
    root = RootCollection(safe_name(corpus.id) if corpus is not None else "edition", index.title,
                          index.subtitle or index.title, lang, tuple(languages),
                          tuple(licences(corpus.tree.getroot())) if corpus is not None else (),
                          " ".join(publisher.split()))
    pages = max(1, -(-len(members) // PAGE_SIZE))
    for number in range(1, pages + 1):
        files.update(collection_page(root, members[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], number,
                                     pages, len(members), base_url))
    return files


def _json(path: str, obj: dict) -> dict[str, bytes]:
    # Compact: some thousand files, written by json's C encoder (an indented dump is pure Python).
    return {str(site_path(path)): json.dumps({"@context": CONTEXT, "dtsVersion": DTS_VERSION, **obj},
                                             ensure_ascii=False, sort_keys=True,
                                             separators=(",", ":")).encode("utf-8")}


def entry_point(base_url: str, paged: bool) -> dict[str, bytes]:
    """dts/index.json: the endpoints' templates (the collection's with its pages where it has several)."""
    templates = (("collection", COLLECTION_PAGED if paged else COLLECTION), ("navigation", NAVIGATION),
                 ("document", DOCUMENT))
    return _json(ENTRY, {"@id": address(ENTRY, ENTRY, base_url), "@type": "EntryPoint",
                         **{name: address(template, ENTRY, base_url) for name, template in templates}})


def text_files(text: TextInfo, data: bytes, units: list[CitableUnit], facts: ResourceFacts, withheld: bool,
               base_url: str) -> dict[str, bytes]:
    """A text's files: its Collection entry, its Navigation and each unit's, and (unless ``withheld``:
    a public build gives none of its words, README "Rights") its TEI and each unit's passage."""
    resources: dict[str, dict] = {}

    def resource(here: str) -> dict:
        # The same for every file of a folder (its links are relative to the folder): made once.
        folder = posixpath.dirname(here)
        if folder not in resources:
            resources[folder] = resource_object(text, facts, withheld, lambda target: address(target, here, base_url))
        return resources[folder]

    here = expand(COLLECTION, id=text.id)
    files = _json(here, resource(here))
    here = expand(NAVIGATION, resource=text.id)
    files.update(_json(here, navigation(resource(here), address(here, here, base_url), units)))
    for position, unit in enumerate(units):
        here = expand(NAVIGATION, resource=text.id, ref=unit.identifier)
        files.update(_json(here, navigation(resource(here), address(here, here, base_url),
                                            subtree(units, position), ref=unit)))
    if withheld:
        return files
    files[str(site_path(expand(DOCUMENT, resource=text.id)))] = data
    for unit in units:
        files[str(site_path(expand(DOCUMENT, resource=text.id, ref=unit.identifier)))] = passage_document(unit.element)
    return files


def text_file_names(text_id: str, identifiers: Sequence[str], withheld: bool) -> list[str]:
    """The names of the files ``text_files`` gives a text with units of these identifiers."""
    names = [expand(COLLECTION, id=text_id), expand(NAVIGATION, resource=text_id)]
    names += [expand(NAVIGATION, resource=text_id, ref=identifier) for identifier in identifiers]
    if not withheld:
        names += [expand(DOCUMENT, resource=text_id)]
        names += [expand(DOCUMENT, resource=text_id, ref=identifier) for identifier in identifiers]
    return names


def collection_page(root: RootCollection, members: Sequence[Member], number: int, count: int, total: int,
                    base_url: str) -> dict[str, bytes]:
    """Page ``number`` of ``count`` of the root collection of ``total`` texts, answering without an
    id and with the collection's own: where there are several, under each page's name, page 1
    under the collection's too (the answer to no ``page``)."""
    files: dict[str, bytes] = {}
    for collection_id in ("", root.id):
        def page_name(n: int) -> str:
            return expand(COLLECTION_PAGED, id=collection_id, page=str(n))

        for here in _collection_names(collection_id, number, count):
            def link(target: str) -> str:
                return address(target, here, base_url)
            obj = root_collection(root, [resource_object(text, facts, withheld, link)
                                         for text, facts, withheld in members],
                                  total, link(COLLECTION_PAGED if count > 1 else COLLECTION))
            if count > 1:
                # (no previous link from the first page, no next from the last: they would lead nowhere)
                obj["view"] = {"@id": link(page_name(number)), "@type": "Pagination",
                               "first": link(page_name(1)), "last": link(page_name(count)),
                               **({"previous": link(page_name(number - 1))} if number > 1 else {}),
                               **({"next": link(page_name(number + 1))} if number < count else {})}
            files.update(_json(here, obj))
    return files


def collection_page_names(root: RootCollection, number: int, count: int) -> list[str]:
    """The files ``collection_page`` makes, without making them."""
    return [name for collection_id in ("", root.id) for name in _collection_names(collection_id, number, count)]


def _collection_names(collection_id: str, number: int, count: int) -> list[str]:
    names = [expand(COLLECTION, id=collection_id)] if number == 1 else []
    return names + ([expand(COLLECTION_PAGED, id=collection_id, page=str(number))] if count > 1 else [])


def fill(template: str, **values: str) -> str:
    """``template`` with the given variables filled in (an empty one drops out with its '/'), the others kept."""
    def expression(match) -> str:
        operator, name = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        if not values[name]:
            return ""
        return f";{name}={values[name]}" if operator == ";" else operator + values[name]
    return _EXPRESSION.sub(expression, template)


def expand(template: str, **values: str) -> str:
    """The site path a template leads to; a variable without a value drops out with its '/'.

    The values are safe file names (ids checked by ria/model/load.py, units named by
    citable_units, page numbers), so they stand in the path as they are, as a static host decodes them.
    """
    return _EXPRESSION.sub("", fill(template, **values))


def address(target: str, here: str, base_url: str) -> str:
    """``target`` (a site path or template) as the file ``here`` refers to it: absolute under
    ``base_url``, else relative to ``here``, as a client resolves a link against the response."""
    if base_url:
        return base_url.rstrip("/") + "/" + target
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def unit_object(unit: CitableUnit, lang: str) -> dict:
    obj = {"@type": "CitableUnit", "identifier": unit.identifier, "level": unit.level,
           "parent": unit.parent, "citeType": unit.cite_type}
    if unit.title:
        obj["dublinCore"] = {"title": [{"lang": lang, "value": unit.title}]}
    return obj


def text_language(root: etree._Element) -> tuple[str, list[str]]:
    """The text's main language and every language its header declares (BCP 47 tags only)."""
    declared = [tag for tag in root.xpath("t:teiHeader/t:profileDesc/t:langUsage/t:language/@ident",
                                          namespaces={"t": TEI_NS}) if LANGUAGE_TAG.fullmatch(tag)]
    main = root.get(XML_LANG) if LANGUAGE_TAG.fullmatch(root.get(XML_LANG) or "") else ""
    main = main or (declared[0] if declared else "en")
    return main, declared or [main]


def licences(root: etree._Element) -> list[str]:
    return [target for target in root.xpath(
        "t:teiHeader/t:fileDesc/t:publicationStmt/t:availability/t:licence/@target", namespaces={"t": TEI_NS})
        if target.startswith(("http://", "https://"))]


def resource_object(text: TextInfo, facts: ResourceFacts, withheld: bool, link) -> dict:
    dublin_core = {"title": [{"lang": facts.lang, "value": text.title}], "language": list(facts.languages)}
    if text.availability_note:
        dublin_core["rights"] = [{"lang": "en", "value": text.availability_note}]
    if text.author:
        dublin_core["creator"] = [{"lang": facts.lang, "value": text.author}]
    if text.date:
        dublin_core["date"] = text.date
    if facts.licences:
        dublin_core["license"] = list(facts.licences)
    if withheld:
        dublin_core["accessRights"] = [{"lang": "en", "value": "This build does not publish the words of this "
                                        "text (its rights do not allow it): its Document endpoint is empty."}]
    return {"@id": text.id, "@type": "Resource", "title": text.title,
            "description": text.sources[0] if text.sources else text.title,
            "dublinCore": dublin_core, "citationTrees": citation_trees(facts.cite_paths),
            "mediaTypes": [] if withheld else [TEI_MEDIA_TYPE],
            "totalParents": 1, "totalChildren": 0,
            "collection": link(expand(COLLECTION, id=text.id)),
            "navigation": link(fill(NAVIGATION, resource=text.id)),
            "document": link(fill(DOCUMENT, resource=text.id))}


def root_collection(root: RootCollection, members: list[dict], total: int, collection_template: str) -> dict:
    dublin_core = {"title": [{"lang": root.lang, "value": root.title}], "language": list(root.languages)}
    if root.licences:
        dublin_core["license"] = list(root.licences)
    if root.publisher:
        dublin_core["publisher"] = [root.publisher]
    return {"@id": root.id, "@type": "Collection", "title": root.title, "description": root.description,
            "dublinCore": dublin_core, "totalParents": 0, "totalChildren": total, "member": members,
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
