"""The corpus build, top to bottom, streaming: read → index → transform and render → write.

1. Every file is read once, in the worker pool (``survey.py``): parsed, classified, checked
   against the edition's schema and indexed; only plain records come back.
2. The index is gathered from them; mentions and dated passages go to the build's store.
3. The texts go through the XSLT in the same pool, a window at a time; each page is
   rendered and written as its transform comes back, so finished pages are never held.
4. The register, chronology and map pages are rendered one by one from the store, then the
   search index is made over the staged site, and the site is put in place.

Memory holds the registers' entries and a small record a text; nothing else grows with
the corpus. With a cache (``cache_dir``) each stage takes what an earlier build made from the
same inputs and the site in place keeps its unchanged files, the changed ones moved into it
(incremental.py, site_journal.py). A build that writes nothing (``write=False``) keeps its pages in ``files``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.index import Index
from ..model.rights import WithheldContexts, withheld_texts
from ..problems import EditionError, Problem
from ..progress import Progress, Quiet
from ..publish import harvest
from ..publish.scheduler import open_scheduler
from ..publish.workers import CROSSOVER_BYTES, Job, chunked, default_jobs, transform_all
from .cache import open_cache
from .incremental import Reuse
from .index import text_params
from .load import Corpus, layout
from .reading import read_corpus

if TYPE_CHECKING:
    from ..validate.schema_report import SchemaReport

# Texts sent through the XSLT at a time: their parts are all that is held of them.
WINDOW = 512
STORE_NAME = ".ria-corpus-store.sqlite"  # in the staging folder, removed before the site is put in place


class PagesInMemory(dict):
    """Where a build that writes nothing puts its pages (path → bytes)."""

    def write(self, files: dict[str, bytes]) -> None:
        self.update(files)


@dataclass
class CorpusBuild:
    files: dict[str, bytes]  # the pages, where the build wrote nothing (write=False); else empty
    paths: list[str]  # every file of the site, in the order written
    corpus: Corpus
    index: Index
    report: "SchemaReport"
    stages: dict[str, float]  # wall seconds per stage
    problems: list[Problem] = field(default_factory=list)  # documents left out or not transformed
    reused: dict[str, int] = field(default_factory=dict)  # what an incremental build took from before
    withheld: set[str] = field(default_factory=set)  # the texts a public build does not publish

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


def build_corpus(corpus_dir: Path, out: Path | None, project_root: Path, jobs: int | None = None,
                 progress: Progress | None = None, write: bool = True, search: bool = True,
                 base_url: str = "", scheduler_address: str | None = None,
                 cache_dir: Path | None = None, public: bool = False, strict: bool = False) -> CorpusBuild:
    """Read, index, transform, render and write a corpus (with the search index).

    A document that cannot be parsed or transformed is reported in ``problems`` of the
    result and the others are published: a text that failed to transform gets a page that
    says so. EditionError (nothing written) only where nothing can be published.
    ``scheduler_address``: a Dask scheduler's, whose workers do the per-document work
    and the search bundles (ria/publish/distributed.py); else this machine's cores do.
    ``cache_dir``: the folder of the results of earlier builds of this site (cache.py), which
    this one reuses and updates (incremental.py); None for a clean build.
    ``public``: a build for the open web, which publishes no words of a text whose rights are not
    free (ria/model/rights.py): its page keeps what its header says, its TEI and images stay out, and
    the register and chronology pages cite it without its sentences. ``strict``: any problem (a
    document left out or not transformed, a warning) stops the build, and nothing is written.
    """
    from ..publish.site import StagedSite, check_output
    from .render import CorpusRenderer
    from .store import CorpusStore

    progress = progress or Quiet()
    from ..publish.build import Project
    # The edition's inputs too (tei/, sources/, …): a site written into one would be read by its next build.
    inputs = [corpus_dir] + Project.at(project_root).inputs
    writing = write and out is not None
    if writing:
        check_output(out, inputs, project_root)
    found = layout(corpus_dir)
    stages: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - started
        started = now

    workers = default_jobs() if jobs is None else max(1, jobs)
    reuse = Reuse(open_cache(cache_dir, inputs, out) if writing and cache_dir is not None else None, project_root)
    with contextlib.ExitStack() as stack:
        stack.callback(reuse.close)
        size = reuse.plan_reading(found)  # the bytes to read (a file unchanged since the last build is not)
        site = stack.enter_context(StagedSite(out, inputs, project_root, in_place=reuse.in_place)) if writing else None
        pages = site if site is not None else PagesInMemory()
        paths: list[str] = []

        def put(files: dict[str, bytes]) -> None:
            pages.write(files)
            paths.extend(files)

        reuse.start(site, paths)

        scheduler = stack.enter_context(open_scheduler(workers, size >= CROSSOVER_BYTES, scheduler_address,
                                                       project_root))
        store = reuse.store or CorpusStore(site.path / STORE_NAME if site is not None else None)
        if site is not None:
            stack.callback(store.close)

        # 1–2. Read and index every file.
        reading = read_corpus(found, project_root, scheduler, store, reuse, progress, public)
        corpus, index, report, images = reading.corpus, reading.index, reading.report, reading.images
        withheld = withheld_texts(index, public)
        if withheld:
            index = dataclasses.replace(index, source=WithheldContexts(index.source, withheld))
        lap("read")

        # 3. Each text's page, as its transform comes back.
        use_search = search and _search_available()
        renderer = CorpusRenderer(project_root / "theme", index, search=use_search, base_url=base_url,
                                  withheld=withheld)
        failures: list[Problem] = []
        indexing = (_SearchAsWritten(site, index, put, scheduler.bundle_indexer, reuse)
                    if site is not None and use_search else None)
        if indexing is not None:
            stack.callback(indexing.cancel)  # stops Pagefind if the build fails; nothing once finished
        transformer = None

        def written(text_id: str) -> None:  # a text's page is in the site, kept or made
            if indexing is not None:
                indexing.text_written(text_id)
            progress.advance(1)

        def tei_file(text, source: bytes | None) -> dict[str, bytes]:
            """A text's TEI as the site offers it: none for a text withheld from a public build."""
            if text.id in withheld:
                return {}
            return {f"tei/{text.id}.xml": source or (found.root / text.path).read_bytes()}

        progress.stage("transforming", len(index.texts))
        for window in chunked(index.texts, WINDOW):
            window = reuse.texts(window, index, renderer,
                                 lambda text: store.source_of(text.id) or (found.root / text.path).read_bytes(),
                                 put, written)
            if not window:
                continue
            sources = {text.id: store.source_of(text.id) for text in window}  # (those of the texts to transform)
            if transformer is None and not scheduler.pooled:
                from ..publish.transform import compiled
                transformer = compiled(project_root / "xslt" / "text.xsl")
            jobs_now = [Job(sources[text.id] or found.root / text.path, text.path,
                           text_params(index, text, images.param(text.id), text.id in withheld))
                        for text in window]

            def publish(position: int, parts: dict[str, str], window=window, sources=sources) -> None:
                text = window[position]
                reuse.parts_made(text, parts)
                put({f"texts/{text.id}.html": renderer.text_page(text, parts)} | tei_file(text, sources[text.id]))
                if indexing is not None:
                    indexing.text_written(text.id)

            failed_before = len(failures)
            transform_all(project_root / "xslt" / "text.xsl", jobs_now, workers, progress.advance,
                          transformer=transformer, done=publish, failures=failures, scheduler=scheduler)
            failed = {problem.path: problem for problem in failures[failed_before:]}
            for text in window:
                if text.path in failed:  # its page says why it could not be shown
                    reuse.failed(text)
                    put({f"texts/{text.id}.html": renderer.text_page(text, renderer.failed_parts(failed[text.path]))}
                        | tei_file(text, sources[text.id]))
                    if indexing is not None:
                        indexing.text_written(text.id)
        scheduler.close()
        lap("texts")

        # 4. The pages of the whole corpus, one at a time.
        progress.stage("indices", 0)
        # (each kept as it is in the site in place where what it is made from is unchanged)
        for planned in renderer.site_pages(len(corpus.skipped), report):
            reuse.place(planned, put)
        for image in images.published():  # the texts' images, each once
            reuse.place(_image(image), put)
        static = project_root / "theme" / "static"
        for asset in sorted(static.rglob("*")):
            if asset.is_file():
                reuse.place(_asset(f"static/{asset.relative_to(static)}", asset.read_bytes()), put)
        if use_search:
            if indexing is not None:
                indexing.pages_written(paths)  # the search page names every bundle but the primary
            reuse.place(renderer.search_planned(indexing.merged if indexing is not None else []), put)
        if harvest.publishable(base_url):  # for crawlers: every page at its public address
            reuse.place(_sitemap(paths, base_url, index), put)
        lap("indices")
        if strict and (corpus.problems or failures):
            raise EditionError(sorted(corpus.problems + failures))  # (the site in place stays as it was)
        if site is not None:
            store.close()  # scratch data: never part of the site
            if indexing is not None:
                progress.stage("search index", 0)
                indexing.finish(paths)
                lap("search index")
            site.commit()
            reuse.committed()
            lap("write")
    progress.finish()
    files = pages if isinstance(pages, PagesInMemory) else {}
    return CorpusBuild(files, paths, corpus, index, report, stages, sorted(corpus.problems + failures),
                       reuse.counts(), withheld)


