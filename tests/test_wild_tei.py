"""`build --corpus` on TEI as other projects write it: what real corpora of other kinds and
publishers carry (a DOCTYPE, P4 dictionaries, transcribed speech, languages a search index cannot
stem, groups of texts) is read, published and rendered for what it is, never a failed build.

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from ria.corpus import build_corpus, load_corpus

ROOT = Path(__file__).resolve().parent.parent
TEI_NS = "http://www.tei-c.org/ns/1.0"
HEADER = ("<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>t</p>"
          "</publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>{profile}</teiHeader>")


def tei(body: str, title: str = "A text", profile: str = "", lang: str = "en", text_attrs: str = "") -> str:
    return (f'<TEI xmlns="{TEI_NS}" xml:lang="{lang}">{HEADER.format(title=title, profile=profile)}'
            f"<text{text_attrs}>{body}</text></TEI>\n")


def corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def built(folder: Path):
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)


def page(result, name: str) -> html.HtmlElement:
    return html.fromstring(result.files[f"texts/{name}.html"])


def words(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def reading(element) -> str:
    """The words of a part of a page without its permalink marks (¶, §)."""
    for mark in element.find_class("permalink"):
        mark.drop_tree()
    return words(element)


# ------------------------------------------------------------------ DOCTYPE declarations

def test_a_doctype_naming_a_dtd_is_accepted_and_the_dtd_never_read(tmp_path):
    # Real corpora carry <!DOCTYPE TEI SYSTEM "tei_all.dtd">. The DTD it names is never read:
    # here one that would define &secret; from a file beside it.
    secret = tmp_path / "secret.txt"
    secret.write_text("ria-secret-words")
    dtd = tmp_path / "local.dtd"
    dtd.write_text(f'<!ENTITY secret SYSTEM "{secret.as_uri()}">\n<!ENTITY nbsp "&#160;">\n')
    folder = corpus(tmp_path / "c", {
        "letter.xml": f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "{dtd}">\n'
                      + tei("<body>\n<p>Dear &secret; friend,&nbsp;yours &amp; &#233;.</p></body>"),
        "plain.xml": tei("<body><p>Plain.</p></body>", title="Plain")})
    result = built(folder)
    assert [doc.rel for doc in result.corpus.texts] == ["letter.xml", "plain.xml"]
    text = words(page(result, "letter").get_element_by_id("text"))
    assert "Dear &secret; friend,&nbsp;yours & é." in text
    everything = b"".join(result.files.values())
    assert b"ria-secret-words" not in everything
    assert [str(p) for p in result.problems] == [
        "letter.xml:4:9: warning: the entity &secret; is declared only in a DTD that is not read: shown as written",
        "letter.xml:4:25: warning: the entity &nbsp; is declared only in a DTD that is not read: shown as written"]
    # The TEI the page offers is the document without its DOCTYPE: a reader's tool loads no DTD either.
    offered = result.files["tei/letter.xml"]
    assert b"DOCTYPE" not in offered and b"&amp;secret;" in offered


def test_a_doctype_that_declares_entities_of_the_text_is_refused_where_it_stands(tmp_path):
    folder = corpus(tmp_path / "c", {
        "bomb.xml": '<?xml version="1.0"?>\n<!DOCTYPE TEI [\n<!ENTITY a "aaaaaaaa">\n'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n' + tei("<body><p>&b;</p></body>"),
        "plain.xml": tei("<body><p>Plain.</p></body>")})
    loaded = load_corpus(folder)
    assert [doc.rel for doc in loaded.texts] == ["plain.xml"]
    assert [str(p) for p in loaded.problems] == [
        "bomb.xml:2:1: error: a DOCTYPE that declares entities is not read: it declares the entity 'a' (line 3); "
        "a DOCTYPE is accepted only if it declares none, and its DTD is never loaded"]


def test_an_entity_only_the_unread_dtd_declares_is_reported_once_with_its_count(tmp_path):
    # Menota's manuscripts are written in entities of a table their DOCTYPE names.
    menota = ('<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/menotaP5.dtd" [\n'
              "<!ENTITY % Menota_entities SYSTEM 'http://127.0.0.1:9/menota-entities.txt' >\n%Menota_entities;\n]>\n")
    source = menota + tei("<body><p>H&aacute;r hefir upp &Egrave;gils s&oslash;gu, &oslash;ll.</p></body>")
    result = built(corpus(tmp_path / "c", {"saga.xml": source}))
    line = source.splitlines()[4]
    assert [str(p) for p in result.problems] == [
        f"saga.xml:5:{line.index('&aacute;') + 1}: warning: the entity &aacute; is declared only in a DTD that is "
        "not read: shown as written",
        f"saga.xml:5:{line.index('&Egrave;') + 1}: warning: the entity &Egrave; is declared only in a DTD that is "
        "not read: shown as written",
        f"saga.xml:5:{line.index('&oslash;') + 1}: warning: the entity &oslash; (2 times) is declared only in a DTD "
        "that is not read: shown as written"]
    assert "H&aacute;r hefir upp &Egrave;gils s&oslash;gu" in words(page(result, "saga").get_element_by_id("text"))


# ------------------------------------------------------------------ dictionaries

P4_DICTIONARY = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE TEI.2 PUBLIC "-//TEI P4//DTD Main DTD Driver File//EN" "http://127.0.0.1:9/tei2.dtd" [
<!ENTITY % TEI.dictionaries "INCLUDE">
<!ATTLIST xptr url CDATA #IMPLIED>
]>
<TEI.2><teiHeader><fileDesc><titleStmt><title>Test dictionary</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><body>
<entry><form><orth>homograph1</orth><orth>homograph2</orth></form><gramGrp><pos>n</pos><gen>m</gen></gramGrp>
<sense n="1"><def>A noun.</def></sense><sense n="2"><cit type="trans"><quote>Haus</quote></cit></sense></entry>
<entry><form><orth>\xfcber</orth></form><sense><cit type="trans"><quote>above</quote></cit></sense></entry>
</body></text></TEI.2>
"""


