"""`build.py export --corpus DIR` makes the corpus one EPUB 3: its texts in the corpus's order, each
a chapter of its reading text with its notes, a letter's and a play's parts as they read, and what
the package says derived from the corpus. Checked with EPUBCheck, and word for word against the
plain-text export of the same texts, on letters and a play written here and on real ones."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile

import pytest
from conftest import ROOT, SHARED, epubcheck, unavailable
from lxml import etree

from ria.export.corpus import export_corpus
from ria.export.corpus_epub import GROUP, contents
from ria.export.epub import NavEntry
from ria.export.text import NOTES_RULE, RULE

TEI_NS = "http://www.tei-c.org/ns/1.0"
X = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def tei(title: str, body: str, when: str = "", author: str = "", editors: tuple[str, ...] = (),
        lang: str = "de", changed: str = "2020-01-01") -> str:
    """A text as a corpus's header gives it: a title, an author, editors, a licence, a date."""
    creation = f'<profileDesc><creation><date when="{when}"/></creation></profileDesc>' if when else ""
    return (f'<TEI xmlns="{TEI_NS}" xml:lang="{lang}"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
            + (f"<author>{author}</author>" if author else "")
            + "".join(f"<editor><name>{editor}</name></editor>" for editor in editors)
            + f'</titleStmt><publicationStmt><publisher>Briefarchiv</publisher><availability>'
            f'<licence target="{LICENCE}">CC BY 4.0</licence></availability></publicationStmt>'
            f'<sourceDesc><p>t</p></sourceDesc></fileDesc>{creation}'
            f'<revisionDesc><change when="{changed}">t</change></revisionDesc></teiHeader>'
            f"<text>{body}</text></TEI>\n")


# A letter: its opener and closer, a correction and an expansion, a footnote, pages without numbers
# (two page marks of one id, were it not made unique) and a page number that is no XML name.
LETTER = tei("An Anna", '<body><div type="letter"><opener><dateline>Wien, 4. Mai 1890</dateline>'
             "<salute>Liebe Anna,</salute></opener>"
             "<p>heute <choice><sic>sah</sic><corr>traf</corr></choice> ich "
             "<choice><abbr>Dr.</abbr><expan>Doktor</expan></choice> Roth"
             '<note place="foot" n="1">Karl Roth, der Arzt.</note>.<pb/> Mehr <pb/>morgen.</p>'
             '<pb n="3 r"/><p>Und noch etwas.</p>'
             "<closer>Es grüßt dich herzlich <signed>Dein Karl</signed></closer></div>"
             '<postscript><p>Grüße an Karl.</p></postscript></body>'
             '<back><listPerson><person xml:id="p1"><persName>Anna Weber</persName></person></listPerson></back>',
             when="1890-05-04", author="Karl Roth", editors=("Eva Klein", "Jan Berg"), changed="2021-06-30")
# A play: its cast, an act whose heading has no id, speeches in prose and verse, stage directions.
PLAY = tei("Die Probe", '<front><castList><head>Personen</head><castItem>Iwan, ein Schauspieler</castItem>'
           "<castItem>Olga, seine Frau</castItem></castList></front>"
           '<body><div type="act"><head>Erster Akt</head><stage>Ein Zimmer.</stage>'
           "<sp><speaker>Iwan.</speaker><p>Wo ist das Buch?</p></sp>"
           "<sp><speaker>Olga.</speaker><stage>(lacht)</stage><lg><l>Es liegt, wo es lag,</l>"
           "<l>seit gestern, den ganzen Tag.</l></lg></sp></div>"
           '<div type="act"><head>Zweiter Akt</head><sp><speaker>Iwan.</speaker><p>Gefunden.</p></sp></div>'
           "</body>", when="1905", author="Leonid Probe", editors=("Eva Klein",))
# An undated text: it comes first, as the site lists it; an editorial note, a section with an id.
NOTICE = tei("Eine Notiz", '<body><div xml:id="abschnitt"><head>Abschnitt</head><p>Ohne Datum'
             '<note type="editorial">Undatiert.</note>.</p></div></body>', lang="en")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("briefe") / "briefe"
    folder.mkdir()
    for name, text in {"brief.xml": LETTER, "probe.xml": PLAY, "notiz.xml": NOTICE}.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = folder.parent / "export"
    export_corpus(folder, out, ROOT, jobs=1)
    return out, out / "briefe.epub"


def entries(book) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def texts_of(out) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "data/texts.csv").read_text(encoding="utf-8"))))


def chapters(book) -> list[etree._Element]:
    """The chapters' sections, in the book's reading order."""
    files = entries(book)
    package = etree.fromstring(files["OEBPS/package.opf"])
    hrefs = {item.get("id"): item.get("href") for item in package.iter(OPF + "item")}
    order = [hrefs[ref.get("idref")] for ref in package.iter(OPF + "itemref")]
    return [etree.fromstring(files[f"OEBPS/{href}"]).find(f".//{X}section") for href in order
            if href not in ("title.xhtml", "nav.xhtml")]


