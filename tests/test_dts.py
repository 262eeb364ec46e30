"""The static DTS 1.0 endpoint set (ria/publish/dts.py), read as a DTS client reads it.

Every JSON response is JSON-LD under the DTS 1.0 context, which the tests cannot fetch:
tests/fixtures/dts-context.json is the specification's own file (see its PROVENANCE note),
served by a document loader that refuses every other address. The entry point's URI
templates, expanded as RFC 6570 defines for every resource and every ref Navigation
lists, must lead to files of the built site; every passage is TEI in the dts:wrapper with
exactly the element cited; and a public build gives none of a withheld text's words.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from urllib.parse import quote, unquote, urljoin

import pytest
from conftest import required
from lxml import etree

from ria.model.indexer import build_index
from ria.model.load import Document
from ria.model.rights import withheld_texts
from ria.publish import dts
from ria.publish.build import Project, build
from ria.safenames import safe_name, site_path
from ria.xmlio import parse_bytes

jsonld = required("pyld.jsonld")

CONTEXT_FILE = Path(__file__).resolve().parent / "fixtures" / "dts-context.json"
DTS = "https://dtsapi.org/v1.0#"  # what the 1.0 context maps the dts: prefix to
DCT = "http://purl.org/dc/terms/"
UNDEFINED = "urn:undefined-term:"
SITE = "https://example.org/ria/"  # where a client would find the site; only to resolve addresses
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
WRAPPER = f"{{{dts.WRAPPER_NS}}}wrapper"


def context_loader(url, options=None):
    """The DTS context from the stored copy; any other address is a test failure, never a download."""
    if url != dts.CONTEXT:
        raise AssertionError(f"the JSON-LD needed a document from the network: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(CONTEXT_FILE.read_text("utf-8"))}


def expand(path: str, data: bytes) -> list:
    """The response expanded as an RDF client reads it, from the address it was served at.

    The expansion starts from a catch-all ``@vocab``: a term the DTS context does not
    define would then show as urn:undefined-term:…, where JSON-LD would silently drop it.
    (It also sidesteps a bug of pyld 3.3: a scoped ``"@vocab": null``, which the DTS context
    gives ``extensions``, raises KeyError when no @vocab is active.)
    """
    dropped = []
    expanded = jsonld.expand(json.loads(data), {"documentLoader": context_loader, "base": SITE + path,
                                                "expandContext": {"@vocab": UNDEFINED}},
                             on_property_dropped=dropped.append)
    assert not dropped, (path, dropped)
    return expanded


def properties_and_types(node) -> tuple[set[str], set[str]]:
    if isinstance(node, list):
        found = [properties_and_types(n) for n in node]
        return set().union(*(p for p, _ in found)), set().union(*(t for _, t in found))
    if not isinstance(node, dict):
        return set(), set()
    properties = {key for key in node if not key.startswith("@")}
    types = set(node.get("@type", []))
    for key, value in node.items():
        if key not in ("@type", "@value"):
            inner_properties, inner_types = properties_and_types(value)
            properties |= inner_properties
            types |= inner_types
    return properties, types


def uri_template(template: str, values: dict[str, str]) -> str:
    """RFC 6570 expansion of the expression forms DTS static templates need here: simple ``{var}``
    (3.2.2), path segments ``{/var}`` (3.2.6) and path-style parameters ``{;var}`` (3.2.7); an
    undefined variable expands to nothing."""
    def expression(match):
        operator, name = match.group(1), match.group(2)
        assert operator in ("", "/", ";") and "," not in name, f"an expression this test does not expand: {match[0]}"
        if values.get(name) is None:
            return ""
        value = quote(values[name], safe="-._~")
        if operator == ";":
            return f";{name}={value}" if value else f";{name}"
        return operator + value

    return re.sub(r"\{([^\w]?)([^}]*)\}", expression, template)


def fetch(site: Path, base: str, template: str, **values: str) -> tuple[str, Path]:
    """The address a client builds from ``template`` (as written in the response at ``base``)
    and the file of the site a static host serves for it."""
    url = urljoin(base, uri_template(template, values))
    assert url.startswith(SITE), url
    rel = unquote(url[len(SITE):])
    return rel, site.joinpath(*site_path(rel).parts)


def read_json(site: Path, rel: str) -> dict:
    return json.loads((site / rel).read_bytes())


def dts_files(site: Path, suffix: str) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "dts").rglob(f"*{suffix}"))}


@pytest.fixture(scope="module")
def public_site(tmp_path_factory, root):
    out = tmp_path_factory.mktemp("public-dts") / "edition"
    build(Project.at(root, out), public=True)
    return out


# ---------------------------------------------------------------- the context and the JSON-LD


def test_the_stored_context_is_the_dts_1_0_context():
    context = json.loads(CONTEXT_FILE.read_text("utf-8"))["@context"]
    assert context["dts"] == DTS and context["dct"] == DCT
    assert {"EntryPoint", "Collection", "Resource", "Navigation", "CitableUnit", "CitationTree",
            "citationTrees", "dublinCore", "member", "totalParents", "dtsVersion"} <= set(context)
    assert CONTEXT_FILE.with_suffix(".PROVENANCE.md").exists()


def test_every_response_expands_offline_to_dts_and_dublin_core_terms(built_site, edition):
    responses = dts_files(built_site, ".json")
    assert len(responses) > 600
    seen_types = set()
    for path, data in responses.items():
        properties, types = properties_and_types(expand(path, data))
        assert properties and all(p.startswith((DTS, DCT)) for p in properties), (path, properties)
        assert types and all(t.startswith(DTS) for t in types), (path, types)
        seen_types |= types
    assert {DTS + t for t in ("EntryPoint", "Collection", "Resource", "Navigation", "CitableUnit",
                              "CitationTree", "CiteStructure")} == seen_types
    home = expand("dts/collection.json", responses["dts/collection.json"])[0]
    assert home["@type"] == [DTS + "Collection"] and len(home[DTS + "member"]) == len(edition.texts)
    assert home[DCT + "license"] == [{"@value": "https://creativecommons.org/licenses/by/4.0/"}]
    text = expand("dts/collection/trotsky-1924.json", responses["dts/collection/trotsky-1924.json"])[0]
    assert {DCT + "creator", DCT + "date", DCT + "language", DCT + "license", DCT + "title"} <= set(text)
    assert text[DCT + "creator"] == [{"@value": "Leon Trotsky", "@language": "en"}]


# ---------------------------------------------------------------- the members the spec requires


def check_resource(resource: dict, in_navigation: bool = False) -> None:
    assert resource["@type"] == "Resource" and isinstance(resource["@id"], str)
    assert {"collection", "navigation", "document", "citationTrees"} <= set(resource)
    if not in_navigation:
        assert isinstance(resource["title"], str) and resource["totalParents"] == 1
        assert resource["totalChildren"] == 0 and resource["description"]
        assert {"title", "creator", "date", "language", "license"} <= set(resource["dublinCore"])
    for tree in resource["citationTrees"]:
        assert tree["@type"] == "CitationTree" and "identifier" not in tree  # the one default tree
        stack = list(tree["citeStructure"])
        while stack:
            structure = stack.pop()
            assert isinstance(structure["citeType"], str) and structure["citeType"]
            stack.extend(structure.get("citeStructure", []))


def check_unit(unit: dict) -> None:
    assert unit["@type"] == "CitableUnit" and isinstance(unit["identifier"], str)
    assert isinstance(unit["level"], int) and unit["level"] >= 1
    assert "parent" in unit and (unit["parent"] is None) == (unit["level"] == 1)
    assert unit["citeType"]


def test_every_response_has_the_members_the_specification_requires(built_site):
    responses = {path: json.loads(data) for path, data in dts_files(built_site, ".json").items()}
    for path, response in responses.items():
        assert response["@context"] == dts.CONTEXT and response["dtsVersion"] == "1.0", path
    entry = responses["dts/index.json"]
    assert entry["@type"] == "EntryPoint" and entry["@id"]
    assert all(isinstance(entry[name], str) for name in ("collection", "navigation", "document"))
    for path in ("dts/collection.json", "dts/collection/edition.json"):
        home = responses[path]
        assert home["@type"] == "Collection" and home["@id"] == "edition" and home["title"]
        assert home["totalParents"] == 0 and home["totalChildren"] == len(home["member"]) == 5
        assert home["collection"] and home["description"]
        for member in home["member"]:
            check_resource(member)
    navigations = 0
    for path, response in responses.items():
        if path.startswith("dts/collection/") and path != "dts/collection/edition.json":
            check_resource(response)
        elif path.startswith("dts/navigation/"):
            navigations += 1
            assert response["@type"] == "Navigation" and response["@id"]
            check_resource(response["resource"], in_navigation=True)
            for unit in response["member"] + ([response["ref"]] if "ref" in response else []):
                check_unit(unit)
            if path.count("/") == 3:  # a ref's: the unit, then its descendants
                assert response["member"][0] == response["ref"]
                assert response["ref"]["identifier"] == path.rsplit("/", 1)[1].removesuffix(".json")
                assert all(u["level"] > response["ref"]["level"] for u in response["member"][1:])
    assert navigations > 600  # a file for every citable unit of the five texts


# ---------------------------------------------------------------- the structure is the TEI's


def test_navigation_lists_the_divisions_and_paragraphs_of_the_tei_in_document_order(built_site, edition):
    for doc in edition.texts:
        expected = [el.get(XML_ID) for el in doc.tree.getroot().iter(TEI + "div", TEI + "p")
                    if el.get(XML_ID) and el.xpath("ancestor::t:text", namespaces={"t": TEI[1:-1]})
                    and not el.xpath("ancestor::t:p | ancestor::t:note", namespaces={"t": TEI[1:-1]})]
        members = read_json(built_site, f"dts/navigation/{doc.id}.json")["member"]
        assert [m["identifier"] for m in members] == expected, doc.id
        levels = {}
        for member in members:
            element = doc.tree.getroot().xpath("//*[@xml:id=$id]", id=member["identifier"])[0]
            parent = element.getparent()
            while parent is not None and parent.get(XML_ID) not in levels:
                parent = parent.getparent()
            assert member["parent"] == (parent.get(XML_ID) if parent is not None else None)
            assert member["level"] == (levels[member["parent"]] + 1 if member["parent"] else 1)
            assert member["citeType"] == ("paragraph" if element.tag == TEI + "p"
                                          else element.get("type") or "division")
            levels[member["identifier"]] = member["level"]
    units = {m["identifier"]: m for m in read_json(built_site, "dts/navigation/trotsky-1924.json")["member"]}
    assert units["loo-p33"] == {"@type": "CitableUnit", "identifier": "loo-p33", "level": 2,
                                "parent": "loo-d2", "citeType": "paragraph"}
    assert units["loo-d1"]["dublinCore"]["title"] == [{"lang": "en", "value": "We Must Study the October Revolution"}]


def test_the_citation_tree_has_every_path_of_cite_types_and_no_other(built_site, edition):
    for doc in edition.texts:
        members = read_json(built_site, f"dts/navigation/{doc.id}.json")["member"]
        by_id = {m["identifier"]: m for m in members}

        def path_of(unit):
            return (path_of(by_id[unit["parent"]]) if unit["parent"] else ()) + (unit["citeType"],)

        declared, stack = set(), [((), s) for s in read_json(built_site, f"dts/collection/{doc.id}.json")
                                  ["citationTrees"][0]["citeStructure"]]
        while stack:
            above, structure = stack.pop()
            declared.add(above + (structure["citeType"],))
            stack.extend((above + (structure["citeType"],), s) for s in structure.get("citeStructure", []))
        assert declared == {path_of(m) for m in members}, doc.id


# ---------------------------------------------------------------- templates lead to files


def test_every_template_expanded_for_every_resource_and_ref_leads_to_a_file(built_site, edition):
    entry_url = SITE + "dts/index.json"
    entry = read_json(built_site, "dts/index.json")
    rel, path = fetch(built_site, entry_url, entry["collection"])
    assert rel == "dts/collection.json" and path.is_file()
    home = read_json(built_site, rel)
    rel, path = fetch(built_site, entry_url, entry["collection"], id=home["@id"])
    assert path.is_file()
    assert [m["@id"] for m in read_json(built_site, rel)["member"]] == [m["@id"] for m in home["member"]]
    checked = 0
    for member in home["member"]:
        resource = member["@id"]
        for template, values in ((entry["collection"], {"id": resource}),
                                 (entry["navigation"], {"resource": resource}),
                                 (entry["document"], {"resource": resource})):
            assert fetch(built_site, entry_url, template, **values)[1].is_file(), (template, values)
        # The resource's own templates, relative to the response that gives them, lead to the same files.
        for name in ("collection", "navigation", "document"):
            assert (fetch(built_site, SITE + "dts/collection.json", member[name])
                    == fetch(built_site, entry_url, entry[name], id=resource, resource=resource)), name
        rel, _ = fetch(built_site, entry_url, entry["navigation"], resource=resource)
        for unit in read_json(built_site, rel)["member"]:
            for name, suffix in (("navigation", ".json"), ("document", ".xml")):
                rel, path = fetch(built_site, entry_url, entry[name], resource=resource, ref=unit["identifier"])
                assert path.is_file() and rel.endswith(f"/{resource}/{unit['identifier']}{suffix}"), rel
                checked += 1
    assert checked == 2 * sum(len(dts.citable_units(doc)) for doc in edition.texts)
    whole = fetch(built_site, entry_url, entry["document"], resource="serge-1930")[1]
    assert whole.read_bytes() == next(doc.data for doc in edition.texts if doc.id == "serge-1930")


def test_with_a_base_url_every_address_is_absolute_and_the_files_are_those_the_templates_name(edition):
    index = build_index(edition)
    files = dts.site_files(edition, index, base_url=SITE)
    assert files == dts.site_files(edition, index, base_url=SITE)  # the same bytes every time
    entry = json.loads(files["dts/index.json"])
    assert entry["@id"] == SITE + "dts/index.json"
    assert entry["document"] == SITE + "dts/document/{resource}{/ref}.xml"
    navigation = json.loads(files["dts/navigation/serge-1930/ser-p10.json"])
    assert navigation["@id"] == SITE + "dts/navigation/serge-1930/ser-p10.json"
    assert navigation["resource"]["document"] == SITE + "dts/document/serge-1930{/ref}.xml"
    for path in files:
        assert str(site_path(path)) == path
        assert all(safe_name(part) == part for part in path.split("/"))


def test_ids_that_are_not_safe_file_names_or_differ_only_in_case_get_files_of_their_own(tmp_path):
    long_id = "x-" + "p" * 150
    data = (f'<TEI xmlns="{TEI[1:-1]}" xml:id="t"><teiHeader/><text><body><div xml:id="x-D1">'
            f'<p xml:id="x-P1">One.</p><p xml:id="x-p1">Two.</p><p xml:id="{long_id}">Three.</p>'
            '<p>No id.</p></div></body></text></TEI>').encode()
    doc = Document(tmp_path / "t.xml", "t.xml", "text", data, parse_bytes(data, "t.xml"))
    units = dts.citable_units(doc)
    names = [u.identifier for u in units]
    assert names[:2] == ["x-D1", "x-P1"] and len(names) == 4
    assert len({n.casefold() for n in names}) == 4 and all(safe_name(n) == n for n in names)
    assert [u.parent for u in units] == [None, "x-D1", "x-D1", "x-D1"]


# ---------------------------------------------------------------- Document: passages in their wrapper


def test_every_passage_is_tei_whose_wrapper_holds_exactly_the_element_cited(built_site, edition):
    docs = {doc.id: doc for doc in edition.texts}
    passages = {path: data for path, data in dts_files(built_site, ".xml").items() if path.count("/") == 3}
    assert len(passages) == sum(len(dts.citable_units(doc)) for doc in edition.texts)
    for path, data in passages.items():
        _, _, text_id, name = path.split("/")
        root = parse_bytes(data, path).getroot()
        assert root.tag == TEI + "TEI" and [child.tag for child in root] == [WRAPPER], path
        cited, = root[0]  # exactly one element, and no text around it
        assert not (root[0].text or "").strip() and not (cited.tail or "").strip()
        assert cited.get(XML_ID) == name.removesuffix(".xml")
        source = docs[text_id].tree.getroot().xpath("//*[@xml:id=$id]", id=cited.get(XML_ID))[0]
        assert canonical(cited) == canonical(source), path


def canonical(element) -> bytes:
    element = copy.deepcopy(element)
    element.tail = None
    return etree.tostring(element, method="c14n", exclusive=True)


# ---------------------------------------------------------------- rights


def sentences_found(site: Path, edition) -> dict[str, tuple[int, int]]:
    """Per text, how many of its sentences the DTS files of ``site`` give, of how many; found
    with the detector of tests/test_public.py (both readings, headers and headings allowed)."""
    from test_public import bibliographic, published_text, sentences_of
    published = published_text(site / "dts")
    allowed = bibliographic(edition)
    return {doc.id: (sum(s in published for s in sentences), len(sentences))
            for doc in edition.texts for sentences in [sentences_of(doc, allowed)]}


def test_the_sentences_of_every_text_are_found_in_a_private_study_build(built_site, edition):
    for text_id, (found, looked_for) in sentences_found(built_site, edition).items():
        # The check below can see words. In TEI a correction's sic and corr (and a word broken by
        # lb) run together, so fewer sentences are found as written than in the pages: a third or more.
        assert looked_for > 20 and found > looked_for // 4, text_id


def test_a_public_build_gives_no_word_of_a_withheld_text(public_site, edition):
    withheld = withheld_texts(build_index(edition), public=True)
    assert withheld, "no text is withheld: this test would prove nothing"
    for doc in edition.texts:
        resource = read_json(public_site, f"dts/collection/{doc.id}.json")
        units = read_json(public_site, f"dts/navigation/{doc.id}.json")["member"]
        if doc.id not in withheld:
            assert (public_site / "dts" / "document" / f"{doc.id}.xml").is_file()
            continue
        assert units, "the refs of a withheld text are still listed"
        assert not (public_site / "dts" / "document" / f"{doc.id}.xml").exists()
        assert not (public_site / "dts" / "document" / doc.id).exists()
        assert resource["mediaTypes"] == [] and resource["dublinCore"]["accessRights"]
    leaks = {text_id: found for text_id, (found, _) in sentences_found(public_site, edition).items()
             if text_id in withheld and found}
    assert not leaks, leaks
