"""`build --corpus` on real TEI, seventh round: a manuscript catalogue (the Bodleian's medieval
manuscripts: a record a manuscript, all of it a msDesc in the header, with registers of persons
an authority file gathers by XInclude) and a gazetteer and prosopography (Syriaca.org: a record a
person, place or work, each named in several languages and scripts, Syriac and Arabic among them).

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from lxml import html
from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page, tei
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus
from ria.corpus.check import check_corpus
from ria.model.texts import writing_direction


def nested_corpus(folder, files: dict[str, str]):
    """A corpus whose files are in folders of their own (persons/1.xml), as these projects keep them."""
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
    return corpus(folder, files)


def record(description: str) -> str:
    """A catalogue's record of one manuscript: its description in the header's source, an empty body."""
    return (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>MS. Test 1</title></titleStmt>'
            f"<publicationStmt><p>t</p></publicationStmt><sourceDesc><msDesc>{description}</msDesc></sourceDesc>"
            "</fileDesc></teiHeader><text><body><p/></body></text></TEI>")


IDENTIFIER = "<msIdentifier><repository>A Library</repository><idno type='shelfmark'>MS. Test 1</idno></msIdentifier>"


def described(tmp_path, description: str):
    """The about part of the record's page."""
    return page(built(corpus(tmp_path / "c", {"ms.xml": record(IDENTIFIER + description)})), "ms").get_element_by_id(
        "about-text")


def rows(element) -> list[tuple[str, str]]:
    """A description list's rows (this one's, not those nested in them): each label and its value, as read."""
    found, label = [], ""
    for row in element:
        if row.tag == "dt":
            label = printed(row)
        elif row.tag == "dd":
            found.append((label, printed(row)))
    return found


def metadata(about) -> list[tuple[str, str]]:
    return rows(about.find_class("metadata")[0])


# ------------------------------------------------------------------ a manuscript's description, whole

NESTED = """<msContents><msItem n="1"><title type="desc">Lives of a poet</title><note>(two short lives)</note>
  <msItem><incipit>Primus incipit</incipit></msItem>
  <msItem><incipit>Secundus incipit</incipit></msItem>
  <textLang mainLang="la">Latin</textLang></msItem>
<msItem n="2"><locus>(fol. 9)</locus><note>Added later:</note>
  <msItem><title type="desc">Poems</title><msItem><incipit>Tertius incipit</incipit></msItem></msItem></msItem>
</msContents>"""


def test_an_item_of_several_texts_keeps_its_own_title_and_notes_above_its_subitems(tmp_path):
    # The Bodleian: an item (lives of an author) whose texts are items of their own, each with its incipit.
    contents = described(tmp_path, NESTED).find_class("ms-items")[0]
    items = contents.xpath("li")
    assert [printed(span) for span in items[0].xpath("span")] == ["Lives of a poet", "(two short lives)", "Latin"]
    assert [printed(li) for li in items[0].xpath("ul/li")] == ["Incipit: Primus incipit", "Incipit: Secundus incipit"]
    later = items[1]
    assert [printed(span) for span in later.xpath("span")] == ["(fol. 9)", "Added later:"]
    (poems,) = later.xpath("ul/li")
    assert printed(poems.xpath("span")[0]) == "Poems"
    assert [printed(li) for li in poems.xpath("ul/li")] == ["Incipit: Tertius incipit"]


def test_an_items_locus_author_and_title_lead_and_its_labelled_parts_say_what_they_are(tmp_path):
    # Items written rubric, incipit and explicit first, their title after; an author written across lines.
    item = """<msContents><msItem><rubric>Hic incipit liber</rubric><incipit type="preface">Quoniam</incipit>
      <explicit>amen</explicit><author>
         An Author
      </author><title>A Work</title><locus>(fols. 1-9)</locus><finalRubric>Explicit liber</finalRubric>
      <colophon>Scriptum anno domini</colophon><textLang mainLang="la">Latin</textLang></msItem></msContents>"""
    (li,) = described(tmp_path, item).find_class("ms-items")[0]
    assert printed(li) == ("(fols. 1-9), An Author, A Work, Rubric: Hic incipit liber, Incipit (preface): Quoniam, "
                           "Explicit: amen, Final rubric: Explicit liber, Colophon: Scriptum anno domini, Latin")


