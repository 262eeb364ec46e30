"""`build --corpus` on real TEI, second round: kinds and publishers the first round did not
try (Folger's and EarlyPrint's tokenized texts, TEI Lex-0, the Shelley-Godwin Archive's pages as
they lie, OpenArabicPE's Arabic issues, the TEI Correspondence SIG's anthology and CMIF, Perseus's
Lane lexicon in TEI P4, Menota's three levels, Emily Dickinson's variants).

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

import re

import pytest
from lxml import html
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page, reading, tei, words

from ria.corpus import load_corpus

# ------------------------------------------------------------------ text cut into tokens (Folger, TEI Lex-0)

def printed(element) -> str:
    """The words of a part of a page as a browser sets them: its text, whitespace collapsed."""
    for mark in element.find_class("permalink"):
        mark.drop_tree()
    return " ".join(element.text_content().split())


def test_words_cut_into_tokens_read_as_printed(tmp_path):
    # Folger's plays put each word, space (c) and mark (pc) on a line of its own; TEI Lex-0
    # dictionaries a comma after a form. The file's line ends are not the text's spaces.
    play = tei("""<body><div type="scene"><head>
<w xml:id="w1">Scene</w>
<c> </c>
<w>2</w>
</head>
<stage><w>Enter</w>
<c> </c>
<w>Tom</w>
<pc>,</pc>
<c> </c>
<w>a</w>
<c> </c>
<w>guard</w>
<pc>.</pc>
</stage>
<sp who="#tom"><speaker><w>TOM</w></speaker><ab>
<w>Who</w>
<c> </c>
<w>goes</w>
<pc>?</pc>
</ab></sp></div></body>""")
    dictionary = tei("""<body><entry><form><orth>casa</orth></form>
