"""The rule ``correction-inconsistent``: the same error treated alike.

A reading the edition corrects in one place (``<choice><sic>hook</sic><corr>book</corr></choice>``)
is looked for in the copy-text's words everywhere else, names included, outside any
``choice`` and the edition's own notes; where it stands uncorrected it is reported, with
the correction made elsewhere. Left out, because nothing can be learnt from them
elsewhere: corrections of punctuation, spacing or case alone (their readings normalise
alike), and readings that stand uncorrected more than :data:`ORDINARY` times in the
edition, which are ordinary words corrected for their context ('an' for 'as'). An
occurrence that is right as it stands ('to hook us with soviet legality') carries the
editor's verdict ``<!-- lint: checked -->`` right before it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ...model.load import Document
from ...problems import Problem
from ...xmlio import TEI as T
from .registers import diplomatic_text, normalise, reading_text
from .scan import VERDICT_COMMENT, Lines, source_text, text_segments

ORDINARY = 3  # uncorrected occurrences beyond which a corrected reading is an ordinary word
# The copy-text's words outside these count: an intervention, the edition's own words, page furniture.
_NOT_COPY_TEXT = frozenset({"choice", "sic", "corr", "reg", "orig", "expan", "abbr", "supplied", "gap",
                            "fw", "teiHeader"})


_START_TAGS = re.compile(r"(?:<[A-Za-z][^<>]*(?<!/)>)*")


@dataclass(frozen=True)
class Correction:
    sic: str  # the copy-text's reading, as written
    corr: str
    type: str


@dataclass(frozen=True)
class CorrectionFacts:
    """What the rule needs of one text, a function of its bytes alone (so cached)."""

    corrections: tuple[Correction, ...]
    running: tuple[tuple[int, str], ...]  # (offset, text) of the copy-text's words outside interventions
    verdicts: frozenset[int]  # offsets right after an editor's verdict comment


def correction_facts(doc: Document) -> CorrectionFacts:
    corrections = []
    text_el = doc.tree.getroot().find(T + "text")
    for choice in (text_el.iter(T + "choice") if text_el is not None else ()):
        sic, corr = choice.find(T + "sic"), choice.find(T + "corr")
        if sic is None or corr is None:
            continue
        said, meant = diplomatic_text(sic), reading_text(corr)
        if any(ch.isalpha() for ch in said) and normalise(said) != normalise(meant):
            corrections.append(Correction(said, meant, corr.get("type") or ""))
    source = source_text(doc) or ""
    running = tuple((s.offset, s.text) for s in text_segments(source, _NOT_COPY_TEXT) if not s.marked)
    # A verdict counts for the words right after it, also inside the name it stands before.
    verdicts = frozenset(offset for m in VERDICT_COMMENT.finditer(source)
                         for offset in (m.end(), _START_TAGS.match(source, m.end()).end()))
    return CorrectionFacts(tuple(dict.fromkeys(corrections)), running, verdicts)


def _pattern(reading: str) -> re.Pattern:
    words = r"\s+".join(re.escape(word) for word in reading.split())
    return re.compile(rf"(?<![\w\-’']){words}(?![\w\-])")


def correction_problems(facts: dict[str, CorrectionFacts], docs: dict[str, Document]) -> list[Problem]:
    """Every place where a reading corrected elsewhere stands uncorrected."""
    made: dict[str, list[tuple[str, Correction]]] = defaultdict(list)
    for rel, text in facts.items():
        for correction in text.corrections:
            made[correction.sic].append((rel, correction))
    problems = []
    for sic, where in sorted(made.items()):
        pattern, first_word = _pattern(sic), sic.split()[0]
        # (a plain substring test first: the pattern is tried only on the runs holding the word)
        found = [(rel, offset + m.start()) for rel, text in facts.items()
                 for offset, run in text.running if first_word in run for m in pattern.finditer(run)]
        if not found or len(found) > ORDINARY:
            continue
        rel0, first = where[0]
        texts = sorted({rel.rpartition("/")[2].removesuffix(".xml") for rel, _ in where})
        for rel, offset in found:
            if offset in facts[rel].verdicts:
                continue
            line, col = Lines(source_text(docs[rel]) or "").position(offset)
            problems.append(Problem(
                rel, line, col, "warning",
                f"'{sic}' stands uncorrected here, but {', '.join(texts)} "
                f"correct{'s' if len(texts) == 1 else ''} it to '{first.corr}' ({first.type or 'no type'})",
                hint=f"record it as <choice><sic>{sic}</sic><corr type=\"{first.type or 'transcription'}\" "
                     f"resp=\"#ria\">{first.corr}</corr></choice>, or, if it is right here, say so with "
                     "<!-- lint: checked --> right before it",
                rule="correction-inconsistent"))
    return problems
