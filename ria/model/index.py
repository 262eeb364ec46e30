"""Index stage: the registers, and every mention of their entries in the texts, in context.

From the loaded edition it builds plain data for the render stage: each register
entry (names, dates, place, identification, authority links), each text's
metadata, and each mention of an entry with the sentence it stands in, the
paragraph it belongs to, where that is as a reader cites it ("ch. 2, ¶ 14") and the
form of the name the source uses.
"""

from __future__ import annotations

from dataclasses import dataclass


from ..cache import BuildCache, NoCache
from ..xmlio import TEI as T
from . import passages
from .entries import register_entries
from .load import Document, Edition
from .records import Entry, Mention, TextInfo
from .records import words as _text
from .texts import text_info

NAME_TAGS = {T + "persName": "person", T + "placeName": "place", T + "orgName": "org"}

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


def _mentions(doc: Document) -> list[Mention]:
    root = doc.tree.getroot()
    contexts = passages.Contexts(root.find(T + "text"))
    return passages.mentions_in(root, doc.id, contexts) + passages.event_mentions_in(root, doc.id, contexts)


def build_index(edition: Edition, cache: "BuildCache | None" = None) -> EditionIndex:
    entries: dict[str, Entry] = {}
    for doc in edition.registers:
        for entry in register_entries(doc.tree.getroot(), doc.rel):
            entries.setdefault(entry.id, entry)
    texts = sorted((text_info(doc.tree.getroot(), doc.id, doc.rel, doc.sha256) for doc in edition.texts),
                   key=lambda t: (t.date, t.id))
    cache = cache or NoCache()
    mentions = [m for doc in edition.texts
                for m in cache.fetch("mentions", (doc.rel, doc.sha256), lambda doc=doc: _mentions(doc))]
    corpus = edition.corpus.tree.getroot() if edition.corpus is not None else None
    title = subtitle = version = ""
    if corpus is not None:
        title = _text(corpus.find(f".//{T}titleStmt/{T}title[@type='main']"))
        subtitle = _text(corpus.find(f".//{T}titleStmt/{T}title[@type='sub']"))
        edition_el = corpus.find(f".//{T}editionStmt/{T}edition")
        version = edition_el.get("n", "") if edition_el is not None else ""
    return EditionIndex(entries, texts, mentions, title or "Edition", subtitle, version)