PARTS = """<physDesc><p>Composite: two parts</p></physDesc>
<msPart><msIdentifier><altIdentifier><idno type="part">MS. Test 1 - Part 1</idno></altIdentifier></msIdentifier>
  <msContents><msItem><author>An Author</author><title>A Treatise</title></msItem></msContents>
  <physDesc><objectDesc><supportDesc><support>parchment</support></supportDesc></objectDesc></physDesc>
  <history><origin><origDate notBefore="1100" notAfter="1200">12th century</origDate>
  <origPlace><country>English</country>, <settlement>York</settlement></origPlace></origin></history></msPart>
<msPart><msIdentifier><altIdentifier><idno type="part">MS. Test 1 - Part 2</idno></altIdentifier></msIdentifier>
  <msContents><msItem><title>Sermones</title></msItem></msContents>
  <physDesc><objectDesc><supportDesc><support>paper</support></supportDesc></objectDesc>
  <decoDesc><decoNote>A fine initial.</decoNote></decoDesc></physDesc>
  <history><origin><origDate notBefore="1450" notAfter="1500">15th century, second half</origDate></origin></history></msPart>"""


def test_each_part_of_a_composite_manuscript_is_described_on_its_own(tmp_path):
    about = described(tmp_path, PARTS)
    whole = metadata(about)
    assert [label for label, _ in whole] == ["Title", "Manuscript", "Physical description", "Part", "Part"]
    parts = about.find_class("metadata")[0].xpath("dd/dl[@class = 'ms-part']")
    assert [rows(part) for part in parts] == [
        [("Manuscript", "MS. Test 1 - Part 1"), ("Contents", "An Author, A Treatise"), ("Physical description", "parchment"),
         ("Origin", "12th century; English, York")],
        [("Manuscript", "MS. Test 1 - Part 2"), ("Contents", "Sermones"),
         ("Physical description", "paper, A fine initial."), ("Origin", "15th century, second half")]]


def test_the_catalogues_heading_record_access_surrogates_and_bibliography_are_rows(tmp_path):
    additional = """<head>Sermons; England, c. 1400</head><additional><adminInfo>
      <recordHist><source>Adapted from a printed catalogue. <listBibl><bibl>Catalogue, vol. 2, p. 7</bibl></listBibl></source></recordHist>
      <availability><p>Please use the facsimile.</p></availability></adminInfo>
      <surrogates><bibl><ref target="https://example.org/f"><title>A facsimile</title></ref> <note>(full facsimile)</note></bibl></surrogates>
      <listBibl type="WRAPPER"><listBibl type="PRINT"><head>Described in print:</head>
        <bibl>A. Scholar, <title>Manuscripts</title> (1984), no. 4</bibl></listBibl>
        <listBibl type="INTERNET"><head>On the web:</head><bibl><ref target="https://example.org/r">A database</ref></bibl></listBibl>
      </listBibl></additional>"""
    assert metadata(described(tmp_path, additional))[1:] == [
        ("Manuscript", "A Library, MS. Test 1"), ("Summary", "Sermons; England, c. 1400"),
        ("Catalogue record", "Adapted from a printed catalogue. Catalogue, vol. 2, p. 7"),
        ("Access", "Please use the facsimile."),
        # the note in parentheses keeps its own, and gets no second pair
        ("Surrogates", "A facsimile (full facsimile)"),
        ("Described in print", "A. Scholar, Manuscripts (1984), no. 4"), ("On the web", "A database")]


