"""`build --corpus` on real TEI, twentieth round: TEI written by converters rather than by editors.
Pandoc's TEI writer (divisions by level, hi rendition="simple:…", code blocks as
<ab type="codeblock ">, lists typed "ordered:lowerroman", definition lists, formulas, figures
inside paragraphs, notes of paragraphs, an empty ref target); the TEI Consortium's docx→TEI
(TEIGarage/OxGarage: Word's styles in @rend, "Heading 2" left a paragraph, rend="numbered" lists,
index entries from Word's XE fields, a footnote inside its reference mark's hi, a picture's
alternative text in graphic/desc, cells aligned by @style); the BBAW's ediarum letters (names
keyed to a register, index entries spanning to an anchor, seg type="comment" with orig and note,
notes on the letter in correspDesc, respStmt names written surname first).

Each snippet is written here to reproduce one phenomenon met in such files."""

from __future__ import annotations

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, TEI_NS, built, corpus, page
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ Pandoc's TEI writer

# As pandoc -t tei writes a Markdown file: a publicationStmt of a date alone; a code block as
# <ab type='codeblock '> (with its trailing space), its lines and indentation its meaning; inline
# code as <seg type="code">; lists typed "ordered:arabic" and "ordered:lowerroman", an item's
# start number in @n; a definition list of labels and items; a footnote of paragraphs and code.
PANDOC = f"""<?xml version="1.0" encoding="utf-8"?>
<TEI xmlns="{TEI_NS}">
<teiHeader><fileDesc><titleStmt><title>Notes on Gardening</title><author>Jane Doe</author></titleStmt>
<publicationStmt><date>May 3, 2021</date></publicationStmt><sourceDesc><p>Produced by pandoc.</p></sourceDesc></fileDesc></teiHeader>
<text>
<body>
<milestone unit="undefined" type="separator" rend="line" />
<div type="level1" xml:id="code">
  <head>Code with <hi rendition="simple:italic">care</hi></head>
  <p>Run <seg type="code">make  soil</seg> first.</p>
  <ab type='codeblock '>
def water(plant):
    return plant &lt; 5
</ab>
  <list type="ordered:arabic">
    <item n="3"><p>third step</p></item>
    <item><p>fourth step</p>
      <list type="ordered:lowerroman"><item><p>sub one</p></item></list>
    </item>
  </list>
  <list type="unordered"><item><p>bullet one</p></item></list>
  <list type="definition">
    <label>
      apple
    </label>
    <item>
      <p>red fruit</p>
    </item>
  </list>
  <p>An <ref target="">Empty</ref> link and a note.<note>
    <p>The long note.</p>
    <ab type='codeblock '>
  {{ &lt;code&gt; }}
</ab>
  </note></p>
</div>
</body>
</text>
</TEI>
"""


def test_a_code_block_keeps_its_lines_and_indentation_as_code(tmp_path):
    # It was a paragraph (<p class="ab">): its lines ran together, its indentation gone.
    text = page(built(corpus(tmp_path / "c", {"pandoc.xml": PANDOC})), "pandoc").get_element_by_id("text")
    (block,) = text.xpath(".//pre/code")
    assert block.text == "def water(plant):\n    return plant < 5"
    assert [code.text for code in text.xpath(".//p//code")] == ["make  soil"]


def test_a_code_block_in_a_note_is_code_where_a_pre_may_not_stand(tmp_path):
    shown = page(built(corpus(tmp_path / "c", {"pandoc.xml": PANDOC})), "pandoc")
    (note,) = shown.find_class("notes")[0].iter("li")
    (code,) = note.find_class("code")
    assert code.tag == "code" and code.text == "  { <code> }"
    assert not note.xpath(".//pre")


def test_lists_typed_ordered_are_numbered_in_the_numerals_they_name(tmp_path):
    # "ordered:lowerroman" was a bulleted list.
    text = page(built(corpus(tmp_path / "c", {"pandoc.xml": PANDOC})), "pandoc").get_element_by_id("text")
    lists = [(el.tag, el.get("type"), [printed(li) for li in el.iterchildren("li")][-1])
             for el in text.iter("ol", "ul")]
    assert lists == [("ol", None, "fourth step sub one"), ("ol", "i", "sub one"), ("ul", None, "bullet one")]
    assert text.xpath(".//ol/li[1]/@value") == ["3"]
    (definitions,) = text.iter("dl")
    assert [(printed(dt), printed(dt.getnext())) for dt in definitions.iter("dt")] == [("apple", "red fruit")]