MARKS = re.compile(r"\[[^\]]*\]")  # page marks and note labels: where a view sets them apart


def squeezed(text: str) -> str:
    """The words, without white space or marks: what both forms of a text must hold alike."""
    return MARKS.sub("", "".join(text.split()))


def chapter_words(section: etree._Element) -> str:
    """The chapter's own words: without its title, byline and rights, which head the plain text too."""
    parts = [el for el in section if not (el.tag == X + "h1" or el.get("class") in ("byline", "rights"))]
    return squeezed(" ".join(" ".join(el.itertext()) for el in parts))


def plain_words(out, text_id: str) -> str:
    plain = (out / f"text/{text_id}.reading.txt").read_text(encoding="utf-8")
    return squeezed(plain.split(RULE + "\n", 1)[1].replace(NOTES_RULE, ""))


def assert_holds_every_texts_words(out, book) -> None:
    texts, sections = texts_of(out), chapters(book)
    assert [s.findtext(X + "h1") for s in sections] == [t["title"] for t in texts]
    for text, section in zip(texts, sections):
        assert chapter_words(section) == plain_words(out, text["id"]), text["id"]


def nav_links(book) -> list[str]:
    nav = etree.fromstring(entries(book)["OEBPS/nav.xhtml"]).find(f".//{X}nav")
    return [a.text for a in nav.iter(X + "a") if "#" not in a.get("href") and a.get("href") != "title.xhtml"]


def test_the_corpus_is_one_epub_that_epubcheck_passes(exported):
    _, book = exported
    epubcheck(book)


def test_the_book_holds_every_texts_reading_as_the_plain_text_export_has_it(exported):
    out, book = exported
    assert_holds_every_texts_words(out, book)
    letter = etree.tostring(chapters(book)[1], encoding="unicode", method="text")
    assert "heute traf ich Doktor Roth" in letter and "sah" not in letter  # corrected, expanded
    assert "Anna Weber" not in letter  # (its back's register entries: the register's, as on the site)


def test_the_contents_list_every_text_in_the_corpus_order_and_a_plays_acts(exported):
    out, book = exported
    assert nav_links(book) == [t["title"] for t in texts_of(out)] == ["Eine Notiz", "An Anna", "Die Probe"]
    nav = etree.fromstring(entries(book)["OEBPS/nav.xhtml"])
    play = next(li for li in nav.iter(X + "li") if li.findtext(X + "a") == "Die Probe")
    assert [a.text for a in play.find(X + "ol").iter(X + "a")] == ["Erster Akt", "Zweiter Akt"]
    notice = next(li for li in nav.iter(X + "li") if li.findtext(X + "a") == "Eine Notiz")
    assert notice.find(f"{X}ol/{X}li/{X}a").get("href").endswith("#abschnitt")  # the TEI's own id


def classed(section: etree._Element, role: str) -> list[str]:
    return [" ".join("".join(p.itertext()).split()) for p in section.iter(X + "p") if p.get("class") == role]


def test_a_plays_speakers_and_a_letters_closer_read_as_such(exported):
    _, book = exported
    notice, letter, play = chapters(book)
    assert classed(play, "speaker") == ["Iwan.", "Olga.", "Iwan."]
    assert classed(play, "stage") == ["Ein Zimmer.", "(lacht)"]
    assert classed(play, "l") == ["Es liegt, wo es lag,", "seit gestern, den ganzen Tag."]
    assert classed(play, "castItem") == ["Iwan, ein Schauspieler", "Olga, seine Frau"]
    assert classed(letter, "dateline") == ["Wien, 4. Mai 1890"]
    assert classed(letter, "salute") == ["Liebe Anna,"]
    assert classed(letter, "closer") == ["Es grüßt dich herzlich"]
    assert classed(letter, "signed") == ["Dein Karl"]
    assert classed(letter, "postscript") == ["Grüße an Karl."]
    note = letter.find(f".//{X}aside")
    assert note.get("{http://www.idpf.org/2007/ops}type") == "footnote"
    assert letter.find(f".//{X}a[@href='#{note.get('id')}']").text == "[1]"
    ids = [el.get("id") for el in letter.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in ids), ids


def test_the_package_says_what_the_corpus_says_of_itself(exported, tmp_path):
    out, book = exported
    metadata = etree.fromstring(entries(book)["OEBPS/package.opf"]).find(OPF + "metadata")
    said = {tag: [el.text for el in metadata.iter(DC + tag)] for tag in ("title", "creator", "contributor",
                                                                       "language", "rights", "publisher")}
    assert said == {"title": ["briefe"], "creator": ["Karl Roth", "Leonid Probe"],
                    "contributor": ["Eva Klein", "Jan Berg"],  # the editor of most texts first
                    "language": ["de", "en"], "rights": [f"Licence, as every text's header states it: {LICENCE}"],
                    "publisher": ["Briefarchiv"]}
    assert metadata.find(f"{OPF}meta[@property='dcterms:modified']").text == "2021-06-30T00:00:00Z"
    assert metadata.findtext(DC + "identifier").startswith("urn:uuid:")
    roles = {m.get("refines"): m.text for m in metadata.iter(OPF + "meta") if m.get("property") == "role"}
    assert roles == {"#creator-1": "aut", "#creator-2": "aut", "#editor-1": "edt", "#editor-2": "edt"}


