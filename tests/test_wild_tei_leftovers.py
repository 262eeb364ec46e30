"""Three things other people's TEI says that the pages lost or got wrong:

- a text of a teiCorpus whose keywords' scheme is a taxonomy of the corpus's header (not the
  text's own) had its keywords listed as "Keywords", not named by that taxonomy, as a text whose
  own header holds it has them; the edition's texts, whose kinds are the corpus header's taxonomy,
  are given it the same way;
- a note written in the back (Project Gutenberg's <div type="notes">) whose place in the text is a
  reference (<ref target="#note1" xml:id="ref1">1</ref>, <note xml:id="note1" target="#ref1">) had a
  second marker where it is written, and the note's way back led there, not to the text;
- a page break between rows that a cell spanning rows and every column covers was given a row with
  no column to stand in (a cell past the table's columns, which the W3C checker warns of)."""

from __future__ import annotations

import json
import subprocess

from lxml import etree
from test_html_checker import JAVA, nu_checker  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, TEI_NS, built, corpus, page, tei, words

from ria.corpus import build_corpus
from ria.model.texts import taxonomies_named
from ria.xmlio import TEI as T


# ------------------------------------------------------------------ keywords named by the corpus's taxonomy

def member(n: int, scheme: str, own: str = "") -> str:
    return (f"<TEI><teiHeader><fileDesc><titleStmt><title>Text {n}</title></titleStmt><publicationStmt><p/>"
            f"</publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>{own}<profileDesc><textClass>"
            f'<keywords scheme="{scheme}"><term>civil war</term></keywords></textClass></profileDesc></teiHeader>'
            f"<text><body><p>Text {n}.</p></body></text></TEI>")


CORPUS = (f'<teiCorpus xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Papers</title></titleStmt>'
          "<publicationStmt><p/></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc><encodingDesc><classDecl>"
          '<taxonomy xml:id="topics"><desc>Subjects</desc><category xml:id="war"><catDesc>War</catDesc></category></taxonomy>'
          '<taxonomy xml:id="periods"><gloss>Periods</gloss></taxonomy></classDecl></encodingDesc></teiHeader>'
          + member(1, "#topics")
          + member(2, "#periods", '<encodingDesc><classDecl><taxonomy xml:id="periods"><desc>Wars of the century</desc>'
                                  "</taxonomy></classDecl></encodingDesc>")
          + member(3, "#nowhere") + "</teiCorpus>\n")


def keyword_rows(result, name: str) -> list[tuple[str, str]]:
    about = page(result, name).find_class("metadata")[0]
    return [(dt.text_content(), dt.getnext().text_content()) for dt in about.iter("dt")
            if dt.text_content().startswith("Keywords")]


def test_a_text_s_keywords_are_named_by_the_taxonomy_of_its_tei_corpus_s_header(tmp_path):
    result = built(corpus(tmp_path / "c", {"papers.xml": CORPUS}))
    assert keyword_rows(result, "papers-1") == [("Keywords (Subjects)", "civil war")]
    # The text's own taxonomy of that id comes first; a scheme no header holds is named by none.
    assert keyword_rows(result, "papers-2") == [("Keywords (Wars of the century)", "civil war")]
    assert keyword_rows(result, "papers-3") == [("Keywords", "civil war")]
    # The TEI the page offers is the text as the teiCorpus holds it: nothing of the corpus's header is added.
    assert b"Subjects" not in result.files["tei/papers-1.xml"]


def test_the_edition_s_texts_are_given_the_kinds_of_text_of_its_corpus_header():
    # (tei/edition.xml's taxonomy of kinds, by its id alone: the edition's schema gives it no description)
    header = etree.parse(str(ROOT / "tei" / "edition.xml")).getroot().find(T + "teiHeader")
    text = etree.parse(str(ROOT / "tei" / "texts" / "serge-1930.xml")).getroot()
    given = etree.fromstring(taxonomies_named(text, [header]))
    assert [taxonomy.get("{http://www.w3.org/XML/1998/namespace}id") for taxonomy in given] == ["text-kinds"]
    assert given.find(f".//{T}category") is None  # (its categories name no scheme: left out)
    assert taxonomies_named(text, []) == ""