<pc>,</pc>
<gloss>house</gloss>
<pc>(</pc><usg>rare</usg><pc>)</pc>
</entry></body>""")
    result = built(corpus(tmp_path / "c", {"play.xml": play, "dictionary.xml": dictionary}))
    text = page(result, "play").get_element_by_id("text")
    assert printed(text.find(".//h2")) == "Scene 2"
    assert printed(text.find_class("stage")[0]) == "Enter Tom, a guard."
    assert [printed(part) for part in text.find_class("sp")[0]] == ["TOM", "Who goes?"]
    assert printed(page(result, "dictionary").find_class("entry")[0]) == "casa, house (rare)"


def test_a_line_break_that_ends_no_line_of_words_opens_no_empty_line(tmp_path):
    # Folger records the print's line ends between speeches and at the start of a speech's text.
    play = tei('<body><div><sp><speaker>A</speaker><ab><lb/>First line,<lb/>second line.</ab></sp><lb/>'
               "<sp><speaker>B</speaker><p><lb/><hi>Yes</hi>, and<hi><lb/>no</hi>.</p></sp></div></body>")
    text = page(built(corpus(tmp_path / "c", {"play.xml": play})), "play").get_element_by_id("text")
    assert [printed(block) for block in text.xpath(".//p[.//br]")] == ["First line, second line.", "Yes, and no."]
    assert text.xpath("count(.//br)") == 2  # the break between two lines, and the one inside a phrase
    assert not text.xpath(".//div[@class = 'sp']/following-sibling::*[1][self::br]")
    assert not text.xpath(".//p[node()[1][self::br]]")



def test_a_line_break_between_the_words_of_a_closer_stays(tmp_path):
    # schnitzler-briefe: "Ihr<lb/>ergebener" in a closer read "Ihrergebener" when such breaks were dropped.
    letter = tei("<body><div><p>Gruß.</p><closer>Ihr<lb/>ergebener<lb/><signed>A</signed></closer>"
                 "<closer><hi>Ihr</hi><lb/><hi>ergebener</hi></closer></div></body>")
    text = page(built(corpus(tmp_path / "c", {"letter.xml": letter})), "letter").get_element_by_id("text")
    closers = text.find_class("closer")
    assert [closer.xpath("count(.//br)") for closer in closers] == [2, 1]

# ------------------------------------------------------------------ pages as they lie (Shelley-Godwin Archive)

def test_a_transcription_of_the_pages_shows_their_zones_lines_and_revisions(tmp_path):
    document = (f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">'
                f'{HEADER.format(title="A notebook", profile="")}<sourceDoc>'
                '<surface n="1r" xml:id="f1r"><graphic url="https://images.example.org/f1r.jpg"/>'
                '<zone type="pagination"><line>1</line></zone>'
                '<zone type="main"><line>The first line of verse</line>'
                '<line><mod><del rend="strikethrough">Till</del><add place="superlinear">Like</add></mod> the second'
                '<metamark function="insertion">^</metamark></line></zone></surface>'
                '<xi:include href="leaves/f1v.xml"/></sourceDoc></TEI>')
    result = built(corpus(tmp_path / "c", {"notebook.xml": document}))
    assert [(doc.rel, doc.why) for doc in result.corpus.texts] == [
        ("notebook.xml", "it has no text, and a sourceDoc (a transcription of its pages as they lie)")]
    text = page(result, "notebook").get_element_by_id("text")
    surface = text.get_element_by_id("f1r")
    assert words(surface.find_class("surface-label")[0]) == "Surface 1r"
    assert surface.xpath(".//a[@class = 'graphic']/@href") == ["https://images.example.org/f1r.jpg"]
    assert [z.get("class") for z in surface.find_class("zone")] == ["zone zone-pagination", "zone zone-main"]
    assert [words(line) for line in surface.find_class("line")] == ["1", "The first line of verse",
                                                                  "Till Like the second ^"]
    assert surface.xpath(".//del") and surface.xpath(".//ins")
    # A part another file was to supply is said to be missing, where it stands and in the report.
    assert words(text.find_class("included")[0]) == "Not published here: a part included from leaves/f1v.xml"
    assert [str(p) for p in result.problems] == [
        f"notebook.xml:1:{document.index('<xi:include') + 1}: warning: xi:include of 'leaves/f1v.xml' is not "
        "followed (no such file in the corpus): the page says that part is not published here"]


def test_a_file_that_is_a_part_of_another_document_says_so(tmp_path):
    leaf = f'<surface xmlns="{TEI_NS}" xml:id="f1v">\n<zone><line>A leaf</line></zone></surface>'
    loaded = load_corpus(corpus(tmp_path / "c", {"f1v.xml": leaf, "plain.xml": tei("<body><p>Plain.</p></body>")}))
    assert loaded.skipped == ["f1v.xml"]
    assert [str(p) for p in loaded.problems] == [
        "f1v.xml:1:1: warning: a TEI <surface> without a TEI document around it, which no file of the corpus "
        "includes: not published on its own"]


# ------------------------------------------------------------------ what a reader cites

def test_what_a_reader_may_cite_keeps_its_id_as_an_anchor(tmp_path):
    # OpenArabicPE gives every element of the text an xml:id; a project's sentences are segs.
    document = tei('<body><div><p xml:id="p1"><seg xml:id="s1">First sentence.</seg> Then '
                   '<persName xml:id="n1">Ibn al-Aʿrābī</persName> in <date xml:id="d1" when="1911">1911</date>'
                   '<note xml:id="fn1">A note <seg xml:id="s2">inside</seg>.</note>.</p>'
                   '<titlePage xml:id="tp"><docTitle xml:id="dt"><titlePart>Title</titlePart></docTitle></titlePage>'
                   '</div></body>')
    document_page = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t")
    ids = document_page.xpath("//@id")
    for cited in ("s1", "n1", "d1", "tp", "dt"):
        assert ids.count(cited) == 1, cited
    assert words(document_page.get_element_by_id("s1")) == "First sentence."
    assert words(document_page.get_element_by_id("n1")) == "Ibn al-Aʿrābī"
    assert len(ids) == len(set(ids))  # a note's words, shown in two places, give their ids to neither


def test_a_name_linked_to_its_register_entry_keeps_its_own_id_too(tmp_path):
    persons = tei('<body><listPerson><person xml:id="hamlet"><persName>Hamlet</persName></person>'
                  "</listPerson></body>", title="Persons")
    letter = tei('<body><p>To <persName xml:id="n7" ref="#hamlet">the prince</persName>.</p></body>')
    document_page = page(built(corpus(tmp_path / "c", {"persons.xml": persons, "letter.xml": letter})), "letter")
    name = document_page.xpath("//a[contains(@class, 'name')]")[0]
    assert name.get("id") == "m1"  # the register's link to this mention
    assert document_page.xpath("//*[@id = 'n7']/following-sibling::*[1]") == [name]


# ------------------------------------------------------------------ right-to-left languages

@pytest.mark.parametrize("lang, direction", [("ar", "rtl"), ("he-IL", "rtl"), ("fa-Arab", "rtl"), ("ota", "rtl"),
                                             ("ar-Latn-x-ijmes", None), ("en", None), ("az-Arab", "rtl")])
def test_a_text_in_a_right_to_left_language_is_set_from_right_to_left(tmp_path, lang, direction):
    result = built(corpus(tmp_path / "c", {"t.xml": tei("<body><p>نص</p></body>", lang=lang)}))
    document = page(result, "t")
    assert document.get_element_by_id("text").get("dir") == direction
    assert document.get_element_by_id("text-title").get("dir") == direction


# ------------------------------------------------------------------ facsimiles and calendars (OpenArabicPE)

def test_a_page_s_facsimile_is_the_copy_on_the_web_among_its_surface_s_images(tmp_path):
    document = (f'<TEI xmlns="{TEI_NS}">{HEADER.format(title="Issue", profile="")}<facsimile><surface xml:id="s7">'
                '<graphic url="../images/img-007.tif"/><graphic url="https://images.example.org/seq=7"/></surface>'
                '</facsimile><text><body><pb n="3" facs="#s7"/><p>Words.</p></body></text></TEI>')
    document_page = page(built(corpus(tmp_path / "c", {"issue.xml": document})), "issue")
    assert document_page.xpath("//a[@class = 'facs']/@href") == ["https://images.example.org/seq=7"]
    assert not document_page.find_class("facsimiles")  # the same image is not listed again as unreferenced


def test_a_date_of_another_calendar_is_not_called_old_style(tmp_path):
    document = tei('<body><p><date when="1911-01-02" when-custom="1329-01-01" datingMethod="#cal_islamic">1 '
                   'Muḥarram 1329</date> and <date when="1917-11-07" when-custom="1917-10-25" '
                   'datingMethod="#julian">25 October</date>.</p></body>')
    dates = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").find_class("date")
    assert [(d.get("data-julian"), d.get("title")) for d in dates] == [
        (None, "2 January 1911; 1329-01-01 (cal_islamic)"),
        ("25 October 1917", "7 November 1917 (New Style); 25 October 1917 (Old Style)")]


# ------------------------------------------------------------------ a corpus in one file

def test_a_tei_corpus_in_one_file_is_titled_by_its_header(tmp_path):
    one_file = (f'<teiCorpus xmlns="{TEI_NS}">{HEADER.format(title="Letters of a Family", profile="")}'
                + tei("<body><p>One.</p></body>", title="First") + tei("<body><p>Two.</p></body>", title="Second")
                + "</teiCorpus>")
    folder = corpus(tmp_path / "c", {"family.xml": one_file})
    result = built(folder)
    assert result.corpus.title == "Letters of a Family"
    assert b"Letters of a Family" in result.files["index.html"]
    (folder / "ria-corpus.json").write_text('{"title": "Named by its editors"}')
    assert built(folder).corpus.title == "Named by its editors"


def test_a_dictionary_s_etymology_is_rendered_by_one_rule(tmp_path, capfd):
    # TEI Lex-0: a citation of an etymon inside an etymology is both a dictionary's and a phrase's.
    document = tei('<body><entry><form><orth>cristal</orth></form><etym><seg>From Greek</seg> '
                   '<cit type="etymon"><form><orth>krystallos</orth></form></cit></etym></entry></body>')
    result = built(corpus(tmp_path / "c", {"d.xml": document}))
    assert "Ambiguous rule match" not in capfd.readouterr().err
    assert [c.get("class") for c in page(result, "d").get_element_by_id("text").xpath(".//*[contains(@class, 'cit')]")] == ["cit etymon"]


# ------------------------------------------------------------------ EEBO-TCP as EarlyPrint tokenizes it

def test_a_mark_after_a_highlighted_phrase_joins_its_last_word(tmp_path):
    # EarlyPrint: each word on a line of its own, highlighting around words, its mark after it.
    document = tei("""<body><closer><hi rend="italic">
 <w lemma="john">JOHN</w>
 <w lemma="doe">DOE</w>
