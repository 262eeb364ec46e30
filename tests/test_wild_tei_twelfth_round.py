"""`build --corpus` on real TEI, twelfth round: what a speaker does around the words in a
parliament's transcript (ParlaMint and Parla-CLARIN: who coughs, who applauds), texts made of
groups of texts, linguistic stand-off annotation (TEI P5's standOff with spanGrp, interpGrp and
listAnnotation, as TEASys and the Serafin letters write it), and a teiCorpus written without the
TEI namespace.

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from lxml import html
from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, built, corpus, page, tei, words
from test_wild_tei_eighth_round import PARLAMINT_CORPUS, SPEAKERS
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ who coughs, who applauds

ACTED = tei("""<body><div type="debateSection">
<u who="#PAD_04476" xml:id="u1"><seg>Ich eröffne die Sitzung.</seg></u>
<vocal type="cough" who="#PAD_04476"><desc>(Husten.)</desc></vocal>
<kinesic type="applause" who="#PAD_04476 #opposition"><desc>(Beifall.)</desc></kinesic>
<incident who="#PAD_99999"><desc>(Verlässt den Saal.)</desc></incident>
<kinesic type="applause"><desc>(Beifall bei der FPÖ.)</desc></kinesic>
</div></body>""", lang="de")


def acted(tmp_path):
    return built(corpus(tmp_path / "c", {"ParlaMint-XX.xml": PARLAMINT_CORPUS, "ParlaMint-XX-listPerson.xml": SPEAKERS,
                                         "sitting.xml": ACTED}))


def test_who_coughs_or_applauds_is_named_after_what_they_do_and_linked_to_the_entry(tmp_path):
    # ParlaMint writes <vocal who="#PAD_04476"> and <kinesic who="#…">, Parla-CLARIN's own
    # guidelines <vocal who="#opposition">: the @who was shown nowhere.
    text = page(acted(tmp_path), "sitting").get_element_by_id("text")
    incidents = text.find_class("incident")
    assert [printed(i) for i in incidents] == [
        "(Husten.) (Barbara Prammer)", "(Beifall.) (Barbara Prammer, opposition)",
        "(Verlässt den Saal.) (PAD_99999)", "(Beifall bei der FPÖ.)"]
    assert [i.xpath(".//a/@href") for i in incidents] == [
        ["../persons/PAD_04476.html"], ["../persons/PAD_04476.html"], [], []]


def test_what_a_speaker_does_is_a_mention_the_entry_lists_as_it_lists_the_utterances(tmp_path):
    result = acted(tmp_path)
    sitting_page = page(result, "sitting")
    entry = html.fromstring(result.files["persons/PAD_04476.html"])
    listed = entry.find_class("mentions")[0].xpath(".//li/a")
    assert [printed(a) for a in listed] == ["Ich eröffne die Sitzung.", "(Husten.)", "(Beifall.)"]
    for link in listed:
        anchor = link.get("href").split("#")[1]
        assert sitting_page.get_element_by_id(anchor).get("href") == "../persons/PAD_04476.html"


def test_a_speaker_the_transcript_lists_itself_by_the_parts_of_its_name_is_named_word_by_word(tmp_path):
    # A sitting's own particDesc, as ParlaMint writes a person's name: <forename>…<surname>, no
    # space between them: "BarbaraPrammer" led her utterance and her applause.
    sitting = tei('<body><u who="#P1"><seg>Danke.</seg></u><kinesic type="applause" who="#P1"><desc>(Beifall.)</desc></kinesic></body>',
                  profile='<profileDesc><particDesc><listPerson><person xml:id="P1"><persName><forename>Barbara</forename>'
                          '<surname>Prammer</surname></persName></person></listPerson></particDesc></profileDesc>')
    text = page(built(corpus(tmp_path / "c", {"sitting.xml": sitting})), "sitting").get_element_by_id("text")
    assert [printed(a) for a in text.xpath(".//a[@class = 'who']")] == ["Barbara Prammer", "Barbara Prammer"]


# ------------------------------------------------------------------ a text made of a group of texts

GROUPED = tei("""<front><head>Records of Early English Drama: Staffordshire</head></front>
<group>
  <text type="record"><front><titlePage><docTitle><titlePart>Lichfield Corporation</titlePart></docTitle></titlePage></front>
    <body><head>Chamberlains' accounts</head><p>Paid to the players.</p></body>
    <back><p>Endnote to the accounts.</p></back></text>
  <group><head>Sumerian literature</head>
    <text n="t.1.1.1"><body><p>In those days, in those far-off days.</p></body></text>
    <text><body><div><head>Enki and Ninmah</head><p>In those nights.</p></div></body></text>
    <text><body><p>In those years.</p></body></text>
  </group>
