"""`build --corpus` on real TEI, fourth round: what the third round left (a header's fields run
together, Leiden signs EpiDoc editions use beyond the first ones, German quotation marks between
tokens, the DTA's initials) and corpora of kinds not tried yet (Perseus's canonical Greek and
Latin texts, cut into numbered books, chapters and sections).

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from test_wild_tei import ROOT, TEI_NS, built, corpus, page, tei, words
from test_wild_tei_second_round import printed


def about_rows(tmp_path, document: str) -> dict[str, list[str]]:
    """The about part's rows: each label with its values, as read."""
    about = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").get_element_by_id("about-text")
    rows: dict[str, list[str]] = {}
    label = ""
    for row in about.find_class("metadata")[0]:
        if row.tag == "dt":
            label = printed(row)
        else:
            rows.setdefault(label, []).append(printed(row))
    return rows


# ------------------------------------------------------------------ a header's fields (EpiDoc, ELTeC, CMIF)

def with_source(source: str, profile: str = "", body: str = "<body><p>Text.</p></body>") -> str:
    return (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>A stone</title>{{resp}}</titleStmt>'
            f"<publicationStmt><p>t</p></publicationStmt><sourceDesc>{source}</sourceDesc></fileDesc>{profile}"
            f"</teiHeader><text>{body}</text></TEI>")


def test_the_place_and_date_of_an_origin_are_set_apart(tmp_path):
    # EpiDoc: <origin><origPlace>…</origPlace><origDate>…</origDate></origin>, nothing between them.
    source = ("<msDesc><msIdentifier><repository>Museum</repository></msIdentifier><history><origin>"
              "<origPlace>Old town</origPlace><origDate notBefore='0101' notAfter='0200'>Second century AD</origDate>"
              "</origin><provenance type='found'>Found <date>1890</date> in a field.</provenance></history></msDesc>")
    rows = about_rows(tmp_path, with_source(source).replace("{resp}", ""))
    assert rows["Origin"] == ["Old town, Second century AD"]
    assert rows["Provenance"] == ["Found 1890 in a field."]  # prose keeps its own words between the parts


def test_a_source_given_as_fields_reads_as_a_reference(tmp_path):
    # ELTeC's sourceDesc: a bibl of title, author, place and date, one per line of the file.
    source = """<bibl type="copy">
      <title>Der Hof</title>
      <author><forename>Anna</forename><surname>Muster</surname></author>
      <pubPlace>Berlin</pubPlace>
      <publisher>Verlag</publisher><date>1890</date>
    </bibl>"""
    rows = about_rows(tmp_path, with_source(source).replace("{resp}", ""))
    assert rows["Source (copy)"] == ["Der Hof, Anna Muster, Berlin, Verlag, 1890"]


def test_several_people_of_one_responsibility_are_named_apart(tmp_path):
    resp = ("<respStmt><resp>Transcription</resp><persName>Ada Roe</persName><persName>Ben Poe</persName></respStmt>"
            "<author><persName>Cleo</persName><persName>Dion</persName></author>"
            # Schnitzler's letters: names written surname first, one per line.
            "<editor>\n  <name>Roe, Ada</name>\n  <name>Poe, Ben</name>\n</editor>")
    source = "<bibl><respStmt><resp>translated by</resp><persName>Eva Loe</persName></respStmt></bibl>"
    rows = about_rows(tmp_path, with_source(source).replace("{resp}", resp))
    assert rows["Transcription"] == ["Ada Roe, Ben Poe"]
    assert rows["Author"] == ["Cleo, Dion"]
    assert rows["Editor"] == ["Roe, Ada; Poe, Ben"]
    assert rows["Source"] == ["translated by Eva Loe"]


def test_a_letter_record_in_the_text_reads_as_a_line_not_run_on_names(tmp_path):
    # CMIF: correspondence records in a listBibl, with two senders and an empty dated date.
    records = ('<listBibl xmlns:ct="urn:example:cmif"><ct:correspDesc><ct:correspAction type="sending">'
               "<persName>Weber</persName><persName>Stein</persName><placeName>Rome</placeName>"
               "<date when='1819-08-05'/></ct:correspAction><ct:correspAction type='receiving'>"
               "<persName>Anna</persName></ct:correspAction></ct:correspDesc></listBibl>")
    document = tei(f"<body>{records}</body>")
    text = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").get_element_by_id("text")
    assert [words(li) for li in text.xpath(".//ul/li")] == ["Weber & Stein → Anna, Rome, 5 August 1819"]


