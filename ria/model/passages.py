"""The passages of a text that point to a register: every name linked to an entry and every
event a passage narrates, each with the sentence it stands in, the passage a reader is sent
to (its nearest id), the printed page and where it is as a reader cites it ("ch. 2, ¶ 14",
ria/model/locations.py). One reading for this edition and any corpus: the index and the
registers' mention lists take it from here (the dates a text marks: ria/model/chronology.py).
"""

from __future__ import annotations

import bisect
import functools
import re

from lxml import etree

from ..xmlio import TEI_NS, XML_ID
from ..xmlio import TEI as T
from . import locations, readings
from .mentions import MENTION_TAGS, SPEAKING, pointing
from .records import Mention
from .records import words as _text

# Elements that hold a passage a reader can be sent to, whose sentence is a name's context: a
# paragraph, a heading, a verse line, a letter's opening and closing formulae …
BLOCK_TAGS = frozenset(T + t for t in ("p", "head", "item", "label", "note", "dateline", "signed",
                                        "docAuthor", "titlePart", "docDate", "docImprint", "cell",
                                        "byline", "salute", "trailer", "bibl", "quote", "addrLine", "l",
                                        "opener", "closer", "postscript", "ab", "seg", "cit", "div"))
_PB = T + "pb"
_SEG = T + "seg"
# A seg a project types as a kind of phrase (the BBAW's letters' seg type="comment", a register's
# seg around a name) stands in the sentence around it; an untyped seg (a letterhead's left and right
# halves) or one typed as a unit of the text is a passage of its own.
_SEG_PASSAGES = frozenset(("utterance", "verse", "sentence", "line", "paragraph", "section", "clause"))
# A sentence ends at a full stop, a question or an exclamation mark before a capital or a digit,
# but not at the stop of a day's or a month's number before a number or a month ("6. 6. 91",
# "am 6. Juni": German dates; "on October 15. The …" still ends one).
# Nor at the stop of an initial ("H. Bahr", "z. B.") or of a title or an abbreviation that stands
# before what it belongs to ("Dr. Freud", "Gen. Brusilov", "vgl. Anm. 3").
_MONTHS = "Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez"
_SENTENCE_END = re.compile(r"(?:(?<!\b[^\W\d_])(?:(?<!\b\d)(?<!\b\d\d)\.|\.(?![”’\"')\]]*\s+(?:\d|" + _MONTHS
                           + r")))|[!?])[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Capt|Maj|Sgt|Gov|Rev|Hr|Hrn|Fr|Frl|Nr|No|vgl|bzw|"
                           r"ca|sog|geb|gest|Bd|Hg|Hrsg|Anm|cf|vol|pp|ed)$")
_WATCHED = frozenset(MENTION_TAGS)


def block_of(el: etree._Element) -> etree._Element | None:
    """The nearest passage ``el`` stands in, None outside any."""
    parent = el.getparent()
    while parent is not None and (parent.tag not in BLOCK_TAGS or _is_phrase_seg(parent)):
        parent = parent.getparent()
    return parent


def _is_phrase_seg(el: etree._Element) -> bool:
    kind = (el.get("type") or "").strip().lower()
    return el.tag == _SEG and bool(kind) and kind not in _SEG_PASSAGES


def _citable_id(el: etree._Element) -> str:
    node = el
    while node is not None:
        if isinstance(node.tag, str) and node.get(XML_ID) and node.tag != T + "TEI":
            return node.get(XML_ID)
        node = node.getparent()
    return ""


@functools.lru_cache(maxsize=64)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence end of a block's text starts and ends: found once for all its names."""
    found = list(_ends(text, 0, len(text)))
    return [m.start() for m in found], [m.end() for m in found]


