"""The registers and the chronology as data: CSV, JSON-LD (schema.org) and iCalendar (RFC 5545).

These are for people who reuse the edition's annotations without reading TEI: a
spreadsheet of every person, place, organisation and event with its authority
identifiers and how often the texts mention it; linked data that names the same
things with schema.org and ``sameAs`` links; and every date the texts mark, with
its passage, in both calendars. Every output is a pure function of the TEI, so an
unchanged edition exports byte-identical files (no timestamps of the run).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Iterable

from lxml import etree

from ..model.chronology import Dated
from ..model.index import Index, Entry
from ..publish.render import SCHEMA_ORG
from ..xmlio import TEI as T
from ..xmlio import XML_ID

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # (a change dated by its month only, or not at all, is not one)
SCHEMA_TYPES = {"person": "Person", "place": "Place", "org": "Organization", "event": "Event"}
LIST_SEPARATOR = " | "


def _csv(header: list[str], rows: list[list]) -> bytes:
    """RFC 4180 CSV in UTF-8 (CRLF line ends, quoted where needed)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---------------------------------------------------------------- registers

REGISTER_COLUMNS = ["id", "kind", "name", "variants", "dates", "when", "from", "to", "latitude",
                    "longitude", "identification", "authority_ids", "authority_urls", "mentions",
                    "register"]


def _entry_elements(registers: Iterable[etree._ElementTree]) -> dict[str, etree._Element]:
    found: dict[str, etree._Element] = {}
    for tree in registers:
        for el in tree.getroot().iter(T + "person", T + "place", T + "org", T + "event"):
            found.setdefault(el.get(XML_ID), el)
    return found


def _variants(e: Entry) -> list[str]:
    """The other names of an entry, each once, without its display name."""
    return list(dict.fromkeys(v for v in e.variants if v and v != e.name))


def _ordered(index: Index) -> list[Entry]:
    return [e for kind in SCHEMA_TYPES for e in index.entries_of(kind)]


def registers_csv(index: Index) -> bytes:
    rows = []
    for e in _ordered(index):
        lat, lon = e.geo if e.geo else ("", "")
        rows.append([e.id, e.kind, e.name, LIST_SEPARATOR.join(_variants(e)), e.dates,
                     e.when.get("when", ""), e.when.get("from", ""), e.when.get("to", ""), lat, lon,
                     e.identification, LIST_SEPARATOR.join(f"{t}:{v}" for t, v, _ in e.authorities),
                     LIST_SEPARATOR.join(u for _, _, u in e.authorities if u),
                     len(index.mentions_of(e.id)), e.source])
    return _csv(REGISTER_COLUMNS, rows)


def _life_date(el: etree._Element, tag: str) -> str:
    found = el.find(T + tag)
    return found.get("when", "") if found is not None else ""


def _node(e: Entry, el: etree._Element | None, mentions: int) -> dict:
    node = {"@id": f"#{e.id}", "@type": SCHEMA_TYPES[e.kind], "identifier": e.id, "name": e.name}
    if _variants(e):
        node["alternateName"] = _variants(e)
    if e.kind == "person" and el is not None:
        for tag, key in (("birth", "birthDate"), ("death", "deathDate")):
            if _life_date(el, tag):
                node[key] = _life_date(el, tag)
    if e.kind == "event":
        start = e.when.get("when") or e.when.get("from")
        end = e.when.get("when") or e.when.get("to")
        if start:
            node["startDate"] = start
        if end:
            node["endDate"] = end
    if e.geo:
        node["geo"] = {"@type": "GeoCoordinates", "latitude": e.geo[0], "longitude": e.geo[1]}
    if e.identification:
        node["description"] = e.identification
    urls = [u for _, _, u in e.authorities if u]
    if urls:
        node["sameAs"] = urls
    node["interactionStatistic"] = {"@type": "InteractionCounter", "name": "mentions in the edition",
                                    "userInteractionCount": mentions}
    return node


# The context is written into the file rather than named by schema.org's address, so that a
# reader expands the registers offline, and the same way whatever schema.org serves: its terms
# become the IRIs schema.org's own context gives them, and sameAs values are links, not strings.
JSONLD_CONTEXT = {**SCHEMA_ORG, "sameAs": {"@type": "@id"}}


def registers_jsonld(index: Index, registers: Iterable[etree._ElementTree]) -> bytes:
    """The registers as schema.org JSON-LD; each node's ``@id`` is ``#`` and its register id.
    ``registers``: the registers' trees, where a person's birth and death dates are read."""
    elements = _entry_elements(registers)
    graph = [_node(e, elements.get(e.id), len(index.mentions_of(e.id))) for e in _ordered(index)]
    return _json({"@context": JSONLD_CONTEXT, "@graph": graph})


# ---------------------------------------------------------------- texts

TEXT_COLUMNS = ["id", "title", "author", "date", "date_text", "language", "availability", "file", "sha256"]