# ------------------------------------------------------------------ a note whose marker is a reference

def read(element) -> str:
    """The words of a part of a page as a reader reads them ("In 1914.", not "In 1914 .")."""
    return " ".join(element.text_content().split())


GUTENBERG = tei("""<body><p>The war began<ref target="#note1" xml:id="ref1">1</ref> and ended<ref target="#note2">2</ref>;
see <ref target="#n9">the note on the truce</ref>.</p>
<p>The truce<note xml:id="n9" n="9">Signed in December.</note> held.</p></body>
<back><div type="notes"><note xml:id="note1" target="#ref1"><p>In <hi>1914</hi>. <ref target="#ref1">Back</ref></p></note>
<note xml:id="note2"><p>In 1918.</p></note></div></back>""", title="Memoirs")


def test_a_note_in_the_back_is_linked_from_its_reference_in_the_text_and_back_to_it(tmp_path):
    result = built(corpus(tmp_path / "c", {"memoirs.xml": GUTENBERG}))
    text = page(result, "memoirs").get_element_by_id("text")
    body, back = text.find_class("body")[0], text.find_class("back")[0]
    markers = [(a.get("id"), a.get("href"), words(a)) for a in body.find_class("noteref")]
    # Each reference is its note's marker; a cross-reference to a note placed in its own line is not.
    assert markers == [("noteref-note1", "#note1", "1"), ("noteref-note2", "#note2", "2"), ("noteref-n9", "#n9", "9")]
    assert back.find_class("noteref") == []  # no second marker where the notes are written
    notes = page(result, "memoirs").find_class("notes")[0]
    assert [(li.get("id"), li.find_class("note-backlink")[0].get("href"), read(li.find_class("note-body")[0]))
            for li in notes.iter("li")] == [("n9", "#noteref-n9", "Signed in December."),
                                             ("note1", "#noteref-note1", "In 1914. Back"),
                                             ("note2", "#noteref-note2", "In 1918.")]
    # The note's own way back (its ref to #ref1) finds the reference; its words are on the page once.
    assert body.xpath(".//*[@id='ref1']") != []
    assert read(page(result, "memoirs").body).count("In 1914.") == 1


# ------------------------------------------------------------------ a page break no column is free for

LEDGER = tei("""<body><table><row><cell>Item</cell><cell>Price</cell></row>
<row><cell cols="2" rows="2">Carried over</cell></row><pb n="8"/><row/>
<row><cell>Rye</cell><cell>2 s.</cell></row></table></body>""", title="Ledger")


def test_a_page_break_every_column_of_which_a_span_covers_is_marked_in_that_cell(tmp_path):
    result = built(corpus(tmp_path / "c", {"ledger.xml": LEDGER}))
    table = page(result, "ledger").get_element_by_id("text").find(".//table")
    rows = table.findall("./tbody/tr")
    assert [[(words(td), td.get("colspan"), td.get("rowspan")) for td in row] for row in rows] == [
        [("Item", None, None), ("Price", None, None)], [("Carried over p. 8", "2", "1")], [("Rye", None, None), ("2 s.", None, None)]]
    mark = table.find_class("pb")[0]
    assert mark.find("a").get("href") == f"#{mark.get('id')}"


def test_a_ledger_with_such_a_break_draws_no_word_from_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    build_corpus(corpus(tmp_path / "c", {"ledger.xml": LEDGER}), tmp_path / "site", ROOT, jobs=1, search=False)
    report = subprocess.run([*JAVA, "-jar", str(nu_checker), "--format", "json", "--skip-non-html",
                             str(tmp_path / "site" / "texts")], capture_output=True, text=True, timeout=600)
    # Errors, and the warnings of a row wider than the table ("A table row was 3 columns wide and exceeded …").
    messages = [m["message"] for m in json.loads(report.stderr)["messages"]
                if m["type"] == "error" or "row" in m["message"] or "column" in m["message"]]
    assert messages == []

