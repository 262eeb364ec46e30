"""A project is its folder and a small config (issue 19): who the edition is comes from its
``ria-corpus.json`` and its corpus header, not from the toolchain's code; a corpus site names
its own corpus and never this edition; a config that cannot be read is an error at its place."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ria.export import pdf as export_pdf
from ria.export.run import run_export
from ria.export.validation import Validators
from ria.model.project_config import ProjectConfig, edition_config
from ria.publish.transform import Transformer
from ria.xmlio import TEI, XML_ID

ROOT = Path(__file__).resolve().parent.parent
BUILD = [sys.executable, str(ROOT / "build.py")]
# The one mention of the toolchain a corpus site keeps: the generator it names in each page's
# head (HTML's own field for the software that wrote a page), and the marker file saying the
# toolchain wrote the folder (ria/publish/site.py). Neither names the edition.
TOOLCHAIN = (b'<meta name="generator" content="Revolution in Arms toolchain', b"Written by the Revolution in Arms toolchain")


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*BUILD, *map(str, args)], capture_output=True, text=True, cwd=ROOT, timeout=600)


def rename_editors(project: Path, name: str, xml_id: str) -> None:
    """The copy's editors get another name and xml:id, in its header and in every @resp and @who."""
    for path in (project / "tei").rglob("*.xml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'(["\s])#ria(?=["\s])', rf"\1#{xml_id}", text)
        text = text.replace('xml:id="ria">', f'xml:id="{xml_id}">').replace(">the Revolution in Arms editorial team<",
                                                                          f">{name}<")
        path.write_text(text, encoding="utf-8")


def test_the_edition_is_named_by_its_header_and_its_config(root):
    header = etree.parse(str(root / "tei" / "edition.xml"))
    editors = header.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}respStmt/{TEI}orgName")
    project = edition_config(root, header)
    # What the header says is read from it: the title, the editors and the id their @resp points to.
    assert project.title == header.findtext(f".//{TEI}titleStmt/{TEI}title[@type='main']") == "Revolution in Arms"
    assert (project.editors, project.editors_id) == (editors.text, editors.get(XML_ID)) == \
        ("the Revolution in Arms editorial team", "ria")
    assert project.editors_name == "Revolution in Arms editorial team"  # as a name stands alone
    # What it does not say is the config's: the name of the project's files.
    assert project.id == json.loads((root / "ria-corpus.json").read_text())["id"] == "revolution-in-arms"
    assert (project.epub_file, project.zip_file, project.corpus_file) == \
        ("revolution-in-arms.epub", "revolution-in-arms-tei.zip", "revolution-in-arms.xml")


def test_without_a_config_the_files_are_named_from_the_title_and_a_config_pins_them(project):
    header = etree.parse(str(project / "tei" / "edition.xml"))
    assert edition_config(project, header).id == "revolution-in-arms"
    header.find(f".//{TEI}titleStmt/{TEI}title[@type='main']").text = "Arms and the Revolution, 1917"
    assert edition_config(project, header).id == "arms-and-the-revolution-1917"
    (project / "ria-corpus.json").write_text('{"id": "revolution-in-arms"}')
    assert edition_config(project, header).id == "revolution-in-arms"