def test_the_correspondents_of_a_letter_header_are_named_apart(tmp_path):
    profile = ("<profileDesc><correspDesc><correspAction type='sent'><persName>Anna</persName><persName>Berta"
               "</persName><date when='1900-01-02'/></correspAction><correspAction type='received'><persName>Carl"
               "</persName></correspAction></correspDesc></profileDesc>")
    letter = tei("<body><p>Dear Carl.</p></body>", profile=profile)
    document = page(built(corpus(tmp_path / "letter", {"t.xml": letter})), "t")
    assert printed(document.find_class("text-author")[0]) == "Anna & Berta → Carl"
    assert about_rows(tmp_path, letter)["Correspondence"] == [
        "Anna & Berta → Carl, 2 January 1900"]


# ------------------------------------------------------------------ Leiden signs (EpiDoc)

EDITION = "<body><div type='edition' xml:lang='la'><ab>{}</ab></div>{}</body>"
CSS = (ROOT / "theme" / "static" / "edition.css").read_text(encoding="utf-8")


def edition_text(tmp_path, ab: str, after: str = "", lang: str = "la"):
    document = tei(EDITION.format(ab, after), lang=lang)
    return page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").get_element_by_id("text")


def test_letters_erased_on_the_stone_stand_in_double_brackets(tmp_path):
    text = edition_text(tmp_path, 'imp <del rend="erasure">Neroni</del> Caesari')
    erased = text.xpath(".//del")
    assert [(d.get("class"), d.text) for d in erased] == [("del erasure", "Neroni")]
    assert 'del.erasure::before { content: "⟦"' in CSS and 'del.erasure::after { content: "⟧"' in CSS
    assert "del.erasure { text-decoration: none; }" in CSS  # read, not struck through


def test_an_erasure_outside_an_inscription_stays_a_deletion(tmp_path):
    document = tei('<body><p>I <del rend="erasure">never</del> wrote.</p></body>')
    text = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").get_element_by_id("text")
    assert [d.get("class") for d in text.xpath(".//del")] == ["del"]


def test_an_uncertain_restoration_has_its_question_mark_inside_the_bracket(tmp_path):
    text = edition_text(tmp_path, '<supplied reason="lost" cert="low">Iulia</supplied> <supplied reason="lost">filia</supplied>')
    readings = text.xpath(".//span[contains(@class, 'reading')]")
    assert [r.get("class") for r in readings] == [
        "reading supplied supplied-lost supplied-uncertain", "reading supplied supplied-lost"]
    assert '.app .reading.supplied-lost.supplied-uncertain::after { content: "?]"; }' in CSS


def test_a_diaeresis_the_scribe_wrote_is_shown_on_its_letter(tmp_path):
    # papyri.info: <hi rend="diaeresis">ι</hi>, the mark written over the letter.
    text = edition_text(tmp_path, 'τοῦ <hi rend="diaeresis">ι</hi>δίου', lang="grc")
    assert printed(text.find_class("ab")[0]) == "τοῦ ι\u0308δίου"


def test_every_fifth_line_of_an_inscription_is_numbered_in_the_margin(tmp_path):
    lines = "".join(f'<lb n="{n}"/>line {n} ' for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "10a", 11))
    text = edition_text(tmp_path, lines)
    numbers = text.find_class("line-number")
    assert [n.text for n in numbers] == ["5", "10", "10a"]
    assert all(n.getparent().get("class") == "ab" for n in numbers)  # inside the paragraph: phrasing, valid HTML
    assert [n.tail.strip() for n in numbers] == [
        "line 5", "line 10", "line 10a"]
    assert ".text .line-number { position: absolute; left: -3rem;" in CSS


def test_a_document_its_header_or_schema_calls_epidoc_is_numbered_too_but_no_other(tmp_path):
    body = "<body><p><lb n='4'/>four <lb n='5'/>five</p></body>"
    epidoc = tei(body).replace("</fileDesc>", "</fileDesc><encodingDesc><p>Encoded to EpiDoc.</p></encodingDesc>")
    schema = ('<?xml-model href="https://epidoc.example/schema/tei-epidoc.rng" '
              'schematypens="http://relaxng.org/ns/structure/1.0"?>\n') + tei(body)
    result = built(corpus(tmp_path / "c", {"stone.xml": epidoc, "papyrus.xml": schema, "book.xml": tei(body)}))
    for name in ("stone", "papyrus"):
        assert [n.text for n in page(result, name).get_element_by_id("text").find_class("line-number")] == ["5"]
    assert page(result, "book").get_element_by_id("text").find_class("line-number") == []


