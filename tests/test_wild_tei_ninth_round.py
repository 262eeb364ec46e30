"""`build --corpus` on real TEI, ninth round: a genetic edition (the Faust-Edition's transcripts
of Goethe's manuscripts: a page's zones and lines in a sourceDoc, letters written over others in
its own f: namespace, a stroke through a mark), manuscript drafts with heavy revision (the Walt
Whitman Archive: a deletion that spans a whole poem, substitutions with illegible words), letters
(the Van Gogh Letters: their spelling of italic) and Hebrew cut into words and marks.

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page, tei
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ a genetic edition

FAUST_NS = 'xmlns:f="http://www.faustedition.net/ns" xmlns:ge="http://www.tei-c.org/ns/geneticEditions"'
TRANSCRIPT = (f'<TEI xmlns="{TEI_NS}" {FAUST_NS} xml:lang="de">' + HEADER.format(title="Faust II, 2 H", profile="")
              + """<sourceDoc><surface>
<zone type="main" xml:id="mainzone">
<line xml:id="la"><handShift new="#jo_t"/>Der darf auf Schand<handShift new="#sc_bl"/><mod rend="strikethrough">’</mod>
    <handShift new="#jo_t"/>und Frevel pochen,</line>
<line xml:id="lb">Wo Unschuld nur sich selber sch<f:overw>
        <f:under>u</f:under>
        <f:over>ü</f:over>
    </f:overw>tzt.</line>
<space dim="vertical" quantity="0.5" unit="lines"/>
<line xml:id="lc">Knospe, Bl<f:overw><f:under>ü</f:under><f:over>ä</f:over></f:overw>t<f:overw><f:under>en,</f:under><f:over>te</f:over></f:overw>r, Blume Frucht.</line>
<line xml:id="ld">Höhe zu schmücken <mod rend="strikethrough" hand="#g_bl">)</mod>
    <handShift new="#g_bl"/> und auszubieten)</line>
</zone></surface></sourceDoc></TEI>""")


def transcript(tmp_path):
    return page(built(corpus(tmp_path / "c", {"0035.xml": TRANSCRIPT})), "0035").get_element_by_id("text")


def test_letters_written_over_others_are_struck_and_overwritten_apart(tmp_path):
    # Faust-Edition: Bl<f:overw><f:under>ü</f:under><f:over>ä</f:over></f:overw>t… — the ü became
    # an ä; run together, the line read "Blüäten,ter".
    text = transcript(tmp_path)
    line = text.get_element_by_id("lc")
    assert [(o.xpath("string(del)"), o.xpath("string(ins)")) for o in line.find_class("overwrite")] == [
        ("ü", "ä"), ("en,", "te")]
    assert [d.get("class") for d in line.xpath(".//del")] == ["overwritten", "overwritten"]
    assert as_revised(line) == "Knospe, Blätter, Blume Frucht."
    # The whitespace the file lays the overwriting out with is no space in the word.
    assert as_revised(text.get_element_by_id("lb")) == "Wo Unschuld nur sich selber schützt."


def as_revised(element) -> str:
    """The words of a part of a page without what the writer struck out."""
    for struck in element.xpath(".//del"):
        struck.drop_tree()
    return printed(element)


def test_a_revision_that_strikes_a_mark_through_is_a_deletion(tmp_path):
    # Faust-Edition: <mod rend="strikethrough">’</mod>, the struck apostrophe alone in the revision.
    text = transcript(tmp_path)
    struck = [(d.get("class"), d.text) for d in text.xpath(".//del[@class = 'mod']")]
    assert struck == [("mod", "’"), ("mod", ")")]
    assert printed(text.get_element_by_id("ld")) == "Höhe zu schmücken ) und auszubieten)"


# ------------------------------------------------------------------ drafts with heavy revision

DRAFT = tei("""<body><pb xml:id="leaf001r" type="recto"/>
<lg type="poem">
  <delSpan rend="hashmark" spanTo="#d1"/>
  <l xml:id="l01"><subst><del rend="overstrike" seq="1">Great are you,</del>
      <add place="supralinear" rend="unmarked" seq="2">You</add></subst> lusty and youth!
    <lb/>you are great</l>
  <l>Your Middle age<subst>
      <del rend="overstrike" seq="1"><unclear reason="illegible" cert="medium">comes</unclear></del>
      <add place="supralinear" rend="unmarked" seq="2">shall be great</add></subst> with amplitude
    <lb/>and <del rend="overstrike"><gap reason="illegible" extent="about three letters"/></del> steadiness</l>
  <anchor xml:id="d1"/>
