"""The chronology: every date the texts mark, in both calendars, and the events they narrate.

One list of dated passages serves the chronology page of the site and the CSV and
iCalendar exports (``export_data``). Each marked ``<date>`` of a text's ``<text>``
(running text, front matter and notes alike) becomes a ``Dated``: its Gregorian
value (``@when``, ``@from``/``@to``, ``@notBefore``/``@notAfter``), its Julian value
where the source dates by the Old Style (``@datingMethod="#julian"`` with
``@when-custom``, ``@from-custom``, ``@to-custom``), the calendar the source prints
(``@calendar``), the sentence it stands in and the passage it belongs to.

The page groups the dates by Gregorian year and month, and sets side by side what
the different sources say about each event of the events register.
"""

from __future__ import annotations

import dataclasses

import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from . import readings
from .cache import BuildCache, NoCache
from .index import EditionIndex, Entry, Mention, _block, _sentence
from .load import Document, Edition
from .xmlio import TEI as T, XML_ID

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
# Where a date stands in no passage with an id (a title page), the link goes to the text itself.
TEXT_ANCHOR = "text"
CONTEXT_LIMIT = 120


# ---------------------------------------------------------------- calendars

def julian_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Julian calendar date, by Julian day number.

    The Julian date is given as numbers, not a ``date``: it may be a day that the
    Gregorian calendar lacks (29 February 1900).
    """
    a = (14 - month) // 12
    y, m = year + 4800 - a, month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return dt.date.fromordinal(jdn - 1721425)


def gregorian_to_julian(day: dt.date) -> str:
    """The Julian calendar date of a Gregorian date, as ISO ``YYYY-MM-DD``."""
    c = day.toordinal() + 1721425 + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    year, month, mday = d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1
    return f"{year:04d}-{month:02d}-{mday:02d}"


def _full(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _julian_numbers(value: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    return tuple(int(g) for g in match.groups()) if match else None


def spoken(iso: str) -> str:
    """An ISO date, month or year in words: ``7 November 1917``, ``May 1918``, ``1918``."""
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


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
    withheld: bool = False  # its text is not published in this build (ria/rights.py)

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


def _span_of(values: dict[str, str]) -> tuple[str, str]:
    """A date's first and last values (the same for a single date; the second empty if open)."""
    if values.get("when"):
        return values["when"], values["when"]
    if values.get("from") or values.get("to"):
        return values.get("from", ""), values.get("to", "")
    return values.get("notBefore", ""), values.get("notAfter", "")


def _citable(el: etree._Element) -> str:
    for node in el.iterancestors():
        if node.get(XML_ID) and node.tag != T + "TEI":
            return node.get(XML_ID)
    return ""


def _printed(el: etree._Element, old_style: bool) -> str:
    calendar = (el.get("calendar") or "").lstrip("#")
    if calendar in ("julian", "gregorian"):
        return calendar
    return "julian" if old_style else "gregorian"


def _dated(el: etree._Element, text_id: str, title: str, ordinal: int,
           context: tuple[str, str] = ("", "")) -> Dated:
    gregorian = {k: el.get(k) for k in ("when", "from", "to", "notBefore", "notAfter") if el.get(k)}
    given = {k: el.get(f"{k}-custom") for k in ("when", "from", "to") if el.get(f"{k}-custom")}
    old_style = el.get("datingMethod") == "#julian" and bool(given)
    julian = dict(given) if old_style else {}
    for key in ("when", "from", "to"):
        if old_style and key not in gregorian and _julian_numbers(julian.get(key, "")):
            gregorian[key] = julian_to_gregorian(*_julian_numbers(julian[key])).isoformat()
        if not old_style and _full(gregorian.get(key, "")):
            julian[key] = gregorian_to_julian(_full(gregorian[key]))
    label, _ = readings.block_reading(el, frozenset())
    return Dated(text_id, title, _citable(el), ordinal, " ".join(label.split()), gregorian, julian,
                 old_style, _printed(el, old_style), *context)


class _Contexts:
    """The sentence around each date, reading each passage once however many dates it holds."""

    def __init__(self):
        self.cache: dict[etree._Element, tuple[str, dict]] = {}

    def __call__(self, el: etree._Element) -> tuple[str, str]:
        block = _block(el)
        if block is None:
            return "", ""
        if block not in self.cache:
            self.cache[block] = readings.block_reading(block, frozenset({T + "date"}))
        text, spans = self.cache[block]
        span = spans.get(el)
        return _sentence(text, *span, limit=CONTEXT_LIMIT) if span else ("", "")


