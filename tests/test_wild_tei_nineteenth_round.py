"""`build --corpus` on real TEI, nineteenth round: letters in their correspondence (correspDesc's
correspContext: the previous and the next letter, as the ACDH's schnitzler-briefe and the Weber
edition write them) and correspSearch's CMIF files (a header of many letters' records and no
text); the Digital Latin Library's critical editions (LDLT: a conspectus siglorum in the front,
readings with their witnesses, witnesses named in words, an apparatus at paragraph level); the
Women Writers Project's notes kept in a hyperDiv and tied to their anchors by @corresp; class
values with no trailing space.

Each snippet is written here to reproduce one phenomenon met in such projects' files."""

from __future__ import annotations

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, TEI_NS, built, corpus, page
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ letters in their correspondence

# schnitzler-briefe (ACDH): correspContext with the correspondence the letter belongs to and refs of
# type withinCollection (the edition's letters by date) and withinCorrespondence (this correspondence's),
# subtype previous_letter / next_letter, naming the letters by their ids (their files' names without ".xml").
BAHR = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">
<teiHeader><fileDesc><titleStmt><title level="a">Hermann Bahr an Arthur Schnitzler, 1. 3. 1891</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>
<profileDesc><correspDesc>
<correspAction type="sent"><persName>Bahr, Hermann</persName><placeName>Berlin</placeName><date when="1891-03-01">1. 3. 1891</date></correspAction>
<correspAction type="received"><persName>Schnitzler, Arthur</persName></correspAction>
<correspContext><ref type="belongsToCorrespondence" target="correspondence_10815">Hermann Bahr</ref>
<ref type="withinCollection" subtype="previous_letter" target="L00000">Schnitzler an Bahr, 20. 2. 1891</ref>
<ref type="withinCollection" subtype="next_letter" target="L00002">Schnitzler an Bahr, 5. 3. 1891</ref>
<ref type="withinCorrespondence" subtype="next_letter" source="correspondence_10815" target="L00002">Schnitzler an Bahr, 5. 3. 1891</ref>
<ref type="withinCorrespondence" subtype="next_letter" target=""></ref>
</correspContext></correspDesc></profileDesc></teiHeader>
<text><body><div type="writingSession"><p>Lieber Freund, ich schreibe dir.</p></div></body></text></TEI>
"""
# The Guidelines' (and the Weber edition's) form: type="prev" / "next", a sentence of names and a date.
SCHNITZLER = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">
<teiHeader><fileDesc><titleStmt><title>Arthur Schnitzler an Hermann Bahr, 5. 3. 1891</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>
<profileDesc><correspDesc>
<correspAction type="sent"><persName>Schnitzler, Arthur</persName><date when="1891-03-05"/></correspAction>
<correspAction type="received"><persName>Bahr, Hermann</persName></correspAction>
<correspContext><ref type="prev" target="L00001.xml">Previous letter of <persName>Bahr</persName> to
<persName>Schnitzler</persName>: <date when="1891-03-01">1 March 1891</date></ref>
<ref type="next" target="https://example.org/A040962">Next letter: <date when="1891-03-09">9 March 1891</date></ref>
</correspContext></correspDesc></profileDesc></teiHeader>
<text><body><p>Lieber Hermann, danke.</p></body></text></TEI>
"""


def about_rows(shown) -> list[tuple[str, str, str | None]]:
    rows = []
    for dd in shown.get_element_by_id("about-text").find_class("correspondence-context"):
        link = dd.find("a")
        rows.append((printed(dd.getprevious()), printed(dd), link.get("href") if link is not None else None))
    return rows


def test_a_letter_s_previous_and_next_letters_are_named_and_linked_where_the_corpus_has_them(tmp_path):
    # correspContext was passed over: the letter's place in its correspondence was lost.
    result = built(corpus(tmp_path / "c", {"L00001.xml": BAHR, "L00002.xml": SCHNITZLER}))
    assert about_rows(page(result, "L00001")) == [
        ("In the correspondence", "Hermann Bahr", None),
        ("Previous letter in the edition", "Schnitzler an Bahr, 20. 2. 1891", None),  # not in the corpus: named
        ("Next letter in the edition", "Schnitzler an Bahr, 5. 3. 1891", "../texts/L00002.html"),
        ("Next letter in this correspondence", "Schnitzler an Bahr, 5. 3. 1891", "../texts/L00002.html")]
    assert about_rows(page(result, "L00002")) == [
        ("Previous letter", "Previous letter of Bahr to Schnitzler: 1 March 1891", "../texts/L00001.html"),
        ("Next letter", "Next letter: 9 March 1891", "https://example.org/A040962")]


