"""The build, top to bottom, for this edition and for any corpus alike: read → index → pages →
texts → search → checks → site in place.

A project (``Project`` below: the edition's, ria/publish/edition_project.py; a corpus's,
ria/corpus/build.py) gives what is its own: how it is read and indexed, its page set, each
text's transform, the files it adds, which problems stop it, and how it reuses an earlier
build. This loop does the rest the same way for both:

1. The site is staged beside the output folder (site.py), and the one scheduler (scheduler.py)
   gives the cores to the project's reading, the transforms and the search bundles.
2. The pages of the whole project are written first (the registers', the chronology's, …),
   so that Pagefind indexes them while the texts are transformed.
3. The texts go through the XSLT a window at a time; each page is rendered and written as its
   transform comes back, so finished pages are never held. A text that cannot be transformed
   gets a page that says why, and the project's checks decide whether that stops the build.
4. The search page (which names the bundles it merges) and the sitemap come last; the site is
   put in place only once the project's checks pass, so a build that fails writes nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Protocol

from ..model.index import Index
from ..model.rights import WithheldContexts, withheld_texts
from ..problems import EditionError, Problem
from ..progress import Progress, Quiet
from . import harvest
from .render import Planned
from .scheduler import open_scheduler
from .search_as_written import SearchAsWritten
from .site import StagedSite, check_output
from .workers import CROSSOVER_BYTES, Job, chunked, default_jobs, start_transforms, transform_all

# Texts sent through the XSLT at a time: their parts are all that is held of them.
WINDOW = 512


class Pages(Protocol):
    """A project's page set (the edition's Renderer, a corpus's CorpusRenderer)."""

    withheld: frozenset[str]

    def site_pages(self) -> Iterable[Planned]: ...
    def text_page(self, text, parts: dict[str, str]) -> bytes: ...
    def search_planned(self, merged_bundles: list[str]) -> Planned: ...


class Project(Protocol):
    """What a project gives the build: everything that is its own."""

    root: Path  # the toolchain's folder: its xslt/, schema/ and theme/
    inputs: list[Path]  # what the build reads: the site may be none of these, inside or above one
    reuse: object  # what the build takes from earlier builds (a corpus's Reuse, the edition's EditionReuse)

    def bytes_to_read(self) -> int: ...  # what reading it will read: the pool is started above some
    def read(self, scheduler, progress: Progress, public: bool) -> Index: ...  # EditionError: nothing to publish
    def pages(self, index: Index, withheld: set[str], search: bool, base_url: str) -> Pages: ...
    def files(self, withheld: set[str]) -> Iterable[Planned]: ...  # besides pages: TEI, images, downloads, …
    def text_job(self, text, withheld: bool) -> Job: ...  # a text's source and the stylesheet's parameters
    def text_files(self, text) -> dict[str, bytes]: ...  # what goes out beside a text's page
    def text_written(self, text) -> None: ...  # its page is in the site, kept or made
    def texts_written(self, scheduler, put) -> None: ...  # a window's pages are: make what follows from them
    def files_after_texts(self) -> Iterable[Planned]: ...  # made from what each text gave as it was written
    def transformer(self): ...  # the stylesheet compiled in this process, for texts not worth the pool
    def search_cache(self): ...  # where unchanged search bundles are kept, if ``reuse`` does not keep them
    def explain(self) -> None: ...  # after a failure: raise the checks' errors, which may say why
    def checked(self, failures: list[Problem], strict: bool) -> list[Problem]: ...  # EditionError: stop
    def made(self) -> None: ...  # every page is made: what only making them needed can go
    def close(self) -> None: ...  # the build is over, however it ended


class PagesInMemory(dict):
    """Where a build that writes nothing puts its pages (path → bytes)."""

    def write(self, files: dict[str, bytes]) -> None:
        self.update(files)


@dataclass
class Built:
    files: dict[str, bytes]  # the pages, where the build wrote nothing or was asked to keep them
    paths: list[str]  # every file of the site, in the order written
    index: Index
    stages: dict[str, float]  # wall seconds per stage
    problems: list[Problem] = field(default_factory=list)  # what the checks found that did not stop the build
    withheld: set[str] = field(default_factory=set)  # the texts a public build does not publish


