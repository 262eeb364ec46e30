"""Lint stage: warnings about the markup that neither grammar nor Schematron can judge.

Each finding is a :class:`~ria.problems.Problem` of severity ``warning`` with a
``rule`` id and a hint that names the fix. One module per family of rules:

* :mod:`.names`: ``name-unmarked`` (and its ``name-unmarked-summary``), ``name-form-mismatch``;
* :mod:`.registers`: ``entry-unused`` (and the registers as the rules see them);
* :mod:`.notes`: ``note-unanchored``, ``note-anchor-target``;
* :mod:`.kinds`: ``kind-inconsistent`` (one typing policy across the texts);
* :mod:`.corrections`: ``correction-inconsistent`` (the same error treated alike);
* :mod:`.scan`: ``lint-encoding`` (and the scan of a text's raw characters).

These rules know this edition's conventions; a corpus from elsewhere gets only the rules that
hold for any TEI, in ``check --corpus`` (:mod:`ria.validate.lint.any_tei`).

An editor who has read a ``name-unmarked``, ``name-form-mismatch``, ``kind-inconsistent``
or ``correction-inconsistent`` warning and finds the text right as it stands records
the verdict with a comment right before the words or the name, ``<!-- lint: checked, and why -->``, and the warning is not
given again.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

from ...cache import BuildCache, NoCache, digest
from ...model.load import Document, Edition
from ...problems import Problem
from .corrections import correction_facts, correction_problems
from .kinds import kind_marks, kind_problems
from .names import (
    MIN_LETTERS,
    PER_ENTRY,
    USUAL,
    FormFinder,
    TextFacts,
    candidate_forms,
    form_mismatches,
    marked_forms,
    select_candidate_forms,
    text_facts,
    unmarked_names,
    unmarked_occurrences,
)
from .notes import note_problems
from .registers import (
    COMMON_WORDS,
    ENTRY_TAGS,
    NAME_TAGS,
    RegisterEntry,
    known_words,
    normalise,
    register_entries,
    unused_entries,
)
from .scan import Segment, source_text, text_segments, unreadable

__all__ = [
    "COMMON_WORDS", "ENTRY_TAGS", "MIN_LETTERS", "NAME_TAGS", "PER_ENTRY", "USUAL", "FormFinder",
    "RegisterEntry", "Segment", "TextFacts", "candidate_forms", "correction_problems", "form_mismatches",
    "kind_problems", "lint",
    "marked_forms", "normalise", "note_problems", "register_entries", "source_text", "text_facts",
    "text_segments", "unmarked_names", "unmarked_occurrences", "unreadable", "unused_entries",
]


def lint(edition: Edition, only: set[Path] | None = None, cache: BuildCache | None = None) -> list[Problem]:
    """Every lint warning of the edition (or of ``only`` those files).

    Lint only advises: should one of its rules fail on unexpected input, that is
    reported as a warning (rule ``lint-internal``) and never stops a check or a build.
    """
    try:
        return _lint(edition, only, cache or NoCache())
    except Exception as err:  # noqa: BLE001 - see the docstring
        where = edition.texts[0].rel if edition.texts else "tei"
        return [Problem(where, 1, 1, "warning", f"the lint rules could not run: {err!r}",
                        hint="please report this as a bug of ria/validate/lint/", rule="lint-internal")]


def _lint(edition: Edition, only: set[Path] | None, cache: BuildCache) -> list[Problem]:
    """The rules compare the texts with one another, but each text's part is cached on its own:
    what a text contributes (its facts, its occurrences of the candidate forms) by its bytes,
    its warnings by its bytes and the edition-wide inputs they depend on. Saving one text
    redoes only that text's scan unless the edition-wide inputs change with it."""
    registers = digest(*((doc.rel, doc.sha256) for doc in edition.registers))
    entries = register_entries(edition)
    facts = {doc.rel: cache.fetch("lint-facts", (doc.sha256,), lambda doc=doc: text_facts(doc))
             for doc in edition.texts}
    forms = select_candidate_forms(entries, facts)
    finder = FormFinder(forms)
    occurrences = {doc.rel: cache.fetch("lint-occurrences", (doc.sha256, finder.digest),
                                        lambda doc=doc: unmarked_occurrences(facts[doc.rel], finder))
                   for doc in edition.texts}
    # The edition's own practice: a form left unmarked more often than marked (an adjective
    # such as 'Menshevik', a people such as 'Germans') is left unmarked on purpose.
    unmarked = Counter(form for found in occurrences.values() for _, form in found)
    marked: Counter = Counter()
    for text in facts.values():
        marked += text.marked
    usually_unmarked = {f for f, n in unmarked.items() if n >= USUAL and n > marked[f]}

    @functools.cache  # only a text whose warnings are not in the cache needs them
    def entries_known_words() -> dict[str, tuple[set[str], set[str]]]:
        return {e.id: known_words(e) for e in entries.values()}

    def text_problems(doc: Document) -> list[Problem]:
        return (unreadable(doc)
                + unmarked_names(doc, occurrences[doc.rel], forms, facts[doc.rel].referenced, usually_unmarked)
                + form_mismatches(doc, entries, entries_known_words())
                + note_problems(doc))

    def wanted(path: Path) -> bool:
        return only is None or path.resolve() in only

    # What every text's warnings depend on besides the text, hashed once rather than per text.
    edition_wide = digest(registers, sorted(forms), sorted(usually_unmarked))
    problems: list[Problem] = []
    for doc in edition.texts:
        if wanted(doc.path):
            problems += cache.fetch("lint-text", (doc.rel, doc.sha256, edition_wide),
                                    lambda doc=doc: text_problems(doc))
    # The rules that compare the texts' markings: each text's part by its bytes, the comparison anew.
    marks = {doc.rel: cache.fetch("lint-kinds", (doc.sha256,), lambda doc=doc: kind_marks(doc))
             for doc in edition.texts}
    corrections = {doc.rel: cache.fetch("lint-corrections", (doc.sha256,), lambda doc=doc: correction_facts(doc))
                   for doc in edition.texts}
    wanted_texts = {doc.rel for doc in edition.texts if wanted(doc.path)}
    problems += [p for p in kind_problems(marks, {e.id: e.kind for e in entries.values()})
                 + correction_problems(corrections, {doc.rel: doc for doc in edition.texts})
                 if p.path in wanted_texts]
    wanted_registers = {doc.rel for doc in edition.registers if wanted(doc.path)}
    if wanted_registers:
        used = frozenset().union(*(text.referenced for text in facts.values()))
        problems += [p for p in cache.fetch("lint-registers", (registers, sorted(used)),
                                            lambda: unused_entries(entries, used))
                     if p.path in wanted_registers]
    return problems
