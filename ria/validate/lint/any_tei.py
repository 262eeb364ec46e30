"""The lint rules that make sense on any TEI, for ``check --corpus``.

A corpus no one here wrote follows its own conventions, so only what is wrong in any TEI
is reported, as warnings:

* ``id-duplicate``: an ``xml:id`` given twice in one document;
* ``entry-duplicate``: an ``xml:id`` of a register's entry given again in another register, so a
  pointer to it could mean either (the ids of what an entry is made of, its names and sources,
  and of the register's header are its own: registers kept a record a file, as a prosopography's
  are, each number them alike);
* ``pointer-dangling``: a ``#id`` in ``@ref``, ``@who``, ``@corresp`` or ``@target``, or the id a
  name's ``@key`` gives where it has no ``@ref`` (WeGA's), that no element of its document and no
  register of the corpus has. A key is judged only in a corpus where keys name entries: TEI leaves
  its meaning to the project (schnitzler-briefe's registers key their places by PMB numbers). (A
  pointer without ``#``, such as ``pmb123``, or into another file is not one the build follows,
  and is not judged.)

What a document contributes is taken from its tree in the worker that surveys it
(:func:`lint_facts`, passed to the survey as its ``inspect``), so no tree is held: only its
ids if it is a register, and the pointers its own ids do not resolve.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ...encoding import UnreadableEncoding, decode_xml
from ...locate import Locator
from ...model.entries import register_entries
from ...model.mentions import is_pointing
from ...problems import Problem
from ...xmlio import XML_ID

POINTING = frozenset({"ref", "who", "corresp", "target"})


@dataclass
class Unresolved:
    """A pointer its document does not resolve: where it first occurs, and how often it does."""

    attribute: str
    line: int
    col: int
    count: int = 1
    path: str = ""  # the file it is in, where that is not its document's (included content)


@dataclass
class LintFacts:
    duplicates: list[Problem] = field(default_factory=list)  # ids given twice in the document
    ids: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # a register's entries: id → file, line, col
    other_ids: set[str] = field(default_factory=set)  # a register's other ids (a pointer may name them)
    unresolved: dict[str, Unresolved] = field(default_factory=dict)  # id pointed to → first pointer
    keys_resolved: bool = False  # whether a @key of the document names an element of it


def lint_facts(doc) -> LintFacts:
    """What the corpus-wide rules need of one document (a CorpusDocument, in a survey worker)."""
    facts = LintFacts()
    where = _Places(doc)
    first: dict[str, etree._Element] = {}  # id → its first element
    pointers: dict[str, list] = {}  # id pointed to → [element, attribute, how many pointers there are]
    # One pass, over the attributes an element has: most have none, and few the ones wanted.
    for el in doc.tree.getroot().iter(etree.Element):
        attributes = el.attrib
        if not attributes:
            continue
        for name, value in attributes.items():
            if name == XML_ID:
                if value not in first:
                    first[value] = el
                    continue
                path, line, col = where.attribute(el, XML_ID)
                then = where.attribute(first[value], XML_ID)
                facts.duplicates.append(Problem(
                    path, line, col, "warning", f"xml:id '{value}' is given twice in this document (first on "
                    f"line {then[1]}{'' if then[0] == path else ' of ' + then[0]})",
                    hint="give each element an id of its own", rule="id-duplicate"))
            elif name in POINTING or (name == "key" and is_pointing(el)):
                for token in value.split() if name == "key" else (t[1:] for t in value.split() if t[:1] == "#"):
                    if token:
                        seen = pointers.get(token)
                        if seen is None:
                            pointers[token] = [el, name, 1]
                        else:
                            seen[2] += 1
    if doc.kind == "register":
        entries = {entry.id for entry in register_entries(doc.tree.getroot(), doc.rel)}
        facts.ids = {xml_id: where.attribute(el, XML_ID, xml_id) for xml_id, el in first.items() if xml_id in entries}
        facts.other_ids = first.keys() - entries
    for target, (el, name, count) in pointers.items():
        if target not in first:
            path, line, col = where.attribute(el, name)
            facts.unresolved[target] = Unresolved(name, line, col, count, "" if path == doc.rel else path)
        elif name == "key":
            facts.keys_resolved = True
    return facts


class _Places:
    """Where an element's attribute stands: in its document's file, or, for content an xi:include
    brought in, in the file it was included from (the corpus's path, its line, its column)."""

    def __init__(self, doc):
        self._doc = doc
        self._locator = Locator(doc.data, doc.tree)  # finds columns, for the few places a warning names
        self._files: dict[str, _Lines] = {}

    def attribute(self, el: etree._Element, name: str, value: str | None = None) -> tuple[str, int, int]:
        origin = self._doc.origins.get(el)
        if origin is None:
            return (self._doc.rel, *self._locator.attribute(el, name))
        path, line = origin
        lines = self._files.get(path)
        if lines is None:
            lines = self._files[path] = _Lines(self._doc.included.get(path, b""))
        shown = "xml:id" if name == XML_ID else name
        return path, line, lines.column(line, f"{shown}=", el.get(name) if value is None else value)


class _Lines:
    """A file's lines, decoded once, to find the column of an attribute on the line lxml gives."""

    def __init__(self, data: bytes):
        try:
            self._lines = decode_xml(data).split("\n")
        except UnreadableEncoding:
            self._lines = []

    def column(self, line: int, name: str, value: str) -> int:
        text = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        found = max(text.find(f'{name}"{value}"'), text.find(f"{name}'{value}'"))
        return found + 1 if found >= 0 else 1


class CorpusLint:
    """The rules over the whole corpus, fed one document's facts at a time, in any order."""

    def __init__(self):
        # register id → (the file's place in the corpus's order, file, line, col, document) where it
        # is first given; and every place where it is given again
        self._entries: dict[str, tuple[int, str, int, int, str]] = {}
        self._again: list[tuple[str, int, str, int, int, str]] = []
        self._other_ids: set[str] = set()  # the registers' ids that are not entries'
        self._reported: set[str] = set()  # the documents whose warnings are wanted
        self._pointers: list[tuple[str, dict[str, Unresolved]]] = []  # (document, unresolved pointers)
        self._keys_resolved = False  # whether some @key of the corpus names one of its elements

    def add(self, rel: str, facts: LintFacts, order: int, reported: bool = True) -> list[Problem]:
        """Take one document's facts (``order``: its file's place in the corpus; ``reported``: whether
        its own warnings are wanted, its ids count either way); the warnings it alone decides."""
        self._other_ids.update(facts.other_ids)
        for xml_id, (path, line, col) in facts.ids.items():
            here = (order, path, line, col, rel)
            first = self._entries.setdefault(xml_id, here)
            # (an entry a register includes from another file is that file's entry, given once)
            if first is not here and first[1:4] != here[1:4]:
                if here < first:  # the entry given first in the corpus's order is the one that stands
                    self._entries[xml_id], here = here, first
                self._again.append((xml_id, *here))
        self._keys_resolved = self._keys_resolved or facts.keys_resolved
        if not reported:
            return []
        self._reported.add(rel)
        if facts.unresolved:
            self._pointers.append((rel, facts.unresolved))
        return facts.duplicates

    def finish(self) -> list[Problem]:
        """The warnings that need every register: ids given again, pointers to nothing."""
        problems = []
        keys_name_entries = self._keys_resolved or any(
            where.attribute == "key" and target in self._entries
            for _, unresolved in self._pointers for target, where in unresolved.items())
        for xml_id, _, path, line, col, document in self._again:
            if document in self._reported:
                _, first, first_line, _, _ = self._entries[xml_id]
                problems.append(Problem(
                    path, line, col, "warning", f"xml:id '{xml_id}' is also an entry of {first}:{first_line}: "
                    "a pointer to it could mean either", hint="give one of the entries another id",
                    rule="entry-duplicate"))
        for document, unresolved in self._pointers:
            for target, where in unresolved.items():
                if target in self._entries or target in self._other_ids:
                    continue
                if where.attribute == "key" and not keys_name_entries:
                    continue
                more = f" (and {where.count - 1} more in this document)" if where.count > 1 else ""
                problems.append(Problem(
                    where.path or document, where.line, where.col, "warning",
                    f"@{where.attribute} points to {'' if where.attribute == 'key' else '#'}{target}, which no "
                    f"element of this document and no register of the corpus has{more}",
                    hint="correct the pointer, or add the entry to a register", rule="pointer-dangling"))
        return sorted(problems)
