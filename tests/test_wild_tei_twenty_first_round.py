"""`build --corpus` on real TEI, twenty-first round: religious and legal texts. The Digital
Mishnah's transcriptions of its witnesses (Hebrew with no language stated, mishnayot as ab
numbered by a label, a commentator's marginal additions, abbreviations with their marks) and its
reference text (orders and tractates named by @n, headings left empty, words as <w>);
Capitularia's manuscripts of Carolingian law (capitularies begun by milestones, chapters numbered
by seg type="num", a contents list pointing into the text, mentioned words); a Bible encoded in
TEI (verses as ab type="verse", names nested in names). And what rounds 19 and 20 left: a CMIF
list of letters (the place a letter was received, authority links, letters written outside TEI's
namespace), a conjecture in the LDLT's apparatus, names written surname first.

Each snippet is written here to reproduce one phenomenon met in such files."""

from __future__ import annotations

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, TEI_NS, built, corpus, page
from test_wild_tei_nineteenth_round import CALPURNIUS, CMIF
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

HEADER = ("<teiHeader><fileDesc><titleStmt><title>{}</title></titleStmt><publicationStmt><p>t</p></publicationStmt>"
          "<sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>")

# ------------------------------------------------------------------ the Digital Mishnah

# A witness as the Digital Mishnah (umd-mith/mishnah) transcribes it: TEI P4's numbered divisions
# (div1 the order, div2 the tractate, div3 the chapter), each mishnah an ab with its reference
# as xml:id, opened by its number as a label written against its first word; no language stated;
# a later hand's marginal note (add type="comm"), abbreviations with their marks (am), a unit's
# end (pc type="unitEnd"), a passage left out (gap reason="Maimonides").
MISHNAH = f"""<TEI xmlns="{TEI_NS}">{HEADER.format("Kaufmann A50")}
<text><body>
<div1 xml:id="P1.4">
<pb xml:id="P1.151r" n="151r"/>
<fw type="header" place="top-center">בבא קמא</fw>
<div2 xml:id="P1.4.2">
<head xml:id="P1.4.2.H">מסכת בבא מציעא</head>
<lb n="27"/>
<div3 xml:id="P1.4.2.1">
<ab xml:id="P1.4.2.1.1"><add type="comm" place="margin-right" hand="#h3">טוען ונטען פ"א</add> שנים אוחזין בטלית זה
<choice>
  <abbr>אומ<am rend="raised-dot">׳</am></abbr>
  <expan>אומר</expan>
</choice> אני מצאתיה<lb n="35"/><gap reason="Maimonides" extent="18" unit="lines"/></ab>
<cb xml:id="P1.156vB" n="156vB"/>
<ab xml:id="P1.4.2.1.2"><label rend="size() align() pad(rl)">ב</label>היו שנים רוכבין ר<seg><del rend="dot" hand="#h2">ו</del>כ<add place="above" hand="#h2">ו</add>ב</seg> חולקין שלא בשבועה<pc type="unitEnd" rend=":">:</pc></ab>
</div3></div2></div1>
</body></text></TEI>
"""

# The reference text the witnesses are aligned to: orders and tractates named by @n (empty
# divisions where a tractate is still to come), a tractate whose heading is left empty, a
# chapter's heading and its mishnayot written as words (<w>); the header says how it is cited.
MISHNAH_REFERENCE = f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Mishnah reference</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>
<encodingDesc><refsDecl><p>ref.order.tractate.chapter.mishnah</p></refsDecl></encodingDesc></teiHeader>
<text><body>
<div1 xml:id="ref.1" n="Zeraim" type="order">
<div2 xml:id="ref.1.1" n="Berakhot" type="tractate"/>
</div1>
<div1 xml:id="ref.4" n="Neziqin" type="Order">
<div2 xml:id="ref.4.1" n="BavaQamma" type="tractate">
<head/>
<div3 xml:id="ref.4.1.1">
<head xml:id="ref.4.1.1.H">
  <w>פרק</w>
  <w>א</w>
</head>
<ab xml:id="ref.4.1.1.1">
  <label>א</label>
  <w>ארבעה</w>
  <w>אבות</w>
  <w>נזיקים</w>
