"""`build --corpus` on real TEI, eleventh round: medieval charters (the Recueil des actes de
l'abbaye de Fontenay, NTsch/fontenay: a teiCorpus written without the TEI namespace, words whose
abbreviations are laid out on lines of their own, a regest, witnesses the text is edited from,
the charter's own witnesses, damage) and a critical edition over several witnesses (the Patristic
Text Archive's guidelines: readings grouped, conjectures, where a witness begins, ends or breaks
off, a witness's detail), and the print stylesheet's rules for the markers of the last rounds.

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

import time

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from lxml import html
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page, tei, words
from test_wild_tei_eighth_round import spoken_by_the_list
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus
from ria.publish.transform import Transformer, saxon

# ------------------------------------------------------------------ a charter

CHARTER_HEADER = HEADER.replace("<sourceDesc><p>t</p></sourceDesc>", """<sourceDesc><listWit>
<witness n="A"><msDesc><msIdentifier><settlement>Dijon</settlement><repository>Archives départementales de la Côte-d'Or</repository>
<idno>15 H 17</idno></msIdentifier>
<physDesc><objectDesc><supportDesc material="perg"><support><p>Original on parchment</p></support></supportDesc></objectDesc>
<additions>Dorsal notes: (12th c.) « De decimis non reddendis »</additions>
<sealDesc><seal n="1" material="wax"><p>The bishop's seal, brown wax, broken.</p></seal></sealDesc>
</physDesc></msDesc></witness>
<witness n="B"><msDesc><msIdentifier><settlement>Dijon</settlement><idno>15 H 9</idno></msIdentifier>
<p>Cartulary 1, <locus>fol. 21r</locus>.</p></msDesc></witness>
<witness n="a">Plancher, Histoire de Bourgogne, t. I, no. 64</witness>
</listWit></sourceDesc>""")
CHARTER_PROFILE = """<profileDesc><abstract><p>Stephen, bishop of Autun, frees the abbey of Fontenay
from paying tithes.</p></abstract></profileDesc>"""
CHARTER = (f'<TEI xmlns="{TEI_NS}" xml:lang="la">' + CHARTER_HEADER.format(title="Original act no. 1", profile=CHARTER_PROFILE)
           + """<text><body><div type="charter"><p>
<lb n="1"/>
<w>Stephanus</w>
<w>
  <choice>
    <expan>de</expan>
    <abbr>δ̄</abbr>
  </choice>i</w>
<w>qu<choice><expan>em</expan><abbr>ẽ</abbr></choice>c<choice>
    <expan>um</expan>
    <abbr>ũ</abbr>
  </choice>
  <choice>
    <expan>que</expan>
    <abbr>q;</abbr>
  </choice>
</w>
<w>
  <seg type="wp" part="I">jus</seg>
  <lb break="no"/>
  <seg type="wp" part="F">titiam</seg>