class _SearchAsWritten:
    """The corpus's search index, made by Pagefind while the build goes on: the texts' pages in
    runs bounded in bytes (``search_bundles.Runs``), each indexed as soon as the texts before its
    end are all written, then the other pages in runs too, the first of them (with the search
    page) the primary bundle, which carries Pagefind's client. No bundle grows with the corpus.
    A bundle none of whose pages changed is not indexed again (``reuse``), and a page that
    changes moves few cut points, so a change to one letter re-indexes its run and the runs of
    the entries whose pages quote it."""

    def __init__(self, site, index: Index, put, remote=None, reuse: Reuse | None = None):
        from ..publish.search import SearchIndexing
        from ..publish.search_bundles import MAX_TEXT_BUNDLES, TEXT_BUNDLES, Runs
        self._reuse, self._put, self._language = reuse, put, index.language
        # Pagefind reads the pages where they are: staged, or (an update in place) kept in the site
        self._site = _NewSite(site) if site.in_place else site.path
        self._keys: dict[str, str] = {}  # bundle folder → its key in the cache, for those Pagefind makes
        self._indexing = SearchIndexing(self._site, bundles=[], language=index.language, one_thread_each=True,
                                        write=self._write, remote=remote)
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
        from ..publish.search_bundles import TEXT_BUNDLES, Bundle
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
        from ..publish.search_bundles import PAGE_BUNDLES, Runs
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
        from ..publish.search_bundles import BUNDLE, Bundle
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


def _asset(name: str, data: bytes):
    """A file of the theme, planned: its recipe is its bytes' digest."""
    from ..cache import digest
    from .render import Planned
    return Planned((name,), lambda: {name: data}, lambda: ("asset", name, digest(data)))


def _image(image):
    """An image of a text, planned: copied from the corpus again when its file changed (images.py)."""
    from .render import Planned
    return Planned((image.site_name,), lambda: {image.site_name: Path(image.file).read_bytes()},
                   lambda: ("image", image.site_name, image.file, *image.state))


def _sitemap(paths: list[str], base_url: str, index: Index):
    """sitemap.xml and robots.txt, planned: made again when the pages or the texts' revisions change."""
    from .render import Planned
    pages = harvest.listed_pages(paths)
    revised = {f"texts/{text.id}.html": text.revised for text in index.texts if text.revised}
    return Planned(harvest.sitemap_names(len(pages)), lambda: harvest.site_files(pages, base_url, revised),
                   lambda: ("sitemap", base_url, pages, sorted(revised.items())))


def _search_available() -> bool:
    try:
        from ..publish.search import pagefind_executable
        pagefind_executable()
    except (ImportError, EditionError):
        return False
    return True