def test_every_part_of_a_physical_description_is_read_in_turn(tmp_path):
    physical = """<physDesc><objectDesc form="codex"><supportDesc material="perg"><support>parchment</support>
      <extent>ii + 93 fols. <dimensions unit="mm"><height>200</height><width>140</width></dimensions>
      </extent><foliation>Foliated in pencil.</foliation></supportDesc><layoutDesc><layout>34 lines</layout></layoutDesc></objectDesc>
      <handDesc><summary>Two hands.</summary><handNote>The first a textualis.</handNote></handDesc>
      <additions><p>Later pen trials.</p></additions>
      <bindingDesc><binding><p>Half-leather over boards.</p></binding></bindingDesc></physDesc>"""
    assert dict(metadata(described(tmp_path, physical)))["Physical description"] == (
        "parchment, ii + 93 fols. 200 × 140 mm, Foliated in pencil., 34 lines, Two hands., The first a textualis., "
        "Later pen trials., Half-leather over boards.")


def test_a_collation_written_as_a_list_is_a_block_of_its_row(tmp_path):
    collation = ("<physDesc><objectDesc><supportDesc><support>parchment</support><collation>The quires:"
                 "<list><item>1(12)</item><item>2(8)</item></list></collation></supportDesc></objectDesc></physDesc>")
    (row,) = described(tmp_path, collation).xpath(".//dt[. = 'Physical description']/following-sibling::dd[1]")
    (part,) = row.find_class("collation")
    assert part.tag == "div" and [printed(li) for li in part.iter("li")] == ["1(12)", "2(8)"]
    assert not row.xpath(".//span//ul")


def test_a_record_with_an_empty_body_is_classified_as_the_manuscript_its_header_describes(tmp_path):
    result = built(corpus(tmp_path / "c", {"ms.xml": record(IDENTIFIER),
                                           "letter.xml": tei("<body><p/><p>Words.</p></body>")}))
    assert {doc.rel: doc.why for doc in result.corpus.texts} == {
        "ms.xml": "its body is empty: a record of the manuscript its header describes",
        "letter.xml": "its body holds p"}


# ------------------------------------------------------------------ an authority file made of includes

def test_a_register_that_includes_other_registers_lists_by_child_sequence_holds_their_entries(tmp_path):
    # The Bodleian's persons_master.xml: xi:include href="part.xml" xpointer="element(/1/2/1/1)", the
    # part's first list; one part is not there.
    part = tei("<body><listPerson><person xml:id='p1'><persName>Anna</persName></person></listPerson></body>",
               title="Part")
    master = (f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">{HEADER.format(title="Master", profile="")}'
              '<text><body>\n<xi:include href="lost.xml" xpointer="element(/1/2/1/1)"/>\n'
              '<xi:include href="parts/part.xml" xpointer="element(/1/2/1/1)"/>\n'
              '<xi:include href="parts/part.xml" xpointer="element(/1/3)"/></body></text></TEI>')
    result = built(nested_corpus(tmp_path / "c", {"master.xml": master, "parts/part.xml": part,
                                                  "text.xml": tei("<body><p><persName ref='#p1'>Anna</persName></p></body>")}))
    assert [(doc.rel, doc.why) for doc in result.corpus.registers] == [
        ("master.xml", "its body holds listPerson"), ("parts/part.xml", "its body holds listPerson")]
    assert [str(p) for p in result.problems] == [
        "master.xml:2:1: warning: xi:include of 'lost.xml' is not followed (no such file in the corpus): the page "
        "says that part is not published here",
        "master.xml:4:1: warning: xi:include of 'parts/part.xml' is not followed (parts/part.xml has no element at "
        "'element(/1/3)'): the page says that part is not published here"]


