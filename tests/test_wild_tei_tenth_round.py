"""`build --corpus` on real TEI, tenth round: a newspaper set in columns (the Egyptian Gazette,
dig-eg-gaz/content: column breaks, subheadings, a table with two headings), a manuscript draft
written by two hands and damaged by water (a hand's change, a stretch a damageSpan marks), a
classical Chinese and a Japanese text cut into words, and the Van Gogh Letters' blank lines.

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page, tei
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ a newspaper

GAZETTE = tei("""<body><pb n="1"/>
<div type="page" n="1">
<cb n="1"/>
<div type="item"><head>THE WAR</head><head type="sub">(From our own correspondent.)</head>
<p>Port Arthur is said to hold out.</p>
<table cols="3"><head>OTHER STATIONS.</head><head type="sub">For the 24 hours ending 8 a.m. Yesterday</head>
<row><cell>Suez</cell><cell>26</cell><cell>11</cell></row></table>
</div>
<cb n="2"/>
<div type="item"><head>LOCAL NEWS</head><p>The Khedive <cb n="3"/>returned to Cairo.</p></div>
<div type="item"><head>SHIPPING</head><p>Arrivals.<cb/> Departures.</p></div>
</div></body>""", title="The Egyptian Gazette, 15 November 1904")


def gazette(tmp_path):
    return page(built(corpus(tmp_path / "c", {"1904-11-15.xml": GAZETTE})), "1904-11-15").get_element_by_id("text")


def test_a_column_break_is_marked_where_it_stands_with_its_number(tmp_path):
    # The Gazette's pages are set in six columns, each begun by <cb n="…"/>: dropped, the reader
    # could not find an article on the printed page; the mark stands where the page turns to
    # the next column, between articles or inside a sentence, as a page break's does.
    text = gazette(tmp_path)
    marks = text.find_class("cb")
    assert [(m.get("aria-label"), m.text_content()) for m in marks] == [
        ("column 1", "col. 1"), ("column 2", "col. 2"), ("column 3", "col. 3"), ("column break", "‖")]
    assert [m.getparent().tag for m in marks] == ["section", "section", "p", "p"]
    assert all(m.xpath("string(a/@href)") == f"#{m.get('id')}" for m in marks[:3])
    assert printed(text.xpath(".//p[contains(., 'Khedive')]")[0]) == "The Khedive col. 3returned to Cairo."


def test_a_subheading_is_under_its_heading_not_a_second_heading(tmp_path):
    # <head>THE WAR</head><head type="sub">(From our own correspondent.)</head>: one heading and
    # its subheading in an hgroup, not two headings of the same rank.
    text = gazette(tmp_path)
    (group,) = text.xpath(".//hgroup")
    assert [(child.tag, child.get("class"), child.text) for child in group] == [
        ("h2", None, "THE WAR"), ("p", "subheading", "(From our own correspondent.)")]
    assert [h.text for h in text.xpath(".//h2")] == ["THE WAR", "LOCAL NEWS", "SHIPPING"]


def test_a_tables_second_heading_is_a_line_of_its_caption(tmp_path):
    # Run together, the caption read "OTHER STATIONS.For the 24 hours …".
    (caption,) = gazette(tmp_path).xpath(".//caption")
    assert caption.text == "OTHER STATIONS."
    assert [(child.tag, child.get("class"), child.text) for child in caption] == [
        ("br", None, None), ("span", "subheading", "For the 24 hours ending 8 a.m. Yesterday")]


# ------------------------------------------------------------------ a manuscript's hands and damage

DRAFT_HEADER = HEADER.replace("<sourceDesc><p>t</p></sourceDesc>", """<sourceDesc><msDesc>
<msIdentifier><idno>MS. Shelley adds. e. 12</idno></msIdentifier>
<physDesc><handDesc><handNote xml:id="pbs"><persName>Percy Shelley</persName></handNote>
<handNote xml:id="mws" scribe="Mary Shelley" medium="brown ink">Mary Shelley's fair-copy hand</handNote></handDesc></physDesc>
</msDesc></sourceDesc>""")
DRAFT = (f'<TEI xmlns="{TEI_NS}" xml:lang="en">' + DRAFT_HEADER.format(title="To a Skylark", profile="")
         + """<text><body><lg>
