"""One reading of the TEI for this edition and for any corpus (ria/model/entries.py, texts.py,
passages.py): the edition's index and `build --corpus` over the same files hold the same
entries, texts and mentions, and a corpus's pages show what the edition's show of them."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from ria.corpus import build_corpus
from ria.model.indexer import build_index

TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0">'
HEADER = ('<teiHeader><fileDesc><titleStmt><title>{title}</title><author><persName ref="#{author}">Author</persName>'
          '</author></titleStmt><publicationStmt><publisher>Test</publisher><availability status="free">'
          '<p>Free to use.</p></availability></publicationStmt><sourceDesc><bibl>{source}</bibl></sourceDesc>'
          '</fileDesc><profileDesc><creation><date when="{date}"/></creation></profileDesc></teiHeader>')


@pytest.fixture(scope="module")
def as_a_corpus(root):
    """The edition's own TEI, built as anyone's corpus is (nothing written)."""
    return build_corpus(root / "tei", None, root, jobs=1, write=False, search=False)


def test_the_edition_and_its_tei_built_as_a_corpus_read_the_same_entries(edition, as_a_corpus):
    index = build_index(edition)
    as_corpus = {entry_id: dataclasses.replace(entry, source="tei/" + entry.source)
                 for entry_id, entry in as_a_corpus.index.entries.items()}
    assert as_corpus == index.entries


def test_the_edition_and_its_tei_built_as_a_corpus_read_the_same_texts(edition, as_a_corpus):
    index = build_index(edition)
    as_corpus = {text.id: dataclasses.replace(text, path="tei/" + text.path) for text in as_a_corpus.index.texts}
    for text in index.texts:
        assert as_corpus[text.id] == text


def test_the_edition_and_its_tei_built_as_a_corpus_read_the_same_mentions(edition, as_a_corpus):
    index = build_index(edition)
    # a corpus lists the mentions of its registers' entries (a pointer to no entry is counted apart)
    expected = Counter(dataclasses.astuple(m) for m in index.source.all() if m.entry_id in index.entries)
    found = Counter(dataclasses.astuple(m) for entry_id in as_a_corpus.index.entries
                    for m in as_a_corpus.index.mentions.get(entry_id, []) or [])
    assert found == expected and len(found) > 3000


def test_the_edition_is_indexed_as_a_corpus_is_by_the_one_indexer(root, as_a_corpus, monkeypatch):
    """The build reads the edition's texts and registers into records and gathers them with the
    indexer a corpus's reading uses (ria/model/indexer.py), into the same kind of store: no other
    path makes the edition's index."""
    from ria.cache import NoCache
    from ria.model.indexer import Indexer
    from ria.progress import Quiet
    from ria.publish.build import EditionProject, Project

    taken_in = []
    add = Indexer.add

    def recorded(self, record, document=None):
        taken_in.append((record.kind, Path(record.rel).name))
        return add(self, record, document)

    monkeypatch.setattr(Indexer, "add", recorded)
    project = EditionProject(Project.at(root), NoCache())
    try:
        index = project.read(None, Quiet(), public=False)
    finally:
        project.close()
    tei = root / "tei"
    assert sorted(taken_in) == sorted([("register", path.name) for path in (tei / "registers").rglob("*.xml")]
                                      + [("text", path.name) for path in (tei / "texts").glob("*.xml")])
    assert type(index.source) is type(as_a_corpus.index.source)
    # what the store answers is the index's: each text's mentions, as the corpus's store answers them
    for text in index.texts:
        assert index.mentions_in_text(text.id) == as_a_corpus.index.mentions_in_text(text.id)


