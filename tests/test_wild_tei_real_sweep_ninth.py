"""A ninth sweep of whole real TEI files: what the eighth left in the header of the ACDH's letters
(Schnitzler and the S. Fischer Verlag) and of Ambuda's Sanskrit texts, each rebuilt with
`build.py build --corpus` and read for a crash, the W3C Nu checker's errors and the words of its <text>.

What a reader relies on, each reproduced below by a snippet of our own:
- A note of the header's notesStmt that is an address and nothing else (<note type="calendar">https://…</note>,
  the day's entry in a chronicle) is a link to that address in "About this text", not text that leads
  nowhere; a note of words keeps its words.
- A licence written with an element TEI does not define where <licence> stands (<license target="…">,
  the word misspelt, as Ambuda writes it) is read as the licence: its words are shown and its address
  linked, and the text is free when that address is a free licence's. Prose beside it stays prose.
"""

from __future__ import annotations

import pytest
from lxml import etree
from test_wild_tei import ROOT, corpus, page, tei

from ria.corpus import build_corpus
from ria.model.texts import availability_status, publication

CHRONICLE = "https://example.org/chronicle/1899-05-02.html"
NOTED = tei("<body><p>Liebe Anna, ich komme.</p></body>", title="Ein Brief", lang="de").replace(
    "</sourceDesc>", f"""</sourceDesc><notesStmt><note type="calendar_entry">
  {CHRONICLE} </note><note type="printed">Gedruckt in: Briefe, S. 3, https://example.org/b</note></notesStmt>""")
MISSPELT = tei("<body><p>Words of a hymn.</p></body>", title="A hymn").replace(
    "<publicationStmt><p>t</p></publicationStmt>", """<publicationStmt><publisher>A press</publisher>
<availability><license target="https://creativecommons.org/publicdomain/zero/1.0/">Given to the public
domain under CC0.</license> Taken from <ref target="https://example.org/book">a printed book</ref>.</availability>
</publicationStmt>""")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("sweep") / "c", {"noted.xml": NOTED, "misspelt.xml": MISSPELT})
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)


def row(built, name: str, label: str):
    about = page(built, name).get_element_by_id("about-text")
    return next(dt.xpath("following-sibling::dd[1]")[0] for dt in about.iter("dt") if dt.text_content() == label)


def test_a_header_note_that_is_only_an_address_is_a_link_to_it(built):
    [link] = row(built, "noted", "Note (calendar entry)").iter("a")
    assert (link.get("href"), link.text) == (CHRONICLE, CHRONICLE)
    printed = row(built, "noted", "Note (printed)")
    assert not list(printed.iter("a"))
    assert " ".join(printed.text_content().split()) == "Gedruckt in: Briefe, S. 3, https://example.org/b"


def test_a_misspelt_licence_shows_its_words_and_links_its_address(built):
    rights = row(built, "misspelt", "Rights")
    assert " ".join(rights.text_content().split()).startswith("Given to the public domain under CC0.")
    assert [a.get("href") for a in rights.iter("a")] == [
        "https://creativecommons.org/publicdomain/zero/1.0/", "https://example.org/book"]
    assert "Taken from a printed book." in " ".join(rights.text_content().split())


def test_a_misspelt_licence_is_the_texts_licence_and_makes_it_free():
    root = etree.fromstring(MISSPELT.encode())
    assert publication(root) == ("A press", "https://creativecommons.org/publicdomain/zero/1.0/")
    availability = root.find(".//{http://www.tei-c.org/ns/1.0}availability")
    assert availability_status(availability) == "free"
