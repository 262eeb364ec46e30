"""`build --corpus` on real TEI, sixteenth round: vendors' keying (TEI Tite's b, i, ul, sub, sup,
smcap and ornament; TEI Simple Print's @rendition on blocks, "simple:italic" or a rendition of
the header written in CSS), scripture cut into books, chapters and verses, formulas (MathML and
TeX), statutes numbered clause within clause with the editor's statements of certainty among
them, and a letter edition's register whose excerpts run through a typed seg.

Each snippet is written here to reproduce one phenomenon met in such projects' files."""

from __future__ import annotations

from lxml import html
from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

MATHML = "http://www.w3.org/1998/Math/MathML"

# ------------------------------------------------------------------ TEI Tite and TEI Simple Print

# A vendor's keying in TEI Tite: typography by elements of its own, a printer's flower between
# paragraphs and within one.
TITE = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="A treatise", profile="")}
<text><body><div>
<p>Set <b>bold</b>, <i>italic</i>, <ul>underlined</ul>, H<sub>2</sub>O, 10<sup>th</sup>, <smcap>Small Capitals</smcap>.</p>
<ornament/>
<p>Between <ornament type="fleuron"/> flowers.</p>
</div></body></text></TEI>
"""


def test_tite_s_typography_is_shown_as_the_print_set_it(tmp_path):
    # The words were kept but their look lost: "bold, italic, H2O, 10th" in plain type, the
    # ornaments not there at all.
    text = page(built(corpus(tmp_path / "c", {"tite.xml": TITE})), "tite").get_element_by_id("text")
    first = text.find(".//p")
    assert printed(first) == "Set bold, italic, underlined, H2O, 10th, Small Capitals."
    assert [(e.tag, e.get("class")) for e in first] == [
        ("b", "hi bold"), ("i", "hi italic"), ("span", "hi underline"), ("sub", "hi subscript"),
        ("sup", "hi superscript"), ("span", "hi smallcaps")]
    between, inside = text.find_class("ornament")
    assert (between.tag, between.getparent().tag) == ("div", "section")
    assert [(mark.text, mark.get("aria-label")) for mark in text.xpath(".//*[@role = 'img']")] == [
        ("❦", "ornament"), ("❦", "ornament (fleuron)")]
    assert inside.tag == "span" and inside.getparent().tag == "p"


# TEI Simple Print's renditions on blocks: its own names and a rendition of the header in CSS.
SIMPLE = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title>Simple</title></titleStmt><publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>
<encodingDesc><tagsDecl><rendition xml:id="bold-red" scheme="css">font-weight: bold; color: red;</rendition></tagsDecl></encodingDesc></teiHeader>
<text><body><div>
<head rendition="simple:centre">The Argument</head>
<p rendition="simple:italic">An italic paragraph.</p>
<p rendition="#bold-red">A paragraph in bold.</p>
<p>Words <hi rendition="simple:letterspace">spaced</hi>, <hi rendition="simple:smallcaps">small</hi>.</p>
<p rendition="simple:superscript">A whole paragraph is not raised.</p>
</div></body></text></TEI>
"""


def test_a_block_s_rendition_gives_it_its_look(tmp_path):
    # Only a hi took its @rendition: the centred heading, the italic and the bold paragraphs were set
    # plain, and "simple:letterspace" was a class of no look.
    text = page(built(corpus(tmp_path / "c", {"simple.xml": SIMPLE})), "simple").get_element_by_id("text")
    assert text.find(".//h2").get("class") == "align-center"
    italic, bold, words, raised = text.findall(".//p")
    assert (italic.get("class"), bold.get("class")) == ("hi italic", "hi bold")
    assert [hi.get("class") for hi in words.find_class("hi")] == ["hi letterspaced", "hi smallcaps"]
    assert raised.get("class") is None and printed(raised) == "A whole paragraph is not raised."


# ------------------------------------------------------------------ scripture

