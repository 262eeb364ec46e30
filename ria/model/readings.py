"""The readings of a TEI text as plain strings: diplomatic (the copy-text's words) and reading.

The diplomatic reading is the text as the copy-text has it: ``sic``, ``orig`` and
``abbr`` rather than their corrections, the earlier editors' notes, and each
printed note number where its anchor stands; the edition's own notes are left
out. The reading text takes the corrections instead. Both are defined here once
and used by the fidelity test, the plain-text export and the search index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..xmlio import TEI as T
from ..xmlio import TEI_NS, XML_ID

EDITORIAL_NOTE_TYPES = frozenset({"commentary", "textual"})
# In each pair, the first is what the copy-text has, the second the edition's reading.
# An index entry marks a place for an index: its terms are not words of the text (generic.xsl).
_DIPLOMATIC_SKIP = frozenset({T + "corr", T + "reg", T + "expan", T + "supplied", T + "index"})
# Running heads and printed page numbers belong to the page, not to the reading text, and
# what a writer struck out (a letter's del) is not part of what the text came to say.
_READING_SKIP = frozenset({T + "sic", T + "orig", T + "abbr", T + "fw", T + "del", T + "index"})
# The copy-text's side of a choice, which the reading leaves for the other side; standing alone it is
# the only form the text gives (an ediarum letter's <seg type="comment"><orig>…</orig><note/></seg>),
# and the page shows it: read.
_READ_WHEN_ALONE = frozenset({T + "sic", T + "orig", T + "abbr"})


@dataclass
class Segment:
    """A run of text: the main flow of a text, or one note printed apart from it."""

    kind: str  # "flow" or "note"
    text: str
    note_id: str | None = None
    n: str | None = None


@dataclass
class Reading:
    flow: str
    notes: list[Segment] = field(default_factory=list)

    def segments(self) -> list[Segment]:
        return [Segment("flow", self.flow), *self.notes]


def is_editorial_note(el: etree._Element) -> bool:
    return el.tag == T + "note" and el.get("type") in EDITORIAL_NOTE_TYPES


def is_detached_note(el: etree._Element) -> bool:
    """A source note printed apart from the running text (footnote, endnote)."""
    return (el.tag == T + "note" and not is_editorial_note(el)
            and el.get("place") != "inline")


_BLOCKS = frozenset(T + name for name in (
    "p", "head", "item", "label", "div", "lb", "pb", "fw", "list", "quote", "dateline", "signed",
    "bibl", "docTitle", "titlePart", "byline", "docAuthor", "docDate", "docImprint", "milestone",
    "opener", "closer", "salute", "cell", "row", "trailer", "epigraph", "figure",
    "addrLine", "l", "ab", "speaker", "stage", "castItem",  # (lines and blocks a source may write with no space between)
    "space"))  # (a space the source leaves: words either side of it are apart)
_BLOCK_ENDS = frozenset(T + name for name in ("p", "head", "item", "label", "fw", "cell", "dateline"))
_NOTE, _PB, _TEI_HEADER, _C, _PC = T + "note", T + "pb", T + "teiHeader", T + "c", T + "pc"
_CHOICE, _AM, _EX, _SEG = T + "choice", T + "am", T + "ex", T + "seg"
# Signs a file marks by an empty c's rendition, not by characters (the ACDH's letter editions:
# "Sti<c rendition="#gemination-m"/>ung"): id -> (reading text, copy-text); "dots" @n times (else 3).
# The same table as xslt/characters.xsl's, which shows them on the page.
MARKED_CHARACTERS = {
    "gemination-m": ("mm", "m\u0305"), "gemination-n": ("nn", "n\u0305"), "kaufmannsund": ("&", "&"),
    "prozent": ("%", "%"), "tilde": ("~", "~"), "geschwungene-klammer-auf": ("{", "{"),
    "geschwungene-klammer-zu": ("}", "}"), "dots": (".", "."),
}


# @n as XPath casts it to an integer (characters.xsl: "@n castable as xs:integer"): ASCII digits, a
# sign, space around. (Not str.isdigit, which takes "²" and then fails int().)
_INTEGER = re.compile(r"\s*([+-]?[0-9]+)\s*")


def marked_character(c: etree._Element, diplomatic: bool) -> str:
    """What an empty c stands for, by its rendition; "" for none this toolchain knows."""
    for token in (c.get("rendition") or "").split():
        signs = MARKED_CHARACTERS.get(token[1:]) if token.startswith("#") else None
        if signs:
            number = _INTEGER.fullmatch(c.get("n") or "")
            times = 1 if token != "#dots" else max(1, min(int(number.group(1)), 80)) if number else 3
            return signs[diplomatic] * times
    return ""


def pc_sign(pc: etree._Element) -> str:
    """What an empty pc stands for by its @n (Kanripo's <pc n="lb"/>, a line's end, and <pc n="\u3000"/>,
    an ideographic space): xslt/characters.xsl shows them alike."""
    n = pc.get("n") or ""
    return " " if n == "lb" else n if len(n) == 1 and not n.isalnum() else ""


def empty_sign(el: etree._Element, diplomatic: bool) -> str:
    """The words of an element that has none written: an empty c's or pc's sign ("" for any other);
    and the long s the copy-text has where a c marks it (<c rendition="#langesS">s</c>, ſ in the
    diplomatic reading, as characters.xsl's diplomatic view shows it)."""
    if len(el):
        return ""
    if el.text:
        return "ſ" if diplomatic and el.text == "s" and "#langesS" in (el.get("rendition") or "").split() else ""
    return marked_character(el, diplomatic) if el.tag == _C else pc_sign(el) if el.tag == _PC else ""


def is_set_apart(seg: etree._Element) -> bool:
    """A part of a line set to the right or centre (a letterhead's <seg rend="right">): apart from
    the part before it, as body.xsl sets it (the common spellings of ria:alignment's)."""
    return seg.tag == _SEG and not {"right", "center", "centre"}.isdisjoint((seg.get("rend") or "").lower().split())


_NS = {"tei": TEI_NS}
_APP, _LEM, _RDG, _RDG_GRP, _LIST_APP = T + "app", T + "lem", T + "rdg", T + "rdgGrp", T + "listApp"
_ATTACHED_ENCODINGS = frozenset({"double-end-point", "location-referenced"})


def base_reading(app: etree._Element) -> etree._Element | None:
    """The reading of an app that the reading text reads, as variants.xsl's ria:base-reading has it:
    its lemma; where none is, the reading of the witness a listWit marks type="base", else of the
    first it lists, else the first reading; none for an app standing apart from the words it
    concerns (@from, or a header's double-end-point or location-referenced encoding), whose
    words are the text's own. The other readings are the apparatus's, not the text's."""
    root = app.getroottree()
    method = root.xpath("string(//tei:encodingDesc/tei:variantEncoding/@method)", namespaces=_NS)
    if (app.get("from") or "").strip().startswith("#") or (
            method in _ATTACHED_ENCODINGS and next(app.iterancestors(_LIST_APP), None) is None):
        return None
    readings_in_order = ([c for c in app if c.tag == _LEM] + [c for c in app if c.tag == _RDG]
                         + [c for group in app if group.tag == _RDG_GRP for c in group if c.tag in (_LEM, _RDG)])
    if not readings_in_order:
        return None
    if any(r.tag == _LEM for r in readings_in_order):
        return readings_in_order[0]
    listed = root.xpath("//tei:listWit//tei:witness[@xml:id]", namespaces=_NS)
    base = next((w for w in listed if w.get("type") == "base"), listed[0] if listed else None)
    wanted = f"#{base.get(XML_ID)}" if base is not None else None
    return next((r for r in readings_in_order if wanted in (r.get("wit") or "").split()), readings_in_order[0])


def is_alone_read(el: etree._Element) -> bool:
    """A sic, orig or abbr that is not one side of a choice: read in the reading view too."""
    return el.tag in _READ_WHEN_ALONE and el.getparent().tag != _CHOICE


def is_unread_in_choice(el: etree._Element, diplomatic: bool) -> bool:
    """An abbreviation's mark or the editor's letters written straight in a choice, without abbr and
    expan (<choice><am>ꝑ</am><ex>per</ex></choice>), that a view does not read: the page reads the
    pair as abbr and expan (apparatus.xsl), the copy-text's mark in the diplomatic view only."""
    return el.tag == (_EX if diplomatic else _AM) and el.getparent().tag == _CHOICE


class _Walker:
    """Collects the text of a reading, and where watched elements start and end in it."""

    def __init__(self, skip: frozenset, diplomatic: bool, watch: frozenset = frozenset()):
        self.skip = skip
        self.diplomatic = diplomatic
        self.watch = watch
        self.parts: list[str] = []
        self.length = 0
        self.notes: list[Segment] = []
        self.spans: dict[etree._Element, tuple[int, int]] = {}

    def emit(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def walk(self, el: etree._Element) -> None:
        # The hottest loop of the index and the chronology: emit() is written out here.
        parts, skip, watch = self.parts, self.skip, self.watch
        # (is_unread_in_choice, asked once of the parent rather than of each child)
        unread_in_choice = (_EX if self.diplomatic else _AM) if el.tag == _CHOICE else None
        alone = el.tag != _CHOICE
        for child in el:
            tag = child.tag
            if isinstance(tag, str):  # not a comment or a processing instruction
                if (tag in skip and not (alone and tag in _READ_WHEN_ALONE)) or tag == _TEI_HEADER \
                        or tag == unread_in_choice:
                    pass
                elif tag == _APP:  # (its one reading read, the others the apparatus's)
                    chosen = base_reading(child)
                    if chosen is not None:
                        self.emit(chosen.text)
                        self.walk(chosen)
                elif tag == _NOTE and (child.get("type") in EDITORIAL_NOTE_TYPES
                                       or child.get("place") != "inline"):
                    if child.get("type") not in EDITORIAL_NOTE_TYPES:
                        self.note(child)  # a detached note; the edition's own are left out
                else:
                    if (tag in _BLOCKS and not (tag == _PB and child.get("break") == "no")) or (
                            tag == _SEG and is_set_apart(child)):
                        parts.append(" ")
                        self.length += 1
                    begin = self.length
                    text = child.text
                    if tag == _C or tag == _PC:
                        text = empty_sign(child, self.diplomatic) or text
                    if text:
                        parts.append(text)
                        self.length += len(text)
                    if len(child):
                        self.walk(child)
                    if tag in watch:
                        self.spans[child] = (begin, self.length)
                    if tag in _BLOCK_ENDS:
                        parts.append(" ")
                        self.length += 1
            tail = child.tail
            if tail:
                parts.append(tail)
                self.length += len(tail)

    def note(self, note: etree._Element) -> None:
        n = note.get("n")
        if n and note.get("anchored") != "false":
            self.emit(f" {n} " if self.diplomatic else f" [{n}] ")
        inner = _Walker(self.skip, self.diplomatic)
        inner.emit(note.text)
        inner.walk(note)
        text = "".join(inner.parts)
        self.notes.extend(inner.notes)
        if text.strip():
            prefix = f"{n} " if n else ""
            self.notes.append(Segment("note", prefix + text, note.get(XML_ID), n))

    def text(self) -> str:
        return "".join(self.parts)


def _reading(tree: etree._ElementTree | etree._Element, skip: frozenset, diplomatic: bool) -> Reading:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    walker = _Walker(skip, diplomatic)
    for text in root.findall(T + "text"):
        walker.emit(text.text)
        walker.walk(text)
    return Reading(walker.text(), walker.notes)


def block_reading(block: etree._Element, watch: frozenset) -> tuple[str, dict]:
    """The reading text of one block (a paragraph, a note) and the spans of watched elements in it."""
    walker = _Walker(_READING_SKIP, diplomatic=False, watch=watch)
    walker.emit(block.text)
    walker.walk(block)
    return walker.text(), walker.spans


def diplomatic(tree) -> Reading:
    """The copy-text's words as encoded: errors kept, the edition's additions left out."""
    return _reading(tree, _DIPLOMATIC_SKIP, diplomatic=True)


def reading(tree) -> Reading:
    """The corrected reading text, with the source's notes; the edition's notes left out."""
    return _reading(tree, _READING_SKIP, diplomatic=False)