def test_an_edit_to_a_text_changes_the_book_an_unchanged_corpus_does_not(exported, tmp_path):
    out, book = exported
    folder = tmp_path / "briefe"
    shutil.copytree(out.parent / "briefe", folder)
    export_corpus(folder, tmp_path / "same", ROOT, jobs=1)
    assert (tmp_path / "same/briefe.epub").read_bytes() == book.read_bytes()
    (folder / "notiz.xml").write_text(NOTICE.replace("Ohne Datum", "Ganz ohne Datum"), encoding="utf-8")
    export_corpus(folder, tmp_path / "edited", ROOT, jobs=1)
    assert b"Ganz ohne Datum" in entries(tmp_path / "edited/briefe.epub")["OEBPS/text-00001.xhtml"]


def lines(dates: list[str]) -> list[tuple[str, NavEntry]]:
    return [(date, NavEntry(f"text {n}", f"text-{n}.xhtml")) for n, date in enumerate(dates, 1)]


def labels(entries: list[NavEntry]) -> list[str]:
    return [entry.label for entry in entries]


def test_a_big_corpus_contents_are_grouped_by_year_a_full_year_by_month_the_undated_in_runs():
    undated = [""] * (GROUP + 5)
    months = [f"1893-{m:02d}-01" for m in range(1, 13) for _ in range(10)] + ["1893"]  # 121 in one year
    dates = undated + ["1892-05-01"] * 3 + months
    grouped = contents(lines(dates))
    assert labels(grouped) == [f"Undated texts 1–{GROUP}", f"Undated texts {GROUP + 1}–{GROUP + 5}", "1892", "1893"]
    assert [len(group.children) for group in grouped[:3]] == [GROUP, 5, 3]
    year = grouped[3]
    assert labels(year.children) == [f"1893-{m:02d}" for m in range(1, 13)] + ["1893"]
    assert all(group.href is None for group in grouped)
    leaves = [e.label for group in grouped for e in _leaves(group)]
    assert leaves == [f"text {n}" for n in range(1, len(dates) + 1)]  # every text, in order
    assert labels(contents(lines(["1900"] * GROUP))) == [f"text {n}" for n in range(1, GROUP + 1)]  # few: flat
    undated_only = contents(lines([""] * (GROUP * GROUP + 1)))
    assert labels(undated_only) == [f"Texts 1–{GROUP * GROUP:,}", f"Texts {GROUP * GROUP + 1:,}–{GROUP * GROUP + 1:,}"]
    assert len(undated_only[0].children) == GROUP  # runs of runs: no level lists more than GROUP


def _leaves(entry: NavEntry) -> list[NavEntry]:
    return [entry] if entry.href else [leaf for child in entry.children for leaf in _leaves(child)]


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """25 real letters with their registers and three real plays, as one corpus."""
    letters, plays = SHARED / "corpus" / "schnitzler-briefe", SHARED / "corpus" / "rusdracor"
    if not (letters / "editions").is_dir() or not (plays / "tei").is_dir():
        unavailable(f"real-corpus test skipped: {letters} or {plays} is not present (../shared is optional)")
    folder = tmp_path_factory.mktemp("real") / "letters-and-plays"
    (folder / "editions").mkdir(parents=True)
    for path in sorted((letters / "editions").glob("*.xml"))[:25]:
        shutil.copyfile(path, folder / "editions" / path.name)
    shutil.copytree(letters / "indices", folder / "indices")
    (folder / "plays").mkdir()
    for name in ("chekhov-tragik-ponevole.xml", "pushkin-mocart-i-saleri.xml", "pushkin-pir-vo-vremja-chumy.xml"):
        shutil.copyfile(plays / "tei" / name, folder / "plays" / name)
    out = folder.parent / "export"
    export_corpus(folder, out, ROOT)
    return out, out / "letters-and-plays.epub"


def test_real_letters_and_plays_make_a_book_that_epubcheck_passes(real):
    _, book = real
    epubcheck(book)


def test_real_letters_and_plays_are_in_the_book_word_for_word_with_their_speakers_and_closers(real):
    out, book = real
    assert_holds_every_texts_words(out, book)
    assert nav_links(book) == [t["title"] for t in texts_of(out)] and len(nav_links(book)) == 28
    sections = dict(zip((t["file"] for t in texts_of(out)), chapters(book)))
    plays = [section for file, section in sections.items() if file.startswith("plays/")]
    assert len(plays) == 3 and all(len(classed(play, "speaker")) > 20 for play in plays)
    assert sum(len(classed(play, "l")) for play in plays) > 400  # Pushkin's verse, line by line
    letters = [section for file, section in sections.items() if file.startswith("editions/")]
    assert sum(bool(classed(letter, "closer") or classed(letter, "signed")) for letter in letters) > 15
