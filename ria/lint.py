"""Lint stage: warnings about the markup that neither grammar nor Schematron can judge.

Each finding is a :class:`~ria.problems.Problem` of severity ``warning`` with a
``rule`` id and a hint that names the fix. The rules:

``name-unmarked``
    A form of a register entry (its ``reg`` name or a ``variant``) stands in a
    text's running text without being marked. To stay useful rather than noisy,
    only entries the same text already links somewhere are looked for (an
    unmarked mention of an entry the text never links is far more often a
    deliberate decision than an oversight); forms shorter than four letters,
    forms shared by two entries and forms that are ordinary words (on a short
    list, or used in lower case in the running texts) are skipped; a form the
    edition leaves unmarked at least :data:`USUAL` times and more often than it
    marks it (an adjective such as 'Menshevik') is taken to be unmarked on
    purpose; and at most :data:`PER_ENTRY` occurrences of one entry are listed
    per text. Each text with findings also gets one summary warning
    (``name-unmarked-summary``) that counts all of them.
``name-form-mismatch``
    A marked name whose words match no known form of the entry its ``@ref``
    points to: possibly a wrong ``@ref``.
``entry-unused``
    A register entry that no text points to.
``note-unanchored``
    A note with ``anchored="false"`` without the textual note that explains it.
``note-anchor-target``
    A ``ptr``/``ref`` of type ``noteAnchor`` without ``@target``, or pointing to
    a note that says it has no anchor (``anchored="false"``). That the target is
    a note is already Schematron's rule ``anchor-has-note``.
``lint-encoding``
    A text in an encoding the XML parser reads but Python cannot decode: its
    running text is not scanned for unmarked names, and this says so.

An editor who has read a ``name-unmarked`` or ``name-form-mismatch`` warning and
finds the text right as it stands records the verdict with a comment right before
the words or the name, ``<!-- lint: checked, and why -->``, and the warning is not
given again.

Line and column of text occurrences come from a scan of the raw file (lxml
knows element lines only), so they point at the word itself. The file is read in
its own encoding (see :mod:`ria.encoding`), so a finding has the same line:col
whether the file is UTF-8, UTF-16 or ISO-8859-1.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .cache import BuildCache, NoCache, digest
from .encoding import UnreadableEncoding, decode_xml
from .load import Document, Edition
from .problems import Problem
from .xmlio import TEI as T, XML_ID

NAME_TAGS = {T + "persName": "person", T + "placeName": "place", T + "orgName": "org"}
ENTRY_TAGS = {T + "person": "person", T + "place": "place", T + "org": "org", T + "event": "event"}
ENTRY_NAME_TAGS = {T + "persName", T + "placeName", T + "orgName", T + "label"}

PER_ENTRY = 3  # occurrences of one entry listed per text; the summary counts all
MIN_LETTERS = 4
USUAL = 3  # unmarked occurrences in the edition from which the editors' practice counts
# Elements inside which a name counts as marked, or is not the source's running text.
_MARKED = frozenset({"persName", "placeName", "orgName", "name", "title", "rs", "roleName",
                     "forename", "surname", "addName", "geogName", "bibl", "ref", "ptr",
                     "choice", "corr", "reg", "expan", "supplied", "fw", "foreign", "gap", "teiHeader"})
_EDITORIAL_NOTES = frozenset({"commentary", "textual"})
# Capitalised forms that are ordinary words as often as names.
COMMON_WORDS = frozenset("""
    army armies party parties soviet soviets council committee congress government state union
    republic central north south east west northern southern eastern western front fleet guard
    guards navy people staff general white whites reds left right centre center october
    february march april june july august revolution revolutionary conference assembly
    commission commissariat ministry cabinet court crown church city town river island islands
    district region province street square palace bridge station
