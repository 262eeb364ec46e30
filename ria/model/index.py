"""Index stage: the registers, and every mention of their entries in the texts, in context.

From the loaded edition it builds plain data for the render stage: each register
entry (names, dates, place, identification, authority links), each text's
metadata, and each mention of an entry with the sentence it stands in, the
paragraph it belongs to, where that is as a reader cites it ("ch. 2, ¶ 14") and the
form of the name the source uses.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from lxml import etree

from ..cache import BuildCache, NoCache
from ..xmlio import LANGUAGE_TAG, TEI_NS, XML_ID, XML_LANG
from ..xmlio import TEI as T
from . import locations, readings
from .load import Document, Edition
from .mentions import MENTION_TAGS, mentions

NAME_TAGS = {T + "persName": "person", T + "placeName": "place", T + "orgName": "org"}
ENTRY_KINDS = {T + "person": "person", T + "place": "place", T + "org": "org", T + "event": "event"}
PAGES = {"person": "persons", "place": "places", "org": "organisations", "event": "events"}
# Elements that hold a passage a reader can be sent to.
_BLOCK_TAGS = frozenset(T + t for t in ("p", "head", "item", "label", "note", "dateline", "signed",
                                         "docAuthor", "titlePart", "docDate", "docImprint", "cell",
                                         "byline", "salute", "trailer", "bibl", "quote"))
_AUTHORITY_URLS = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "geonames": "https://www.geonames.org/{}",
    "gnd": "https://d-nb.info/gnd/{}",
}
_PB = T + "pb"
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


@dataclass
class Entry:
    id: str
    kind: str  # person, place, org, event
    name: str  # normalised display name
    sort_key: str
    variants: list[str]
    dates: str
    identification: str
    authorities: list[tuple[str, str, str]]  # (type, value, url)
    geo: tuple[float, float] | None = None
    when: dict[str, str] = field(default_factory=dict)
    source: str = ""  # register file
    variant_langs: dict[str, str] = field(default_factory=dict)  # variant → its language, where not the edition's
    category: str = ""  # what kind of place the register says it is (place/@type), for the map

    @property
    def page(self) -> str:
        return PAGES[self.kind]

    @property
    def initial(self) -> str:
        first = self.sort_key[:1].upper()
        return first if first.isalpha() else "#"


@dataclass
class Mention:
    entry_id: str
    text_id: str
    anchor: str  # the mention's own id in the text page
    block_id: str  # the nearest citable passage (paragraph, note, item …)
    form: str  # the name as the reading text gives it
    before: str
    after: str
    page: str = ""  # the printed page the mention is on, where the source has page breaks
    withheld: bool = False  # context left out: the text is not published in this build
    location: str = ""  # where it is, as a reader cites it: "ch. 2, ¶ 14" (ria/model/locations.py)


@dataclass
class TextInfo:
    id: str
    path: str
    title: str
    author: str
    author_ref: str
    date: str  # ISO date of the work's creation, for ordering
    date_label: str
    availability: str  # free, restricted, unknown
    availability_note: str
    sources: list[str]
    sha256: str
    prefix: str
    lang: str = ""  # the text's language (BCP 47), where its TEI states it


@dataclass
class EditionIndex:
    entries: dict[str, Entry]
    texts: list[TextInfo]
    mentions: list[Mention]
    title: str
    subtitle: str
    version: str

    def mentions_of(self, entry_id: str) -> list[Mention]:
        return self._by_entry.get(entry_id, [])

    def mentions_in_text(self, text_id: str) -> list[Mention]:
        return self._by_text.get(text_id, [])

    def mentions_by_text(self, entry_id: str) -> list[tuple["TextInfo", list[Mention]]]:
        """An entry's mentions grouped by text, in the order of the texts."""
        groups: dict[str, list[Mention]] = {}
        for mention in self.mentions_of(entry_id):
            groups.setdefault(mention.text_id, []).append(mention)
        return [(self._texts[text_id], own) for text_id, own in
                sorted(groups.items(), key=lambda item: self._text_order[item[0]])]

    def __post_init__(self):
        # Lookups by entry and by text, so that no page has to scan every mention.
        self._by_entry: dict[str, list[Mention]] = {}
        self._by_text: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            self._by_entry.setdefault(mention.entry_id, []).append(mention)
            self._by_text.setdefault(mention.text_id, []).append(mention)
        self._texts = {text.id: text for text in self.texts}
        self._text_order = {text.id: n for n, text in enumerate(self.texts)}

    def entries_of(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind),
                      key=lambda e: (e.sort_key.casefold(), e.id))

    def text(self, text_id: str) -> TextInfo:
        return self._texts[text_id]


