"""A corpus build's DTS endpoints (ria/corpus/dts.py over ria/publish/dts.py), read as a DTS client reads them.

The client starts at ``dts/index.json`` and knows nothing else: it expands the entry point's
URI templates as RFC 6570 defines (tests/test_dts.py's expansion: no RFC 6570 package is
installed), follows every link a response gives (the collection's pages, each resource's
templates, each citable unit), and reads each answer from the file a static host would serve.
Every JSON response must expand with pyld (the stored DTS context, nothing fetched) into DTS
and Dublin Core terms only; every Document must be TEI, a passage exactly the element cited in
its dts:wrapper; and every file under ``dts/`` must be reached. The units are the TEI's own: a
declared citeStructure, else ids, else numbered divisions.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from conftest import unavailable
from lxml import etree
from test_corpus_incremental import assert_same_site, edit, inodes
from test_dts import DCT, DTS, SITE, WRAPPER, check_unit, properties_and_types, uri_template
from test_dts import expand as expand_json_ld

from ria.corpus import build_corpus
from ria.publish import dts
from ria.safenames import site_path
from ria.xmlio import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FREE = '<availability><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY</licence></availability>'
CLOSED = '<availability><licence target="https://creativecommons.org/licenses/by-nc/4.0/">CC BY-NC</licence></availability>'


def tei(text_id: str, date: str, text: str, encoding: str = "", availability: str = FREE) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{text_id}"><teiHeader><fileDesc><titleStmt>
<title>Text {text_id}</title><author>Anna Autor</author></titleStmt><publicationStmt><publisher>Test Press</publisher>
{availability}</publicationStmt><sourceDesc><p>Printed as {text_id}.</p></sourceDesc></fileDesc>{encoding}
<profileDesc><creation><date when="{date}"/></creation><langUsage><language ident="de">Deutsch</language></langUsage>
</profileDesc></teiHeader>
<text>{text}</text></TEI>
"""


DECLARED = """<encodingDesc><refsDecl>
<citeStructure unit="book" match="//body/div" use="@n">
  <citeStructure unit="chapter" match="div" use="position()" delim="."/>
</citeStructure>
<citeStructure unit="preface" match="//front/div" use="'preface'"/>
</refsDecl></encodingDesc>"""
UNUSABLE = """<encodingDesc><refsDecl>
<citeStructure unit="book" match="//body/div[" use="@n"/>
</refsDecl></encodingDesc>"""

TEXTS = {
    # a letter's writing sessions, numbered and without ids (schnitzler-briefe's), one number twice
    "sessions": ("1900-01-01", '<body><div type="writingSession" n="1"><p>Erste Sitzung.</p></div>'
                 '<div type="writingSession" n="2"><p>Zweite.</p></div>'
                 '<div type="writingSession" n="2"><p>Noch einmal zwei.</p></div></body>', "", FREE),
    # ids on divisions and paragraphs, a numbered section inside, a paragraph in a note (no unit)
    "chapters": ("1900-01-02", '<body><div xml:id="ch1" type="chapter"><head>Erstes Kapitel</head>'
                 '<p xml:id="ch1-p1">Eins.</p><div type="section" n="2"><p>Abschnitt.</p></div></div>'
                 '<div xml:id="ch2" type="chapter"><p>Ohne id.<note><p xml:id="in-note">Fußnote.</p></note></p>'
                 '</div></body>', "", FREE),
    # the text's own citation structure: books by @n, their chapters by position, and a preface
    "declared": ("1900-01-03", '<front><div type="preface"><p>Vorwort.</p></div></front>'
                 '<body><div type="book" n="I"><div xml:id="not-cited"><p>a</p></div><div><p>b</p></div></div>'
                 '<div type="book" n="II"><div><p>c</p></div></div></body>', DECLARED, FREE),
    "unusable": ("1900-01-04", '<body><div xml:id="b1"><p>Ein Buch.</p></div></body>', UNUSABLE, FREE),
    # not free: a public build lists it and its units, and gives none of its words
    "closed": ("1900-01-05", '<body><div type="chapter" n="1"><p>Geheimes Kapitel.</p></div></body>', "", CLOSED),
}