""".split())

# An editor's verdict: this comment right before the words or the name a warning points at
# says they were checked and are right as they stand, so that warning is not given again.
# A reason may follow: <!-- lint: checked, a gloss of the ship's name -->
_VERDICT = re.compile(r"lint:\s*checked\b.*", re.S)
_VERDICT_COMMENT = re.compile(r"<!--\s*lint:\s*checked\b.*?-->\s*", re.S)

_TAG = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>"
    r"|<(/?)([\w:.\-]+)((?:\s+[\w:.\-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>", re.S)
_ATTR = re.compile(r"([\w:.\-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_LOWER = re.compile(r"(?<![\w-])[a-z][a-z\-]+(?![\w-])")
_POSSESSIVE = re.compile(r"[’']s$")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


@functools.lru_cache(maxsize=8192)  # a text repeats the same names hundreds of times
def normalise(text: str) -> str:
    """Casefolded words of a name, possessive ending and punctuation removed."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    text = _POSSESSIVE.sub("", text)
    text = _NON_WORD.sub(" ", text.replace("’", "").replace("'", ""))
    return " ".join(text.casefold().split())


def _letters(form: str) -> int:
    return sum(ch.isalpha() for ch in form)


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


_DIPLOMATIC_SKIP = frozenset(T + t for t in ("corr", "reg", "expan", "supplied", "note"))
_READING_SKIP = frozenset(T + t for t in ("sic", "orig", "abbr", "note"))


