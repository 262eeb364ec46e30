"""`build --corpus` on real TEI, fifteenth round: what the fourteenth left (a diary's entry dated
in its first sentence, an account book's categories, EEBO-TCP's image numbers, trial files
without a title, transcript participants without a name), EpiDoc's apparatus with groups of
readings, and what else such files hold that failed.

Each snippet is written here to reproduce one phenomenon met in those projects' files."""

from __future__ import annotations

from lxml import html
from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ diaries

# Schnitzler's diary, and many a diary edition, date an entry in its first sentence, with no
# dateline: "<p><date when="1901-03-04">4. März</date>. Heute …".
DIARY = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">{HEADER.format(title="Tagebuch 1901", profile="")}
<text><body>
<div type="entry" xml:id="e1"><pb n="12"/><p><date when="1901-03-04">4. März</date>. Heute Regen.</p><p>Abends Theater.</p></div>
<div type="entry" xml:id="e2"><dateline><date when="1901-03-05">5. März</date></dateline><p>Nichts.</p></div>
<div type="entry" xml:id="e3"><p>Ohne Datum, am <date when="1901-03-09">9.</date> vielleicht.</p></div>
<div type="entry" xml:id="e4"><p><hi rend="italic"><date when="1901-03-10">10. März</date></hi> Sonntag.</p></div>
</body></text></TEI>
"""


def test_a_diary_entry_dated_at_the_head_of_its_first_paragraph_is_named_by_its_date(tmp_path):
    # The contents listed "Entry" for each entry without a dateline; a date met further on in
    # the paragraph names nothing.
    result = built(corpus(tmp_path / "c", {"tagebuch.xml": DIARY}))
    contents = page(result, "tagebuch").find_class("toc")[0]
    assert [(a.text, a.get("href")) for a in contents.iter("a")] == [
        ("4. März", "#e1"), ("5. März", "#e2"), ("Entry", "#e3"), ("10. März", "#e4")]
    # and the chronology dates it as it dates an entry with a dateline, leading to the entry
    year = html.fromstring(result.files["chronology-1901.html"])
    assert year.xpath(".//ol[@class = 'dated-passages']/li/time/@datetime")[:2] == ["1901-03-04", "1901-03-05"]
    assert year.xpath(".//ol[@class = 'dated-passages']/li/a/@href")[:2] == ["texts/tagebuch.html#e1", "texts/tagebuch.html#e2"]


# ------------------------------------------------------------------ account books

# DEPCHA's bookkeeping categories as a taxonomy of the header, each element of an entry classed
# by @ana pointers to them.
TAXONOMY = """<encodingDesc><classDecl><taxonomy xml:id="bookkeeping">
<category xml:id="bk_entry"><catDesc>Entry</catDesc></category>
<category xml:id="bk_debit"><catDesc><term>Debit</term>: what is owed</catDesc></category>
<category xml:id="bk_credit"><gloss>Credit</gloss></category>
<category xml:id="bk_price"><catDesc xml:lang="de">Preis</catDesc><catDesc xml:lang="en">Price</catDesc></category>
</taxonomy></classDecl></encodingDesc>"""
ACCOUNTS = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="Day Book", profile=TAXONOMY)}
<text><body><div type="page">
<p ana="#bk_entry #bk_debit">To <name ana="#bk_credit">John Smith</name> for wheat <measure ana="#bk_price" unit="shilling" quantity="4">4s</measure>.</p>
<table><row ana="#bk_entry #bk_credit"><cell>By cash</cell><cell ana="#bk_price">6</cell></row></table>
<p ana="#ev-not-a-category">Carried over.</p>
</div></body></text></TEI>
"""