def test_a_p4_dictionary_with_a_dtd_driver_is_found_and_read(tmp_path):
    # FreeDict's files are *.tei, TEI P4, and select their DTD's modules with parameter entities.
    folder = corpus(tmp_path / "c", {"eng-deu.tei": P4_DICTIONARY})
    result = built(folder)
    assert [(doc.rel, doc.kind) for doc in result.corpus.texts] == [("eng-deu.tei", "text")]
    assert not result.problems


def test_a_dictionary_entry_reads_as_headword_grammar_and_numbered_senses(tmp_path):
    result = built(corpus(tmp_path / "c", {"d.tei": P4_DICTIONARY}))
    entries = page(result, "d").find_class("entry")
    assert len(entries) == 2
    first = entries[0]
    assert words(first.find_class("form")[0]) == "homograph1 , homograph2"
    assert words(first.find_class("gramGrp")[0]) == "n m"  # not "nm"
    senses = first.find_class("sense")
    assert [sense.tag for sense in senses] == ["div", "div"]  # each sense a block of its own
    assert [words(sense) for sense in senses] == ["1. A noun.", "2. Haus"]
    # A translation is a phrase of its sense, not a block quotation.
    assert not page(result, "d").xpath("//blockquote") and words(entries[1]) == "über above"


# ------------------------------------------------------------------ transcribed speech

PARLIAMENT = tei("""<body><div type="debateSection">
<gap reason="editorial"><desc xml:lang="en">Front matter removed</desc><desc xml:lang="de">Titelseite entfernt</desc></gap>
<note type="speaker">President Dr. Fischer</note>
<u who="#chair"><seg>Please be seated.</seg><kinesic type="applause"><desc>(General applause.)</desc></kinesic>
<seg>The sitting is open.</seg><vocal type="interruption"/></u>
<note type="comment">(The members rise.)</note>
<u who="#m1"><seg>I so swear.</seg></u>
</div></body>""", profile=("<profileDesc><particDesc><listPerson><person xml:id='m1'><persName>Ute Apfelbeck</persName>"
                           "</person></listPerson></particDesc></profileDesc>"), lang="de")