</group>""")


def test_each_text_of_a_group_reads_in_order_with_a_contents_entry_of_its_own(tmp_path):
    # The records of REED's Staffordshire (text type="record", each with a body/head) and ETCSL's
    # compositions (text n="t.1.1.1", no heading) in groups: only a division's heading was in the
    # contents, and a text without divisions was not there at all.
    document = page(built(corpus(tmp_path / "c", {"reed.xml": GROUPED})), "reed")
    text = document.get_element_by_id("text")
    for mark in text.find_class("permalink"):
        mark.drop_tree()
    assert words(text) == (
        "Records of Early English Drama: Staffordshire Lichfield Corporation Chamberlains' accounts "
        "Paid to the players. Endnote to the accounts. Sumerian literature In those days, in those far-off days. "
        "Enki and Ninmah In those nights. In those years.")
    contents = document.find_class("toc")[0].find("ol")

    def entries(ol):
        return [(printed(li.find("a")), entries(li.find("ol")) if li.find("ol") is not None else [])
                for li in ol.findall("li")]
    # A text named by nothing of its own but its divisions is listed by them; one with nothing at
    # all by its place in the group.
    assert entries(contents) == [
        ("Lichfield Corporation", []),
        ("Sumerian literature", [("t.1.1.1", []), ("Enki and Ninmah", []), ("Text 3", [])])]
    for link in contents.iter("a"):
        assert text.get_element_by_id(link.get("href")[1:]) is not None


# ------------------------------------------------------------------ stand-off annotation

ANNOTATED = tei("""<body><div><p><anchor xml:id="s-1"/>It is a truth universally acknowledged<anchor xml:id="e-1"/>,
that a single <w xml:id="w1">man</w> in <w xml:id="w2">possession</w> of a good fortune<anchor xml:id="aa"/>.</p>
<list><item xml:id="i1">A wife.</item></list></div></body>
</text><standOff>
<listAnnotation>
  <annotation xml:id="ann-1" from="#s-1" to="#e-1" motivation="commenting">
    <respStmt><resp>annotator</resp><name>M. Bauer</name><name>A. Zirker</name></respStmt>
    <date>2024-05-02</date>
    <div type="level" n="1"><div type="category" ana="#language"><p>An ironic <hi rend="italic">maxim</hi>.</p>
      <listBibl><bibl>Austen, Pride and Prejudice (1813)</bibl></listBibl></div></div>
  </annotation>
  <note n="a" type="transcription" target="#aa">districti skreślone</note>
  <note target="#i1">on a list</note>
