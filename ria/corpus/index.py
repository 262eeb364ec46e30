"""The corpus's index: its register entries, its texts in order of date, every mention and
every dated passage, kept as plain records for the pages. Every step is linear in the number
of documents and mentions: entries and mentions are looked up in dictionaries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..index import Entry, Mention, TextInfo
from ..problems import EditionError, Problem
from ..progress import Progress, Quiet
from ..safenames import PageNames
from ..xmlio import TEI as T
from .entries import KINDS, entry_pages, register_entry
from .load import Corpus
from .texts import (DatedPassage, _Contexts, _letter_info, _publication, dated_passages, main_language,
                    mentions_of_text)


@dataclass
class CorpusIndex:
    title: str
    entries: dict[str, Entry]
    pages: dict[str, str]  # entry id → the entry's own page (without .html): persons/pmb3394
    texts: list[TextInfo]  # in order of date, then id
    mentions: dict[str, list[Mention]]  # entry id → mentions, in text order, then document order
    refs: dict[str, list[str]]  # text id → the entry ids it points to (for the XSLT's links)
    correspondents: dict[str, str]  # text id → "sender → recipient"
    unresolved: int = 0  # pointers to no entry of the registers
    language: str = "en"  # the language most texts are in (primary subtag), for the search index
    dated: list["DatedPassage"] = field(default_factory=list)  # the dates the texts mark, in order
    publication: dict[str, tuple[str, str]] = field(default_factory=dict)  # text id → (publisher, licence)

    @property
    def publisher(self) -> str:
        """The publisher most texts name: the corpus's, as far as its headers say."""
        counts = Counter(publisher for publisher, _ in self.publication.values() if publisher)
        return min(counts, key=lambda name: (-counts[name], name)) if counts else ""

    def entries_of(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind),
                      key=lambda e: (e.sort_key.casefold(), e.id))


def build_corpus_index(corpus: Corpus, progress: Progress | None = None) -> CorpusIndex:
    progress = progress or Quiet()
    entries: dict[str, Entry] = {}
    progress.stage("indexing registers", len(corpus.registers))
    for doc in corpus.registers:
        for el in doc.tree.getroot().iter(*KINDS):
            if el.tag == T + "bibl" and (el.getparent() is None or el.getparent().tag != T + "listBibl"):
                continue  # a bibl inside an entry is its source, not a work of the register
            entry = register_entry(el, KINDS[el.tag], doc.rel)
            if entry is not None:
                entries.setdefault(entry.id, entry)
        progress.advance()
    pages = entry_pages(entries)
    infos, by_entry, refs, correspondents = [], {}, {}, {}
    dated: list[DatedPassage] = []
    publication: dict[str, tuple[str, str]] = {}
    unresolved = 0
    progress.stage("indexing texts", len(corpus.texts))
    page_names = PageNames("text")
    clashes = []
    for doc in corpus.texts:
        info, who = _letter_info(doc)
        # A text's page is named by its xml:id, made safe; two files with one id (or ids that
        # one file system takes for one) are kept apart by the file's name.
        name = page_names.claim([info.id, doc.name or doc.path.stem], doc.rel, doc.tree.getroot().sourceline or 1)
        if isinstance(name, Problem):
            clashes.append(name)
            continue
        info.id = name
        infos.append(info)
        correspondents[info.id] = who
        publication[info.id] = _publication(doc.tree.getroot())
        contexts = _Contexts()
        mentions = mentions_of_text(doc, info.id, contexts)
        dated.extend(dated_passages(doc, info.id, contexts))
        own = []
        for mention in mentions:
            if mention.entry_id in entries:
                by_entry.setdefault(mention.entry_id, []).append(mention)
                own.append(mention.entry_id)
            else:
                unresolved += 1
        refs[info.id] = sorted(set(own))
        progress.advance()
    if clashes:
        raise EditionError(clashes)
    order = {info.id: n for n, info in enumerate(sorted(infos, key=lambda t: (t.date, t.id)))}
    for mentions in by_entry.values():
        # Mentions were gathered text by text in file order; the pages list them by date.
        mentions.sort(key=lambda m: (order[m.text_id], int(m.anchor[1:])))
    texts = sorted(infos, key=lambda t: (t.date, t.id))
    dated.sort(key=lambda d: (d.start, order[d.text_id]))
    return CorpusIndex(corpus.title, entries, pages, texts, by_entry, refs, correspondents, unresolved,
                       main_language(texts), dated, publication)