def test_an_account_book_s_categories_are_said_in_words_not_pointers(tmp_path):
    text = page(built(corpus(tmp_path / "c", {"daybook.xml": ACCOUNTS})), "daybook").get_element_by_id("text")
    entry, carried = text.xpath(".//p")
    assert entry.get("title") == "Entry; Debit"
    assert text.find_class("name")[0].get("title") == "Credit"
    # a quantity's own title follows its category
    assert text.find_class("measure")[0].get("title") == "Price — 4 shilling"
    row = text.find(".//tr")
    assert row.get("title") == "Entry; Credit" and row.xpath("td/@title") == ["Price"]
    assert carried.get("title") is None
    assert "#bk_" not in html.tostring(text, encoding="unicode")


# ------------------------------------------------------------------ EEBO-TCP

EEBO = f"""<TEI xmlns="{TEI_NS}" xml:id="A01235">{HEADER.format(title="A sermon", profile="")}
<text xml:lang="eng"><body><div type="sermon"><pb facs="tcp:12345:2" rendition="simple:additions"/>
<p>The first page.</p><pb facs="tcp:12345:3" n="4"/><p>The next.</p></div></body></text></TEI>
"""


def test_a_tcp_facsimile_is_the_image_it_names_not_a_link(tmp_path):
    # The image number was kept only in an empty element: the reader saw nothing of it.
    text = page(built(corpus(tmp_path / "c", {"A01235.xml": EEBO})), "A01235").get_element_by_id("text")
    assert [(printed(ref), ref.get("title")) for ref in text.find_class("facs-tcp")] == [
        ("[img. 2]", "EEBO-TCP image set 12345, image 2"), ("[img. 3]", "EEBO-TCP image set 12345, image 3")]
    assert not text.xpath(".//a[contains(@href, 'tcp:')] | .//img")
    assert printed(text.find_class("pb")[1]) == "p. 4"


# ------------------------------------------------------------------ the Old Bailey, a trial a file

# A trial as the Proceedings' API gives it, a file of its own: its header's title empty.
TRIAL = """<?xml version="1.0" encoding="UTF-8"?>
<TEI.2><teiHeader><fileDesc><titleStmt><title/></titleStmt></fileDesc></teiHeader>
<text><body>
<div1 type="trialAccount" id="t17280717-3">
<interp inst="t17280717-3" type="year" value="1728"/>
<p>Nathaniel Mercy was indicted.</p>
</div1>
</body></text>
</TEI.2>
"""
HEADED = """<?xml version="1.0" encoding="UTF-8"?>
<TEI.2><text><body><div1 type="frontMatter" id="f17280717-1"><head>The Proceedings at the Sessions</head><p>Held at the Old Bailey.</p></div1></body></text></TEI.2>
"""


def test_a_trial_whose_header_has_no_title_is_named_by_its_heading_or_its_division(tmp_path):
    # Both were titled by their file names ("t17280717-3"), in the page and the list of texts.
    result = built(corpus(tmp_path / "c", {"t17280717-3.xml": TRIAL, "f17280717-1.xml": HEADED}))
    trial, front = page(result, "t17280717-3"), page(result, "f17280717-1")
    assert trial.get_element_by_id("text-title").text == "Trial account t17280717-3"
    assert trial.findtext(".//title").startswith("Trial account t17280717-3 · ")
    assert front.get_element_by_id("text-title").text == "The Proceedings at the Sessions"
    listed = html.fromstring(result.files["index.html"])
    assert sorted(listed.xpath(".//ul[@class = 'text-list']//cite/text()")) == [
        "The Proceedings at the Sessions", "Trial account t17280717-3"]


# ------------------------------------------------------------------ ISO 24624 participants