def _entry(el: etree._Element, kind: str, source: str) -> Entry:
    name_tag = {"person": "persName", "place": "placeName", "org": "orgName", "event": "label"}[kind]
    names = el.findall(T + name_tag)
    reg = next((n for n in names if n.get("type") == "reg"), names[0] if names else None)
    if kind == "person" and reg is not None and reg.find(T + "surname") is not None:
        surname = _text(reg.find(T + "surname"))
        forename = _text(reg.find(T + "forename"))
        name = _text(reg)
        sort_key = f"{surname}, {forename}".strip(", ")
    else:
        name = _text(reg)
        sort_key = re.sub(r"^(the|The) ", "", name)
    variants = [_text(n) for n in names if n is not reg]
    variant_langs = {_text(n): n.get(XML_LANG) for n in names
                     if n is not reg and LANGUAGE_TAG.fullmatch(n.get(XML_LANG) or "")}
    dates = ""
    if kind == "person":
        birth, death = el.find(T + "birth"), el.find(T + "death")
        years = [d.get("when", "")[:4] if d is not None else "" for d in (birth, death)]
        if any(years):
            dates = "–".join(y or "?" for y in years)
    when = {k: v for k, v in el.attrib.items() if k in ("when", "from", "to", "when-custom",
                                                          "from-custom", "to-custom")}
    if kind == "event":
        dates = " – ".join(v for v in (el.get("when"), el.get("from"), el.get("to")) if v)
    geo = None
    geo_el = el.find(f"{T}location/{T}geo")
    if geo_el is not None and geo_el.text:
        lat, lon = geo_el.text.split()
        geo = (float(lat), float(lon))
    identification = _text(el.find(f"{T}note[@type='identification']")) or _text(el.find(T + "desc"))
    authorities = []
    for idno in el.findall(T + "idno"):
        kind_of_id = idno.get("type", "")
        value = (idno.text or "").strip()
        url = value if value.startswith("http") else _AUTHORITY_URLS.get(kind_of_id, "").format(value)
        authorities.append((kind_of_id, value, url))
    return Entry(el.get(XML_ID), kind, name, sort_key, variants, dates, identification,
                 authorities, geo, when, source, variant_langs,
                 category=el.get("type", "") if kind == "place" else "")


def _text_info(doc: Document) -> TextInfo:
    header = doc.tree.getroot().find(T + "teiHeader")
    title_stmt = header.find(f"{T}fileDesc/{T}titleStmt")
    title = _text(title_stmt.find(f"{T}title[@type='main']")) or _text(title_stmt.find(T + "title"))
    author_el = title_stmt.find(T + "author")
    author_ref = ""
    if author_el is not None:
        named = author_el.find(T + "persName")
        author_ref = ((named.get("ref") if named is not None else None) or author_el.get("ref") or "")
    creation = header.find(f"{T}profileDesc/{T}creation/{T}date")
    date = ""
    if creation is not None:
        date = creation.get("when") or creation.get("from") or creation.get("notBefore") or ""
    availability = header.find(f"{T}fileDesc/{T}publicationStmt/{T}availability")
    sources = [_text(b) for b in header.iterfind(f"{T}fileDesc/{T}sourceDesc//{T}bibl")]
    first_div = doc.tree.getroot().find(f"{T}text//{T}div")
    prefix = (first_div.get(XML_ID) or "").split("-")[0] if first_div is not None else doc.id
    return TextInfo(
        id=doc.id, path=doc.rel, title=title, author=_text(author_el),
        author_ref=author_ref.lstrip("#"), date=date,
        date_label=_text(creation) if creation is not None else "",
        availability=availability.get("status", "unknown") if availability is not None else "unknown",
        availability_note=_text(availability), sources=sources, sha256=doc.sha256, prefix=prefix)


