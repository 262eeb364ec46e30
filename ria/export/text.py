"""A text's readings as paragraphs and notes: the common model of the plain-text and EPUB exports.

:mod:`ria.model.readings` defines what each view holds (which of ``sic``/``corr`` and
their kin, which notes) but gives one undivided flow; a reader of a plain text or
an e-book needs paragraphs, headings, the printed page numbers and notes that can
be followed. This walker keeps exactly the readings' choices (the plain-text
export is checked word for word against the copy-text) and adds the structure:

* a paragraph-level element (``p``, ``head``, ``item`` …) ends the paragraph before
  it and starts a new one; a ``div`` raises the level of the headings inside it;
* a text's copy of register entries in its back matter is left out, as the site leaves it out;
* a ``pb`` becomes a page mark, ``[p. 12]`` in plain text;
* a break the print marks between sections (``milestone`` with ``@rend``, as the site shows it,
  xslt/breaks.xsl) becomes a break of its own: ``* * *`` or a dash on a line, a rule in the e-book;
* what a writer struck out (``del``) is kept in the diplomatic view between ``⟦`` and ``⟧``, so that
  it does not run into what replaced it;
* a note printed apart from the text becomes a note at the end, its number left
  where it stood; the edition's own notes are in the reading view only, numbered
  ``ed. 1``, ``ed. 2`` …, as the diplomatic view is the copy-text's words alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

# The readings' own definitions, so that both exports keep exactly their words and spacing.
from ..model.readings import (_BLOCK_ENDS, _BLOCKS, _DIPLOMATIC_SKIP, _READING_SKIP, base_reading, empty_sign,
                              is_alone_read, is_detached_note, is_editorial_note, is_set_apart,
                              is_unread_in_choice)
from ..xmlio import TEI as T
from ..xmlio import XML_ID

# Elements that make a paragraph of their own. Containers that may stand inside a
# paragraph (quote, list, bibl, cit) are not among them: their parts are, or they run on.
_PARAGRAPHS = frozenset(T + name for name in (
    "p", "head", "item", "label", "dateline", "signed", "salute", "trailer", "byline", "docAuthor",
    "titlePart", "docDate", "docImprint", "cell", "l", "speaker", "stage", "castItem", "addrLine"))
_HEADINGS = frozenset({T + "head", T + "titlePart"})
# A text's own copy of register entries in its back matter (a corpus's letters may carry them) is
# not part of its reading: the registers show the entries, and so does the site (xslt/names.xsl).
_BACK_REGISTERS = frozenset(T + name for name in ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent"))
# What holds paragraphs and words of its own that read as a part of a letter or a play (a closer's
# words outside its salute and signature): a paragraph begun inside it has it as its role.
_FRAMES = frozenset(T + name for name in ("opener", "closer", "postscript", "sp"))
_SECTIONS = frozenset({T + "div", T + "front", T + "back", T + "body", T + "titlePage"})
PAGE_MARK = "[p. {}]"
UNNUMBERED_PAGE_MARK = "[p.]"  # a page the source does not number (a letter's sheet)


def page_mark(n: str) -> str:
    return PAGE_MARK.format(n) if n else UNNUMBERED_PAGE_MARK
_MARK_BEFORE_PUNCTUATION = re.compile(r"(\[[^\]]+\]) (?=[,.;:!?)’”»])")
UNNUMBERED_MARK = "*"
DELETED = ("⟦", "⟧")  # around what a writer struck out, which the diplomatic view keeps
# Milestones that mark a reference point, not a break the reader sees (xslt/breaks.xsl too).
_UNSEEN_UNITS = frozenset({"paragraph", "p", "page", "line", "column"})


@dataclass
class NoteRef:
    note: "Note"


@dataclass
class PageMark:
    n: str
    xml_id: str | None


Piece = str | NoteRef | PageMark


@dataclass
class Block:
    kind: str  # "head", "p" or "break" (its one piece the mark: "* * *", "—" or "" for a blank)
    level: int  # section depth of a heading, from 1
    pieces: list[Piece]
    xml_id: str | None = None
    role: str = ""  # the TEI element it comes from where that says how it reads: "speaker", "l", "signed" …

    def plain(self) -> str:
        """The block as one line of plain text, white space collapsed, marks before punctuation."""
        text = " ".join("".join(_plain_piece(p) for p in self.pieces).split())
        return _MARK_BEFORE_PUNCTUATION.sub(r"\1", text)

    def bare(self) -> str:
        """The block's words alone, without note or page marks (for a table of contents)."""
        return " ".join("".join(p for p in self.pieces if isinstance(p, str)).split())


