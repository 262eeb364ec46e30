"""`build --corpus` on real TEI, thirteenth round: what handwriting and OCR tools export.
Transkribus's TEI export (page2tei: a facsimile per page whose zones carry the regions' and
lines' coordinates, lb/@facs per line, text styles as "underline:true;"), eScriptorium's (the
lines' words within the facsimile's zones too), FromThePage's (a title made of titles, page
images as URLs on pb, its users' notes) and the DTA's line-final hyphens and <lb break="no"/>.

Each snippet is written here to reproduce one phenomenon met in those tools' exports."""

from __future__ import annotations

from test_corpus_images import image_bytes
from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ Transkribus

# As Transkribus's TEI export writes a letter of two pages: a <facsimile> per page, whose xml:id
# the page break points to, the image a file beside the TEI for the first and on Transkribus's
# server for the second; regions (p, ab) and lines (lb) point to the zones.
TRANSKRIBUS = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">{HEADER.format(title="Brief an die Mutter", profile="")}
<facsimile xml:id="facs_1">
  <surface ulx="0" uly="0" lrx="2480" lry="3508">
    <graphic url="0001.png" width="2480px" height="3508px"/>
    <zone points="100,100 2000,100 2000,600 100,600" rendition="TextRegion" subtype="paragraph" xml:id="facs_1_r1">
      <zone points="100,100 2000,100 2000,200 100,200" rendition="Line" xml:id="facs_1_r1l1"/>
      <zone points="100,200 2000,200 2000,300 100,300" rendition="Line" xml:id="facs_1_r1l2"/>
      <zone points="100,300 2000,300 2000,400 100,400" rendition="Line" xml:id="facs_1_r1l3"/>
    </zone>
  </surface>
</facsimile>
<facsimile xml:id="facs_2">
  <surface ulx="0" uly="0" lrx="2480" lry="3508">
    <graphic url="https://files.transkribus.eu/Get?id=ABCDEF" width="2480px" height="3508px"/>
    <zone ulx="100" uly="100" lrx="2000" lry="600" rendition="TextRegion" xml:id="facs_2_r1">
      <zone ulx="100" uly="100" lrx="2000" lry="200" rendition="Line" xml:id="facs_2_r1l1"/>
    </zone>
  </surface>