def test_check_points_a_finding_in_included_content_at_its_place_in_the_file_it_is_in(tmp_path):
    # A text made of chapters it includes (a pointer to nobody, an id given twice in one), and an authority
    # file made of the registers it includes: each entry is given once, where its part has it.
    part = tei("<body><listPerson><person xml:id='p1'><persName>Anna</persName></person></listPerson></body>",
               title="Part")
    master = (f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">{HEADER.format(title="Master", profile="")}'
              '<text><body>\n<xi:include href="parts/part.xml" xpointer="element(/1/2/1/1)"/></body></text></TEI>')
    chapter = '<div xmlns="http://www.tei-c.org/ns/1.0">\n<p xml:id="a">One</p>\n<p>Two, <persName ref="#nobody">B</persName></p>\n<p xml:id="a">Three</p></div>'
    book = (f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">{HEADER.format(title="Book", profile="")}'
            '<text><body>\n<p><persName ref="#p1">Anna</persName></p>\n<xi:include href="chapters/one.xml"/></body></text></TEI>')
    folder = nested_corpus(tmp_path / "c", {"master.xml": master, "parts/part.xml": part, "book.xml": book,
                                            "chapters/one.xml": chapter})
    found = [(p.path.removeprefix(f"{folder}/"), p.line, p.col, p.rule) for p in check_corpus(folder, ROOT, jobs=1).problems
             if p.rule in ("entry-duplicate", "pointer-dangling", "id-duplicate")]
    assert sorted(found) == [("chapters/one.xml", 3, 19, "pointer-dangling"), ("chapters/one.xml", 4, 4, "id-duplicate")]


# ------------------------------------------------------------------ records of persons, places and works

def person_file(number: int) -> str:
    """A prosopography's record of one person: its names and sources numbered as every record numbers them."""
    return tei(f"<body><listPerson><person xml:id='person-{number}'><persName xml:id='name-1' xml:lang='en'>Person {number}"
               "</persName><persName xml:id='name-2' xml:lang='syr'>ܐ</persName><bibl xml:id='bib-1'><title>A source</title>"
               "</bibl></person></listPerson></body>")


def test_ids_every_record_numbers_alike_are_no_duplicate_entries(tmp_path):
    folder = nested_corpus(tmp_path / "c", {
        "persons/1.xml": person_file(1), "persons/2.xml": person_file(2),
        "persons/again.xml": person_file(1),  # the same person a second time: a pointer could mean either
        "text.xml": tei("<body><p><persName ref='#name-2'>A</persName> and <persName ref='#nobody'>B</persName></p></body>")})
    found = [(p.path.removeprefix(f"{folder}/"), p.message) for p in check_corpus(folder, ROOT, jobs=1).problems
             if p.rule in ("entry-duplicate", "pointer-dangling")]
    # Only the person given twice; the names' and sources' ids are each record's own, and a pointer to one resolves.
    assert found == [
        ("persons/again.xml", "xml:id 'person-1' is also an entry of persons/1.xml:1: a pointer to it could mean either"),
        ("text.xml", "@ref points to #nobody, which no element of this document and no register of the corpus has")]


def test_syriac_in_any_of_its_scripts_and_arabic_are_written_right_to_left():
    assert [writing_direction(tag) for tag in ("syr", "syr-Syrj", "syr-Syrn", "syr-Syre", "ar", "en-x-gedsh",
                                                "syr-Latn", "fr-x-old")] == ["rtl"] * 5 + [""] * 3


WORK = """<body><bibl xml:id="work-1" type="lawd:ConceptualWork">
<title xml:lang="en">A First Sermon — <foreign xml:lang="syr">ܟܬܒܐ</foreign></title>
<title xml:lang="syr-Syrj">ܟܬܒܐ ܕܫܪܒܐ</title>
<author ref="http://example.org/person/1">A Preacher</author>
<idno type="URI">http://example.org/work/1</idno><date notBefore="0401" notAfter="0450">5th century, first half</date>
<noteGrp type="abstract"><desc>Abstract</desc><note type="abstract">The sermon explains a prayer.</note></noteGrp>
<listRelation><relation type="part" active="#work-1" passive="http://example.org/work/0"><desc><label>Part 1</label></desc></relation>
<relation type="mutual" active="#work-1"/></listRelation>
<listBibl type="manuscripts"><head>Manuscripts</head><desc>This is not a complete list.</desc>
<bibl><label>A City, A Library<idno type="shelfmark">MS 561</idno></label>
<citedRange unit="fol">1v-8r</citedRange></bibl>
</listBibl></bibl></body>"""


