"""A corpus's DTS endpoint set (ria/publish/dts.py, the edition's), written as the build goes.

The corpus is the root collection and each text a resource. A text's files (its Collection
entry, its Navigation and each citable unit's, its TEI and each passage) are made from its
TEI alone as its page is written (``CorpusDTS.text``), its tree dropped once they are; what is
kept of it is a small record (dts.ResourceFacts: its languages, licences and kinds of units,
the same for most texts of a corpus, so held once). The entry point and the collection's pages
(dts.PAGE_SIZE texts a page) are made at the end from those records and the index's, and kept
where their bytes are unchanged.

An incremental build (incremental.py) keeps a text's files where the site in place has them
as they would be made now: its files' recipe is its TEI's hash and what its Collection entry
says of it (the index's record, whether it is withheld, the base URL), and the cache holds,
under that recipe, its units' identifiers (which name its files), its record and what its
reference declaration made the build report.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterator

from ..model.index import Index, TextInfo
from ..problems import Problem
from ..publish import dts as endpoints
from ..publish.dts import (ENTRY, ResourceFacts, RootCollection, citable_units, collection_page,
                           collection_page_names, entry_point,
                           resource_facts, text_file_names, text_files)
from ..publish.render import Planned
from ..xmlio import parse_bytes
from .incremental import Reuse

ROOT_ID = "corpus"  # the root collection's id, unless a text has it


class _Text:
    """A text as citable_units reads it: its tree, and the file it is reported at."""

    def __init__(self, tree, rel: str):
        self.tree, self.rel = tree, rel


class CorpusDTS:
    def __init__(self, index: Index, base_url: str, withheld: frozenset[str], reuse: Reuse):
        self._index, self._base_url, self._withheld = index, base_url, withheld
        self._reuse = reuse
        self._facts: dict[str, ResourceFacts] = {}  # text id → its record, each distinct record held once
        self._distinct: dict[ResourceFacts, ResourceFacts] = {}
        self.problems: list[Problem] = []  # what the texts' reference declarations made the build report
        self._pending: list[tuple[TextInfo, str | None]] = []  # texts written whose files are to be made

    def text(self, text: TextInfo) -> None:
        """A text's page is written: its files are kept from the site in place, where they are as
        they would be made now, else made with the others of its window (``made``)."""
        withheld = text.id in self._withheld
        cache = self._reuse.cache
        key = None
        if cache is not None:
            key = cache.flat_key("corpus-dts", text.sha256, text.id, text.title, text.author, text.date,
                                 text.availability_note, text.sources[0] if text.sources else "", withheld,
                                 self._base_url)
            stored = cache.get(key)
            if stored is not None:
                identifiers, facts, problems = stored
                names = tuple(text_file_names(text.id, identifiers, withheld))
                if self._reuse.keep(Planned(names, lambda: {}, lambda: ("dts", key))):
                    self._record(text, facts, problems)
                    return
        self._pending.append((text, key))

    def made(self, scheduler, source: Callable[[TextInfo], bytes], put: Callable[[dict[str, bytes]], None]) -> None:
        """Make the files of the texts written since the last call, on the build's workers, and
        ``put`` them; ``source``: a text's TEI's bytes."""
        pending, self._pending = self._pending, []
        items = [(text, source(text), text.id in self._withheld, self._base_url) for text, _ in pending]
        results = (made for batch in scheduler.map(_made, items) for made in batch)
        for (text, key), (files, identifiers, facts, problems) in zip(pending, results):
            if key is not None:
                self._reuse.cache.put(key, (identifiers, facts, problems))
                recipe = Planned(tuple(files), lambda: files, lambda: ("dts", key)).recipe
                self._reuse.recipes.update(dict.fromkeys(files, recipe))  # recorded as made (Reuse.committed)
            put(files)
            self._record(text, facts, problems)

    def _record(self, text: TextInfo, facts: ResourceFacts, problems: list[Problem]) -> None:
        self._facts[text.id] = self._distinct.setdefault(facts, facts)
        self.problems.extend(problems)

    def site_pages(self) -> Iterator[Planned]:
        """The entry point and the root collection's pages, planned (each kept where its bytes are unchanged)."""
        texts, base_url = self._index.texts, self._base_url
        size = endpoints.PAGE_SIZE
        count = max(1, -(-len(texts) // size))
        entry = entry_point(base_url, count > 1)
        yield Planned((ENTRY,), lambda: entry, lambda: ("dts-entry", *sorted(entry.items())))
        root = self._root()
        for number in range(1, count + 1):
            members = [(text, self._facts[text.id], text.id in self._withheld)
                       for text in texts[(number - 1) * size:number * size]]
            # (planned from what its members' entries say, so a page kept is never made)
            said = [(text.id, text.title, text.author, text.date, text.availability_note,
                     text.sources[0] if text.sources else "", facts, withheld) for text, facts, withheld in members]
            yield Planned(tuple(collection_page_names(root, number, count)),
                          lambda members=members, number=number: collection_page(
                              root, members, number, count, len(texts), base_url),
                          lambda said=said, number=number: (self._reuse.cache.flat_key(
                              "dts-collection", root, number, count, len(texts), base_url, *said),))

    def _root(self) -> RootCollection:
        taken = {text.id.casefold() for text in self._index.texts}
        root_id = next(name for n in range(len(taken) + 1)
                       if (name := ROOT_ID if n == 0 else f"{ROOT_ID}-{n}").casefold() not in taken)
        languages = Counter(self._facts[text.id].lang for text in self._index.texts)
        licensed = {facts.licences for facts in self._distinct}
        index = self._index
        return RootCollection(root_id, index.title, index.subtitle or index.title, index.language,
                              tuple(sorted(languages, key=lambda lang: (-languages[lang], lang))) or (index.language,),
                              licensed.pop() if len(licensed) == 1 else (), index.publisher)


def _made(items: list[tuple]) -> list[tuple]:
    """In a worker: each (text, its TEI's bytes, whether withheld, the base URL)'s files, its units'
    identifiers, the record the collection keeps of it and what its reference declaration reports."""
    made = []
    for text, data, withheld, base_url in items:
        tree = parse_bytes(data, text.path, collect_ids=False, doctype=True, warnings=[])
        problems: list[Problem] = []
        units = citable_units(_Text(tree, text.path), problems)
        facts = resource_facts(tree.getroot(), units)
        made.append((text_files(text, data, units, facts, withheld, base_url), [unit.identifier for unit in units],
                     facts, problems))
    return made