</w>
<w>sigillo</w> <damage agent="water"><w>meo</w></damage> <w>munio</w><pc>.</pc></p>
<listPerson type="witnesses"><person><persName>Gaufridus</persName><roleName>archdeacon</roleName></person>
<person><persName>Seguinus</persName></person></listPerson>
</div></body></text></TEI>""")


def charter(tmp_path):
    return page(built(corpus(tmp_path / "c", {"act1.xml": CHARTER})), "act1")


def test_a_words_abbreviations_laid_out_on_lines_of_their_own_are_one_word(tmp_path):
    # Fontenay's charters put each abbreviation of a word, its expansion and its sign, on lines
    # of their own inside the <w>: the layout's whitespace split "quemcumque" in two.
    line = charter(tmp_path).get_element_by_id("text").xpath(".//p")[0]
    for sign in line.xpath(".//*[@class = 'original' or @class = 'app-ref']"):
        sign.drop_tree()
    assert printed(line) == "Stephanus dei quemcumque justitiam sigillo ⸢meo⸣ munio."


def test_a_damaged_word_is_marked_where_the_damage_begins_and_ends(tmp_path):
    text = charter(tmp_path).get_element_by_id("text")
    start, end = text.find_class("damage")
    assert (start.text, start.get("aria-label"), end.text, end.get("aria-label")) == (
        "⸢", "damaged from here (water) to ⸣", "⸣", "end of what is damaged")
    assert (start.tail, start.getnext() is end) == ("meo", True)


def test_the_charters_own_witnesses_are_a_list_one_name_an_item(tmp_path):
    # They ran together: "Gaufridus archdeaconSeguinus".
    (witnesses,) = charter(tmp_path).get_element_by_id("text").find_class("list-witnesses")
    assert [printed(item) for item in witnesses.xpath("p | ul/li")] == ["Witnesses", "Gaufridus, archdeacon", "Seguinus"]


def test_the_regest_and_the_witnesses_the_charter_is_edited_from_are_in_its_about_part(tmp_path):
    # The about part said only the title: the summary (profileDesc/abstract) and the sourceDesc's
    # listWit, the original with its dorsal notes and seal, a cartulary copy described in prose,
    # an earlier edition, were all left out.
    about = charter(tmp_path).get_element_by_id("about-text")
    rows = [(words(dt), words(dt.getnext())) for dt in about.xpath("./dl/dt")]
    assert rows == [
        ("Title", "Original act no. 1"),
        ("Summary", "Stephen, bishop of Autun, frees the abbey of Fontenay from paying tithes."),
        ("Witness A", "Manuscript Dijon , Archives départementales de la Côte-d'Or , 15 H 17 Physical description "
                      "Original on parchment , Dorsal notes: (12th c.) « De decimis non reddendis » , "
                      "The bishop's seal, brown wax, broken."),
        ("Witness B", "Manuscript Dijon , 15 H 9 Description Cartulary 1, fol. 21r."),
        ("Witness a", "Plancher, Histoire de Bourgogne, t. I, no. 64")]


DORSAL = tei("""<body><div type="charter"><head>Act 12</head><p>Stephanus episcopus.</p></div>
<div type="dorsal" xml:id="dorse"><p>De decimis non reddendis</p><p>n° 12</p></div></body>""", lang="la")


def test_what_is_written_on_the_back_of_a_charter_is_headed_as_such(tmp_path):
    # Monasterium's and Fontenay's div type="dorsal" (endorsements, archival notes) had no heading:
    # "De decimis non reddendis" ran on from the act as if written on the same side.
    document = page(built(corpus(tmp_path / "c", {"act12.xml": DORSAL})), "act12")
    (dorsal,) = document.get_element_by_id("text").find_class("div-dorsal")
    assert [(child.tag, printed(child)) for child in dorsal][:2] == [("h2", "Dorsal notes"), ("p", "De decimis non reddendis")]
    contents = document.find_class("toc")[0]
    assert [(printed(a), a.get("href")) for a in contents.iter("a")] == [("Act 12", f"#{document.find_class('div-charter')[0].get('id')}"),
                                                                      ("Dorsal notes", "#dorse")]


def test_a_tei_corpus_without_the_tei_namespace_is_read_each_tei_a_text(tmp_path):
    # Fontenay's corpus file is <teiCorpus><teiHeader>…<TEI>…: no namespace declared. It was
    # skipped as not TEI, its charters with it.
    acts = "".join(f"<TEI><teiHeader><fileDesc><titleStmt><title>Act {n}</title></titleStmt><publicationStmt><p>p</p>"
                   f"</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
                   f"<text><body><p>Stephanus {n}</p></body></text></TEI>" for n in (1, 2))
    source = ("<?xml version='1.0'?>\n<teiCorpus><teiHeader><fileDesc><titleStmt><title>Fontenay</title></titleStmt>"
              "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
              + acts + "</teiCorpus>")
    result = built(corpus(tmp_path / "c", {"fontenay.xml": source}))
    assert [doc.rel for doc in result.corpus.texts] == ["fontenay.xml#1", "fontenay.xml#2"]
    assert result.corpus.skipped == [] and result.problems == []
    assert printed(page(result, "fontenay-2").get_element_by_id("text")) == "Stephanus 2"


# ------------------------------------------------------------------ a critical edition over several witnesses

EDITION_HEADER = HEADER.replace("<sourceDesc><p>t</p></sourceDesc>", """<sourceDesc><listWit>
<witness xml:id="Pa" n="Pa">Paris, gr. 1</witness><witness xml:id="Be">Berlin, Phill. 1</witness>
<witness xml:id="Va"><abbr>V</abbr> Vaticanus gr. 2</witness></listWit></sourceDesc>""")
EDITION = (f'<TEI xmlns="{TEI_NS}" xml:lang="grc">' + EDITION_HEADER.format(title="Homilia", profile="")
           + """<text><body><p>