def make_corpus(folder: Path, texts: dict = TEXTS) -> Path:
    folder.mkdir(parents=True)
    for text_id, (date, text, encoding, availability) in texts.items():
        (folder / f"{text_id}.xml").write_text(tei(text_id, date, text, encoding, availability), encoding="utf-8")
    return folder


def build(corpus: Path, out: Path, cache: Path | None = None, public: bool = False):
    return build_corpus(corpus, out, ROOT, jobs=1, search=False, cache_dir=cache, public=public)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("dts") / "corpus")


@pytest.fixture(scope="module")
def built(corpus):
    site = corpus.parent / "site"
    return build(corpus, site), site


# ---------------------------------------------------------------- the client


class Client:
    """Reads responses as a client fetches them from the site served at SITE: each address, made
    by a template or resolved against the response that gave it, must lead to a file."""

    def __init__(self, site: Path):
        self.site = site
        self.responses: dict[str, bytes] = {}

    def get(self, url: str) -> bytes:
        assert url.startswith(SITE), url
        rel = unquote(url[len(SITE):])
        path = self.site.joinpath(*site_path(rel).parts)
        assert path.is_file(), f"{url} leads to no file"
        self.responses[rel] = path.read_bytes()
        return self.responses[rel]

    def json(self, url: str) -> dict:
        data = self.get(url)
        rel = url[len(SITE):]
        properties, types = properties_and_types(expand_json_ld(rel, data))  # pyld: no term dropped
        assert properties and all(p.startswith((DTS, DCT)) for p in properties), (rel, properties)
        assert types and all(t.startswith(DTS) for t in types), (rel, types)
        response = json.loads(data)
        assert response["@context"] == dts.CONTEXT and response["dtsVersion"] == "1.0", rel
        return response

    def document(self, url: str) -> etree._Element:
        root = parse_bytes(self.get(url), url).getroot()
        assert root.tag == TEI + "TEI", url
        return root


def resolve(base: str, template: str, **values: str) -> str:
    return urljoin(base, uri_template(template, values))


def read_all(site: Path) -> tuple[Client, dict]:
    """Everything a client reaches from the entry point: (the client, what it read of each text:
    its resource, its navigation, its units' navigations and passages, its document)."""
    client = Client(site)
    entry_url = SITE + "dts/index.json"
    entry = client.json(entry_url)
    assert entry["@type"] == "EntryPoint" and entry["@id"]
    pages = collection_pages(client, resolve(entry_url, entry["collection"]))
    root = pages[0][1]
    assert root["@type"] == "Collection" and root["totalParents"] == 0 and root["title"]
    # The collection by its own id: the same pages.
    by_id = collection_pages(client, resolve(entry_url, entry["collection"], id=root["@id"]))
    assert [[m["@id"] for m in page["member"]] for _, page in by_id] == \
        [[m["@id"] for m in page["member"]] for _, page in pages]
    members = [(url, member) for url, page in pages for member in page["member"]]
    assert len(members) == root["totalChildren"]
    texts = {}
    for page_url, member in members:
        text_id = member["@id"]
        assert member["@type"] == "Resource" and member["title"] and member["totalParents"] == 1
        resource_url = resolve(page_url, member["collection"])
        assert resource_url == resolve(entry_url, entry["collection"], id=text_id)
        resource = client.json(resource_url)
        assert {k: v for k, v in resource.items() if k not in ("@context", "dtsVersion", "collection",
                                                               "navigation", "document")} == \
            {k: v for k, v in member.items() if k not in ("collection", "navigation", "document")}
        navigation_url = resolve(page_url, member["navigation"])
        assert navigation_url == resolve(entry_url, entry["navigation"], resource=text_id)
        navigation = client.json(navigation_url)
        assert navigation["@type"] == "Navigation" and navigation["resource"]["@id"] == text_id
        units, passages = {}, {}
        for unit in navigation["member"]:
            check_unit(unit)
            ref = unit["identifier"]
            unit_url = resolve(navigation_url, navigation["resource"]["navigation"], ref=ref)
            assert unit_url == resolve(entry_url, entry["navigation"], resource=text_id, ref=ref)
            units[ref] = client.json(unit_url)
            assert units[ref]["ref"] == unit and units[ref]["member"][0] == unit
            if member["mediaTypes"]:
                passage_url = resolve(page_url, member["document"], ref=ref)
                assert passage_url == resolve(entry_url, entry["document"], resource=text_id, ref=ref)
                passage = client.document(passage_url)
                assert [child.tag for child in passage] == [WRAPPER], passage_url
                assert len(passage[0]) == 1 and not (passage[0].text or "").strip(), passage_url
                passages[ref] = passage[0][0]
        document = None
        if member["mediaTypes"]:
            assert member["mediaTypes"] == ["application/tei+xml"]
            document = client.document(resolve(page_url, member["document"]))
        texts[text_id] = {"resource": resource, "navigation": navigation, "units": units, "passages": passages,
                          "document": document}
    reached = set(client.responses)
    written = {p.relative_to(site).as_posix() for p in (site / "dts").rglob("*") if p.is_file()}
    assert reached == written, f"never reached: {sorted(written - reached)[:5]}; missing: {sorted(reached - written)[:5]}"
    return client, texts


