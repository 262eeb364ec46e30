"""The rules on names in the texts: ``name-unmarked`` (with ``name-unmarked-summary``) and
``name-form-mismatch``.

``name-unmarked``: a form of a register entry (its ``reg`` name or a ``variant``) stands
in a text's running text without being marked. To stay useful rather than noisy, only
entries the same text already links somewhere are looked for (an unmarked mention of an
entry the text never links is far more often a deliberate decision than an oversight);
forms shorter than four letters, forms shared by two entries and forms that are ordinary
words (on a short list, or used in lower case in the running texts) are skipped; a form
the edition leaves unmarked at least :data:`USUAL` times and more often than it marks it
(an adjective such as 'Menshevik') is taken to be unmarked on purpose; and at most
:data:`PER_ENTRY` occurrences of one entry are listed per text. Each text with findings
also gets one summary warning that counts all of them.

``name-form-mismatch``: a marked name whose words match no known form of the entry its
``@ref`` points to: possibly a wrong ``@ref``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ...cache import digest
from ...model.load import Document
from ...problems import Problem
from ...xmlio import TEI as T
from .registers import (
    COMMON_WORDS,
    NAME_TAGS,
    RegisterEntry,
    letters,
    name_texts,
    pointers,
    reading_text,
    register_entries,
)
from .scan import VERDICT_COMMENT, Lines, checked, source_text, text_segments

PER_ENTRY = 3  # occurrences of one entry listed per text; the summary counts all
MIN_LETTERS = 4
USUAL = 3  # unmarked occurrences in the edition from which the editors' practice counts

_LOWER = re.compile(r"(?<![\w-])[a-z][a-z\-]+(?![\w-])")
TAG_FOR = {"person": "persName", "place": "placeName", "org": "orgName", "event": "name"}


def _referenced(doc: Document) -> set[str]:
    found = set()
    for value in doc.tree.getroot().xpath("//@*[contains(., '#')]"):
        found.update(pointers(value))
    return found


@dataclass(frozen=True)
class TextFacts:
    """What the edition-wide rules need of one text: a function of its bytes alone, so cached."""

    running: tuple[tuple[int, str], ...]  # (offset, text) of the running text outside any name
    lowercase: Counter  # words the running text uses in lower case (addresses left out)
    marked: Counter  # how often each form is marked as a name (its reading, as written)
    referenced: frozenset[str]  # every id the text points to


def text_facts(doc: Document) -> TextFacts:
    running = tuple((segment.offset, segment.text)
                    for segment in text_segments(source_text(doc) or "") if not segment.marked)
    # Tokens are split at whitespace and at the runs' ends (a tag between two runs), and a
    # space is a word boundary as a token's ends are: the words of all runs are found at once.
    kept = [token for token in " ".join(text for _, text in running).split()
            if not ("/" in token or "@" in token or ("." in token and "." in token.strip(".,;:!?”’)]")))]
    words = _LOWER.findall(" ".join(kept))
    return TextFacts(running, Counter(words), marked_forms(doc), frozenset(_referenced(doc)))


def _lowercase_words(facts: dict[str, TextFacts]) -> set[str]:
    """Words the texts' running text uses in lower case at least twice."""
    counts: Counter = Counter()
    for text in facts.values():
        counts.update(text.lowercase)
    return {word for word, n in counts.items() if n >= 2}


def select_candidate_forms(entries: dict[str, RegisterEntry],
                           facts: dict[str, TextFacts]) -> dict[str, RegisterEntry]:
    """form → entry, for the forms worth looking for in running text."""
    lower = _lowercase_words(facts)
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries.values():
        if entry.kind == "event":
            continue
        for form in entry.forms:
            owners[form].add(entry.id)
    forms = {}
    for form, ids in owners.items():
        if len(ids) != 1 or letters(form) < MIN_LETTERS or not form[:1].isupper():
            continue
        folded = form.casefold()
        if folded in COMMON_WORDS or (" " not in form and folded in lower):
            continue
        forms[form] = entries[next(iter(ids))]
    return forms


def candidate_forms(edition) -> dict[str, RegisterEntry]:
    """form → entry, for the register forms worth looking for in the edition's running text."""
    return select_candidate_forms(register_entries(edition), {doc.rel: text_facts(doc) for doc in edition.texts})


