"""The chronology: every date the texts mark, in both calendars, and the events they narrate.

One list of dated passages serves the chronology page of the site and the CSV and
iCalendar exports (``export_data``). Each marked ``<date>`` of a text's ``<text>``
(running text, front matter and notes alike) becomes a ``Dated``: its Gregorian
value (``@when``, ``@from``/``@to``, ``@notBefore``/``@notAfter``), its Julian value
where the source dates by the Old Style (``@datingMethod="#julian"`` with
``@when-custom``, ``@from-custom``, ``@to-custom``), the calendar the source prints
(``@calendar``), its kind (below), the sentence it stands in and the passage it belongs to.

A date is of one of the ``KINDS``: a date on which something happened (an event),
a period named as such ("the twentieth century", the span a book's title covers),
a person's life dates, or when a work was written or published. ``@type`` says
which; without it the markup decides (a date in a ``<bibl>`` or ``<docDate>`` dates
a work, one in a ``<title>`` that names no single day is a period), and otherwise
the date is an event. EDITING.md, "Kinds of date", is the encoder's side of this.

The chronology page (ria/publish/chronology_page.py) groups them by year and month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..xmlio import TEI as T
from ..xmlio import XML_ID
from . import locations, readings
from .calendars import full_date, gregorian_to_julian, julian_numbers, julian_to_gregorian
from .datewords import Piece, reader_date, reader_limits
from .index import Index
from .mentions import in_own_register
from .passages import _sentence, block_of
from .teidates import extended, is_iso_date

# The kinds of date (``date/@type``): each one's label on the page, for one date, and what it holds.
KINDS = {
    "event": ("Events", "event", "dates on which something happened"),
    "period": ("Periods", "period", "centuries, decades and the spans a work's title covers"),
    "life": ("Life dates", "life dates", "births, deaths and life spans"),
    "publication": ("Writing and publication", "writing or publication",
                    "when a work was written, published or printed"),
}
DEFAULT_KIND = "event"
# Elements whose dates date a work (its writing, printing or publication).
_WORK_DATES = frozenset(T + name for name in ("bibl", "biblStruct", "imprint", "docImprint", "docDate"))

# Where a date stands in no passage with an id (a title page), the link goes to the text itself.
TEXT_ANCHOR = "text"
CONTEXT_LIMIT = 120


# ---------------------------------------------------------------- dated passages

@dataclass
class Dated:
    """One marked date of a text, in both calendars."""

    text_id: str
    text_title: str
    passage: str
    ordinal: int
    label: str  # the date as the text gives it (reading view)
    gregorian: dict[str, str]  # when / from / to / notBefore / notAfter
    julian: dict[str, str]  # when / from / to, as given (Old Style) or computed
    old_style: bool
    printed: str = ""  # the calendar the source prints the date in: "julian" or "gregorian"
    before: str = ""  # the words of its sentence before the date …
    after: str = ""  # … and after it
    withheld: bool = False  # its text is not published in this build (ria/model/rights.py)
    kind: str = DEFAULT_KIND  # one of KINDS
    location: str = ""  # the passage as a reader cites it: "ch. 2, ¶ 14" (ria/model/locations.py)
    clock: str = ""  # the time of day a <time> gives (HH:MM), the same in both calendars

    @property
    def start(self) -> str:
        g = self.gregorian
        return g.get("when") or g.get("from") or ""

    @property
    def end(self) -> str:
        g = self.gregorian
        return g.get("when") or g.get("to") or g.get("from") or ""

    @property
    def key(self) -> str:
        """Where the date stands on the time line: its (earliest) Gregorian value."""
        return self.start or self.gregorian.get("notBefore", "") or self.gregorian.get("notAfter", "")

    @property
    def year(self) -> str:
        """The year the time line files the date under ("-0044" for 44 BC)."""
        return self.key[:5] if self.key.startswith("-") else self.key[:4]

    @property
    def anchor(self) -> str:
        return self.passage or TEXT_ANCHOR

    @property
    def href(self) -> str:
        if self.withheld:  # the page has no passages to point into
            return f"texts/{self.text_id}.html"
        return f"texts/{self.text_id}.html#{self.anchor}"

    @property
    def precision(self) -> str:
        """``day``, ``month`` or ``year``: how exactly the time line can place the date."""
        return {10: "day", 7: "month"}.get(len(self.key), "year")

    @property
    def gregorian_span(self) -> tuple[str, str]:
        return _span_of(self.gregorian)

    @property
    def julian_span(self) -> tuple[str, str]:
        return _span_of(self.julian) if self.old_style else ("", "")

    @property
    def uncertain(self) -> bool:
        """Dated only within limits (``@notBefore``/``@notAfter``)."""
        return not self.start and bool(self.gregorian)

    @property
    def words(self) -> list[Piece]:
        """The date as a reader writes it, both calendars where the source uses the Old Style."""
        if self.uncertain:
            return reader_limits(self.gregorian.get("notBefore", ""), self.gregorian.get("notAfter", ""))
        words = reader_date(self.gregorian_span, self.julian_span if self.old_style else None, self.printed)
        if self.clock and self.start:
            words = [*words, (", ", ""), (self.clock, f"{self.start}T{self.clock}")]
        return words

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][1]

    @property
    def cited(self) -> str:
        """Where the date stands, as a reader cites it."""
        if self.location:
            return self.location
        return f"passage {self.passage}" if self.passage else "the text"


def _span_of(values: dict[str, str]) -> tuple[str, str]:
    """A date's first and last values (the same for a single date; the second empty if open)."""
    if values.get("when"):
        return values["when"], values["when"]
    if values.get("from") or values.get("to"):
        return values.get("from", ""), values.get("to", "")
    return values.get("notBefore", ""), values.get("notAfter", "")