</facsimile>
<text><body>
<pb facs="#facs_1" n="1"/>
<p facs="#facs_1_r1">
<lb facs="#facs_1_r1l1" n="N001"/>Liebe <persName>Mutter</persName>, ich schreibe <hi rend="underlined:true;">heute</hi> aus Nach-
<lb facs="#facs_1_r1l2" n="N002"/>richt von <unclear>Anna</unclear> <gap/> <choice><abbr>Hr.</abbr><expan>Herrn</expan></choice> Fra
<lb facs="#facs_1_r1l3" n="N003" break="no"/>ge <hi rend="bold:false;italic:true;">wegen</hi>.
</p>
<pb facs="#facs_2" n="2"/>
<ab facs="#facs_2_r1">
<lb facs="#facs_2_r1l1" n="N001"/>Dein <hi rend="superscript:true;">Sohn</hi> <placeName>Graz</placeName>
</ab>
</body></text></TEI>
"""


def transkribus(tmp_path):
    return built(corpus(tmp_path / "c", {"letter.xml": TRANSKRIBUS, "0001.png": image_bytes((800, 1200))}))


def test_a_transkribus_page_break_shows_the_image_of_the_facsimile_it_points_to(tmp_path):
    # Transkribus's pb facs="#facs_1" names the facsimile element, not its surface: the image was
    # not shown beside its page but listed apart as a facsimile nothing points to.
    letter = page(transkribus(tmp_path), "letter")
    text = letter.get_element_by_id("text")
    assert text.xpath(".//img[@class = 'facs-image']/@src") == ["../facsimiles/0001.png"]
    assert text.xpath(".//a[@class = 'facs'][not(img)]/@href") == ["https://files.transkribus.eu/Get?id=ABCDEF"]
    assert not text.find_class("facs-ref")
    assert not letter.find_class("facsimiles")  # each image is its page's, none listed apart


def test_facsimiles_of_pages_nothing_points_to_are_listed_once_whatever_holds_them(tmp_path):
    # The same export with its page breaks' pointers left out: two facsimile elements gave two
    # "Facsimiles" rows in the text's description.
    unpointed = TRANSKRIBUS.replace(' facs="#facs_1" n="1"', ' n="1"').replace(' facs="#facs_2" n="2"', ' n="2"')
    letter = page(built(corpus(tmp_path / "c", {"letter.xml": unpointed, "0001.png": image_bytes((8, 12))})), "letter")
    about = letter.get_element_by_id("about-text")
    assert [dt.text for dt in about.xpath(".//dt")].count("Facsimiles") == 1
    assert about.xpath(".//ol[@class = 'facsimiles']/li/a/@href") == [
        "../facsimiles/0001.png", "https://files.transkribus.eu/Get?id=ABCDEF"]


def test_a_transkribus_transcription_reads_line_by_line_and_its_zones_are_not_text(tmp_path):
    text = page(transkribus(tmp_path), "letter").get_element_by_id("text")
    first, second = text.xpath(".//p")
    # a break within a word joins its halves, a hyphen the transcription gives is kept, the region's
    # first line begins it without a break before
    for original in first.find_class("original") + first.find_class("app-ref"):
        original.drop_tree()  # the diplomatic view's abbreviation, shown instead of its expansion
    assert printed(first) == "Liebe Mutter, ich schreibe heute aus Nach- richt von Anna […] Herrn Frage wegen."
    assert first.xpath("count(.//br)") == 2 and first.xpath("name(*[1])") != "br"
    assert printed(second) == "Dein Sohn Graz"
    assert "100,100" not in text.text_content()


def test_a_region_transkribus_found_no_words_in_is_no_empty_paragraph(tmp_path):
    regions = TRANSKRIBUS.replace('<pb facs="#facs_2" n="2"/>', '<p facs="#facs_1_r2"><lb facs="#facs_1_r2l1" n="N001"/></p>\n'
                                  '<ab facs="#facs_1_r3">\n<lb facs="#facs_1_r3l1"/>\n</ab><pb facs="#facs_2" n="2"/>')
    text = page(built(corpus(tmp_path / "c", {"letter.xml": regions})), "letter").get_element_by_id("text")
    assert [printed(p)[:10] for p in text.xpath(".//p")] == ["Liebe Mutt", "Dein Sohn "]


def test_transkribus_text_styles_are_the_highlighting_they_switch_on(tmp_path):
    # "underlined:true;" was read as the class "true"; a style set false is none.
    text = page(transkribus(tmp_path), "letter").get_element_by_id("text")
    assert [(h.tag, h.get("class"), h.text) for h in text.find_class("hi")] == [
        ("span", "hi underline", "heute"), ("i", "hi italic", "wegen"), ("sup", "hi superscript", "Sohn")]


def test_a_name_the_tool_tagged_without_an_entry_stays_a_plain_name(tmp_path):
    text = page(transkribus(tmp_path), "letter").get_element_by_id("text")
    names = text.find_class("name")
    assert [(n.tag, n.text) for n in names] == [("span", "Mutter"), ("span", "Graz")]
    assert not text.xpath(".//a[contains(@class, 'name')]")


def test_a_gap_counted_in_units_named_in_the_plural_is_said_once_in_the_plural(tmp_path):
    # Transkribus writes <gap reason="illegible" unit="chars" quantity="3"/>: "3 charss".
    gaps = ('<p>a <gap reason="illegible" unit="chars" quantity="3"/> b <gap unit="words" quantity="1"/> c '
            '<gap unit="leaves" quantity="2"/> d <gap unit="lines" extent="unknown"/></p>')
    letter = f'<TEI xmlns="{TEI_NS}">{HEADER.format(title="Gaps", profile="")}<text><body>{gaps}</body></text></TEI>'
    text = page(built(corpus(tmp_path / "c", {"gaps.xml": letter})), "gaps").get_element_by_id("text")
    assert [gap.get("title") for gap in text.find_class("gap")] == [
        "Omitted: illegible, 3 characters", "Omitted: 1 word", "Omitted: 2 leaves", "Omitted: an unknown number of lines"]


# ------------------------------------------------------------------ eScriptorium

# eScriptorium's export as some projects keep it: the lines' words in the facsimile's zones too.
ESCRIPTORIUM = f"""<TEI xmlns="{TEI_NS}" xml:lang="fr">{HEADER.format(title="Manuscrit 12", profile="")}
<facsimile>
<surface xml:id="eSc_surface_1" ulx="0" uly="0" lrx="1000" lry="1500"><graphic url="0001.png" width="1000" height="1500"/>
<zone xml:id="eSc_textblock_a1" type="MainZone" points="1,1 900,1 900,900 1,900">
<zone xml:id="eSc_line_b1" type="DefaultLine" points="1,1 900,1 900,50 1,50"><zone type="baseline" points="1,40 900,40"/><line>Premiere ligne</line></zone>
<zone xml:id="eSc_line_b2" type="DefaultLine" points="1,51 900,51 900,100 1,100"><line>et la seconde.</line></zone>
</zone></surface></facsimile>
<text><body><pb facs="#eSc_surface_1"/><ab facs="#eSc_textblock_a1"><lb facs="#eSc_line_b1"/>Premiere ligne<lb facs="#eSc_line_b2"/>et la seconde.</ab></body></text></TEI>
"""


def test_escriptorium_lines_in_the_facsimile_are_read_once_from_the_text(tmp_path):
    result = built(corpus(tmp_path / "c", {"ms.xml": ESCRIPTORIUM, "0001.png": image_bytes((100, 150))}))
    text = page(result, "ms").get_element_by_id("text")
    # "ligne<lb/>et": the break parts the words in the page's text, not only on screen
    assert text.find_class("ab")[0].text_content() == "Premiere ligne\net la seconde."
    assert text.xpath(".//img[@class = 'facs-image']/@alt") == ["Facsimile of this page"]


# TEI's embedded transcription, as Nidaba and other OCR tools export a page: no text, the words in
# the facsimile's zones.
EMBEDDED = f"""<TEI xmlns="{TEI_NS}" xml:lang="fr">{HEADER.format(title="OCR page", profile="")}
<facsimile><surface xml:id="s1" ulx="0" uly="0" lrx="1000" lry="1500"><graphic url="0001.png"/>
<zone xml:id="z1" ulx="1" uly="1" lrx="900" lry="50"><line>Premiere ligne</line></zone>
<zone xml:id="z2" ulx="1" uly="51" lrx="900" lry="100"><line><seg type="word">et</seg> <seg type="word">la</seg> seconde.</line></zone>
</surface></facsimile></TEI>
"""


def test_a_transcription_embedded_in_the_facsimile_is_the_text_beside_its_image(tmp_path):
    # The page was empty: a facsimile was read as images only, never as the words its zones hold.
    result = built(corpus(tmp_path / "c", {"ocr.xml": EMBEDDED, "0001.png": image_bytes((100, 150))}))
    ocr = page(result, "ocr")
    text = ocr.get_element_by_id("text")
    assert [printed(line) for line in text.find_class("line")] == ["Premiere ligne", "et la seconde."]
    assert text.xpath(".//img/@src") == ["../facsimiles/0001.png"]
    assert not ocr.find_class("facsimiles")  # the image is shown with its lines, not listed again


# ------------------------------------------------------------------ FromThePage

# FromThePage's export: the title of titles, page images on the web named on pb itself, each page
# a div with its number (fw), its users' notes with @resp pointing to their respStmt.
FROMTHEPAGE = f"""<TEI xmlns="{TEI_NS}" xml:lang="EN" xml:id="W42"><teiHeader><fileDesc>
<titleStmt><title type="full"><title type="main">Diary, 1862</title><title type="desc">A soldier's diary</title></title>
<author><persName>John Doe</persName></author></titleStmt>
<editionStmt><edition>Created in FromThePage</edition><respStmt xml:id="U7"><persName type="pseudonym">reader7</persName>
<resp>Made 3 edits.</resp></respStmt></editionStmt>
<publicationStmt><publisher>Dynamic TEI export from FromThePage</publisher><availability><p></p></availability></publicationStmt>
<sourceDesc><msDesc><msIdentifier><collection>Civil War Diaries</collection></msIdentifier></msDesc>
<listPerson><person xml:id="S11"><persName>Abraham Lincoln</persName></person></listPerson></sourceDesc></fileDesc></teiHeader>
<text><body>
<pb xml:id="F101" n="1" facs="https://fromthepage.com/image-service/101/full/full/0/default.jpg"/>
<div xml:id="P101"><fw type="pageNum">1</fw>
<p xml:id="P101P0">Went to town and saw <rs ref="#S11">the President</rs>.<lb/>
Cold day, <gap reason="redacted"/> wrote to <persName>Mary</persName>.<lb/>
</p>
<note resp="#U7">Is this the same Mary?</note></div>
</body></text></TEI>
"""


def test_a_fromthepage_title_of_titles_is_its_main_title(tmp_path):
    # "Diary, 1862A soldier's diary": the parts' words ran together in the heading and the citation.
    result = built(corpus(tmp_path / "c", {"diary.xml": FROMTHEPAGE}))
    diary = page(result, "W42")
    assert diary.get_element_by_id("text-title").text == "Diary, 1862"
    assert printed(diary.find_class("citation")[0]).startswith("John Doe. Diary, 1862. in:")


def test_a_fromthepage_page_links_its_image_and_reads_its_lines(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"diary.xml": FROMTHEPAGE})), "W42").get_element_by_id("text")
    assert text.xpath(".//a[@class = 'facs']/@href") == ["https://fromthepage.com/image-service/101/full/full/0/default.jpg"]
    paragraph = text.get_element_by_id("P101P0")
    assert printed(paragraph) == "Went to town and saw the President. Cold day, […] wrote to Mary."
    assert paragraph.xpath("count(.//br)") == 2
    assert [n.text for n in text.xpath(".//span[@class = 'name']")] == ["Mary"]


def test_a_fromthepage_user_s_note_names_who_wrote_it(tmp_path):
    # resp="#U7" points to the header's <respStmt xml:id="U7">: the note was shown without its author.
    diary = page(built(corpus(tmp_path / "c", {"diary.xml": FROMTHEPAGE})), "W42")
    (note,) = diary.xpath("//ol[@class = 'notes']/li")
    assert printed(note.find_class("note-body")[0]) == "Is this the same Mary?"
    assert printed(note.find_class("note-resp")[0]) == "— reader7"


# ------------------------------------------------------------------ the DTA's line ends

DTA = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">{HEADER.format(title="Reise", profile="")}
<text><body><div n="1"><pb n="3"/>
<p>Die Ge&#x17F;chichte der Rei&#x17F;e be-<lb/>
ginnt in Berlin, wo die Ge<lb break="no"/>
&#x17F;ell&#x17F;chaft &#x2014; <lb/>
&#x17F;ich ver&#x17F;ammelte.</p></div></body></text></TEI>
"""


def test_dta_line_ends_keep_the_printed_hyphen_and_join_a_word_the_page_breaks(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"reise.xml": DTA})), "reise").get_element_by_id("text")
    paragraph = text.xpath(".//p")[0]
    assert printed(paragraph) == "Die Geſchichte der Reiſe be- ginnt in Berlin, wo die Geſellſchaft — ſich verſammelte."
    assert paragraph.xpath("count(.//br)") == 3
    assert len(paragraph.find_class("word-break")) == 1  # the page's hyphen, shown by CSS alone


# ------------------------------------------------------------------ the W3C checker

def test_the_tools_exports_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"letter.xml": TRANSKRIBUS, "0001.png": image_bytes((80, 120)), "ms.xml": ESCRIPTORIUM,
                                     "diary.xml": FROMTHEPAGE, "reise.xml": DTA, "ocr.xml": EMBEDDED})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
