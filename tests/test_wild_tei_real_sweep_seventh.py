"""A seventh sweep of whole real TEI files, each project's files built as one corpus with `build.py
build --corpus` (and once with --no-cache), then read for a crash, the problems reported, the W3C
Nu checker's errors and whether the words of each TEI <text> are on its page.

Swept: the ACDH's other static editions. The Thun correspondence (Leo Thun's letters, a Czech
letter whose title breaks its line between the correspondents and the place, an index of subject
terms at the head of its transcript), Schnitzler and the S. Fischer Verlag (a summary of a letter,
its header's notesStmt saying where it was printed and what kind of document it is), Schnitzler
at the cinema (a diary line and a table of films to fill in, the cinema in the back's listOrg) and
Clara Katharina Pollaczek's "Arthur Schnitzler und ich" (a typescript's page of lines in an
element of the project's own, words broken with ¬).

What it found, each reproduced below by a snippet of our own: (1) a title whose line breaks
(<lb/>) ran its words together in the page's title and heading ("Leo ThunPrag"). (2) An empty
title (<title type="alternative" when-iso="…"/>, the ACDH's date for sorting) was listed as an
empty title. (3) The header's notesStmt was not on the page: its notes are rows of the about part,
each named by its type. (4) The reading model (search index, registers' excerpts, exports) read an
index entry's terms as words of the text, run together ("PersonalfragenBittgesuch"): the page
marks the entry's place and lists its terms apart, and so does the reading model now.
"""

from __future__ import annotations

import pytest
from lxml import etree
from test_wild_tei import ROOT, corpus, page, tei

from ria.corpus import build_corpus
from ria.model import readings

# A letter whose title breaks its line, with an empty title dating it, and notes on the letter.
LETTER = tei("""<body><div type="transcript"><index><term>Schulwesen</term><term>Bittgesuch</term></index>
<p>Hochgeborner Graf, ich bitte um eine Stelle.</p></div></body>""",
             title='Anna Roth an Karl Weiss<lb/>Graz, 3. Mai 1850</title><title type="alternative" when-iso="1850-05-03"/><title>x',
             lang="de").replace("<title>x</title>", "").replace("</publicationStmt>", """</publicationStmt><notesStmt>
<note type="published_in">Briefe, Bd. 2, 51</note><note type="type">Handschrift</note><note/></notesStmt>""")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("sweep") / "c", {"letter.xml": LETTER})
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)


def test_a_line_break_in_the_title_parts_its_words(built):
    shown = page(built, "letter")
    assert shown.find(".//title").text.startswith("Anna Roth an Karl Weiss Graz, 3. Mai 1850")
    assert shown.get_element_by_id("text-title").text_content() == "Anna Roth an Karl Weiss Graz, 3. Mai 1850"


def test_an_empty_title_is_not_listed_among_the_titles(built):
    about = page(built, "letter").get_element_by_id("about-text")
    [term] = about.xpath(".//dt[. = 'Title']")
    titles = list(term.itersiblings())
    assert titles[0].tag == "dd" and titles[1].tag != "dd"


def test_the_notes_of_the_notes_statement_are_rows_named_by_their_type(built):
    about = page(built, "letter").get_element_by_id("about-text")
    rows = [(dt.text, dt.getnext().text_content()) for dt in about.iter("dt") if dt.text.startswith("Note")]
    assert rows == [("Note (published in)", "Briefe, Bd. 2, 51"), ("Note (type)", "Handschrift")]


def test_an_index_entrys_terms_are_not_words_of_the_text_in_the_reading_model(built):
    letter = etree.fromstring(LETTER.encode())
    for flow in (readings.reading(letter).flow, readings.diplomatic(letter).flow):
        assert "Schulwesen" not in flow and " ".join(flow.split()) == "Hochgeborner Graf, ich bitte um eine Stelle."
    # The page lists the terms in its about part, apart.
    about = page(built, "letter").get_element_by_id("about-text")
    assert about.find_class("index-entries")[0].text == "Schulwesen, Bittgesuch"
