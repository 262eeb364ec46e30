"""Index stage: the registers, and every mention of their entries in the texts, in context.

One index model (``Index``) for the edition and for any corpus: each register entry (names,
dates, place, identification, authority links), each text's metadata, and each mention of an
entry with the sentence it stands in, the passage it belongs to, where that is as a reader cites
it ("ch. 2, ¶ 14") and the form of the name the source uses, all read by ria/model/entries.py,
texts.py and passages.py, and gathered into an index one way (indexer.py): the edition's from
its loaded documents, a corpus's file by file as its worker pool reads it.
"""

from __future__ import annotations

import posixpath
import urllib.parse

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..xmlio import TEI as T
from .records import Entry, Mention, TextInfo

if TYPE_CHECKING:
    from .store import IndexStore

NAME_TAGS = {T + "persName": "person", T + "placeName": "place", T + "orgName": "org"}


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
    in order of date, and the mentions of entries in texts, kept by ``source``, a store (store.py):
    in memory for the edition, in the build's folder or its cache for a corpus."""

    title: str
    entries: dict[str, Entry]
    texts: list[TextInfo]  # in order of date, then id
    source: "IndexStore"  # (or the same with a public build's sentences taken out: ria/model/rights.py)
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
        self._by_path = {text.path: text for text in self.texts}
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

    def texts_linked(self, text: TextInfo) -> str:
        """The stylesheets' ``text_pages`` parameter: "written<TAB>address<TAB>title" for each file of
        the corpus ``text``'s references point to (TextInfo.links), resolved from its own folder; a
        name with no extension is also that name's file (``L03109`` for ``L03109.xml``, as the
        ACDH's letters write their previous and next letter) or, failing that, the text of that id."""
        if not text.links:
            return ""
        folder = posixpath.dirname(text.path)
        lines = []
        for written in text.links:
            path = posixpath.normpath(posixpath.join(folder, urllib.parse.unquote(written)))
            target = self._by_path.get(path)
            if target is None and not posixpath.splitext(path)[1]:
                target = self._by_path.get(path + ".xml") or self._texts.get(urllib.parse.unquote(written))
            if target is not None and target.id != text.id:
                lines.append(f"{written}\ttexts/{target.id}.html\t{' '.join(target.title.split())}")
        return "\n".join(lines)

    def dated_years(self) -> dict[str, int]:
        return self.source.dated_years()

    def dated_in(self, year: str):
        return self.source.dated_in(year)
