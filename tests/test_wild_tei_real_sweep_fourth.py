"""A fourth sweep of whole real TEI files from projects not tried before, each project's files built
as one corpus with `build.py build --corpus`, then read for a crash, the problems reported, the W3C
Nu checker's errors and whether the words of each TEI <text> are on its page.

Swept: the Huygens Institute's Isaac Israëls letters (a Dutch letter and its English translation,
their notes kept in the standOff and pointed to from the text); Kanripo's Chinese classics
(mandoku's TEI: the print's lines and indents as empty pc); OpenITI's transcription of Omar ibn
Said (Arabic, no language stated, its metadata in xenoData); the La Roche–Gerning letters (a
student edition: text straight in its divisions, a header without publicationStmt, a docket of the
recipient); Théâtre classique's own files (a farce in TEI without its namespace, div1 and div2,
notes between the verses, lines shared between speakers); QHOD's Habsburg–Ottoman charters (an
Ottoman Turkish charter in transliteration beside its German translation); and Bertolucci's
manuscripts (an Italian poem in parallel segmentation, its langUsage naming "italiano").

What it found: (1) a pointer to a stand-off note (<ptr type="note" target="#note.orig.nl.1"/>)
read "[source]" and led to the page's header: the note stood among the annotations with no mark
in the text. It is now the annotation's mark, linked both ways, and the annotation says its
language. (2) Kanripo's <pc n="lb"/> and <pc n="　"/> printed nothing: a page of the print ran
into one paragraph without its lines or indents. (3) Théâtre classique writes a shared verse line's
parts in lower case (part="i", "m", "f"); its parts were not set as one line. (4) A text tagged
with a language written right to left ("ota") but written in Latin letters was set right to left,
its German translation and title too. (5) A header whose first title is empty (QHOD's English and
Turkish titles before the German one) titled the page with its file name; the placeholder "Title"
of oXygen's template titled Kanripo's texts "Title". (6) langUsage's ident="italiano" was put in
the page as its language, which no HTML validator accepts.
The OpenITI transcription (set right to left already), the La Roche letter and the farce's
speeches otherwise built with no Nu error and no word lost."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from test_wild_tei import ROOT, TEI_NS, corpus, page, tei

from ria.corpus import build_corpus
from ria.model import readings


def header(titles: str, profile: str = "") -> str:
    return (f"<teiHeader><fileDesc><titleStmt>{titles}</titleStmt><publicationStmt><p>t</p></publicationStmt>"
            f"<sourceDesc><p>t</p></sourceDesc></fileDesc>{profile}</teiHeader>")


# A letter in two languages whose notes stand apart, in a standOff, and are pointed to.
LETTER = f"""<TEI xmlns="{TEI_NS}">{header('<title>Brief aan Mevrouw</title>')}<text><body>
<div type="original" xml:lang="nl"><p>Mijn vader<ptr type="note" target="#n.nl.1"/> ging naar huis.<ptr type="note" target="#n.nl.1"/></p></div>
<div type="translation" xml:lang="en"><p>My father<ptr type="note" target="#n.en.1"/> went home.</p></div>
</body></text><standOff>
<listAnnotation type="notes" xml:lang="nl"><note xml:id="n.nl.1"><p>Een schilder.</p></note></listAnnotation>
<listAnnotation type="notes" xml:lang="en"><note xml:id="n.en.1"><p>A painter.</p></note></listAnnotation>
<listAnnotation type="dating"><note xml:id="n.dating"><p>Dated by its postmark.</p></note></listAnnotation>
</standOff></TEI>"""

# A classic as mandoku writes it: the print's line ends and indents as empty pc, and a placeholder title.
CLASSIC = f"""<TEI xmlns="{TEI_NS}">{header('<title>Title</title>')}<text><body><div><head>山海經卷一</head>
<p>南山經<pc n="lb"/>
<pc n="　"/>鵲山之首曰招搖之山<pc n="lb"/>
臨於西海之上</p></div></body></text></TEI>"""

# A farce's line shared by three speeches, its parts in lower case.
FARCE = tei("""<body><div><sp><speaker>PIERRE.</speaker><l part="i">Tais-toi ;</l></sp>
<sp><speaker>JEAN.</speaker><l part="m">Non.</l></sp><sp><speaker>PIERRE.</speaker><l part="f">Va-t'en donc.</l></sp></div></body>""",
            title="Farce", lang="fr")

# A charter in a language written in Arabic script, transliterated, beside its translation; its
# first title empty; and one in the same language's own script.
CHARTER = f"""<TEI xmlns="{TEI_NS}">{header('<title xml:lang="en"/><title xml:lang="de">Urkunde 7</title>',
    '<profileDesc><langUsage><language ident="ota">Osmanisch</language></langUsage></profileDesc>')}<text><body>
<div type="transcription" xml:lang="ota"><ab>Ḳosṭanṭinīye şehrinde yazılmışdur <foreign xml:lang="ota">ḥālīyen</foreign></ab></div>
<div type="translation" xml:lang="de"><ab>Geschrieben in Konstantinopel.</ab></div></body></text></TEI>"""
ARABIC_SCRIPT = f"""<TEI xmlns="{TEI_NS}">{header('<title>Name</title>',
    '<profileDesc><langUsage><language ident="ota">Osmanisch</language></langUsage></profileDesc>')}<text><body>
<div xml:lang="ota"><p>قسطنطينيه ده يازلمشدر</p></div></body></text></TEI>"""