def failed_parts(problem) -> dict[str, str]:
    """The parts of a text that could not be transformed: the reason, where its text would be."""
    reason = html.escape(str(problem) if problem else "the transformation failed")
    return {"toc": "", "notes": "", "apparatus": "", "about": "",
            "text": f'<p class="failed" role="alert">This text could not be shown: {reason}</p>'}


def build_site(project: Project, out: Path | None, jobs: int | None = None, progress: Progress | None = None,
               write: bool = True, keep: bool = False, search: bool = True, base_url: str = "",
               scheduler_address: str | None = None, public: bool = False, strict: bool = False) -> Built:
    """Read, index, transform, render and write ``project``'s site into ``out`` (with its search index).

    ``write=False`` (or no ``out``): nothing is written, the pages are kept in ``files``, as with
    ``keep``. ``scheduler_address``: a Dask scheduler's, whose workers do the per-document work and
    the search bundles (distributed.py); else this machine's cores do. ``public``: a build for the
    open web, which publishes no words of a text whose rights are not free (ria/model/rights.py).
    ``strict``: any problem stops the build. A build that stops raises EditionError and leaves the
    site in place as it was.
    """
    progress = progress or Quiet()
    writing = write and out is not None
    if writing:
        check_output(out, project.inputs, project.root)
    stages: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - started
        started = now

    workers = default_jobs() if jobs is None else max(1, jobs)
    reuse = project.reuse
    kept: dict[str, bytes] = {}
    with contextlib.ExitStack() as stack:
        stack.callback(progress.finish)  # (however the build ends)
        stack.callback(project.close)
        size = project.bytes_to_read()  # (the pool pays above some)
        site = (stack.enter_context(StagedSite(out, project.inputs, project.root, in_place=reuse.in_place))
                if writing else None)
        pages_out = site if site is not None else PagesInMemory()
        paths: list[str] = []

        def put(files: dict[str, bytes]) -> None:
            pages_out.write(files)
            paths.extend(files)
            if keep:
                kept.update(files)

        reuse.start(site, paths)
        scheduler = stack.enter_context(open_scheduler(workers, size >= CROSSOVER_BYTES, scheduler_address,
                                                       project.root))
        # 1. The project read and indexed.
        index = project.read(scheduler, progress, public)
        withheld = withheld_texts(index, public)
        if withheld:
            index = dataclasses.replace(index, source=WithheldContexts(index.source, withheld))
        lap("read")
        use_search = search and search_available()
        pages = project.pages(index, withheld, use_search, base_url)
        indexing = (SearchAsWritten(site, index, put, scheduler.bundle_indexer, reuse, project.search_cache())
                    if site is not None and use_search else None)
        if indexing is not None:
            stack.callback(indexing.cancel)  # stops Pagefind if the build fails; nothing once finished
        texts = _TextPages(project, index, pages, put, indexing, workers, scheduler, progress)
        try:
            texts.start()
            # 2. The pages of the whole project, and its files, each kept where unchanged.
            progress.stage("indices", 0)
            for planned in _project_files(project, pages, withheld):
                reuse.place(planned, put)
            if indexing is not None:
                indexing.pages_written(paths)  # Pagefind starts on them now
            lap("indices")
            # 3. Each text's page, as its transform comes back.
            failures = texts.write_all()
            scheduler.close()
            for planned in project.files_after_texts():
                reuse.place(planned, put)
            lap("texts")
        except Exception:
            project.explain()  # a text the checks reject may fail to render: then the checks say why
            raise
        # 4. The search page and the sitemap, then the checks; the site goes in place if they pass.
        if use_search:
            reuse.place(pages.search_planned(indexing.merged if indexing is not None else []), put)
        if harvest.publishable(base_url):  # for crawlers: every page at its public address
            reuse.place(_sitemap(paths, base_url, index), put)
        progress.stage("search index and checks", 0)
        problems = project.checked(failures, strict)  # raises EditionError where they stop the build
        project.made()  # (what only making the pages needed is never part of the site)
        if site is not None:
            if indexing is not None:
                indexing.finish(paths)
                lap("search index")
            site.commit()
            reuse.committed()
            lap("write")
    files = pages_out if isinstance(pages_out, PagesInMemory) else kept
    return Built(files, paths, index, stages, problems, withheld)


def _project_files(project: Project, pages: Pages, withheld: set[str]) -> Iterator[Planned]:
    """Every file but the texts' pages and the search page: the page set's, the project's, the theme's."""
    yield from pages.site_pages()
    yield from project.files(withheld)
    static = project.root / "theme" / "static"
    for asset in sorted(static.rglob("*")):
        if asset.is_file():
            yield _asset(f"static/{asset.relative_to(static)}", asset.read_bytes())


