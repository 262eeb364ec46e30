"""The chronology page (issue 6): every marked date on one time line, in both calendars, linked.

The expectations are worked out from the TEI directly, not from ``ria.chronology``:
which dates count, how many are Old Style, which events are narrated by which
texts. The calendar check is independent of the edition's own conversion: in the
twentieth century the Julian calendar runs exactly 13 days behind the Gregorian.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import html

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# A date counts when it carries a normalised value in either calendar.
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter", "when-custom", "from-custom",
                   "to-custom")


@pytest.fixture(scope="module")
def chronology(built_site) -> html.HtmlElement:
    return html.parse(str(built_site / "chronology.html")).getroot()


@pytest.fixture(scope="module")
def text_ids(built_site) -> dict[str, set[str]]:
    return {p.stem: set(html.parse(str(p)).getroot().xpath("//@id"))
            for p in (built_site / "texts").glob("*.html")}


def marked_dates(edition):
    return [(doc.id, el) for doc in edition.texts
            for el in doc.tree.getroot().find(TEI + "text").iter(TEI + "date")
            if any(el.get(a) for a in DATE_ATTRIBUTES)]


def entries(page):
    return page.xpath("//div[@class='timeline']//li[@class='dated']")


def resolves(href: str, text_ids: dict[str, set[str]]) -> bool:
    path, _, fragment = href.partition("#")
    name = Path(path).stem
    return path.startswith("texts/") and name in text_ids and fragment in text_ids[name]


def test_every_marked_date_of_the_texts_is_on_the_time_line(chronology, edition):
    marked = marked_dates(edition)
    assert len(marked) > 500
    assert len(entries(chronology)) == len(marked)
    per_text = defaultdict(int)
    for doc_id, _ in marked:
        per_text[doc_id] += 1
    for doc_id, count in per_text.items():
        assert len(chronology.xpath(f"//div[@class='timeline']//li[@data-source='{doc_id}']")) == count
    in_notes = [el for _, el in marked if any(a.tag == TEI + "note" for a in el.iterancestors())]
    assert in_notes, "the notes' dates are part of the chronology"


def test_the_time_line_is_in_date_order_and_grouped_by_year_and_month(chronology):
    keys = [li.get("data-date") for li in entries(chronology)]
    dated = [k for k in keys if k]
    assert dated == sorted(dated)
    for li in entries(chronology):
        key = li.get("data-date")
        first = li.xpath("string(.//p[@class='when']//time[1]/@datetime)")
        if first:
            assert first == key, (key, first)
        year = li.xpath("ancestor::section[@class='year']")[0]
        assert year.get("id") == f"y{key[:4]}"
        month = li.xpath("ancestor::section[@class='month']")
        if len(key) >= 7:  # a date known to the month stands under its month …
            assert month and month[0].get("id") == f"y{key[:7]}"
        else:  # … one known only to the year at the head of its year
            assert not month
    nav = chronology.xpath("//nav[@class='year-nav']//a/@href")
    years = chronology.xpath("//section[@class='year']/@id")
    assert [h for h in nav if h[1:] in years] == [f"#{y}" for y in years]


def test_partial_dates_and_ranges_are_placed(chronology, edition):
    keys = {li.get("data-date") for li in entries(chronology)}
    assert any(len(k) == 4 for k in keys) and any(len(k) == 7 for k in keys)
    ranges = [el for _, el in marked_dates(edition) if el.get("from") and el.get("to")]
    assert ranges
    for li in entries(chronology):
        times = li.xpath(".//p[@class='when']/span[@class='iso']/time/@datetime")
        assert 1 <= len(times) <= 2 or li.xpath(".//span[@class='limits']")
    limits = [el for _, el in marked_dates(edition) if el.get("notBefore") or el.get("notAfter")]
    assert len(chronology.xpath("//span[@class='limits']")) == len(limits)


def test_every_old_style_date_shows_both_calendars_correctly(chronology, edition):
    julian = [el for _, el in marked_dates(edition) if el.get("datingMethod") == "#julian"]
    shown = [li for li in entries(chronology) if li.xpath(".//span[@class='julian']")]
    assert len(shown) == len(julian) > 100
    checked = 0
    for li in shown:
        gregorian = li.xpath(".//p[@class='when']/span[@class='iso']/time/@datetime")
        old = li.xpath(".//span[@class='julian']/span[@class='iso']/time/@datetime")
        assert gregorian and len(gregorian) == len(old)
        calendars = li.xpath("string(.//p[@class='when'])")
        assert "New Style" in calendars and "Old Style" in calendars
        assert "as printed" in calendars, "the page says which calendar the source prints"
        for new, given in zip(gregorian, old):
            if len(new) == len(given) == 10 and "1901" <= given[:4] <= "1999":
                assert dt.date.fromisoformat(given) + dt.timedelta(days=13) == dt.date.fromisoformat(new)
                checked += 1
    assert checked > 100


def test_every_entry_links_to_its_passage_in_the_text_page(chronology, text_ids):
    for li in entries(chronology):
        links = li.xpath(".//p[@class='source']/a/@href")
        assert len(links) == 1
        assert links[0].startswith(f"texts/{li.get('data-source')}.html#")
        assert resolves(links[0], text_ids), links[0]
        assert li.xpath(".//p[@class='context']/mark"), "each entry shows the date in its words"
        assert li.xpath("string(.//p[@class='source']//cite)")


def test_context_is_the_sentence_around_the_date(chronology):
    entry = chronology.xpath("//li[@class='dated'][.//mark = 'the 19th of October']")[0]
    context = entry.xpath("string(.//p[@class='context'])")
    assert context.startswith("On the 19th of October, the Moscow Soviet")
    assert entry.xpath(".//span[@class='julian']//time/@datetime") == ["1917-10-19"]
    assert entry.xpath(".//p[@class='when']/span[@class='iso']/time/@datetime") == ["1917-11-01"]




def narrating_texts(edition) -> dict[str, set[str]]:
    """For each event, the texts that name it (``name/@ref``) or mark a passage or phrase as
    narrating it (``@ana`` on any element of the text)."""
    found = defaultdict(set)
    for doc in edition.texts:
        for el in doc.tree.getroot().find(TEI + "text").iter("{*}*"):
            pointers = el.get("ref") if el.tag == TEI + "name" else el.get("ana")
            for token in (pointers or "").split():
                if token.startswith("#"):
                    found[token[1:]].add(doc.id)
    return found


def test_events_are_set_side_by_side_one_column_per_source(chronology, edition, text_ids):
    events = {el.get(XML_ID): el for doc in edition.registers
              for el in doc.tree.getroot().iter(TEI + "event")}
    narrated = {k: v for k, v in narrating_texts(edition).items() if k in events}
    sections = {s.get("id")[len("event-"):]: s for s in chronology.xpath("//section[@class='event']")}
    assert set(sections) == set(narrated)
    assert sum(len(texts) >= 2 for texts in narrated.values()) >= 5
    for event_id, texts in narrated.items():
        section = sections[event_id]
        columns = section.xpath(".//div[@class='column']")
        assert {c.get("data-source") for c in columns} == texts
        for column in columns:
            for href in column.xpath(".//a/@href"):
                assert href.startswith(f"texts/{column.get('data-source')}.html#")
                assert resolves(href, text_ids), href
        assert section.xpath(f".//h3/a/@href") == [f"events.html#{event_id}"]
    moscow = sections["ev-moscow-fighting"]
    assert len(moscow.xpath(".//div[@class='column']")) >= 3
    when = moscow.xpath("string(.//p[@class='when'])")
    assert "1917-11-09" in when and "1917-10-27" in when and "Old Style" in when


def test_headings_descend_in_order_without_gaps(chronology):
    levels = [int(h.tag[1]) for h in chronology.xpath("//main//*[self::h1 or self::h2 or self::h3 "
                                                          "or self::h4 or self::h5 or self::h6]")]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, (before, after)


def test_the_page_needs_no_script_and_loads_only_its_own_assets(chronology):
    assert chronology.xpath("//link[@href='static/pages.css']")
    for script in chronology.xpath("//script"):
        assert script.get("src", "").startswith("static/")
    assert chronology.xpath("//p[@class='source-filter'][@hidden]"), "the filter shows only with JS"