# Verses as blocks of a chapter, as segments of a paragraph, and begun by milestones.
BIBLE = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="Biblia", profile="")}
<text><body>
<div type="book" n="Gen"><head>Genesis</head>
<div type="chapter" n="1"><ab n="1">In the beginning.</ab><ab n="2">And the earth.</ab></div>
<div type="chapter" n="2"><p><seg type="verse" n="1">Thus the heavens.</seg> <seg type="verse" n="2">And on the seventh day.</seg></p></div>
<div type="chapter" n="3"><p><milestone unit="verse" n="1"/>Now the serpent. <milestone unit="verse" n="2"/>And the woman said.</p></div>
</div>
<div type="book" n="Exod"><div type="chapter" n="1"><ab type="verse" n="1" xml:id="Exod-1-1">Now these are the names.</ab></div></div>
</body></text></TEI>
"""


def test_each_verse_shows_its_number_and_is_an_address_of_its_own(tmp_path):
    # The numbers of verses written as ab and seg were dropped; a milestone's number was shown but
    # nothing could be linked to.
    text = page(built(corpus(tmp_path / "c", {"bible.xml": BIBLE})), "bible").get_element_by_id("text")
    verses = text.find_class("verse-ref")
    assert [(v.text, v.get("href"), v.get("title")) for v in verses] == [
        ("1", "#ref-Gen.1.1", "Gen.1.1"), ("2", "#ref-Gen.1.2", "Gen.1.2"),
        ("1", "#ref-Gen.2.1", "Verse Gen.2.1"), ("2", "#ref-Gen.2.2", "Verse Gen.2.2"),
        ("1", "#ref-Gen.3.1", "verse Gen.3.1"), ("2", "#ref-Gen.3.2", "verse Gen.3.2"),
        ("1", "#Exod-1-1", "Verse Exod.1.1")]
    # each link leads to its verse: the block, the segment, or the milestone's number itself
    for verse in verses:
        target = text.get_element_by_id(verse.get("href")[1:])
        assert verse in target.iter()
    assert printed(text.get_element_by_id("ref-Gen.1.2")) == "2 And the earth."
    assert printed(text.get_element_by_id("ref-Gen.2.1")) == "1 Thus the heavens."
    assert printed(text.xpath(".//section[@id = 'ref-Gen.3']/p[2]")[0]) == "1 Now the serpent. 2 And the woman said."


def test_an_ab_numbered_outside_a_cited_division_is_no_verse(tmp_path):
    # An inscription's numbered block in its edition division, a paragraph's numbered seg of no type.
    body = (f'<TEI xmlns="{TEI_NS}">{HEADER.format(title="Stone", profile="")}<text><body>'
            '<div type="edition"><ab n="a">Dis Manibus</ab></div><div><p><seg n="3">a phrase</seg></p></div></body></text></TEI>')
    text = page(built(corpus(tmp_path / "c", {"stone.xml": body})), "stone").get_element_by_id("text")
    assert text.find_class("verse-ref") == []
    assert [printed(block) for block in text.iter("p")] == ["Dis Manibus", "a phrase"]


# ------------------------------------------------------------------ formulas

FORMULAS = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="Formulas", profile="")}
<text><body><div>
<p>Energy: <formula notation="TeX">E = mc^2</formula>.</p>
<p>Inline: <formula notation="MathML"><math xmlns="{MATHML}"><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></math></formula>.</p>
<formula notation="TeX">\\int_0^1 x\\,dx = \\frac{{1}}{{2}}</formula>
<formula><m:math xmlns:m="{MATHML}"><m:mfrac><m:mi>a</m:mi><m:mi>b</m:mi></m:mfrac></m:math></formula>
<p><formula>a + b</formula></p>
</div></body></text></TEI>
"""


def test_mathml_is_html_s_math_and_tex_is_shown_as_code(tmp_path):
    # MathML's elements were dropped for their text ("x2+1", "ab" for a fraction); TeX between
    # paragraphs stood loose in the section.
    text = page(built(corpus(tmp_path / "c", {"formulas.xml": FORMULAS})), "formulas").get_element_by_id("text")
    tex, inline, display, fraction, written = text.find_class("formula")
    assert (tex.tag, tex.getparent().tag) == ("span", "p")
    assert [(c.tag, c.get("title"), c.text) for c in tex] == [("code", "TeX", "E = mc^2")]
    (math,) = inline
    assert math.tag == "math" and [e.tag for e in math.iter()] == ["math", "msup", "mi", "mn", "mo", "mn"]
    assert (display.tag, display.getparent().tag, display.findtext("code")) == ("div", "section", "\\int_0^1 x\\,dx = \\frac{1}{2}")
    # a formula between paragraphs is a block of math; a prefix is no part of an element's name in HTML
    (math,) = fraction
    assert (fraction.tag, math.get("display"), [e.tag for e in math.iter()]) == ("div", "block", ["math", "mfrac", "mi", "mi"])
    assert printed(written) == "a + b"


# ------------------------------------------------------------------ statutes