@dataclass
class Note:
    key: str  # unique in the text, for links
    label: str  # what the reader sees at the anchor and the note: "12", "ed. 3", "*"
    editorial: bool
    anchored: bool
    blocks: list[Block] = field(default_factory=list)


def _plain_piece(piece: Piece) -> str:
    if isinstance(piece, NoteRef):
        return f" [{piece.note.label}] " if piece.note.anchored else ""
    if isinstance(piece, PageMark):
        return f" {page_mark(piece.n)} "
    return piece


@dataclass
class TextModel:
    blocks: list[Block]
    notes: list[Note]


class _Flattener:
    """Walks a TEI ``text`` in one view and collects its paragraphs and its notes."""

    def __init__(self, view: str, notes: list[Note], counter: Counter):
        self.view = view
        self.skip = _DIPLOMATIC_SKIP if view == "diplomatic" else _READING_SKIP
        self.notes = notes
        self.counter = counter  # editorial notes and notes without id, shared with nested walkers
        self.blocks: list[Block] = []
        self.pieces: list[Piece] = []
        self.kinds: list[tuple[str, str | None, str]] = [("p", None, "")]  # (kind, id, role)
        self.frames: list[str] = []
        self.begun_in: str | None = None  # the frame the current paragraph's first words stand in
        self.depth = 0
        self.section_ids: list[str] = []

    def emit(self, piece: Piece | None) -> None:
        if piece:
            if self.begun_in is None and (not isinstance(piece, str) or piece.strip()):
                self.begun_in = self.frames[-1] if self.frames else ""
            self.pieces.append(piece)

    def flush(self) -> None:
        """End the current paragraph, if it holds anything."""
        if any(not isinstance(p, str) or p.strip() for p in self.pieces):
            kind, xml_id, role = self.kinds[-1]
            if xml_id is None and self.section_ids:
                xml_id = self.section_ids.pop()  # a division's id goes to its first block (its head)
            self.blocks.append(Block(kind, max(self.depth, 1), self.pieces, xml_id, role or self.begun_in or ""))
            self.kinds[-1] = (kind, None, role)  # a paragraph split by a list keeps its id once
            self.section_ids = []
        self.pieces = []
        self.begun_in = None

    def walk(self, el: etree._Element) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                self.emit(child.tail)
                continue
            self.element(child)
            self.emit(child.tail)

    def element(self, child: etree._Element) -> None:
        tag = child.tag
        if (tag in self.skip and not is_alone_read(child)) or tag == T + "teiHeader" \
                or is_unread_in_choice(child, self.view != "reading"):
            return
        if tag in _BACK_REGISTERS and child.getparent().tag == T + "back":
            return
        if is_editorial_note(child):
            if self.view == "reading":
                self.note(child, editorial=True)
            return
        if is_detached_note(child):
            self.note(child, editorial=False)
            return
        if tag == T + "pb":
            self.emit(PageMark(child.get("n") or "", child.get(XML_ID)))
            return
        if tag == T + "milestone":
            self.milestone(child)
            return
        if tag == T + "app":  # its one reading, the others the apparatus's
            chosen = base_reading(child)
            if chosen is not None:
                self.emit(chosen.text)
                self.walk(chosen)
            return
        if tag == T + "del":  # (diplomatic only: the reading view skips it) struck out, as Leiden marks it
            self.emit(DELETED[0])
            self.emit(child.text)
            self.walk(child)
            self.emit(DELETED[1])
            return
        if tag in _BLOCKS or is_set_apart(child):
            self.emit(" ")
        if tag in _PARAGRAPHS:
            self.paragraph(child)
        elif tag in _SECTIONS:
            self.flush()
            if child.get(XML_ID):
                self.section_ids.append(child.get(XML_ID))
            self.depth += 1
            self.emit(child.text)
            self.walk(child)
            self.flush()
            self.depth -= 1
        elif tag in _FRAMES:
            self.frames.append(etree.QName(tag).localname)
            self.emit(child.text)
            self.walk(child)
            self.frames.pop()
        elif sign := empty_sign(child, self.view != "reading"):
            self.emit(sign)
        else:
            self.emit(child.text)
            self.walk(child)
        if tag in _BLOCK_ENDS:
            self.emit(" ")

    def paragraph(self, el: etree._Element) -> None:
        self.flush()
        kind = "head" if el.tag in _HEADINGS else "p"
        role = "" if el.tag == T + "p" else etree.QName(el).localname  # (a plain paragraph: its frame's)
        self.kinds.append((kind, el.get(XML_ID), role))
        self.emit(el.text)
        self.walk(el)
        self.flush()
        self.kinds.pop()

    def milestone(self, el: etree._Element) -> None:
        rend = " ".join((el.get("rend") or "").lower().split())
        if not rend or el.get("unit") in _UNSEEN_UNITS:
            return
        mark = "* * *" if re.search(r"star|aster|\*", rend) else "" if re.search("space|blank|none", rend) else "—"
        if len(self.kinds) > 1:  # inside a paragraph: the mark where it stands
            self.emit(f" {mark} ")
            return
        self.flush()
        self.blocks.append(Block("break", max(self.depth, 1), [mark]))

    def note(self, el: etree._Element, editorial: bool) -> None:
        n = el.get("n")
        anchored = el.get("anchored") != "false"
        if editorial:
            self.counter["editorial"] += 1
            label = f"ed. {self.counter['editorial']}"
        elif n:
            label = n  # the printed number stands at the anchor unless the source has none
        else:
            label, anchored = UNNUMBERED_MARK, True  # "*" adds no word to the copy-text's
        if not el.get(XML_ID):
            self.counter["unnamed"] += 1
        key = el.get(XML_ID) or f"unnamed-{self.counter['unnamed']}"
        note = Note(key, label, editorial, anchored)
        self.emit(NoteRef(note))
        inner = _Flattener(self.view, self.notes, self.counter)
        slot = len(self.notes)
        inner.emit(el.text)
        inner.walk(el)
        inner.flush()
        note.blocks = inner.blocks
        if note.blocks:
            self.notes.insert(slot, note)
        else:  # an empty note: only its printed number, as the readings have it
            self.pieces[-1] = f" [{n}] " if n and anchored and not editorial else " "


def flatten(tree: etree._ElementTree, view: str) -> TextModel:
    """The paragraphs and notes of the text in ``view`` ("diplomatic" or "reading")."""
    walker = _Flattener(view, [], Counter())
    for text in tree.getroot().findall(T + "text"):
        walker.emit(text.text)
        walker.walk(text)
    walker.flush()
    return TextModel(walker.blocks, walker.notes)


RULE = "=" * 72
NOTES_RULE = "-" * 72
NOTES_HEADING = "Notes"


def plain_text(model: TextModel, header: list[str]) -> str:
    """The text as UTF-8 plain text: a header, a rule, the paragraphs, the notes at the end.

    Only the header (above ``RULE``) and the heading ``Notes`` are not the text's own words.
    """
    lines = [*header, RULE, ""]
    for block in model.blocks:
        text = block.plain()
        lines += [text, ""]
    if model.notes:
        lines += [NOTES_RULE, NOTES_HEADING, ""]
        for note in model.notes:
            body = "\n    ".join(b.plain() for b in note.blocks)
            lines += [f"[{note.label}] {body}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
