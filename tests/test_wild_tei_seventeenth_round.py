"""`build --corpus` on real TEI, seventeenth round: GROBID's articles (scientific papers
extracted from PDFs: the authors only in the source described, pages of a work cited only as
attributes, notes of a type written with an underscore), OpenEdition's journal articles (TEI
Commons: abstracts in two languages, "ack", a quotation as a block between paragraphs) and
Project Gutenberg's TEI (lines of verse set in by the print).

Each snippet is written here to reproduce one phenomenon met in such projects' files."""

from __future__ import annotations

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, TEI_NS, built, corpus, page
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ GROBID

# GROBID's header: a titleStmt of one title, the article's authors (names, e-mail, affiliation)
# only in sourceDesc/biblStruct; its works cited are biblStruct entries whose pages are attributes,
# each with the reference as the PDF printed it in a note type="raw_reference".
GROBID = f"""<TEI xml:space="preserve" xmlns="{TEI_NS}">
<teiHeader xml:lang="en"><fileDesc>
<titleStmt><title level="a" type="main">Deep Learning for Parsing</title></titleStmt>
<publicationStmt><publisher/><availability status="unknown"><licence/></availability></publicationStmt>
<sourceDesc><biblStruct><analytic>
<author role="corresp"><persName><forename type="first">Jane</forename><surname>Doe</surname></persName><email>jane@example.org</email>
<affiliation key="aff0"><orgName type="institution">Example University</orgName><address><country key="FR">France</country></address></affiliation></author>
<author><persName><forename type="first">John</forename><forename type="middle">Q</forename><surname>Smith</surname></persName></author>
<title level="a" type="main">Deep Learning for Parsing</title></analytic>
<monogr><imprint><date type="published" when="2020-05-01">May 2020</date></imprint></monogr>
<idno type="DOI">10.1000/xyz</idno></biblStruct></sourceDesc></fileDesc>
<profileDesc><abstract><div xmlns="{TEI_NS}"><p><s coords="1,2,3,4,5">We present a parser.</s></p></div></abstract></profileDesc>
</teiHeader>
<text xml:lang="en"><body>
<div xmlns="{TEI_NS}"><head n="1.">Introduction</head><p><s coords="1,50,60,200,10">Parsing is hard <ref type="bibr" target="#b0" coords="1,1,1,1,1">[1]</ref>.</s></p></div>
</body><back><div type="references"><listBibl>
<biblStruct xml:id="b0"><analytic><title level="a" type="main">Attention is all you need</title>
<author><persName><forename type="first">A</forename><surname>Vaswani</surname></persName></author></analytic>
<monogr><title level="m">NeurIPS</title><imprint><biblScope unit="page" from="5998" to="6008"/><date type="published" when="2017">2017</date></imprint></monogr>
<note type="raw_reference">Vaswani A. Attention is all you need. NeurIPS 2017.</note></biblStruct>
<biblStruct xml:id="b1"><monogr><title level="m">A Book</title><imprint><biblScope unit="page" from="12"/><date when="2001">2001</date></imprint></monogr></biblStruct>
</listBibl></div></back></text></TEI>
"""


def test_grobid_s_authors_are_the_text_s_authors(tmp_path):
    # The page named no author at all: GROBID writes them only in the source it describes.
    shown = page(built(corpus(tmp_path / "c", {"article.xml": GROBID})), "article")
    assert printed(shown.find_class("text-author")[0]) == "Jane Doe; John Q Smith"
    about = shown.find_class("metadata")[0]
    rows = [(dt.text, printed(dt.getnext())) for dt in about.iter("dt")]
    assert rows[1:3] == [("Author", "Jane Doe, jane@example.org, Example University, France"),
                         ("Author", "John Q Smith")]
    # the article the file was extracted from, with its DOI, is its source
    assert "10.1000/xyz" in dict(rows)["Source"]
    assert printed(shown.find_class("citation")[0]).startswith("Jane Doe; John Q Smith. Deep Learning for Parsing.")


def test_pages_given_only_as_attributes_are_cited(tmp_path):
    # "NeurIPS. 2017.": the pages were lost, being no words of the biblScope.
    text = page(built(corpus(tmp_path / "c", {"article.xml": GROBID})), "article").get_element_by_id("text")
    assert printed(text.get_element_by_id("b0")).startswith(
        "A Vaswani. Attention is all you need. In: NeurIPS. pp. 5998–6008, 2017.")
    assert printed(text.get_element_by_id("b1")) == "A Book. pp. 12, 2001."


def test_a_note_type_written_with_an_underscore_is_said_in_words(tmp_path):
    shown = page(built(corpus(tmp_path / "c", {"article.xml": GROBID})), "article")
    (label,) = shown.find_class("note-type")
    assert label.text == "Raw reference note"


# ------------------------------------------------------------------ OpenEdition (TEI Commons)

OPENEDITION = f"""<TEI xmlns="{TEI_NS}" xml:lang="fr">
<teiHeader><fileDesc><titleStmt><title type="main">Les armes</title></titleStmt>
<publicationStmt><publisher>OpenEdition</publisher></publicationStmt><sourceDesc><p>Revue</p></sourceDesc></fileDesc></teiHeader>
<text><front>
<div type="abstract" xml:lang="fr"><p>Résumé en français.</p></div>
<div type="abstract" xml:lang="en"><p>An English abstract.</p></div>
<div type="ack"><p>Remerciements.</p></div>
</front><body>
<div type="section1"><head subtype="level1">Introduction</head>
<p>Un texte<note place="foot" n="1"><p>Premier.</p><p>Second.</p></note>.</p>
<q rend="quotation">Une longue citation en bloc.</q>
<p>Il dit <q>oui</q>.</p>
</div></body></text></TEI>
"""


