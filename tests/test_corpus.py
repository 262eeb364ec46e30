"""`build.py build --corpus DIR`: a site from a TEI corpus written elsewhere, and its edition-schema report."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import serving, unavailable
from lxml import etree

from ria.corpus import build_corpus, initial_of, load_corpus, text_language
from ria.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
SCHNITZLER = ROOT.parent / "shared" / "corpus" / "schnitzler-briefe"

HEADER = """<teiHeader><fileDesc><titleStmt><title level="a">{title}</title></titleStmt>
<publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><persName ref="#p1">Bahr, Hermann</persName>
<date when="{date}">{date}</date></correspAction></correspDesc>
<langUsage><language ident="de-AT">Deutsch</language></langUsage></profileDesc></teiHeader>"""

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{id}">{header}
<text><body><div type="letter"><opener><dateline><rs type="place" ref="#w1">Wien</rs>, {date}</dateline></opener>
<p>Lieber <rs type="person" ref="#p2">Freund</rs>, ich war bei <persName ref="#p1">Bahr</persName> in
<placeName ref="#w2">Ischl</placeName><note type="commentary">Mit <rs type="person" ref="#p2">Arthur</rs>.</note>.
Ein <rs type="person" ref="#nobody">Unbekannter</rs> kam auch.</p>
<postscript><p>PS: <del>nicht</del><add place="above">doch</add> <rs type="place" ref="#w1">Wien</rs>.</p></postscript>
</div></body>
<back><listPerson><person xml:id="copy-{id}"><persName>Copy</persName><note>register copy note</note></person></listPerson></back>
</text></TEI>
"""

PERSONS = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson>
<person xml:id="p1"><persName><forename>Hermann</forename><surname>Bahr</surname></persName>
<birth><date when-iso="1863-07-19">1863</date></birth><death><date when-iso="1934-01-15">1934</date></death>
<idno type="URL" subtype="gnd">https://d-nb.info/gnd/118505955</idno></person>
<person xml:id="p2"><persName><forename>Arthur</forename><surname>Schnitzler</surname></persName></person>
<person xml:id="p3"><persName><forename>Never</forename><surname>Mentioned</surname></persName></person>
</listPerson></body></text></TEI>
"""

PLACES = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Places</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPlace>
<place xml:id="w1"><placeName>Wien</placeName><location><geo>48,2066 16,37341</geo></location></place>
<place xml:id="w2"><placeName>Bad Ischl</placeName><placeName type="alt">Ischl</placeName></place>
<place xml:id="w2"><placeName>Repeated id</placeName></place>
</listPlace></body></text></TEI>
"""