# schnitzler-briefe's commentary points at another letter by an empty reference ("cf."), its target
# the letter's id: it was an empty link (no words for a reader or a screen reader).
CF = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">
<teiHeader><fileDesc><titleStmt><title>Schnitzler an Bahr, 2. 3. 1891</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><body><p>Dank.<note type="commentary">Vgl. <ref type="schnitzler-briefe" subtype="cf" target="L00001"/>,
<ref target="https://example.org/brief"/>, <ref target="L00001">den Brief <ref target="L00001"/></ref>.</note></p></body></text></TEI>
"""


def test_a_reference_of_no_words_reads_as_the_title_or_address_it_points_to(tmp_path):
    result = built(corpus(tmp_path / "c", {"L00001.xml": BAHR, "L00003.xml": CF}))
    note = page(result, "L00003").find_class("note-body")[0]
    links = [(printed(a), a.get("href")) for a in note.iter("a")]
    assert links == [("Hermann Bahr an Arthur Schnitzler, 1. 3. 1891", "../texts/L00001.html"),
                     ("https://example.org/brief", "https://example.org/brief"),
                     ("den Brief Hermann Bahr an Arthur Schnitzler, 1. 3. 1891", "../texts/L00001.html")]


# correspSearch's CMIF: a header-only file, each letter a correspDesc with @ref (its page) and @source
# (the edition printing it), persons and places by authority URIs (GND, VIAF, GeoNames); a file
# written by hand puts correspAction out of TEI's namespace (xmlns=""), schnitzler-cmif's files do.
CMIF = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}">
<teiHeader><fileDesc><titleStmt><title>Letters of a composer</title><editor>An Editor</editor></titleStmt>
<publicationStmt><publisher><ref target="https://example.org/edition">An edition</ref></publisher>
<idno type="url">https://example.org/cmif.xml</idno><date when="2015-02-11T13:47:49.11+02:00"/>
<availability><licence target="https://creativecommons.org/licenses/by/4.0/">CC-BY 4.0</licence></availability></publicationStmt>
<sourceDesc><bibl type="online" xml:id="ed1">An edition of letters</bibl>
<bibl type="print" xml:id="ed2">Printed letters, Vienna 1958</bibl></sourceDesc></fileDesc>
<profileDesc>
<correspDesc ref="https://example.org/A044943" source="#ed1">
<correspAction type="sent"><persName ref="http://d-nb.info/gnd/118629662">Weber, Carl Maria von</persName>
<placeName ref="http://www.geonames.org/2935022">Dresden</placeName><date when="1825-05-07"/></correspAction>
<correspAction type="received"><persName ref="http://viaf.org/viaf/12345">Dietrichstein, Moritz von</persName></correspAction>
</correspDesc>
<correspDesc ref="https://example.org/A044980" source="#ed1">
<correspAction type="sent"><persName ref="http://d-nb.info/gnd/118814044">Gänsbacher, Johann</persName>
<date notBefore="1810-07-11" notAfter="1810-07-18" cert="medium"/></correspAction>
<correspAction type="received"><persName ref="http://d-nb.info/gnd/118629662">Weber, Carl Maria von</persName>
<placeName ref="http://www.geonames.org/2873891">Mannheim</placeName></correspAction>
</correspDesc>
<correspDesc source="#ed2" key="11">
<correspAction xmlns="" type="sent"><persName xmlns="{TEI_NS}">Rainer Maria Rilke</persName>
<date xmlns="{TEI_NS}" notBefore="1902-01-01" notAfter="1902-01-14">Anfang 1902</date>
<placeName xmlns="{TEI_NS}" cert="low">Westerwede</placeName></correspAction>
<correspAction type="received"><persName>Pastenaci, E.</persName></correspAction>
</correspDesc>
</profileDesc></teiHeader>
<text><body><p/></body></text></TEI>
"""


def test_a_cmif_file_s_letters_are_its_text_listed_by_date_with_their_pages_and_sources(tmp_path):
    # The page's text was empty; the letters only rows of its description, "Correspondence" each.
    shown = page(built(corpus(tmp_path / "c", {"cmif.xml": CMIF})), "cmif")
    letters = shown.get_element_by_id("text").find_class("letter")
    assert [printed(letter) for letter in letters] == [
        "Gänsbacher, Johann → Weber, Carl Maria von, 11 July 1810–18 July 1810 · received: Mannheim · the letter · source: An edition of letters",
        "Weber, Carl Maria von → Dietrichstein, Moritz von, Dresden, 7 May 1825 · the letter · source: An edition of letters",
        "Rainer Maria Rilke → Pastenaci, E., Westerwede, Anfang 1902 · source: Printed letters, Vienna 1958"]
    assert [[a.get("href") for a in letter.iter("a") if "example.org" in a.get("href") or a.get("href").startswith("#")]
            for letter in letters] == [["https://example.org/A044980", "#ed1"], ["https://example.org/A044943", "#ed1"], ["#ed2"]]
    about = shown.get_element_by_id("about-text")
    assert [printed(dd) for dd in about.find_class("correspondence")] == ["3 letters, listed in the text"]
    # its correspondents each once ("A; B → B; C" named Weber twice), its dates from first to last
    assert printed(shown.find_class("text-author")[0]) == (
        "Weber, Carl Maria von; Dietrichstein, Moritz von; Gänsbacher, Johann; Rainer Maria Rilke; Pastenaci, E.")
    # (Rilke's letter, its sending written outside TEI's namespace, among them and in the range)
    assert printed(shown.find_class("text-date")[0]) == "11 July 1810 – 14 January 1902"


