"""The chronology page (issues 6 and 22): every marked date, told apart by kind, in words and
for machines, with two drawn time lines; the events by default, the rest a filter away.

The expectations are worked out from the TEI directly, not from ``ria.model.chronology``:
which dates count and of which kind, how many are Old Style, which events are
narrated by which texts. The calendar check is independent of the edition's own
conversion: in the twentieth century the Julian calendar runs exactly 13 days
behind the Gregorian. The reader's tasks run in Chromium (fixtures of conftest.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import html
from playwright.sync_api import expect
from test_page_weight import BUDGET, transferred

from ria.model.datewords import plain, reader_date, reader_limits

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# A date counts when it carries a normalised value in either calendar.
DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter", "when-custom", "from-custom",
                   "to-custom")
KINDS = {"event", "period", "life", "publication"}
WORK_DATES = {TEI + n for n in ("bibl", "biblStruct", "imprint", "docImprint", "docDate")}


@pytest.fixture(scope="module")
def chronology(built_site) -> html.HtmlElement:
    return html.parse(str(built_site / "chronology.html")).getroot()


@pytest.fixture(scope="module")
def text_ids(built_site) -> dict[str, set[str]]:
    return {p.stem: set(html.parse(str(p)).getroot().xpath("//@id"))
            for p in (built_site / "texts").glob("*.html")}


def marked_dates(edition):
    return [(doc.id, el) for doc in edition.texts
            for el in doc.tree.getroot().find(TEI + "text").iter(TEI + "date", TEI + "time")
            if any(el.get(a) for a in DATE_ATTRIBUTES)]


def by_source_and_number(edition) -> dict[tuple[str, str], object]:
    """Each marked date by its text and its number among the text's dates (the page's data-n)."""
    numbered = {}
    for doc in edition.texts:
        for n, el in enumerate(doc.tree.getroot().find(TEI + "text").iter(TEI + "date", TEI + "time"), start=1):
            numbered[(doc.id, str(n))] = el
    return numbered


def kind_of(el) -> str:
    """The convention of EDITING.md, 'Kinds of date', read from the TEI."""
    if el.get("type") in KINDS:
        return el.get("type")
    for node in el.iterancestors():
        if node.tag == TEI + "title":
            return "event" if len(el.get("when") or "") == 10 else "period"
        if node.tag in WORK_DATES:
            return "publication"
    return "event"


def words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def entries(page):
    return page.xpath("//div[@class='timeline']//li[@class='dated']")


def resolves(href: str, text_ids: dict[str, set[str]]) -> bool:
    path, _, fragment = href.partition("#")
    name = Path(path).stem
    return path.startswith("texts/") and name in text_ids and fragment in text_ids[name]


# ---------------------------------------------------------------- dates as a reader writes them

@pytest.mark.parametrize("gregorian,julian,printed,expected", [
    (("1917-11-07", "1917-11-07"), ("1917-10-25", "1917-10-25"), "julian", "25 October (7 November) 1917"),
    (("1917-07-16", "1917-07-18"), ("1917-07-03", "1917-07-05"), "julian", "3–5 (16–18) July 1917"),
    (("1917-11-06", "1917-11-08"), ("1917-10-24", "1917-10-26"), "julian", "24–26 October (6–8 November) 1917"),
    (("1918-01-05", "1918-01-05"), ("1917-12-23", "1917-12-23"), "julian", "23 December 1917 (5 January 1918)"),
    (("1917-11-01", "1917-11-30"), ("1917-10-19", "1917-11-17"), "gregorian",
     "November (19 October – 17 November) 1917"),
    (("1920-03-29", "1920-04-05"), None, "", "29 March – 5 April 1920"),
    (("1941-12-16", "1942-01-01"), None, "", "16 December 1941 – 1 January 1942"),
    (("1918-04", "1918-12"), None, "", "April–December 1918"),
    (("1918", "1941"), None, "", "1918–1941"),
    (("1917-09-27", "1917-10-05"), None, "", "27 September – 5 October 1917"),
    (("1922", ""), None, "", "from 1922"),
])
def test_a_date_reads_as_a_reader_writes_it(gregorian, julian, printed, expected):
    assert plain(reader_date(gregorian, julian, printed)) == expected


def test_the_gregorian_days_are_marked_for_machines_and_the_julian_never():
    pieces = reader_date(("1917-11-06", "1917-11-08"), ("1917-10-24", "1917-10-26"), "julian")
    assert [iso for _, iso in pieces if iso] == ["1917-11-06", "1917-11-08"]
    assert plain(reader_limits("1920-09", "1920-11")) == "between September and November 1920"
    assert [iso for _, iso in reader_limits("1933", "1937") if iso] == ["1933", "1937"]


# ---------------------------------------------------------------- the list

def test_every_marked_date_of_the_texts_is_on_the_page(chronology, edition):
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


def test_each_date_is_of_the_kind_its_type_or_its_place_gives(chronology, edition):
    numbered = by_source_and_number(edition)
    seen = defaultdict(int)
    for li in entries(chronology):
        el = numbered[(li.get("data-source"), li.get("data-n"))]
        assert li.get("data-kind") == kind_of(el), (words(el), li.get("data-kind"))
        seen[li.get("data-kind")] += 1
    assert set(seen) == KINDS, seen
    assert seen["event"] > 10 * (seen["period"] + seen["life"]), "most dates are of events"


def test_periods_and_life_dates_are_not_filed_as_events(chronology):
    def kind(mark: str) -> set[str]:
        return set(chronology.xpath(f"//li[@class='dated'][.//mark = '{mark}']/@data-kind"))
    assert kind("XIXth and XXth centuries") == {"period"}
    assert kind("twentieth century") == {"period"}
    assert kind("1805-1881") == {"life"}  # Blanqui
    assert kind("October 8") == {"event"}  # a conference's day in a title is an event
    centuries = [li for li in chronology.xpath("//li[@data-kind='event']")
                 if (times := li.xpath(".//p[@class='when']//time/@datetime"))
                 and int(times[-1][:4]) - int(times[0][:4]) >= 100]
    assert not centuries, [li.xpath("string(.//mark)") for li in centuries]


def test_a_time_of_day_is_on_its_day_in_the_order_of_the_hours(chronology, edition):
    times = [el for _, el in marked_dates(edition) if el.tag == TEI + "time"]
    assert len(times) >= 10, "the texts mark times of day (<time>)"
    for el in times:
        day, _, clock = el.get("when").partition("T")
        shown = chronology.xpath(f"//li[@class='dated']//time[@datetime='{day}T{clock[:5]}']")
        assert shown and shown[0].text == clock[:5], el.get("when")
    # Ziemke's night of 7 November 1917 in the order of its hours: 02:00 … 22:40.
    night = [t for t in chronology.xpath("//li[@class='dated']//time/@datetime") if t.startswith("1917-11-07T")]
    assert len(night) >= 3 and night == sorted(night), night


def test_the_list_is_in_date_order_and_grouped_by_year_and_month(chronology):
    keys = [li.get("data-date") for li in entries(chronology)]
    dated = [k for k in keys if k]
    assert dated == sorted(dated)
    for li in entries(chronology):
        key = li.get("data-date")
        first = li.xpath("string(.//p[@class='when']//time[1]/@datetime)")
        if first:
            assert key.startswith(first), (key, first)
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


def test_dates_are_in_words_with_the_gregorian_value_for_machines(chronology, edition):
    numbered = by_source_and_number(edition)
    for li in entries(chronology):
        el = numbered[(li.get("data-source"), li.get("data-n"))]
        when = li.xpath(".//p[@class='when']")[0]
        assert not re.search(r"\d{4}-\d{2}", when.text_content()), "no ISO value in the words"
        times = when.xpath(".//time/@datetime")
        gregorian = [el.get(a) for a in ("when", "from", "to", "notBefore", "notAfter") if el.get(a)]
        assert times and all(any(g.startswith(t) for g in gregorian) for t in times), (times, gregorian)
    limits = [el for _, el in marked_dates(edition) if el.get("notBefore") or el.get("notAfter")]
    assert len(chronology.xpath("//li[@class='dated'][starts-with(normalize-space(p[@class='when']), "
                                "'between') or starts-with(normalize-space(p[@class='when']), 'not ')]")) \
        == len(limits)


def test_every_old_style_date_shows_both_calendars_correctly(chronology, edition):
    numbered = by_source_and_number(edition)
    shown = [li for li in entries(chronology) if li.xpath(".//span[@class='calendar']")]
    julian = [el for _, el in marked_dates(edition) if el.get("datingMethod") == "#julian"]
    assert len(shown) == len(julian) > 100
    checked = 0
    for li in shown:
        el = numbered[(li.get("data-source"), li.get("data-n"))]
        text = li.xpath("string(.//p[@class='when'])")
        printed = (el.get("calendar") or "#julian").lstrip("#")
        assert ("Old Style (New Style)" if printed == "julian" else "New Style (Old Style)") in text
        given, new = el.get("when-custom"), el.get("when")
        if given and new and len(given) == len(new) == 10 and "1901" <= given[:4] <= "1999":
            assert dt.date.fromisoformat(given) + dt.timedelta(days=13) == dt.date.fromisoformat(new)
            old_day, new_day = str(int(given[8:])), str(int(new[8:]))
            before, _, inside = text.partition("(")
            assert re.search(rf"\b{old_day}\b", before if printed == "julian" else inside), text
            assert re.search(rf"\b{new_day}\b", inside if printed == "julian" else before), text
            assert li.xpath(".//p[@class='when']//time/@datetime") == [new]
            checked += 1
    assert checked > 100


def test_context_is_the_sentence_around_the_date(chronology):
    entry = chronology.xpath("//li[@class='dated'][.//mark = 'the 19th of October']")[0]
    context = entry.xpath("string(.//p[@class='context'])")
    assert context.startswith("On the 19th of October, the Moscow Soviet")
    assert entry.xpath("normalize-space(.//p[@class='when'])").startswith("19 October (1 November) 1917")
    assert entry.xpath(".//p[@class='when']//time/@datetime") == ["1917-11-01"]
    # cited as a reader cites it, by the paragraph numbers of the TEI (ria/model/locations.py)
    cited = entry.xpath("normalize-space(.//p[@class='source'])")
    assert re.fullmatch(r".+, ch\. 2, ¶ \d+", cited), cited


def test_every_entry_links_to_its_passage_in_the_text_page(chronology, text_ids):
    for li in entries(chronology):
        links = li.xpath(".//p[@class='source']/a/@href")
        assert len(links) == 1
        assert links[0].startswith(f"texts/{li.get('data-source')}.html#")
        assert resolves(links[0], text_ids), links[0]
        assert li.xpath(".//p[@class='context']/mark"), "each entry shows the date in its words"
        assert li.xpath("string(.//p[@class='source']//cite)")


# ---------------------------------------------------------------- the events side by side

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


def register_events(edition) -> dict:
    return {el.get(XML_ID): el for doc in edition.registers for el in doc.tree.getroot().iter(TEI + "event")}


def test_events_are_set_side_by_side_one_column_per_source(chronology, edition, text_ids):
    events = register_events(edition)
    narrated = {k: v for k, v in narrating_texts(edition).items() if k in events}
    sections = {s.get("id")[len("event-"):]: s for s in chronology.xpath("//section[@class='event']")}
    assert set(sections) == set(narrated)
    assert sum(len(texts) >= 2 for texts in narrated.values()) >= 5
    for event_id, texts in narrated.items():
        section = sections[event_id]
        columns = section.xpath(".//div[@class='column']")
        assert {c.get("data-source") for c in columns} == texts == set(section.get("data-sources").split())
        for column in columns:
            for href in column.xpath(".//a/@href"):
                assert href.startswith(f"texts/{column.get('data-source')}.html#")
                assert resolves(href, text_ids), href
        assert section.xpath(".//h3/a/@href") == [f"events.html#{event_id}"]
    moscow = sections["ev-moscow-fighting"]
    assert len(moscow.xpath(".//div[@class='column']")) >= 3
    assert moscow.xpath("normalize-space(.//p[@class='when'])").startswith(
        "27 October – 2 November (9–15 November) 1917 Old Style (New Style)")
    assert moscow.xpath(".//p[@class='when']//time/@datetime") == ["1917-11-09", "1917-11-15"]


# ---------------------------------------------------------------- the drawn time lines

def test_two_time_lines_are_drawn_in_the_page_with_labelled_axes(chronology):
    close, wide = chronology.xpath("//figure[@class='timeline-figure']")
    for figure in (close, wide):
        svg = figure.xpath(".//*[local-name()='svg']")[0]
        assert figure.xpath(f".//figcaption[@id='{svg.get('aria-labelledby')}']")
    close_svg = close.xpath(".//*[local-name()='svg']")[0]
    labels = close_svg.xpath(".//*[local-name()='text']/text()")
    assert {"1917", "1918", "1919", "1920", "1921", "New Style", "Old Style"} <= set(labels)
    assert [t for t in labels if t in "JFMAMJJASOND" and len(t) == 1], "the months are labelled"
    wide_labels = wide.xpath(".//*[local-name()='svg']//*[local-name()='text']/text()")
    assert "1900" in wide_labels and "1840" in wide_labels


def x_of_ticks(svg, css: str) -> list[float]:
    return sorted(float(line.get("x1")) for line in svg.xpath(
        f".//*[local-name()='line'][contains(concat(' ', @class, ' '), ' tick ')]"
        f"[contains(concat(' ', @class, ' '), ' {css} ')]"))


def test_the_old_style_months_stand_thirteen_days_after_the_new_style_ones(chronology):
    svg = chronology.xpath("//figure[@id='timeline-1917']//*[local-name()='svg']")[0]
    new, old = x_of_ticks(svg, "ns"), x_of_ticks(svg, "os")
    per_day = (new[12] - new[0]) / 365  # from 1 January 1917 to 1 January 1918
    november = new[10]  # 1 November 1917, New Style
    assert any(abs(x - (november + 13 * per_day)) < 0.6 for x in old), "1 November Old Style = 14 November"
    assert len(old) < len(new), "the Old Style row ends with the texts' Old Style dates"


def test_the_time_lines_lead_to_every_event_of_the_register(chronology, edition):
    events = register_events(edition)
    narrated = set(narrating_texts(edition)) & set(events)
    ids = set(chronology.xpath("//@id"))
    linked = defaultdict(set)
    for figure in chronology.xpath("//figure[@class='timeline-figure']"):
        for href in figure.xpath(".//*[local-name()='a']/@href"):
            assert href.startswith("#event-") and href[1:] in ids, href
            linked[figure.get("id")].add(href[len("#event-"):])
    assert linked["timeline-1917"] | linked["timeline-all"] == narrated
    assert {"ev-october-insurrection", "ev-july-days", "ev-soviet-polish-war"} <= linked["timeline-1917"]
    assert {"ev-paris-commune", "ev-bloody-sunday"} <= linked["timeline-all"] - linked["timeline-1917"]
    for link in chronology.xpath("//figure//*[local-name()='a']"):
        assert link.xpath("string(*[local-name()='title'])"), "each event's link is named, with its dates"


# ---------------------------------------------------------------- in the browser

def visible_kinds(page) -> set[str]:
    return set(page.eval_on_selector_all(
        ".timeline li.dated", "els => els.filter(e => e.offsetParent).map(e => e.dataset.kind)"))


def test_the_default_list_shows_events_only_and_a_filter_shows_the_rest(page, server):
    page.goto(f"{server}/chronology.html")
    assert visible_kinds(page) == {"event"}
    assert not page.locator("li.dated", has_text="XIXth and XXth centuries").is_visible()
    assert not page.locator("li.dated", has_text="1805-1881").is_visible()
    page.get_by_label("Periods").check()
    assert visible_kinds(page) == {"period"}
    assert page.locator("li.dated", has_text="XIXth and XXth centuries").is_visible()
    assert not page.locator("#y1917-11").is_visible(), "a month without a period is hidden"
    page.get_by_label("Life dates").check()
    assert visible_kinds(page) == {"life"} and page.locator("li.dated", has_text="1805-1881").is_visible()
    page.get_by_label("all dates").check()
    assert visible_kinds(page) == KINDS
    assert not page.violations, page.violations


def test_the_source_filter_combines_with_the_kind_filter(page, server):
    page.goto(f"{server}/chronology.html")
    page.get_by_label("Show dates from").select_option("tukhachevsky-1921")
    shown = page.eval_on_selector_all(".timeline li.dated", "els => els.filter(e => e.offsetParent)"
                                      ".map(e => e.dataset.source + '/' + e.dataset.kind)")
    assert shown and set(shown) == {"tukhachevsky-1921/event"}
    assert not page.locator("#y1905").is_visible(), "a year with no event of the source is hidden"
    assert page.locator("section.event:visible").count() < page.locator("section.event").count()
    page.get_by_label("Periods").check()
    assert page.locator("li.dated", has_text="XIXth and XXth centuries").is_visible()


def test_without_script_the_time_line_is_read_and_followed_and_the_filters_work(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{server}/chronology.html")
        figure = page.locator("#timeline-1917")
        assert figure.locator("svg").is_visible()
        assert figure.locator("svg text", has_text="Old Style").is_visible()
        link = figure.locator("svg a[href='#event-ev-october-insurrection']")
        link.click()
        assert page.evaluate("location.hash") == "#event-ev-october-insurrection"
        assert page.locator("#event-ev-october-insurrection .column").count() >= 2
        page.get_by_label("Periods").check()
        assert visible_kinds(page) == {"period"}
    finally:
        context.close()


def test_a_date_reads_as_written_not_as_iso_in_monospace(page, server):
    page.goto(f"{server}/chronology.html")
    entry = page.locator("li.dated[data-source='trotsky-1924']", has_text="insurrection of October 25").first
    # As a reader reaches it: a long list is laid out only near the screen (content-visibility),
    # in the frame after the scroll.
    entry.scroll_into_view_if_needed()
    when = entry.locator("p.when")
    expect(when).to_have_text(re.compile(r"^25 October \(7 November\) 1917"))
    time = when.locator("time")
    # The words themselves (the list may lay the entry out again as it settles: text_content needs no layout).
    assert time.get_attribute("datetime") == "1917-11-07" and time.text_content() == "7 November"
    font = time.evaluate("t => getComputedStyle(t).fontFamily")
    assert "mono" not in font.lower(), font


def test_the_page_weighs_less_than_the_budget_besides_its_dates(browser, server):
    url = f"{server}/chronology.html"
    sizes, document = transferred(browser, url)
    tree = html.fromstring(document)
    listed = sum(len(html.tostring(el, encoding="utf-8"))
                 for el in tree.xpath("//div[@class='timeline'] | //section[@class='events-side']"))
    assert any(name.endswith("chronology-filters.css") for name in sizes)
    weight = sum(sizes.values()) - listed
    assert weight < BUDGET, f"{weight} bytes besides the list of dates: {sizes}"


def test_the_filters_ask_has_of_their_own_box_not_of_the_page():
    """A :has() asked of an element that holds the dates is matched anew, walking them all, for
    each element a browser styles on its own (one content-visibility skips): the filters ask it of
    their own box, or of the dates' section only along a path of children to the source's option."""
    from ria.publish.chronology_filters import filter_css
    selectors = filter_css(["a-text", "b-text"]).decode().split("*/\n", 1)[1].split(" { ")[0].split(",\n")
    assert len(selectors) > 10
    for selector in selectors:
        for has in re.finditer(r":has\(([^)]*)\)", selector):
            before = re.sub(r"\([^)]*\)", "()", selector[:has.start()])
            subject, argument = before.rsplit(" ", 1)[-1], has.group(1)
            own_box = subject.startswith("div.chronology-filters")
            children_only = subject == "section.dates-list" and argument.startswith(">") \
                and " " not in re.sub(r"\s*>\s*", ">", argument)
            assert own_box or children_only, selector