def test_the_record_of_a_work_is_a_block_of_fields_its_lists_and_its_abstract_in_place(tmp_path):
    document = page(built(corpus(tmp_path / "c", {"5508.xml": tei(WORK)})), "5508")
    (work,) = document.find_class("record")
    assert work.tag == "div" and work.get("id") == "work-1"
    fields = work.xpath("p[contains(@class, 'field')]")
    assert [(printed(p), p.get("lang"), p.get("dir")) for p in fields] == [
        ("A First Sermon — ܟܬܒܐ", "en", None), ("ܟܬܒܐ ܕܫܪܒܐ", "syr-Syrj", "rtl"), ("A Preacher", None, None),
        ("http://example.org/work/1", None, None), ("5th century, first half", None, None)]
    # a Syriac phrase in an English title keeps its own direction
    assert [(i.get("lang"), i.get("dir")) for i in fields[0].iter("i")] == [("syr", "rtl")]
    # the abstract is read where it stands, not as a note
    assert [printed(p) for p in work.find_class("note-group")[0]] == ["Abstract", "The sermon explains a prayer."]
    assert document.find_class("noteref") == [] and document.find_class("notes") == []
    assert [printed(li) for li in work.xpath("ul[@class = 'list-relation']/li")] == ["Part 1"]
    # the list's description before it, not an entry of it; the shelfmark a word of its own
    assert printed(work.find_class("list-desc")[0]) == "This is not a complete list."
    assert [printed(li) for li in work.xpath("ul[@class = 'list-bibl']/li")] == ["A City, A Library MS 561 1v-8r"]


def test_a_citation_inside_a_sentence_stays_a_citation(tmp_path):
    body = "<body><p>As <bibl><title>A Book</title>, <listBibl><bibl>p. 2</bibl></listBibl></bibl> says.</p></body>"
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body)})), "t").get_element_by_id("text")
    assert text.find_class("record") == [] and text.xpath(".//cite[@class = 'bibl']")


PERSONS = """<body><listPerson><person xml:id="person-7">
<persName xml:lang="en">Yohannan</persName><persName xml:lang="ar">يوحنا</persName>
<persName xml:lang="syr-Syrj">ܝܘܚܢܢ</persName><persName xml:lang="la-x-older">Iohannes</persName>
</person></listPerson></body>"""


def test_an_entrys_spellings_in_right_to_left_scripts_keep_their_direction(tmp_path):
    result = built(corpus(tmp_path / "c", {
        "persons.xml": tei(PERSONS, title="Persons"),
        "text.xml": tei("<body><p><persName ref='#person-7'>Yohannan</persName> wrote.</p></body>")}))
    entry = html.fromstring(result.files["persons/person-7.html"])
    assert printed(entry.xpath("//h1")[0]) == "Yohannan"
    (variants,) = entry.find_class("variants")
    assert [(span.text, span.get("lang"), span.get("dir")) for span in variants.iter("span")] == [
        ("يوحنا", "ar", "rtl"), ("ܝܘܚܢܢ", "syr-Syrj", "rtl"), ("Iohannes", "la-x-older", None)]


# ------------------------------------------------------------------ as the W3C checker reads them

def test_manuscript_records_and_records_of_works_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    collation = ("<physDesc><objectDesc><supportDesc><collation>Quires:<list><item>1(12)</item></list>"
                 "</collation></supportDesc></objectDesc></physDesc>")
    folder = corpus(tmp_path / "c", {
        "ms.xml": record(IDENTIFIER + "<head>A summary</head>" + NESTED + collation + PARTS),
        "work.xml": tei(WORK), "persons.xml": tei(PERSONS, title="Persons"),
        "text.xml": tei("<body><p><persName ref='#person-7'>Yohannan</persName> wrote.</p></body>")})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts", tmp_path / "site" / "persons") == []


