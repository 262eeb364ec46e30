"""`build.py export --corpus DIR --public`: an export for the open web holds no word of a text whose
rights are not free, as `build --corpus DIR --public` publishes none (ria/model/rights.py). The text
keeps its line in texts.csv (saying its words are withheld), a chapter of the e-book with its
header's data and why its words are not there, and its mentions and dates in the registers and the
chronology, by their place; the manifest says the export is public and what it withheld. Every
file is read back as its reader would (and the e-book's entries unzipped) to look for the words."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, epubcheck, required
from lxml import etree
from test_corpus_public import letter, licence
from test_export_corpus import files_in
from test_wild_tei import corpus, tei

from ria.export.corpus import export_corpus

jsonld = required("pyld.jsonld")
icalendar = required("icalendar")
SCHEMA = "http://schema.org/"
X = "{http://www.w3.org/1999/xhtml}"
SECRET = "Kellerschlüsselversteck"  # a word of the restricted text's body, and of no other text
OPEN = "Sonnenblumenfeld"  # a word of the free text's body

REGISTER = tei('<body><listPerson><person xml:id="anna"><persName>Anna</persName></person></listPerson></body>',
               title="Register")
FREE = letter("Offen", licence("https://creativecommons.org/licenses/by/4.0/"),
              f'<body><p>Das {OPEN} sah <persName ref="#anna">Anna</persName> am '
              '<date when="1900-01-02">2. Jänner 1900</date>.</p></body>')
RESTRICTED = letter("Geheim", '<availability status="restricted"><p>Nur zum Studium.</p></availability>',
                    f'<body><p>Das {SECRET} kannte <persName ref="#anna">Anna</persName> am '
                    '<date when="1900-03-04">4. März 1900</date>.</p>'
                    f'<p>Noch einmal: {SECRET}<note place="foot">Auch hier: {SECRET}.</note>.</p></body>')


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("rights") / "briefe",
                    {"register.xml": REGISTER, "offen.xml": FREE, "geheim.xml": RESTRICTED})
    public, private = folder.parent / "public", folder.parent / "private"
    export_corpus(folder, public, ROOT, jobs=1, public=True)
    export_corpus(folder, private, ROOT, jobs=1)
    return folder, public, private


def readable(folder) -> dict[str, bytes]:
    """Every file of an export as a reader gets at its words: the e-book's entries unzipped."""
    found = {}
    for rel, data in files_in(folder).items():
        if rel.endswith(".epub"):
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                found.update({f"{rel}/{name}": book.read(name) for name in book.namelist()})
        else:
            found[rel] = data
    return found


def holding(files: dict[str, bytes], word: str) -> list[str]:
    return sorted(rel for rel, data in files.items() if word.encode("utf-8") in data)


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_no_file_of_a_public_export_holds_a_word_of_a_text_that_is_not_free(exports):
    _, public, _ = exports
    files = readable(public)
    assert holding(files, SECRET) == []
    assert "text/offen.reading.txt" in files and "text/offen.diplomatic.txt" in files
    assert not any(rel.startswith("text/geheim") for rel in files)
    assert {"text/offen.reading.txt", "text/offen.diplomatic.txt"} <= set(holding(files, OPEN))
    assert any(rel.startswith("briefe.epub/") for rel in holding(files, OPEN))


def test_an_export_for_study_holds_every_texts_words_as_it_did(exports):
    _, public, private = exports
    files = readable(private)
    assert "text/geheim.reading.txt" in holding(files, SECRET)
    assert any(rel.startswith("briefe.epub/") for rel in holding(files, SECRET))
    assert "public" not in json.loads(files["manifest.json"])
    assert "words" not in rows(files["data/texts.csv"])[0]
    # What the public export keeps of the free text, it keeps as the export for study has it.
    shared = ("text/offen.reading.txt", "text/offen.diplomatic.txt", "data/registers.csv", "data/registers.jsonld")
    assert {rel: files_in(public)[rel] for rel in shared} == {rel: files_in(private)[rel] for rel in shared}