def collection_pages(client: Client, first_url: str) -> list[tuple[str, dict]]:
    """The collection's pages, from the first by each page's ``view``: (address, response)."""
    pages = [(first_url, client.json(first_url))]
    view = pages[0][1].get("view")
    if view is None:
        return pages
    assert view["@type"] == "Pagination" and "previous" not in view
    # The page a client asks for by the template (page=1) is the one it was given without it.
    assert client.get(urljoin(first_url, view["@id"])) == client.get(urljoin(first_url, view["first"]))
    while "next" in pages[-1][1]["view"]:
        url = urljoin(pages[-1][0], pages[-1][1]["view"]["next"])
        page = client.json(url)
        assert urljoin(url, page["view"]["previous"]) == urljoin(pages[-1][0], pages[-1][1]["view"]["@id"])
        assert urljoin(url, page["view"]["last"]) == urljoin(first_url, view["last"])
        pages.append((url, page))
    assert urljoin(pages[-1][0], pages[-1][1]["view"]["@id"]) == urljoin(first_url, view["last"])
    return pages


def canonical(element) -> bytes:
    element = copy.deepcopy(element)
    element.tail = None
    return etree.tostring(element, method="c14n", exclusive=True)


# ---------------------------------------------------------------- the endpoints


def test_a_client_reaches_every_file_from_the_entry_point_and_each_passage_is_its_element(built, corpus):
    result, site = built
    _, texts = read_all(site)
    assert list(texts) == [text.id for text in result.index.texts]
    home = json.loads((site / "dts" / "collection.json").read_bytes())
    assert home["@id"] == "corpus" and home["totalChildren"] == 5 and "view" not in home
    assert home["dublinCore"]["publisher"] == ["Test Press"]
    for text_id, read in texts.items():
        source = parse_bytes((corpus / f"{text_id}.xml").read_bytes(), text_id).getroot()
        assert canonical(read["document"]) == canonical(source)
        for ref, element in read["passages"].items():  # (each is the source's element, whole)
            assert any(canonical(el) == canonical(element) for el in source.iter(element.tag)), (text_id, ref)
    assert texts["chapters"]["resource"]["dublinCore"]["creator"] == [{"lang": "de", "value": "Anna Autor"}]
    assert texts["chapters"]["resource"]["dublinCore"]["license"] == ["https://creativecommons.org/licenses/by/4.0/"]


def units_of(texts: dict, text_id: str) -> list[tuple]:
    return [(u["identifier"], u["level"], u["parent"], u["citeType"]) for u in texts[text_id]["navigation"]["member"]]


