"""A site's search index, made by Pagefind while the build goes on (ria/publish/pipeline.py):
each bundle (search_bundles.py) is started as soon as its pages are all written."""

from __future__ import annotations

from pathlib import Path

from .search import SearchIndexing
from .search_bundles import BUNDLE, MAX_TEXT_BUNDLES, PAGE_BUNDLES, TEXT_BUNDLES, Bundle, Runs


class SearchAsWritten:
    """A site's search index, made by Pagefind while the build goes on: the texts' pages (a
    bundle a text, or runs bounded in bytes, ``Runs``), each indexed as soon as the texts before
    its end are all written, then the other pages in runs too, the first of them (with the search
    page) the primary bundle, which carries Pagefind's client. No bundle grows with the corpus.
    A bundle none of whose pages changed is not indexed again (``reuse``'s bundle keys, or
    ``cache``'s), and a page that changes moves few cut points, so a change to one letter
    re-indexes its run and the runs of the entries whose pages quote it."""

    def __init__(self, site, index, put, remote=None, reuse=None, cache=None):
        self._reuse, self._put, self._language = reuse, put, index.language
        # Pagefind reads the pages where they are: staged, or (an update in place) kept in the site
        self._site = _NewSite(site) if site.in_place else site.path
        self._keys: dict[str, str] = {}  # bundle folder → its key in the cache, for those Pagefind makes
        self._indexing = SearchIndexing(self._site, cache, bundles=[], language=index.language,
                                        one_thread_each=True, write=self._write, remote=remote)
        self._order = [text.id for text in index.texts]  # the runs follow the corpus's order, whatever the pool's
        self._one_each = len(self._order) <= MAX_TEXT_BUNDLES  # a small corpus: a bundle a text
        self._runs = Runs(TEXT_BUNDLES)
        self._done: set[str] = set()  # texts written past the end of the runs cut so far
        self._next = 0  # the position of the first text not in a run yet
        self._merged: list[str] = []  # the folders of the bundles the search page merges into the primary
        self._primary: tuple[str, ...] = ()  # the first run of the pages that are not texts'
        self._cut: set[str] = set()  # the pages that are not texts' cut into runs (pages_written)

    @property
    def merged(self) -> list[str]:
        return sorted(f"{folder}/" for folder in self._merged)

    def text_written(self, text_id: str) -> None:
        if self._one_each:
            self._add(Bundle(f"{TEXT_BUNDLES}/{text_id}", (f"texts/{text_id}.html",), primary=False))
            return
        self._done.add(text_id)
        while self._next < len(self._order) and self._order[self._next] in self._done:
            self._done.discard(self._order[self._next])
            page = f"texts/{self._order[self._next]}.html"
            self._next += 1
            self._add(self._runs.add(page, (self._site / page).stat().st_size))
        if self._next == len(self._order):
            self._add(self._runs.close())

    def pages_written(self, paths: list[str]) -> None:
        """Cut the pages written so far that search finds (the register entries') into runs: the
        first is kept for the primary bundle; Pagefind starts on the others. (In a bundle apart,
        a page that Pagefind should not index would be indexed whole: Pagefind leaves out the
        pages without ``data-pagefind-body`` only where some page of its bundle has it.)"""
        runs = Runs(PAGE_BUNDLES)
        bundles = []
        self._cut = {p for p in paths if p.endswith(".html") and not p.startswith("texts/")}
        for page in sorted(self._cut):
            data = (self._site / page).read_bytes()
            if b" data-pagefind-body" in data:
                bundles.append(runs.add(page, len(data)))
        bundles = [bundle for bundle in bundles + [runs.close()] if bundle is not None]
        # the primary: the first run, or, where no page is for search, every page (as Pagefind would take them)
        self._primary = bundles[0].pages if bundles else tuple(sorted(self._cut))
        for bundle in bundles[1:]:
            self._add(bundle)

    def _add(self, bundle) -> None:
        if bundle is None:
            return
        if not bundle.primary:
            self._merged.append(bundle.folder)
        key = self._reuse.bundle_key(bundle, self._language) if self._reuse else None
        if key is not None:
            if self._reuse.keep_bundle(bundle.folder, key):
                return  # its files in the site are those of its pages as they are
            stored = self._reuse.stored_bundle(key)
            if stored is not None:
                self._reuse.bundle_made(key, stored, stored=True)
                self._put(stored)
                return
            self._keys[bundle.folder] = key
        self._indexing.add(bundle)

    def _write(self, files: dict[str, bytes]) -> None:
        """Put a bundle Pagefind made into the site (and into the cache)."""
        folder = next((f for f in self._keys if all(name.startswith(f + "/") for name in files)), None)
        if folder is not None:
            self._reuse.bundle_made(self._keys.pop(folder), files)
        self._put(files)

    def finish(self, paths: list[str]) -> None:
        """Index the primary bundle: the first run of the pages that are not texts', and those
        written after them (the search page); and put every bundle into the site."""
        later = {p for p in paths if p.endswith(".html") and not p.startswith("texts/")} - self._cut
        self._add(Bundle(BUNDLE, tuple(sorted(set(self._primary) | later))))
        self._indexing.finish()

    def cancel(self) -> None:
        self._indexing.cancel()


class _NewSite:
    """The new site as Pagefind is to read it, before an update in place is committed: each page
    where it is (StagedSite.site_file), joined as a folder is."""

    def __init__(self, site):
        self._site = site

    def __truediv__(self, rel) -> Path:
        return self._site.site_file(str(rel))

    def __str__(self) -> str:
        return str(self._site.out_dir)
