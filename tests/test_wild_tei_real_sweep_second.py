"""A second sweep with whole real TEI files, from projects the first (test_wild_tei_real_sweep.py)
did not touch, each project's files built as one corpus with `build.py build --corpus`, then read
for a crash, the problems reported, the W3C Nu checker's errors over the whole site, and whether
the words of each TEI <text> are on its page.

Swept (files per project, 20 files from 12 projects): the Shelley-Godwin Archive, a notebook whose
sourceDoc includes its pages' surfaces and four page files, three of them included by nothing (5);
CBETA, two Taishō sutras in its own namespace with an apparatus pointing from/to anchors (2);
Syriaca.org, two records of works whose body is one bibl (2); Menota, the sample of the TEI
Publisher package, three levels of each word and entities declared only in an unread DTD (1, its
revision history and body shortened to a passage); the Van Gogh letters, a letter with its
translation and notes pointing to anchors (1); SARIT's GRETIL texts, a sūtra with verse (1);
Capitularia, a manuscript transcription with cb, subst and counted deletions (1); GROBID, the
header of a paper with an empty text (1); the Office of the Historian, a FRUS-history document and
an article (2); the Karl Barth-Gesamtausgabe, a sermon with notes and mid-word page breaks (1); the
Deutsches Textarchiv, two soldiers' letters in its base format (2); ELTeC, a Ukrainian novella (1).
Every corpus built with no crash, no word of a text missing from its page (but CBETA's cb:mulu,
the table of contents' own copy of a heading) and no error from the Nu checker.

What it found, each reproduced below by a snippet of our own: a sermon whose header names its
volume before itself (title type="volume", then type="content") was titled by its volume, every
sermon of a volume alike; a document whose header says when it was written only as its
publication statement's date of type "created" (the Office of the Historian's) was undated; and a
deletion whose letters are counted, not transcribed (<del unit="chars" quantity="1"/>, an emptied
del in a subst) left an empty element no reader sees."""

from __future__ import annotations

import pytest
from test_wild_tei import TEI_NS, built, corpus, page, reading, words

HEADER = ('<TEI xmlns="{ns}"><teiHeader><fileDesc><titleStmt>{titles}</titleStmt>'
          '<publicationStmt>{publication}</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc>'
          '</teiHeader><text><body>{body}</body></text></TEI>')


def document(titles: str, body: str = "<p>x</p>", publication: str = "<p>p</p>") -> str:
    return HEADER.format(ns=TEI_NS, titles=titles, publication=publication, body=body)


# A sermon as the Karl Barth-Gesamtausgabe heads it: its volume first, then its own title, then
# the lines of a citation.
SERMON = document('<title type="volume" n="vol-27">Predigten 1915</title>'
                  '<title type="content">Predigt: Offenbarung 1,8 (Neujahr)</title>'
                  '<title type="citation_line_1">Barth, Karl: Predigt: Offenbarung 1,8</title>')
# An article whose header names its journal first, with no level of its own.
ARTICLE = document('<title level="j">Notes and Queries</title><title>On asterisks</title>')
# A volume's own record, whose only title is typed as a volume's: still its title.
VOLUME = document('<title type="volume">Predigten 1916</title>')
# A memorandum as the Office of the Historian's FRUS history publishes it: posted, and created.
MEMO = document('<title type="complete">Blair to Kissinger</title>',
                publication='<date type="posted" when="2013-12-16">December 16, 2013</date>'
                            '<date type="created" when="1976-11-17">November 17, 1976</date>')
# A blog post dated by its publication statement only: that is the edition's date, not the text's.
POST = document('<title>What Do Those Asterisks Mean?</title>',
                publication='<date when="2011-09-13">September 13, 2011</date>')
# A manuscript's line as Capitularia transcribes it: a letter deleted, counted but not read; a
# substitution whose deleted letters are not given; a deletion that is transcribed.
LINE = document("<title>Besançon 186</title>", body=(
    '<ab>discrepant hunc <del unit="chars" quantity="1"/>Enoch, felicitate conten<subst><del/>'
    '<add>ti</add></subst>, <del rend="strikethrough">fehlte</del>kann</ab>'))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built(corpus(tmp_path_factory.mktemp("sweep2") / "c", {
        "sermon.xml": SERMON, "article.xml": ARTICLE, "volume.xml": VOLUME,
        "memo.xml": MEMO, "post.xml": POST, "line.xml": LINE}))


def title_of(site, name: str) -> str:
    return words(page(site, name).get_element_by_id("text-title"))


def test_a_text_is_titled_by_its_own_title_not_by_the_volume_or_journal_that_holds_it(site):
    assert title_of(site, "sermon") == "Predigt: Offenbarung 1,8 (Neujahr)"
    assert title_of(site, "article") == "On asterisks"
    # A header whose only title is the volume's keeps it: the page is not left untitled.
    assert title_of(site, "volume") == "Predigten 1916"


def test_a_document_is_dated_by_the_date_its_header_says_it_was_created(site):
    assert [reading(p) for p in page(site, "memo").find_class("text-date")] == ["November 17, 1976"]
    # The date of the publication statement alone is the edition's, not the text's.
    assert page(site, "post").find_class("text-date") == []


def test_a_deletion_counted_but_not_transcribed_is_marked_where_it_stands(site):
    deletions = page(site, "line").xpath("//main//del")
    marks = [d for d in deletions if "del-untranscribed" in d.get("class")]
    assert [words(d) for d in marks] == ["⟦…⟧", "⟦…⟧"]
    assert [d.get("title") for d in marks] == ["Deleted, not transcribed: 1 character", "Deleted, not transcribed"]
    # A deletion whose letters are transcribed shows them, struck through, with no mark of its own.
    assert [words(d) for d in deletions if d not in marks] == ["fehlte"]