def test_the_config_names_the_export_files(project, processor, monkeypatch):
    (project / "ria-corpus.json").write_text('{"id": "arms-2"}\n')
    # Each PDF is named by its text and set by WeasyPrint for minutes: not what this test is about.
    monkeypatch.setattr(export_pdf, "text_pdfs", lambda *args, **kwargs: {})
    out = project / "out"
    assert run_export(project, out, Validators.load(project, processor)) == 0
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"arms-2.epub", "arms-2-tei.zip", "tei/arms-2.xml"} <= names
    assert not [name for name in names if "revolution-in-arms" in name]
    manifest = json.loads((out / "manifest.json").read_text())
    assert {"arms-2.epub", "arms-2-tei.zip", "tei/arms-2.xml"} <= {f["path"] for f in manifest["files"]}
    calendar = (out / "data" / "chronology.ics").read_bytes().decode("utf-8").replace("\r\n ", "")  # unfolded
    uids = re.findall(r"^UID:(.*)\r$", calendar, re.MULTILINE)
    assert uids and all(uid.endswith("@arms-2") for uid in uids)
    assert "PRODID:-//Revolution in Arms//arms-2 export//EN" in calendar
    with zipfile.ZipFile(out / "arms-2.epub") as book:
        package = book.read("OEBPS/package.opf").decode()
    version = etree.parse(str(project / "tei" / "edition.xml")).find(f".//{TEI}edition").get("n")
    assert f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'arms-2:{version}')}" in package


def test_the_site_names_the_editors_and_the_licence_its_header_names(project, tmp_path):
    rename_editors(project, "the Arms Collective", "arms")
    header = project / "tei" / "edition.xml"
    header.write_text(header.read_text(encoding="utf-8").replace(
        'target="https://creativecommons.org/licenses/by/4.0/"', 'target="https://creativecommons.org/licenses/by-sa/4.0/"'),
        encoding="utf-8")
    site = tmp_path / "site"
    result = run("--root", project, "build", "--out", site, "--no-cache")
    assert result.returncode == 0, result.stderr
    page = (site / "texts" / "trotsky-1924.html").read_text(encoding="utf-8")
    assert "ed. by the Arms Collective, version" in page  # the citation
    assert '<meta name="DC.contributor" content="Arms Collective">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL).group(1))
    assert data["contributor"] == {"@type": "Organization", "name": "Arms Collective"}
    assert data["isPartOf"]["creator"] == {"@type": "Organization", "name": "Arms Collective"}
    # The apparatus knows the editors by the id the header gives them (a stylesheet parameter).
    assert "error of the transcription, by the editors of this edition" in page
    assert "by arms" not in page
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "editorial team" not in html, path
        # the footer of every page (but the search index's own)
        assert "pagefind" in path.parts or "commentary are offered under CC BY-SA 4.0," in html, path


TEXT = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="t"><teiHeader><fileDesc><titleStmt><title>T</title>
</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>It is <choice><sic>teh</sic><corr resp="#eds">the</corr></choice> end.</p></body></text></TEI>"""


def test_the_apparatus_names_as_this_editions_only_the_editors_it_is_given(processor):
    transformer = Transformer(processor, ROOT / "xslt" / "text.xsl")
    ours = " ".join(transformer.transform(TEXT, "t.xml", editors_id="eds")["apparatus"].split())
    assert "corrected, by the editors of this edition" in ours
    # Without the parameter no id is the edition's: not even the one this edition's editors have.
    theirs = " ".join(transformer.transform(TEXT.replace("#eds", "#ria"), "t.xml")["apparatus"].split())
    assert "corrected, by ria" in theirs and "editors of this edition" not in theirs


LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}"><teiHeader><fileDesc><titleStmt><title>Brief {n}</title>
<respStmt><resp>ediert von</resp><persName xml:id="ria">Rita Ia</persName></respStmt></titleStmt>
<publicationStmt><p>Wien</p></publicationStmt><sourceDesc><p>Handschrift</p></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><persName ref="#bahr">Bahr</persName>
<date when="1900-0{n}-01">1. {n}. 1900</date></correspAction></correspDesc></profileDesc></teiHeader>
<text><body><div type="letter"><p>Lieber <persName ref="#bahr">Bahr</persName>, ich
<choice><sic>wa</sic><corr resp="#ria">war</corr></choice> in Wien.</p></div></body></text></TEI>
"""