def _block(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag not in _BLOCK_TAGS:
        parent = parent.getparent()
    return parent


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
    found = list(_SENTENCE_END.finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence around text[start:end] begins and ends: after the last sentence end
    that text[:start] holds, and with the first one that text[end:] holds.

    A sentence end found in the whole text is one of text[:start] too if what its lookahead
    reads lies before ``start``; only from the last such one on is text[:start] read again.
    """
    starts, ends = _sentence_ends(text)
    safe = bisect.bisect_right(ends, start - 2)
    begin = ends[safe - 1] if safe else 0
    for match in _SENTENCE_END.finditer(text, starts[safe - 1] if safe else 0, start):
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


def mentions_in(doc: Document) -> list[Mention]:
    """Every linked name in the text, in document order, by the anchors of ria/model/mentions.py."""
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is None:
        return []
    found = mentions(doc.tree.getroot())
    pages = _pages(text_el.iter(_PB, *MENTION_TAGS), lambda el: el.get("ref"))
    where = locations.Locator(text_el)
    block_cache: dict[etree._Element, tuple[str, dict]] = {}
    result = []
    for el, anchor in found:
        block = _block(el)
        if block is None:
            continue
        if block not in block_cache:
            block_cache[block] = readings.block_reading(block, frozenset(MENTION_TAGS))
        text, spans = block_cache[block]
        span = spans.get(el)
        if span is None:  # a name inside a skipped reading (sic) or a note body
            form, before, after = _text(el), "", ""
        else:
            form = " ".join(text[span[0]:span[1]].split())
            before, after = _sentence(text, *span)
        for ref in el.get("ref").split():
            if ref.startswith("#"):
                result.append(Mention(ref[1:], doc.id, anchor, _citable_id(block),
                                      form or _text(el), before, after, pages.get(el, ""),
                                      location=where.of(block)))
    return result


_PASSAGE_TAGS = frozenset({T + "p", T + "div", T + "note", T + "item"})


def _event_pointers(el: etree._Element) -> str | None:
    """An event named (``name/@ref``) or narrated (``@ana`` on a passage or a phrase) here."""
    if not isinstance(el.tag, str):
        return None
    return el.get("ref") if el.tag == T + "name" else el.get("ana")


def event_mentions_in(doc: Document) -> list[Mention]:
    """Named events and passages or phrases that narrate an event, linked by passage."""
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is None:
        return []
    pages = _pages(text_el.xpath("descendant-or-self::*[self::tei:pb or self::tei:name or @ana]",
                                 namespaces={"tei": TEI_NS}), _event_pointers)
    where = locations.Locator(text_el)
    mentions = []
    for el, page in pages.items():
        if el.tag in _PASSAGE_TAGS:
            passage = el.get(XML_ID) or _citable_id(el)
            location = where.of(el)
            form = ""
            content, _ = readings.block_reading(el, frozenset())
            words = " ".join(content.split())
            before, after = "", (words[:200].rsplit(" ", 1)[0] + " …") if len(words) > 200 else words
        else:  # a phrase: the event's name, or words such as an organisation's name that point to it
            block = _block(el)
            passage = _citable_id(block) if block is not None else ""
            location = where.of(block if block is not None else el)
            form = _text(el)
            before = after = ""
            if block is not None:
                content, spans = readings.block_reading(block, frozenset({el.tag}))
                span = spans.get(el)
                before, after = _sentence(content, *span) if span else ("", "")
        for ref in _event_pointers(el).split():
            if ref.startswith("#"):
                mentions.append(Mention(ref[1:], doc.id, passage, passage, form, before, after, page,
                                        location=location))
    return mentions


def build_index(edition: Edition, cache: "BuildCache | None" = None) -> EditionIndex:
    entries: dict[str, Entry] = {}
    for doc in edition.registers:
        for el in doc.tree.getroot().iter(*ENTRY_KINDS):
            entry = _entry(el, ENTRY_KINDS[el.tag], doc.rel)
            entries.setdefault(entry.id, entry)
    texts = sorted((_text_info(doc) for doc in edition.texts), key=lambda t: (t.date, t.id))
    cache = cache or NoCache()
    mentions = [m for doc in edition.texts
                for m in cache.fetch("mentions", (doc.rel, doc.sha256),
                                     lambda doc=doc: mentions_in(doc) + event_mentions_in(doc))]
    corpus = edition.corpus.tree.getroot() if edition.corpus is not None else None
    title = subtitle = version = ""
    if corpus is not None:
        title = _text(corpus.find(f".//{T}titleStmt/{T}title[@type='main']"))
        subtitle = _text(corpus.find(f".//{T}titleStmt/{T}title[@type='sub']"))
        edition_el = corpus.find(f".//{T}editionStmt/{T}edition")
        version = edition_el.get("n", "") if edition_el is not None else ""
    return EditionIndex(entries, texts, mentions, title or "Edition", subtitle, version)