def test_an_apparatus_division_lists_its_readings_with_their_lines(tmp_path):
    # EpiDoc: <div type="apparatus"><listApp><app loc="2">…</app></listApp></div>.
    apparatus = ("<div type='apparatus'><listApp><app loc='2'><lem>filiae</lem><rdg source='#old'>filie</rdg></app>"
                 "<app loc='4 5'><lem resp='#ed'>vixit</lem><rdg/><note>the stone is worn</note></app></listApp></div>")
    document = page(built(corpus(tmp_path / "c", {"t.xml": tei(EDITION.format("<lb n='1'/>Dis", apparatus))})), "t")
    entries = document.get_element_by_id("text").xpath(".//section[contains(@class, 'div-apparatus')]//li")
    assert [printed(li) for li in entries] == ["2. filiae] filie old", "4, 5. vixit ed] om. the stone is worn"]
    # Read where they stand: not a second time in the page's apparatus, nor the note among the notes.
    assert document.find_class("apparatus-section") == [] and document.find_class("notes-section") == []


# ------------------------------------------------------------------ German quotation marks between tokens (ELTeC-deu)

def test_german_quotation_marks_open_and_close_as_german_prints_them(tmp_path):
    # ELTeC-deu level 2: tokens written one against the next; „ and ‚ and » open, “ and ‘ and « close.
    body = ("<body><p><s><w>Er</w><w>sagte</w><pc>:</pc><pc>„</pc><w>Ja</w><pc>,</pc><w>gern</w><pc>“</pc><pc>.</pc>"
            "</s><s><w>Sie</w><w>rief</w><pc>‚</pc><w>Halt</w><pc>‘</pc><w>und</w><pc>»</pc><w>Los</w><pc>«</pc>"
            "<pc>!</pc></s></p></body>")
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body, lang="de")})), "t").get_element_by_id("text")
    assert printed(text.find(".//p")) == "Er sagte: „Ja, gern“. Sie rief ‚Halt‘ und »Los«!"


def test_english_and_french_quotation_marks_keep_their_own_sides(tmp_path):
    english = "<body><p><w>He</w><w>said</w><pc>“</pc><w>yes</w><pc>”</pc><pc>.</pc></p></body>"
    french = "<body><p><w>Il</w><w>dit</w><pc>«</pc><w>oui</w><pc>»</pc><pc>.</pc></p></body>"
    result = built(corpus(tmp_path / "c", {"en.xml": tei(english), "fr.xml": tei(french, lang="fr")}))
    assert printed(page(result, "en").get_element_by_id("text").find(".//p")) == "He said “yes”."
    assert printed(page(result, "fr").get_element_by_id("text").find(".//p")) == "Il dit «oui»."


def test_a_large_initial_is_styled_as_an_initial(tmp_path):
    # The DTA: <p><hi rendition="#in">D</hi>ie Stadt …</p>, the rendition declared outside the file.
    body = '<body><p><hi rendition="#in">D</hi>ie Stadt lag still.</p></body>'
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body, lang="de")})), "t").get_element_by_id("text")
    initial = text.xpath(".//p/span[contains(@class, 'hi')]")
    assert [(s.get("class"), s.text) for s in initial] == [("hi initial", "D")]
    assert printed(text.find(".//p")) == "Die Stadt lag still."
    assert ".text p > .hi.initial:first-child { float: left;" in CSS


# ------------------------------------------------------------------ citable units (Perseus canonical texts)

PERSEUS = """<body><div type="edition" n="urn:cts:latinLit:phi9999.phi001.example-lat1" xml:lang="la">
<div type="textpart" subtype="book" n="1"><head>LIBER PRIMUS</head>
<div type="textpart" subtype="chapter" n="1">
<div type="textpart" subtype="section" n="1"><p>Prima pars urbis.</p></div>
<div type="textpart" subtype="section" n="2"><p>Altera pars.</p></div></div>
<div type="textpart" subtype="chapter" n="2"><p><milestone unit="section" n="1"/>Tum venit. <milestone unit="section" n="2"/>Abiit.</p></div>
</div></div></body>"""


