"""Index stage: the registers, and every mention of their entries in the texts, in context.

One index model (``Index``) for the edition and for any corpus: each register entry (names,
dates, place, identification, authority links), each text's metadata, and each mention of an
entry with the sentence it stands in, the passage it belongs to, where that is as a reader cites
it ("ch. 2, ¶ 14") and the form of the name the source uses, all read by ria/model/entries.py,
texts.py and passages.py. ``build_index`` gathers the edition's from its loaded documents,
its mentions in memory; a corpus's is gathered file by file into the build's store
(ria/corpus/index.py).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..cache import BuildCache, NoCache
from ..xmlio import TEI as T
from . import passages
from .entries import entry_aliases, register_entries
from .load import Document, Edition
from .records import Entry, Mention, TextInfo
from .records import words as _text
from .texts import text_info

NAME_TAGS = {T + "persName": "person", T + "placeName": "place", T + "orgName": "org"}


class MentionsInMemory:
    """The mentions of a small edition, held as a list, with what the index asks of them; a
    corpus's are in its build's store (ria/corpus/store.py), which answers the same questions."""

    def __init__(self, mentions: list[Mention], dated: list | None = None):
        """``dated``: the dates the texts mark (model/chronology.Dated), where the index is asked for them."""
        self._all = mentions
        self._by_entry: dict[str, list[Mention]] = {}
        self._by_text: dict[str, list[Mention]] = {}
        for mention in mentions:
            self._by_entry.setdefault(mention.entry_id, []).append(mention)
            self._by_text.setdefault(mention.text_id, []).append(mention)
        self._by_year: dict[str, list] = {}
        for date in sorted(dated or [], key=lambda d: (d.key, d.clock)):
            self._by_year.setdefault(date.year, []).append(date)

    def all(self) -> list[Mention]:
        return self._all

    def mentions_of(self, entry_id: str) -> list[Mention]:
        return self._by_entry.get(entry_id, [])

    def mentioned(self) -> set[str]:
        return set(self._by_entry)

    def mentions_in_text(self, text_id: str) -> list[Mention]:
        return self._by_text.get(text_id, [])

    def refs_of(self, text_id: str) -> list[str]:
        return sorted({m.entry_id for m in self.mentions_in_text(text_id)})

    def pointers_in(self, text_id: str) -> dict[str, str]:
        return {}  # (the edition's mentions are read with their aliases resolved: build_index)

    def counts(self) -> dict[str, int]:
        return {entry_id: len(found) for entry_id, found in self._by_entry.items()}

    def dated_years(self) -> dict[str, int]:
        return {year: len(dates) for year, dates in self._by_year.items()}

    def dated_in(self, year: str) -> list:
        return self._by_year.get(year, [])


class MentionsByEntry(Mapping):
    """Entry id → its mentions, in the texts' order, read from the index's source on demand."""

    def __init__(self, source, mentioned: set[str]):
        self._source = source
        self._mentioned = mentioned

    def __getitem__(self, entry_id: str) -> list[Mention]:
        if entry_id not in self._mentioned:
            raise KeyError(entry_id)
        return self._source.mentions_of(entry_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._mentioned

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._mentioned))

    def __len__(self) -> int:
        return len(self._mentioned)


@dataclass
class Index:
    """What every page but a text's own is made from: the registers' entries, the texts' records
    in order of date, and the mentions of entries in texts, kept by ``source``: in memory for an
    edition (MentionsInMemory), in the build's store for a corpus (ria/corpus/store.py)."""

    title: str
    entries: dict[str, Entry]
    texts: list[TextInfo]  # in order of date, then id
    source: "MentionsInMemory"  # or a corpus build's CorpusStore: the same questions answered
    subtitle: str = ""
    version: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # entry id → its own page (without .html)
    correspondents: dict[str, str] = field(default_factory=dict)  # text id → "sender → recipient"
    unresolved: int = 0  # pointers to no entry of the registers
    language: str = "en"  # the language most texts are in (primary subtag), for the search index
    publication: dict[str, tuple[str, str]] = field(default_factory=dict)  # text id → (publisher, licence)

    def __post_init__(self):
        self._texts = {text.id: text for text in self.texts}
        self._text_order = {text.id: n for n, text in enumerate(self.texts)}
        self.mentions = MentionsByEntry(self.source, self.source.mentioned())
        self._refs: dict[str, list[str]] = {}

    @property
    def publisher(self) -> str:
        """The publisher most texts name: the corpus's, as far as its headers say."""
        counts = Counter(publisher for publisher, _ in self.publication.values() if publisher)
        return min(counts, key=lambda name: (-counts[name], name)) if counts else ""

    def mentions_of(self, entry_id: str) -> list[Mention]:
        return self.mentions.get(entry_id, [])

    def mentions_in_text(self, text_id: str) -> list[Mention]:
        return self.source.mentions_in_text(text_id)

    def mentions_by_text(self, entry_id: str) -> list[tuple[TextInfo, list[Mention]]]:
        """An entry's mentions grouped by text, in the order of the texts."""
        groups: dict[str, list[Mention]] = {}
        for mention in self.mentions_of(entry_id):
            groups.setdefault(mention.text_id, []).append(mention)
        return [(self._texts[text_id], own) for text_id, own in
                sorted(groups.items(), key=lambda item: self._text_order[item[0]])]

    def refs_of(self, text_id: str) -> list[str]:
        """The entries a text points to, sorted (for the XSLT's links and the page's name cards)."""
        # asked for a text's parameters, its page and its recipe in turn: the last few are kept
        if text_id not in self._refs:
            if len(self._refs) >= 64:
                self._refs.clear()
            self._refs[text_id] = self.source.refs_of(text_id)
        return list(self._refs[text_id])

    def entries_of(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind),
                      key=lambda e: (e.sort_key.casefold(), e.id))

    def address(self, entry_id: str) -> str:
        """Where an entry is shown, from the site's root: its own page where the project gives its
        entries pages (a corpus: persons/pmb3394.html), else its place in its register's page
        (the edition: persons.html#kerensky)."""
        if entry_id in self.pages:
            return f"{self.pages[entry_id]}.html"
        return f"{self.entries[entry_id].page}.html#{entry_id}"

    def addresses(self, entry_ids) -> str:
        """The stylesheets' ``entry_pages`` parameter: "id=address" for each of the entries."""
        return " ".join(f"{entry_id}={self.address(entry_id)}" for entry_id in entry_ids)

    def names(self, entry_ids) -> str:
        """The stylesheets' ``entry_names`` parameter: "id<TAB>name" lines, for a pointer with no words
        of its own (an utterance's speaker, xslt/spoken.xsl)."""
        return "\n".join(f"{entry_id}\t{' '.join(self.entries[entry_id].name.split())}"
                         for entry_id in entry_ids if entry_id in self.entries)

    def text(self, text_id: str) -> TextInfo:
        return self._texts[text_id]

    def dated_years(self) -> dict[str, int]:
        return self.source.dated_years()

    def dated_in(self, year: str):
        return self.source.dated_in(year)