def test_a_file_of_one_letter_or_an_anthology_is_not_a_list_of_letters(tmp_path):
    one = CMIF.replace("<correspDesc source=", "<correspDesc xml:id='r' source=").split("<correspDesc ref=")[0] + \
        "<correspDesc><correspAction type='sent'><persName>Anna</persName></correspAction></correspDesc></profileDesc>" \
        "</teiHeader><text><body><p>Dear Berta.</p></body></text></TEI>"
    shown = page(built(corpus(tmp_path / "c", {"one.xml": one})), "one")
    assert not shown.find_class("letters")
    assert [printed(dd) for dd in shown.get_element_by_id("about-text").find_class("correspondence")] == ["Anna"]


# ------------------------------------------------------------------ the Digital Latin Library (LDLT)

# Calpurnius Siculus as the LDLT encodes him: witnesses listed in the front, sigla Greek and Latin;
# an app holding only a note on a line; a reading a witness omits (an empty rdg); witnesses named
# in words (wit after the lemma: "Glaeser sqq."); a conjecture's author by @source; an app whose
# readings are paragraphs (one witness has the paragraph, the others omit it).
CALPURNIUS = f"""<TEI xmlns="{TEI_NS}" xml:lang="la">
<teiHeader><fileDesc><titleStmt><title>Eclogues</title></titleStmt><publicationStmt><p>t</p></publicationStmt>
<sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><front><div type="witnesses"><head>Conspectus siglorum</head>
<listWit><witness xml:id="N"><abbr type="siglum">N</abbr> Neapolitanus V A 8</witness>
<witness xml:id="G"><abbr type="siglum">G</abbr> Gaddianus 90</witness>
<witness xml:id="rho1" n="ρ1">Riccardianus 636</witness></listWit>
<listBibl><bibl xml:id="Glaeser">Glaeser 1842</bibl></listBibl></div></front>
<body><div type="textpart" n="2"><head>Poem 2</head>
<app><note target="#line-2.1">hic loquitur poeta <ref target="#G">G</ref></note></app>
<l n="1" xml:id="line-2.1"><app><lem>puer</lem><rdg wit="#N"/></app> et puer
<app><lem>Idas</lem><rdg wit="#G #rho1">ydas</rdg></app>,</l>
<l n="4">voce sonans. <app><lem type="emendation">hi cum terras</lem><wit><ref target="#Glaeser">Glaeser</ref> sqq.</wit>
<rdg wit="#N #G">hy cum terras</rdg><wit>edd. ante Glaeser</wit></app> ureret aestas,</l>
<l n="8">ne messem <app><lem wit="#N #G">vindicet</lem><rdg source="#Heins." type="conjecture">venditet</rdg></app> horti;</l>
</div>
<div type="textpart" n="3"><p>Prose first.</p>
<app><lem wit="#N"><p>A paragraph N alone has.</p></lem><rdg wit="#G"/></app>
</div></body></text></TEI>
"""


def test_the_conspectus_siglorum_lists_each_witness_under_its_siglum(tmp_path):
    # The witnesses ran together as lines of plain words, their ids (which the sigla link to) lost.
    front = page(built(corpus(tmp_path / "c", {"calp.xml": CALPURNIUS})), "calp").get_element_by_id("text").find_class("front")[0]
    (sigla,) = front.find_class("list-wit")
    assert [(dt.get("id"), printed(dt), printed(dt.getnext())) for dt in sigla.iter("dt")] == [
        ("N", "N", "Neapolitanus V A 8"), ("G", "G", "Gaddianus 90"), ("rho1", "ρ1", "Riccardianus 636")]


def test_readings_are_listed_with_their_witnesses_sigla_or_words(tmp_path):
    shown = page(built(corpus(tmp_path / "c", {"calp.xml": CALPURNIUS})), "calp")
    entries = [printed(li) for li in shown.find_class("apparatus")[0].iter("li")]
    assert entries == [
        "↑ hic loquitur poeta G",  # a note on a line: no lemma, no "]"
        "↑ puer] puer; om. N",
        "↑ Idas] Idas; ydas G ρ1",
        # "Glaeser sqq." and "edd. ante Glaeser", the witnesses in words, were lost
        "↑ hi cum terras] hi cum terras Glaeser sqq.; hy cum terras N G edd. ante Glaeser",
        "↑ vindicet] vindicet N G; venditet conj. Heins.",  # a conjecture, said to be one
        "↑ A paragraph N alone has.] A paragraph N alone has. N; om. G"]