def test_a_text_cut_into_numbered_books_chapters_and_sections_shows_its_numbers(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(PERSEUS, lang="la")})), "t").get_element_by_id("text")
    # A chapter of sections is labelled on a line of its own; a section by its number, its reference its title.
    assert [printed(p) for p in text.find_class("div-label")] == ["Chapter 1", "Chapter 2"]
    numbers = text.find_class("ref-number")
    assert [(n.text, n.get("title")) for n in numbers] == [
        ("1", "Section 1.1.1"), ("2", "Section 1.1.2"), ("1", "section 1.2.1"), ("2", "section 1.2.2")]
    assert printed(text.xpath(".//section[p[@class = 'div-label'] = 'Chapter 2']/p[2]")[0]) == "1 Tum venit. 2 Abiit."
    assert "urn:cts" not in printed(text)  # the edition's number is an identifier, not a reference
    assert ".text .div-ref { position: absolute; left: -3rem;" in CSS


def test_the_older_perseus_divisions_by_type_are_numbered_too(tmp_path):
    # Perseus's Thucydides: <div type="book" n="1"><div type="chapter" n="1"><div type="section" n="1">.
    body = ("<body><div type='book' n='1'><div type='chapter' n='1'><div type='section' n='1'><p>Alpha.</p></div>"
            "<div type='section' n='2'><p>Beta.</p></div></div></div></body>")
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body, lang="grc")})), "t").get_element_by_id("text")
    assert [printed(p) for p in text.find_class("div-label")] == ["Book 1", "Chapter 1"]
    assert [n.get("title") for n in text.find_class("ref-number")] == ["Section 1.1.1", "Section 1.1.2"]


def test_a_numbered_division_that_is_no_unit_of_citation_is_left_as_it_was(tmp_path):
    # A letter's one writing session (Schnitzler's letters), a chapter with its own heading.
    body = ("<body><div type='writingSession' n='1'><p>Dear friend.</p></div>"
            "<div type='chapter' n='2'><head>Two</head><p>Text.</p></div></body>")
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body)})), "t").get_element_by_id("text")
    assert text.find_class("ref-number") == [] and text.find_class("div-label") == []


def test_a_letter_of_one_unheaded_writing_session_has_no_contents_and_two_are_named_by_their_type(tmp_path):
    # Schnitzler's letters: a letter is one <div type="writingSession">; one written over two days, two.
    one = "<body><div type='writingSession'><p>Dear friend.</p></div></body>"
    two = ("<body><div type='writingSession'><p>Monday.</p></div><div type='writingSession'><p>Tuesday.</p></div>"
           "</body>")
    result = built(corpus(tmp_path / "c", {"one.xml": tei(one), "two.xml": tei(two)}))
    assert page(result, "one").xpath("//nav[@aria-labelledby='toc-title']") == []
    assert [printed(li) for li in page(result, "two").xpath("//nav[@aria-labelledby='toc-title']//li")] == [
        "Writing session", "Writing session"]


def test_a_milestone_of_a_citable_unit_shows_its_number_and_others_stay_unshown(tmp_path):
    # ELTeC's numbered section milestone, Perseus's card; a paragraph milestone, a page milestone are not shown.
    body = ("<body><p>One.<milestone unit='section' n='12'/> Two.<milestone unit='paragraph' n='3'/> Three."
            "<milestone unit='page' n='4'/> Four.<milestone unit='section'/> Five.</p><milestone unit='card' n='30'/>"
            "<p>Six.</p></body>")
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body)})), "t").get_element_by_id("text")
    assert [(n.text, n.get("title")) for n in text.find_class("ref-number")] == [("12", "section 12"), ("30", "card 30")]
    assert printed(text.find(".//p")) == "One. 12 Two. Three. Four. Five."


def test_every_fifth_numbered_line_of_verse_shows_its_number(tmp_path):
    body = "<body><lg>" + "".join(f"<l n='{n}'>verse {n}</l>" for n in range(1, 12)) + "</lg></body>"
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body)})), "t").get_element_by_id("text")
    lines = text.find_class("l")
    assert [printed(line) for line in lines][3:6] == ["verse 4", "5 verse 5", "verse 6"]
    assert [n.text for n in text.find_class("line-number")] == ["5", "10"]