def text_dates(doc: Document, title: str) -> list[Dated]:
    """Every date marked in one text (not its header), in the text's order."""
    text = doc.tree.getroot().find(T + "text")
    if text is None:
        return []
    context = _Contexts()
    dated = (_dated(el, doc.id, title, ordinal, context(el))
             for ordinal, el in enumerate(text.iter(T + "date"), start=1))
    return [item for item in dated if item.gregorian or item.julian]


def chronology(edition: Edition, index: EditionIndex, cache: BuildCache | None = None) -> list[Dated]:
    """Every date marked in the texts, in date order; each text's dates are cached by its bytes."""
    titles = {t.id: t.title for t in index.texts}
    cache = cache or NoCache()
    dated = [item for doc in edition.texts
             for item in cache.fetch("dates", (doc.rel, doc.sha256, titles.get(doc.id, doc.id)),
                                     lambda doc=doc: text_dates(doc, titles.get(doc.id, doc.id)))]
    return sorted(dated, key=lambda d: (d.start or d.gregorian.get("notBefore", ""), d.text_id, d.ordinal))


# ---------------------------------------------------------------- the page

@dataclass
class Month:
    id: str
    heading: str
    entries: list[Dated]


@dataclass
class Year:
    id: str
    year: str
    loose: list[Dated]  # dated to the year only, or spanning more than the months below
    months: list[Month]

    @property
    def count(self) -> int:
        return len(self.loose) + sum(len(m.entries) for m in self.months)


@dataclass
class Column:
    """One source's passages on an event."""

    text_id: str
    title: str
    author: str
    passages: list[Mention]


@dataclass
class EventSection:
    entry: Entry
    gregorian: tuple[str, str]
    julian: tuple[str, str]
    columns: list[Column]


@dataclass
class ChronologyPage:
    years: list[Year]
    undated: list[Dated]
    events: list[EventSection]
    texts: list = field(default_factory=list)
    total: int = 0
    old_style: int = 0


def timeline(dated: list[Dated]) -> tuple[list[Year], list[Dated]]:
    """The dates by Gregorian year and month; what has no Gregorian value at all apart."""
    years: dict[str, Year] = {}
    undated = []
    for d in dated:
        key = d.key
        if not re.match(r"\d{4}", key):
            undated.append(d)
            continue
        year = years.setdefault(key[:4], Year(f"y{key[:4]}", key[:4], [], []))
        if len(key) < 7:
            year.loose.append(d)
            continue
        month_id = f"y{key[:7]}"
        if not year.months or year.months[-1].id != month_id:
            year.months.append(Month(month_id, f"{MONTHS[int(key[5:7]) - 1]} {key[:4]}", []))
        year.months[-1].entries.append(d)
    return list(years.values()), undated


def event_sections(index: EditionIndex) -> list[EventSection]:
    """Each event of the register that a text narrates, its passages by source, in date order."""
    sections = []
    for entry in index.entries_of("event"):
        mentions = index.mentions_of(entry.id)
        if not mentions:
            continue
        columns = []
        for text, own in index.mentions_by_text(entry.id):
            seen, passages = set(), []
            for mention in own:
                if mention.anchor not in seen:
                    seen.add(mention.anchor)
                    passages.append(mention)
            columns.append(Column(text.id, text.title, text.author, passages))
        when = entry.when
        julian = {k: when[f"{k}-custom"] for k in ("when", "from", "to") if when.get(f"{k}-custom")}
        sections.append(EventSection(entry, _span_of(when), _span_of(julian), columns))
    return sorted(sections, key=lambda s: (s.gregorian[0] or s.gregorian[1], s.entry.sort_key))


def page(edition: Edition, index: EditionIndex, withheld: set[str] = frozenset(),
         cache: BuildCache | None = None) -> ChronologyPage:
    """The chronology page; the dates of ``withheld`` texts keep their passage but lose their sentence."""
    dated = [dataclasses.replace(d, before="", after="", withheld=True) if d.text_id in withheld else d
             for d in chronology(edition, index, cache)]
    years, undated = timeline(dated)
    return ChronologyPage(years, undated, event_sections(index), index.texts, len(dated),
                          sum(d.old_style for d in dated))