def test_an_early_life_is_dated_as_a_reader_writes_it_and_an_attestation_named_by_its_words(tmp_path):
    persons = tei('<body><listPerson><person xml:id="p10"><persName xml:lang="en">Theodore</persName>'
                  '<birth when="0335"/><death notBefore="0428"/></person>'
                  '<person xml:id="p11"><persName>A general</persName><birth when="-0100"/></person></listPerson>'
                  '<listEvent><event xml:id="attestation10-1"><p>Theodore is named bishop in a letter of the '
                  'synod held at the city in the year of the great flood and the famine that followed it.</p>'
                  '</event></listEvent></body>', title="Persons")
    letter = tei('<body><p>From <persName ref="#p10">Theodore</persName>.</p></body>', title="A letter")
    result = build_corpus(corpus(tmp_path / "c", {"persons.xml": persons, "letter.xml": letter}), None, ROOT,
                          jobs=1, write=False, search=False)
    entries = result.index.entries
    assert entries["p10"].dates == "335–428" and entries["p11"].dates == "100 BC–?"
    attestation = entries["attestation10-1"].name
    assert attestation.startswith("Theodore is named bishop in a letter") and attestation.endswith(" …")
    assert len(attestation) <= 82


def test_a_gazetteers_place_without_an_id_is_an_entry_by_its_uri_and_titled_by_its_headword(tmp_path):
    places = tei('<body><listPlace><place type="city">'
                 '<placeName xml:lang="syr">ܐܘܪܗܝ</placeName>'
                 '<placeName xml:lang="en" srophe:tags="#syriaca-headword" xmlns:srophe="https://srophe.app">Edessa'
                 '</placeName><idno type="URI">http://syriaca.org/place/78</idno></place></listPlace></body>',
                 title="Places")
    letter = tei('<body><p>Written at <placeName ref="http://syriaca.org/place/78">Urhay</placeName>.</p></body>',
                 title="A letter")
    result = build_corpus(corpus(tmp_path / "c", {"places.xml": places, "letter.xml": letter}), None, ROOT,
                          jobs=1, write=False, search=False)
    edessa = result.index.entries["place-78"]
    assert (edessa.name, edessa.variants) == ("Edessa", ["ܐܘܪܗܝ"])
    [link] = page(result, "letter").xpath("//a[contains(@class, 'name')]")
    assert link.get("href") == "../places/place-78.html#place-78" and link.text == "Urhay"


def test_the_author_of_a_works_record_pointing_to_a_person_is_a_mention_of_that_person(tmp_path):
    # Syriaca.org's records of works name their author by the URI of the person's record.
    persons = tei('<body><listPerson><person><persName srophe:tags="#syriaca-headword" '
                  'xmlns:srophe="https://srophe.app">Jacob of Serugh</persName>'
                  '<idno type="URI">http://syriaca.org/person/13</idno></person></listPerson></body>',
                  title="Persons")
    work = tei('<body><bibl xml:id="work-1"><title>A Homily</title>'
               '<author ref="http://syriaca.org/person/13">Jacob</author>'
               '<editor ref="http://syriaca.org/person/13">ed. Jacob</editor>'
               '<listRelation><relation type="part" active="#work-1" passive="#work-0"/></listRelation>'
               '</bibl></body>', title="A Homily")
    result = build_corpus(corpus(tmp_path / "c", {"persons.xml": persons, "work.xml": work}), None, ROOT,
                          jobs=1, write=False, search=False)
    assert [(m.entry_id, m.anchor) for m in result.index.mentions_in_text("work")] == [
        ("person-13", "m1"), ("person-13", "m2")]
    links = page(result, "work").xpath("//a[contains(@class, 'name')]")
    assert [(a.get("href"), a.get("id"), a.text) for a in links] == [
        ("../persons/person-13.html#person-13", "m1", "Jacob"), ("../persons/person-13.html#person-13", "m2", "ed. Jacob")]
