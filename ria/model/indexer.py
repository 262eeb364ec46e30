"""Gathering an index (index.Index, the one index model) from its documents' records: the one
way texts and registers become an index, for this edition and for any corpus.

Each document is read into a plain record (``DocumentRecord``): a register's entries, or a
text's metadata, mentions and dated passages (``text_record``). The edition's records are read
from its loaded documents (``build_index``); a corpus's in the worker pool, file by file
(ria/corpus/survey.py, reading.py). ``Indexer`` gathers them in the documents' order: the
entries and the texts' records stay in memory, the mentions and dated passages go to a store
(store.py), so memory grows with the registers and by a small record a text, not with what
the texts say. Every step is linear in the number of documents and mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..cache import BuildCache, NoCache
from ..problems import EditionError, Problem
from ..safenames import PageNames, safe_name
from ..xmlio import TEI as T
from .chronology import Dated, text_dates
from .entries import entry_aliases, register_entries
from .index import Entry, Index, Mention, TextInfo
from .load import Edition
from .passages import Contexts, event_mentions_in, mentions_in
from .records import words
from .store import IndexStore
from .texts import correspondents, main_language, publication, text_info


@dataclass
class TextRecord:
    info: TextInfo
    names: list[str]  # the names its page may take, in order of preference
    line: int
    correspondents: str
    publication: tuple[str, str]
    mentions: list[Mention]
    dated: list[Dated]
    images: list[tuple[str, int]] = field(default_factory=list)  # its images' relative addresses (ria/corpus/images.py)


@dataclass
class DocumentRecord:
    path: Path
    rel: str
    kind: str  # "text" or "register"
    why: str  # why it was classified so
    source: bytes | None = None  # the TEI taken out of its file (one TEI of a teiCorpus, a P4 text, its includes followed)
    entries: list[Entry] = field(default_factory=list)  # a register's
    text: TextRecord | None = None
    findings: list[tuple[str, str]] = field(default_factory=list)  # the schema's: (message, path:line:col)
    inspected: object = None  # what a caller's ``inspect`` made of the tree (check --corpus: its lint facts)


def _page_stem(text_id: str) -> str:
    """An id written as its file's name ("L041001.xml", as the ACDH's editions write theirs) names
    the page without the extension: L041001.html, not L041001.xml.html."""
    return text_id[:-4] if text_id.lower().endswith(".xml") and len(text_id) > 4 else text_id


def text_record(root: etree._Element, text_id: str, rel: str, sha256: str, file_name: str) -> TextRecord:
    """What the index keeps of the text whose TEI element is ``root``: its metadata, its mentions
    and its dated passages. ``file_name``: what names its page where ``text_id`` is taken."""
    info = text_info(root, text_id, rel, sha256)
    contexts = Contexts(root.find(T + "text"))
    return TextRecord(info, [_page_stem(info.id), file_name], root.sourceline or 1,
                      correspondents(root.find(T + "teiHeader")), publication(root),
                      mentions_in(root, info.id, contexts) + event_mentions_in(root, info.id, contexts),
                      text_dates(root, info.id, info.title, contexts.where))


def no_pages(entries: dict[str, Entry]) -> dict[str, str]:
    """Entries listed on their registers' pages only, each without a page of its own (the edition)."""
    return {}


@dataclass
class _Added:
    """What the indexer keeps of a text taken in, until its page is named."""

    info: TextInfo
    names: list[str]
    line: int
    rel: str
    document: tuple[str, int]
    correspondents: str
    publication: tuple[str, str]


