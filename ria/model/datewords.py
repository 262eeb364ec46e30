"""Dates as a reader writes them, with the Gregorian value for machines.

``7 November 1917``, ``14–22 September 1917``, ``29 March – 5 April 1920``,
``April–December 1918``; a date its source gives in the Old Style reads in the
calendar the source prints, the other in brackets, as historians of Russia write
it: ``25 October (7 November) 1917``, ``3–5 (16–18) July 1917``.

A date comes back as pieces: words, each with the ISO value of the Gregorian day,
month or year it names, or "" for words that name none (brackets, dashes, the
Julian side). A page puts each Gregorian piece in ``<time datetime>``; HTML counts
``<time>`` in the Gregorian calendar, so a Julian value is never put in one.
"""

from __future__ import annotations

import calendar
import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")

Piece = tuple[str, str]  # (words, the Gregorian ISO value they name, or "")
Span = tuple[str, str]  # (first, last) ISO values; the same for one date; either "" if open

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# What HTML's <time datetime> reads of a TEI date: a year of the common era, a month, a day,
# or a day with its time (and zone). A year BCE (-0044), a day with a zone but no time
# (1705-05-12+01:00) or a day without its year (--05-12) it does not.
_HTML_DATETIME = re.compile(r"(\d{4,})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?"
                            r"(?:Z|[+-]\d{2}:\d{2})?)?)?)?")


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


def html_datetime(value: str) -> str:
    """``value`` if HTML's ``<time datetime>`` takes it, else "" (its words are shown all the same)."""
    match = _HTML_DATETIME.fullmatch(value or "")
    if not match or int(match.group(1)) == 0:
        return ""
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return ""
    if day and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        return ""
    return value


def _parts(iso: str) -> tuple[str, int, int] | None:
    match = _ISO.fullmatch(iso or "")
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        return None
    year, month, day = match.groups()
    return year, int(month or 0), int(day or 0)


def whole(span: Span) -> Span:
    """A span of whole months or years said as months or years (1917-10-01 to 1917-10-31 is
    October 1917), so that the words follow what the source says, not how it was encoded."""
    first, last = span
    a, b = _parts(first), _parts(last)
    if not (a and b and len(first) == len(last) == 10):
        return span
    if a[2] == 1 and b[2] == calendar.monthrange(int(b[0]), b[1])[1]:
        first, last = first[:7], last[:7]
        if a[1] == 1 and b[1] == 12:
            first, last = first[:4], last[:4]
    return first, last


def _words(iso: str, month: bool = True, year: bool = True) -> str:
    """An ISO value in words, leaving out its month and year where the span says them once."""
    parts = _parts(iso)
    if parts is None:
        return iso
    y, m, d = parts
    words = [str(d)] if d else []
    if m and (month or not d):
        words.append(MONTHS[m - 1])
    if year or not m:
        words.append(y)
    return " ".join(words)


def _dash(first: str) -> str:
    # An en dash closes up after one word (14–22 September, April–December 1918); after a
    # phrase it is spaced (29 March – 5 April 1920).
    return "–" if " " not in first else " – "


def _one_calendar(span: Span, gregorian: bool, shared: str = "") -> list[Piece]:
    """One calendar's words for a span; ``shared`` leaves out what the other calendar's words
    and a common ending say once ("year", or "month" for month and year)."""
    first, last = span
    iso = html_datetime if gregorian else (lambda value: "")
    month, year = shared != "month", shared == ""
    if first and (not last or last == first):
        return [(_words(first, month, year), iso(first))]
    if not first:
        return [("until ", ""), (_words(last, month, year), iso(last))]
    a, b = _parts(first), _parts(last)
    if a is None or b is None:
        return [(first, ""), ("–", ""), (last, "")]
    same_year = a[0] == b[0]
    same_month = same_year and a[1] == b[1] and a[2] and b[2]
    start = _words(first, month=month and not same_month, year=year and not same_year)
    end = _words(last, month, year)
    return [(start, iso(first)), (_dash(start), ""), (end, iso(last))]


def _open(span: Span, gregorian: bool) -> list[Piece]:
    first, last = span
    if first and not last:
        return [("from ", ""), (_words(first), html_datetime(first) if gregorian else "")]
    return _one_calendar(span, gregorian)


def _common_ending(*spans: Span) -> str:
    """What all ends of both calendars' spans share: "month" (and year), "year" or ""."""
    ends = [_parts(v) for span in spans for v in span]
    if any(e is None for e in ends) or not all(e[1] for e in ends):
        return ""
    if len({e[0] for e in ends}) != 1:
        return ""
    if all(e[2] for e in ends) and len({e[1] for e in ends}) == 1:
        return "month"
    return "year"


def reader_date(gregorian: Span, julian: Span | None = None, printed: str = "julian") -> list[Piece]:
    """A date in words; with a ``julian`` span, in the calendar the source prints (``printed``)
    and the other in brackets, each end of the Gregorian one marked with its ISO value."""
    gregorian = whole(gregorian)
    if not julian or not (julian[0] or julian[1]):
        return _open(gregorian, True)
    julian = whole(julian)
    shared = _common_ending(gregorian, julian)
    first, second = (julian, gregorian) if printed == "julian" else (gregorian, julian)
    pieces = (_one_calendar(first, first is gregorian, shared) + [(" (", "")]
              + _one_calendar(second, second is gregorian, shared) + [(")", "")])
    if shared:
        y, m, _ = _parts(gregorian[0] or gregorian[1])
        pieces.append((f" {MONTHS[m - 1]} {y}" if shared == "month" else f" {y}", ""))
    return pieces


def reader_limits(not_before: str, not_after: str) -> list[Piece]:
    """A date known only within limits: ``between September and November 1920``."""
    if not_before and not_after:
        span = _one_calendar((not_before, not_after), True)
        return [("between ", ""), span[0], (" and ", ""), span[-1]]
    if not_before:
        return [("not before ", ""), (_words(not_before), html_datetime(not_before))]
    return [("not after ", ""), (_words(not_after), html_datetime(not_after))]


def plain(pieces: list[Piece]) -> str:
    """The words of a date alone (for a tooltip, a title, a calendar file)."""
    return "".join(words for words, _ in pieces)
