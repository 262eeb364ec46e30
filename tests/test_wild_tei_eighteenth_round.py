"""`build --corpus` on real TEI, eighteenth round: the US Office of the Historian's Foreign
Relations volumes (FRUS: a volume one TEI, each document a div type="document" with its heading,
source note, dateline, subject and participants; persons and abbreviations pointed at the
volume's own lists by @corresp and @target; numbered points inside a paragraph) and the Women
Writers Project's texts (its textbase's own namespace, its rend language of "name(value)" pairs,
soft hyphens and rend="break(no)" at line ends, catchwords, signatures and running heads).

Each snippet is written here to reproduce one phenomenon met in such projects' files."""

from __future__ import annotations

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, TEI_NS, built, corpus, page, tei
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ FRUS

# A volume: its front's lists of abbreviations and persons, each entry with an id the documents
# point at; a document's heading holds its source note, a dateline follows in an opener, then the
# lists of its subject and participants; frus: attributes date the documents.
FRUS = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xmlns:frus="http://history.state.gov/frus/ns/1.0">
<teiHeader><fileDesc><titleStmt><title type="complete">Foreign Relations, 1958–1960, Volume I</title>
<editor role="primary">Jane Editor</editor></titleStmt>
<publicationStmt><publisher>Government Printing Office</publisher><idno type="isbn-10"/></publicationStmt>
<sourceDesc><p>Released in 1986 as printed book</p></sourceDesc></fileDesc></teiHeader>
<text><front>
<div type="section" xml:id="terms"><head>List of Abbreviations and Symbols</head><list type="terms">
<item><hi rend="strong"><term xml:id="t_GVN1">GVN</term>,</hi> Government of Vietnam</item></list></div>
<div type="section" xml:id="persons"><head>List of Persons</head><list type="persons">
<item><hi rend="strong"><persName xml:id="p_DE1">Durbrow, Elbridge</persName>,</hi> Ambassador</item></list></div>
</front><body><div type="compilation" xml:id="comp1"><head>Vietnam</head>
<div type="document" subtype="historical-document" xml:id="d12" n="12" frus:doc-dateTime-min="1958-04-01T00:00:00-05:00">
<head>12. Despatch From the Chargé (<persName corresp="#p_DE1" type="from">Durbrow</persName>) to the <gloss type="to">Department of State</gloss><note n="1" xml:id="d12fn1" type="source">Source: Central Files, 751G.5–<gloss target="#t_GVN1">GVN</gloss>/4–158. Secret.</note></head>
<opener><dateline rendition="#right"><hi rend="italic"><placeName>Saigon</placeName>, <date when="1958-04-01">April 1, 1958</date></hi>.</dateline></opener>
<list type="subject"><head>SUBJECT</head><item>The <gloss target="#t_GVN1">GVN</gloss> Counter-Proposals.</item></list>
<list type="participants"><head>PARTICIPANTS:</head><item>The President</item><item>Ambassador <persName corresp="#p_DE1">Durbrow</persName></item></list>
<p>The Ambassador made points: <list>
<label>(1)</label><item>First point.</item><pb n="31" xml:id="pg_31"/><label>(2)</label><item>Second point.</item></list></p>
<p>Seen by <persName corresp="#p_NOBODY1">Nobody</persName> and <persName corresp="#p_DE1">Durbrow<note n="2">Not printed.</note></persName>.</p>
<closer><signed><persName corresp="#p_DE1">Durbrow</persName></signed></closer>
</div></div></body></text></TEI>
"""


def test_a_frus_document_reads_as_a_document_with_its_heading_dateline_subject_and_participants(tmp_path):
    shown = page(built(corpus(tmp_path / "c", {"frus1958-60v01.xml": FRUS})), "frus1958-60v01")
    document = shown.get_element_by_id("d12")
    assert printed(document.find("h3")) == "12. Despatch From the Chargé (Durbrow) to the Department of State1"
    assert [a.text for a in shown.find_class("toc")[0].iter("a")][-1] == (
        "12. Despatch From the Chargé (Durbrow) to the Department of State")
    assert printed(document.find_class("dateline")[0]) == "Saigon, April 1, 1958."
    assert [(printed(caption), printed(caption.getnext())) for caption in document.find_class("caption")] == [
        ("SUBJECT", "The GVN Counter-Proposals."), ("PARTICIPANTS:", "The PresidentAmbassador Durbrow")]
    (source,) = shown.find_class("note-source")[1:]
    assert printed(source.find_class("note-body")[0]) == "Source: Central Files, 751G.5–GVN/4–158. Secret."


def test_persons_and_abbreviations_pointed_at_the_volume_s_own_lists_link_to_them(tmp_path):
    # persName corresp="#p_DE1" and gloss target="#t_GVN1" were words marked as names and glosses
    # that led nowhere, though the volume's list of persons stood on the same page.
    document = page(built(corpus(tmp_path / "c", {"frus1958-60v01.xml": FRUS})), "frus1958-60v01").get_element_by_id("d12")
    links = [(a.text, a.get("href")) for a in document.iter("a") if "entry-link" in (a.get("class") or "")]
    assert links == [("Durbrow", "#p_DE1"), ("GVN", "#t_GVN1"), ("Durbrow", "#p_DE1"), ("Durbrow", "#p_DE1")]
    # one that points at no entry of the text, or holds a note (a link of its own), is not a link
    seen = document.xpath(".//p[contains(., 'Seen by')]")[0]
    assert [(span.get("class"), printed(span)) for span in seen.find_class("name")] == [("name", "Nobody"), ("name", "Durbrow2")]
    assert not seen.xpath(".//a//a")


def test_a_name_pointing_at_an_entry_the_page_does_not_show_is_no_link(tmp_path):
    # The back's listPerson is left to the register pages (here the text's other name has one):
    # a link to its entry led to no place on the page.
    text = tei('<body><p>Met <persName corresp="#p1">Ann</persName> and <persName ref="#r1">Rob</persName>.</p></body>'
               '<back><listPerson><person xml:id="p1"><persName>Ann Smith</persName></person></listPerson></back>')
    register = tei('<body><listPerson><person xml:id="r1"><persName>Rob Roy</persName></person></listPerson></body>')
    shown = page(built(corpus(tmp_path / "c", {"t.xml": text, "register.xml": register})), "t")
    assert shown.xpath("//a[@href = '#p1']") == [] and shown.xpath("//@id[. = 'p1']") == []
    assert printed(shown.get_element_by_id("text")).startswith("Met Ann and Rob.")
    # With no register to show it, the list is the text's own: the name leads to its entry there.
    alone = page(built(corpus(tmp_path / "alone", {"t.xml": text})), "t")
    assert alone.xpath("//a[@href = '#p1']") and alone.xpath("//@id[. = 'p1']")


def test_points_labelled_inside_a_paragraph_each_read_with_their_label(tmp_path):
    # "(1)" and "(2)" stood on lines of their own, each before a bulleted point.
    document = page(built(corpus(tmp_path / "c", {"frus1958-60v01.xml": FRUS})), "frus1958-60v01").get_element_by_id("d12")
    points = document.find_class("labelled")
    assert [printed(point) for point in points] == ["(1) First point.", "(2) Second point."]
    assert not document.xpath(".//span[@class='list ']/span[@class='label']")
    assert document.get_element_by_id("pg_31").getparent().get("class").startswith("list")
    css = (ROOT / "theme" / "static" / "edition.css").read_text()
    assert "span.list > span.item.labelled { list-style: none; }" in css


# ------------------------------------------------------------------ the Women Writers Project

# WWP's rend language: "name(value)" pairs written one against the next; a word parted at a line's
# end by a soft hyphen, or by a break its rend says is none; catchword, running head, page number
# and signature in forme work around the page breaks.
WWP = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title>The Rover</title><author>Aphra Behn</author></titleStmt>
<publicationStmt><publisher>Women Writers Project</publisher></publicationStmt><sourceDesc><p>1677</p></sourceDesc></fileDesc></teiHeader>
<text><front><titlePage><docTitle><titlePart rend="case(allcaps)align(center)">THE ROVER</titlePart></docTitle></titlePage></front>
<body><div type="act"><head rend="align(right)case(smallcaps)">Act the First</head>
<p>Those rich <hi rend="slant(italic)">enough</hi> to keep their Mi&#xAD;
<lb/>streſſes, and the reſt walk a<lb rend="break(no)"/>broad in the
<fw type="catch" place="bottom" rend="align(right)">Town</fw>
<pb n="2"/>
<fw type="head" place="top" rend="align(center)">The ROVER.</fw><fw type="pageNum" place="top">2</fw>
Town.</p>
<fw type="sig" place="bottom">B</fw>
<pb n="3"/>
</div></body></text></TEI>
"""