def make_corpus(folder: Path, letters: int = 3) -> Path:
    (folder / "editions").mkdir(parents=True)
    (folder / "indices").mkdir()
    for n in range(1, letters + 1):
        date = f"1900-0{n}-1{n}"
        letter_id = f"L{n:05}"
        header = HEADER.format(title=f"Bahr an Schnitzler {n}", date=date)
        (folder / "editions" / f"{letter_id}.xml").write_text(
            LETTER.format(id=letter_id, header=header, date=date), encoding="utf-8")
    (folder / "indices" / "listperson.xml").write_text(PERSONS, encoding="utf-8")
    (folder / "indices" / "listplace.xml").write_text(PLACES, encoding="utf-8")
    (folder / "indices" / "sigla.xml").write_text("<root><row>not TEI</row></root>", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = make_corpus(tmp_path_factory.mktemp("corpus") / "letters")
    return build_corpus(folder, None, ROOT, jobs=1, write=False)


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_texts_and_registers_are_found_by_convention(small):
    corpus = small.corpus
    assert [d.rel for d in corpus.texts] == ["editions/L00001.xml", "editions/L00002.xml", "editions/L00003.xml"]
    assert [d.rel for d in corpus.registers] == ["indices/listperson.xml", "indices/listplace.xml"]
    assert corpus.skipped == ["indices/sigla.xml"]


def test_a_config_file_names_texts_registers_and_title(tmp_path):
    folder = make_corpus(tmp_path / "c")
    (folder / "ria-corpus.json").write_text(json.dumps(
        {"title": "Bahr–Schnitzler", "texts": ["editions/L0000[12].xml"], "registers": ["indices/listperson.xml"]}))
    corpus = load_corpus(folder)
    assert corpus.title == "Bahr–Schnitzler"
    assert [d.rel for d in corpus.texts] == ["editions/L00001.xml", "editions/L00002.xml"]
    assert [d.rel for d in corpus.registers] == ["indices/listperson.xml"]


def test_names_link_to_their_register_entries_and_back(small):
    files = small.files
    page = files["texts/L00002.html"].decode()
    links = re.findall(r'<a class="name (\w+)" href="\.\./(\w+)/(\w+)\.html" data-ref="(\w+)" id="(m\d+)"', page)
    assert ("persons", "persons", "p2", "p2", "m2") in links  # "Freund" is Schnitzler
    assert ("persons", "persons", "p1", "p1", "m3") in links
    assert ("places", "places", "w2", "w2", "m4") in links  # the first entry of a repeated id wins
    assert ("places", "places", "w1", "w1", "m1") in links
    assert 'id="m6"' in page and "Unbekannter" in page  # a pointer to no entry is numbered, not linked
    for kind, folder, name, entry, anchor in links:
        entry_page = files[f"{folder}/{name}.html"].decode()
        assert f'id="{entry}"' in entry_page
        assert f'href="../texts/L00002.html#{anchor}"' in entry_page


def test_every_mentioned_entry_has_a_page_of_its_own_with_each_mention_in_its_sentence(small):
    entry = small.files["persons/p2.html"].decode()
    assert "6 mentions in 3 texts" in entry  # in each letter: the paragraph and the note
    assert "Lieber <mark>Freund</mark>, ich war bei Bahr in Ischl" in entry
    assert "persons/p3.html" not in small.files and "persons-m.html" not in small.files  # never mentioned
    assert "Coordinates: 48.2066, 16.3734" in small.files["places/w1.html"].decode()  # decimal commas read


def test_the_alphabetical_lists_link_every_entry_to_its_page(small):
    listing = small.files["persons-s.html"].decode()
    assert '<a href="persons/p2.html">Arthur Schnitzler</a>' in listing and "(6 mentions)" in listing
    assert '<a href="../persons-s.html#p2">Persons</a>' in small.files["persons/p2.html"].decode()


def test_a_text_page_leads_to_the_texts_before_and_after_it_by_date(small):
    first, middle, last = (small.files[f"texts/L0000{n}.html"].decode() for n in (1, 2, 3))
    assert 'rel="prev"' not in first and 'rel="next" href="L00002.html"' in first
    assert 'rel="prev" href="L00001.html"' in middle and 'rel="next" href="L00003.html"' in middle
    assert 'rel="prev" href="L00002.html"' in last and 'rel="next"' not in last


def test_foreign_markup_renders_and_back_matter_copies_stay_out(small):
    page = small.files["texts/L00001.html"].decode()
    assert '<div class="postscript">' in page
    assert '<del class="del">nicht</del><ins class="add" title="added above">doch</ins>' in page
    assert "register copy note" not in page
    assert "Copy" not in page


def test_a_text_is_marked_in_the_language_its_tei_states(small):
    page = small.files["texts/L00001.html"].decode()
    assert '<html lang="en">' in page  # the site's own words
    assert '<h1 id="text-title" lang="de-AT">' in page and '<div class="text" id="text" lang="de-AT">' in page
    register = small.files["persons/p2.html"].decode()
    assert '<ul lang="de-AT">' in register  # the sentences quoted from the letters
    assert small.index.language == "de"


@pytest.mark.parametrize("tei, language", [
    ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><langUsage><language ident="de-AT"/>'
     '</langUsage></profileDesc></teiHeader><text xml:lang="fr"/></TEI>', "fr"),
    ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="it"><text/></TEI>', "it"),
    ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><profileDesc><langUsage><language ident="de-AT"/>'
     '</langUsage></profileDesc></teiHeader><text/></TEI>', "de-AT"),
    ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="de&quot; onload=&quot;x"><text/></TEI>', ""),
    ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>', ""),
])
def test_a_text_states_its_language_on_text_tei_or_in_its_header(tei, language):
    assert text_language(etree.fromstring(tei)) == language


