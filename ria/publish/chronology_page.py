"""The chronology page: the dates by Gregorian year and month, and side by side what the
different sources say about each event of the events register.

Made from the chronology (ria/model/chronology.py) as plain objects that the page shell
(theme/templates/chronology.html) lays out, with the drawn time lines (timeline.py).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..model.chronology import KINDS, Dated, _span_of, chronology
from ..model.datewords import MONTHS, Piece, reader_date
from ..model.index import Index, Entry, Mention
from .timeline import figures


def filter_tokens(entries: list[Dated]) -> str:
    """What a part of the list holds, for the page's filters (ria/publish/timeline.py, filter_css): a
    ``kind/source`` token for each kind and source in it, ``all`` standing for any."""
    tokens = {f"{k}/{s}" for d in entries for k in (d.kind, "all") for s in (d.text_id, "all")}
    return " ".join(sorted(tokens))


@dataclass
class Month:
    id: str
    heading: str
    entries: list[Dated]

    @property
    def filters(self) -> str:
        return filter_tokens(self.entries)


@dataclass
class Year:
    id: str
    year: str
    loose: list[Dated]  # dated to the year only, or spanning more than the months below
    months: list[Month]

    @property
    def count(self) -> int:
        return len(self.loose) + sum(len(m.entries) for m in self.months)

    @property
    def filters(self) -> str:
        return filter_tokens(self.loose + [d for m in self.months for d in m.entries])

    @property
    def loose_filters(self) -> str:
        return filter_tokens(self.loose)


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

    @property
    def words(self) -> list[Piece]:
        old_style = self.julian if (self.julian[0] or self.julian[1]) else None
        return reader_date(self.gregorian, old_style, "julian")

    @property
    def sources(self) -> str:
        return " ".join(column.text_id for column in self.columns)


@dataclass
class KindCount:
    kind: str
    label: str
    one: str  # the label of one date of the kind
    note: str
    count: int


@dataclass
class ChronologyPage:
    years: list[Year]
    undated: list[Dated]
    events: list[EventSection]
    texts: list = field(default_factory=list)
    total: int = 0
    old_style: int = 0
    kinds: list[KindCount] = field(default_factory=list)
    figures: list = field(default_factory=list)  # the drawn time lines (ria/publish/timeline.py)


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


def event_sections(index: Index) -> list[EventSection]:
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


def page(index: Index, withheld: set[str] = frozenset()) -> ChronologyPage:
    """The chronology page; the dates of ``withheld`` texts keep their passage but lose their sentence."""
    dated = [dataclasses.replace(d, before="", after="", withheld=True) if d.text_id in withheld else d
             for d in chronology(index)]
    years, undated = timeline(dated)
    kinds = [KindCount(kind, label, one, note, sum(d.kind == kind for d in dated))
             for kind, (label, one, note) in KINDS.items()]
    events = event_sections(index)
    return ChronologyPage(years, undated, events, index.texts, len(dated), sum(d.old_style for d in dated),
                          kinds, figures(dated, events, index.texts))
