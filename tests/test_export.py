"""The export (issue 8): every file is re-read and checked as the people who reuse it would.

The TEI is validated again, independently of the export's own validation; the
plain texts are compared with the copy-texts word for word; the CSV, JSON-LD and
iCalendar files are parsed and matched with the registers and the texts; the EPUB
is opened and its spine, navigation and footnote links are followed both ways. The
edition is exported twice and the two exports must be byte-identical (the second sets no
PDF again: test_pdf.py proves a text set again gives the same PDF); a text that
fails validation must stop the export and be named.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import epubcheck
from lxml import etree

from ria.commands import cli
from ria.export.run import MANIFEST_NAME, REPORT_NAME, run_export
from ria.export.tei import POINTER_ATTRIBUTES
from ria.export.text import NOTES_HEADING, NOTES_RULE, RULE
from ria.model.calendars import gregorian_to_julian, julian_to_gregorian
from ria.model.project_config import edition_config
from ria.publish.site import MARKER, mark
from ria.validate.fidelity import copy_text_words, omissions, words
from ria.xmlio import TEI_NS, XML_ID, parse_bytes

T = f"{{{TEI_NS}}}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
OPF = {"opf": "http://www.idpf.org/2007/opf"}
ENTRY_TAGS = (T + "person", T + "place", T + "org", T + "event")
PAGE_MARK = re.compile(r"\[p\. [^\]]*\]")
# The export's files are named by the edition's id (ria-corpus.json).
_PROJECT = edition_config(Path(__file__).resolve().parent.parent, None)
EPUB_NAME, ZIP_NAME, CORPUS_FILE = _PROJECT.epub_file, _PROJECT.zip_file, _PROJECT.corpus_file


@pytest.fixture(scope="session")
def manifest(exported) -> dict:
    return json.loads((exported / MANIFEST_NAME).read_text(encoding="utf-8"))


def _register_entries(edition) -> dict[str, etree._Element]:
    return {el.get(XML_ID): el for doc in edition.registers for el in doc.tree.getroot().iter(*ENTRY_TAGS)}


def _local_ids(root) -> set[str]:
    return {el.get(XML_ID) for el in root.iter() if isinstance(el.tag, str) and el.get(XML_ID)}


def _pointers(root) -> set[str]:
    return {token[1:] for el in root.iter() if isinstance(el.tag, str) for name in POINTER_ATTRIBUTES
            for token in (el.get(name) or "").split() if token.startswith("#")}


# ---------------------------------------------------------------- manifest and report

def test_manifest_lists_every_file_with_its_checksum(exported, manifest):
    listed = {f["path"]: f for f in manifest["files"]}
    on_disk = {str(p.relative_to(exported)) for p in exported.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {MANIFEST_NAME, MARKER}  # the marker: the folder is the toolchain's
    for rel, entry in listed.items():
        data = (exported / rel).read_bytes()
        assert entry["size"] == len(data), rel
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), rel
        if rel.startswith("tei/"):
            schemas = {s["schema"] for s in entry["validated_with"]}
            assert {"schema/edition.rng", "schema/edition.xsd", "schema/edition.sch"} <= schemas


def test_report_names_the_schema_versions_and_every_tei_export(exported, edition, root):
    report = json.loads((exported / REPORT_NAME).read_text(encoding="utf-8"))
    versions = {s["file"]: s["sha256"] for s in report["schemas"]}
    for name in ("edition.rng", "edition.xsd", "edition.sch"):
        digest = hashlib.sha256((root / "schema" / name).read_bytes()).hexdigest()
        assert versions[f"schema/{name}"] == digest
    checked = {c["path"]: c for c in report["checked"]}
    assert set(checked) == {f"tei/{d.id}.xml" for d in edition.texts} | {f"tei/{CORPUS_FILE}"}
    assert all(c["valid"] and not c["errors"] for c in checked.values())
    # Checked against the official tei_all.rng, not a note saying it was not.
    assert report["tei_all"].startswith("checked against"), report["tei_all"]


def test_zip_holds_the_tei_the_schemas_and_the_report(exported):
    with zipfile.ZipFile(exported / ZIP_NAME) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert REPORT_NAME in names and f"tei/{CORPUS_FILE}" in names
        for name in names:
            assert archive.getinfo(name).date_time == (1980, 1, 1, 0, 0, 0)
            assert archive.read(name) == (exported / name).read_bytes(), name


# ---------------------------------------------------------------- TEI

def _tei_exports(exported) -> list[Path]:
    return sorted(p for p in (exported / "tei").glob("*.xml") if p.name != CORPUS_FILE)


def test_standalone_texts_revalidate(exported, schemas, edition):
    files = _tei_exports(exported)
    assert len(files) == len(edition.texts)
    for path in files:
        data = path.read_bytes()
        tree = parse_bytes(data, str(path))
        assert schemas.rng.validate(tree), f"{path.name}: {schemas.rng.error_log}"
        assert not list(schemas.xsd.iter_errors(tree)), path.name
        failures = schemas.schematron.validate(data.decode("utf-8"), path.as_uri(), {"edition-id-list": ""})
        assert not [f for f in failures if f.role == "error"], f"{path.name}: {failures[:3]}"


def test_tei_exports_conform_to_tei_all(exported, tei_all):
    for path in sorted((exported / "tei").glob("*.xml")):
        assert tei_all.validate(parse_bytes(path.read_bytes(), str(path))), (
            f"{path.name}: {tei_all.error_log.filter_from_errors()[:5]}")


def test_standalone_texts_resolve_every_pointer_inside_themselves(exported, edition):
    entries = _register_entries(edition)
    for doc in edition.texts:
        root = parse_bytes((exported / "tei" / f"{doc.id}.xml").read_bytes(), doc.id).getroot()
        ids = _local_ids(root)
        assert _pointers(root) <= ids, f"{doc.id}: {sorted(_pointers(root) - ids)[:5]}"
        referenced = {i for i in _pointers(doc.tree.getroot()) if i in entries}
        stand_off = root.find(T + "standOff")
        assert {el.get(XML_ID) for el in stand_off.iter(*ENTRY_TAGS)} >= referenced
        assert root.index(stand_off) == 1 and root[2].tag == T + "text"


def test_standalone_text_keeps_the_source_text_unchanged(exported, edition):
    for doc in edition.texts:
        root = parse_bytes((exported / "tei" / f"{doc.id}.xml").read_bytes(), doc.id).getroot()
        assert etree.tostring(root.find(T + "text")) == etree.tostring(doc.tree.getroot().find(T + "text"))


def test_corpus_holds_header_registers_and_texts(exported, edition, schemas):
    data = (exported / "tei" / CORPUS_FILE).read_bytes()
    root = parse_bytes(data, CORPUS_FILE).getroot()
    assert root.tag == T + "teiCorpus" and root[0].tag == T + "teiHeader"
    members = {el.get(XML_ID) for el in root.iterchildren(T + "TEI")}
    assert members == {d.id for d in edition.registers + edition.texts}
    assert _pointers(root) <= _local_ids(root)
    failures = schemas.schematron.validate(data.decode("utf-8"), "file:///corpus.xml",
                                           {"edition-id-list": ""})
    assert not [f for f in failures if f.role == "error"], failures[:3]


# ---------------------------------------------------------------- plain text

def _body_words(text: str) -> Counter:
    body = text.split(f"\n{RULE}\n", 1)[1]
    body = body.replace(f"\n{NOTES_RULE}\n{NOTES_HEADING}\n", "\n")
    return Counter(words(PAGE_MARK.sub(" ", body)))


TEXT_IDS = sorted(p.stem for p in (Path(__file__).parent.parent / "tei" / "texts").glob("*.xml"))


@pytest.mark.parametrize("text_id", TEXT_IDS)
def test_diplomatic_plain_text_has_exactly_the_copy_texts_words(exported, edition, root, text_id):
    doc = next(d for d in edition.texts if d.id == text_id)
    copy_text = (root / "sources" / f"{text_id}.txt").read_text(encoding="utf-8")
    expected = Counter(copy_text_words(copy_text))
    for quote in omissions(doc.tree):
        expected -= Counter(words(quote))
    text = (exported / "text" / f"{text_id}.diplomatic.txt").read_text(encoding="utf-8")
    found = _body_words(text)
    assert found == expected, (f"extra: {(found - expected).most_common(8)}; "
                               f"missing: {(expected - found).most_common(8)}")


def test_reading_text_has_the_corrections_and_diplomatic_the_errors(exported):
    reading = (exported / "text" / "tukhachevsky-1921.reading.txt").read_text(encoding="utf-8")
    diplomatic = (exported / "text" / "tukhachevsky-1921.diplomatic.txt").read_text(encoding="utf-8")
    assert "infallibility" in reading and "infallibilty" not in reading
    assert "infallibilty" in diplomatic and "infallibility" not in diplomatic.split(RULE)[1]
    assert f"{NOTES_HEADING}\n\n[ed. 1] " in reading  # the edition's notes, at the end


def test_plain_texts_mark_every_page(exported, edition):
    for doc in edition.texts:
        pages = [pb.get("n") for pb in doc.tree.getroot().iter(T + "pb")]
        for view in ("diplomatic", "reading"):
            text = (exported / "text" / f"{doc.id}.{view}.txt").read_text(encoding="utf-8")
            assert PAGE_MARK.findall(text) == [f"[p. {n}]" for n in pages], (doc.id, view)


def test_a_break_the_print_marks_between_sections_is_kept_in_the_plain_texts_and_the_e_book(exported):
    # Lessons of October: the rule before the essay's last part (milestone rend="rule"), as the site shows it.
    for view in ("diplomatic", "reading"):
        text = (exported / "text" / f"trotsky-1924.{view}.txt").read_text(encoding="utf-8")
        assert re.search(r"beginning with 1917\.\n\n—\n\nThe above-sketched history", text), view
    with zipfile.ZipFile(exported / EPUB_NAME) as book:
        [chapter] = [name for name in book.namelist() if name.endswith("trotsky-1924.xhtml")]
        page = etree.fromstring(book.read(chapter))
    [rule] = page.iter(XHTML + "hr")
    assert "".join(rule.getprevious().itertext()).rstrip().endswith("beginning with 1917.")
    assert "".join(rule.getnext().itertext()).startswith("The above-sketched history")


# ---------------------------------------------------------------- registers and chronology

def test_registers_csv_matches_the_registers(exported, edition):
    from ria.model.indexer import build_index
    index = build_index(edition)
    entries = _register_entries(edition)
    with open(exported / "data" / "registers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows if r["id"] in entries] == [r["id"] for r in rows]
    assert {r["id"] for r in rows} == set(entries)
    kinds = {"person": "person", "place": "place", "org": "org", "event": "event"}
    for row in rows:
        assert kinds[etree.QName(entries[row["id"]]).localname] == row["kind"]
        assert int(row["mentions"]) == len(index.mentions_of(row["id"])), row["id"]
    lenin = next(r for r in rows if r["id"] == "lenin")
    assert "wikidata:Q1394" in lenin["authority_ids"] and int(lenin["mentions"]) > 0


def test_registers_jsonld_names_every_entry_with_schema_org(exported, edition):
    data = json.loads((exported / "data" / "registers.jsonld").read_text(encoding="utf-8"))
    assert data["@context"]["@vocab"] == "http://schema.org/", "inline, so that it expands offline"
    nodes = {n["@id"]: n for n in data["@graph"]}
    entries = _register_entries(edition)
    assert set(nodes) == {f"#{i}" for i in entries}
    types = {"person": "Person", "place": "Place", "org": "Organization", "event": "Event"}
    for xml_id, el in entries.items():
        node = nodes[f"#{xml_id}"]
        assert node["@type"] == types[etree.QName(el).localname] and node["name"]
        assert node["identifier"] == xml_id
    assert "https://www.wikidata.org/wiki/Q1394" in nodes["#lenin"]["sameAs"]
    assert nodes["#lenin"]["birthDate"] == "1870-04-22"
    assert set(nodes["#petrograd"]["geo"]) == {"@type", "latitude", "longitude"}


def test_chronology_csv_has_every_marked_date_in_both_calendars(exported, edition):
    with open(exported / "data" / "chronology.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    marked = [el for d in edition.texts for el in d.tree.getroot().find(T + "text").iter(T + "date", T + "time")
              if any(el.get(a) for a in ("when", "from", "to", "notBefore", "notAfter", "when-custom"))]
    assert len(rows) == len(marked)
    times = [el for el in marked if el.tag == T + "time"]
    assert times and sorted(r["time_of_day"] for r in rows if r["time_of_day"]) == sorted(
        el.get("when").partition("T")[2][:5] for el in times)  # a time keeps its hour
    ids = {d.id: _local_ids(d.tree.getroot()) for d in edition.texts}
    old_style = [r for r in rows if r["calendar_of_source"] == "julian"]
    assert old_style
    for row in rows:
        assert not row["passage_id"] or row["passage_id"] in ids[row["text_id"]]
    for row in rows:
        for key in ("when", "from", "to"):
            gregorian, julian = row[f"gregorian_{key}"], row[f"julian_{key}"]
            if len(gregorian) == 10 and len(julian) == 10:  # the two calendars name the same day
                assert julian_to_gregorian(*map(int, julian.split("-"))).isoformat() == gregorian, row


def test_calendar_conversion_round_trips():
    assert julian_to_gregorian(1917, 10, 25) == dt.date(1917, 11, 7)
    assert julian_to_gregorian(1900, 2, 29) == dt.date(1900, 3, 13)  # a Julian leap day
    assert gregorian_to_julian(dt.date(1918, 2, 14)) == "1918-02-01"
    day = dt.date(1850, 1, 1)
    while day < dt.date(1930, 1, 1):
        assert julian_to_gregorian(*map(int, gregorian_to_julian(day).split("-"))) == day
        day += dt.timedelta(days=37)


def test_icalendar_is_rfc_5545_shaped(exported):
    data = (exported / "data" / "chronology.ics").read_bytes()
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")[:-1]
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") > 0
    uids = [line for line in unfolded if line.startswith("UID:")]
    assert len(uids) == len(set(uids)) == unfolded.count("BEGIN:VEVENT")
    assert len({line for line in unfolded if line.startswith("DTSTAMP:")}) == 1
    for line in unfolded:
        if line.startswith(("DTSTART", "DTEND")):
            assert re.fullmatch(r"DT(START|END);VALUE=DATE:\d{8}", line), line


# ---------------------------------------------------------------- read back by the world's readers

EXPORTED_CSV_HEADERS = {
    "registers.csv": ["id", "kind", "name", "variants", "dates", "when", "from", "to", "latitude", "longitude",
                      "identification", "authority_ids", "authority_urls", "mentions", "register"],
    "chronology.csv": ["text_id", "passage_id", "date_n", "date_text", "calendar_of_source", "gregorian_when",
                       "gregorian_from", "gregorian_to", "not_before", "not_after", "julian_when", "julian_from",
                       "julian_to", "time_of_day"],
}
SCHEMA_ORG = "http://schema.org/"


def _csv_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, strict=True))


def test_every_csv_is_read_by_pythons_csv_reader_under_its_published_header(exported):
    found = sorted(exported.rglob("*.csv"))
    assert sorted(path.name for path in found) == sorted(EXPORTED_CSV_HEADERS)
    for path in found:
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{path.name}: UTF-8 without a byte-order mark"
        with open(path, encoding="utf-8", newline="") as f:
            header, *records = list(csv.reader(f, strict=True))
        assert header == EXPORTED_CSV_HEADERS[path.name], path.name
        assert records, path.name
        for number, record in enumerate(records, start=2):
            assert len(record) == len(header), f"{path.name}, row {number}: {len(record)} fields"


def test_registers_jsonld_expands_offline_with_pyld_to_schema_org(exported, edition):
    from pyld import jsonld
    data = json.loads((exported / "data" / "registers.jsonld").read_text(encoding="utf-8"))
    base = "https://example.org/ria/data/registers.jsonld"
    asked_for = []

    def refuse_the_network(url, options=None):
        asked_for.append(url)
        raise OSError("offline")

    try:
        expanded = jsonld.expand(data, {"base": base, "documentLoader": refuse_the_network})
    except jsonld.JsonLdError as err:
        pytest.fail(f"the registers must expand offline, but asked for {asked_for}: {err}")
    nodes = {node["@id"]: node for node in expanded}
    entries = _register_entries(edition)
    assert set(nodes) == {f"{base}#{xml_id}" for xml_id in entries}
    types = {"person": "Person", "place": "Place", "org": "Organization", "event": "Event"}
    for compact in data["@graph"]:
        node = nodes[base + compact["@id"]]
        # Every property survives expansion as a schema.org term: none is dropped as undefined.
        assert set(node) - {"@id", "@type"} == {SCHEMA_ORG + key for key in compact if not key.startswith("@")}
        xml_id = compact["identifier"]
        assert node["@type"] == [SCHEMA_ORG + types[etree.QName(entries[xml_id]).localname]]
        assert node[SCHEMA_ORG + "identifier"] == [{"@value": xml_id}]
        assert [link["@id"] for link in node.get(SCHEMA_ORG + "sameAs", [])] == compact.get("sameAs", [])
    lenin = nodes[f"{base}#lenin"]
    assert {"@id": "https://www.wikidata.org/wiki/Q1394"} in lenin[SCHEMA_ORG + "sameAs"]
    [counter] = lenin[SCHEMA_ORG + "interactionStatistic"]
    assert counter["@type"] == [SCHEMA_ORG + "InteractionCounter"]
    assert counter[SCHEMA_ORG + "userInteractionCount"][0]["@value"] > 0


def _first_day(iso: str) -> dt.date:
    """The first day of an ISO date, month or year."""
    year, month, day = ([int(part) for part in iso.split("-")] + [1, 1])[:3]
    return dt.date(year, month, day)


def test_icalendar_is_read_back_by_the_icalendar_package_as_the_chronology_and_the_events(exported):
    import icalendar
    calendar = icalendar.Calendar.from_ical((exported / "data" / "chronology.ics").read_bytes())
    assert [component.errors for component in calendar.walk() if component.errors] == []
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["CALSCALE"]) == "GREGORIAN" and calendar["PRODID"]
    dates = {(row["text_id"], row["date_n"]): row for row in _csv_rows(exported / "data" / "chronology.csv")}
    events = {row["id"]: row for row in _csv_rows(exported / "data" / "registers.csv") if row["kind"] == "event"}
    read: set = set()
    for vevent in calendar.walk("VEVENT"):
        start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date and start < end, "an all-day span"
        assert isinstance(vevent.decoded("DTSTAMP"), dt.datetime)
        uid = str(vevent["UID"])
        assert uid.endswith("@revolution-in-arms"), uid
        local = uid.removesuffix("@revolution-in-arms")
        if local.startswith("event-"):
            row = events[local.removeprefix("event-")]
            assert str(vevent["SUMMARY"]) == row["name"]
            assert start == _first_day(row["when"] or row["from"])
        else:
            text_id, _, ordinal = local.rpartition("-date-")
            row = dates[(text_id, ordinal)]
            assert str(vevent["SUMMARY"]).startswith(row["date_text"])
            assert start == _first_day(row["gregorian_when"] or row["gregorian_from"])
        read.add(local)
    assert read == ({f"event-{event_id}" for event_id, row in events.items() if row["when"] or row["from"]}
                    | {f"{text_id}-date-{ordinal}" for (text_id, ordinal), row in dates.items()
                       if row["gregorian_when"] or row["gregorian_from"]})


# ---------------------------------------------------------------- EPUB

def test_epub_opens_with_spine_nav_and_notes_linked_both_ways(exported):
    with zipfile.ZipFile(exported / EPUB_NAME) as book:
        first = book.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert book.read("mimetype") == b"application/epub+zip"
        container = etree.fromstring(book.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(book.read(opf_path))
        base = opf_path.rsplit("/", 1)[0] + "/"
        assert opf.findtext(".//{*}meta[@property='dcterms:modified']")
        items = {i.get("id"): i for i in opf.xpath("//opf:manifest/opf:item", namespaces=OPF)}
        pages = {}
        for item in items.values():
            data = book.read(base + item.get("href"))
            if item.get("media-type") == "application/xhtml+xml":
                pages[item.get("href")] = etree.fromstring(data)
        spine = [i.get("idref") for i in opf.xpath("//opf:spine/opf:itemref", namespaces=OPF)]
        assert spine and all(ref in items for ref in spine)
        nav = next(items[i] for i in items if "nav" in (items[i].get("properties") or "").split())
        toc = pages[nav.get("href")].find(f".//{XHTML}nav[@{EPUB_TYPE}='toc']")
        for a in toc.iter(XHTML + "a"):
            href, _, fragment = a.get("href").partition("#")
            assert href in pages, a.get("href")
            assert not fragment or pages[href].xpath(f"//*[@id='{fragment}']"), a.get("href")
        footnotes = 0
        for href, page in pages.items():
            ids = page.xpath("//@id")
            assert len(ids) == len(set(ids)), f"{href}: duplicate ids"
            for ref in page.iter(XHTML + "a"):
                if ref.get(EPUB_TYPE) != "noteref":
                    continue
                note = page.xpath(f"//*[@id='{ref.get('href')[1:]}']")
                assert note and note[0].get(EPUB_TYPE) == "footnote", ref.get("href")
                back = note[0].xpath(".//*[local-name()='a'][@href=$h]", h=f"#{ref.get('id')}")
                assert back, f"{href}: footnote {ref.get('href')} does not link back"
                footnotes += 1
            for aside in page.iter(XHTML + "aside"):
                assert page.xpath(f"//*[@id='{aside.get('id').replace('note-', 'ref-', 1)}']")
        assert footnotes > 0


# ---------------------------------------------------------------- reproducible, and refusing

def test_exporting_twice_gives_identical_bytes(root, validators, exported, export_cache, tmp_path):
    """Every file made again, and validated again, but the PDFs: they are the first export's,
    taken from its cache (setting them is most of an export's time). That setting a text again
    gives its PDF byte for byte is proved by tests/test_pdf.py (test_the_same_edition_gives_the_same_bytes)."""
    from ria.cache import BuildCache
    (tmp_path / "cache").mkdir()
    for entry in export_cache.glob("export-pdf-*.pickle"):
        shutil.copy(entry, tmp_path / "cache")
    cache = BuildCache(tmp_path / "cache")
    again = tmp_path / "again"
    assert run_export(root, again, validators, cache=cache) == 0
    assert cache.hits == Counter({"export-pdf": len(list((exported / "pdf").iterdir()))})
    assert cache.misses == Counter({"export-verdict": len(list((exported / "tei").iterdir()))})
    first = {str(p.relative_to(exported)): p.read_bytes() for p in exported.rglob("*") if p.is_file()}
    second = {str(p.relative_to(again)): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_exporting_again_after_an_edit_sets_and_validates_only_what_the_edit_changed(
        root, validators, exported, export_cache, tmp_path):
    from conftest import PILOT, edit_one_paragraph

    from ria.cache import BuildCache
    project = tmp_path / "project"
    for part in ("tei", "schema", "xslt", "theme", "sources"):
        shutil.copytree(root / part, project / part)
    shutil.copy(root / "ria-corpus.json", project)
    edit_one_paragraph(project)
    shutil.copytree(export_cache, tmp_path / "cache")
    cache = BuildCache(tmp_path / "cache")
    assert run_export(project, tmp_path / "again", validators, cache=cache) == 0
    edited = Path(PILOT).stem
    # The edited text's PDF and verdict, and the corpus's, which holds it; nothing else.
    assert cache.misses == Counter({"export-pdf": 1, "export-verdict": 2})
    assert cache.hits == Counter({"export-pdf": len(list((exported / "pdf").iterdir())) - 1,
                                  "export-verdict": len(list((exported / "tei").iterdir())) - 2})
    again = tmp_path / "again"
    assert (again / "pdf" / f"{edited}.pdf").read_bytes() != (exported / "pdf" / f"{edited}.pdf").read_bytes()
    for pdf in (exported / "pdf").iterdir():
        if pdf.stem != edited:
            assert (again / "pdf" / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name
    # The verdicts taken from the cache say what they said.
    report = json.loads((again / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["checked"] == json.loads((exported / REPORT_NAME).read_text(encoding="utf-8"))["checked"]


def test_a_text_that_fails_validation_is_not_exported(root, tmp_path, capsys):
    project = tmp_path / "project"
    for part in ("tei", "schema", "xslt", "theme", "sources"):
        shutil.copytree(root / part, project / part)
    broken = project / "tei" / "texts" / "tukhachevsky-1921.xml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace('<p xml:id="tuk-p5" n="2">', '<p xml:id="tuk-p5" n="2"><unknown/>', 1),
                      encoding="utf-8")
    out = project / "export"
    out.mkdir()
    mark(out)  # an export this toolchain wrote before
    (out / "previous.txt").write_text("the previous export")
    code = cli.main(["--root", str(project), "export", "--out", str(out)])
    err = capsys.readouterr().err
    assert code != 0
    assert re.search(r"tei/texts/tukhachevsky-1921\.xml:\d+:\d+: error: .*unknown", err), err
    assert re.search(r"export/tei/tukhachevsky-1921\.xml:1:1: error: not exported", err), err
    assert "TEI conformance not checked" in err  # no ../shared beside the temporary project
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "previous.txt"]


def test_epub_passes_epubcheck(exported):
    """The W3C's EPUBCheck finds nothing."""
    epubcheck(exported / "revolution-in-arms.epub")


def test_every_text_has_its_print_edition(exported, manifest, edition):
    """Each text's PDF (tests/test_pdf.py reads one closely) is exported, listed with the TEI it
    is made from, and opens in pypdf with the text's title."""
    import pypdf
    listed = {f["path"]: f for f in manifest["files"]}
    titles = {doc.id: " ".join(doc.tree.getroot().findtext(f".//{T}titleStmt/{T}title").split())
              for doc in edition.texts}
    for doc in edition.texts:
        entry = listed[f"pdf/{doc.id}.pdf"]
        assert entry["media_type"] == "application/pdf"
        assert {"file": doc.rel, "sha256": doc.sha256} in entry["derived_from"]
        reader = pypdf.PdfReader(exported / entry["path"])
        assert len(reader.pages) > 2
        assert reader.metadata.title == titles[doc.id]