def texts_csv(index: Index, withheld: set[str] | None = None) -> bytes:
    """Every text with its author, date (ISO, for ordering, and as the source gives it), language and rights.
    ``withheld``, in a public export: the texts whose words it leaves out, which a last column, ``words``,
    says (``withheld``, else ``included``)."""
    rows = [[t.id, t.title, t.author, t.date, t.date_label, t.lang, t.availability, t.path, t.sha256]
            for t in index.texts]
    if withheld is None:
        return _csv(TEXT_COLUMNS, rows)
    return _csv(TEXT_COLUMNS + ["words"], [row + ["withheld" if t.id in withheld else "included"]
                                          for row, t in zip(rows, index.texts)])


# ---------------------------------------------------------------- chronology (ria.model.chronology)

CHRONOLOGY_COLUMNS = ["text_id", "passage_id", "date_n", "date_text", "calendar_of_source",
                      "gregorian_when", "gregorian_from", "gregorian_to", "not_before", "not_after",
                      "julian_when", "julian_from", "julian_to", "time_of_day"]


def chronology_csv(dated: list[Dated]) -> bytes:
    rows = [[d.text_id, d.passage, d.ordinal, d.label, "julian" if d.old_style else "gregorian",
             d.gregorian.get("when", ""), d.gregorian.get("from", ""), d.gregorian.get("to", ""),
             d.gregorian.get("notBefore", ""), d.gregorian.get("notAfter", ""),
             d.julian.get("when", ""), d.julian.get("from", ""), d.julian.get("to", ""), d.clock]
            for d in dated]
    return _csv(CHRONOLOGY_COLUMNS, rows)


# ---------------------------------------------------------------- iCalendar

def _ical_escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> bytes:
    """One content line, folded so that no line is longer than 75 octets (RFC 5545, 3.1)."""
    data = line.encode("utf-8")
    out, limit = [], 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        out.append(data[:cut])
        data = b" " + data[cut:]
    out.append(data)
    return b"\r\n".join(out) + b"\r\n"


def _span(start: str, end: str) -> tuple[str, str] | None:
    """All-day DTSTART and the exclusive DTEND for an ISO date, month or year range."""
    if not start:
        return None

    def first(value: str) -> dt.date:
        parts = [int(p) for p in value.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    def after(value: str) -> dt.date:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            return dt.date(*parts) + dt.timedelta(days=1)
        if len(parts) == 2:
            return dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return dt.date(parts[0] + 1, 1, 1)

    try:
        begin, finish = first(start), after(end or start)
    except ValueError:
        return None
    if finish <= begin:
        finish = begin + dt.timedelta(days=1)
    return begin.strftime("%Y%m%d"), finish.strftime("%Y%m%d")


def _vevent(uid: str, stamp: str, span: tuple[str, str], summary: str, description: str,
            url: str = "", category: str = "") -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", f"DTSTART;VALUE=DATE:{span[0]}",
             f"DTEND;VALUE=DATE:{span[1]}", f"SUMMARY:{_ical_escape(summary)}"]
    if category:  # the chronology's kind of date (ria/model/chronology.py, KINDS): a calendar can filter by it
        lines.append(f"CATEGORIES:{_ical_escape(category)}")
    if description:
        lines.append(f"DESCRIPTION:{_ical_escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    return lines + ["END:VEVENT"]


def _julian_note(d: Dated) -> str:
    if not d.old_style:
        return ""
    values = " – ".join(v for v in (d.julian.get("when"), d.julian.get("from"), d.julian.get("to")) if v)
    return f" (Old Style: {values})"


def chronology_ics(dated: list[Dated], index: Index, stamp: str, domain: str) -> bytes:
    """An iCalendar: one all-day VEVENT per dated passage and per register event.

    ``stamp`` (DTSTAMP) is derived from the edition (its latest recorded change), so
    that the file changes only when the edition does. ``domain``, the project's id, ends
    each entry's UID, which RFC 5545 asks to be unique beyond the calendar.
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{index.title}//{domain} export//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_ical_escape(index.title)}: chronology"]
    for entry in _ordered(index):
        if entry.kind != "event":
            continue
        span = _span(entry.when.get("when") or entry.when.get("from", ""),
                     entry.when.get("when") or entry.when.get("to", ""))
        if span:
            lines += _vevent(f"event-{entry.id}@{domain}", stamp, span, entry.name,
                             entry.identification, category="event")
    for d in dated:
        span = _span(d.start, d.end)
        if span:
            summary = f"{d.label}{_julian_note(d)} — {d.text_title}"
            lines += _vevent(f"{d.text_id}-date-{d.ordinal}@{domain}", stamp, span, summary,
                             f"{d.text_id}, passage {d.passage}" if d.passage else d.text_id,
                             category=d.kind)
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)


def changes(tree: etree._ElementTree) -> list[str]:
    """The days of a document's recorded changes (``change/@when``, as YYYY-MM-DD)."""
    return [when[:10] for c in tree.getroot().iter(T + "change")
            if _DAY.match(when := c.get("when") or "")]


def latest_change(trees: Iterable[etree._ElementTree]) -> str:
    """The latest ``change/@when`` of any file: the edition's own date, not the export's."""
    return max((day for tree in trees for day in changes(tree)), default="1980-01-01")
