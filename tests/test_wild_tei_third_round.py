"""`build --corpus` on real TEI, third round: kinds and publishers the first two rounds did not
try (ELTeC's novels at levels 1 and 2, in English, French and German; EpiDoc inscriptions as the
Eastern Necropolis of Concordia project encodes them, and papyri.info's documentary papyri; the
Deutsches Textarchiv's base format and its Dingler journal's renditions).

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from test_wild_tei import ROOT, TEI_NS, built, corpus, page, tei, words
from test_wild_tei_second_round import printed

CSS = (ROOT / "theme" / "static" / "edition.css").read_text(encoding="utf-8")


def text_of(tmp_path, body: str, lang: str = "en", profile: str = "", name: str = "t"):
    result = built(corpus(tmp_path / "c", {f"{name}.xml": tei(body, lang=lang, profile=profile)}))
    return page(result, name).get_element_by_id("text")


# ------------------------------------------------------------------ words as tokens (ELTeC level 2)

def test_tokens_written_one_against_the_next_read_as_words(tmp_path):
    # ELTeC-deu level 2: no whitespace at all between w, pc and s.
    body = ("<body><div><head><w>Erstes</w><w>Kapitel</w></head><p><s><w pos='DET'>Der</w><w>Hof</w>"
            "<pc pos='PUNCT'>,</pc><w>alt</w><w>und</w><hi rend='italic'><w>groß</w></hi><pc>(</pc><w>sehr</w>"
            "<pc>)</pc><w>steht</w><pc>.</pc></s><s><w>Wir</w><w>sind</w><w>da</w><pc>.</pc></s></p></div></body>")
    text = text_of(tmp_path, body, lang="de")
    assert printed(text.find(".//h2")) == "Erstes Kapitel"
    assert printed(text.find(".//p")) == "Der Hof, alt und groß (sehr) steht. Wir sind da."
    assert text.xpath("count(.//h2/following-sibling::node()[1][self::p])") == 1  # no space between blocks


def test_a_mark_elision_and_clitic_of_tokens_on_lines_of_their_own_join_their_word(tmp_path):
    # ELTeC-fra level 2: a mark is a w of its own; "d'" and "-il" are tokens, each on its line.
    body = """<body><p><w pos='PRON'>Il</w>
