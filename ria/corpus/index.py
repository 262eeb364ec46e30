"""Gathering a corpus's index (ria/model/index.Index, the one index model): its register
entries, its texts in order of date, every mention and every dated passage.

It is gathered file by file, as the surveys come back from the workers (``CorpusIndexer``):
the entries and the texts' records stay in memory, the mentions and dated passages go to
the build's store (``store.py``), so memory grows with the registers and by a small record a
text, not with what the texts say. Every step is linear in the number of documents and mentions.
``text_params`` gives what the stylesheet takes from the index for one text.
"""

from __future__ import annotations

from ..model.entries import entry_aliases
from ..model.index import Entry, Index, TextInfo
from ..model.texts import main_language
from ..problems import EditionError, Problem
from ..safenames import PageNames
from .entries import entry_pages
from .store import CorpusStore
from .survey import DocumentRecord


class CorpusIndexer:
    """Gathers the index from the documents' records, in the corpus's file order."""

    def __init__(self, title: str, store: CorpusStore, pages_of=entry_pages):
        """``pages_of``: entries → their pages (entries.entry_pages, or an earlier build's result of it)."""
        self.pages_of = pages_of
        self.title = title
        self.store = store
        self.entries: dict[str, Entry] = {}
        self.texts: list[TextInfo] = []
        self.correspondents: dict[str, str] = {}
        self.publication: dict[str, tuple[str, str]] = {}
        self._page_names = PageNames("text")
        self._clashes: list[Problem] = []
        self._documents: dict[str, tuple[str, int] | None] = {}
        self._strings: dict[str, str] = {}

    def _once(self, value: str) -> str:
        return self._strings.setdefault(value, value)

    def add(self, record: DocumentRecord, document: tuple[str, int] | None = None) -> TextInfo | None:
        """Take in a document's record; a text's info (with its page's name) is returned.

        ``document``: where an incremental build's store files the document's rows (store.py);
        a record without mentions (None) was filed there by an earlier build."""
        for entry in record.entries:
            self.entries.setdefault(entry.id, entry)
        text = record.text
        if text is None:
            return None
        # A text's page is named by its xml:id, made safe; two files with one id (or ids that
        # one file system takes for one) are kept apart by the file's name.
        name = self._page_names.claim(text.names, record.rel, text.line)
        if isinstance(name, Problem):
            self._clashes.append(name)
            return None
        text.info.id = name
        # What most texts of a corpus say alike (their licence's words, their publisher) is held once.
        text.info.availability_note = self._once(text.info.availability_note)
        text.info.sources = [self._once(source) for source in text.info.sources]
        self.texts.append(text.info)
        self.correspondents[name] = text.correspondents
        self.publication[name] = tuple(map(self._once, text.publication))
        self.store.add_text(name, text.mentions, text.dated, record.source, document)
        self._documents[name] = document
        return text.info

    def file_ahead(self, record: DocumentRecord, document: tuple[str, int] | None) -> None:
        """File a text's rows in an incremental build's store now, before it is known whether it
        is published (a fragment: build.py); they count only once ``add`` takes it in."""
        if document is None or record.text is None or record.text.mentions is None:
            return  # a clean build's store files a text under its name, known only then
        self.store.add_text("", record.text.mentions, record.text.dated, record.source, document)
        record.text.mentions = record.text.dated = None
        record.source = None

    def finish(self) -> Index:
        if self._clashes:
            raise EditionError(self._clashes)
        texts = sorted(self.texts, key=lambda t: (t.date, t.id))
        self.store.finish(self.entries, ((text.id, self._documents[text.id]) for text in texts),
                          entry_aliases(self.entries.values()))
        return Index(self.title, self.entries, texts, self.store, pages=self.pages_of(self.entries),
                     correspondents=self.correspondents, unresolved=self.store.unresolved(),
                     language=main_language(texts), publication=self.publication)


def text_params(index, text: TextInfo, images: str = "", withheld: bool = False) -> dict:
    """The stylesheet's parameters for a text: the pages and names of the entries it points to, where
    the site has its images (images.py; none for a text without, whose parameters stay as they were),
    and ``withheld`` for a text a public build does not publish (ria/model/rights.py)."""
    published = [e for e in index.refs_of(text.id) if e in index.pages]
    # (the names for a pointer with no words of its own in the text: an utterance's speaker)
    params = {"root": "../", "entry_pages": index.addresses(published), "entry_names": index.names(published)}
    # A name that points by an entry's URI links to that entry (its id after the address, for its card).
    aliases = [f"{uri}={index.address(entry_id)}#{entry_id}" for uri, entry_id in index.source.pointers_in(text.id).items()
               if entry_id in index.pages and "=" not in uri]
    if aliases:
        params["entry_pages"] = " ".join([params["entry_pages"], *aliases]).strip()
    if withheld:
        params["withheld"] = True
    return {**params, "images": images} if images else params