</hi>
<pc rendition="#follows-hi">,</pc>
<w>Clerk</w>
<pc unit="sentence">.</pc>
</closer></body>""")
    closer = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").find_class("closer")[0]
    assert printed(closer) == "JOHN DOE, Clerk."


@pytest.mark.parametrize("imprint, label", [("1666.", "1666"), ("[1642]", "[1642]"), ("1590?]", None)])
def test_a_book_is_dated_by_its_imprint_as_a_catalogue_writes_it(tmp_path, imprint, label):
    # EEBO-TCP's headers copy the catalogue's imprint: a full stop ends it, brackets mark a supplied year.
    header = (f"<fileDesc><titleStmt><title>A sermon</title></titleStmt><sourceDesc><biblFull><titleStmt><title>A "
              f"sermon</title></titleStmt><publicationStmt><date>{imprint}</date></publicationStmt></biblFull>"
              "</sourceDesc></fileDesc>")
    document = f'<TEI xmlns="{TEI_NS}"><teiHeader>{header}</teiHeader><text><body><p>x</p></body></text></TEI>'
    result = built(corpus(tmp_path / "c", {"t.xml": document}))
    assert [reading(p) for p in page(result, "t").find_class("text-date")] == ([label] if label else [])


# ------------------------------------------------------------------ letters many to a file (TEI Correspondence SIG)

def test_each_letter_of_an_anthology_is_led_by_its_own_correspondence(tmp_path):
    descs = "".join(
        f"<correspDesc xml:id='l{n}'><correspAction type='sent'><persName>{sender}</persName><placeName>{place}"
        f"</placeName><date when='{when}'/></correspAction><correspAction type='received'><persName>Anna</persName>"
        "</correspAction></correspDesc>"
        for n, sender, place, when in ((1, "Paul", "Rome", "1820-05-01"), (2, "Marie", "Lyon", "1820-06-02")))
    document = tei("<body><div decls='#l1'><head>First</head><p>Dear Anna.</p></div>"
                   "<div decls='#l2'><p>My dear.</p></div></body>", profile=f"<profileDesc>{descs}</profileDesc>")
    document_page = page(built(corpus(tmp_path / "c", {"letters.xml": document})), "letters")
    letters = document_page.get_element_by_id("text").xpath(".//section")
    assert [[words(child) for child in letter][:2] for letter in letters] == [
        ["First", "Paul → Anna, Rome, 1 May 1820"], ["Marie → Anna, Lyon, 2 June 1820", "My dear. ¶"]]
    assert words(document_page.find_class("text-author")[0]) == "Paul; Marie → Anna"


def test_a_list_of_records_of_another_vocabulary_is_a_text_that_keeps_them(tmp_path):
    # CMIF: a listBibl of correspondence records in the SIG's own namespace, not bibls of a register.
    document = tei('<body><listBibl xmlns:ct="urn:example:cmif"><head>Letters</head><ct:correspDesc>'
                   "<ct:correspAction type='sending'><persName>Weber</persName><date when='1819-08-05'/>"
                   "</ct:correspAction></ct:correspDesc></listBibl></body>")
    result = built(corpus(tmp_path / "c", {"cmif.xml": document}))
    assert [(doc.rel, doc.why) for doc in result.corpus.texts] == [("cmif.xml", "its body holds listBibl")]
    text = page(result, "cmif").get_element_by_id("text")
    assert [words(el) for el in text.xpath(".//p[@class = 'caption'] | .//ul/li")] == ["Letters", "Weber, 5 August 1819"]


def test_a_p4_text_states_its_language_by_the_id_of_its_first_language(tmp_path):
    # Perseus's P4 lexica (Lane's Arabic-English Lexicon): <language id="en">, no @ident. (A text in the
    # pages' own language, English, is not marked again: here the first language is German.)
    document = (b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI.2><teiHeader><fileDesc><titleStmt><title>A lexicon'
                b'</title></titleStmt></fileDesc><profileDesc><langUsage default="NO"><language id="de">German'
                b'</language><language id="ar">Arabic</language></langUsage></profileDesc></teiHeader>'
                b'<text><body><p>Der siebzehnte Buchstabe.</p></body></text></TEI.2>')
    result = built(corpus(tmp_path / "c", {"lexicon.xml": document}))
    assert page(result, "lexicon").get_element_by_id("text").get("lang") == "de"


def test_a_three_letter_language_code_becomes_the_tag_html_takes(tmp_path):
    # EEBO-TCP's <language ident="eng">, the DTA's <foreign xml:lang="lat">: BCP 47 wants "en", "la".
    document = tei('<body><p>Er sagte <foreign xml:lang="lat">Imprimatur</foreign>, <foreign xml:lang="grc">λόγος'
                   "</foreign>.</p></body>", profile="<profileDesc><langUsage><language ident='deu'>Deutsch</language>"
                   "</langUsage></profileDesc>").replace(' xml:lang="en"', "", 1)
    document_page = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t")
    text = document_page.get_element_by_id("text")
    assert text.get("lang") == "de"
    assert [i.get("lang") for i in text.find_class("foreign")] == ["la", "grc"]


def test_the_stylesheets_and_the_pages_shorten_the_same_language_codes():
    from ria.model.texts import _TWO_LETTER
    stylesheet = (ROOT / "xslt" / "common.xsl").read_text(encoding="utf-8")
    table = re.search(r'name="two-letter-languages"[^>]*select="map\{(.*?)\}"', stylesheet, re.S).group(1)
    assert dict(re.findall(r"'(\w+)':\s*'(\w+)'", table)) == _TWO_LETTER


def test_a_run_of_included_parts_is_said_once_with_every_file(tmp_path):
    includes = "".join(f'<xi:include href="pages/p{n}.xml"/>' for n in (1, 2, 3))
    document = (f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">'
                f'{HEADER.format(title="A notebook", profile="")}<sourceDoc>{includes}</sourceDoc></TEI>')
    result = built(corpus(tmp_path / "c", {"notebook.xml": document}))
    notices = page(result, "notebook").find_class("included")
    assert [printed(notice) for notice in notices] == [
        "Not published here: the parts included from pages/p1.xml, pages/p2.xml, pages/p3.xml"]
    assert [str(p) for p in result.problems] == [
        f"notebook.xml:1:{document.index('<xi:include') + 1}: warning: xi:include of 'pages/p1.xml' (and 2 more) "
        "is not followed (no such file in the corpus): the page says that part is not published here"]


# ------------------------------------------------------------------ words on several levels (Menota)

MENOTA = "http://www.menota.org/ns/1.0"


def test_a_word_transcribed_on_three_levels_reads_once_in_each_view(tmp_path):
    words_on_levels = f"""<body><p xmlns:me="{MENOTA}">
