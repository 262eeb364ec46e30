"""The registers as the lint rules see them: each entry's kind and forms; and the rule
``entry-unused`` (a register entry that no text points to)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from lxml import etree

from ...model.load import Document, Edition
from ...problems import Problem
from ...xmlio import TEI as T
from ...xmlio import XML_ID

NAME_TAGS = {T + "persName": "person", T + "placeName": "place", T + "orgName": "org"}
ENTRY_TAGS = {T + "person": "person", T + "place": "place", T + "org": "org", T + "event": "event"}
ENTRY_NAME_TAGS = {T + "persName", T + "placeName", T + "orgName", T + "label"}

# Capitalised forms that are ordinary words as often as names.
COMMON_WORDS = frozenset("""
    army armies party parties soviet soviets council committee congress government state union
    republic central north south east west northern southern eastern western front fleet guard
    guards navy people staff general white whites reds left right centre center october
    february march april june july august revolution revolutionary conference assembly
    commission commissariat ministry cabinet court crown church city town river island islands
    district region province street square palace bridge station
""".split())

_POSSESSIVE = re.compile(r"[’']s$")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


@functools.lru_cache(maxsize=8192)  # a text repeats the same names hundreds of times
def normalise(text: str) -> str:
    """Casefolded words of a name, possessive ending and punctuation removed."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    text = _POSSESSIVE.sub("", text)
    text = _NON_WORD.sub(" ", text.replace("’", "").replace("'", ""))
    return " ".join(text.casefold().split())


def letters(form: str) -> int:
    return sum(ch.isalpha() for ch in form)


def element_text(el: etree._Element) -> str:
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


def reading_text(el: etree._Element) -> str:
    """The name as the reading text gives it (corrections in, the edition's notes out)."""
    return " ".join(_partial_text(el, _READING_SKIP).split())


def diplomatic_text(el: etree._Element) -> str:
    """The words as the copy-text gives them (corrections and the edition's notes out)."""
    return " ".join(_partial_text(el, _DIPLOMATIC_SKIP).split())


def name_texts(el: etree._Element) -> set[str]:
    """The normalised diplomatic and reading forms of a marked name."""
    return {normalise(_partial_text(el, skip)) for skip in (_DIPLOMATIC_SKIP, _READING_SKIP)} - {""}


def pointers(value: str | None) -> list[str]:
    return [t[1:] for t in (value or "").split() if t.startswith("#")]


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
            forms = list(dict.fromkeys(f for f in (element_text(n) for n in names) if f))
            entries[xml_id] = RegisterEntry(xml_id, ENTRY_TAGS[el.tag], doc, el, forms)
    return entries


def known_words(entry: RegisterEntry) -> tuple[set[str], set[str]]:
    """Every normalised form of the entry, and the words of them that can stand alone."""
    forms = {normalise(f) for f in entry.forms}
    for name in entry.el:
        for part in name.iter(T + "surname", T + "forename", T + "addName"):
            forms.add(normalise(element_text(part)))
    words = set()
    for form in forms:
        for word in form.split():
            if len(word) >= 3 and word not in COMMON_WORDS and word not in ("the", "and", "of"):
                words.add(word)
    return forms, words


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