STATUTE = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="An Act", profile="")}
<text><body>
<div type="clause" n="1"><head>Definitions</head><p>In this Act:</p>
<div type="clause" n="1.1"><p>"person" means <app><lem wit="#A">a natural</lem><rdg wit="#B">any</rdg></app> person.</p>
<certainty locus="value" cert="low" target="#c12"/><precision match="@when" precision="low"/></div>
<div type="clause" n="1.2"><p xml:id="c12">Second.<certainty cert="medium" locus="name"><desc>doubtful</desc></certainty></p>
<respons locus="value" resp="#ed"><desc>supplied by the editor</desc></respons></div>
</div>
<div type="clause" n="2"><p>Commencement.</p></div>
</body></text></TEI>
"""


def test_a_statute_s_clauses_show_their_numbers_and_the_editor_s_statements_are_no_words_of_it(tmp_path):
    # The clauses' numbers were not shown, and "doubtful", "supplied by the editor" read as
    # words of the Act.
    shown = page(built(corpus(tmp_path / "c", {"act.xml": STATUTE})), "act")
    text = shown.get_element_by_id("text")
    # the contents name a clause without a heading by its number, as the page does ("Clause" it was)
    assert [a.text for a in shown.find_class("toc")[0].iter("a")] == ["Definitions", "Clause 2"]
    numbers = text.find_class("div-ref")
    # a clause numbered "1.2" in clause 1 is 1.2, not 1.1.2
    assert [(n.text, n.get("href"), n.get("title")) for n in numbers] == [
        ("1.1", "#ref-1.1", "Clause 1.1"), ("1.2", "#ref-1.2", "Clause 1.2"), ("2", "#ref-2", "Clause 2")]
    assert printed(text.get_element_by_id("ref-1.2")) == "1.2 Second."
    assert "doubtful" not in printed(text) and "supplied by the editor" not in printed(text)
    assert printed(text.get_element_by_id("ref-1.1")) == '1.1 "person" means a natural° person.'


# ------------------------------------------------------------------ a letter edition's register

LETTER = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">{HEADER.format(title="Brief", profile="")}
<text><body><div type="writingSession">
<p>Ich habe <persName ref="#goethe"><choice><abbr>Hrn. v. G.</abbr><expan>Herrn von Goethe</expan></choice></persName> <choice><sic>gesehn</sic><corr>gesehen</corr></choice>.<note place="margin">am Rande</note></p>
<p><seg type="comment"><placeName ref="#jena"><choice><abbr>J.</abbr><expan>Jena</expan></choice></placeName></seg> ist schön.</p>
<p><seg rend="left"><placeName ref="#jena">Jena</placeName></seg><seg rend="right">2. Jan.</seg></p>
</div></body></text></TEI>
"""
REGISTER = f"""<TEI xmlns="{TEI_NS}">{HEADER.format(title="Register", profile="")}<text><body>
<listPerson><person xml:id="goethe"><persName>Goethe</persName></person></listPerson>
<listPlace><place xml:id="jena"><placeName>Jena</placeName></place></listPlace></body></text></TEI>
"""


def test_a_register_s_excerpt_reads_the_expanded_reading_and_runs_through_a_typed_seg(tmp_path):
    # The excerpt of a name in a seg type="comment" was the name alone ("Jena"): the seg was taken
    # for a passage of its own. An untyped seg (a letterhead's left half) still is one.
    result = built(corpus(tmp_path / "c", {"brief.xml": LETTER, "register.xml": REGISTER}))
    excerpts = lambda entry: [printed(li) for li in html.fromstring(result.files[entry]).find_class("mentions")[0].iter("li")]  # noqa: E731
    assert excerpts("persons/goethe.html") == ["Ich habe Herrn von Goethe gesehen."]
    assert excerpts("places/jena.html") == ["Jena ist schön.", "Jena"]


# ------------------------------------------------------------------ the W3C checker

def test_this_round_s_texts_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    (tmp_path / "c" / "notes").mkdir(parents=True)
    folder = corpus(tmp_path / "c", {"tite.xml": TITE, "simple.xml": SIMPLE, "bible.xml": BIBLE,
                                     "formulas.xml": FORMULAS, "act.xml": STATUTE, "brief.xml": LETTER,
                                     "register.xml": REGISTER})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []


# ------------------------------------------------------------------ references from text to text

def linking(title: str, body: str) -> str:
    return (f'<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title=title, profile="")}'
            f"<text><body>{body}</body></text></TEI>")


def test_a_reference_to_another_file_of_the_corpus_links_to_that_texts_page(tmp_path):
    # A commentary pointing into its scripture by file and verse (SARIT's, a statute's cross-
    # references, a letter's "see my letter of…"): the words were shown but led nowhere, and a
    # bare <ptr> to another file was not there at all.
    (tmp_path / "c" / "notes").mkdir(parents=True)
    folder = corpus(tmp_path / "c", {
        "genesis.xml": linking("Genesis", '<div><ab xml:id="v2" n="2">And the earth was without form.</ab></div>'),
        "notes/commentary.xml": linking("A commentary", '<div><p>On <ref target="../genesis.xml#v2">the second '
                                        'verse</ref>, see also <ptr target="gloss.xml"/> and '
                                        '<ref target="missing.xml">a lost book</ref>.</p></div>'),
        "notes/gloss.xml": linking("A gloss", "<div><p>Form: shape.</p></div>")})
    result = built(folder)
    text = page(result, "commentary").get_element_by_id("text")
    links = {a.text_content(): a.get("href") for a in text.iter("a")}
    assert links["the second verse"] == "../texts/genesis.html#v2"
    assert links["A gloss"] == "../texts/gloss.html"
    # What is not in the corpus stays the words it was, with no link to nowhere.
    assert "a lost book" not in links and "a lost book" in text.text_content()
    assert page(result, "genesis").get_element_by_id("v2") is not None
