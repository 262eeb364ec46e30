"""`build --corpus` on real TEI, sixth round: what a reader of Perseus's and EpiDoc's texts still
missed. A numbered division (book 1, chapter 2, section 3) is an address of its own, which its
number or label links to; the readings of an EpiDoc apparatus list (listApp) keep what is marked
inside them (letters supplied, unclear, lost; a line's end) as the text shows it.

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from collections import Counter

from lxml import html
from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, built, corpus, page, tei, words
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus
from ria.publish.transform import Transformer, saxon


def rendered(tmp_path, body: str, lang: str = "la"):
    return page(built(corpus(tmp_path / "c", {"t.xml": tei(body, lang=lang)})), "t")


def page_fragment(markup: str):
    """A part of a page as the stylesheet gives it (the contents, the text)."""
    return html.fromstring(f"<div>{markup}</div>")


def ids_twice(document) -> list[str]:
    return [id_ for id_, count in Counter(document.xpath("//@id")).items() if count > 1]


def unresolved_links(document) -> list[str]:
    ids = set(document.xpath("//@id"))
    return [href for href in document.xpath("//a/@href") if href.startswith("#") and href[1:] not in ids]


def division_links(text) -> list[tuple[str, str]]:
    """Each numbered division's id, and where its number or label links to."""
    return [(section.get("id"), (section.xpath("a[contains(@class, 'div-ref')] | p[@class = 'div-label']/a") or [None])[0].get("href"))
            for section in text.xpath(".//section[a[contains(@class, 'div-ref')] or p[@class = 'div-label']]")]


# ------------------------------------------------------------------ a numbered division is an address (Perseus)

# Perseus's canonical texts: an edition (its n a CTS URN) of textparts: books of chapters of sections.
PERSEUS = """<body><div type="edition" n="urn:cts:latinLit:phi9999.phi002.example-lat1">
<div type="textpart" subtype="book" n="1">
<div type="textpart" subtype="chapter" n="1">
<div type="textpart" subtype="section" n="1"><p>Prima pars.</p></div>
<div type="textpart" subtype="section" n="2"><p>Altera pars.</p></div></div>
<div type="textpart" subtype="chapter" n="2">
<div type="textpart" subtype="section" n="1"><p>Tertia pars.</p></div></div></div>
<div type="textpart" subtype="book" n="2"><head>LIBER SECUNDUS</head>
<div type="textpart" subtype="chapter" n="1"><p>Quarta pars.</p></div></div>
</div></body>"""


def test_each_numbered_division_is_an_anchor_named_by_its_full_reference(tmp_path):
    document = rendered(tmp_path, PERSEUS)
    text = document.get_element_by_id("text")
    # Book 2 has a heading of its own and is no numbered division; its chapter is 2.1 all the same.
    assert division_links(text) == [
        ("ref-1", "#ref-1"), ("ref-1.1", "#ref-1.1"), ("ref-1.1.1", "#ref-1.1.1"), ("ref-1.1.2", "#ref-1.1.2"),
        ("ref-1.2", "#ref-1.2"), ("ref-1.2.1", "#ref-1.2.1"), ("ref-2.1", "#ref-2.1")]
    assert ids_twice(document) == [] and unresolved_links(document) == []


def test_the_number_in_the_margin_and_the_label_are_the_links(tmp_path):
    text = rendered(tmp_path, PERSEUS).get_element_by_id("text")
    section = text.xpath(".//section[@id = 'ref-1.1.2']")[0]
    (number,) = section.find_class("div-ref")
    assert (number.tag, number.text, number.get("title")) == ("a", "2", "Section 1.1.2")
    chapter = text.xpath(".//section[@id = 'ref-1.2']/p[@class = 'div-label']")[0]
    assert [(a.text, a.get("href")) for a in chapter.iter("a")] == [("Chapter 2", "#ref-1.2")]
    # The words are read as before: the number, then the section's text.
    assert printed(section) == "2 Altera pars."