class FormFinder:
    """Finds register forms in running text as a regex alternation of them, longest first, would.

    At each place a word begins (no letter, digit, '_' or '-' before it), the longest form
    that stands there as a whole word (none after it) is found, and the search goes on
    from its end. The forms are looked up by their first characters: compiling an
    alternation of hundreds of forms costs more than the search itself.
    """

    def __init__(self, forms):
        forms = sorted(forms, key=len, reverse=True)
        self.prefix = max(1, min([4, *(len(f) for f in forms)]))  # as many as the shortest form has
        self._forms: dict[str, list[str]] = defaultdict(list)
        for form in forms:
            self._forms[form[:self.prefix]].append(form)
        firsts = re.escape("".join(sorted({f[0] for f in forms if f})))
        self._word_starts = re.compile(rf"(?<![\w\-])[{firsts}]") if firsts else None
        self.digest = digest(*forms)

    def find(self, text: str):
        """(offset, form) of each form found in ``text``, in order."""
        if self._word_starts is None:
            return
        resume = 0
        for start in self._word_starts.finditer(text):
            begin = start.start()
            if begin < resume:
                continue
            for form in self._forms.get(text[begin:begin + self.prefix], ()):
                end = begin + len(form)
                if text.startswith(form, begin) and not (end < len(text) and _word_char(text[end])):
                    yield begin, form
                    resume = end
                    break


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "_-"  # what the regex [\w\-] matches


def unmarked_occurrences(facts: TextFacts, finder: FormFinder) -> list[tuple[int, str]]:
    """(offset, form) of each candidate form in the running text outside any name."""
    return [(offset + start, form) for offset, text in facts.running for start, form in finder.find(text)]


def marked_forms(doc: Document) -> Counter:
    """How often each form is marked as a name in the text (its reading, as written)."""
    counts: Counter = Counter()
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is not None:
        for el in text_el.iter(*NAME_TAGS, T + "name"):
            counts[reading_text(el)] += 1
    return counts


def unmarked_names(doc: Document, found: list[tuple[int, str]], forms: dict[str, RegisterEntry],
                   linked: set[str], usually_unmarked: set[str]) -> list[Problem]:
    if not found:
        return []
    source = source_text(doc) or ""  # something was found: the text was decoded
    verdicts = {m.end() for m in VERDICT_COMMENT.finditer(source)}
    found = [(offset, form, forms[form]) for offset, form in found
             if forms[form].id in linked and form not in usually_unmarked and offset not in verdicts]
    lines = Lines(source)
    problems = []
    shown: Counter = Counter()
    for offset, form, entry in found:
        shown[entry.id] += 1
        if shown[entry.id] > PER_ENTRY:
            continue
        line, col = lines.position(offset)
        tag = TAG_FOR[entry.kind]
        problems.append(Problem(
            doc.rel, line, col, "warning",
            f"'{form}' is not marked: likely the register entry '#{entry.id}' ({entry.forms[0]})",
            hint=f"mark it as <{tag} ref=\"#{entry.id}\">{form}</{tag}>, or, if it is not a mention "
                 "of the entry, say so with <!-- lint: checked --> right before it",
            rule="name-unmarked"))
    if found:
        root_line, root_col = doc.locator.element(doc.tree.getroot().find(T + "text"))
        top = ", ".join(f"'#{e}' {n}" for e, n in shown.most_common(5))
        problems.append(Problem(
            doc.rel, root_line, root_col, "warning",
            f"{len(found)} unmarked occurrence{'s' if len(found) != 1 else ''} of register names "
            f"in this text ({len(shown)} entr{'ies' if len(shown) != 1 else 'y'}; most: {top})",
            hint=f"at most {PER_ENTRY} are listed per entry; mark the mentions, and put "
                 "<!-- lint: checked --> before what is not one",
            rule="name-unmarked-summary"))
    return problems


def form_mismatches(doc: Document, entries: dict[str, RegisterEntry],
                    known: dict[str, tuple[set[str], set[str]]]) -> list[Problem]:
    problems = []
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is None:
        return []
    for el in text_el.iter(*NAME_TAGS):
        refs = [r for r in pointers(el.get("ref")) if r in entries]
        if not refs or checked(el):
            continue
        said = name_texts(el)
        if not said:
            continue
        said_words = {w for s in said for w in s.split()}
        if any(s in forms or any(s in f for f in forms) or said_words & words
               for s in said for forms, words in (known[ref] for ref in refs)):
            continue
        line, col = doc.locator.attribute(el, "ref")
        entry = entries[refs[0]]
        problems.append(Problem(
            doc.rel, line, col, "warning",
            f"'{reading_text(el)}' matches no known form of '#{refs[0]}' ({'; '.join(entry.forms[:3])})",
            hint="check the @ref, or add the form as a variant of the entry "
                 f"in {entry.doc.rel}, or, if both are right, say so with <!-- lint: checked --> "
                 "right before the name",
            rule="name-form-mismatch"))
    return problems
