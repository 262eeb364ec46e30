"""Search-index stage: Pagefind indexes the finished pages of a staged site.

Pagefind reads the HTML the render stage wrote (only what a page marks with
``data-pagefind-body``; filters from ``data-pagefind-filter``) and writes its
index and client into a scratch folder (in memory where the system has one), from
which the build puts them into ``pagefind/`` beside the pages, before the site is
swapped into place. Pagefind indexes the reading text once: the copy-text's readings
that the edition corrected, and the page's markers, are left out (NOT_INDEXED). Those
readings still find their passage: ria/publish/search_passages.py lists them beside each
bundle, with each paragraph's location, and writes the index that search uses from a
folder (file://), where Pagefind cannot load.

A site's index is a set of Pagefind bundles, merged by the search page in the
browser (Pagefind's ``mergeIndex``): one for each text's page where the texts are few
(MAX_TEXT_BUNDLES), else runs of pages bounded in bytes, so that no Pagefind process
grows with the corpus; the primary, for the other pages, also carries Pagefind's client
(which pages go where: ria/publish/search_bundles.py). Each bundle is a function of its own
pages, so saving one text re-indexes that text's bundle (and the primary, if the indices'
pages changed with it), not the whole site. A bundle is indexed as soon as its pages are
written (``SearchAsWritten``), while the texts are still being transformed.
Pagefind's filter files are made canonical by ria/publish/pagefind_format.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..cache import BuildCache, NoCache
from ..problems import EditionError, Problem
from ..safenames import inside
from .pagefind_format import PAGEFIND_FORMAT, canonical_filters  # noqa: F401 (PAGEFIND_FORMAT: the pin's check)
from .search_bundles import (  # noqa: F401 (the
    BUNDLE,
    MAX_TEXT_BUNDLES,
    TEXT_BUNDLES,
    Bundle,
    Runs,  # search stage's names, where its callers look)
)
from .search_passages import NOT_INDEXED, bundle_extras
from .site import process_alive

TIMEOUT_S = 600
# Pagefind processes at a time: one more than the cores, so that a core does not wait while
# the thread that should start the next process waits for the interpreter (SearchIndexing).
RUNNERS = (os.cpu_count() or 1) + 1
# Pagefind runs at a lower priority than the build, whose own work is the longer path: the
# search index fills the cores the build leaves idle. (`nice` is POSIX; elsewhere it runs as is.)
NICE = ["nice", "-n", "10"] if shutil.which("nice") else []
# What a bundle merged into the primary needs; the client (scripts, styles, WebAssembly) is the primary's.
_MERGED_PARTS = ("pagefind-entry.json", "*.pf_meta", "index/*", "fragment/*", "filter/*")
# The part of the client that the search page (theme/static/search.js) loads: Pagefind's API, its
# worker and WebAssembly. Pagefind's own search interfaces and highlighter are not published.
_CLIENT_PARTS = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")
# Pagefind writes a whole bundle, its client included, of which the site keeps a part: it
# writes into a scratch folder in memory where there is one with room to spare (Linux's
# /dev/shm; a container may give it only megabytes), else in the system's temporary folder,
# and the build copies what it keeps into the site.
SCRATCH_ROOM = 1 << 30


def _scratch_dir() -> str | None:
    try:
        if os.access("/dev/shm", os.W_OK) and shutil.disk_usage("/dev/shm").free >= SCRATCH_ROOM:
            return "/dev/shm"
    except OSError:
        pass
    return None


SCRATCH_DIR = _scratch_dir()
_SCRATCH_PREFIX = "ria-pagefind-"  # + the pid of the build that made it


def _new_scratch() -> Path:
    """A scratch folder of this process's, once the folders of builds that died are removed.

    A build that is killed cannot remove its own, and one in memory holds the memory
    until the machine restarts.
    """
    parent = Path(SCRATCH_DIR or tempfile.gettempdir())
    for stale in parent.glob(f"{_SCRATCH_PREFIX}*-*"):
        pid = stale.name[len(_SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{_SCRATCH_PREFIX}{os.getpid()}-", dir=parent))


def pagefind_executable() -> Path:
    """The Pagefind binary that the pinned ``pagefind-bin`` package installed."""
    try:
        from pagefind_bin import get_executable
        return get_executable()
    except (ImportError, FileNotFoundError) as err:
        raise EditionError(Problem("requirements.txt", 1, 1, "error",
                                   f"Pagefind is not installed ({err}); "
                                   "pip install -r requirements.txt", rule="environment")) from None


@dataclass
class _Indexing:
    bundle: Bundle
    inputs: tuple  # the cache key: the bundle and its pages' bytes (empty where nothing is cached)
    files: dict[str, bytes] | None  # the bundle's files, once known
    returncode: int | None = None
    messages: str = ""
    extras: dict[str, bytes] | None = None  # the files beside Pagefind's (ria/publish/search_passages.py)
    remote: object | None = None  # the bundle at work on a cluster (ria/publish/distributed.py): result(), cancel()


class _PagesOnDisk(Mapping):
    """A bundle's pages (path → bytes), each read from the site when it is asked for."""

    def __init__(self, site_dir: Path, pages: tuple[str, ...]):
        self._site_dir = site_dir
        self._pages = pages

    def __getitem__(self, page: str) -> bytes:
        if page not in self._pages:
            raise KeyError(page)
        return (self._site_dir / page).read_bytes()

    def __iter__(self):
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)