def test_an_utterance_is_led_by_its_speaker_and_what_happens_around_it_is_set_apart(tmp_path):
    result = built(corpus(tmp_path / "c", {"sitting.xml": PARLIAMENT}))
    text = page(result, "sitting").get_element_by_id("text")
    utterances = text.find_class("u")
    assert [u.tag for u in utterances] == ["div", "div"]
    # The transcript's own label leads the first; the person @who points to leads the second.
    speakers = text.find_class("speaker")
    assert [words(s) for s in speakers] == ["President Dr. Fischer", "Ute Apfelbeck"]
    assert speakers[0].getnext() is utterances[0]
    assert speakers[1].xpath("a/@href") == ["#m1"]
    assert [words(i) for i in text.find_class("incident")] == ["(General applause.)", "[interruption]"]
    # A speaker label is no note: the notes list holds the transcriber's comment alone, numbered 1.
    notes = page(result, "sitting").find_class("notes")[0]
    assert [words(n) for n in notes.findall("li")] == ["1 Comment note (The members rise.)"]
    assert [words(a) for a in text.find_class("noteref")] == ["1"]


def test_what_a_gap_leaves_out_is_said_in_the_text_s_language(tmp_path):
    result = built(corpus(tmp_path / "c", {"sitting.xml": PARLIAMENT}))
    gap = page(result, "sitting").find_class("gap")[0]
    assert gap.get("title") == "Omitted: editorial: Front matter removed / Titelseite entfernt"
    assert words(page(result, "sitting").find_class("gap-desc")[0]) == "Titelseite entfernt"


# ------------------------------------------------------------------ the shape of a text

def test_a_group_of_texts_and_another_vocabulary_s_elements_keep_their_words(tmp_path):
    grouped = tei("<front><p>Preface.</p></front><group><text><body><div><head>First letter</head><p>One.</p></div>"
                  "</body></text><text><body><p>Two.</p></body></text></group>")
    foreign = (f'<tei:TEI xmlns:tei="{TEI_NS}" xmlns:j="urn:example:jlptei"><tei:teiHeader><tei:fileDesc>'
               "<tei:titleStmt><tei:title>Prefixed</tei:title></tei:titleStmt></tei:fileDesc></tei:teiHeader>"
               "<tei:text><j:streamText><tei:seg><tei:w>This</tei:w> <tei:w>stream</tei:w></tei:seg></j:streamText>"
               "</tei:text></tei:TEI>")
    result = built(corpus(tmp_path / "c", {"group.xml": grouped, "prefixed.xml": foreign}))
    group = page(result, "group")
    assert reading(group.get_element_by_id("text")) == "Preface. First letter One. Two."
    assert len(group.find_class("group-text")) == 2
    assert reading(page(result, "prefixed").get_element_by_id("text")) == "This stream"


# ------------------------------------------------------------------ search in any language

def test_a_corpus_in_a_language_the_search_cannot_stem_builds_with_its_search(tmp_path):
    # Pagefind has no stemmer for Ancient Greek: its entry names no wasm file for it.
    folder = corpus(tmp_path / "c", {"fr.xml": tei('<body><div type="edition" xml:lang="grc"><l>ποίαν σε φῶμεν '
                                                   "γαῖαν ἐκλελοιπότα</l></div></body>", lang="grc")})
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--corpus", str(folder), "--out",
                             str(out), "--jobs", "1"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["grc"] and entry["languages"]["grc"]["wasm"] is None
    meta = entry["languages"]["grc"]["hash"]
    assert re.fullmatch(r"grc_[0-9a-f]{10}", meta) and (out / "pagefind" / f"pagefind.{meta}.pf_meta").is_file()