class _TextPages:
    """Each text's page (and the project's files of it), written as its transform comes back, a
    window of texts at a time; the texts that could not be transformed get a page that says why,
    and are the ``failures``."""

    def __init__(self, project: Project, index: Index, pages: Pages, put, indexing, workers: int, scheduler,
                 progress: Progress):
        self._project, self._index, self._pages, self._put = project, index, pages, put
        self._indexing, self._workers, self._scheduler, self._progress = indexing, workers, scheduler, progress
        self._windows = chunked(index.texts, WINDOW)
        self._first = None  # the first window, if its transforms were started early
        self._transformer = None
        self.failures: list[Problem] = []

    def start(self) -> None:
        """Send the first window's texts to the pool now, so that it transforms them while this
        process makes the project's other pages (on one core, or on a cluster, nothing is gained)."""
        if self._windows and self._scheduler.pooled and self._scheduler.bundle_indexer is None:
            self._first = self._started(self._windows[0])

    def write_all(self) -> list[Problem]:
        self._progress.stage("transforming", len(self._index.texts))
        for n, window in enumerate(self._windows):
            window, jobs, outcomes = self._first if n == 0 and self._first else self._started(window)
            if window:
                self._write(window, jobs, outcomes)
            self._project.texts_written(self._scheduler, self._put)
        return self.failures

    def _written(self, text) -> None:  # a text's page is in the site, kept or made
        self._project.text_written(text)
        if self._indexing is not None:
            self._indexing.text_written(text.id)

    def _kept(self, text) -> None:  # (no transform to count it)
        self._written(text)
        self._progress.advance(1)

    def _started(self, window: list) -> tuple:
        """The window's texts still to transform (the others kept or made from the cache), their
        jobs, and their transforms, under way in the pool."""
        window = self._project.reuse.texts(window, self._index, self._pages, self._put, self._kept)
        if not window:
            return window, [], None
        jobs = [self._project.text_job(text, text.id in self._pages.withheld) for text in window]
        pooled = self._scheduler.pooled
        if self._transformer is None and not pooled:
            self._transformer = self._project.transformer()
        outcomes = start_transforms(self._project.root / "xslt" / "text.xsl", jobs, self._workers,
                                    self._transformer, scheduler=self._scheduler if pooled else None)
        return window, jobs, outcomes

    def _write(self, window: list, jobs: list[Job], outcomes) -> None:
        project, pages, reuse = self._project, self._pages, self._project.reuse

        def publish(position: int, parts: dict[str, str]) -> None:
            text = window[position]
            reuse.parts_made(text, parts)
            self._put({f"texts/{text.id}.html": pages.text_page(text, parts)} | project.text_files(text))
            self._written(text)

        failed_before = len(self.failures)
        transform_all(project.root / "xslt" / "text.xsl", jobs, progress=self._progress.advance, done=publish,
                      failures=self.failures, started=outcomes)
        failed = {problem.path: problem for problem in self.failures[failed_before:]}
        for text, job in zip(window, jobs):
            if job.display_path in failed:  # its page says why it could not be shown
                reuse.failed(text)
                self._put({f"texts/{text.id}.html": pages.text_page(text, failed_parts(failed[job.display_path]))}
                          | project.text_files(text))
                self._written(text)


def _asset(name: str, data: bytes) -> Planned:
    """A file of the theme, planned: its recipe is its bytes' digest."""
    from ..cache import digest
    return Planned((name,), lambda: {name: data}, lambda: ("asset", name, digest(data)))


def _sitemap(paths: list[str], base_url: str, index: Index) -> Planned:
    """sitemap.xml and robots.txt, planned: made again when the pages or the texts' revisions change."""
    pages = harvest.listed_pages(paths)
    revised = {f"texts/{text.id}.html": text.revised for text in index.texts if text.revised}
    return Planned(harvest.sitemap_names(len(pages)), lambda: harvest.site_files(pages, base_url, revised),
                   lambda: ("sitemap", base_url, pages, sorted(revised.items())))


def search_available() -> bool:
    try:
        from .search import pagefind_executable
        pagefind_executable()
    except (ImportError, EditionError):
        return False
    return True