<app type="witnesses"><rdg wit="#Va"><witStart/>μεμαρτύρητο</rdg></app>
<app type="textcritical">
  <lem source="#Sav" cause="conjecture">νομογράφῳ</lem>
  <rdgGrp><rdg wit="#Be #Pa">τῷ νόμῳ γράφει</rdg><rdg wit="#Va" type="orthographic">τῷ νομῳ γράφει</rdg></rdgGrp>
  <witDetail wit="#Pa" type="correction">in the margin</witDetail>
</app> λόγος
<app><lem wit="#Pa #Va">ἔχωμεν</lem><rdg wit="#Be"><lacunaStart/></rdg></app> τέλος
<app><lem wit="#Pa #Va"><lacunaEnd wit="#Be"/>ἀρχή</lem><rdg wit="#Be">ἀρχῇ</rdg></app>
<app type="witnesses"><rdg wit="#Pa #Be">εἰ<witEnd/></rdg></app>
</p></body></text></TEI>""")


def test_the_text_reads_the_lemma_and_the_apparatus_keeps_every_reading(tmp_path):
    # PTA's positive apparatus: readings in groups (rdgGrp), a conjecture's author in @source, a
    # witness's detail; app type="witnesses" says where a manuscript begins (witStart) or ends,
    # lacunaStart/lacunaEnd where it breaks off: a lacuna read as an omission ("om. Be") was wrong.
    document = page(built(corpus(tmp_path / "c", {"homilia.xml": EDITION})), "homilia")
    for mark in document.find_class("app-ref"):
        mark.drop_tree()
    assert printed(document.get_element_by_id("text")) == "μεμαρτύρητο νομογράφῳ λόγος ἔχωμεν τέλος ἀρχή εἰ"
    assert [printed(entry) for entry in document.xpath("//ol[@class = 'apparatus']/li")] == [
        "↑ μεμαρτύρητο] [the witness begins] μεμαρτύρητο V",
        "↑ νομογράφῳ] νομογράφῳ Sav | τῷ νόμῳ γράφει Be Pa; τῷ νομῳ γράφει V | Pa: in the margin",
        "↑ ἔχωμεν] ἔχωμεν Pa V; [lacuna begins] Be",
        "↑ ἀρχή] [lacuna ends in Be] ἀρχή Pa V; ἀρχῇ Be",
        "↑ εἰ] εἰ [the witness ends] Pa Be"]


def passages(count: int) -> str:
    """A critical edition of ``count`` passages, each with a variant and the four interventions."""
    return tei("<body><div>" + "".join(
        f'<p>{n}: <app><lem wit="#Pa">λόγος</lem><rdg wit="#Be">λόγου</rdg></app> '
        f'<choice><sic>τὸν</sic><corr>τὸ</corr></choice> <supplied reason="lost">καὶ</supplied> '
        f'<corr>ἔχει</corr> <sic>ουτως</sic>.</p>' for n in range(count)) + "</div></body>", lang="grc")


def test_a_critical_edition_eight_times_as_long_takes_about_eight_times_as_long_to_transform():
    # Each variant and intervention was numbered by counting those before it, a cost growing with
    # the square of their number: 1,000 passages took half a minute. As the notes' test (eighth
    # round), costs are compared with each other, not with a clock.
    transformer = Transformer(saxon(), ROOT / "xslt" / "text.xsl")

    def cost(count: int, runs: int) -> float:
        document, times = passages(count), []
        for _ in range(runs):
            start = time.perf_counter()
            parts = transformer.transform(document, "edition.xml")
            times.append(time.perf_counter() - start)
        text = html.fromstring(parts["text"])
        assert text.xpath("//*[@class = 'variants']/@id")[-1] == f"var-{count}"
        assert text.xpath("//*[starts-with(@class, 'app ')]/@id")[-4:] == [f"app-{n}" for n in range(4 * count - 3, 4 * count + 1)]
        entries = html.fromstring(parts["apparatus"]).xpath("//li[@id]/@id")
        assert len(entries) == len(set(entries)) == 5 * count  # (the choices' places in their one entry)
        return min(times)

    cost(20, 1)  # (the first transformation also warms the processor up)
    # In turns, each the best of its turns, as the notes' test measures.
    turns = [(cost(60, 1), cost(480, 1)) for _ in range(3)]
    short, long = min(t[0] for t in turns), min(t[1] for t in turns)
    assert long / short < 24, f"60 passages: {short:.3f} s, 480: {long:.3f} s"


def test_an_intervention_within_another_and_a_variant_within_a_lemma_have_ids_of_their_own():
    # EpiDoc: letters restored in a word the editor also corrects (a sic within a supplied); a
    # variant within another variant's lemma. Each is an entry of the apparatus with its own id.
    document = tei('<body><p><supplied reason="lost">ab<sic>c</sic>d</supplied> <corr>e</corr> '
                   '<app><lem wit="#A">x <app><lem wit="#A">y</lem><rdg wit="#B">z</rdg></app></lem>'
                   '<rdg wit="#B">w</rdg></app>.</p></body>', lang="grc")
    parts = Transformer(saxon(), ROOT / "xslt" / "text.xsl").transform(document, "edition.xml")
    ids = [i for part in parts.values() if part.strip() for i in html.fromstring(f"<div>{part}</div>").xpath("//@id")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    text = html.fromstring(parts["text"])
    assert text.xpath("//*[starts-with(@class, 'app ')]/@id") == ["app-1", "app-2", "app-3"]
    assert text.xpath("//*[@class = 'variants']/@id") == ["var-1", "var-2"]


VARIANT_NOTES = tei("""<body><p>Ante<note>first</note> <app><lem wit="#Pa">λόγος<note>on the lemma</note></lem>
<rdg wit="#Be">λόγου<note type="variant">Be corrects it</note></rdg><note type="textual">a scribe's slip</note>
<witDetail wit="#Be">in the margin</witDetail></app> post<note>second</note>.</p></body>""", lang="grc")


def test_a_note_on_a_reading_the_text_does_not_read_is_in_its_apparatus_entry_not_the_notes():
    # A note type="variant" on a witness's reading, or the app's own note, went to the notes, with
    # a number no marker in the text bore and a link back to nothing. The base reading's note is
    # read in the text, its marker leading to the notes, numbered among them.
    parts = Transformer(saxon(), ROOT / "xslt" / "text.xsl").transform(VARIANT_NOTES, "edition.xml")
    text, notes = html.fromstring(parts["text"]), html.fromstring(parts["notes"])
    assert [printed(marker) for marker in text.find_class("noteref")] == ["1", "2", "3"]
    assert [printed(note.find_class("note-body")[0]) for note in notes.findall("li")] == ["first", "on the lemma", "second"]
    assert printed(html.fromstring(parts["apparatus"]).find("li")) == (
        "↑ λόγος] λόγος Pa; λόγου Be Be corrects it; Be: in the margin a scribe's slip")


GROUPED_READINGS = tei("""<body><p><app><lem wit="#A">ἀρχή</lem>
<rdgGrp type="orthographic"><rdg wit="#B">ἀρχῇ</rdg><rdg wit="#C">ἀρχὴ</rdg><note type="variant">accents only</note></rdgGrp>
<rdgGrp><rdg wit="#D">τέλος</rdg></rdgGrp><rdg wit="#E"/></app>.</p></body>""", lang="grc")


def test_readings_in_groups_are_set_apart_group_by_group_each_with_its_kind():
    # PTA's and CBETA's rdgGrp: the groups' readings ran on with the others' ("ἀρχή A; ἀρχῇ B;
    # ἀρχὴ C; τέλος D"), so nothing said which readings were one group or what kind of group.
    parts = Transformer(saxon(), ROOT / "xslt" / "text.xsl").transform(GROUPED_READINGS, "edition.xml")
    entry = html.fromstring(parts["apparatus"]).find("li")
    assert printed(entry) == "↑ ἀρχή] ἀρχή A | orthographic: ἀρχῇ B; ἀρχὴ C accents only | τέλος D | om. E"
    assert [printed(group) for group in entry.find_class("rdg-grp")] == [
        "orthographic: ἀρχῇ B; ἀρχὴ C accents only", "τέλος D"]
    assert [printed(kind) for kind in entry.find_class("rdg-grp-type")] == ["orthographic"]


NOTE_IN_A_VARIANT_NOTE = tei("""<body><p>Ante<note>first</note> <app><lem wit="#Pa">λόγος</lem>
<rdg wit="#Be">λόγου<note type="variant">Be corrects it<note>so Bekker</note> later</note></rdg></app>
post<note>second</note>.</p></body>""", lang="grc")


def test_a_note_within_a_note_on_a_reading_is_read_within_it_in_the_apparatus_entry():
    # The inner note got a marker numbered as the next note of the text ("2", which the text's
    # own second note also bore) leading to no note, and was shown a second time after its note.
    parts = Transformer(saxon(), ROOT / "xslt" / "text.xsl").transform(NOTE_IN_A_VARIANT_NOTE, "edition.xml")
    apparatus, notes = html.fromstring(parts["apparatus"]), html.fromstring(parts["notes"])
    assert printed(apparatus.find("li")) == "↑ λόγος] λόγος Pa; λόγου Be Be corrects it (so Bekker) later"
    assert apparatus.find_class("noteref") == []
    assert [printed(note.find_class("note-body")[0]) for note in notes.findall("li")] == ["first", "second"]
    assert [printed(m) for m in html.fromstring(parts["text"]).find_class("noteref")] == ["1", "2"]


def test_an_utterance_listed_on_its_speakers_page_is_its_words_with_no_empty_highlighted_name(tmp_path):
    # An utterance is a mention with no name of its own in it: the list showed an empty <mark/>.
    entry = html.fromstring(spoken_by_the_list(tmp_path).files["persons/PAD_04476.html"])
    listed = entry.find_class("mentions")[0].xpath(".//li/a")
    assert [printed(a) for a in listed] == ["Ich eröffne die Sitzung.", "Das Wort hat Herr Hofer."]
    assert [a.findall(".//mark") for a in listed] == [[], []]


# ------------------------------------------------------------------ print

def test_the_markers_of_the_last_rounds_print_in_a_font_that_has_their_signs():
    # ‖ ✎ ⸢ ⸣ ⟦ ⟧ are in neither Liberation Serif nor DejaVu Serif: unnamed, WeasyPrint set them in
    # whatever font the machine had, and the same edition gave different PDFs.
    sheet = (ROOT / "theme" / "static" / "print.css").read_text()
    assert ('.text .cb::before, .text .handShift::before, .text .span-start, .text .span-end '
            '{ font-family: "DejaVu Sans", sans-serif; }') in sheet
    assert ".text section > .cb, .text div > .cb { display: block; break-after: avoid;" in sheet


# ------------------------------------------------------------------ as the W3C checker reads them

def test_a_charter_and_a_critical_edition_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"act1.xml": CHARTER, "homilia.xml": EDITION})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