def test_an_apparatus_entry_of_paragraphs_is_a_block_not_a_span_holding_a_paragraph(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"calp.xml": CALPURNIUS})), "calp").get_element_by_id("text")
    (block,) = [v for v in text.find_class("variants") if v.find("p") is not None]
    assert block.tag == "div"
    assert printed(block.find("p")).startswith("A paragraph N alone has.")
    assert not text.xpath(".//span//p")


# ------------------------------------------------------------------ the Women Writers Project's notes

# The WWP keeps its notes apart, in a hyperDiv before the body; an anchor in the text points at its
# note by @corresp (or the note at its anchor by @corresp or @target). A note of type="WWP" is the
# project's own.
WWP_NOTES = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">
<teiHeader><fileDesc><titleStmt><title>Poems</title></titleStmt><publicationStmt><p>t</p></publicationStmt>
<sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><hyperDiv><notes>
<note xml:id="n1" type="authorial" place="foot">The Author's own note on the garden.</note>
<note xml:id="n2" type="WWP" corresp="#a2">Printed as "gardn".</note>
</notes></hyperDiv>
<body><div type="poem"><head>To a Garden</head>
<lg><l>Sweet is the garden<anchor xml:id="a1" corresp="#n1"/> at the break of day,</l>
<l>Where roses grow<anchor xml:id="a2"/> and <term>eglantine</term> play.</l></lg>
</div></body></text></TEI>
"""


def test_notes_kept_in_a_hyperdiv_are_marked_at_their_anchors(tmp_path):
    # Their markers stood in a row above the text, where the hyperDiv is, not at the anchors.
    text = page(built(corpus(tmp_path / "c", {"poems.xml": WWP_NOTES})), "poems").get_element_by_id("text")
    lines = text.find_class("l")
    assert [[a.get("href") for a in line.find_class("noteref")] for line in lines] == [["#n1"], ["#n2"]]
    assert len(text.find_class("noteref")) == 2
    assert [line.text_content() for line in lines] == ["Sweet is the garden1 at the break of day,",
                                                       "Where roses grow2 and eglantine play."]


def test_a_note_tied_to_its_anchor_both_ways_is_marked_there_once(tmp_path):
    # Pointed at by its anchor and pointing at it, the note was marked twice: two markers, one id.
    both = WWP_NOTES.replace('<anchor xml:id="a2"/>', '<anchor xml:id="a2" corresp="#n2"/>')
    text = page(built(corpus(tmp_path / "c", {"poems.xml": both})), "poems").get_element_by_id("text")
    assert [a.get("id") for a in text.find_class("noteref")] == ["noteref-n1", "noteref-n2"]


def test_the_notes_are_listed_once_each_with_their_words_and_kind(tmp_path):
    shown = page(built(corpus(tmp_path / "c", {"poems.xml": WWP_NOTES})), "poems")
    (notes,) = shown.find_class("notes")
    assert [(printed(li.find_class("note-type")[0]), printed(li.find_class("note-body")[0])) for li in notes.iter("li")] == [
        ("Author’s note", "The Author's own note on the garden."), ("WWP note", 'Printed as "gardn".')]


# ------------------------------------------------------------------ class values

def test_class_values_have_no_space_at_their_end(tmp_path):
    # "list ", "title-part ": an element of no @type left a space after its class.
    document = f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><front><titlePage><docTitle><titlePart>THE TITLE</titlePart></docTitle></titlePage></front>
<body><list><item>a</item></list><list><label>x</label><item>y</item></list><list type="ordered"><item>b</item></list>
<p>In a paragraph: <list><item>c</item></list></p></body></text></TEI>"""
    shown = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t")
    classes = [el.get("class") for el in shown.iter() if el.get("class") is not None]
    assert [c for c in classes if c != " ".join(c.split())] == []
    assert {"title-part", "list", "list ordered"} <= set(classes)


def test_term_and_gloss_links_look_as_name_links_do():
    css = (ROOT / "theme" / "static" / "edition.css").read_text()
    assert "a.name, a.entry-link { text-decoration: none;" in css
    assert "a.name:hover, a.name:focus, a.entry-link:hover, a.entry-link:focus { color: var(--link); }" in css


# ------------------------------------------------------------------ the W3C checker

def test_this_round_s_texts_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"L00001.xml": BAHR, "L00002.xml": SCHNITZLER, "cmif.xml": CMIF,
                                     "calp.xml": CALPURNIUS, "poems.xml": WWP_NOTES})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