def test_the_texts_list_keeps_the_withheld_text_with_its_rights_and_says_its_words_are_withheld(exports):
    _, public, _ = exports
    texts = {t["id"]: t for t in rows((public / "data/texts.csv").read_bytes())}
    assert {key: (t["title"], t["availability"], t["words"]) for key, t in texts.items()} == {
        "offen": ("Offen", "free", "included"), "geheim": ("Geheim", "restricted", "withheld")}
    assert texts["geheim"]["file"] == "geheim.xml" and texts["geheim"]["sha256"]


def test_its_mentions_and_dates_keep_their_place_without_their_sentence(exports):
    _, public, _ = exports
    [anna] = rows((public / "data/registers.csv").read_bytes())
    assert (anna["id"], anna["mentions"]) == ("anna", "2")  # (its mention in the withheld text counts)
    expanded = jsonld.expand(json.loads((public / "data/registers.jsonld").read_bytes()),
                             {"base": "https://example.org/r.jsonld",
                              "documentLoader": lambda url, options=None: 1 / 0})
    [counter] = expanded[0][SCHEMA + "interactionStatistic"]
    assert counter[SCHEMA + "userInteractionCount"][0]["@value"] == 2
    dated = rows((public / "data/chronology.csv").read_bytes())
    assert [(d["text_id"], d["date_text"], d["gregorian_when"]) for d in dated] == [
        ("offen", "2. Jänner 1900", "1900-01-02"), ("geheim", "4. März 1900", "1900-03-04")]
    calendar = icalendar.Calendar.from_ical((public / "data/chronology.ics").read_bytes())
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == [
        "2. Jänner 1900 — Offen", "4. März 1900 — Geheim"]


def test_the_book_gives_the_withheld_text_its_data_and_why_its_words_are_not_there(exports):
    _, public, _ = exports
    book = public / "briefe.epub"
    epubcheck(book)
    with zipfile.ZipFile(book) as archive:
        pages = [etree.fromstring(archive.read(name)) for name in sorted(archive.namelist())
                 if name.startswith("OEBPS/text-")]
        title_page = archive.read("OEBPS/title.xhtml").decode("utf-8")
    sections = {page.findtext(f".//{X}h1"): page.find(f".//{X}section") for page in pages}
    assert sorted(sections) == ["Geheim", "Offen"]
    withheld = " ".join(sections["Geheim"].itertext())
    assert "Rights (restricted): Nur zum Studium." in withheld
    assert "does not include the words of this text" in withheld
    assert OPEN in " ".join(sections["Offen"].itertext())
    assert "1 text whose rights are not free" in title_page


def test_the_manifest_says_the_export_is_public_and_what_it_withheld_and_why(exports):
    _, public, _ = exports
    manifest = json.loads((public / "manifest.json").read_bytes())
    assert manifest["public"] is True
    assert manifest["withheld"] == [{"text": "geheim", "file": "geheim.xml", "availability": "restricted",
                                     "why": "its rights are not free (restricted): Nur zum Studium."}]
    assert sorted(f["path"] for f in manifest["files"]) == sorted(set(files_in(public)) - {"manifest.json"})


def test_the_command_line_exports_for_the_open_web_and_says_how_many_texts_it_withheld(exports, tmp_path):
    folder, public, _ = exports
    out = tmp_path / "export"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "export", "--corpus", str(folder), "--out",
                             str(out), "--public"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 texts whose rights are not free are exported without their words" in result.stdout
    assert files_in(out) == files_in(public)


def test_the_editions_export_refuses_public_and_says_what_makes_a_public_edition(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(ROOT), "export", "--out",
                             str(tmp_path / "export"), "--public"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "--public is for corpus exports" in result.stderr and "build --public" in result.stderr
    assert not (tmp_path / "export").exists()