# The FOLK and EXMARaLDA exports list participants by a sigil alone, with no persName.
SPOKEN = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">
<teiHeader><fileDesc><titleStmt><title>Interview 8</title></titleStmt><publicationStmt><p>t</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>
<profileDesc><particDesc><listPerson>
<person xml:id="SPK0" n="INT"/>
<person xml:id="SPK1"><abbr>ML</abbr><sex value="2"/></person>
<person xml:id="SPK2"><persName/></person>
</listPerson></particDesc></profileDesc></teiHeader>
<text><body>
<annotationBlock who="#SPK0"><u><seg type="utterance"><w>wie</w><w>war</w><w>das</w></seg></u></annotationBlock>
<annotationBlock who="#SPK1"><u><seg type="utterance"><w>naja</w></seg></u></annotationBlock>
<annotationBlock who="#SPK2"><u><seg type="utterance"><w>hm</w></seg></u></annotationBlock>
</body></text></TEI>
"""


def test_a_participant_without_a_name_is_shown_by_its_sigil(tmp_path):
    # "SPK0", "SPK1": the ids of the export, where the transcript's own sigla are INT and ML.
    shown = page(built(corpus(tmp_path / "c", {"interview.xml": SPOKEN})), "interview")
    assert [printed(speaker) for speaker in shown.get_element_by_id("text").find_class("speaker")] == ["INT", "ML", "SPK2"]
    assert [(li.get("id"), printed(li)) for li in shown.find_class("characters")[0]] == [
        ("SPK0", "INT"), ("SPK1", "ML"), ("SPK2", "SPK2")]


# ------------------------------------------------------------------ EpiDoc's apparatus

# An apparatus division of its own whose entries group their readings: the orthographic variants
# of one reading, the lemma inside a group, a group within a group, what a witness's reading is.
INSCRIPTION = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="Epitaph", profile="")}
<text><body>
<div type="edition" xml:lang="la"><ab><lb n="1"/>Dis Manibus <lb n="2"/>Iulia vixit</ab></div>
<div type="apparatus"><listApp>
<app loc="1"><lem>Dis</lem><rdgGrp type="orthographic"><rdg wit="#A">Diis</rdg><rdg wit="#B #C">Dijs</rdg></rdgGrp></app>
<app loc="2"><rdgGrp type="substantive"><lem source="#ed1">Iulia</lem><rdg wit="#A">Iulla</rdg></rdgGrp>
<rdgGrp><rdg resp="#Smith">Livia</rdg><rdgGrp type="spelling"><rdg wit="#D">Liuia</rdg></rdgGrp></rdgGrp>
<witDetail wit="#A">in the margin</witDetail><note>Smith's conjecture.</note></app>
<app loc="2"><lem>vixit</lem><rdg wit="#A">vix</rdg></app>
</listApp></div>
</body></text></TEI>
"""


def test_an_epidoc_apparatus_groups_its_readings_and_drops_none(tmp_path):
    # The groups' kinds were dropped, a group within a group with its reading, and the lemma in a
    # group read "Dis; Diis A" (no "]" after it).
    text = page(built(corpus(tmp_path / "c", {"epitaph.xml": INSCRIPTION})), "epitaph").get_element_by_id("text")
    entries = text.xpath(".//ul[@class = 'list-app']/li")
    assert [printed(entry) for entry in entries] == [
        "1. Dis] orthographic: Diis A; Dijs B C",
        "2. substantive: Iulia ed1] Iulla A | Livia Smith | spelling: Liuia D; A: in the margin Smith's conjecture.",
        "2. vixit] vix A"]
    assert [printed(kind) for kind in entries[1].find_class("rdg-grp-type")] == ["substantive", "spelling"]


# ------------------------------------------------------------------ what else such files hold