<l n="1">Hail to thee, <handShift new="#mws"/>blithe Spirit!</l>
<l n="2"><handShift new="#pbs" medium="pencil"/>Bird thou never wert,</l>
<l n="3">That from Heaven<damageSpan agent="water" spanTo="#dmg1"/>, or near it,</l>
<l n="4">Pourest thy full heart<anchor xml:id="dmg1"/></l>
<l n="5"><handShift new="m2"/>In profuse strains of unpremeditated art.</l>
</lg></body></text></TEI>""")


def draft(tmp_path):
    return page(built(corpus(tmp_path / "c", {"skylark.xml": DRAFT})), "skylark").get_element_by_id("text")


def test_a_change_of_hand_is_marked_with_the_hand_the_header_describes(tmp_path):
    # Manuscript drafts (Shelley's, the Faust-Edition's, the papyri's $m2) record where another
    # hand takes over with <handShift new="#…"/>; the header's handNote says whose it is. The
    # marker's words come from the style sheet: the line's own words stay as written.
    text = draft(tmp_path)
    shifts = text.find_class("handShift")
    assert [(s.get("data-hand"), s.get("aria-label")) for s in shifts] == [
        ("Mary Shelley", "the hand changes: Mary Shelley's fair-copy hand, in brown ink"),
        ("Percy Shelley", "the hand changes: Percy Shelley, in pencil"),
        ("m2", "the hand changes: m2")]
    assert all(s.get("role") == "note" and s.get("title") == s.get("aria-label") for s in shifts)
    assert printed(text.xpath(".//*[@class = 'l'][1]")[0]) == "Hail to thee, blithe Spirit!"
    assert '.handShift::before { content: "✎\\00a0" attr(data-hand) / ""' in (
        ROOT / "theme" / "static" / "edition.css").read_text()


def test_a_damaged_stretch_is_marked_where_it_begins_and_ends(tmp_path):
    # <damageSpan agent="water" spanTo="#dmg1"/> … <anchor xml:id="dmg1"/>: the damage runs
    # across a line's end; its words are kept between the marks, each mark saying what it is.
    text = draft(tmp_path)
    (start,) = text.find_class("span-start")
    (end,) = text.find_class("span-end")
    assert (start.get("class"), start.text, start.get("aria-label")) == (
        "damageSpan span-start", "⸢", "damaged from here (water) to ⸣")
    assert (end.get("class"), end.text, end.get("aria-label")) == (
        "damageSpan span-end", "⸣", "end of what is damaged")
    assert end.getprevious().get("id") == "dmg1"


# ------------------------------------------------------------------ Chinese and Japanese cut into words

ANALECTS = tei("""<body><div type="chapter" n="1"><head>學而</head>
<p><s><w>子</w><w>曰</w><pc>：</pc><w>學</w>
<w>而</w>
<w>時</w> <w>習</w> <w>之</w><pc>，</pc><w>不</w><w>亦</w><w>說</w><w>乎</w><pc>？</pc></s></p>
<p xml:lang="ja"><w>吾輩</w> <w>は</w> <w>猫</w> <w>で</w> <w>ある</w><pc>。</pc></p>
<p xml:lang="ja"><w>東京</w><w>の</w> <w>Tokyo</w> <w>Station</w></p>
<p xml:lang="ko"><w>나는</w> <w>고양이</w><w>이다</w></p>
</div></body>""", title="論語", lang="lzh")


def test_chinese_and_japanese_words_join_without_spaces_as_the_script_is_written(tmp_path):
    # A classical Chinese text tokenised for its lemmas (<w>子</w><w>曰</w>…, one token a line or
    # a space between) read "子 曰 ： 學 而 時 習 之": Han script and kana set no space between
    # words. A Latin word beside them, and Korean, which spaces its words, keep theirs.
    text = page(built(corpus(tmp_path / "c", {"lunyu.xml": ANALECTS})), "lunyu").get_element_by_id("text")
    assert [printed(p) for p in text.xpath(".//p")] == [
        "子曰：學而時習之，不亦說乎？", "吾輩は猫である。", "東京の Tokyo Station", "나는 고양이 이다"]


# ------------------------------------------------------------------ letters

LETTER = (f'<TEI xmlns="{TEI_NS}" xmlns:vg="http://www.vangoghletters.org/ns/" xml:lang="en">'
          + HEADER.format(title="To Theo van Gogh. The Hague, 29 September 1872", profile="")
          + """<text><body><div type="original" xml:lang="nl">
<lb n="1" xml:id="l-1"/>
<ab><supplied>Den Haag, 29 september 187</supplied>2.</ab>
<vg:whiteline/>
<lb n="2" xml:id="l-2"/>
<ab><supplied>Waarde</supplied> Theo,</ab>
<ab>Groeten van de familie. <lb n="26" xml:id="l-26"/>Steeds<vg:whiteline/></ab>
<ab>je liefh.</ab>
</div></body></text></TEI>""")


def test_a_blank_line_of_the_van_gogh_letters_is_a_gap(tmp_path):
    # vg:whiteline, the line the writer left blank after the date and before the closing,
    # rendered nothing: the letter's blocks ran together.
    text = page(built(corpus(tmp_path / "c", {"let001.xml": LETTER})), "let001").get_element_by_id("text")
    blanks = text.find_class("whiteline")
    assert [(b.getparent().tag, b.get("aria-hidden"), b.text_content()) for b in blanks] == [
        ("section", "true", ""), ("p", "true", "")]
    # The line break between the blank line and the next block opens no line of its own.
    assert blanks[0].getnext().tag == "p"
    assert ".whiteline { display: block; height: 1.6em; }" in (ROOT / "theme" / "static" / "edition.css").read_text()


# ------------------------------------------------------------------ as the W3C checker reads them

def test_a_newspaper_a_draft_chinese_and_a_letter_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"1904-11-15.xml": GAZETTE, "skylark.xml": DRAFT, "lunyu.xml": ANALECTS,
                                     "let001.xml": LETTER})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
