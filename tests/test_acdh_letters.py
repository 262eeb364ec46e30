"""Letters as the ACDH's editions write them (schnitzler-briefe, in ../shared/corpus, and its sister
editions): what a reader of such a letter relies on.

- Signs the writer made are marked by an empty c's rendition, never declared in the header:
  "Sti<c rendition="#gemination-m"/>ung" is "Stimmung", written with one m under a stroke;
  "#gemination-n", "#kaufmannsund" (&), "#prozent", "#tilde", the curly brackets, and "#dots"
  (as many dots as its @n: a printed form's line to fill in). The reading text, the search index
  and the registers' excerpts read "Stimmung"; the diplomatic view shows the m with its stroke.
  These letters lost the letters (2,224 of them in schnitzler-briefe) and ran together the words
  around such a sign, taken for a space encoded as c.
- A long s marked on its letter ("die<c rendition="#langesS">s</c>e") is an s in the reading
  text, ſ in the diplomatic view.
- A letterhead's line of two parts (<seg rend="left"> and <seg rend="right">) keeps them apart,
  on the page and in the reading model the search index and the exports share.
- The date a letter's title statement gives as a title (<title type="iso-date">) is not listed
  among its titles: the page gives the letter's date as its date.
- A letter whose xml:id is its file's name ("L041001.xml") has its page at L041001.html.
- A reference of no words to a place outside the corpus (a day of the diary edition beside it,
  <ref type="schnitzler-tagebuch" target="1895-10-09"/>) says where it points instead of nothing.
"""

from __future__ import annotations

import re

from lxml import etree, html
from test_wild_tei import ROOT, corpus, page, tei

from ria.corpus import build_corpus
from ria.model import readings
from ria.xmlio import TEI_NS

LETTER = tei("""<body><div type="writingSession"><opener><p><seg rend="left">Neues Wiener Journal</seg><seg
  rend="right">Wien, den <c rendition="#dots" n="10"/></seg></p></opener>
<p>Eine <persName ref="#bahr">Bahr</persName> <placeName ref="#wien">Wien</placeName> Sti<c rendition="#gemination-m"/>ung,
die<c rendition="#langesS">s</c>e So<c rendition="#gemination-n"/>e, <orgName>Engel</orgName> <c rendition="#kaufmannsund"/> Söhne,
5 <c rendition="#prozent"/>.<note type="commentary">am <ref type="schnitzler-tagebuch" target="1895-10-09"/></note></p>
</div></body>""", title="David an Schnitzler", lang="de")
REGISTER = f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Personen</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson><person xml:id="bahr"><persName>Hermann Bahr</persName></person></listPerson>
<listPlace><place xml:id="wien"><placeName>Wien</placeName></place></listPlace></body></text></TEI>"""


def built(tmp_path):
    folder = corpus(tmp_path / "c", {"L00500.xml": LETTER, "register.xml": REGISTER})
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)


def said(element) -> str:
    """The words of a part of a page as a reader sees them, without permalink and note marks."""
    for mark in element.xpath(".//*[contains(@class, 'permalink') or contains(@class, 'noteref')]"):
        mark.drop_tree()
    return " ".join(element.text_content().split())


def view(element, shown: str) -> str:
    """The words of a part of a page as one view shows them: the other view's readings dropped."""
    hidden = "original" if shown == "reading" else "reading"
    for span in element.xpath(f".//*[contains(@class, 'app')]/*[@class = '{hidden}']"):
        span.drop_tree()
    return said(element)


def test_a_sign_marked_by_its_rendition_reads_as_the_letters_it_stands_for(tmp_path):
    result = built(tmp_path)
    text = page(result, "L00500").get_element_by_id("text")
    assert "Stimmung, diese Sonne, Engel & Söhne, 5 %." in view(text, "reading")
    assert "Stim\u0305ung, dieſe Son\u0305e, Engel & Söhne, 5 %." in view(page(result, "L00500").get_element_by_id("text"), "original")
    # The register's excerpt of the sentence reads it too.
    entry = html.fromstring(result.files["persons/bahr.html"])
    assert "Stimmung" in said(entry)


def test_a_sign_marked_by_an_empty_c_is_no_space_and_the_words_around_it_stay_apart(tmp_path):
    text = view(page(built(tmp_path), "L00500").get_element_by_id("text"), "reading")
    assert "Bahr Wien Sti" in text and "Engel & Söhne" in text


def test_a_form_line_to_fill_in_has_its_dots_and_a_letterheads_parts_stand_apart(tmp_path):
    opener = page(built(tmp_path), "L00500").find_class("opener")[0]
    left, right = opener.find_class("seg")
    assert "align-left" in left.classes and "align-right" in right.classes
    assert said(right) == "Wien, den .........."
    assert said(opener) == "Neues Wiener Journal Wien, den .........."


def test_an_empty_reference_to_a_place_outside_the_corpus_says_where_it_points(tmp_path):
    notes = page(built(tmp_path), "L00500").find_class("notes")[0]
    [ref] = notes.find_class("ref-elsewhere")
    assert ref.text == "1895-10-09" and ref.get("title") == "schnitzler-tagebuch"


def test_the_page_and_the_reading_model_know_the_same_signs():
    stylesheet = (ROOT / "xslt" / "characters.xsl").read_text(encoding="utf-8")
    table = re.search(r'name="marked-characters" select="map\{(.*?)\}"', stylesheet, re.S).group(1)
    on_page = dict((key, (etree.fromstring(f"<x>{a}</x>").text, etree.fromstring(f"<x>{b}</x>").text))
                   for key, a, b in re.findall(r"'([\w-]+)': \('([^']*)', '([^']*)'\)", table))
    assert on_page == readings.MARKED_CHARACTERS


def test_a_letter_whose_id_is_its_file_name_has_its_page_named_without_the_extension(tmp_path):
    letter = LETTER.replace('<TEI xmlns="http://www.tei-c.org/ns/1.0"', '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L041001.xml"', 1)
    assert 'xml:id="L041001.xml"' in letter
    result = build_corpus(corpus(tmp_path / "c", {"L041001.xml": letter}), None, ROOT, jobs=1, write=False, search=False)
    assert "texts/L041001.html" in result.files and "texts/L041001.xml.html" not in result.files


def test_the_date_given_as_a_title_is_not_listed_among_the_titles(tmp_path):
    letter = LETTER.replace("<title>David an Schnitzler</title>",
                            '<title level="a">David an Schnitzler</title><title type="iso-date" when-iso="1895-10-05">1895-10-05</title>', 1)
    assert 'type="iso-date"' in letter
    result = build_corpus(corpus(tmp_path / "c", {"L00500.xml": letter}), None, ROOT, jobs=1, write=False, search=False)
    about = page(result, "L00500").get_element_by_id("about-text")
    [term] = about.xpath(".//dt[. = 'Title']")
    titles = term.itersiblings()
    assert said(next(titles)) == "David an Schnitzler" and next(titles).tag != "dd"


def test_the_reading_model_reads_the_letterhead_apart_and_the_long_s_as_the_page_does():
    letter = etree.fromstring(LETTER.encode())
    assert "Neues Wiener Journal Wien, den .........." in " ".join(readings.reading(letter).flow.split())
    assert "dieſe" in readings.diplomatic(letter).flow and "diese" in readings.reading(letter).flow