def test_numbered_divisions_are_sections_with_headings_by_depth(tmp_path):
    # TEI P4 (Perseus) and the TCP texts number their divisions by depth.
    result = built(corpus(tmp_path / "c", {"p4.xml": tei(
        '<body><div1 type="book" n="1"><head>Book One</head><div2 type="chapter"><head>Chapter One</head>'
        "<p>Words.</p></div2></div1></body>")}))
    text = page(result, "p4").get_element_by_id("text")
    assert [s.get("class") for s in text.iter("section")] == ["div div-book", "div div-chapter"]
    assert [(h.tag, reading(h)) for h in text.xpath(".//h2 | .//h3")] == [("h2", "Book One"), ("h3", "Chapter One")]


# ------------------------------------------------------------------ what the header says

MANUSCRIPT = """<sourceDesc><msDesc xml:id="ms1"><msIdentifier><settlement>Oxford</settlement>
<repository>Bodleian Library</repository><idno type="shelfmark">MS. Add. A. 113</idno></msIdentifier>
<msContents><msItem n="1"><title>Tacuinum sanitatis</title><textLang mainLang="la">Latin</textLang></msItem></msContents>
<physDesc><objectDesc form="codex"><supportDesc material="perg"><support>parchment</support>
<extent>2 leaves <dimensions unit="mm"><height>135</height><width>102</width></dimensions></extent></supportDesc></objectDesc></physDesc>
<history><origin><origDate notBefore="1390" notAfter="1400">14th century, end</origDate></origin></history></msDesc></sourceDesc>"""


def test_a_manuscript_record_shows_its_description(tmp_path):
    # A catalogue's record is all header: its description is what a reader comes for.
    record = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>MS. Add. A. 113</title>'
              "<title type='collection'>MSS. Add. A</title></titleStmt><publicationStmt><p>t</p></publicationStmt>"
              f"{MANUSCRIPT}</fileDesc><revisionDesc><listChange><change when='2017-05-25'>Up-converted</change>"
              "</listChange></revisionDesc></teiHeader><text><body><p/></body></text></TEI>")
    result = built(corpus(tmp_path / "c", {"ms.xml": record}))
    about = page(result, "ms").get_element_by_id("about-text")
    rows = [(dt.text_content(), [words(dd) for dd in dt.itersiblings() if dd.tag == "dd"][:1])
            for dt in about.iter("dt")]
    # The description's rows come after both titles, not between them.
    assert [label for label, _ in rows][:5] == ["Title", "Manuscript", "Contents", "Physical description", "Origin"]
    assert [words(dd) for dd in about.xpath(".//dt[. = 'Title']/following-sibling::dd[position() <= 2]")] == [
        "MS. Add. A. 113", "MSS. Add. A"]
    described = dict(rows)
    assert described["Manuscript"] == ["Oxford , Bodleian Library , MS. Add. A. 113"]
    assert described["Contents"] == ["Tacuinum sanitatis , Latin"]
    assert described["Physical description"] == ["parchment , 2 leaves 135 × 102 mm"]
    assert described["Origin"] == ["14th century, end"]
    # The changes a listChange holds are listed too.
    assert [words(li) for li in about.find_class("revisions")[0]] == ["2017-05-25 : Up-converted"]


# ------------------------------------------------------------------ what each file is, and why