def test_a_division_with_its_own_id_keeps_it_and_its_number_links_there(tmp_path):
    # A division the encoder gave an xml:id is found at it already: no second id, no other address.
    # One whose id is a part of the page ("text") is renamed with the page's other links (page-ids.xsl).
    body = ("<body><div type='chapter' n='1'><div type='section' n='1' xml:id='c1s1'><p>Alpha.</p></div>"
            "<div type='section' n='2' xml:id='text'><p>Beta.</p></div><div type='section' n='3'><p>Gamma.</p></div>"
            "</div></body>")
    document = rendered(tmp_path, body, lang="en")
    assert division_links(document.get_element_by_id("text")) == [
        ("ref-1", "#ref-1"), ("c1s1", "#c1s1"), ("tei-text", "#tei-text"), ("ref-1.3", "#ref-1.3")]
    assert ids_twice(document) == [] and unresolved_links(document) == []


def test_divisions_of_the_same_reference_get_anchors_of_their_own(tmp_path):
    # EpiDoc: an edition and its translation, each in textparts "a" and "b"; a phrase elsewhere
    # whose xml:id is what a division's address would be.
    body = ("<body><div type='edition'><div type='textpart' n='a'><ab>Prima.</ab></div>"
            "<div type='textpart' n='b'><ab>Secunda.</ab></div></div>"
            "<div type='translation'><div type='textpart' n='a'><p>First.</p></div>"
            "<div type='textpart' n='b'><p>Second <seg xml:id='ref-b_2'>one</seg>.</p></div></div></body>")
    document = rendered(tmp_path, body)
    links = division_links(document.get_element_by_id("text"))
    assert [id_ for id_, _ in links][:3] == ["ref-a", "ref-b", "ref-a_2"]
    assert links[3][0] not in ("ref-b", "ref-a_2", "ref-b_2") and links[3][1] == f"#{links[3][0]}"
    assert document.xpath("//*[@id = 'ref-b_2']")[0].text == "one"
    assert ids_twice(document) == [] and unresolved_links(document) == []


def test_the_contents_lead_to_the_anchor_the_division_is_linked_by(tmp_path):
    # The edition's pages list a text's divisions (corpus pages have no contents).
    body = ("<body><div type='book' n='1'><p>Alpha.</p></div><div type='book' n='2' xml:id='b2'><p>Beta.</p></div>"
            "<div type='preface'><head>Preface</head><p>Gamma.</p></div></body>")
    transformer = Transformer(saxon(), ROOT / "xslt" / "text.xsl")
    # So does a text a public build withholds, whose page keeps its divisions and contents only.
    for withheld in (False, True):
        parts = transformer.transform(tei(body), "t.xml", withheld=withheld)
        contents = page_fragment(parts["toc"])
        assert [(a.text, a.get("href")) for a in contents.iter("a")] == [
            ("Book 1", "#ref-1"), ("Book 2", "#b2"), ("Preface", f"#{page_fragment(parts['text']).xpath('.//section')[2].get('id')}")]
        assert [s.get("id") for s in page_fragment(parts["text"]).iter("section")][:2] == ["ref-1", "b2"]


# ------------------------------------------------------------------ the readings of an apparatus list (EpiDoc)

def apparatus(tmp_path, *apps: str):
    """The entries of an EpiDoc apparatus division holding these app elements."""
    body = ("<body><div type='edition' xml:lang='la'><ab><lb n='1'/>Dis Manibus <lb n='2'/>filiae</ab></div>"
            f"<div type='apparatus'><listApp>{''.join(apps)}</listApp></div></body>")
    document = rendered(tmp_path, body)
    return document, document.get_element_by_id("text").xpath(".//ul[@class = 'list-app']/li")