def test_the_units_are_the_declared_structure_else_the_ids_else_the_numbered_divisions(built):
    _, site = built
    _, texts = read_all(site)
    assert units_of(texts, "declared") == [
        ("preface", 1, None, "preface"), ("I", 1, None, "book"), ("I.1", 2, "I", "chapter"),
        ("I.2", 2, "I", "chapter"), ("II", 1, None, "book"), ("II.1", 2, "II", "chapter")]
    assert units_of(texts, "chapters") == [
        ("ch1", 1, None, "chapter"), ("ch1-p1", 2, "ch1", "paragraph"), ("ch1.2", 2, "ch1", "section"),
        ("ch2", 1, None, "chapter")]
    sessions = units_of(texts, "sessions")
    assert sessions[:2] == [("1", 1, None, "writingSession"), ("2", 1, None, "writingSession")]
    assert len(sessions) == 3 and sessions[2][0] not in ("1", "2")  # a number given twice: a name of its own
    assert texts["sessions"]["navigation"]["member"][0]["dublinCore"]["title"] == [
        {"lang": "de", "value": "writingSession 1"}]
    passages = texts["declared"]["passages"]
    assert passages["I.2"].findtext(f"{TEI}p") == "b" and passages["preface"].get("type") == "preface"
    tree = texts["declared"]["resource"]["citationTrees"][0]["citeStructure"]
    assert [(s["citeType"], [c["citeType"] for c in s.get("citeStructure", [])]) for s in tree] == [
        ("preface", []), ("book", ["chapter"])]


def test_a_citation_structure_that_cannot_be_evaluated_is_reported_and_the_markup_cited(built):
    result, site = built
    _, texts = read_all(site)
    warning, = [p for p in result.problems if p.path == "unusable.xml"]
    assert warning.severity == "warning" and warning.line == 5 and "citeStructure" in warning.message
    assert "//body/div[" in str(warning)
    assert units_of(texts, "unusable") == [("b1", 1, None, "division")]