</listAnnotation>
<spanGrp type="ner"><span from="#w1" to="#w2" ana="#PER"/></spanGrp>
<interpGrp type="ner"><interp xml:id="PER">person</interp></interpGrp>
<linkGrp type="UD-SYN"><link target="#w1 #w2"/></linkGrp>
</standOff><text>""").replace("<text></text></TEI>", "</TEI>")


def test_stand_off_annotations_are_listed_with_the_words_they_are_about_and_marked_where_these_end(tmp_path):
    # TEASys (Tübingen's annotations of literature): annotation from="#s-1" to="#e-1", its levels
    # of explanation in divs, by whom and when; the Serafin letters: notes in a listAnnotation,
    # each with a @target; a named-entity layer (spanGrp, span @from @to @ana, interpGrp). The
    # text read as if the standOff were not there, and nothing said that it was left out.
    result = built(corpus(tmp_path / "c", {"austen.xml": ANNOTATED}))
    document = page(result, "austen")
    text = document.get_element_by_id("text")
    marks = text.find_class("annotation-ref")
    assert [(m.text, m.get("href")) for m in marks] == [
        ("a1", "#annotation-ann-1"), ("a4", f"#{document.find_class('annotation')[3].get('id')}"),
        ("a2", f"#{document.find_class('annotation')[1].get('id')}")]
    assert words(text.find(".//p")).startswith("It is a truth universally acknowledged a1 , that a single man in possession a4")
    annotations = document.find_class("annotations")[0]
    assert [words(li) for li in annotations.findall("li")] == [
        "a1 It is a truth universally acknowledged commenting An ironic maxim . "
        "Austen, Pride and Prejudice (1813) annotator: M. Bauer, A. Zirker 2024-05-02",
        "a2 transcription districti skreślone",
        "a3 A wife. on a list",
        "a4 man in possession ner person"]
    # Each links back to its mark; the one on a list's item, where no mark can stand, is not a link.
    assert [li.xpath("./a[@role = 'doc-backlink']/@href") for li in annotations.findall("li")] == [
        ["#annotation-ann-1-ref"], [f"#{annotations.findall('li')[1].get('id')}-ref"], [],
        [f"#{annotations.findall('li')[3].get('id')}-ref"]]
    for link in text.find_class("annotation-ref"):
        assert document.get_element_by_id(link.get("href")[1:]) is not None
    # The standOff is no register, and what it holds that the page does not show is said once.
    assert [doc.rel for doc in result.corpus.texts] == ["austen.xml"] and result.corpus.registers == []
    assert [str(p) for p in result.problems] == [
        "austen.xml:17:1: warning: the standOff's linkGrp (1 element) is not shown on the text's page"]


def test_a_layer_of_spans_on_every_word_is_said_to_be_there_not_shown_mark_by_mark(tmp_path):
    # A part-of-speech layer: a span on each of 600 words. Marks on every word would bury the text,
    # and finding each span's words over the whole text would take time growing with its square.
    tokens = "".join(f'<w xml:id="w{n}">word{n}</w> ' for n in range(600))
    spans = "".join(f'<span from="#w{n}" to="#w{n}" ana="#NOUN"/>' for n in range(600))
    document = tei(f"<body><p>{tokens}</p></body></text><standOff><spanGrp type='pos'>{spans}</spanGrp>"
                   "<interpGrp><interp xml:id='NOUN'>noun</interp></interpGrp></standOff><text>"
                   ).replace("<text></text></TEI>", "</TEI>")
    page_ = page(built(corpus(tmp_path / "c", {"tagged.xml": document})), "tagged")
    assert page_.find_class("annotation-ref") == [] and page_.find_class("annotation") == []
    [said] = page_.find_class("annotations-not-shown")
    assert "600 stand-off annotations" in words(said)
    assert "word0 word1" in words(page_.get_element_by_id("text"))


def test_annotations_are_a_section_of_their_own_and_a_text_without_notes_has_no_notes_heading(tmp_path):
    # The annotations were listed inside the page's "Notes" section: a text with annotations and no
    # note at all was given a "Notes" heading over a list of annotations.
    document = page(built(corpus(tmp_path / "c", {"austen.xml": ANNOTATED})), "austen")
    assert document.find_class("notes-section") == []
    (section,) = document.find_class("annotations-section")
    assert [printed(h) for h in section.xpath(".//h2 | .//h3")] == ["Annotations"]
    assert section.get("aria-labelledby") == section.find("h2").get("id") == "annotations-title"
    assert len(section.find_class("annotations")[0].findall("li")) == 4
    # Where a text has both, each is under its own heading, the notes first.
    noted = ANNOTATED.replace("single <w", 'single<note>a bachelor</note> <w')
    document = page(built(corpus(tmp_path / "d", {"austen.xml": noted})), "austen")
    assert [printed(h) for h in document.xpath("//section[contains(@class, 'notes-section') or contains(@class, 'annotations-section')]/h2")] == [
        "Notes", "Annotations"]
    assert document.find_class("notes")[0].xpath("count(li)") == 1


def test_annotations_are_set_as_the_notes_are_small_and_wrapping_on_a_phone():
    sheet = (ROOT / "theme" / "static" / "edition.css").read_text()
    assert "ol.annotations { padding-left: 0; list-style: none; font-size: .9rem; }" in sheet
    assert ".notes-section, .annotations-section { overflow-wrap: anywhere; }" in sheet


# ------------------------------------------------------------------ a teiCorpus without the TEI namespace

def test_a_tei_corpus_without_the_tei_namespace_is_titled_by_its_header(tmp_path):
    # The Recueil des actes de l'abbaye de Fontenay (NTsch/fontenay): <teiCorpus><teiHeader>… with
    # no namespace. Its charters were read, but the corpus was named after its folder.
    act = ("<TEI><teiHeader><fileDesc><titleStmt><title>Act 1</title></titleStmt><publicationStmt><p>p</p>"
           "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
           "<text><body><p>Stephanus</p></body></text></TEI>")
    source = ("<teiCorpus><teiHeader><fileDesc><titleStmt><title>Recueil des actes de\n  Fontenay</title></titleStmt>"
              "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
              + act + "</teiCorpus>")
    result = built(corpus(tmp_path / "c", {"fontenay.xml": source}))
    assert result.corpus.title == "Recueil des actes de Fontenay"
    assert "Recueil des actes de Fontenay" in result.files["index.html"].decode()


# ------------------------------------------------------------------ as the W3C checker reads them

def test_annotations_groups_and_what_speakers_do_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"austen.xml": ANNOTATED, "reed.xml": GROUPED, "ParlaMint-XX.xml": PARLAMINT_CORPUS,
                                     "ParlaMint-XX-listPerson.xml": SPEAKERS, "sitting.xml": ACTED})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