def test_a_ref_with_an_empty_target_is_words_and_no_warning(tmp_path, capfd):
    # The link rule's pattern failed on target="" and the XSLT engine printed a warning per page.
    result = built(corpus(tmp_path / "c", {"pandoc.xml": PANDOC}))
    assert "XPTY0004" not in capfd.readouterr().err
    text = page(result, "pandoc").get_element_by_id("text")
    assert [a.get("href") for a in text.iter("a") if printed(a) == "Empty"] == []
    assert "An Empty link and a note." in printed(text)
    assert result.problems == []


# ------------------------------------------------------------------ the TEI Consortium's docx→TEI

# TEIGarage's output for a Word document: paragraphs carrying their Word style in @rend (also a
# heading style Word's outline did not mark, left a paragraph); index entries (Word's XE fields),
# a subentry nested; a footnote inside its reference mark's character style; rend="numbered"
# lists; a picture (graphic with its size and the picture's alternative text in desc); a table
# whose cells carry their alignment in @style.
DOCX = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}">
<teiHeader><fileDesc><titleStmt><title>Security report</title><author>R. Muster</author></titleStmt>
<publicationStmt><p>unknown</p></publicationStmt><sourceDesc><p>Converted from a Word document</p></sourceDesc></fileDesc>
<revisionDesc><listChange><change><date/><name>R. Muster</name></change></listChange></revisionDesc></teiHeader>
<text><body><div><head>Introduction</head>
<p rend="Fließtext"><index indexName="XE" spanTo="#idx1"><term>securitization</term><index><term>Copenhagen School</term></index></index>Several actors form a <hi rend="bold">security complex</hi>.<hi rend="Fußnotenzeichen2"><note place="foot" xml:id="ftn1" n="1"><p rend="footnote text" style="text-align: justify;"><hi rend="italic">Buzan</hi>, Security, p. 12.</p></note></hi> Regional security follows.</p>
<p rend="Heading 2">A heading Word left a paragraph</p>
<list rend="numbered"><item>Cats</item><item>Dogs<list rend="bulleted"><item>Alsatians</item></list></item></list>
<p><graphic n="1001" width="15.92cm" height="10.61cm" url="media/image1.png" rend="inline"><desc>A map of the region</desc></graphic></p>
<table rend="rules"><row><cell style="text-align: left;">A</cell><cell style="text-align: right;">12</cell></row></table>
</div></body></text></TEI>
"""


def test_index_entries_are_points_not_words_run_into_the_text(tmp_path):
    # "securitizationCopenhagen SchoolSeveral actors": the entries' terms read as words of the text.
    shown = page(built(corpus(tmp_path / "c", {"docx.xml": DOCX})), "docx")
    paragraph = shown.get_element_by_id("text").find(".//p")
    assert printed(paragraph) == "Several actors form a security complex.1 Regional security follows."
    (entry,) = paragraph.find_class("index")
    assert entry.get("aria-label") == entry.get("title") == "Index: securitization › Copenhagen School"
    assert entry.get("role") == "note" and entry.text_content() == ""
    # and the entries are listed, for a reader who cannot hover over the mark
    (listed,) = shown.get_element_by_id("about-text").find_class("index-entries")
    assert (printed(listed.getprevious()), printed(listed)) == ("Index entries", "securitization › Copenhagen School")


def test_a_word_heading_style_left_a_paragraph_reads_as_a_heading(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"docx.xml": DOCX})), "docx").get_element_by_id("text")
    (heading,) = text.find_class("heading")
    assert (heading.get("role"), heading.get("aria-level"), printed(heading)) == (
        "heading", "3", "A heading Word left a paragraph")
    assert [el.tag for el in text.iter("ol", "ul")] == ["ol", "ul"]  # rend="numbered", "bulleted"


def test_a_picture_not_published_still_says_what_it_shows(tmp_path):
    # Its desc (Word's alternative text) was lost: only "[Image …: image1.png]" was left.
    result = built(corpus(tmp_path / "c", {"docx.xml": DOCX}))
    text = page(result, "docx").get_element_by_id("text")
    (described,) = text.find_class("graphic-desc")
    assert printed(described) == "A map of the region"
    assert printed(described.getprevious()) == "[Image (not published with this text): image1.png]"


def test_a_cell_aligned_by_its_style_keeps_its_alignment(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"docx.xml": DOCX})), "docx").get_element_by_id("text")
    assert [(td.get("class"), printed(td)) for td in text.iter("td")] == [(None, "A"), ("align-right", "12")]


# ------------------------------------------------------------------ the BBAW's ediarum

# A letter as ediarum.BASE writes it: the editor in respStmt, surname before forename; a note on
# the letter in correspDesc; names keyed to the project's register; an index entry whose span
# ends at an anchor, its term the word the text goes on to say; a commented passage as
# seg type="comment" holding the words (orig) and the comment (note).
EDIARUM = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xmlns:telota="http://www.telota.de" telota:doctype="letter" xml:id="ed_abc123">
<teiHeader><fileDesc><titleStmt><title>Humboldt an Varnhagen, Berlin, 3. Mai 1841</title>
<respStmt>
  <persName>
    <surname>Muster</surname>
    <forename>Erika</forename>
  </persName>
  <resp><note type="remarkResponsibility">Bearbeiterin</note></resp></respStmt></titleStmt>
<publicationStmt><publisher>BBAW</publisher></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>
<profileDesc><correspDesc>
<correspAction type="sent"><persName key="prso_0001">Humboldt, Alexander von</persName><date when="1841-05-03"/></correspAction>
<correspAction type="received"><persName key="prso_0002">Varnhagen von Ense, Karl August</persName></correspAction>
<note>Datierung nach dem <hi rendition="#i">Poststempel</hi>.</note>
</correspDesc></profileDesc></teiHeader>
<text><body><div type="writingSession" xml:id="Schreibakt_1">
<p>Ich sende <persName key="prso_0003">Bessels</persName> Brief über die <index indexName="subjects" spanTo="#index_1"><term key="sub_02">Sternwarte</term></index>Sternwarte<anchor type="index" xml:id="index_1"/>; die <seg type="comment" xml:id="c1"><orig>Kosmos-Vorträge</orig><note type="commentary">In der Singakademie.</note></seg> sind gedruckt.</p>
</div></body></text></TEI>
"""


