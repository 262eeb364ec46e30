"""`build --corpus` on files whose root is a TEI element that is no document, as the Carl Maria
von Weber edition (WeGA) keeps them: a diary day in a file whose root is an <ab>, a person in one
whose root is a <person>. A file no other file includes is published on its own (a register of
one entry; a text, as if a minimal TEI document were around it, which invents nothing); a file
another file includes is published within that file alone."""

from __future__ import annotations

from pathlib import Path

from test_corpus_incremental import assert_same_site, build, edit
from test_wild_tei import TEI_NS, built, corpus, page, tei, words

from ria.corpus.check import check_corpus

ROOT = Path(__file__).resolve().parent.parent
XI = "http://www.w3.org/2001/XInclude"

PERSON = (f'<person xmlns="{TEI_NS}" xml:id="A000914"><persName type="reg"><forename>Caroline</forename> '
          '<surname>Brandt</surname></persName><birth when="1794-11-19"/></person>\n')


def day(day_id: str, date: str, words_of_day: str) -> str:
    return f'<ab xmlns="{TEI_NS}" xml:id="{day_id}" n="{date}">{words_of_day}</ab>\n'


def wega(folder: Path) -> Path:
    return corpus(folder, {
        # filed by id, not by date: the chronology orders them by their @n
        "A060002.xml": day("A060002", "1817-01-01", 'Mit <persName ref="#A000914">Caroline</persName> gegessen.'),
        "A060001.xml": day("A060001", "1817-01-02", "Probe im Theater."),
        "A000914.xml": PERSON,
        "A040001.xml": tei('<body><p>Liebe <persName ref="#A000914">Lina</persName>!</p></body>', title="To Caroline",
                           profile='<profileDesc><creation><date when="1817-01-05"/></creation></profileDesc>'),
        "A030001.xml": f'<div xmlns="{TEI_NS}"><head>On the Freischütz</head><p>A note.</p></div>\n',
    })


def test_diary_days_and_a_person_without_a_document_around_them_are_published(tmp_path):
    result = built(wega(tmp_path / "c"))
    assert not result.problems
    assert [(doc.rel, doc.why) for doc in result.corpus.registers] == [
        ("A000914.xml", "its root is a person entry (a file no other file includes)")]
    assert {doc.rel: doc.why for doc in result.corpus.texts} == {
        "A060001.xml": "its root is a TEI <ab> without a header (a fragment no other file includes)",
        "A060002.xml": "its root is a TEI <ab> without a header (a fragment no other file includes)",
        "A040001.xml": "its body holds p",
        "A030001.xml": "its root is a TEI <div> without a header (a fragment no other file includes)"}
    assert result.corpus.skipped == []
    # dated by their @n, titled by their @n or their own head (the undated first, as the index orders them)
    assert [(text.id, text.title, text.date) for text in result.index.texts] == [
        ("A030001", "On the Freischütz", ""), ("A060002", "1817-01-01", "1817-01-01"),
        ("A060001", "1817-01-02", "1817-01-02"), ("A040001", "To Caroline", "1817-01-05")]
    assert result.index.entries["A000914"].name == "Caroline Brandt"
    assert "persons/A000914.html" in result.files

    # the letter's and the day's names link to the person's page, which quotes both
    for text_id in ("A040001", "A060002"):
        links = page(result, text_id).get_element_by_id("text").xpath(".//a[@data-ref = 'A000914']/@href")
        assert links == ["../persons/A000914.html"], text_id
    assert [m.text_id for m in result.index.mentions["A000914"]] == ["A060002", "A040001"]

    # the page says what the file is, and no more than the file says
    about = words(page(result, "A060002").get_element_by_id("about-text"))
    assert "The file A060002.xml is a fragment without a TEI header: its root element is <ab>." in about
    assert "Publisher" not in about and "Author" not in about
    assert words(page(result, "A060002").get_element_by_id("text")) == "Mit Caroline gegessen."


def test_a_fragment_another_file_includes_is_published_within_it_alone(tmp_path):
    letter = (f'<TEI xmlns="{TEI_NS}" xmlns:xi="{XI}"><teiHeader><fileDesc><titleStmt><title>Diary</title></titleStmt>'
              "<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>"
              '<text><body><xi:include href="days/A060001.xml"/></body></text></TEI>\n')
    folder = corpus(tmp_path / "c", {"diary.xml": letter})
    corpus(folder / "days", {"A060001.xml": day("A060001", "1817-01-02", "Probe im Theater."),
                             "A060002.xml": day("A060002", "1817-01-03", "Ruhetag.")})
    result = built(folder)
    assert not result.problems
    assert sorted(doc.rel for doc in result.corpus.texts) == ["days/A060002.xml", "diary.xml"]
    assert "texts/A060001.html" not in result.files  # no page of its own: no duplicate
    assert words(page(result, "diary").get_element_by_id("text")) == "Probe im Theater."
    assert result.corpus.skipped == []


def includer(body: str) -> str:
    """A TEI text whose body is ``body`` (an xi:include of a day, say)."""
    return (f'<TEI xmlns="{TEI_NS}" xmlns:xi="{XI}"><teiHeader><fileDesc><titleStmt><title>I</title></titleStmt>'
            "<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>"
            f"<text><body>{body}</body></text></TEI>\n")


def test_check_classifies_fragments_as_the_build_does(tmp_path):
    folder = wega(tmp_path / "c")
    corpus(folder, {"includer.xml": includer('<xi:include href="A060001.xml"/>')})
    checked = check_corpus(folder, ROOT, jobs=1)
    classified = {Path(c.path).name: (c.kind, c.why) for c in checked.classified}
    result = built(folder)
    assert classified == {**{doc.rel: (doc.kind, doc.why) for doc in result.corpus.documents},
                          "A060001.xml": ("skipped", "it is a TEI <ab> that another file includes: published within it")}
    assert checked.errors == 0
    assert not [p for p in checked.problems if "schema" not in p.rule]


def clean(folder: Path, out: Path) -> Path:
    build(folder, out, None)
    return out


def test_a_rebuild_after_a_fragment_changed_or_stopped_being_included_equals_a_clean_build(tmp_path):
    folder = wega(tmp_path / "corpus")
    corpus(folder, {"includer.xml": includer('<p>Before.</p><xi:include href="A060001.xml"/>')})
    site, cache = tmp_path / "site", tmp_path / "site.ria-cache"
    build(folder, site, cache)
    assert not (site / "texts" / "A060001.html").exists()

    edit(folder / "A060002.xml", 'n="1817-01-01"', 'n="1818-03-04"')  # a day moves in the chronology
    edit(folder / "A060002.xml", "gegessen", "gespeist")
    assert build(folder, site, cache).reused["files read"] == 1
    assert "gespeist" in (site / "persons" / "A000914.html").read_text(encoding="utf-8")
    assert_same_site(site, clean(folder, tmp_path / "clean1"))

    # the day the includer no longer includes is published on its own, its mentions with it,
    # and still so when it alone is read again (its survey and rows from the cache)
    edit(folder / "A060001.xml", "Probe im Theater.", 'Probe mit <persName ref="#A000914">Lina</persName>.')
    build(folder, site, cache)
    edit(folder / "includer.xml", '<xi:include href="A060001.xml"/>', "")
    assert build(folder, site, cache).reused["files read"] == 1
    assert "Probe mit" in (site / "persons" / "A000914.html").read_text(encoding="utf-8")
    assert_same_site(site, clean(folder, tmp_path / "clean2"))
