"""An eighth sweep of whole real TEI files: what the seventh left of the ACDH's editions
(Schnitzler and the S. Fischer Verlag, Schnitzler at the cinema, the Thun correspondence) and
DraCor's Shakespeare (The Tempest), each rebuilt with `build.py build --corpus` and read for a
crash, the W3C Nu checker's errors and whether the words of each TEI <text> are on its page; and
a kind not tried before, Ambuda's and GRETIL's Sanskrit texts (a Vedic hymn in Devanagari with
its accents, verses as lg).

What a reader relies on, each reproduced below by a snippet of our own:
- All the header says about a letter is in "About this text": the source description's reference
  to something related (a day of the writer's diary, <ref type="diary_entry" target="…">) is a
  link in a row "See also (diary entry)"; the persons the header's profile lists
  (<profileDesc><listPerson>) a row "Persons", each name a link to the record it gives as its source.
- A list of works the letter names, each by its record alone (<listBibl><bibl ref="#w1"><title>…),
  is labelled "Works", not "Source": the letter was not edited from them. A list of sources is
  still a list of sources.
- A title whose line breaks (<lb/>) reads in "About this text" as its lines, the words on either side
  apart; a break in the middle of a word (break="no") joins its halves.
- A division that holds nothing (<div><ab/></div>, a comment to come) and a table's row of cells
  that hold nothing (a film to fill in: <cell><date/></cell>) are no empty markup on the page; an
  id they hold stays a place a link may lead to. A division with only a page break keeps it.
- A revision dated in ISO's form (<change when-iso="2022-08-26">, as GRETIL and Ambuda date theirs)
  is listed with its date, as one dated by @when is.
- A cast list's entry of no words (<castItem corresp="#chorus" sameAs="#nymph"/>) is no empty
  bullet; its id stays, so that a speaker's link to it still lands.
"""

from __future__ import annotations

import pytest
from test_wild_tei import ROOT, corpus, page, tei, words

from ria.corpus import build_corpus

LETTER = tei("<body><div><p>Lieber Freund, das Buch kommt morgen.</p></div></body>",
             title="Hanna Berg an Otto Lenz<lb/>Linz, 4. März 1901</title><title>Ein Ver<lb break=\"no\"/>such",
             lang="de").replace("<sourceDesc><p>t</p></sourceDesc>", """<sourceDesc>
<listBibl><bibl ref="#w1"><title>Die Wanderung</title></bibl> <bibl ref="#w2"><title>Herbst</title></bibl></listBibl>
<ref type="diary_entry" target="https://example.org/diary/1901-03-06">Tagebuch 1901-03-06 (Brief erwähnt)</ref>
</sourceDesc>""").replace("</teiHeader>", """<profileDesc><listPerson>
<person ref="#p7" source="https://example.org/person/7"><persName>Kern, Ida</persName></person>
<person><persName>Maus, Paul</persName></person></listPerson></profileDesc></teiHeader>""")
SOURCES = tei("<body><p>Worte.</p></body>", title="Sources").replace("<sourceDesc><p>t</p></sourceDesc>", """<sourceDesc>
<listBibl><bibl><author>Anna Roe</author>, <title>Poems</title>, 1901</bibl></listBibl></sourceDesc>""").replace(
    "</teiHeader>", '<revisionDesc><change when-iso="2022-08-26">Proofread.</change></revisionDesc></teiHeader>')
CINEMA = tei("""<body><div><ab>Abends im Kino.</ab></div><div type="comment"><ab></ab></div>
<div><ab xml:id="to-come"/></div><div><pb n="7"/></div>
<div><table><row><cell>Titel</cell><cell>Jahr</cell></row><row><cell></cell><cell><date></date></cell></row>
<row><cell><persName/></cell><cell xml:id="cell-kept"/></row></table></div></body>""", title="Kino", lang="de")
PLAY = tei("""<front><castList><castItem><role xml:id="ann">Ann</role></castItem>
<castGroup><castItem xml:id="chorus">Players who sing as nymphs and reapers</castItem>
<castItem corresp="#chorus" sameAs="#nymph"/><castItem xml:id="reaper" corresp="#chorus"/></castGroup></castList></front>
<body><div><sp who="#reaper"><speaker>Reaper</speaker><p>We come.</p></sp><sp who="#ann"><speaker>Ann</speaker><p>Welcome.</p></sp></div></body>""",
           title="A masque")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("sweep") / "c", {
        "letter.xml": LETTER, "sources.xml": SOURCES, "cinema.xml": CINEMA, "play.xml": PLAY})
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)


def said(element) -> str:
    return " ".join(element.text_content().split())


def rows(built, name: str) -> dict[str, list]:
    about = page(built, name).get_element_by_id("about-text")
    return {dt.text_content(): dt.xpath("following-sibling::dd[1]")[0] for dt in about.iter("dt")}


def test_the_source_descriptions_reference_and_the_profiles_persons_are_rows_of_the_about_part(built):
    about = rows(built, "letter")
    [diary] = about["See also (diary entry)"].iter("a")
    assert (diary.get("href"), diary.text) == ("https://example.org/diary/1901-03-06", "Tagebuch 1901-03-06 (Brief erwähnt)")
    persons = about["Persons"]
    assert said(persons) == "Kern, Ida; Maus, Paul"
    assert [a.get("href") for a in persons.iter("a")] == ["https://example.org/person/7"]


def test_a_list_of_works_the_letter_names_is_labelled_works_and_a_list_of_sources_source(built):
    about = rows(built, "letter")
    assert "Source" not in about
    assert said(about["Works"]) == "Die Wanderung; Herbst"
    assert said(rows(built, "sources")["Source"]) == "Anna Roe, Poems, 1901"


def test_a_titles_line_break_parts_its_lines_and_a_break_inside_a_word_joins_it(built):
    titles = page(built, "letter").get_element_by_id("about-text").xpath(".//dt[. = 'Title']/following-sibling::dd")
    first, second = titles[0], titles[1]
    assert first.find(".//br") is not None
    assert said(first) == "Hanna Berg an Otto Lenz Linz, 4. März 1901"
    assert said(second) == "Ein Versuch" and second.find(".//br") is None


def test_a_division_and_a_row_that_hold_nothing_are_left_out_their_ids_kept(built):
    text = page(built, "cinema").get_element_by_id("text")
    assert [words(section) for section in text.iter("section")] == ["Abends im Kino.", "p. 7", "Titel Jahr"]
    assert text.get_element_by_id("to-come").tag == "span"
    # The row of empty cells is gone; the row with an id in it stays, a link's target.
    assert [len(tr) for tr in text.iter("tr")] == [2, 2]
    assert text.get_element_by_id("cell-kept").tag in ("td", "th")


def test_a_cast_entry_of_no_words_is_no_bullet_and_a_speakers_link_to_it_lands(built):
    shown = page(built, "play")
    cast = shown.find_class("castList")[0]
    assert [words(li) for li in cast.iter("li") if "castItem" in li.get("class")] == [
        "Ann", "Players who sing as nymphs and reapers"]
    assert shown.xpath("//a[@href = '#reaper']"), "the speaker's link to the wordless entry"
    assert shown.get_element_by_id("reaper").tag == "span"


def test_a_revision_dated_in_isos_form_is_listed_with_its_date(built):
    revisions = rows(built, "sources")["Revisions"]
    assert said(revisions) == "2022-08-26: Proofread."
    assert revisions.find(".//time").get("datetime") == "2022-08-26"