def test_an_index_entry_does_not_say_its_word_twice(tmp_path):
    # "über die SternwarteSternwarte".
    text = page(built(corpus(tmp_path / "c", {"ediarum.xml": EDIARUM})), "ed_abc123").get_element_by_id("text")
    assert printed(text) == "Ich sende Bessels Brief über die Sternwarte; die Kosmos-Vorträgea sind gedruckt."
    assert [el.get("title") for el in text.find_class("index")] == ["Index: Sternwarte"]


def test_a_commented_passage_keeps_its_words_and_its_comment_linked_both_ways(tmp_path):
    shown = page(built(corpus(tmp_path / "c", {"ediarum.xml": EDIARUM})), "ed_abc123")
    (mark,) = shown.get_element_by_id("text").find_class("noteref")
    (note,) = shown.find_class("notes")[0].iter("li")
    assert mark.get("href") == f"#{note.get('id')}"
    assert note.find_class("note-backlink")[0].get("href") == f"#{mark.get('id')}"
    assert printed(note.find_class("note-body")[0]) == "In der Singakademie."


def test_the_note_on_the_letter_and_its_editor_are_in_its_description(tmp_path):
    # The correspDesc note was left out; the editor read "Muster Erika".
    about = page(built(corpus(tmp_path / "c", {"ediarum.xml": EDIARUM})), "ed_abc123").get_element_by_id("about-text")
    rows = {printed(dt): printed(dt.getnext()) for dt in about.iter("dt")}
    assert rows["Note on the letter"] == "Datierung nach dem Poststempel."
    assert rows["Bearbeiterin"] == "Muster, Erika"


# ------------------------------------------------------------------ the W3C checker

def test_this_round_s_texts_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"pandoc.xml": PANDOC, "docx.xml": DOCX, "ediarum.xml": EDIARUM})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
