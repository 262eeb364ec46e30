"""A cross-check of the fifteen rounds of other people's TEI: every snippet those tests build,
built again as a site and read whole by the W3C Nu Html Checker, found pages the rounds' own
checks never read (a chronology's year pages, the header of a text without a title). Each
snippet here reproduces one thing that sweep found."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html
from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import HEADER, ROOT, TEI_NS, corpus, tei

from ria.corpus import build_corpus
from ria.model.datewords import html_datetime

# Dates TEI allows and HTML's <time datetime> does not read: a year BCE, a day with its time
# zone but no time, a day and a month without their year. The text itself is dated 44 BCE.
DATES = (f'<TEI xmlns="{TEI_NS}" xml:lang="en">'
         + HEADER.format(title="Dates", profile='<profileDesc><creation><date when="-0044-03-15"/></creation>'
                                               '</profileDesc>').replace(
             "</teiHeader>", '<revisionDesc><change when="--05">Spring cleaning.</change>'
                             '<change when="2020-02-30">A day that never was.</change></revisionDesc></teiHeader>')
         + """<text><body><p><date when="--05-12">12 May</date>, <date when="1705-05-12+01:00">the 12th</date>,
<date when="-0044-03-15">the Ides of March</date>, <date notBefore="-0044">after Caesar</date>.</p></body></text></TEI>""")

# Tables whose spans do not add up, as hand-made tables often do: a cell spanning two columns
# under a cell spanning rows from above (a third column no cell begins in), a span past the last
# row, a span of none, a nested table's one row wider than it.
TABLES = tei("""<body><table><head>Strength</head><row role="label"><cell>Army</cell><cell>Men</cell></row>
<row><cell role="label" rows="2">Red</cell><cell>5,000</cell></row><row><cell cols="2">none</cell></row></table>
<table><row><cell>a</cell><cell>b</cell></row><row><cell rows="3">c</cell><cell cols="0">d</cell></row></table>
<table><row><cell rows="2">e</cell><cell cols="2">f</cell><cell>g</cell></row><row><cell>h</cell><cell>i</cell><cell>j</cell></row>
<pb n="2"/><row><cell cols="4">total <table><row><cell cols="5">inner</cell><cell>k</cell></row></table></cell></row></table>
</body>""", title="Tables")

# A header with no fileDesc, as some converters leave it: the page is titled by its file.
UNTITLED = (f'<TEI xmlns="{TEI_NS}"><teiHeader><profileDesc><settingDesc><setting><name>Wien</name>'
            "<date when='1996-01-15'>1996-01-15</date></setting></settingDesc></profileDesc></teiHeader>"
            "<text><body><p>Untitled words.</p></body></text></TEI>")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sweep")
    source = corpus(folder / "c", {"dates.xml": DATES, "untitled.xml": UNTITLED, "tables.xml": TABLES,
                                   "plain.xml": tei("<body><p>Plain.</p></body>", title="Plain")})
    build_corpus(source, folder / "site", ROOT, jobs=1, search=False)
    return folder / "site"


def read(path: Path) -> html.HtmlElement:
    return html.fromstring(path.read_bytes())


def words(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


@pytest.mark.parametrize("value, read_by_html", [
    ("1917", True), ("1917-11", True), ("1917-11-07", True), ("1917-11-07T22:40:00", True),
    ("1917-11-07T22:40Z", True), ("-0044", False), ("-0044-03-15", False), ("--05-12", False), ("--05", False),
    ("1705-05-12+01:00", False), ("0000", False), ("1917-13", False), ("2020-02-30", False), ("", False)])
def test_a_date_is_given_to_html_as_a_machine_value_only_in_the_forms_html_reads(value, read_by_html):
    assert html_datetime(value) == (value if read_by_html else "")


def test_the_chronology_says_dates_html_cannot_read_in_words_and_in_no_time_element(site):
    # <time datetime="-0044-03-15">, "--05-12" and "1705-05-12+01:00" on the year pages.
    pages = sorted(site.glob("chronology-*.html"))
    assert pages
    times = [t.get("datetime") for page in pages for t in read(page).iter("time")]
    assert times == [value for value in times if html_datetime(value)]
    said = " ".join(words(read(page).find(".//main")) for page in pages)
    # As the encoder wrote them, for lack of words for them.
    for date in ("-0044-03-15:", "not before -0044:"):
        assert date in said


def test_a_date_without_its_year_is_filed_under_no_year_and_a_days_time_zone_under_its_year(site):
    # A year page "--05-" for "--05-12", and "1705-05-12+01:00" said as such.
    years = [a.text for a in read(site / "chronology.html").xpath("//tbody//th/a")]
    assert years == ["-0044", "1705", "1996"]
    passage = read(site / "chronology-1705.html").find_class("dated-passages")[0]
    assert " ".join(passage.text_content().split()).startswith("12 May 1705: 12 May, the 12th")


def test_a_text_dated_before_the_common_era_is_dated_in_words(site):
    date = read(site / "texts" / "dates.html").find_class("text-date")[0]
    assert date.find(".//time") is None and words(date) == "-0044-03-15"


def test_a_change_dated_as_html_cannot_read_keeps_its_date_in_words(site):
    # <time datetime="--05"> in the list of revisions.
    changes = read(site / "texts" / "dates.html").find_class("revisions")[0]
    assert [words(li) for li in changes.iter("li")] == ["--05: Spring cleaning.", "2020-02-30: A day that never was."]
    assert changes.find(".//time") is None


def test_a_header_without_a_title_lists_no_title_term_without_its_description(site):
    # <dl><dt>Title</dt></dl>: a term with nothing to describe it.
    page = read(site / "texts" / "untitled.html")
    metadata = page.find_class("metadata")[0]
    assert "Title" not in [dt.text for dt in metadata.iter("dt")]
    assert "Untitled words." in words(page.get_element_by_id("text"))


def test_a_cells_span_is_cut_to_the_columns_and_rows_its_table_has(site):
    # colspan="2" into a column no cell begins in, rowspan="3" in the last row, colspan="0".
    text = read(site / "texts" / "tables.html").get_element_by_id("text")
    spans = [(cell.text_content().split()[0], cell.get("colspan"), cell.get("rowspan"))
             for cell in text.iter("td", "th") if cell.get("colspan") or cell.get("rowspan")]
    assert spans == [("Red", None, "2"), ("none", "1", None), ("c", None, "1"), ("d", "1", None),
                     ("e", None, "2"), ("f", "2", None), ("p.", "4", None), ("total", "4", None), ("inner", "1", None)]
    tables = text.findall(".//table")
    assert "Strength Army Men Red 5,000 none" in words(tables[0])


def test_every_page_of_the_sweeps_site_passes_the_w3c_checker(nu_checker, site):  # noqa: F811
    # The whole site: the rounds' own checks read only texts/, where the chronology is not.
    assert nu_errors(nu_checker, site) == []