class SearchIndexing:
    """Pagefind at work on a staged site while the build goes on.

    A bundle is a function of its pages alone, so a bundle whose pages an earlier build
    indexed is taken from the cache and Pagefind is not run for it. The others are indexed
    by Pagefind processes, RUNNERS at a time. A process is started by whoever finds a
    place free: :meth:`add`, or the thread that awaited the process before it. The build's
    own thread may be inside Saxon, which holds the interpreter for the whole of a
    transformation, so a thread of this process that had to wait for the interpreter
    would start Pagefind only once that transformation is over.
    """

    def __init__(self, site_dir: Path, cache: BuildCache | None = None,
                 bundles: list[Bundle] | None = None, language: str = "en", one_thread_each: bool = False,
                 write: Callable[[dict[str, bytes]], None] | None = None, remote=None):
        """``write`` puts files (relative path → bytes) into the site, by default one by one;
        ``remote`` indexes the bundles elsewhere (ria/distributed.DaskScheduler), not Pagefind here."""
        self.site_dir = site_dir
        self._remote = remote
        self._write = write or self._write_files
        self.language = language  # one index for every page, in the texts' language (its stemming)
        # Several Pagefind processes at a time keep the cores busy by themselves; the threads of
        # each would only compete for them (Pagefind's idle threads spin, yielding the core).
        self._environment = {**os.environ, "RAYON_NUM_THREADS": "1"} if one_thread_each else None
        self.cache = cache or NoCache()
        if bundles is None:
            bundles = [Bundle(BUNDLE, tuple(str(p.relative_to(site_dir)) for p in sorted(site_dir.rglob("*.html"))))]
        self._work: list[_Indexing] = []
        self._queue: list[_Indexing] = []
        self._executable: Path | None = None
        self._processes: list[subprocess.Popen] = []
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        self._waiters: list[threading.Thread] = []
        self._running = 0  # Pagefind processes at work, at most RUNNERS
        self._scratch: Path | None = None  # where Pagefind writes its bundles, made when first needed
        for bundle in bundles:
            self.add(bundle)

    def add(self, bundle: Bundle) -> None:
        """Index ``bundle``, whose pages are in the site now: Pagefind starts on it at once if a core is free."""
        if isinstance(self.cache, NoCache):
            # Nothing to look up: the pages are not read into memory for a key (a corpus build's
            # bundles hold thousands); Pagefind and the extras read them from the site.
            work = _Indexing(bundle, (), None)
        else:
            inputs = (bundle, self.language, [(page, (self.site_dir / page).read_bytes()) for page in bundle.pages])
            work = _Indexing(bundle, inputs, self.cache.get("search-index", inputs))
        self._work.append(work)
        if work.files is not None:
            return
        if self._remote is not None:
            work.remote = self._remote.index_bundle(bundle, _PagesOnDisk(self.site_dir, bundle.pages),
                                                    self.language, self._environment is not None)
            return
        if self._executable is None:
            self._executable = pagefind_executable()
        if self._scratch is None:
            self._scratch = _new_scratch()
        with self._lock:
            self._queue.append(work)
        self._start_queued()

    def _start_queued(self) -> None:
        with self._lock:
            while self._queue and self._running < RUNNERS and not self._cancelled.is_set():
                work = self._queue.pop(0)
                started = self._start(work)
                if started:
                    self._running += 1
                    waiter = threading.Thread(target=self._await, args=(work, *started), daemon=True)
                    self._waiters.append(waiter)
                    waiter.start()

    def _start(self, work: _Indexing):
        """Pagefind started on ``work``: (process, its output file), or None with the reason in ``work``.

        Pagefind is pointed at a folder of links to the bundle's pages, not handed their names:
        a command line that grew with the bundle would outgrow the system's limit.
        """
        pages_folder = self._scratch / "pages" / work.bundle.folder
        try:
            for page in work.bundle.pages:
                link = inside(pages_folder, page)
                link.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(self.site_dir / page, link)
        except OSError as err:
            work.messages = f"cannot stage the pages for Pagefind: {err}"
            return None
        command = pagefind_command(self._executable, pages_folder, self._scratch / work.bundle.folder, self.language)
        # A file, not a pipe: nobody reads Pagefind's messages until it has finished.
        output = tempfile.TemporaryFile()
        try:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, env=self._environment)
        except OSError as err:
            output.close()
            work.messages = str(err)
            return None
        self._processes.append(process)
        return process, output

    def _await(self, work: _Indexing, process: subprocess.Popen, output) -> None:
        timed_out = threading.Event()

        def stop() -> None:
            if process.poll() is None:  # (this thread may still be making the bundle's extras)
                timed_out.set()
                process.kill()

        # A blocking wait returns the moment Pagefind ends (wait(timeout=…) polls, up to
        # 50 ms late); a watchdog stops a Pagefind that hangs.
        watchdog = threading.Timer(TIMEOUT_S, stop)
        watchdog.start()
        try:
            # Made while Pagefind works, on the core it leaves to this thread.
            work.extras = bundle_extras(_PagesOnDisk(self.site_dir, work.bundle.pages))
            work.returncode = process.wait()
        finally:
            watchdog.cancel()
            with output:
                output.seek(0)
                work.messages = output.read().decode("utf-8", "replace").strip()
            with self._lock:
                self._running -= 1
        if timed_out.is_set():
            work.messages = f"Pagefind took more than {TIMEOUT_S} s and was stopped"
        elif work.returncode != 0 and not work.messages:
            work.messages = f"pagefind exited with {work.returncode}"
        self._start_queued()

    def _join(self) -> None:
        """Wait for every Pagefind process, those its waiters start included."""
        while True:
            with self._lock:
                waiters = list(self._waiters)
            for waiter in waiters:
                waiter.join()
            with self._lock:
                if len(self._waiters) == len(waiters):
                    return

    def finish(self) -> None:
        """Wait for Pagefind and put each bundle into its folder of the site."""
        try:
            self._join()
            for work in self._work:
                if work.files is None:
                    made = None
                    if work.remote is not None:
                        work.returncode, work.messages, made = work.remote.result()
                    if work.returncode != 0:
                        raise self._failure(work.messages.splitlines()[-1] if work.messages else "not run")
                    work.files = made if made is not None else {**self._collect(work.bundle), **work.extras}
                    self.cache.put("search-index", work.inputs, work.files)
                self._write({f"{work.bundle.folder}/{rel}": data for rel, data in work.files.items()})
        except BaseException:
            self.cancel()
            raise
        finally:
            self._remove_scratch()

    def cancel(self) -> None:
        self._cancelled.set()
        for work in self._work:
            if work.remote is not None:
                work.remote.cancel()
        with self._lock:
            processes = list(self._processes)
        for process in processes:
            if process.poll() is None:
                process.kill()
        self._join()
        self._remove_scratch()

    def _remove_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def _write_files(self, files: dict[str, bytes]) -> None:
        for rel, data in files.items():
            target = self.site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def _collect(self, bundle: Bundle) -> dict[str, bytes]:
        """The files of a bundle that Pagefind has written into the scratch folder, to go into the site."""
        return bundle_files(self._scratch / bundle.folder, bundle.primary)

    def _failure(self, detail: str) -> EditionError:
        return EditionError(Problem(str(self.site_dir), 1, 1, "error",
                                    f"search indexing failed: {detail}", rule="search"))


def pagefind_command(executable: Path, pages: Path, output: Path, language: str) -> list[str]:
    """Pagefind's command line for the pages in the folder ``pages``, its bundle written to ``output``."""
    command = NICE + [str(executable), "--site", str(pages), "--output-path", str(output),
                      "--force-language", language, "--silent"]
    for selector in NOT_INDEXED:
        command += ["--exclude-selectors", selector]
    return command


def bundle_files(folder: Path, primary: bool) -> dict[str, bytes]:
    """The files of the bundle Pagefind wrote into ``folder`` that go into the site."""
    canonical_filters(folder)
    parts = _MERGED_PARTS + _CLIENT_PARTS if primary else _MERGED_PARTS
    kept = sorted(p for pattern in parts for p in folder.glob(pattern))
    return {str(p.relative_to(folder)): p.read_bytes() for p in kept if p.is_file()}


def index_site(site_dir: Path, cache: BuildCache | None = None, language: str = "en") -> None:
    """Write the search index of the pages in ``site_dir`` into ``site_dir/pagefind``."""
    SearchIndexing(site_dir, cache, language=language).finish()