PERSONS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Personen</title></titleStmt>
<publicationStmt><p>Wien</p></publicationStmt><sourceDesc><p>Register</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson><person xml:id="bahr"><persName>Hermann Bahr</persName></person></listPerson></body></text>
</TEI>
"""


def test_a_corpus_site_names_its_own_corpus_and_never_this_edition(tmp_path):
    corpus = tmp_path / "briefe"
    (corpus / "indices").mkdir(parents=True)
    for n in (1, 2):
        (corpus / f"brief-{n}.xml").write_text(LETTER.format(id=f"b{n}", n=n), encoding="utf-8")
    (corpus / "indices" / "personen.xml").write_text(PERSONS, encoding="utf-8")
    # A config that gives only a title: the texts and registers are then found by what they hold.
    (corpus / "ria-corpus.json").write_text('{"title": "Briefe an Bahr"}', encoding="utf-8")
    site = tmp_path / "site"
    result = run("build", "--corpus", corpus, "--out", site, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "from 2 texts and 1 registers" in result.stdout
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>" in home and "Briefe an Bahr" in home.split("</title>")[0]
    assert "Briefe an Bahr: 2 texts" in home  # the footer
    letter = (site / "texts" / "b1.html").read_text(encoding="utf-8")
    assert "corrected, by Rita Ia" in letter  # the corpus's own editor, by the id its header gives her
    files = [path for path in site.rglob("*") if path.is_file()]
    assert len(files) > 20
    for path in files:
        data = path.read_bytes()
        for allowed in TOOLCHAIN:
            data = data.replace(allowed, b"")
        for edition in (b"Revolution in Arms", b"revolution-in-arms", b"editors of this edition", b"editorial team"):
            assert edition not in data, (path, edition)


EDITION_CASES = [
    ('{"id": "arms",\n "id": "arms-2"}', 2, 8, "'id' is set twice"),
    ('{"id": "arms"\n "editors_id": "ria"}', 2, 2, "not JSON: Expecting ',' delimiter"),
    ('{\n  "title": "Arms"\n}', 2, 12,
     "'title': it is not set here: the edition's title is its header's (tei/edition.xml, titleStmt/title); "
     "the settings here are: id, editors_id, checks, rights"),
    ('{"id": "arms/2"}', 1, 8, "'id' must be a file name: letters, digits, '.', '_', '-' or '~', not \"arms/2\""),
    ('{"editors_id": 7}', 1, 16, "'editors_id' must be an xml:id, not 7"),
    ('\n  ["arms"]', 2, 3, 'the config must be a JSON object: {"id": "…"}'),
    ('{"id": "arms", "colour": "red"}', 1, 26, "'colour': it is unknown; the settings here are: id, editors_id, checks, rights"),
]


@pytest.mark.parametrize("text, line, col, message", EDITION_CASES)
def test_a_bad_edition_config_is_an_error_at_its_place(project, tmp_path, text, line, col, message):
    config = project / "ria-corpus.json"
    config.write_text(text, encoding="utf-8")
    result = run("--root", project, "build", "--out", tmp_path / "site")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"{config.resolve()}:{line}:{col}: error: {message}"]
    assert not (tmp_path / "site").exists()


def test_a_config_that_is_not_utf8_is_an_error_and_export_stops_on_it(project, tmp_path):
    config = project / "ria-corpus.json"
    config.write_bytes(b'{"id": "caf\xe9"}')
    result = run("--root", project, "export", "--out", tmp_path / "export")
    assert result.returncode == 1
    assert f"{config.resolve()}:1:1: error: not UTF-8 (byte 11)" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr and not (tmp_path / "export").exists()


@pytest.mark.parametrize("text, line, col, message", [
    ('{"title": "Briefe",\n "id": "briefe"}', 2, 8,
     "'id': it is not set here: a corpus has no export whose files it would name; "
     "the settings here are: title, texts, registers, checks, rights"),
    ('{"texts": 5}', 1, 11, "'texts' must be a pattern or a list of patterns, not 5"),
    ('{"title": "Briefe", "texts": "keine/*.xml"}', 1, 30, "the corpus config names no text files"),
])
def test_a_bad_corpus_config_is_an_error_at_its_place(tmp_path, text, line, col, message):
    corpus = tmp_path / "briefe"
    corpus.mkdir()
    (corpus / "brief-1.xml").write_text(LETTER.format(id="b1", n=1), encoding="utf-8")
    (corpus / "ria-corpus.json").write_text(text, encoding="utf-8")
    result = run("build", "--corpus", corpus, "--out", tmp_path / "site", "--no-cache")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"{(corpus / 'ria-corpus.json').resolve()}:{line}:{col}: error: {message}"
    assert "Traceback" not in result.stderr


def test_the_corpus_example_config_still_names_the_parts(tmp_path):
    """The format the edition's file shares is the one corpora have used: title and patterns."""
    from ria.corpus import load_corpus
    corpus = tmp_path / "briefe"
    (corpus / "register").mkdir(parents=True)
    for n in (1, 2):
        (corpus / f"brief-{n}.xml").write_text(LETTER.format(id=f"b{n}", n=n), encoding="utf-8")
    (corpus / "register" / "personen.xml").write_text(PERSONS, encoding="utf-8")
    shutil.copy(corpus / "brief-2.xml", corpus / "entwurf.xml")
    (corpus / "ria-corpus.json").write_text(json.dumps(
        {"title": "Briefe", "texts": ["brief-*.xml"], "registers": "register/*.xml"}), encoding="utf-8")
    loaded = load_corpus(corpus)
    assert loaded.title == "Briefe"
    assert [d.rel for d in loaded.texts] == ["brief-1.xml", "brief-2.xml"]
    assert [d.rel for d in loaded.registers] == ["register/personen.xml"]