def _mentions(doc: Document) -> list[Mention]:
    root = doc.tree.getroot()
    contexts = passages.Contexts(root.find(T + "text"))
    return passages.mentions_in(root, doc.id, contexts) + passages.event_mentions_in(root, doc.id, contexts)


def build_index(edition: Edition, cache: "BuildCache | None" = None) -> Index:
    entries: dict[str, Entry] = {}
    for doc in edition.registers:
        for entry in register_entries(doc.tree.getroot(), doc.rel):
            entries.setdefault(entry.id, entry)
    texts = sorted((text_info(doc.tree.getroot(), doc.id, doc.rel, doc.sha256) for doc in edition.texts),
                   key=lambda t: (t.date, t.id))
    cache = cache or NoCache()
    aliases = entry_aliases(entries.values())
    mentions = [dataclasses.replace(m, entry_id=aliases.get(m.entry_id, m.entry_id)) if m.entry_id in aliases else m
                for doc in edition.texts
                for m in cache.fetch("mentions", (doc.rel, doc.sha256), lambda doc=doc: _mentions(doc))]
    corpus = edition.corpus.tree.getroot() if edition.corpus is not None else None
    title = subtitle = version = ""
    if corpus is not None:
        title = _text(corpus.find(f".//{T}titleStmt/{T}title[@type='main']"))
        subtitle = _text(corpus.find(f".//{T}titleStmt/{T}title[@type='sub']"))
        edition_el = corpus.find(f".//{T}editionStmt/{T}edition")
        version = edition_el.get("n", "") if edition_el is not None else ""
    return Index(title or "Edition", entries, texts, MentionsInMemory(mentions), subtitle, version)