def _corpus(folder: Path) -> Path:
    (folder / "registers").mkdir(parents=True)
    (folder / "texts").mkdir()
    (folder / "registers" / "events.xml").write_text(
        TEI + HEADER.format(title="Events", author="a", source="", date="2020")
        + '<text><body><listEvent><event xml:id="ev-storming" when="1917-11-07" when-custom="1917-10-25">'
        '<label>Storming of the Winter Palace</label></event></listEvent>'
        '<listPerson><person xml:id="a"><persName><forename>Anna</forename><surname>Author</surname></persName>'
        '</person><person xml:id="lenin"><persName type="reg"><forename>Vladimir</forename>'
        '<surname>Lenin</surname></persName><persName xml:lang="ru">Ленин</persName></person></listPerson>'
        '</body></text></TEI>', encoding="utf-8")
    (folder / "texts" / "memoir.xml").write_text(
        TEI + HEADER.format(title="A memoir", author="a", source="Printed 1930.", date="1930")
        + '<text><body><div type="chapter" n="1"><p n="1">Prologue.</p></div>'
        '<div type="chapter" n="2"><p n="1">Nothing yet.</p>'
        '<p n="2" ana="#ev-storming">That night <persName ref="#lenin">Lenin</persName> spoke. The palace fell.</p>'
        '<p n="3">On <date when-custom="1917-10-25" datingMethod="#julian" calendar="#julian">25 October</date> '
        'the guns fired; on <date when-iso="1917-12-20">20 December</date> the Cheka was founded.</p>'
        '</div></body></text></TEI>', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def memoir(tmp_path_factory):
    """A small corpus (a memoir, a register of events and persons), built once, nothing written."""
    return build_corpus(_corpus(tmp_path_factory.mktemp("memoir") / "corpus"), None, Path(__file__).parent.parent,
                        jobs=1, write=False, search=False)


def test_a_corpus_entry_lists_each_mention_with_its_location(memoir):
    result = memoir
    lenin = result.files["persons/lenin.html"].decode()
    assert "That night <mark>Lenin</mark> spoke." in lenin
    assert '<span class="passage">ch. 2, ¶ 2</span>' in lenin
    # a spelling in another script keeps its language
    assert 'Also written: <span lang="ru">Ленин</span>' in lenin


def test_a_corpus_event_is_dated_in_both_calendars_and_lists_the_passages_narrating_it(memoir):
    result = memoir
    event = result.index.entries["ev-storming"]
    assert event.dates == "1917-11-07"
    assert event.when == {"when": "1917-11-07", "when-custom": "1917-10-25"}  # the Old Style date is kept
    page = result.files["events/ev-storming.html"].decode()
    assert "1 mention in 1 text" in page
    assert 'href="../texts/memoir.html#' in page and "That night Lenin spoke." in page
    assert '<span class="passage">ch. 2, ¶ 2</span>' in page


def test_a_corpus_text_keeps_its_rights_sources_and_author_entry(memoir):
    result = memoir
    memoir = next(text for text in result.index.texts if text.id == "memoir")
    assert (memoir.availability, memoir.availability_note) == ("free", "Free to use.")
    assert memoir.sources == ["Printed 1930."] and memoir.author_ref == "a"
    assert result.index.entries["a"].name == "Anna Author"


def test_a_corpus_chronology_gives_an_old_style_date_in_both_calendars_and_reads_iso_forms(memoir):
    result = memoir
    year = result.files["chronology-1917.html"].decode()
    october = year[year.index('<time datetime="1917-11-07"'):]
    assert "Old Style (New Style)" in october.split("</li>")[0]  # printed in the Julian calendar, as the source does
    assert "On <mark>25 October</mark> the guns fired;" in october and '<span class="passage">ch. 2, ¶ 3</span>' in october
    assert '<time datetime="1917-12-20">' in year  # a date given by @when-iso


def test_a_space_the_source_leaves_keeps_the_words_either_side_apart():
    from lxml import etree

    from ria.model.passages import mentions_in
    root = etree.fromstring(TEI + HEADER.format(title="A letter", author="a", source="", date="1891")
                            + '<text><body><div><opener><dateline><rs ref="#wien">Wien</rs><space unit="chars" '
                            'quantity="1"/><date when="1891-06-06">6. 6. 91</date>.</dateline></opener>'
                            '<p>Text.</p></div></body></text></TEI>')
    [wien] = mentions_in(root, "letter")
    assert (wien.form, wien.after) == ("Wien", " 6. 6. 91.")  # one sentence: a day's stop ends none


def test_a_name_pointing_to_an_entrys_authority_uri_mentions_and_links_that_entry(tmp_path):
    from test_wild_tei import page
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    (folder / "persons.xml").write_text(
        TEI + HEADER.format(title="Persons", author="a", source="", date="2020")
        + '<text><body><listPerson><person xml:id="person-13"><persName>Ephrem</persName>'
        '<idno type="URI">http://syriaca.org/person/13</idno></person>'
        '<person xml:id="a"><persName>Anna Author</persName></person></listPerson></body></text></TEI>',
        encoding="utf-8")
    (folder / "hymns.xml").write_text(
        TEI + HEADER.format(title="Hymns", author="a", source="", date="0360")
        + '<text><body><p>Hymns of <persName ref="http://syriaca.org/person/13">Ephrem</persName> and of '
        '<persName ref="http://example.org/nobody">someone</persName>.</p></body></text></TEI>',
        encoding="utf-8")
    result = build_corpus(folder, None, Path(__file__).parent.parent, jobs=1, write=False, search=False)
    assert [(m.entry_id, m.form) for m in result.index.mentions_of("person-13")] == [("person-13", "Ephrem")]
    assert result.index.unresolved == 1  # the other address names no entry of the registers
    [ephrem] = page(result, "hymns").xpath("//a[contains(@class, 'name')]")
    assert (ephrem.get("href"), ephrem.get("data-ref")) == ("../persons/person-13.html#person-13", "person-13")
    assert "Ephrem" in result.files["persons/person-13.html"].decode()
