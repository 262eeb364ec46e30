"""The chronology's drawn time lines: SVG made at build time, read without script.

Two figures: the years the texts narrate most closely (1917–1921), and the whole
span of the events they date. Each has a labelled axis (the Gregorian months or
decades; in the first, the Old Style months as well, for as long as the texts give
Old Style dates), a row per source with a tick for each event it dates, and a row
per event of the events register, drawn as its span and linked to the passages of
every source on it (the page's "events side by side", ``#event-<id>``). Only the
events are links; the axis and the ticks are drawing, hidden from screen readers,
which meet the same dates in the list below.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from ..model.calendars import gregorian_to_julian, julian_to_gregorian
from ..model.datewords import MONTHS, plain

if TYPE_CHECKING:
    from ..model.chronology import Dated
    from .chronology_page import EventSection

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH, LEFT, RIGHT = 1000, 170, 16  # the drawing's width; room for the rows' labels, and after
SOURCE_ROW, EVENT_ROW = 16, 19
CHAR_WIDTH = 6.4  # an average character at the labels' 12px, to keep a label inside the drawing
CLOSE_YEARS = (1917, 1921)  # the first figure: the years of revolution and civil war
LONG_DAYS = 62  # a source's date longer than two months is drawn faint: it names no moment


@dataclass(frozen=True)
class Figure:
    id: str
    heading: str
    caption: str
    svg: str


def _first_day(iso: str) -> dt.date | None:
    parts = [int(p) for p in iso.split("-") if p.isdigit()]
    try:
        return dt.date(*(parts + [1, 1])[:3]) if parts else None
    except ValueError:
        return None


def _last_day(iso: str) -> dt.date | None:
    parts = [int(p) for p in iso.split("-") if p.isdigit()]
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return dt.date(*parts) if parts else None
    except ValueError:
        return None


def _span_days(first: str, last: str) -> tuple[dt.date, dt.date] | None:
    start, end = _first_day(first or last), _last_day(last or first)
    return (start, max(start, end)) if start and end else None


class _Scale:
    """Days to x, between the drawing's first and last day."""

    def __init__(self, first: dt.date, last: dt.date):
        self.first, self.last = first, last
        self.per_day = (WIDTH - LEFT - RIGHT) / ((last - first).days + 1)

    def __call__(self, day: dt.date) -> float:
        day = min(max(day, self.first), self.last + dt.timedelta(days=1))
        return LEFT + (day - self.first).days * self.per_day

    def overlaps(self, span: tuple[dt.date, dt.date]) -> bool:
        return span[0] <= self.last and span[1] >= self.first


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, f"{{{SVG_NS}}}{tag}",
                          {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _month_axis(group, scale: _Scale, y: float, starts: list[tuple[dt.date, int]], label: str,
                css: str) -> None:
    """A row of month ticks with each month's initial, and the row's name at the left."""
    _sub(group, "text", label, x=LEFT - 8, y=_n(y + 11), class_=f"axis-name {css}", text_anchor="end")
    for (start, month), (following, _) in zip(starts, starts[1:]):
        x0, x1 = scale(start), scale(following)
        _sub(group, "line", x1=_n(x0), x2=_n(x0), y1=_n(y), y2=_n(y + 14), class_=f"tick {css}")
        if x1 - x0 >= 7:  # a month cut short at the drawing's edge has no room for its initial
            _sub(group, "text", MONTHS[month - 1][0], x=_n((x0 + x1) / 2), y=_n(y + 11),
                 class_=f"month {css}", text_anchor="middle")


def _gregorian_months(first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    months, day = [], dt.date(first.year, first.month, 1)
    while day <= last + dt.timedelta(days=1):
        months.append((day, day.month))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _julian_months(first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    """Where each Old Style month begins, as a Gregorian day, from ``first`` to ``last``; the
    day after ``last`` closes the final one."""
    year, month, _ = (int(part) for part in gregorian_to_julian(first).split("-"))
    starts = [(first, month)]
    while True:
        year, month = year + month // 12, month % 12 + 1
        day = julian_to_gregorian(year, month, 1)
        if day > last:
            return starts + [(last + dt.timedelta(days=1), 0)]
        starts.append((day, month))


def _year_axis(group, scale: _Scale, y: float, step: int) -> None:
    """Year boundaries as ticks across the top, labelled every ``step`` years."""
    for year in range(scale.first.year, scale.last.year + 2):
        x = scale(dt.date(year, 1, 1))
        if year % step == 0 or step == 1:
            _sub(group, "line", x1=_n(x), x2=_n(x), y1=_n(y), y2=_n(y + 18), class_="tick year")
            if year <= scale.last.year:
                width = scale(dt.date(year + step, 1, 1)) - x if step == 1 else 0
                _sub(group, "text", str(year), x=_n(x + width / 2 if step == 1 else x + 3), y=_n(y + 13),
                     class_="year", text_anchor="middle" if step == 1 else "start")


def _short_names(texts: list) -> dict[str, str]:
    """Each source as its row names it: its author's surname, and the year where the edition
    has two texts of one author."""
    surnames = {t.id: (t.author.split() or [t.id])[-1] for t in texts}
    twice = {name for name in surnames.values() if list(surnames.values()).count(name) > 1}
    return {t.id: f"{surnames[t.id]} {t.date[:4]}".strip() if surnames[t.id] in twice else surnames[t.id]
            for t in texts}


def _source_rows(svg, scale: _Scale, y: float, dated: list["Dated"], texts: list, by_year: bool) -> float:
    rows = _sub(svg, "g", class_="sources", aria_hidden="true")
    names = _short_names(texts)
    for text in texts:
        own = [d for d in dated if d.text_id == text.id and d.kind == "event"]
        spans = [s for s in (_span_days(*d.gregorian_span) for d in own if d.start)
                 if s and scale.overlaps(s)]
        _sub(rows, "text", f"{names[text.id]} ({len(spans)})", x=LEFT - 8, y=_n(y + 11),
             class_="row-name", text_anchor="end")
        _sub(rows, "line", x1=LEFT, x2=WIDTH - RIGHT, y1=_n(y + 8), y2=_n(y + 8), class_="row-rule")
        seen = set()
        # A day is a tick; a span of weeks a bar; a longer one (a year, "the 1920s") a faint line.
        for start, end in sorted(spans, key=lambda s: s[1] - s[0], reverse=True):
            x0, x1 = scale(start), scale(end + dt.timedelta(days=1))
            long = (end - start).days > LONG_DAYS
            key = (round(x0), round(x1) if x1 - x0 > 3 else 0)
            if key in seen:  # one mark where several dates fall on the same spot
                continue
            seen.add(key)
            if long:
                _sub(rows, "line", x1=_n(x0), x2=_n(x1), y1=_n(y + 8), y2=_n(y + 8), class_="long")
            elif x1 - x0 > 3:
                _sub(rows, "rect", x=_n(x0), y=_n(y + 4), width=_n(x1 - x0), height=8, class_="span")
            else:
                _sub(rows, "line", x1=_n(x0), x2=_n(x0), y1=_n(y + 2), y2=_n(y + 14), class_="mark")
        y += SOURCE_ROW
    return y


def _event_rows(svg, scale: _Scale, y: float, events: list[tuple["EventSection", tuple]]) -> float:
    group = _sub(svg, "g", class_="events")
    for section, (start, end) in events:
        x0, x1 = scale(start), scale(end + dt.timedelta(days=1))
        x1 = max(x1, x0 + 3)
        link = _sub(group, "a", href=f"#event-{section.entry.id}", class_="event-mark")
        sources = len(section.columns)
        _sub(link, "title", f"{section.entry.name}, {plain(section.words)}: "
                            f"{sources} source{'s' if sources != 1 else ''} side by side")
        _sub(link, "rect", x=_n(x0), y=_n(y + 3), width=_n(x1 - x0), height=12, rx=2, class_="bar")
        name = section.entry.name
        if x1 + 6 + len(name) * CHAR_WIDTH <= WIDTH - RIGHT:
            _sub(link, "text", name, x=_n(x1 + 5), y=_n(y + 13), class_="event-name")
        else:
            _sub(link, "text", name, x=_n(x0 - 5), y=_n(y + 13), class_="event-name", text_anchor="end")
        y += EVENT_ROW
    return y


def _svg(figure_id: str, scale: _Scale, axis, dated, events, texts, by_year: bool) -> str:
    svg = etree.Element(f"{{{SVG_NS}}}svg", nsmap={None: SVG_NS})
    svg.set("class", "timeline-svg")
    svg.set("role", "group")
    svg.set("aria-labelledby", f"{figure_id}-caption")
    frame = _sub(svg, "g", class_="axis", aria_hidden="true")
    y = axis(frame)
    y = _source_rows(svg, scale, y + 6, dated, texts, by_year)
    _sub(svg, "text", "Events", x=LEFT - 8, y=_n(y + 18), class_="axis-name", text_anchor="end",
         aria_hidden="true")
    height = _event_rows(svg, scale, y + 4, events) + 8
    for year in range(scale.first.year, scale.last.year + 2):  # a faint rule at each year (decade)
        if by_year and year % 10:
            continue
        x = scale(dt.date(year, 1, 1))
        frame.insert(0, etree.Element(f"{{{SVG_NS}}}line", {"x1": _n(x), "x2": _n(x), "y1": "18",
                                                            "y2": _n(height), "class": "grid"}))
    svg.set("viewBox", f"0 0 {WIDTH} {_n(height)}")
    svg.set("width", str(WIDTH))
    svg.set("height", _n(height))
    return etree.tostring(svg, encoding="unicode")


def figures(dated: list["Dated"], sections: list["EventSection"], texts: list) -> list[Figure]:
    """The two time lines: 1917–1921 in both calendars, and the whole span of the events."""
    spans = [(s, _span_days(*s.gregorian)) for s in sections]
    spans = [(s, span) for s, span in spans if span]
    close = _Scale(dt.date(CLOSE_YEARS[0], 1, 1), dt.date(CLOSE_YEARS[1], 12, 31))
    old_style = [d for d in dated if d.old_style and d.start]
    julian_last = max((_last_day(d.end) for d in old_style if _last_day(d.end)), default=None)

    def close_axis(frame) -> float:
        _year_axis(frame, close, 0, 1)
        _month_axis(frame, close, 20, _gregorian_months(close.first, close.last), "New Style", "ns")
        if julian_last and julian_last >= close.first:  # Old Style months, while the texts give them
            last = min(julian_last, close.last)
            _month_axis(frame, close, 36, _julian_months(close.first, last), "Old Style", "os")
            return 52
        return 36

    events = [d for d in dated if d.kind == "event" and d.start]
    days = [s for s in (_span_days(*d.gregorian_span) for d in events) if s] + [span for _, span in spans]
    first = min((s[0] for s in days), default=close.first)
    last = max((s[1] for s in days), default=close.last)
    wide = _Scale(dt.date(first.year // 10 * 10, 1, 1), dt.date(last.year // 10 * 10 + 9, 12, 31))
    per_year = (WIDTH - LEFT - RIGHT) / (wide.last.year - wide.first.year + 1)
    step = next((s for s in (10, 20, 25, 50, 100) if s * per_year >= 40), 100)  # labels ~40px apart

    def wide_axis(frame) -> float:
        _year_axis(frame, wide, 0, step)
        x0, x1 = wide(close.first), wide(close.last + dt.timedelta(days=1))
        _sub(frame, "rect", x=_n(x0), y=20, width=_n(x1 - x0), height=10, class_="window")
        _sub(frame, "text", f"{CLOSE_YEARS[0]}–{CLOSE_YEARS[1]} (above)", x=_n(x1 + 4), y=29,
             class_="window-name")
        return 34

    close_events = [(s, span) for s, span in spans if close.overlaps(span)]
    wide_events = [(s, span) for s, span in spans
                   if not (span[0] >= close.first and span[1] <= close.last)]
    close_id, wide_id = f"timeline-{CLOSE_YEARS[0]}", "timeline-all"
    julian_note = (" Under the Gregorian months, the Old Style (Julian) months, 13 days behind, for as long "
                   "as the texts give Old Style dates." if julian_last and julian_last >= close.first else "")
    return [
        Figure(close_id, f"{CLOSE_YEARS[0]}–{CLOSE_YEARS[1]}",
               f"By Gregorian (New Style) months.{julian_note} A row per source marks each event it "
               "dates (their number after its name); a bar per event of the events register leads to "
               "what each source says of it.",
               _svg(close_id, close, close_axis, dated, close_events, texts, False)),
        Figure(wide_id, f"{wide.first.year}–{wide.last.year}",
               "The whole span of the events the texts date, by decade; at this scale the two calendars "
               f"fall together. The register's events outside {CLOSE_YEARS[0]}–{CLOSE_YEARS[1]} are drawn "
               "as bars, each a link to its sources.",
               _svg(wide_id, wide, wide_axis, dated, wide_events, texts, True)),
    ]