def _citable(el: etree._Element) -> etree._Element | None:
    """The passage a date's link points into: its nearest ancestor with an id."""
    return next((node for node in el.iterancestors() if node.get(XML_ID) and node.tag != T + "TEI"), None)


def _location(el: etree._Element, passage: etree._Element | None, where: locations.Locator | None) -> str:
    """Where the date stands as a reader cites it: its passage's place, or, in a text whose
    passages have no ids, the place of the paragraph (or line, or heading) it is in."""
    if where is None:
        return ""
    block = passage if passage is not None else block_of(el)
    return where.of(block) if block is not None else ""


def _printed(el: etree._Element, old_style: bool) -> str:
    calendar = (el.get("calendar") or "").lstrip("#")
    if calendar in ("julian", "gregorian"):
        return calendar
    return "julian" if old_style else "gregorian"


def _single_day(el: etree._Element) -> bool:
    return len(el.get("when") or "") == 10 or len(el.get("when-custom") or "") == 10


def date_kind(el: etree._Element) -> str:
    """The kind of a ``<date>``: its ``@type`` if one of ``KINDS``, else what its place says."""
    declared = el.get("type")
    if declared in KINDS:
        return declared
    for node in el.iterancestors():
        if node.tag == T + "title":
            return DEFAULT_KIND if _single_day(el) else "period"
        if node.tag in _WORK_DATES:
            return "publication"
    return DEFAULT_KIND


_ZONE = re.compile(r"(?:Z|[+-]\d{2}:\d{2})$")


def _day_and_clock(value: str) -> tuple[str, str]:
    """An ISO value split into its day and its time of day (HH:MM): a <time> gives both."""
    day, _, clock = value.partition("T")
    return day, clock[:5]


def _gregorian_values(el: etree._Element) -> dict[str, str]:
    """The Gregorian values a date states: each of @when, @from, @to, @notBefore, @notAfter or its
    -iso form (a letter edition's), an ISO interval in @when as @from and @to. A value without a
    year (``--05-12``) has no place on the time line; a day's time zone (``1705-05-12+01:00``) none in it."""
    values = {}
    for key in ("when", "from", "to", "notBefore", "notAfter"):
        value = extended(_day_and_clock(el.get(key) or el.get(f"{key}-iso") or "")[0])
        first, interval, last = value.partition("/")
        if key == "when" and interval and is_iso_date(first) and is_iso_date(last):
            values.update({"from": first, "to": last})
        elif value and not value.startswith("--"):
            values[key] = _ZONE.sub("", value) if is_iso_date(_ZONE.sub("", value)) else value
    return values


def _dated(el: etree._Element, text_id: str, title: str, ordinal: int,
           context: tuple[str, str] = ("", ""), where: locations.Locator | None = None) -> Dated:
    # The calendars are a matter of days: a time of day is kept apart and is the same in both.
    clock = _day_and_clock(el.get("when") or "")[1] if el.tag == T + "time" else ""
    gregorian = _gregorian_values(el)
    given = {k: _day_and_clock(el.get(f"{k}-custom"))[0] for k in ("when", "from", "to") if el.get(f"{k}-custom")}
    old_style = el.get("datingMethod") == "#julian" and bool(given)
    julian = dict(given) if old_style else {}
    for key in ("when", "from", "to"):
        if old_style and key not in gregorian and julian_numbers(julian.get(key, "")):
            gregorian[key] = julian_to_gregorian(*julian_numbers(julian[key])).isoformat()
        if not old_style and full_date(gregorian.get(key, "")):
            julian[key] = gregorian_to_julian(full_date(gregorian[key]))
    label, _ = readings.block_reading(el, frozenset())
    passage = _citable(el)
    return Dated(text_id, title, passage.get(XML_ID) if passage is not None else "", ordinal,
                 " ".join(label.split()), gregorian, julian, old_style, _printed(el, old_style), *context,
                 kind=date_kind(el), location=_location(el, passage, where), clock=clock)


_DATED = frozenset({T + "date", T + "time"})  # a <time> is a date with its time of day


class _Contexts:
    """The sentence around each date, reading each passage once however many dates it holds."""

    def __init__(self):
        self.cache: dict[etree._Element, tuple[str, dict]] = {}

    def __call__(self, el: etree._Element) -> tuple[str, str]:
        block = block_of(el)
        if block is None:
            return "", ""
        if block not in self.cache:
            self.cache[block] = readings.block_reading(block, _DATED)
        text, spans = self.cache[block]
        span = spans.get(el)
        return _sentence(text, *span, limit=CONTEXT_LIMIT) if span else ("", "")


def text_dates(root: etree._Element, text_id: str, title: str,
               where: locations.Locator | None = None) -> list[Dated]:
    """Every date (and time) marked in the text whose TEI element is ``root`` (not in its header,
    nor in the copies of register entries it carries), in the text's order. ``where``: the text's
    locations, if they are worked out already."""
    text = root.find(T + "text")
    if text is None:
        return []
    marked = [el for el in text.iter(*_DATED) if not in_own_register(el)]
    if not marked:
        return []
    context, where = _Contexts(), where or locations.Locator(text)
    dated = (_dated(el, text_id, title, ordinal, context(el), where) for ordinal, el in enumerate(marked, start=1))
    return [item for item in dated if item.gregorian or item.julian]


def chronology(index: Index) -> list[Dated]:
    """Every date marked in the index's texts (read with them: ria/model/indexer.py), in date order."""
    dated = [item for year in index.dated_years() for item in index.dated_in(year)]
    return sorted(dated, key=lambda d: (d.start or d.gregorian.get("notBefore", ""), d.clock, d.text_id, d.ordinal))
