"""A sweep with whole real TEI files, as a held-out check would run it: complete files, not
snippets, from other projects' public repositories, each project's files built as one corpus with
`build.py build --corpus`, then read for a crash, the problems reported, the W3C Nu checker's
errors over the whole site, and whether the words of each TEI <text> are on its page.

Swept (files per project, 25 files from 12 projects): EpiDoc's IRT test files, one TEI P4 with
its DTD and one P5 (2); papyri.info, an Arabic Papyrology Database record and two Duke Databank
papyri with reg/orig choices and readings (3); Brown's Inscriptions of Israel/Palestine (2); the
Eastern Necropolis of Concordia EpiDoc project, xml:space="preserve" throughout (1); the Alfred
Escher letters (3); the Faust edition's DOCX-to-TEI converter output and an archival record in its
own namespace (2); GerDraCor, two one-act plays (2); the TEI Stylesheets' test files, an apparatus
and notes of every place (2); FreeDict, a P4 dictionary in ISO-8859-1 with an internal DTD subset
(1); Schnitzler's diary, two days (2); ParlaMint-GB, a sitting of the Lords (1); the TEI
Guidelines' own test files, a teiCorpus of grouped texts with a DTD subset, a spoken text and a P4
file (3). Every corpus built with no crash and no word of a text missing from its page; the Nu
checker found errors on one page.

What it found, each reproduced below by a snippet of our own: letters supplied within one reading
of a choice (papyri.info's copy-text "γε[ί]νετε") took the id of the choice around them, two
elements of one id on the page; and a reading quoted in the apparatus ran a choice's two readings
together ("ἡμᾶςἡμως") and dropped its gaps; and a papyrus's record whose body is only the
bibliography of its editions (the Arabic Papyrology Database's, papyri.info's metadata) was taken
for a register, so a corpus of such records published nothing ("no TEI texts found")."""

from __future__ import annotations

from test_wild_tei import ROOT, corpus, page, tei, words

from ria.corpus import build_corpus

# A papyrus line as the Duke Databank writes it: the copy-text's misspelling with a letter the
# editors supply, and an entry of readings whose lemma holds a regularised word and whose other
# reading breaks off in a gap.
PAPYRUS = tei("""<body><div type="edition" xml:lang="grc"><ab>
<lb n="1"/>ταῦτα <choice><reg>γίνεται</reg><orig>γε<supplied reason="lost">ί</supplied>νετε</orig></choice>.
<lb n="2"/>ἀράκια <app type="editorial"><lem>πεπλάνηκαν <choice><reg>ἡμᾶς</reg><orig>ἡμως</orig></choice></lem>
<rdg>πεπλανηκανη<unclear>μω</unclear>σ<gap reason="lost" extent="unknown" unit="character"/></rdg></app>
<lb n="3"/>πέμψον εἴ<supplied reason="lost">ς</supplied> με.</ab></div></body>""", title="Papyrus", lang="en")


def built_papyrus(tmp_path):
    result = build_corpus(corpus(tmp_path / "c", {"papyrus.xml": PAPYRUS}), None, ROOT, jobs=1, write=False, search=False)
    return page(result, "papyrus")


def test_letters_supplied_within_a_choice_have_no_id_of_their_own_and_every_id_is_one(tmp_path):
    document = built_papyrus(tmp_path)
    ids = [e.get("id") for e in document.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    inner = document.xpath("//span[contains(@class, 'original')]//span[contains(@class, 'app-supplied')]")
    assert inner and all(span.get("id") is None and not span.find_class("app-ref") for span in inner)
    # Still marked as supplied, as the copy-text has it.
    assert words(inner[0]) == "ί" and inner[0].find_class("supplied-lost")
    # A letter supplied outside any choice keeps its id and its mark to its entry.
    outside = [s for s in document.find_class("app-supplied") if s not in inner]
    assert outside and outside[0].get("id") and outside[0].find_class("app-ref")


def test_a_reading_quoted_in_the_apparatus_reads_a_choice_by_its_edited_words_and_keeps_its_gap(tmp_path):
    entry = built_papyrus(tmp_path).xpath("//li[contains(@class, 'app-variants')]")[0]
    assert [words(e) for e in entry.find_class("lem")] == ["πεπλάνηκαν ἡμᾶς"]
    assert [words(e) for e in entry.find_class("rdg")][-1] == "πεπλανηκανημωσ[…]"


# A papyrus's record as papyri.info keeps its metadata (the APD's, HGV's): the header describes the
# papyrus; the body is a division of bibliography, a listBibl of its editions, with no ids.
RECORD = tei("""<body><div type="bibliography" subtype="principalEdition"><listBibl>
<bibl type="publication"><title>Grohmann, P.Cair.Arab. 38</title></bibl></listBibl></div></body>""",
             title="P.Cair.Arab. 38", lang="en")
# A register's bibliography: its entries have ids, for texts to point to.
BIBLIOGRAPHY = tei("""<body><listBibl><bibl xml:id="b1"><title>P.Cair.Arab.</title></bibl></listBibl></body>""",
                   title="Works cited", lang="en")


def test_a_record_whose_body_is_its_editions_bibliography_is_a_text_and_a_register_keeps_its_ids(tmp_path):
    result = build_corpus(corpus(tmp_path / "c", {"apd1006.xml": RECORD, "bibliography.xml": BIBLIOGRAPHY}),
                          None, ROOT, jobs=1, write=False, search=False)
    kinds = {document.rel: document.kind for document in result.corpus.documents}
    assert kinds == {"apd1006.xml": "text", "bibliography.xml": "register"}
    assert "Grohmann, P.Cair.Arab. 38" in words(page(result, "apd1006"))