def _ends(text: str, pos: int, endpos: int):
    """The sentence ends in text[pos:endpos], but for the stop of an abbreviation."""
    for match in _SENTENCE_END.finditer(text, pos, endpos):
        if text[match.start()] != "." or not _ABBREVIATION.search(text, max(0, match.start() - 5), match.start()):
            yield match


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around text[start:end] begins and ends: after the last sentence end
    that text[:start] holds, and with the first one that text[end:] holds.

    A sentence end found in the whole text is one of text[:start] too if what its lookahead
    reads lies before ``start``; only from the last such one on is text[:start] read again.
    """
    starts, ends = _sentence_ends(text)
    safe = bisect.bisect_right(ends, start - 3)  # (it reads up to three characters on: "Mär")
    begin = ends[safe - 1] if safe else 0
    for match in _ends(text, starts[safe - 1] if safe else 0, start):
        begin = match.end()
    following = bisect.bisect_left(starts, end)  # no sentence end begins inside another
    return begin, (starts[following] + 1 if following < len(starts) else len(text))


def _sentence(text: str, start: int, end: int, limit: int = 160) -> tuple[str, str]:
    """The words of the sentence around text[start:end], trimmed to ``limit`` characters a side."""
    begin, stop = _sentence_bounds(text, start, end)
    before, after = text[begin:start], text[end:stop]
    before = " ".join(before.split())
    after = " ".join(after.split())
    if len(before) > limit:
        before = "… " + before[-limit:].split(" ", 1)[-1]
    if len(after) > limit:
        after = after[:limit].rsplit(" ", 1)[0] + " …"
    if before and text[start - 1:start].isspace():
        before += " "
    if after and text[end:end + 1].isspace():
        after = " " + after
    return before, after


def _pages(elements, wanted) -> dict[etree._Element, str]:
    """The printed page (the last ``pb/@n`` before it) of each element ``wanted`` accepts, in one
    pass over ``elements``: the page breaks and the candidates, in document order."""
    pages, current = {}, ""
    for el in elements:
        if el.tag == _PB:
            current = el.get("n", current)
        elif wanted(el):
            pages[el] = current
    return pages


class Contexts:
    """The sentence around each name of one text, each passage read once for all in it."""

    def __init__(self, text_el: etree._Element | None):
        self._blocks: dict[etree._Element, tuple[str, dict]] = {}
        self._text_el = text_el
        self._where: locations.Locator | None = None
        self._locations: dict[etree._Element, str] = {}

    def around(self, el: etree._Element) -> tuple[etree._Element, str, str, str]:
        """(the passage, the element's words, the sentence before and after them)."""
        block = block_of(el)
        block = block if block is not None else el.getparent()
        if block not in self._blocks:
            self._blocks[block] = readings.block_reading(block, _WATCHED)
        content, spans = self._blocks[block]
        span = spans.get(el)
        if span is None:  # inside something the reading leaves out (sic, a commentary note in a paragraph)
            return block, _text(el), "", ""
        before, after = _sentence(content, *span)
        return block, " ".join(content[span[0]:span[1]].split()) or _text(el), before, after

    @property
    def where(self) -> locations.Locator | None:
        """The text's locations, worked out once, when first asked for (a text without names need not)."""
        if self._where is None and self._text_el is not None:
            self._where = locations.Locator(self._text_el)
        return self._where

    def location(self, block: etree._Element) -> str:
        """Where a passage is as a reader cites it, worked out once for all the names in it."""
        if block not in self._locations:
            self._locations[block] = self.where.of(block) if self.where is not None else ""
        return self._locations[block]


def mentions_in(root: etree._Element, text_id: str, contexts: Contexts | None = None) -> list[Mention]:
    """Every linked name of the text whose TEI element is ``root``, and every utterance of a
    speaker it does not list itself, in document order, by the anchors of ria/model/mentions.py."""
    found = pointing(root)
    if not found:
        return []
    text_el = root.find(T + "text")
    contexts = contexts or Contexts(text_el)
    named = {el for el, _, _ in found}
    pages = _pages(text_el.iter(_PB, *SPEAKING, *MENTION_TAGS), named.__contains__)
    result = []
    for el, anchor, entries in found:
        if el.tag in SPEAKING:  # the utterance (or the applause) is the passage: its opening words, as a narrated event's
            passage, form, before, after = _citable_id(el), "", "", _opening(el)
            location = contexts.location(el)
        else:
            block, form, before, after = contexts.around(el)
            passage, location = _citable_id(block), contexts.location(block)
        for entry_id in entries:
            result.append(Mention(entry_id, text_id, anchor, passage, form, before, after,
                                  pages.get(el, ""), location=location))
    return result


def _opening(el: etree._Element, limit: int = 200) -> str:
    """The words a passage begins with, up to ``limit`` characters."""
    words = " ".join(readings.block_reading(el, frozenset())[0].split())
    return (words[:limit].rsplit(" ", 1)[0] + " …") if len(words) > limit else words


_PASSAGE_TAGS = frozenset({T + "p", T + "div", T + "note", T + "item"})
# Page breaks, and what may point to an event: a name, or a passage or phrase with @ana (compiled once).
_EVENT_POINTERS = etree.XPath("descendant-or-self::*[self::tei:pb or self::tei:name or @ana]",
                              namespaces={"tei": TEI_NS})


def _event_pointers(el: etree._Element) -> str | None:
    """An event named (``name/@ref``) or narrated (``@ana`` on a passage or a phrase) here."""
    if not isinstance(el.tag, str):
        return None
    return el.get("ref") if el.tag == T + "name" else el.get("ana")


def event_mentions_in(root: etree._Element, text_id: str, contexts: Contexts | None = None) -> list[Mention]:
    """Named events and passages or phrases that narrate an event, linked by passage."""
    text_el = root.find(T + "text")
    if text_el is None:
        return []
    pages = _pages(_EVENT_POINTERS(text_el), _event_pointers)
    if not pages:
        return []
    contexts = contexts or Contexts(text_el)
    found = []
    for el, page in pages.items():
        if el.tag in _PASSAGE_TAGS:
            passage = el.get(XML_ID) or _citable_id(el)
            location = contexts.location(el)
            form = ""
            before, after = "", _opening(el)
        else:  # a phrase: the event's name, or words such as an organisation's name that point to it
            block = block_of(el)
            passage = _citable_id(block) if block is not None else ""
            location = contexts.location(block if block is not None else el)
            form = _text(el)
            before = after = ""
            if block is not None:
                content, spans = readings.block_reading(block, frozenset({el.tag}))
                span = spans.get(el)
                before, after = _sentence(content, *span) if span else ("", "")
        for ref in _event_pointers(el).split():
            if ref.startswith("#"):
                found.append(Mention(ref[1:], text_id, passage, passage, form, before, after, page,
                                        location=location))
    return found
