"""What the home page says of the edition: each source as a list of facts a reader weighs
before opening it (author, date, kind, length, rights), read from the text's own TEI header
and reading text, and the corpus header's introduction.

The kind of a text is the term its header classifies it by against the corpus header's
taxonomy of kinds (``textClass/keywords[@scheme='#text-kinds']/term``); the length is the
words of the reading text, counted as the fidelity check counts them, rounded as readers
give a length ("about 6,700 words"), so that an edit of a few words leaves the home page as
it was.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ..cache import BuildCache, NoCache
from ..model import readings
from ..model.load import Document
from ..validate.fidelity import words
from ..xmlio import TEI as T

KIND_SCHEME = "#text-kinds"  # the corpus header's taxonomy of kinds of text (tei/edition.xml)

# availability/@status as a reader is told it, of the source text (not of the edition's additions).
RIGHTS_LABELS = {"free": "free to reuse", "restricted": "restricted", "unknown": "not established"}


@dataclass(frozen=True)
class Rights:
    status: str  # availability/@status: free, restricted or unknown
    statement: str  # the evidence for the status (availability/p)
    licence: str  # the licence of the edition's additions (availability/licence)
    licence_url: str

    @property
    def label(self) -> str:
        return RIGHTS_LABELS.get(self.status, self.status or RIGHTS_LABELS["unknown"])


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    author: str
    date: str  # the date of creation as the header writes it ("May–August 1918")
    kind: str  # "" where the header records none
    words: int  # the reading text's words, rounded as the page gives them
    rights: Rights

    @property
    def length(self) -> str:
        return f"{'about ' if self.words >= 100 else ''}{self.words:,} words"


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def rounded(count: int) -> int:
    """A length as readers give one: to the hundred from a thousand words, to the ten below."""
    step = 100 if count >= 1000 else 10 if count >= 100 else 1
    return (count + step // 2) // step * step


def reading_words(tree: etree._ElementTree) -> int:
    """The words of the reading text, the source's notes included; a note's printed number,
    which the reading sets at its anchor and before the note, is a reference, not a word."""
    root = copy.deepcopy(tree.getroot())
    for note in root.iter(T + "note"):
        note.attrib.pop("n", None)
    return sum(len(words(segment.text)) for segment in readings.reading(root).segments())


def describe(doc: Document) -> Source:
    """One source as the home page lists it, from its header and its reading text."""
    header = doc.tree.getroot().find(T + "teiHeader")
    title_stmt = header.find(f"{T}fileDesc/{T}titleStmt")
    title = title_stmt.find(f"{T}title[@type='main']")
    availability = header.find(f"{T}fileDesc/{T}publicationStmt/{T}availability")
    licence = availability.find(T + "licence") if availability is not None else None
    kind = header.find(f"{T}profileDesc/{T}textClass/{T}keywords[@scheme='{KIND_SCHEME}']/{T}term")
    rights = Rights(
        status=availability.get("status", "unknown") if availability is not None else "unknown",
        statement=" ".join(_text(p) for p in availability.findall(T + "p")) if availability is not None else "",
        licence=_text(licence), licence_url=licence.get("target", "") if licence is not None else "")
    return Source(
        id=doc.id, title=_text(title if title is not None else title_stmt.find(T + "title")),
        author=_text(title_stmt.find(T + "author")),
        date=_text(header.find(f"{T}profileDesc/{T}creation/{T}date")),
        kind=_text(kind), words=rounded(reading_words(doc.tree)), rights=rights)


def describe_all(texts: list[Document], cache: BuildCache | None = None) -> tuple[Source, ...]:
    """Every source, in the order given; each is counted again only when its TEI changed."""
    cache = cache or NoCache()
    return tuple(cache.fetch("source-facts", (doc.sha256,), lambda doc=doc: describe(doc)) for doc in texts)


def split_front(html: str) -> tuple[str, str]:
    """The corpus header's text as the stylesheets render it, cut in two: its front matter
    (the introduction, for the home page) and the rest (for the page about the edition)."""
    front, rest = [], []
    for node in lxml.html.fragments_fromstring(html) if html.strip() else []:
        if isinstance(node, str):  # text before the first element
            rest.append(node)
        else:
            is_front = "front" in (node.get("class") or "").split()
            (front if is_front else rest).append(lxml.html.tostring(node, encoding="unicode"))
    return "".join(front), "".join(rest)


def introduction_contents(introduction: str) -> list[tuple[str, str]]:
    """The parts of the introduction as (anchor, heading), for the contents at the top of the
    page: the sections inside its outermost one, each with its heading's words."""
    if not introduction.strip():
        return []
    fragment = lxml.html.fragment_fromstring(introduction, create_parent="div")
    contents = []
    for section in fragment.xpath("(.//section)[1]/section[@id]"):
        heading = section.xpath("(h2|h3|h4|h5|h6)[1]")
        if heading:
            words = "".join(heading[0].xpath("text() | *[not(contains(@class, 'permalink'))]//text()"))
            contents.append((section.get("id"), " ".join(words.split())))
    return contents