def test_the_wwp_s_name_value_renditions_are_read(tmp_path):
    # "slant(italic)" gave a class "slant-italic-", "case(allcaps)align(center)" none at all.
    text = page(built(corpus(tmp_path / "c", {"rover.xml": WWP})), "rover").get_element_by_id("text")
    assert text.find_class("title-part")[0].get("class").split() == ["title-part", "align-center"]
    assert text.find(".//h2").get("class") == "align-right"
    (italic,) = text.find_class("hi")
    assert (italic.tag, italic.get("class")) == ("i", "hi italic")


def test_a_word_parted_by_a_soft_hyphen_or_a_break_of_no_word_is_one_word(tmp_path):
    # "Mi- streſſes" and "a broad": the line's end read as a space between two words.
    paragraph = page(built(corpus(tmp_path / "c", {"rover.xml": WWP})), "rover").get_element_by_id("text").find(".//p[@id]")
    reading = paragraph.text_content()
    assert "Mi\xadstreſſes" in reading and "walk abroad" in reading
    assert len(paragraph.find_class("word-break")) == 2


def test_catchwords_running_heads_and_signatures_are_set_apart_from_the_text(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"rover.xml": WWP})), "rover").get_element_by_id("text")
    forme = [(fw.get("class"), fw.get("aria-hidden"), fw.get("data-pagefind-ignore"), printed(fw)) for fw in text.find_class("fw")]
    assert forme == [("fw fw-catch", "true", "", "Town"), ("fw fw-head", "true", "", "The ROVER."),
                     ("fw fw-pageNum", "true", "", "2"), ("fw fw-sig", "true", "", "B")]
    css = (ROOT / "theme" / "static" / "edition.css").read_text()
    assert ".fw { display: none; }" in css