def test_a_citation_structure_reads_nothing_outside_its_document(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the password")
    reading = UNUSABLE.replace('match="//body/div[" use="@n"', f'match="//body/div" use="unparsed-text(\'{secret.as_uri()}\')"')
    corpus = make_corpus(tmp_path / "corpus", {"reading": ("1900-01-01", "<body><div><p>x</p></div></body>", reading, FREE)})
    result = build(corpus, tmp_path / "site")
    assert [p.rule for p in result.problems] == ["cite-structure"] and "not allowed" in result.problems[0].message
    assert not any(b"password" in path.read_bytes() for path in (tmp_path / "site").rglob("*") if path.is_file())


def test_a_collection_of_more_texts_than_a_page_holds_is_paged_with_views(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(dts, "PAGE_SIZE", 2)
    result = build(corpus, tmp_path / "site")
    client, texts = read_all(tmp_path / "site")
    assert list(texts) == [text.id for text in result.index.texts]
    entry = json.loads((tmp_path / "site" / "dts" / "index.json").read_bytes())
    assert entry["collection"] == "collection{/id}{;page}.json"
    # Page 3 of 5 texts two a page, as the template gives it, with the collection's id and without: the fifth.
    for values in ({"page": "3"}, {"id": "corpus", "page": "3"}):
        page = client.json(resolve(SITE + "dts/index.json", entry["collection"], **values))
        assert [m["@id"] for m in page["member"]] == [result.index.texts[4].id]
        assert page["totalChildren"] == 5 and "next" not in page["view"]


def test_a_public_build_lists_a_withheld_text_and_its_units_but_gives_none_of_its_words(corpus, tmp_path):
    result = build(corpus, tmp_path / "site", public=True)
    assert result.withheld == {"closed"}
    _, texts = read_all(tmp_path / "site")
    closed = texts["closed"]
    assert closed["resource"]["mediaTypes"] == [] and closed["resource"]["dublinCore"]["accessRights"]
    assert units_of(texts, "closed") == [("1", 1, None, "chapter")] and closed["document"] is None
    words = b"".join(path.read_bytes() for path in (tmp_path / "site" / "dts").rglob("*") if path.is_file())
    assert "Geheimes Kapitel".encode() not in words and b"Noch einmal zwei" in words


# ---------------------------------------------------------------- incremental


def test_a_rebuild_keeps_the_files_of_unchanged_texts_and_equals_a_clean_build(tmp_path, monkeypatch):
    import ria.corpus.dts as corpus_dts
    cited = []  # the texts whose units are read: those whose files are made
    real = corpus_dts.citable_units
    monkeypatch.setattr(corpus_dts, "citable_units", lambda doc, problems: cited.append(doc.rel) or real(doc, problems))
    corpus = make_corpus(tmp_path / "corpus")
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(corpus, site, cache)
    build(corpus, site, cache)  # nothing changed: the site in place is known from here on
    before = inodes(site)
    shutil.copy(corpus / "unusable.xml", tmp_path / "corpus-unusable.xml")
    edit(corpus / "sessions.xml", '<p>Zweite.</p></div><div type="writingSession" n="2">',
         '<p>Zweite.</p></div><div type="writingSession" n="3">')
    (corpus / "unusable.xml").unlink()
    cited.clear()
    result = build(corpus, site, cache)
    assert cited == ["sessions.xml"]
    clean = tmp_path / "clean"
    build(corpus, clean)
    assert_same_site(site, clean)
    after = inodes(site)
    kept = [name for name in before if name.startswith(("dts/navigation/chapters", "dts/document/declared"))]
    assert kept and all(after[name] == before[name] for name in kept)
    assert after["dts/navigation/sessions.json"] != before["dts/navigation/sessions.json"]
    assert "dts/navigation/sessions/3.json" in after
    assert not any("unusable" in name for name in after) and not any(p.path == "unusable.xml" for p in result.problems)
    # A text whose files are kept is still reported for its citeStructure.
    shutil.copy(clean.parent / "corpus-unusable.xml", corpus / "unusable.xml")
    made = build(corpus, site, cache)
    cited.clear()
    again = build(corpus, site, cache)
    assert cited == []
    assert [p.path for p in made.problems] == [p.path for p in again.problems] == ["unusable.xml"]


# ---------------------------------------------------------------- real corpora (optional)


def copied(source: Path, folder: Path, names: list[str], extra: list[str] = ()) -> Path:
    for name in [*names, *extra]:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, folder / name)  # copies: links out of a corpus are not read
    return folder


def test_twenty_real_letters_are_cited_by_their_writing_sessions(tmp_path):
    schnitzler = SHARED / "schnitzler-briefe"
    if not (schnitzler / "editions").is_dir():
        unavailable(f"real-corpus test skipped: {schnitzler} is not present (../shared is optional)")
    letters = [f"editions/{p.name}" for p in sorted((schnitzler / "editions").glob("*.xml"))[:20]]
    folder = copied(schnitzler, tmp_path / "schnitzler-briefe", letters)  # (the registers cite nothing)
    result = build(folder, tmp_path / "site")
    _, texts = read_all(tmp_path / "site")
    assert len(texts) == 20
    for text in result.index.texts:
        source = parse_bytes((folder / text.path).read_bytes(), text.path).getroot()
        sessions = source.findall(f".//{TEI}body/{TEI}div[@type='writingSession']")
        assert sessions and [u[0] for u in units_of(texts, text.id)] == [s.get("n") for s in sessions], text.id
        assert all(canonical(texts[text.id]["passages"][s.get("n")]) == canonical(s) for s in sessions)


def test_real_plays_are_resources_cited_where_their_markup_numbers_scenes(tmp_path):
    rusdracor = SHARED / "rusdracor"
    if not (rusdracor / "tei").is_dir():
        unavailable(f"real-corpus test skipped: {rusdracor} is not present (../shared is optional)")
    # Pushkin's Mozart and Salieri numbers its scenes; the other plays' acts and scenes have no
    # id and no number, so they are resources with a document and nothing to cite.
    plays = ["tei/pushkin-mocart-i-saleri.xml", *[f"tei/{p.name}" for p in sorted((rusdracor / "tei").glob("*.xml"))[:4]]]
    folder = copied(rusdracor, tmp_path / "rusdracor", plays, ["corpus.xml"])
    result = build(folder, tmp_path / "site")
    _, texts = read_all(tmp_path / "site")
    assert len(texts) == 5 and not result.problems
    for text in result.index.texts:
        assert texts[text.id]["document"] is not None
        expected = [("1", 1, None, "scene"), ("2", 1, None, "scene")] if "mocart" in text.path else []
        assert units_of(texts, text.id) == expected, text.id