class Indexer:
    """Gathers the index from the documents' records, in their order."""

    def __init__(self, title: str, store: IndexStore, pages_of=no_pages):
        """``pages_of``: entries → their own pages (ria/corpus/entries.entry_pages, or an earlier build's result of it)."""
        self.pages_of = pages_of
        self.title = title
        self.subtitle = self.version = ""
        self.store = store
        self.entries: dict[str, Entry] = {}
        self.texts: list[TextInfo] = []
        self.correspondents: dict[str, str] = {}
        self.publication: dict[str, tuple[str, str]] = {}
        self._page_names = PageNames("text")
        self._clashes: list[Problem] = []
        self.problems: list[Problem] = []  # what naming the pages found that stops nothing (finish)
        self._added: list[_Added] = []  # the texts taken in, named by finish
        self._documents: dict[str, tuple[str, int]] = {}
        self._strings: dict[str, str] = {}

    def _once(self, value: str) -> str:
        return self._strings.setdefault(value, value)

    def add(self, record: DocumentRecord, document: tuple[str, int] | None = None) -> TextInfo | None:
        """Take in a document's record; a text's info is returned, its page's name (``id``) given
        by ``finish``, once every text's id is known.

        ``document``: where an incremental build's store files the document's rows (store.py);
        a record without mentions (None) was filed there by an earlier build."""
        for entry in record.entries:
            self.entries.setdefault(entry.id, entry)
        text = record.text
        if text is None:
            return None
        # (a clean build's store files a text's rows by its place until its page is named)
        document = document or (f"\0{len(self._added)}", 0)
        # What most texts of a corpus say alike (their licence's words, their publisher) is held once.
        text.info.availability_note = self._once(text.info.availability_note)
        text.info.sources = [self._once(source) for source in text.info.sources]
        self.store.add_text("", text.mentions, text.dated, record.source, document)
        # (not the record, whose mentions are in the store now: memory grows by a small record a text)
        self._added.append(_Added(text.info, text.names, text.line, record.rel, document, text.correspondents,
                                  tuple(map(self._once, text.publication))))
        return text.info

    def _name_pages(self) -> None:
        """Each text's page's name: its xml:id, made safe; two files with one id (or ids that one
        file system takes for one) are kept apart by the file's name. An id that several documents
        want (every ADL volume's root is xml:id="root") names none of them, whatever order they
        are read in: each takes its file's name, and that is said once."""
        wanting: dict[str, list[_Added]] = {}
        for text in self._added:
            wanting.setdefault(safe_name(text.names[0]).casefold(), []).append(text)
        for shared in (texts for texts in wanting.values() if len(texts) > 1):
            # (said at the first that has it as its xml:id, not as its file's name; files of one
            # name and no id, a/x.xml and b/x.xml, are the clash claim reports)
            said = next((text for text in shared if text.names[0] != text.names[-1]), None)
            if said is None:
                continue
            also = [text.rel for text in shared if text is not said]
            self.problems.append(Problem(said.rel, said.line, 1, "warning", (
                f'its xml:id "{said.names[0]}" would name the pages of {len(shared)} documents of the corpus '
                f'(also {", ".join(also[:3])}{" …" if len(also) > 3 else ""}): it names none of them; '
                "each is named by its file"), rule="page-name"))
        for text in self._added:
            wanted = text.names[1:] if len(wanting[safe_name(text.names[0]).casefold()]) > 1 else text.names
            name = self._page_names.claim(wanted, text.rel, text.line)
            if isinstance(name, Problem):
                self._clashes.append(name)
                continue
            text.info.id = name
            self.texts.append(text.info)
            self.correspondents[name] = text.correspondents
            self.publication[name] = text.publication
            self._documents[name] = text.document
        self._added = []

    def file_ahead(self, record: DocumentRecord, document: tuple[str, int] | None) -> None:
        """File a text's rows in an incremental build's store now, before it is known whether it
        is published (a fragment: ria/corpus/reading.py); they count only once ``add`` takes it in."""
        if document is None or record.text is None or record.text.mentions is None:
            return  # a clean build's store files a text under its name, known only then
        self.store.add_text("", record.text.mentions, record.text.dated, record.source, document)
        record.text.mentions = record.text.dated = None
        record.source = None

    def finish(self) -> Index:
        self._name_pages()
        if self._clashes:
            raise EditionError(self._clashes)
        texts = sorted(self.texts, key=lambda t: (t.date, t.id))
        self.store.finish(self.entries, ((text.id, self._documents[text.id]) for text in texts),
                          entry_aliases(self.entries.values()))
        return Index(self.title, self.entries, texts, self.store, self.subtitle, self.version,
                     pages=self.pages_of(self.entries), correspondents=self.correspondents,
                     unresolved=self.store.unresolved(), language=main_language(texts), publication=self.publication)


def build_index(edition: Edition, cache: BuildCache | None = None) -> Index:
    """The edition's index, from its loaded documents: each text's record is cached by its bytes."""
    cache = cache or NoCache()
    indexer = Indexer("Edition", IndexStore())
    if edition.corpus is not None:
        header = edition.corpus.tree.getroot()
        indexer.title = words(header.find(f".//{T}titleStmt/{T}title[@type='main']")) or indexer.title
        indexer.subtitle = words(header.find(f".//{T}titleStmt/{T}title[@type='sub']"))
        edition_el = header.find(f".//{T}editionStmt/{T}edition")
        indexer.version = edition_el.get("n", "") if edition_el is not None else ""
    for doc in edition.registers:
        indexer.add(DocumentRecord(doc.path, doc.rel, "register", "the edition's register",
                                   entries=register_entries(doc.tree.getroot(), doc.rel)))
    for doc in edition.texts:
        record = cache.fetch("text-record", (doc.rel, doc.sha256), lambda doc=doc: text_record(
            doc.tree.getroot(), doc.id, doc.rel, doc.sha256, doc.path.stem))
        indexer.add(DocumentRecord(doc.path, doc.rel, "text", "the edition's text", text=record))
    return indexer.finish()