# The WWP's own textbase: TEI's elements in the project's namespace, its forme work "mw".
WWP_TEXTBASE = ('<?xml version="1.0"?>\n'
                + WWP.replace(TEI_NS, "http://www.wwp.northeastern.edu/ns/textbase").replace("<fw ", "<mw ").replace("</fw>", "</mw>"))


def test_a_tei_in_a_namespace_of_its_project_s_own_is_read_as_tei_and_said_so(tmp_path):
    # The WWP's files were passed over without a word: "no TEI texts found in the corpus".
    result = built(corpus(tmp_path / "c", {"rover.xml": WWP_TEXTBASE}))
    assert [doc.rel for doc in result.corpus.texts] == ["rover.xml"]
    assert [str(p) for p in result.problems if p.severity == "warning" and p.rule == "corpus"] == [
        "rover.xml:2:1: warning: a <TEI> in the namespace http://www.wwp.northeastern.edu/ns/textbase, not TEI's: "
        "read as TEI, its elements brought into TEI's namespace"]
    text = page(result, "rover").get_element_by_id("text")
    assert [(mw.get("class"), printed(mw)) for mw in text.find_class("fw")] == [
        ("fw fw-catch", "Town"), ("fw fw-head", "The ROVER."), ("fw fw-pageNum", "2"), ("fw fw-sig", "B")]
    assert "walk abroad in the" in printed(text.find(".//p[@id]"))


# ------------------------------------------------------------------ the W3C checker

def test_this_round_s_texts_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"frus.xml": FRUS, "rover.xml": WWP, "textbase.xml": WWP_TEXTBASE})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
