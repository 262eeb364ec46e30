"""Two ways other people's TEI made pages the W3C Nu Html Checker rejects: a page break between
the rows a cell spans (the break row's cell pushed into a column no cell begins in, the span
ending a row early), and a pointer or a linked name inside a reference (a link inside a link)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html
from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import ROOT, corpus, tei

from ria.corpus import build_corpus

# An account book's tables broken across pages: a cell spanning two rows with the page break
# between them, breaks before the first row and after the last, a span crossing a break and a
# running head in the middle column, and a phrasing table (inside a list item's words).
TABLES = tei("""<body>
<table><pb n="1"/><row><cell rows="2">Wheat</cell><cell>3 s.</cell></row><pb n="2"/>
<row><cell>4 s.</cell></row><pb n="3"/></table>
<table><row><cell>Jan.</cell><cell rows="2">Rye</cell><cell>5 d.</cell></row><pb n="4"/><fw type="header">Accounts</fw>
<row><cell>Feb.</cell><cell>6 d.</cell></row></table>
<table><row><cell rows="3">Oats</cell><cell>7</cell></row><pb n="5"/><row><cell>8</cell></row>
<row><cell>9</cell></row><row><cell>10</cell><cell>11</cell></row></table>
</body>""", title="Tables")

# References that hold pointers and linked names, a linked name that holds a reference, pointers
# outside any link, and a note in a reference (read in the list of notes, out of the link).
LINKS = tei("""<body><p xml:id="p1">First.</p>
<p>See <ref target="#p1">the passage <ptr target="#p1"/> in <ptr target="tables.xml"/> by <persName ref="#ann">Ann</persName>
at <name ref="#p1">the fair</name></ref>; <persName ref="#ann">Ann of <ref target="#p1">the first</ref> <ptr target="#p1"/></persName>.</p>
<p>Apart: <ptr target="#p1"/>, <ptr target="tables.xml"/>, <ref target="#p1">here</ref>.</p>
<p><ref target="#p1">Noted<note>Compare <ptr target="tables.xml"/>.</note></ref>.</p></body>""", title="Links")

PERSONS = tei("""<body><listPerson><person xml:id="ann"><persName>Ann</persName></person></listPerson></body>""",
              title="Persons")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tables-links")
    source = corpus(folder / "c", {"tables.xml": TABLES, "links.xml": LINKS, "persons.xml": PERSONS})
    build_corpus(source, folder / "site", ROOT, jobs=1, search=False)
    return folder / "site"


def text_of(site: Path, name: str) -> html.HtmlElement:
    return html.fromstring((site / "texts" / f"{name}.html").read_bytes()).get_element_by_id("text")


def words(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def grid(table) -> list[list[str]]:
    """The table as HTML lays it out: each row's columns, each named by the words of the cell
    that covers it (a cell spanning rows or columns fills every slot it covers)."""
    rows = table.findall("./tbody/tr")
    slots: list[list[str | None]] = [[] for _ in rows]
    for y, row in enumerate(rows):
        x = 0
        for cell in row.xpath("td | th"):
            while x < len(slots[y]) and slots[y][x] is not None:
                x += 1
            for dy in range(int(cell.get("rowspan", "1"))):
                for dx in range(int(cell.get("colspan", "1"))):
                    target = slots[y + dy]  # an IndexError here is a span past the last row
                    target.extend([None] * (x + dx + 1 - len(target)))
                    target[x + dx] = words(cell)
    return slots


def test_a_cell_spanning_rows_spans_the_page_break_between_them(site):
    # <td rowspan="2">Wheat</td>: the break row counted as its second row, "4 s." left under nothing.
    first = text_of(site, "tables").findall(".//table")[0]
    assert grid(first) == [["p. 1", "p. 1"], ["Wheat", "3 s."], ["Wheat", "p. 2"], ["Wheat", "4 s."], ["p. 3", "p. 3"]]


def test_a_break_row_has_cells_only_where_no_span_covers_it_with_its_words_in_the_first(site):
    # The span in the middle column leaves the first and the last free: a cell for each.
    second = text_of(site, "tables").findall(".//table")[1]
    assert grid(second) == [["Jan.", "Rye", "5 d."], ["p. 4", "Rye", ""], ["Accounts", "Rye", ""], ["Feb.", "Rye", "6 d."]]
    breaks = second.find_class("table-break")
    assert [[words(td) for td in row.findall("td")] for row in breaks] == [["p. 4", ""], ["Accounts", ""]]


def test_a_span_crossing_a_break_still_ends_on_its_last_row(site):
    # rows="3" across a page break: three rows of the TEI and the break, and no more.
    third = text_of(site, "tables").findall(".//table")[2]
    assert [row[0] for row in grid(third)] == ["Oats", "Oats", "Oats", "Oats", "10"]
    assert [td.get("rowspan") for td in third.iter("td") if td.get("rowspan")] == ["4"]


def test_a_pointer_inside_a_reference_shows_its_words_without_a_link_of_its_own(site):
    # <a href="#p1">the passage <a class="ptr" href="#p1">→</a> …</a>
    text = text_of(site, "links")
    link = next(a for a in text.iter("a") if words(a).startswith("the passage"))
    assert words(link) == "the passage → in Tables by Ann at the fair"
    assert [a for a in text.iter("a") if a.xpath("ancestor::a")] == []
    assert [words(span) for span in link.find_class("ptr")] == ["→", "Tables"]


def test_a_pointer_outside_any_link_links_and_so_does_one_in_a_note_read_out_of_its_link(site):
    page = text_of(site, "links").getparent()
    apart = text_of(site, "links").findall(".//p")[2]
    assert [(a.get("href"), words(a)) for a in apart.iter("a") if "permalink" not in (a.get("class") or "")] == [
        ("#p1", "→"), ("../texts/tables.html", "Tables"), ("#p1", "here")]  # a pointer to a passage: an arrow
    note = next(element for element in page.iter() if words(element).startswith("Compare Tables")
                and element.find(".//a[@class='ptr']") is not None)
    assert note.xpath(".//a[@class='ptr']/@href") == ["../texts/tables.html"]


def test_a_reference_inside_a_linked_name_is_marked_not_linked(site):
    name = next(a for a in text_of(site, "links").iter("a") if words(a).startswith("Ann of"))
    assert "persons" in name.get("class") and words(name) == "Ann of the first →"
    assert name.find(".//a") is None and [words(s) for s in name.find_class("ref")] == ["the first"]


def test_the_pages_of_tables_with_breaks_and_of_links_in_links_pass_the_w3c_checker(nu_checker, site):  # noqa: F811
    assert nu_errors(nu_checker, site / "texts") == []
