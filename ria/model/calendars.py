"""The Julian and Gregorian calendars: one day's date in each, by Julian day number.

The texts give Old Style (Julian) dates and the edition records both values; the
chronology computes whichever the TEI leaves out, and the exports check them.
"""

from __future__ import annotations

import datetime as dt
import re


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


def full_date(value: str) -> dt.date | None:
    """A full ISO date (YYYY-MM-DD) as a date; None for a month, a year or no date."""
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def julian_numbers(value: str) -> tuple[int, int, int] | None:
    """A Julian YYYY-MM-DD as numbers (it may name a day the Gregorian calendar lacks)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    return tuple(int(g) for g in match.groups()) if match else None