def test_files_that_are_not_texts_of_their_own_say_why(tmp_path):
    header_only = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt>'
                   f"<publicationStmt><p>t</p></publicationStmt>{MANUSCRIPT}</fileDesc></teiHeader></TEI>")
    included = (f'<teiCorpus xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">{HEADER.format(title="Corpus", profile="")}'
                '\n<xi:include href="sitting.xml"/></teiCorpus>')
    loaded = load_corpus(corpus(tmp_path / "c", {"record.xml": header_only, "corpus.xml": included,
                                                 "sitting.xml": PARLIAMENT}))
    assert {doc.rel: doc.why for doc in loaded.texts} == {
        "record.xml": "it has a header and no text (a record of its source)",
        "sitting.xml": "its body holds div"}
    assert loaded.skipped == []  # the teiCorpus is TEI, and says what becomes of it
    assert [str(p) for p in loaded.problems] == [
        "corpus.xml:1:1: warning: a teiCorpus that holds no TEI of its own (its texts are included from other files, "
        "which are read as they stand; xi:include is not followed): its header is not published"]


# ------------------------------------------------------------------ when a text was made

@pytest.mark.parametrize("header, label", [
    # A parliamentary sitting (Parla-CLARIN) is dated by its setting.
    ("<profileDesc><settingDesc><setting><name>Wien</name><date when='1996-01-15'>1996-01-15</date></setting>"
     "</settingDesc></profileDesc>", "15 January 1996"),
    # A novel (ELTeC) by its first edition, whose date is written in words only.
    ("<fileDesc><sourceDesc><bibl type='digitalSource'><title>Gutenberg</title></bibl><bibl type='firstEdition'>"
     "<title>Quatro Novelas</title><date>1908</date></bibl></sourceDesc></fileDesc>", "1908"),
    # A play (DLINA) by the print its source records.
    ("<fileDesc><sourceDesc><bibl type='digitalSource'><bibl type='originalSource'><title>Vorspiel</title>"
     "<date type='print' when='1734'/><date type='premiere'/></bibl></bibl></sourceDesc></fileDesc>", "1734"),
    # A letter (Bullinger) dated in words that begin like an ISO interval, with the range in attributes.
    ("<profileDesc><correspDesc><correspAction type='sent'><date notBefore='1548-01-01' notAfter='1553-12-12'>"
     "1548/49 oder 1553</date></correspAction></correspDesc></profileDesc>", "1548/49 oder 1553"),
])
def test_a_text_is_dated_where_its_kind_records_it(tmp_path, header, label):
    document = f'<TEI xmlns="{TEI_NS}"><teiHeader>{header}</teiHeader><text><body><p>x</p></body></text></TEI>'
    result = built(corpus(tmp_path / "c", {"t.xml": document}))
    assert [reading(p) for p in page(result, "t").find_class("text-date")] == [label]


def test_an_xml_id_the_page_uses_for_itself_is_kept_apart_and_still_linked(tmp_path):
    # Open Siddur's texts have a division with xml:id="main", the id of the page's main part.
    result = built(corpus(tmp_path / "c", {"t.xml": tei('<body><div xml:id="main"><head>Main</head><p>Words '
                                                         '<ptr target="#main"/>.</p></div></body>')}))
    document = page(result, "t")
    assert len(document.xpath("//*[@id = 'main']")) == 1 and document.xpath("//*[@id = 'main']")[0].tag == "main"
    assert document.get_element_by_id("tei-main").tag == "section"
    assert document.xpath("//section[@id = 'tei-main']//a[contains(@class, 'ptr')]/@href") == ["#tei-main"]


def test_header_parts_without_content_leave_no_empty_markup(tmp_path):
    # A catalogue record's placeholder <p/>; P4's change dated only in words (change/date).
    result = built(corpus(tmp_path / "c", {"d.tei": P4_DICTIONARY.replace(
        b"</teiHeader>", b"<revisionDesc><change><date>2005-03-02</date><item>Created.</item></change>"
                         b"</revisionDesc></teiHeader>").replace(b"<text><body>", b"<text><body><p/>")}))
    document = page(result, "d")
    assert not document.xpath("//time[not(normalize-space(@datetime))]")
    assert [words(li) for li in document.find_class("revisions")[0]] == ["2005-03-02 Created."]
    assert not document.get_element_by_id("text").xpath(".//p[not(@class)]")  # no empty paragraph with its ¶