</ab>
</div3></div2></div1>
</body></text></TEI>
"""


def test_a_text_in_hebrew_that_states_no_language_is_set_right_to_left(tmp_path):
    # The page read it left to right: its colons and numbers at the wrong end of the lines.
    result = built(corpus(tmp_path / "c", {"kaufmann.xml": MISHNAH}))
    text = page(result, "kaufmann").get_element_by_id("text")
    (body,) = text.find_class("body")
    assert body.get("dir") == "rtl" and body.get("lang") is None  # its language is not guessed
    assert "שנים אוחזין בטלית זה" in printed(body) and "חולקין שלא בשבועה:" in printed(body)


def test_a_latin_text_that_states_no_language_keeps_its_direction(tmp_path):
    latin = f'<TEI xmlns="{TEI_NS}">{HEADER.format("Latin")}<text><body><p>Arma virumque cano, מ.</p></body></text></TEI>'
    (body,) = page(built(corpus(tmp_path / "c", {"latin.xml": latin})), "latin").find_class("body")
    assert body.get("dir") is None


def test_a_mishnah_s_number_is_a_word_apart_and_the_link_to_its_mishnah(tmp_path):
    # "בהיו": the label ב ran into the mishnah's first word, and nothing linked to the mishnah.
    text = page(built(corpus(tmp_path / "c", {"kaufmann.xml": MISHNAH})), "kaufmann").get_element_by_id("text")
    second = text.get_element_by_id("P1.4.2.1.2")
    (number,) = second.find_class("label")
    assert (number.tag, number.get("href"), number.text) == ("a", "#P1.4.2.1.2", "ב")
    assert printed(second).startswith("ב היו שנים רוכבין")


def test_tractates_and_orders_named_by_n_are_labelled_and_an_empty_heading_is_none(tmp_path):
    # The orders' and tractates' names were lost (sections of no words); <head/> an empty h2.
    text = page(built(corpus(tmp_path / "c", {"ref.xml": MISHNAH_REFERENCE})), "ref").get_element_by_id("text")
    labels = [(a.get("href"), printed(a)) for a in text.xpath(".//p[@class = 'div-label']/a | .//a[contains(@class, 'div-ref')]")]
    assert ("#ref.1", "Order Zeraim") in labels and ("#ref.1.1", "Berakhot") in labels
    assert ("#ref.4.1", "Tractate BavaQamma") in labels
    assert all(printed(h) for h in text.xpath(".//h2 | .//h3 | .//h4"))
    assert [h.tag for h in text.xpath(".//h2 | .//h3 | .//h4")] == ["h2"]  # the chapter's, one level below none
    assert "ארבעה אבות נזיקים" in printed(text)


def test_a_division_whose_heading_is_left_empty_is_named_in_the_contents_as_one_without(tmp_path):
    # The contents listed the tractate under <head/> as a link of no words.
    contents = page(built(corpus(tmp_path / "c", {"ref.xml": MISHNAH_REFERENCE})), "ref").xpath(
        "//a[starts-with(@href, '#ref.')][not(ancestor::*[@id = 'text'])]")
    assert [(a.get("href"), printed(a)) for a in contents] == [
        ("#ref.1", "Order Zeraim"), ("#ref.4", "Order Neziqin"), ("#ref.4.1", "Tractate BavaQamma"), ("#ref.4.1.1", "פרק א")]


# ------------------------------------------------------------------ Capitularia

# A manuscript as Capitularia (cceh/capitularia) transcribes it: the manuscript's contents in the
# front, each item a pointer to its rubric in the text and the rubric's words; notes on the hands
# with the words they quote as <mentioned>; the body's capitularies begun by milestones
# (unit="capitulare", numbered by Boretius-Krause: n="BK.77"), its chapters numbered in the
# manuscript's own numerals (seg type="num"), an initial as seg type="initial".
CAPITULARIA = f"""<TEI xmlns="{TEI_NS}" xml:lang="la">{HEADER.format("Bamberg, Staatsbibliothek, Can. 12")}
<text><front>
<div type="content"><list>
<item n="2"><ptr type="internal" target="#b-17r-1"/>DE DESPONSATIS<list>
<item n="2.1"><ptr type="internal" target="#b-66v-6"/>I</item></list></item>
</list></div>
<div type="scribe"><p>Hand C schreibt <mentioned>pręsumat</mentioned> und <mentioned>exactare</mentioned>.</p></div>
</front>
<body>
<milestone n="BK.156" unit="capitulare"/>
<cb n="17r"/>
<ab type="meta-text" xml:id="b-17r-1" corresp="BK.156_1_inscriptio">DE DESPONSATIS ET AB ALIIS RAPTIS . <lb/></ab>
<ab type="text" xml:id="b-17r-2" corresp="BK.156_1"><seg type="initial">Q</seg>ui sponsam alienam rapuerit .</ab>
<milestone unit="capitulare" n="BK.77"/>
<ab type="meta-text" xml:id="b-66v-6" corresp="BK.77_1_inscriptio"><seg type="num" n="1">I</seg></ab>
<ab type="text" xml:id="b-66v-7" corresp="BK.77_1"><seg type="initial">U</seg>t episcopi circu<mod>m</mod>eant parrochias .</ab>
</body></text></TEI>
"""


def test_a_pointer_into_the_text_is_an_arrow_to_the_passage_not_a_source(tmp_path):
    # "[source]DE DESPONSATIS": the pointer read "source" and ran into the item's words.
    front = page(built(corpus(tmp_path / "c", {"bamberg.xml": CAPITULARIA})), "bamberg").get_element_by_id("text").find_class("front")[0]
    items = front.find_class("list")[0].iterchildren("li")
    first = next(items)
    (arrow,) = [a for a in first.iter("a")][:1]
    assert (arrow.get("href"), arrow.text, arrow.get("aria-label")) == ("#b-17r-1", "→", "Go to the passage")
    assert printed(first).startswith("→ DE DESPONSATIS")
    assert "source" not in printed(front)


def test_a_capitulary_begun_by_a_milestone_shows_its_number(tmp_path):
    # The milestones were left out: where BK 156 ends and BK 77 begins was not to be seen.
    text = page(built(corpus(tmp_path / "c", {"bamberg.xml": CAPITULARIA})), "bamberg").get_element_by_id("text")
    marks = [(el.text, el.get("title")) for el in text.find_class("ref-number")]
    assert marks == [("BK.156", "capitulare BK.156"), ("BK.77", "capitulare BK.77")]


def test_mentioned_words_are_set_apart(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"bamberg.xml": CAPITULARIA})), "bamberg").get_element_by_id("text")
    assert [(el.tag, el.text) for el in text.find_class("mentioned")] == [("i", "pręsumat"), ("i", "exactare")]
    assert "Ut episcopi circumeant parrochias ." in printed(text)


# ------------------------------------------------------------------ a Bible in TEI

# morethanbooks/XML-TEI-Bible: a book, its chapters numbered by @n, pericopes with a heading,
# each verse an ab type="verse" with its reference as xml:id; speech as q with who, nested; names
# keyed to the project's ontology (key with or without "#"), a name inside a name.
BIBLE = f"""<TEI xmlns="{TEI_NS}" xml:lang="es">{HEADER.format("Abdías")}
<text><front><div/></front><body>
<div xml:id="b.OBA" type="book">
<div xml:id="b.OBA.1" type="chapter" n="1">
<div type="pericope">
<head type="pericope">Humillación de Edom</head>
<ab xml:id="b.OBA.1.1" type="verse" n="1">
Visión de <rs key="per1044">Abdías</rs>. <rs key="per14">Jehová</rs> ha dicho así en cuanto a <rs key="#pla246">Edom</rs>: <q who="#per14" type="oral">«Hemos oído el pregón, <q who="#org126" type="soCalled">¿Quién me derribará?</q>»</q>
</ab>
<ab xml:id="b.OBA.1.2" type="verse" n="2">
<q who="#per14" type="oral">la <rs key="org126">casa de <rs key="#per131">Esaú</rs></rs> estopa.</q>
</ab>
</div></div></div>
</body><back/></text></TEI>
"""


def test_verses_are_numbered_links_and_every_word_is_read(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"oba.xml": BIBLE})), "oba").get_element_by_id("text")
    verses = text.find_class("verse-ref")
    assert [(a.get("href"), a.text) for a in verses] == [("#b.OBA.1.1", "1"), ("#b.OBA.1.2", "2")]
    assert printed(text.get_element_by_id("b.OBA.1.2")) == "2 la casa de Esaú estopa."
    assert "«Hemos oído el pregón, ¿Quién me derribará?»" in printed(text)


# ------------------------------------------------------------------ round 19's CMIF, round 20's names

def test_a_listed_letter_says_where_it_was_received_and_links_to_authority_files(tmp_path):
    shown = page(built(corpus(tmp_path / "c", {"cmif.xml": CMIF})), "cmif")
    letters = shown.get_element_by_id("text").find_class("letter")
    # Mannheim, where Weber received Gänsbacher's letter, was left out.
    assert printed(letters[0]).startswith("Gänsbacher, Johann → Weber, Carl Maria von, 11 July 1810–18 July 1810 · received: Mannheim ·")
    links = {printed(a): a.get("href") for a in letters[1].find_class("correspondence")[0].iter("a")}
    assert links == {"Weber, Carl Maria von": "http://d-nb.info/gnd/118629662",
                     "Dietrichstein, Moritz von": "http://viaf.org/viaf/12345", "Dresden": "http://www.geonames.org/2935022"}
    assert not list(letters[2].find_class("correspondence")[0].iter("a"))  # no authority: words


def test_a_letter_written_outside_tei_s_namespace_counts_in_the_list_s_range_and_author_line(tmp_path):
    # Rilke's letter (correspAction xmlns="") was in the list but not in its dates or its people.
    shown = page(built(corpus(tmp_path / "c", {"cmif.xml": CMIF})), "cmif")
    assert "Rainer Maria Rilke" in printed(shown.find_class("text-author")[0])
    assert printed(shown.find_class("text-date")[0]) == "11 July 1810 – 14 January 1902"


def test_a_conjecture_is_said_to_be_one(tmp_path):
    shown = page(built(corpus(tmp_path / "c", {"calp.xml": CALPURNIUS})), "calp")
    (entry,) = [li for li in shown.find_class("apparatus")[0].iter("li") if "venditet" in printed(li)]
    assert printed(entry) == "↑ vindicet] vindicet N G; venditet conj. Heins."
    (mark,) = entry.find_class("conjecture")
    assert (mark.tag, mark.get("title")) == ("abbr", "conjecture")


NAMES = f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Names</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><persName><surname>Muster</surname><forename>Erika</forename></persName>
<date when="1900-01-01"/></correspAction><correspAction type="received"><persName><surname>Roe</surname>,
<forename>Ben</forename></persName></correspAction></correspDesc></profileDesc></teiHeader>
<text><body><p>Comma: <persName><surname>Muster</surname>, <forename>Erika</forename></persName>; space:
<persName><surname>Muster</surname>
   <forename>Erika</forename></persName>; none: <persName><surname>Muster</surname><forename>Erika</forename></persName>.</p></body></text></TEI>
"""


def test_a_name_written_surname_first_never_runs_its_parts_together(tmp_path):
    # The letter's line and the page's author line read "MusterErika".
    shown = page(built(corpus(tmp_path / "c", {"names.xml": NAMES})), "names")
    assert printed(shown.find_class("text-author")[0]) == "Muster, Erika → Roe, Ben"
    assert [printed(dd) for dd in shown.get_element_by_id("about-text").find_class("correspondence")] == [
        "Muster, Erika → Roe, Ben, 1 January 1900"]
    # In the text, the writer's own separator and spacing.
    assert printed(shown.get_element_by_id("text")) == "Comma: Muster, Erika; space: Muster Erika; none: Muster, Erika."


# ------------------------------------------------------------------ the W3C checker

def test_this_round_s_texts_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"kaufmann.xml": MISHNAH, "ref.xml": MISHNAH_REFERENCE, "bamberg.xml": CAPITULARIA,
                                     "oba.xml": BIBLE, "cmif.xml": CMIF, "names.xml": NAMES})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