def test_a_reading_keeps_the_letters_supplied_unclear_and_lost_it_marks(tmp_path):
    _, (entry,) = apparatus(tmp_path, """<app loc="2">
        <lem><supplied reason="lost">fi</supplied>liae</lem>
        <rdg source="#prev"><hi rend="italic">fi</hi>l<unclear>i</unclear>e <gap reason="lost" quantity="2" unit="character"/></rdg>
      </app>""")
    lemma, reading = entry.find_class("lem")[0], entry.find_class("rdg")[0]
    assert [s.text for s in lemma.find_class("supplied-lost")] == ["fi"]
    assert [s.text for s in reading.find_class("unclear")] == ["i"]
    assert [s.text for s in reading.find_class("gap")] == ["[…]"]
    assert reading.xpath(".//*[contains(@class, 'hi') or self::i or self::em]")[0].text_content() == "fi"
    assert printed(entry) == "2. filiae] filie […] prev"


def test_a_reading_that_is_only_a_gap_is_not_said_to_be_omitted(tmp_path):
    _, entries = apparatus(tmp_path, "<app loc='1'><lem>Dis</lem><rdg><gap reason='illegible'/></rdg><rdg/></app>")
    assert [printed(r) for r in entries[0].find_class("rdg")] == ["[…]", "om."]


def test_a_line_break_inside_a_reading_is_a_stroke_and_the_entry_one_line(tmp_path):
    # A reading across lines 4 and 5; the word vixit broken between them in the lemma.
    _, (entry,) = apparatus(tmp_path, "<app loc='4-5'><lem>vix<lb n='5' break='no'/>it <lb n='6'/>annis</lem>"
                                      "<rdg>vixit<lb n='5'/> annos</rdg></app>")
    assert [printed(r) for r in entry.xpath("span[@class = 'lem' or @class = 'rdg']")] == ["vix|it | annis", "vixit | annos"]
    assert entry.xpath(".//br") == [] and entry.find_class("line-number") == []


def test_a_reading_holding_paragraphs_or_verse_is_set_as_phrases_of_its_entry(tmp_path):
    _, (entry,) = apparatus(tmp_path, "<app loc='3'><lem><p>unus</p></lem><rdg><lg><l>duo</l><l>tres</l></lg></rdg></app>")
    blocks = entry.xpath(".//*[self::p or self::div or self::ul or self::ol or self::li or self::section]")
    assert blocks == []
    # The verse keeps its lines (a line break after each, as inside a paragraph).
    assert words(entry) == "3. unus ] duo tres" and len(entry.find_class("rdg")[0].xpath(".//br")) == 2


def test_a_mark_inside_a_reading_leads_to_nothing_the_page_lacks(tmp_path):
    # The list is the apparatus of what it holds: a letter supplied inside a reading has no mark
    # leading to the page's apparatus, a note on a reading is read in the entry.
    document, (entry,) = apparatus(tmp_path, "<app loc='2'><lem><supplied reason='lost'>fi</supplied>liae</lem>"
                                             "<rdg>filie<note>so the first editor</note></rdg></app>")
    assert entry.find_class("app-ref") == [] and entry.find_class("noteref") == []
    assert printed(entry) == "2. filiae] filie so the first editor"
    assert document.find_class("apparatus-section") == [] and document.find_class("notes-section") == []
    assert ids_twice(document) == [] and unresolved_links(document) == []


# ------------------------------------------------------------------ both, as the W3C checker reads them

def test_numbered_divisions_and_an_apparatus_list_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    epidoc = tei("<body><div type='edition' xml:lang='la'><div type='textpart' n='a'><ab><lb n='1'/>Dis</ab></div></div>"
                 "<div type='apparatus'><listApp><app loc='1'><lem><supplied reason='lost'>D</supplied>is <lb n='2'/>"
                 "<unclear>M</unclear></lem><rdg><p>Di</p><gap reason='lost'/><note>worn</note></rdg></app></listApp></div></body>")
    folder = corpus(tmp_path / "c", {"perseus.xml": tei(PERSEUS, lang="la"), "stone.xml": epidoc})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