def test_openedition_s_front_matter_is_named_in_the_contents(tmp_path):
    # The contents read "Abstract", "Abstract", "Ack".
    shown = page(built(corpus(tmp_path / "c", {"article.xml": OPENEDITION})), "article")
    assert [a.text for a in shown.find_class("toc")[0].iter("a")][:3] == [
        "Abstract", "Abstract (en)", "Acknowledgements"]


def test_a_quotation_between_paragraphs_is_a_block_quotation(tmp_path):
    # A q standing in the division was set as a phrase, run in with what follows it.
    text = page(built(corpus(tmp_path / "c", {"article.xml": OPENEDITION})), "article").get_element_by_id("text")
    block, phrase = text.find_class("q")
    assert (block.tag, block.getparent().tag, printed(block)) == ("blockquote", "section", "Une longue citation en bloc.")
    assert (phrase.tag, phrase.getparent().tag) == ("q", "p")


# ------------------------------------------------------------------ Project Gutenberg

GUTENBERG = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title>Poems</title></titleStmt><publicationStmt><publisher>Project Gutenberg</publisher></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><front><titlePage><docTitle><titlePart type="main">POEMS</titlePart></docTitle></titlePage><pb n="v"/></front>
<body><div type="chapter"><head>CHAPTER I.</head>
<milestone rend="stars" unit="tb"/>
<lg type="stanza"><l>First line,</l><l rend="indent">indented line,</l><l rend="indent2">more indented,</l><l rend="italic">not set in.</l></lg>
</div></body></text></TEI>
"""


def test_lines_the_print_set_in_keep_their_indent(tmp_path):
    # Every line was set flush: rend="indent" was not read.
    text = page(built(corpus(tmp_path / "c", {"poems.xml": GUTENBERG})), "poems").get_element_by_id("text")
    assert [line.get("class") for line in text.find_class("l")] == ["l", "l indent", "l indent2", "l"]
    css = (ROOT / "theme" / "static" / "edition.css").read_text()
    assert ".l.indent2 {" in css


IMPRINT = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title>Essays</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><front><titlePage><docTitle><titlePart>ESSAYS</titlePart></docTitle><docImprint><pubPlace>LONDON</pubPlace><publisher>MACMILLAN AND CO.</publisher><docDate>1890</docDate></docImprint></titlePage></front>
<body><p>As shown, <formula notation="TeX">E = mc^2</formula><label>(1)</label> holds.</p></body></text></TEI>
"""


def test_an_imprint_and_a_formula_s_number_keyed_with_nothing_between_read_apart(tmp_path):
    # "LONDONMACMILLAN AND CO.1890" on the title page, "E = mc^2(1)" in the text: one run of letters
    # for a reader, for search and for a screen reader.
    text = page(built(corpus(tmp_path / "c", {"essays.xml": IMPRINT})), "essays").get_element_by_id("text")
    assert printed(text.find_class("docImprint")[0]) == "LONDON MACMILLAN AND CO. 1890"
    assert "E = mc^2 (1) holds." in printed(text.find(".//p[@id]"))


KEYWORDS = f"""<TEI xmlns="{TEI_NS}" xml:lang="en"><teiHeader>
<fileDesc><titleStmt><title>An article</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>
<encodingDesc><classDecl><taxonomy xml:id="topics"><desc>Subjects</desc></taxonomy></classDecl></encodingDesc>
<profileDesc><textClass><keywords scheme="#topics"><term>civil war</term><term> Red  Army </term></keywords>
<keywords xml:lang="fr"><list><item>guerre</item><item>armée</item></list></keywords><keywords><term/></keywords></textClass></profileDesc>
</teiHeader><text><body><p>Text.</p></body></text></TEI>
"""


def test_the_keywords_a_header_classes_the_text_under_are_listed_about_it(tmp_path):
    # GROBID's and OpenEdition's keywords (terms, or a list's items in another language) were in
    # no page; a scheme of the file's own header is named by its taxonomy.
    about = page(built(corpus(tmp_path / "c", {"article.xml": KEYWORDS})), "article").find_class("metadata")[0]
    rows = [(dt.text_content(), dt.getnext().text_content(), dt.getnext().get("lang"))
            for dt in about.iter("dt") if dt.text_content().startswith("Keywords")]
    assert rows == [("Keywords (Subjects)", "civil war; Red Army", None), ("Keywords", "guerre; armée", "fr")]


def test_rights_stated_by_nothing_or_by_an_address_alone_are_said(tmp_path):
    # GROBID's empty licence gave "Rights (unknown)" over an empty description; a licence given
    # by its address alone, a link with no words.
    addressed = KEYWORDS.replace("<publicationStmt><p/></publicationStmt>", '<publicationStmt><availability>'
                                 '<licence target="https://creativecommons.org/licenses/by/4.0/"/></availability>'
                                 "</publicationStmt>")
    result = built(corpus(tmp_path / "c", {"grobid.xml": GROBID, "addressed.xml": addressed}))

    def rights(name):
        about = page(result, name).find_class("metadata")[0]
        return [(dt.text_content(), dt.getnext()) for dt in about.iter("dt") if dt.text_content().startswith("Rights")]
    [(term, description)] = rights("grobid")
    assert (term, description.text_content()) == ("Rights (unknown)", "not stated in the TEI")
    [(term, description)] = rights("addressed")
    link = description.find(".//a")
    assert (link.get("href"), link.text_content()) == ("https://creativecommons.org/licenses/by/4.0/",
                                                       "creativecommons.org/licenses/by/4.0/")


# ------------------------------------------------------------------ the W3C checker

def test_this_round_s_texts_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"article.xml": GROBID, "revue.xml": OPENEDITION, "poems.xml": GUTENBERG})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