def test_the_licence_of_the_editions_own_work_is_its_headers_and_names_itself(root):
    header = etree.parse(str(root / "tei" / "edition.xml"))
    project = edition_config(root, header)
    assert project.licence == header.find(f".//{TEI}availability/{TEI}licence").get("target") == \
        "https://creativecommons.org/licenses/by/4.0/"
    assert project.licence_name == "the Creative Commons Attribution 4.0 International licence (CC BY 4.0)"
    named = {url: ProjectConfig(id="x", title="x", licence=url).licence_name for url in (
        "https://creativecommons.org/licenses/by-nc-sa/4.0/", "http://creativecommons.org/licenses/by-nd/4.0/legalcode",
        "https://creativecommons.org/publicdomain/zero/1.0/", "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        "")}
    assert list(named.values()) == [
        "the Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International licence (CC BY-NC-SA 4.0)",
        "the Creative Commons Attribution-NoDerivatives 4.0 International licence (CC BY-ND 4.0)",
        "the Creative Commons CC0 1.0 Universal public domain dedication (CC0 1.0)",
        "the licence at https://www.etalab.gouv.fr/licence-ouverte-open-licence", ""]


@pytest.mark.parametrize("target, said", [
    ("https://creativecommons.org/licenses/by-sa/4.0/",
     "licensed under the Creative Commons Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0). "),
    ("https://example.org/licence?a=1&b=2", "licensed under the licence at https://example.org/licence?a=1&b=2. "),
    (None, None),
])
def test_an_imported_skeleton_takes_its_projects_licence(root, target, said):
    from ria.commands.importer import skeleton
    header = etree.parse(str(root / "tei" / "edition.xml"))
    licence = header.find(f".//{TEI}availability/{TEI}licence")
    if target is None:
        licence.getparent().remove(licence)
    else:
        licence.set("target", target)
    made = etree.fromstring(skeleton("A text.\n", "x-1900", "X", "", "x", {}, "2024-01-01",
                                     edition_config(root, header)).xml.encode())
    availability = made.find(f".//{TEI}availability")
    given = availability.find(f"{TEI}licence")
    if target is None:  # no licence where the project gives none; the source's rights stay to be established
        assert given is None and availability.findtext(f"{TEI}p").startswith("The rights in this text")
    else:
        assert given.get("target") == target and said in given.text