<w><me:facs>h&#xA750;</me:facs>
 <me:dipl>h<ex>ann</ex></me:dipl>
 <me:norm>Hann</me:norm></w>
<w><choice><me:facs>var</me:facs><me:dipl>var</me:dipl><me:norm>var</me:norm></choice></w>
<pc>
 <me:facs>.</me:facs>
 <me:dipl>.</me:dipl>
 <me:norm>.</me:norm>
</pc>
<w><me:dipl>ſa</me:dipl></w>
</p></body>"""
    text = page(built(corpus(tmp_path / "c", {"saga.xml": tei(words_on_levels, lang="non")})), "saga") \
        .get_element_by_id("text")
    paragraph = text.find(".//p")
    diplomatic = html.fromstring(html.tostring(paragraph))
    for view, hidden in ((paragraph, "original"), (diplomatic, "reading")):
        for span in view.find_class(hidden):
            span.drop_tree()
    assert printed(paragraph) == "Hann var. ſa"
    assert printed(diplomatic) == "hann var. ſa" and diplomatic.xpath("//i[@class = 'ex']/text()") == ["ann"]
    assert "\uA750" not in paragraph.text_content() + diplomatic.text_content()  # the facsimile level is not repeated


# ------------------------------------------------------------------ witnesses' variants (Emily Dickinson)

def test_variants_of_equal_witnesses_read_the_first_and_list_every_reading(tmp_path):
    witnesses = ("<listWit><witness xml:id='ms'>The manuscript</witness><witness xml:id='ed' n='P2'>"
                 "Second Series</witness></listWit>")
    poem = tei(f"<front><div>{witnesses}</div></front><body><head>Poem 1</head><lg><l>Before I got my "
               "<app><rdg wit='#ms'>Eye</rdg><rdg wit='#ed'>eye</rdg></app> put out<app><rdg wit='#ms'>&#8212;</rdg>"
               "<rdg wit='#ed'/></app></l><l>A <app><lem>Morning's</lem><rdg wit='#ms'>Lightning's</rdg></app> Road"
               "</l></lg></body>")
    document_page = page(built(corpus(tmp_path / "c", {"poem.xml": poem})), "poem")
    text = document_page.get_element_by_id("text")
    assert text.xpath(".//h1") == [] and [printed(h) for h in text.xpath(".//h2")] == ["Poem 1"]
    for mark in text.find_class("app-ref"):
        mark.drop_tree()
    assert [printed(line) for line in text.find_class("l")] == ["Before I got my Eye put out—", "A Morning's Road"]
    entries = document_page.xpath("//ol[@class = 'apparatus']/li")
    assert [printed(entry) for entry in entries] == [
        "↑ Eye] Eye ms; eye P2", "↑ —] — ms; om. P2", "↑ Morning's] Morning's; Lightning's ms"]
    assert [entry.get("id") for entry in entries] == ["var-1-note", "var-2-note", "var-3-note"]
    assert document_page.xpath("//span[@class = 'variants']/@id") == ["var-1", "var-2", "var-3"]