def test_the_search_index_is_in_the_corpus_language(tmp_path, page):
    folder = make_corpus(tmp_path / "c")
    result = run_cli("build", "--corpus", folder, "--out", tmp_path / "site", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    entry = json.loads((tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["de"]  # one index for every page, German stemming
    with serving(tmp_path / "site") as server:
        # German stemming makes "Lieben" find "Lieber"; English stemming finds nothing.
        page.goto(f"{server}/search.html?q=Lieben")
        page.wait_for_selector("#search-status:has-text('found'), #search-status:has-text('Nothing')")
        links = {a.get_attribute("href").split("#")[0] for a in page.locator(".search-result a").all()}
    assert {"texts/L00001.html", "texts/L00002.html", "texts/L00003.html"} <= links, links
    assert not page.violations, page.violations


def test_home_lists_the_texts_by_date(small):
    home = small.files["index.html"].decode()
    titles = re.findall(r"<cite>(Bahr an Schnitzler \d)</cite>", home)
    assert titles == ["Bahr an Schnitzler 1", "Bahr an Schnitzler 2", "Bahr an Schnitzler 3"]
    assert 'href="texts/L00001.html"' in home


def test_the_schema_report_lists_what_the_edition_schema_rejects(small):
    report = json.loads(small.files["schema-report.json"])
    assert report["documents_checked"] == 5
    assert report["documents_rejected"] == 5
    messages = {m["message"]: m for m in report["messages"]}
    assert any("correspDesc" in message for message in messages), messages
    for message in messages.values():
        assert message["count"] >= message["documents"] >= 1
        assert all(re.fullmatch(r"(editions|indices)/\w+\.xml:\d+:\d+", e) for e in message["examples"])
    html = small.files["schema-report.html"].decode()
    assert "would be rejected" in html and "correspDesc" in html


def test_two_builds_are_byte_identical(tmp_path, small):
    folder = make_corpus(tmp_path / "letters")
    again = build_corpus(folder, None, ROOT, jobs=1, write=False)
    assert again.files == small.files


def test_the_pool_builds_the_same_site(tmp_path, small):
    folder = make_corpus(tmp_path / "letters")
    pooled = build_corpus(folder, None, ROOT, jobs=2, write=False)
    assert pooled.files == small.files


def test_a_malformed_file_is_located_and_the_other_texts_are_published(tmp_path):
    folder = make_corpus(tmp_path / "c")
    (folder / "editions" / "L00009.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>unclosed</body></text></TEI>\n')
    out = tmp_path / "site"
    result = run_cli("build", "--corpus", folder, "--out", out)
    assert result.returncode == 1
    assert re.match(r"editions/L00009\.xml:2:\d+: error: not well-formed XML", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (out / "texts").iterdir()) == ["L00001.html", "L00002.html", "L00003.html"]


def test_with_strict_any_problem_stops_the_build_and_the_site_in_place_stays(tmp_path):
    folder = make_corpus(tmp_path / "c")
    out = tmp_path / "site"
    assert run_cli("build", "--corpus", folder, "--out", out, "--strict").returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (folder / "editions" / "L00009.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><p>unclosed</body></text></TEI>\n')
    result = run_cli("build", "--corpus", folder, "--out", out, "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"editions/L00009\.xml:2:\d+: error: not well-formed XML", result.stderr), result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_entities_are_refused(tmp_path):
    folder = make_corpus(tmp_path / "c")
    (folder / "editions" / "L00009.xml").write_text(
        '<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>\n')
    corpus = load_corpus(folder)
    assert [str(p) for p in corpus.problems] == [
        "editions/L00009.xml:1:1: error: a DOCTYPE that declares entities is not read: it declares the entity "
        "'x' (line 1); a DOCTYPE is accepted only if it declares none, and its DTD is never loaded"]
    assert "L00009" not in {doc.path.stem for doc in corpus.documents}


def test_a_text_that_fails_to_transform_gets_a_page_saying_so_and_the_others_are_published(tmp_path, monkeypatch):
    from ria.publish import workers
    folder = make_corpus(tmp_path / "c")
    run = workers._run

    def failing(transformer, job):
        return ("error", [workers.Problem(job.display_path, 7, 3, "error", "transformation failed: a test",
                                          rule="xslt")]) if "L00002" in job.display_path else run(transformer, job)

    monkeypatch.setattr(workers, "_run", failing)
    result = build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert [str(p) for p in result.problems] == ["editions/L00002.xml:7:3: error: transformation failed: a test"]
    page = (tmp_path / "site" / "texts" / "L00002.html").read_text()
    assert "This text could not be shown: editions/L00002.xml:7:3" in page
    assert "Lieber" in (tmp_path / "site" / "texts" / "L00001.html").read_text()


def test_a_note_of_no_type_is_a_note(tmp_path):
    folder = make_corpus(tmp_path / "c", letters=1)
    letter = folder / "editions" / "L00001.xml"
    letter.write_text(letter.read_text().replace('<note type="commentary">', "<note>"))
    result = build_corpus(folder, None, ROOT, jobs=1, write=False)
    assert not result.problems
    assert 'class="note note-untyped"' in result.files["texts/L00001.html"].decode()


@pytest.mark.parametrize("body, kind", [
    ("<listPerson><person xml:id='a'><persName>A</persName></person></listPerson>"
     "<listRelation><relation name='knows' active='#a' passive='#a'/></listRelation>", "register"),
    ("<head>Persons</head><div><head>A</head><listPerson><person xml:id='a'><persName>A</persName></person>"
     "</listPerson></div>", "register"),
    ("<div type='act'><sp><speaker>A</speaker><p>Words.</p></sp></div>", "text"),
])
def test_a_document_is_a_register_because_of_what_its_body_is(tmp_path, body, kind):
    folder = tmp_path / "c"
    folder.mkdir()
    standoff = "<standOff><listEvent><event when='1900'><desc>premiere</desc></event></listEvent></standOff>"
    (folder / "doc.xml").write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/>{standoff}'
                                    f"<text><body>{body}</body></text></TEI>")
    (folder / "text.xml").write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>x</p>'
                                     "</body></text></TEI>")
    corpus = load_corpus(folder)
    doc = next(d for d in corpus.documents if d.path.name == "doc.xml")
    assert doc.kind == kind and doc.why.startswith("its body holds")


def test_the_command_line_writes_the_site_and_summarises_the_report(tmp_path):
    folder = make_corpus(tmp_path / "c")
    out = tmp_path / "site"
    result = run_cli("build", "--corpus", folder, "--out", out, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert "edition.rng would reject 5 of 5 documents" in result.stdout
    assert (out / "texts" / "L00001.html").is_file() and (out / "schema-report.html").is_file()
    assert result.stderr == ""  # no progress line when standard error is not a terminal


def test_initials_fold_accents_and_file_the_rest_apart():
    assert [initial_of(k) for k in ("Ölzelt, Anna", "Žižek", "éclair", "1848", "„Zeit“", "")] \
        == ["o", "z", "e", "other", "z", "other"]


def test_progress_shows_on_a_terminal_only_after_a_delay():
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    quiet, shown = io.StringIO(), Terminal()
    for stream, delay in ((quiet, 0), (shown, 0)):
        progress = Progress(stream, delay=delay)
        progress.stage("transforming", 4)
        progress.advance(4)
        progress.finish()
    assert quiet.getvalue() == ""
    assert "transforming [" in shown.getvalue() and "4/4" in shown.getvalue()
    late = Terminal()
    progress = Progress(late, delay=60)
    progress.stage("parsing", 2)
    assert late.getvalue() == ""


# ---------------------------------------------------------------- the real corpus (optional)

SUBSET = 200


@pytest.fixture(scope="module")
def schnitzler(tmp_path_factory):
    if not (SCHNITZLER / "editions").is_dir():
        unavailable(f"real-corpus test skipped: {SCHNITZLER} is not present (../shared is optional)")
    # The first 200 letters by file name and all registers: the full build is the benchmark's (e).
    folder = tmp_path_factory.mktemp("schnitzler") / "schnitzler-briefe"
    (folder / "editions").mkdir(parents=True)
    # Copies, not links: a corpus's links to files outside its folder are not read.
    for path in sorted((SCHNITZLER / "editions").glob("*.xml"))[:SUBSET]:
        shutil.copyfile(path, folder / "editions" / path.name)
    (folder / "indices").mkdir()
    for path in (SCHNITZLER / "indices").glob("*.xml"):
        shutil.copyfile(path, folder / "indices" / path.name)
    return build_corpus(folder, None, ROOT, jobs=2, write=False)


def test_the_real_corpus_builds_with_names_linked_to_its_registers(schnitzler):
    assert len(schnitzler.corpus.texts) == SUBSET
    assert {d.rel for d in schnitzler.corpus.registers} >= {"indices/listperson.xml", "indices/listplace.xml",
                                                           "indices/listorg.xml"}
    page = schnitzler.files["texts/L00042.html"].decode()
    assert 'href="../persons/pmb3394.html"' in page  # "mein Stellvertreter": Julius Hart
    assert 'href="../places/pmb168.html"' in page  # Berlin
    register = schnitzler.files["persons/pmb3394.html"].decode()
    assert 'id="pmb3394"' in register and "Julius Hart" in register
    assert 'href="../texts/L00042.html#m4"' in register
    linked = sum(len(m) for m in schnitzler.index.mentions.values())
    assert linked > 1000


def test_every_register_link_of_the_real_corpus_lands_on_an_entry(schnitzler):
    files = schnitzler.files
    for name, data in files.items():
        if name.startswith("texts/"):
            for page, entry in re.findall(r'href="\.\./(\w+/[^"#]+\.html)" data-ref="([^"]+)"', data.decode()):
                assert f'id="{entry}"' in files[page].decode(), (name, page, entry)
            for anchor in re.findall(r'href="\.\./texts/[^"#]+\.html#(m\d+)"', data.decode()):
                assert f'id="{anchor}"' in data.decode()


def test_the_real_corpus_schema_report_groups_its_errors(schnitzler):
    report = schnitzler.report
    assert report.checked == SUBSET + len(schnitzler.corpus.registers)
    assert report.rejected == report.checked  # the edition's schema knows no correspDesc
    top = report.findings[0]
    assert top.count >= top.documents >= 100 and len(top.examples) == 5


# ---------------------------------------------------------------- what real corpora record, read alike

def _one_text_corpus(folder: Path, header: str = "", body: str = "<p>x</p>", standoff: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "t.xml").write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>{header}</teiHeader>'
                                  f"{standoff}<text><body>{body}</body></text></TEI>", encoding="utf-8")
    return folder


@pytest.mark.parametrize("header, standoff, date, label", [
    ("", "<standOff><listEvent><event type='print' when='1941'/><event type='written' notBefore='1905' "
         "notAfter='1906'/></listEvent></standOff>", "1905", "1905 – 1906"),
    ("<fileDesc><sourceDesc><msDesc><history><origin><origDate notBefore-iso='1894-02-17' "
     "notAfter-iso='1894-02-20'>1894-02-17/1894-02-20</origDate></origin></history></msDesc></sourceDesc>"
     "</fileDesc>", "", "1894-02-17", "17 February 1894 – 20 February 1894"),
    ("<profileDesc><correspDesc><correspAction type='sent'><date when='1894-02-17'>[17. 2. 1894]</date>"
     "</correspAction></correspDesc></profileDesc>", "", "1894-02-17", "[17. 2. 1894]"),
    ("<profileDesc><creation><date notBefore='1894-02'>1894-02</date></creation></profileDesc>", "",
     "1894-02", "February 1894 or later"),
])
def test_a_text_is_dated_from_wherever_its_tei_records_it(tmp_path, header, standoff, date, label):
    result = build_corpus(_one_text_corpus(tmp_path / "c", header, standoff=standoff), None, ROOT, jobs=1,
                          write=False)
    assert (result.index.texts[0].date, result.index.texts[0].date_label) == (date, label)


def test_a_place_named_through_its_parts_is_titled_by_its_name(tmp_path):
    folder = make_corpus(tmp_path / "c", letters=1)
    places = folder / "indices" / "listplace.xml"
    places.write_text(places.read_text().replace(
        '<place xml:id="w1"><placeName>Wien</placeName>',
        '<place xml:id="w1"><settlement><placeName>Wien</placeName></settlement>'))
    result = build_corpus(folder, None, ROOT, jobs=1, write=False)
    assert result.index.entries["w1"].name == "Wien"


def test_an_excerpt_reads_what_the_writer_kept_not_what_was_struck_out(small):
    page = small.files["places/w1.html"].decode()
    assert "PS: doch Wien" in " ".join(re.sub(r"<[^>]+>", "", page).split())


RUSDRACOR = ROOT.parent / "shared" / "corpus" / "rusdracor"


@pytest.fixture(scope="module")
def plays(tmp_path_factory):
    if not (RUSDRACOR / "tei").is_dir():
        unavailable(f"real-corpus test skipped: {RUSDRACOR} is not present (../shared is optional)")
    folder = tmp_path_factory.mktemp("rusdracor") / "rusdracor"
    (folder / "tei").mkdir(parents=True)
    for path in sorted((RUSDRACOR / "tei").glob("*.xml"))[:12]:
        shutil.copyfile(path, folder / "tei" / path.name)
    shutil.copyfile(RUSDRACOR / "corpus.xml", folder / "corpus.xml")
    return build_corpus(folder, None, ROOT, jobs=2, write=False)


def test_real_plays_are_texts_dated_from_their_standoff_and_built_without_a_problem(plays):
    assert len(plays.corpus.texts) == 12 and not plays.corpus.registers and not plays.problems
    assert all(doc.why.startswith("its body holds") for doc in plays.corpus.texts)
    assert all(text.date for text in plays.index.texts)


def test_a_text_page_carries_its_tei_its_citation_and_a_card_for_each_name(small, tmp_path):
    page = small.files["texts/L00001.html"].decode()
    assert small.files["tei/L00001.xml"] == (small.corpus.root / "editions" / "L00001.xml").read_bytes()
    assert '<a href="../tei/L00001.xml" download>TEI XML</a>' in page
    citation = re.search(r'<p class="citation">([^<]+)</p>', page).group(1)
    assert "Bahr an Schnitzler 1" in citation and "sha256:" in citation
    cards = page[page.index('<template id="name-cards">'):]
    assert '<p data-entry="p1"><b>Hermann Bahr</b> (1863–1934)' in cards
    assert 'id="highlight-names"' in page


def test_the_view_switch_appears_where_a_text_has_two_readings(tmp_path):
    folder = make_corpus(tmp_path / "c", letters=2)
    letter = folder / "editions" / "L00001.xml"
    letter.write_text(letter.read_text().replace("ich war", "ich <choice><sic>wra</sic><corr>war</corr></choice>"))
    result = build_corpus(folder, None, ROOT, jobs=1, write=False)
    assert 'id="view-diplomatic"' in result.files["texts/L00001.html"].decode()
    assert 'id="view-diplomatic"' not in result.files["texts/L00002.html"].decode()


def test_the_places_the_texts_mention_are_drawn_on_a_map_linked_to_their_pages(small):
    page = small.files["map.html"].decode()
    assert '<a href="places/w1.html" class="place" id="map-w1">' in page  # Wien has coordinates
    assert '<a href="places/w2.html">Bad Ischl</a>' in page  # Ischl has none: listed, not drawn
    features = json.loads(small.files["static/places.geojson"])["features"]
    assert [(f["id"], f["properties"]["entry"]) for f in features] == [("w2", "places/w2.html"),
                                                                     ("w1", "places/w1.html")]
    assert 'href="map.html"' in small.files["index.html"].decode()


def test_the_chronology_lists_each_year_with_its_texts_and_every_date_the_texts_mark(tmp_path):
    folder = make_corpus(tmp_path / "c", letters=2)
    letter = folder / "editions" / "L00001.xml"
    letter.write_text(letter.read_text().replace("kam auch.", 'kam am <date when="1899-12-24">Heiligabend</date>.'))
    result = build_corpus(folder, None, ROOT, jobs=1, write=False)
    years = result.files["chronology.html"].decode()
    assert '<a href="chronology-1899.html">1899</a>' in years and '<a href="chronology-1900.html">1900</a>' in years
    page = result.files["chronology-1899.html"].decode()
    assert '<time datetime="1899-12-24">' in page and "<mark>Heiligabend</mark>" in page
    assert 'href="texts/L00001.html"' in page
    assert 'rel="next" href="chronology-1900.html"' in page
    texts_of_1900 = result.files["chronology-1900.html"].decode()
    assert 'href="texts/L00001.html"' in texts_of_1900 and 'href="texts/L00002.html"' in texts_of_1900


def test_a_tei_corpus_file_publishes_each_of_its_texts(tmp_path):
    folder = make_corpus(tmp_path / "c", letters=2)
    letters = [(folder / "editions" / f"L0000{n}.xml") for n in (1, 2)]
    inner = "".join(p.read_text(encoding="utf-8").split("?>", 1)[1] for p in letters)
    (folder / "editions" / "all.xml").write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>All</title>'
        "</titleStmt><publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>"
        f"</teiHeader>{inner.replace('L0000', 'C0000')}</teiCorpus>", encoding="utf-8")
    for path in letters:
        path.unlink()
    result = build_corpus(folder, None, ROOT, jobs=1, write=False)
    assert [d.rel for d in result.corpus.texts] == ["editions/all.xml#C00001", "editions/all.xml#C00002"]
    assert not result.problems
    assert "Lieber" in result.files["texts/C00002.html"].decode()
    assert result.files["tei/C00002.xml"].startswith(b"<?xml") and b"C00001" not in result.files["tei/C00002.xml"]


def test_tei_without_its_namespace_p4_too_is_read_as_tei(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "old.xml").write_text(
        '<TEI.2 id="old1" lang="de"><teiHeader><fileDesc><titleStmt><title>Ein alter Brief</title></titleStmt>'
        "</fileDesc></teiHeader><text><body><p>Lieber <hi rend='italic'>Freund</hi>.</p></body></text></TEI.2>",
        encoding="utf-8")
    result = build_corpus(folder, None, ROOT, jobs=1, write=False)
    text, = result.index.texts
    assert (text.id, text.title, text.lang) == ("old1", "Ein alter Brief", "de")
    assert "<i" in result.files["texts/old1.html"].decode() and "Freund" in result.files["texts/old1.html"].decode()


def test_a_plays_author_is_named_once_in_the_first_form_the_header_gives(plays):
    authors = {text.author for text in plays.index.texts}
    assert "Александр Николаевич Афиногенов" in authors
    assert not any("Q" in author and author.split("Q")[-1][:1].isdigit() for author in authors)  # no idno
    page = plays.files[f"texts/{plays.index.texts[0].id}.html"].decode()
    assert f'<p class="text-author">{plays.index.texts[0].author}</p>' in page