# Passages in a language of their own: EpiDoc's edition division in Latin beside its English
# translation, a French scene in a Russian play, a Latin verse quotation, a Hebrew paragraph.
LANGUAGES = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="Languages", profile="")}
<text><body>
<div type="edition" xml:lang="la"><head>Textus</head><p>Dis Manibus.</p><p xml:lang="en">(the English gloss)</p></div>
<div type="translation"><p>To the spirits of the dead.</p>
<cit><quote xml:lang="la"><lg><l>Arma virumque cano</l></lg></quote><bibl>Verg.</bibl></cit>
<sp xml:lang="fr"><speaker>LA COMTESSE.</speaker><p>Mon Dieu!</p></sp>
<p xml:lang="he">שלום עליכם</p>
<p>He said <foreign xml:lang="la">alea iacta est</foreign>.<note xml:lang="de">Eine Anmerkung.</note></p></div>
</body></text></TEI>
"""


def test_a_passage_in_a_language_of_its_own_says_so_in_its_html(tmp_path):
    # Only a foreign phrase and the text as a whole had a lang: a screen reader read the Latin
    # division and the French speech as English, the Hebrew paragraph ran left to right.
    shown = page(built(corpus(tmp_path / "c", {"languages.xml": LANGUAGES})), "languages")
    text = shown.get_element_by_id("text")
    edition, translation = text.find_class("div")
    assert edition.get("lang") == "la" and edition.find(".//h2").get("lang") is None
    assert [p.get("lang") for p in edition.iter("p")] == [None, "en"]
    assert translation.get("lang") is None
    assert text.find_class("cit")[0].find("blockquote").get("lang") == "la"
    assert text.find_class("sp")[0].get("lang") == "fr"
    hebrew = text.xpath(".//p[. = 'שלום עליכם' or starts-with(., 'שלום')]")[0]
    assert (hebrew.get("lang"), hebrew.get("dir")) == ("he", "rtl")
    # a note's language is its body's, not its marker's
    assert text.find_class("noteref")[0].get("lang") is None
    assert shown.find_class("note-body")[0].get("lang") == "de"


# A charter's marginal notes (an endorsement, a summary in the margin), a bracketed note read in
# place between them.
CHARTER = f"""<TEI xmlns="{TEI_NS}" xml:lang="la">{HEADER.format(title="Urkunde 1250", profile="")}
<text><body><div type="charter">
<p><note place="margin">Dors.: De decima</note>In nomine domini amen. Nos Heinricus<note place="inline">(Rasur)</note>
notum facimus<note place="foot">Editor's footnote.</note>.</p>
<note place="margin-left" type="summary">Verkauf</note>
</div></body></text></TEI>
"""


def test_a_charter_s_marginal_notes_are_told_apart_and_numbered_without_gaps(tmp_path):
    # Each was a "Note" as a footnote is, and the note read in place took number 2: "1, 3, 4".
    shown = page(built(corpus(tmp_path / "c", {"charter.xml": CHARTER})), "charter")
    assert [(a.text, a.get("aria-label")) for a in shown.find_class("noteref")] == [
        ("1", "Note 1: Marginal note"), ("2", "Note 2: Note"), ("3", "Note 3: Summary note")]
    assert [printed(kind) for kind in shown.find_class("note-type")] == ["Marginal note", "Note", "Summary note"]
    assert printed(shown.find_class("note-inline")[0]) == "(Rasur)"


# A list whose first item has no label and the next ones have (DBNL's lists of points).
GLOSSARY = f"""<TEI xmlns="{TEI_NS}" xml:lang="nl">{HEADER.format(title="Lijst", profile="")}
<text><body><list><item>eerst, zonder label</item><label>b)</label><item>twee</item><label>c)</label><item>drie</item></list></body></text></TEI>
"""


def test_a_list_opening_with_an_unlabelled_item_is_a_valid_description_list(tmp_path):
    # <dl><dd>…: HTML's dl opens with a term.
    text = page(built(corpus(tmp_path / "c", {"lijst.xml": GLOSSARY})), "lijst").get_element_by_id("text")
    (listed,) = text.iter("dl")
    assert [(child.tag, printed(child)) for child in listed] == [
        ("dt", ""), ("dd", "eerst, zonder label"), ("dt", "b)"), ("dd", "twee"), ("dt", "c)"), ("dd", "drie")]


# ------------------------------------------------------------------ the W3C checker

def test_this_round_s_texts_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"tagebuch.xml": DIARY, "daybook.xml": ACCOUNTS, "A01235.xml": EEBO,
                                     "t17280717-3.xml": TRIAL, "interview.xml": SPOKEN, "epitaph.xml": INSCRIPTION,
                                     "languages.xml": LANGUAGES, "charter.xml": CHARTER, "lijst.xml": GLOSSARY})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