</lg>
<p>Not struck.<addSpan spanTo="#a1"/> Written in later.<anchor xml:id="a1"/></p>
<pb xml:id="leaf001v" type="verso"/></body>""", title="You lusty and graceflu youth")


def test_a_deletion_spanning_a_poem_is_marked_where_it_begins_and_ends(tmp_path):
    # Whitman Archive: <delSpan rend="hashmark" spanTo="#d1"/> … <anchor xml:id="d1"/> cancels the
    # whole draft; its words are kept between the marks, each mark saying what it is.
    text = page(built(corpus(tmp_path / "c", {"duk.00032.xml": DRAFT})), "duk.00032").get_element_by_id("text")
    (poem,) = text.find_class("lg")
    (start,) = poem.find_class("span-start")
    (end,) = poem.find_class("span-end")
    assert (start.text, start.get("aria-label")) == ("⟦", "struck out from here (hashmark) to ⟧")
    assert (end.text, end.get("aria-label")) == ("⟧", "end of what is struck out")
    assert printed(poem).startswith("⟦ Great are you, You lusty and youth!") and printed(poem).endswith("steadiness ⟧")
    assert end.getprevious().get("id") == "d1"
    # An addition spanning words is marked alike.
    paragraph = text.xpath(".//p[contains(., 'Not struck')]")[0]
    assert printed(paragraph) == "Not struck.\\ Written in later./"
    assert [m.get("class") for m in paragraph.xpath(".//span[@role = 'note']")] == [
        "addSpan span-start", "addSpan span-end"]


# ------------------------------------------------------------------ letters

LETTER = tei("""<body><div type="original" xml:lang="nl">
<lb n="15" xml:id="l-15"/>
<ab rend="indent">Wat vreesselijk weer, je zult <lb n="16" xml:id="l-16"/>het wel <hi rend="ital">benauwd</hi> hebben.</ab>
</div></body>""", title="To Theo van Gogh. The Hague, 29 September 1872")


def test_the_van_gogh_letters_spelling_of_italic_is_italic(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"let001.xml": LETTER})), "let001").get_element_by_id("text")
    assert [(i.tag, i.get("class"), i.text) for i in text.xpath(".//i")] == [("i", "hi italic", "benauwd")]


# ------------------------------------------------------------------ Hebrew cut into words

GENESIS = tei("""<body><div type="chapter" n="1"><head>בראשית א</head>
<p><w lemma="ראשית">בְּרֵאשִׁית</w> <w>בָּרָא</w> <w>אֱלֹהִים</w> <w>אֵת</w> <w>הַשָּׁמַיִם</w> <w>וְאֵת</w> <w>הָאָרֶץ</w><pc>׃</pc></p>
<p><w>כָּל</w><pc>־</pc><w>עֵשֶׂב</w>
<pc>־</pc>
<w>הַשָּׂדֶה</w> <w>טֶרֶם</w> <w>יִצְמָח</w><pc>׃</pc></p>
</div></body>""", title="בראשית", lang="he")


def test_hebrew_marks_join_the_words_they_close_and_bind(tmp_path):
    # A verse ends with the sof pasuq against its last word; a maqaf binds two words into one
    # phrase with no space either side, however the file lays the tokens out.
    text = page(built(corpus(tmp_path / "c", {"genesis.xml": GENESIS})), "genesis").get_element_by_id("text")
    assert text.get("dir") == "rtl"
    assert [printed(p) for p in text.xpath(".//p")] == [
        "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם וְאֵת הָאָרֶץ׃", "כָּל־עֵשֶׂב־הַשָּׂדֶה טֶרֶם יִצְמָח׃"]


def test_an_arabic_comma_and_question_mark_close_the_word_before_them(tmp_path):
    body = "<body><p><w>قال</w> <pc>،</pc> <w>لماذا</w> <pc>؟</pc></p></body>"
    text = page(built(corpus(tmp_path / "c", {"q.xml": tei(body, lang="ar")})), "q").get_element_by_id("text")
    assert printed(text.xpath(".//p")[0]) == "قال، لماذا؟"


# ------------------------------------------------------------------ as the W3C checker reads them

def test_a_transcript_a_draft_a_letter_and_hebrew_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"0035.xml": TRANSCRIPT, "duk.00032.xml": DRAFT, "let001.xml": LETTER,
                                     "genesis.xml": GENESIS})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
