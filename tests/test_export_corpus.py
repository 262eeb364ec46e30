"""`build.py export --corpus DIR`: any corpus's texts and annotations in the formats people reuse,
each file read back as they would read it (the CSV by a CSV reader, the JSON-LD by a JSON-LD
processor, the calendar by an iCalendar reader), on letters written here and on real ones."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED, required, unavailable
from test_wild_tei import corpus, tei

from ria.export.corpus import export_corpus
from ria.publish.site import MARKER

jsonld = required("pyld.jsonld")
icalendar = required("icalendar")
SCHEMA = "http://schema.org/"

PERSONS = tei('<body><listPerson><person xml:id="p1"><persName>Anna Weber</persName><persName>A. W.</persName>'
              '<birth when="1850-03-01"/><death when="1920-11-02"/>'
              '<idno type="GND">https://d-nb.info/gnd/0000000001</idno></person>'
              '<person xml:id="p2"><persName>Karl Roth</persName></person></listPerson>'
              '<listPlace><place xml:id="wien"><placeName>Wien</placeName>'
              '<location><geo>48.2 16.37</geo></location></place></listPlace></body>', title="Register")
LETTER = tei('<body><div type="letter"><p>Liebe <persName ref="#p1">Anna</persName>, in '
             '<placeName ref="#wien">Wien</placeName> am <date when="1890-05-04">4. Mai</date> '
             '<subst><del>sah</del><add>traf</add></subst> ich <persName ref="#p2">Karl</persName>.</p>'
             '<p>Am <date datingMethod="#julian" when-custom="1890-05-01" when="1890-05-13">1. Mai a. St.</date> '
             'schrieb er, <persName ref="#p1">Anna</persName>.</p></div></body>', title="An Anna", lang="de")
SECOND = tei('<body><p>Ein zweiter Brief an <persName ref="#p1">Anna</persName>.</p></body>', title="Noch ein Brief",
             lang="de")


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("letters") / "briefe",
                    {"register.xml": PERSONS, "brief-1.xml": LETTER, "brief-2.xml": SECOND})
    out = folder.parent / "export"
    export_corpus(folder, out, ROOT, jobs=1)
    return folder, out


def files_in(folder) -> dict[str, bytes]:
    """The files of a folder (an export's without the mark that says the export wrote it)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_each_text_is_given_in_both_views_with_its_registers_and_dates_as_data(letters):
    _, out = letters
    assert sorted(files_in(out)) == [
        "briefe.epub", "data/chronology.csv", "data/chronology.ics", "data/registers.csv", "data/registers.jsonld",
        "data/texts.csv", "manifest.json", "text/brief-1.diplomatic.txt", "text/brief-1.reading.txt",
        "text/brief-2.diplomatic.txt", "text/brief-2.reading.txt"]
    reading = (out / "text/brief-1.reading.txt").read_text(encoding="utf-8")
    diplomatic = (out / "text/brief-1.diplomatic.txt").read_text(encoding="utf-8")
    assert "Liebe Anna, in Wien am 4. Mai traf ich Karl." in reading
    assert "am 4. Mai ⟦sah⟧traf ich Karl." in diplomatic  # struck out, as Leiden marks it
    assert reading.startswith("An Anna\n")


def test_the_registers_read_back_with_their_mentions_places_and_lives(letters):
    _, out = letters
    entries = {row["id"]: row for row in rows((out / "data/registers.csv").read_bytes())}
    assert {key: (row["name"], row["mentions"]) for key, row in entries.items()} == {
        "p1": ("Anna Weber", "3"), "p2": ("Karl Roth", "1"), "wien": ("Wien", "1")}
    assert (entries["p1"]["variants"], entries["wien"]["latitude"]) == ("A. W.", "48.2")
    data = json.loads((out / "data/registers.jsonld").read_bytes())

    def refuse_the_network(url, options=None):
        raise OSError(f"offline: asked for {url}")

    expanded = {node["@id"]: node for node in jsonld.expand(
        data, {"base": "https://example.org/data/registers.jsonld", "documentLoader": refuse_the_network})}
    anna = expanded["https://example.org/data/registers.jsonld#p1"]
    assert anna["@type"] == [SCHEMA + "Person"]
    assert [d["@value"] for d in anna[SCHEMA + "birthDate"]] == ["1850-03-01"]
    assert [d["@id"] for d in anna[SCHEMA + "sameAs"]] == ["https://d-nb.info/gnd/0000000001"]


def test_the_dates_the_letters_mark_are_a_calendar_in_both_calendars(letters):
    _, out = letters
    dated = rows((out / "data/chronology.csv").read_bytes())
    assert [(d["text_id"], d["date_text"], d["gregorian_when"], d["julian_when"], d["calendar_of_source"])
            for d in dated] == [("brief-1", "4. Mai", "1890-05-04", "1890-04-22", "gregorian"),
                                ("brief-1", "1. Mai a. St.", "1890-05-13", "1890-05-01", "julian")]
    calendar = icalendar.Calendar.from_ical((out / "data/chronology.ics").read_bytes())
    events = sorted((str(e["SUMMARY"]), e.decoded("DTSTART").isoformat()) for e in calendar.walk("VEVENT"))
    assert events == [("1. Mai a. St. (Old Style: 1890-05-01) — An Anna", "1890-05-13"),
                      ("4. Mai — An Anna", "1890-05-04")]
    texts = rows((out / "data/texts.csv").read_bytes())
    assert [(t["id"], t["title"], t["language"], t["file"]) for t in texts] == [
        ("brief-1", "An Anna", "de", "brief-1.xml"), ("brief-2", "Noch ein Brief", "de", "brief-2.xml")]


def test_the_manifest_accounts_for_every_file_written_and_every_file_read(letters):
    folder, out = letters
    written = files_in(out)
    manifest = json.loads(written.pop("manifest.json"))
    assert {f["path"]: (f["size"], f["sha256"]) for f in manifest["files"]} == {
        rel: (len(data), hashlib.sha256(data).hexdigest()) for rel, data in written.items()}
    assert {f["path"]: f.get("derived_from") for f in manifest["files"]}["text/brief-2.reading.txt"] == [
        {"file": "brief-2.xml", "sha256": hashlib.sha256((folder / "brief-2.xml").read_bytes()).hexdigest()}]
    assert [f["file"] for f in manifest["read"]] == ["brief-1.xml", "brief-2.xml", "register.xml"]


def test_exporting_an_unchanged_corpus_again_gives_identical_bytes(letters, tmp_path):
    folder, out = letters
    export_corpus(folder, tmp_path / "again", ROOT, jobs=1)
    assert files_in(tmp_path / "again") == files_in(out)


def test_an_export_into_the_corpus_is_refused_and_writes_nothing(letters, tmp_path):
    folder, _ = letters
    copy = tmp_path / "briefe"
    shutil.copytree(folder, copy)
    before = files_in(copy)
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "export", "--corpus", str(copy),
                             "--out", str(copy / "export")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "error" in result.stderr
    assert files_in(copy) == before


def test_a_letters_address_lines_and_unnumbered_pages_read_apart_in_its_plain_text(tmp_path):
    # As schnitzler-briefe writes an envelope: its lines with no space between, its sheets unnumbered.
    envelope = tei('<body><div type="address"><address><addrLine><pb facs="sheet-1"/>Herrn Doktor Roth</addrLine>'
                   '<addrLine>Wien</addrLine><addrLine>Wollzeile 15</addrLine></address></div>'
                   '<div type="letter"><p><pb facs="sheet-2"/>Lieber Karl!</p></div></body>', title="Umschlag")
    folder = corpus(tmp_path / "briefe", {"umschlag.xml": envelope})
    export_corpus(folder, tmp_path / "export", ROOT, jobs=1)
    text = (tmp_path / "export" / "text" / "umschlag.reading.txt").read_text(encoding="utf-8")
    assert "[p.] Herrn Doktor Roth\n\nWien\n\nWollzeile 15\n\n[p.] Lieber Karl!" in text


def test_real_letters_export_with_their_registers_and_dates(tmp_path):
    source = SHARED / "corpus" / "schnitzler-briefe"
    if not (source / "editions").is_dir():
        unavailable(f"real-corpus test skipped: {source} is not present (../shared is optional)")
    folder = tmp_path / "schnitzler-briefe"
    (folder / "editions").mkdir(parents=True)
    for path in sorted((source / "editions").glob("*.xml"))[:25]:
        shutil.copyfile(path, folder / "editions" / path.name)
    shutil.copytree(source / "indices", folder / "indices")
    out = tmp_path / "export"
    export_corpus(folder, out, ROOT)
    texts = rows((out / "data/texts.csv").read_bytes())
    assert len(texts) == 25 and all(t["date"] and t["author"] for t in texts)
    for t in texts:
        assert (out / f"text/{t['id']}.reading.txt").stat().st_size > 200
    mentioned = [row for row in rows((out / "data/registers.csv").read_bytes()) if int(row["mentions"])]
    assert len(mentioned) > 25
    calendar = icalendar.Calendar.from_ical((out / "data/chronology.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) >= 1
    jsonld.expand(json.loads((out / "data/registers.jsonld").read_bytes()),
                  {"base": "https://example.org/r.jsonld", "documentLoader": lambda url, options=None: 1 / 0})
