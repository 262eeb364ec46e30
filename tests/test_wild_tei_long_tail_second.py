"""A second sweep of whole real TEI files from the long tail, each project's files built as one
corpus with `build.py build --corpus`, then read for a crash, the problems reported, the W3C Nu
checker's errors and whether the words of each TEI <text> are on its page.

Swept: the SLUB practicum's fully encoded Schlegel letter (Maximalauszeichnung-AWS-aw-00kc.xml:
<lb ed="print"/> and <lb ed="ms"/> interleaved, two page sequences by @ed, expan holding
abbr, am and ex, a <c style="majusc"> letter); the Asolani edition's double.xml (three witnesses'
reading texts, each segment followed by an app from="#seg" holding only a witness's rdg); the
Arabic Ahiqar edition's test.xml (a group of three texts, two of them empty, pb facs="textgrid:…",
footnotes inside ab, catchwords in {{…}}; an excerpt of about a third of its 60k, the rest being
more of the same lines). (kb-dk's ADL texts and more DigitalMitford letters are left for a later sweep.)

What it found: (1) a c element that is a letter, not a space, made every whitespace of its
paragraph "layout" (the rule for texts whose spaces are <c> </c>): "R.egiments G.erichts" ran
together as "R.egimentsG.erichts", "Meilen von" as "Meilenvon". (2) An app attached to the words
it concerns by @from (double-end-point attachment) printed its witness's reading inline, in the
reading text, as if it were the text's own words, and in the contents' names of the divisions;
the placeholder supplied in the reading also got an entry of its own whose back link led nowhere.
It now reads nothing where it stands: a mark leads to its entry, whose lemma is the words pointed
at. double.xml itself is not well-formed (a </div> too many), reported at its line and column.
The letter and the Ahiqar texts built with no Nu error and no word lost."""

from __future__ import annotations

from lxml import html
from test_wild_tei import ROOT, corpus, page, tei, words

from ria.corpus import build_corpus


def built_page(tmp_path, name: str, document: str):
    result = build_corpus(corpus(tmp_path / "c", {f"{name}.xml": document}), None, ROOT, jobs=1, write=False,
                          search=False)
    return result, page(result, name)


# ------------------------------------------------------------------ a c that is a letter

LETTER = tei("""<body><div><p>Nachdem durch Eingang des <expan><abbr>R</abbr><ex>egiments</ex></expan>
    <expan><abbr>G</abbr><ex>erichts</ex></expan> Spruchs, einige <measure quantity="30" unit="miles">30 Meilen</measure>
    <lb ed="print"/>von hier – <lb ed="ms"/><c style="majusc" source="print">d</c>ie Beklemmung</p></div></body>""",
             title="Schlegel", lang="de")


def test_a_c_that_is_a_letter_leaves_the_whitespace_between_the_words_of_its_paragraph(tmp_path):
    _, shown = built_page(tmp_path, "brief", LETTER)
    text = " ".join("".join(shown.get_element_by_id("text").itertext()).split())
    assert "Regiments Gerichts Spruchs" in text
    assert "30 Meilen von hier" in text
    assert "die Beklemmung" in text


# The same letter's abbreviations as it writes them: the mark (am) in the abbreviation, the
# editor's letters (ex) after it, in one expan; the reading text read "R.egiments".
ABBREVIATED = tei("""<body><div><p>Des <expan><abbr>R<am>.</am></abbr><ex>egiments</ex></expan> und des
<expan><abbr>G<am>.</am></abbr><ex>erichts</ex></expan> Spruch; <choice><abbr>Sr<am>.</am></abbr><expan>S<ex>eine</ex>r</expan></choice>
Majestät.</p></div></body>""", title="Schlegel", lang="de")


def viewed(element, hidden: str) -> str:
    """The words of ``element`` as a view shows them: without what has the class ``hidden``."""
    copy = html.fromstring(html.tostring(element))
    for part in copy.xpath(f"//*[contains(concat(' ', @class, ' '), ' {hidden} ')]"):
        part.drop_tree()
    return " ".join(copy.text_content().split())


def test_an_abbreviation_s_mark_gives_way_to_the_expansion_in_the_reading_text(tmp_path):
    _, shown = built_page(tmp_path, "brief", ABBREVIATED)
    paragraph = shown.get_element_by_id("text").find(".//p")
    # (the choice of abbr and expan was switched so already)
    assert viewed(paragraph, "original").startswith("Des Regiments und des Gerichts Spruch; Seiner° Majestät.")
    assert viewed(paragraph, "reading").startswith("Des R. und des G. Spruch; Sr.° Majestät.")


# ------------------------------------------------------------------ double-end-point attachment

WITNESSES = """<teiHeader><fileDesc><titleStmt><title>Asolani</title></titleStmt><publicationStmt><p>t</p>
</publicationStmt><sourceDesc><listWit><witness xml:id="Q">Autograph Q</witness><witness xml:id="C">C</witness>
</listWit></sourceDesc></fileDesc></teiHeader>"""
ATTACHED = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="it">{WITNESSES}<text><body>
<div xml:id="ed_Q"><head><seg xml:id="t1">Libro primo</seg>
<app from="#t1"><rdg wit="#C"><supplied reason="placeholder">[lezione di C]</supplied></rdg></app></head>
<p><seg xml:id="s1">Gli otij, madonna,</seg><app from="#s1"><rdg wit="#C">Gli ozi</rdg></app>
delle lettre <anchor xml:id="a1"/>sempre da me<anchor xml:id="a2"/><app from="#a1" to="#a2"><lem>sempre da me</lem>
<rdg wit="#C">da me sempre</rdg></app> disiderati.</p></div></body></text></TEI>
"""


def test_an_app_pointing_at_its_words_reads_nothing_where_it_stands(tmp_path):
    _, shown = built_page(tmp_path, "double", ATTACHED)
    text = " ".join("".join(shown.get_element_by_id("text").itertext()).split())
    assert text.count("Gli otij, madonna,") == 1 and text.count("sempre da me") == 1
    assert "Gli ozi" not in text and "da me sempre" not in text and "lezione di C" not in text
    assert [a.get("href") for a in shown.xpath("//*[@id='text']//a[@class='app-ref']")] == [
        "#var-1-note", "#var-2-note", "#var-3-note"]


def test_an_attached_app_s_entry_reads_the_words_pointed_at_then_the_witness_s_reading(tmp_path):
    _, shown = built_page(tmp_path, "double", ATTACHED)
    entries = [words(li) for li in shown.xpath("//li[contains(@class, 'app-variants')]")]
    assert entries == ["↑ Libro primo ] [lezione di C] C", "↑ Gli otij, madonna, ] Gli ozi C",
                       "↑ sempre da me ] sempre da me ; da me sempre C"]


def test_a_reading_the_text_does_not_read_names_no_division_and_is_no_change_of_the_editors(tmp_path):
    result, shown = built_page(tmp_path, "double", ATTACHED)
    contents = shown.xpath("//nav[contains(@class, 'toc')]//a[@href = '#ed_Q']")
    assert [words(a) for a in contents] == ["Libro primo"]
    assert not shown.xpath("//*[@aria-label = 'About this addition']")
    assert not [p for p in result.problems if p.severity == "error"]
