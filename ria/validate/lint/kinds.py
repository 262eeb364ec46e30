"""The rule ``kind-inconsistent``: one typing policy across the texts.

The same words marked as different kinds of name (a person, a place, an organisation,
an event) in the edition, or one register entry pointed to by names of different
kinds, are reported where they depart from the edition's usual marking of them: the
kind those words (or that entry) are marked as most often; where two kinds are used
equally often, every marking of them is reported. Words are compared as the reading text gives
them, normalised, without a leading article ('the Second Congress' ~ 'Second
Congress'); a name that only wraps another name (an event named by its place) is
left to the inner name. Different referents that share their words (the river Kama and the Kama
tank school) are right as they stand: the editor says so with ``<!-- lint: checked -->``
right before the name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from lxml import etree

from ...model.load import Document
from ...problems import Problem
from ...xmlio import TEI as T
from .registers import normalise, pointers, reading_text
from .scan import checked

KINDS = ("person", "place", "org", "event")
KIND_WORDS = {"person": "a person", "place": "a place", "org": "an organisation", "event": "an event"}
_TAG_KIND = {"persName": "person", "placeName": "place", "orgName": "org"}


@dataclass(frozen=True)
class KindMark:
    """One marked name of a text: what a function of the text's bytes alone can say (so cached)."""

    line: int
    col: int
    words: str  # normalised reading, leading article dropped
    shown: str  # the reading as written, for the message
    kind: str
    refs: tuple[str, ...]
    checked: bool  # the editor's verdict stands right before it


def mark_kind(el: etree._Element) -> str | None:
    local = etree.QName(el).localname
    if local in _TAG_KIND:
        return _TAG_KIND[local]
    kind = el.get("type")
    return kind if kind in KINDS else None  # <name type="event">, <rs type="place"> …


def kind_marks(doc: Document) -> tuple[KindMark, ...]:
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is None:
        return ()
    marks = []
    tags = (T + "persName", T + "placeName", T + "orgName", T + "name", T + "rs")
    for el in text_el.iter(*tags):
        kind = mark_kind(el)
        words = _words(el)
        # A name that only wraps another (the event <name>Brest-Litovsk</name> around the
        # place's name) carries both kinds on purpose: the inner name is compared, not it.
        if kind is None or not words or any(_words(inner) == words for inner in el.iterdescendants(*tags)):
            continue
        line, col = doc.locator.element(el)
        marks.append(KindMark(line, col, words, reading_text(el), kind, tuple(pointers(el.get("ref"))),
                              checked(el)))
    return tuple(marks)


def _words(el: etree._Element) -> str:
    words = normalise(reading_text(el))
    return words[4:] if words.startswith("the ") else words


def _usual(counts: Counter) -> str:
    return max(counts, key=lambda kind: (counts[kind], -KINDS.index(kind)))


def _elsewhere(places: list[tuple[str, KindMark]], kind: str) -> str:
    where = Counter(rel.rpartition("/")[2].removesuffix(".xml") for rel, mark in places if mark.kind == kind)
    refs = sorted({ref for _, mark in places if mark.kind == kind for ref in mark.refs})
    return (", ".join(f"{text} ×{n}" for text, n in sorted(where.items()))
            + (f"; {', '.join('#' + r for r in refs[:3])}" if refs else ""))


def kind_problems(marks: dict[str, tuple[KindMark, ...]], entry_kinds: dict[str, str]) -> list[Problem]:
    """Every marked name whose kind departs from the usual kind of its words or of its entry."""
    by_words: dict[str, list[tuple[str, KindMark]]] = defaultdict(list)
    by_entry: dict[str, list[tuple[str, KindMark]]] = defaultdict(list)
    for rel, text_marks in marks.items():
        for mark in text_marks:
            by_words[mark.words].append((rel, mark))
            for ref in mark.refs:
                if ref in entry_kinds:
                    by_entry[ref].append((rel, mark))
    problems: dict[tuple, Problem] = {}
    for group, what in ((by_words, "words"), (by_entry, "entry")):
        for key, places in group.items():
            counts = Counter(mark.kind for _, mark in places)
            if len(counts) < 2:
                continue
            top = counts.most_common()
            tied = top[0][1] == top[1][1]  # no usual kind: every marking is reported
            for rel, mark in places:
                usual = _usual(counts - Counter({mark.kind: counts[mark.kind]})) if tied else _usual(counts)
                if mark.kind == usual or mark.checked or (rel, mark.line, mark.col) in problems:
                    continue
                about = f"'{mark.shown}'" if what == "words" else f"register entry '#{key}'"
                problems[(rel, mark.line, mark.col)] = Problem(
                    rel, mark.line, mark.col, "warning",
                    f"{about} is marked as {KIND_WORDS[mark.kind]} here but as {KIND_WORDS[usual]} "
                    f"{counts[usual]} time{'s' if counts[usual] != 1 else ''} in the edition "
                    f"({_elsewhere(places, usual)})",
                    hint="mark it as the typing policy says (EDITING.md, Names: one typing policy), "
                         "or, if it names something else, say so with <!-- lint: checked --> right before it",
                    rule="kind-inconsistent")
    return sorted(problems.values())