def _partial_text(el: etree._Element, skip: frozenset) -> str:
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in skip:
            parts.append(_partial_text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _reading_text(el: etree._Element) -> str:
    """The name as the reading text gives it (corrections in, the edition's notes out)."""
    return " ".join(_partial_text(el, _READING_SKIP).split())


def _name_texts(el: etree._Element) -> set[str]:
    """The normalised diplomatic and reading forms of a marked name."""
    return {normalise(_partial_text(el, skip)) for skip in (_DIPLOMATIC_SKIP, _READING_SKIP)} - {""}


@dataclass
class RegisterEntry:
    id: str
    kind: str
    doc: Document
    el: etree._Element
    forms: list[str]  # reg name first, then variants, as written


def register_entries(edition: Edition) -> dict[str, RegisterEntry]:
    entries: dict[str, RegisterEntry] = {}
    for doc in edition.registers:
        for el in doc.tree.getroot().iter(*ENTRY_TAGS):
            xml_id = el.get(XML_ID)
            if not xml_id or xml_id in entries:
                continue
            names = [n for n in el if n.tag in ENTRY_NAME_TAGS]
            names.sort(key=lambda n: n.get("type") != "reg")
            forms = list(dict.fromkeys(f for f in (_text(n) for n in names) if f))
            entries[xml_id] = RegisterEntry(xml_id, ENTRY_TAGS[el.tag], doc, el, forms)
    return entries


def _known_words(entry: RegisterEntry) -> tuple[set[str], set[str]]:
    """Every normalised form of the entry, and the words of them that can stand alone."""
    forms = {normalise(f) for f in entry.forms}
    for name in entry.el:
        for part in name.iter(T + "surname", T + "forename", T + "addName"):
            forms.add(normalise(_text(part)))
    words = set()
    for form in forms:
        for word in form.split():
            if len(word) >= 3 and word not in COMMON_WORDS and word not in ("the", "and", "of"):
                words.add(word)
    return forms, words


# --- raw scan ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)  # the scan and the warnings of one text read it in turn
def _decoded(data: bytes) -> str:
    return decode_xml(data)


def source_text(doc: Document) -> str | None:
    """The document's characters, decoded as XML says (BOM, then declaration); None if Python cannot."""
    try:
        return _decoded(doc.data)
    except UnreadableEncoding:
        return None


@dataclass
class Segment:
    offset: int  # in the decoded file
    text: str
    marked: bool  # inside an element where names do not count as unmarked


def text_segments(source: str) -> list[Segment]:
    """The character data inside ``<text>`` with its offset and whether a name there counts."""
    segments: list[Segment] = []
    stack: list[tuple[str, bool]] = []  # (local name, excluded)
    in_text = 0
    pos = 0
    for match in _TAG.finditer(source):
        begin, end = match.span()
        if begin > pos and in_text:
            segments.append(Segment(pos, source[pos:begin], stack[-1][1] if stack else True))
        pos = end
        closing, qname, attrs, empty = match.groups()
        if qname is None:
            continue  # comment, PI, CDATA
        local = qname.rpartition(":")[2]
        if closing:
            if stack:
                stack.pop()
            if local == "text":
                in_text -= 1
            continue
        if empty:
            continue
        excluded = ((stack[-1][1] if stack else False) or local in _MARKED
                    or (local == "note" and _attribute(attrs, "type") in _EDITORIAL_NOTES))
        if local == "text":
            in_text += 1
        stack.append((local, excluded))
    return segments


def _attribute(attrs: str, name: str) -> str | None:
    for match in _ATTR.finditer(attrs):
        if match.group(1) == name:
            return match.group(2) if match.group(2) is not None else match.group(3)
    return None


class _Lines:
    def __init__(self, source: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


# --- rules --------------------------------------------------------------------------------


def _pointers(value: str | None) -> list[str]:
    return [t[1:] for t in (value or "").split() if t.startswith("#")]


def _referenced(doc: Document) -> set[str]:
    found = set()
    for value in doc.tree.getroot().xpath("//@*[contains(., '#')]"):
        found.update(_pointers(value))
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


def _candidate_forms(entries: dict[str, RegisterEntry], facts: dict[str, TextFacts]) -> dict[str, RegisterEntry]:
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
        if len(ids) != 1 or _letters(form) < MIN_LETTERS or not form[:1].isupper():
            continue
        folded = form.casefold()
        if folded in COMMON_WORDS or (" " not in form and folded in lower):
            continue
        forms[form] = entries[next(iter(ids))]
    return forms


def candidate_forms(edition: Edition) -> dict[str, RegisterEntry]:
    """form → entry, for the register forms worth looking for in the edition's running text."""
    return _candidate_forms(register_entries(edition), {doc.rel: text_facts(doc) for doc in edition.texts})


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
            counts[_reading_text(el)] += 1
    return counts


def unmarked_names(doc: Document, found: list[tuple[int, str]], forms: dict[str, RegisterEntry],
                   linked: set[str], usually_unmarked: set[str]) -> list[Problem]:
    if not found:
        return []
    source = source_text(doc) or ""  # something was found: the text was decoded
    checked = {m.end() for m in _VERDICT_COMMENT.finditer(source)}
    found = [(offset, form, forms[form]) for offset, form in found
             if forms[form].id in linked and form not in usually_unmarked and offset not in checked]
    lines = _Lines(source)
    problems = []
    shown: Counter = Counter()
    for offset, form, entry in found:
        shown[entry.id] += 1
        if shown[entry.id] > PER_ENTRY:
            continue
        line, col = lines.position(offset)
        tag = _TAG_FOR[entry.kind]
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


_TAG_FOR = {"person": "persName", "place": "placeName", "org": "orgName", "event": "name"}


def form_mismatches(doc: Document, entries: dict[str, RegisterEntry],
                    known: dict[str, tuple[set[str], set[str]]]) -> list[Problem]:
    problems = []
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is None:
        return []
    for el in text_el.iter(*NAME_TAGS):
        refs = [r for r in _pointers(el.get("ref")) if r in entries]
        if not refs or _checked(el):
            continue
        said = _name_texts(el)
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
            f"'{_reading_text(el)}' matches no known form of '#{refs[0]}' ({'; '.join(entry.forms[:3])})",
            hint="check the @ref, or add the form as a variant of the entry "
                 f"in {entry.doc.rel}, or, if both are right, say so with <!-- lint: checked --> "
                 "right before the name",
            rule="name-form-mismatch"))
    return problems


def _checked(el: etree._Element) -> bool:
    """Whether the editor's verdict comment stands right before the element."""
    previous = el.getprevious()
    return (previous is not None and previous.tag is etree.Comment
            and bool(_VERDICT.fullmatch((previous.text or "").strip())) and not (previous.tail or "").strip())


def unused_entries(entries: dict[str, RegisterEntry], used: frozenset[str]) -> list[Problem]:
    problems = []
    for entry in entries.values():
        if entry.id in used:
            continue
        line, col = entry.doc.locator.element(entry.el)
        problems.append(Problem(
            entry.doc.rel, line, col, "warning",
            f"register entry '{entry.id}' is not referred to by any text",
            hint="link a mention to it, or remove the entry if it is not needed",
            rule="entry-unused"))
    return problems