# A header naming its language in words where a code belongs.
POEM = f"""<TEI xmlns="{TEI_NS}">{header('<title>Poesia</title>',
    '<profileDesc><langUsage><language ident="italiano">Lingua: Italiano</language></langUsage></profileDesc>')}
<text><body><lg><l>Una piccola nuvola</l></lg></body></text></TEI>"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("sweep") / "c", {
        "letter.xml": LETTER, "classic.xml": CLASSIC, "farce.xml": FARCE, "charter.xml": CHARTER,
        "arabic.xml": ARABIC_SCRIPT, "poem.xml": POEM})
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)


# ------------------------------------------------------------------ stand-off notes pointed to

def test_a_pointer_to_a_stand_off_note_is_its_mark_linked_both_ways(built):
    shown = page(built, "letter")
    marks = shown.get_element_by_id("text").find_class("annotation-ref")
    assert [(m.text, m.get("href"), m.get("id")) for m in marks] == [
        ("a1", "#annotation-n.nl.1", "annotation-n.nl.1-ref"), ("a1", "#annotation-n.nl.1", None),
        ("a2", "#annotation-n.en.1", "annotation-n.en.1-ref")]
    assert "[source]" not in shown.text_content()
    notes = {li.get("id"): li for li in shown.find_class("annotation")}
    assert notes["annotation-n.nl.1"].find_class("annotation-backlink")[0].get("href") == "#annotation-n.nl.1-ref"
    assert [(key, li.get("lang")) for key, li in notes.items()] == [
        ("annotation-n.nl.1", "nl"), ("annotation-n.en.1", "en"), ("annotation-n.dating", None)]
    # (a note nothing points to has no mark to go back to)
    assert not notes["annotation-n.dating"].find_class("annotation-backlink")


# ------------------------------------------------------------------ the print's layout as empty pc

def test_an_empty_pc_naming_a_line_end_or_a_sign_is_that_line_end_or_sign(built):
    paragraph = page(built, "classic").get_element_by_id("text").xpath(".//p")[0]
    assert [s.text for s in paragraph.find_class("pc")] == ["\u3000"]
    for line_break in paragraph.findall("br"):
        line_break.tail = "|" + (line_break.tail or "")
    lines = [spaced(line) for line in paragraph.text_content().replace("¶", "").split("|")]
    assert lines == ["南山經", "\u3000鵲山之首曰招搖之山", "臨於西海之上"]
    # the reading text (search, excerpts) reads the sign and parts the lines
    source = etree.fromstring(CLASSIC.encode()).find(f".//{{{TEI_NS}}}body//{{{TEI_NS}}}p")
    assert spaced(readings.block_reading(source, frozenset())[0]) == " ".join(lines)


def spaced(text: str) -> str:
    """Text with its runs of spaces and newlines as one space (an ideographic space is a sign kept)."""
    return re.sub(r"[ \t\n]+", " ", text).strip(" ")


def test_a_placeholder_title_names_nothing_and_the_text_s_heading_names_it(built):
    assert page(built, "classic").get_element_by_id("text-title").text == "山海經卷一"


# ------------------------------------------------------------------ a shared line in lower case

def test_the_parts_of_a_shared_line_written_in_lower_case_are_set_as_one_line(built):
    lines = page(built, "farce").get_element_by_id("text").find_class("l")
    assert [line.get("class") for line in lines] == ["l part-I", "l part-M", "l part-F"]


# ------------------------------------------------------------------ a right-to-left language in Latin letters

def test_a_language_written_right_to_left_but_transliterated_is_set_left_to_right(built):
    shown = page(built, "charter")
    text = shown.get_element_by_id("text")
    assert (text.get("lang"), text.get("dir")) == ("ota-Latn", None)
    assert shown.get_element_by_id("text-title").get("dir") is None
    passages = [(s.get("lang"), s.get("dir")) for s in text.xpath(".//section")]
    assert passages == [("ota", None), ("de", None)]
    assert [(i.get("lang"), i.get("dir")) for i in text.find_class("foreign")] == [("ota", None)]
    # the same language in its own script stays right to left
    arabic = page(built, "arabic").get_element_by_id("text")
    assert (arabic.get("lang"), arabic.get("dir")) == ("ota", "rtl")
    assert [s.get("dir") for s in arabic.xpath(".//section")] == ["rtl"]


def test_an_empty_first_title_is_passed_over(built):
    assert page(built, "charter").get_element_by_id("text-title").text == "Urkunde 7"


def test_a_language_named_in_words_is_no_language_tag_on_the_page(built):
    shown = page(built, "poem")
    assert not shown.xpath("//*[@lang = 'italiano']")
    assert shown.get("lang") == "en"