<w>faut</w>
<w pos='ADP'>d'</w>
<w>abord</w>
<w>l’</w>
<w>ouvrir</w>
<w pos='PUNCT'>,</w>
<w>dit</w>
<w pos='PRON'>-il</w>
<w pos='PUNCT'>.</w>
</p></body>"""
    assert printed(text_of(tmp_path, body, lang="fr").find(".//p")) == "Il faut d'abord l’ouvrir, dit-il."


def test_an_apostrophe_ending_an_english_word_is_no_elision(tmp_path):
    body = "<body><p><w>the</w>\n<w>boys'</w>\n<w>books</w></p></body>"
    assert printed(text_of(tmp_path, body).find(".//p")) == "the boys' books"


# ------------------------------------------------------------------ section breaks (ELTeC)

def test_a_break_between_sections_of_a_chapter_is_shown(tmp_path):
    body = ("<body><div type='chapter'><p>The end of one scene.</p><milestone unit='section' rend='stars'/>"
            "<p>The next <milestone unit='section' rend='rule'/> one.</p><milestone unit='section' n='12'/>"
            "<p>More.</p></div></body>")
    text = text_of(tmp_path, body)
    rule = text.xpath(".//hr")
    assert [(hr.get("class"), hr.get("data-mark")) for hr in rule] == [("milestone", "* * *")]
    assert rule[0].getprevious().tag == "p" and rule[0].getnext().tag == "p"
    assert [printed(s) for s in text.xpath(".//p/span[@class = 'milestone']")] == ["—"]  # a rule, in a paragraph
    assert "hr.milestone::after { content: attr(data-mark)" in CSS


# ------------------------------------------------------------------ inscriptions (EpiDoc)

EDITION = "<body><div type='edition' xml:lang='la'><ab>{}</ab></div></body>"


def test_a_word_broken_across_two_lines_of_an_inscription_reads_as_one_word(tmp_path):
    ab = """<lb n="1"/>quem sepe
            <lb n="2" break="no"/>livit uxor ver-<lb n="3" break="no"/>na
            <lb n="4" type="inWord"/>
            que"""
    text = text_of(tmp_path, EDITION.format(ab))
    inscription = text.find_class("ab")[0]
    assert inscription.xpath("count(.//br)") == 3
    assert " ".join(inscription.text_content().split()) == "quem sepelivit uxor ver-naque"
    # The hyphen the page shows at the end of the first line; the transcription gave the second one.
    assert len(inscription.find_class("word-break")) == 2
    assert '.word-break::before { content: "-"' in CSS


def test_leiden_signs_mark_restored_expanded_and_superfluous_letters(tmp_path):
    ab = ('<supplied reason="lost">Luci</supplied>o <expan><abbr>D</abbr><ex>is</ex></expan> fec<surplus>c</surplus>it '
          '<supplied reason="omitted">e</supplied>t')
    text = text_of(tmp_path, EDITION.format(ab))
    assert printed(text.find_class("ab")[0]).replace("°", "") == "Lucio Dis feccit et"
    supplied = text.xpath(".//span[contains(@class, 'reading')]")
    assert [s.get("class") for s in supplied] == ["reading supplied supplied-lost", "reading supplied"]
    assert text.xpath(".//ancestor::section[contains(@class, 'div-edition')]//*[@class = 'ex']/text()") == ["is"]
    assert [s.text for s in text.find_class("surplus")] == ["c"]
    for rule in ('.supplied-lost::before { content: "["', '.div-edition .ex::before { content: "("',
                 '.surplus::before { content: "{"'):
        assert rule in CSS


def test_a_lost_passage_says_how_much_was_lost(tmp_path):
    ab = ('<gap reason="lost" quantity="3" unit="character"/>ter<lb/><gap reason="lost" extent="unknown" unit="line"/>'
          '<lb/><gap reason="illegible" quantity="1" unit="character"/>')
    gaps = text_of(tmp_path, EDITION.format(ab)).find_class("gap")
    assert [g.get("title") for g in gaps] == [
        "Omitted: lost, 3 characters", "Omitted: lost, an unknown number of lines", "Omitted: illegible, 1 character"]


def test_a_symbol_given_by_reference_is_shown(tmp_path):
    # EpiDoc: <g ref="#chi-rho"/>, the symbol declared in a taxonomy with its code point, or in a charDecl.
    header_decl = ('<encodingDesc><classDecl><taxonomy><category xml:id="chi-rho"><catDesc><term>Chi-Rho</term>'
                   '<idno type="unicode">U+2627</idno></catDesc></category></taxonomy></classDecl><charDecl>'
                   '<glyph xml:id="leaf"><glyphName>ivy leaf</glyphName><mapping type="standard">❦</mapping></glyph>'
                   '</charDecl></encodingDesc>')
    document = tei(EDITION.format('<g ref="#chi-rho"/> <g ref="#leaf"/> <g ref="#palm"/> <g type="cross">+</g>'))
    document = document.replace("</fileDesc>", "</fileDesc>" + header_decl)
    text = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").get_element_by_id("text")
    symbols = text.find_class("g")
    assert [(g.text, g.get("title")) for g in symbols] == [("☧", "Chi-Rho"), ("❦", "ivy leaf"), ("((palm))", "palm")]
    assert words(text.find_class("ab")[0]) == "☧ ❦ ((palm)) +"


def test_an_inscription_with_its_object_translation_and_commentary_is_a_text(tmp_path):
    document = (f'<TEI xmlns="{TEI_NS}" xml:space="preserve"><teiHeader><fileDesc><titleStmt><title>Epitaph</title>'
                "</titleStmt><publicationStmt><authority>A university</authority></publicationStmt><sourceDesc>"
                "<msDesc><msIdentifier><repository>Museum</repository><idno>401</idno></msIdentifier><physDesc>"
                "<objectDesc><supportDesc><support><objectType>Sarcophagus.</objectType></support></supportDesc>"
                "</objectDesc></physDesc></msDesc></sourceDesc></fileDesc></teiHeader><text><body>"
                "<div type='edition' xml:lang='la'><div type='textpart' n='a'><ab><lb n='1'/>Arca</ab></div></div>"
                "<div type='translation' xml:lang='en'><p>The tomb.</p></div>"
                "<div type='commentary'><p>Found in a field.</p></div></body></text></TEI>")
    result = built(corpus(tmp_path / "c", {"stone.xml": document}))
    assert [(doc.rel, doc.why) for doc in result.corpus.texts] == [("stone.xml", "its body holds div")]
    document_page = page(result, "stone")
    sections = document_page.get_element_by_id("text").xpath(".//section")
    assert [(s.get("class"), printed(s)) for s in sections] == [
        ("div div-edition", "a Arca"), ("div div-textpart", "a Arca"), ("div div-translation", "The tomb."),
        ("div div-commentary", "Found in a field.")]
    assert "Sarcophagus." in words(document_page.get_element_by_id("about-text"))


def test_a_symbol_named_by_its_type_is_shown(tmp_path):
    # papyri.info: an elided vowel's apostrophe, a cross, as empty g with a type.
    ab = 'οὐκ<g type="apostrophe"/> οἶδα <g type="stauros"/> <g type="wavy-line"/>'
    text = text_of(tmp_path, EDITION.format(ab), lang="grc")
    assert [(g.text, g.get("title")) for g in text.find_class("g")] == [
        ("’", "apostrophe"), ("†", "stauros"), ("((wavy-line))", "wavy-line")]
    assert " ".join(text.find_class("ab")[0].text_content().split()) == "οὐκ’ οἶδα † ((wavy-line))"


def test_a_word_broken_inside_a_regularised_reading_keeps_both_readings(tmp_path):
    # papyri.info: the break stands inside the reg of a choice, whose orig has none.
    ab = """<lb n="1"/>γάρ <choice><reg>ἀπέκα
    <lb n="2" break="no"/>μον</reg><orig>ἀπαικαμον</orig></choice> σοι"""
    text = text_of(tmp_path, EDITION.format(ab), lang="grc")
    reading = text.xpath(".//span[@class = 'reading']")[0]
    assert " ".join(reading.text_content().split()) == "ἀπέκαμον" and reading.xpath("count(.//br)") == 1
    assert text.xpath(".//span[@class = 'original']/text()") == ["ἀπαικαμον"]


# ------------------------------------------------------------------ the look of the print (DTA, Dingler)

TAGS_DECL = ('<encodingDesc><tagsDecl><rendition xml:id="wide" scheme="css">letter-spacing: 2pt;</rendition>'
             '<rendition xml:id="center" scheme="css">text-align: center;</rendition>'
             '<rendition xml:id="caps" scheme="css">font-variant: small-caps;</rendition></tagsDecl></encodingDesc>')


def test_a_rendition_the_header_declares_in_css_gives_its_look(tmp_path):
    document = tei('<body><head rendition="#center #wide">Preface.</head><p>A <hi rendition="#wide">spaced</hi> and '
                   '<hi rendition="#caps">Small</hi> word, <hi style="font-style: italic">slanted</hi>.</p>'
                   '<p rendition="#c">Centred as the DTA writes it.</p><p rend="right">Signed.</p></body>')
    document = document.replace("</fileDesc>", "</fileDesc>" + TAGS_DECL)
    text = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").get_element_by_id("text")
    # (the heading's own spacing too: a block takes the look of its rendition, sixteenth round)
    assert [h.get("class") for h in text.xpath(".//h2")] == ["align-center hi letterspaced"]
    assert [(hi.tag, hi.get("class")) for hi in text.xpath(".//p//*[contains(@class, 'hi')]")] == [
        ("span", "hi letterspaced wide"), ("span", "hi smallcaps caps"), ("i", "hi italic")]
    assert [p.get("class") for p in text.xpath(".//p")] == [None, "align-center", "align-right"]
    assert ".text .align-center { text-align: center; }" in CSS