def _next_element(el: etree._Element):
    sib = el.getnext()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getnext()
    return sib


def _previous_element(el: etree._Element):
    sib = el.getprevious()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getprevious()
    return sib


def note_problems(doc: Document) -> list[Problem]:
    root = doc.tree.getroot()
    text_el = root.find(T + "text")
    if text_el is None:
        return []
    problems = []
    notes = {n.get(XML_ID): n for n in text_el.iter(T + "note") if n.get(XML_ID)}
    explained = set()
    for note in text_el.iter(T + "note"):
        if note.get("type") == "textual":
            explained.update(_pointers(note.get("target")))
    for note in text_el.iter(T + "note"):
        if note.get("anchored") != "false":
            continue
        beside = (_next_element(note), _previous_element(note))
        if note.get(XML_ID) in explained or any(
                n is not None and n.tag == T + "note" and n.get("type") == "textual" for n in beside):
            continue
        line, col = doc.locator.attribute(note, "anchored")
        problems.append(Problem(
            doc.rel, line, col, "warning",
            "a note without an anchor (anchored=\"false\") needs a textual note that explains it",
            hint="add <note type=\"textual\" resp=\"#ria\">…</note> right after it "
                 "(or one anywhere with target=\"#its-id\")",
            rule="note-unanchored"))
    for el in text_el.iter(T + "ptr", T + "ref"):
        if el.get("type") != "noteAnchor":
            continue
        targets = _pointers(el.get("target"))
        line, col = doc.locator.element(el)
        if not el.get("target"):
            problems.append(Problem(doc.rel, line, col, "warning",
                                    f"{etree.QName(el).localname} of type noteAnchor has no @target",
                                    hint="point it to its note: target=\"#note-id\"",
                                    rule="note-anchor-target"))
            continue
        for target in targets:
            note = notes.get(target)
            if note is not None and note.get("anchored") == "false":
                problems.append(Problem(
                    doc.rel, line, col, "warning",
                    f"note anchor points to '#{target}', which says it has no anchor (anchored=\"false\")",
                    hint="remove anchored=\"false\" from the note, or the anchor",
                    rule="note-anchor-target"))
    return problems


def unreadable(doc: Document) -> list[Problem]:
    """A text whose encoding Python cannot decode is not scanned: say so rather than pass over it."""
    try:
        _decoded(doc.data)
    except UnreadableEncoding as err:
        return [Problem(doc.rel, 1, 1, "warning", f"the running text was not scanned for unmarked names: {err}",
                        hint="save the file as UTF-8", rule="lint-encoding")]
    return []


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
                        hint="please report this as a bug of ria/lint.py", rule="lint-internal")]


def _lint(edition: Edition, only: set[Path] | None, cache: BuildCache) -> list[Problem]:
    """The rules compare the texts with one another, but each text's part is cached on its own:
    what a text contributes (its facts, its occurrences of the candidate forms) by its bytes,
    its warnings by its bytes and the edition-wide inputs they depend on. Saving one text
    redoes only that text's scan unless the edition-wide inputs change with it."""
    registers = digest(*((doc.rel, doc.sha256) for doc in edition.registers))
    entries = register_entries(edition)
    facts = {doc.rel: cache.fetch("lint-facts", (doc.sha256,), lambda doc=doc: text_facts(doc))
             for doc in edition.texts}
    forms = _candidate_forms(entries, facts)
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
    def known_words() -> dict[str, tuple[set[str], set[str]]]:
        return {e.id: _known_words(e) for e in entries.values()}

    def text_problems(doc: Document) -> list[Problem]:
        return (unreadable(doc)
                + unmarked_names(doc, occurrences[doc.rel], forms, facts[doc.rel].referenced, usually_unmarked)
                + form_mismatches(doc, entries, known_words())
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
    wanted_registers = {doc.rel for doc in edition.registers if wanted(doc.path)}
    if wanted_registers:
        used = frozenset().union(*(text.referenced for text in facts.values()))
        problems += [p for p in cache.fetch("lint-registers", (registers, sorted(used)),
                                            lambda: unused_entries(entries, used))
                     if p.path in wanted_registers]
    return problems
