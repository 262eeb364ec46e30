"""Search-index stage: Pagefind indexes the finished pages of a staged site.

Pagefind reads the HTML the render stage wrote (only what a page marks with
``data-pagefind-body``; filters from ``data-pagefind-filter``) and writes its
index and client into a scratch folder (in memory where the system has one), from
which the build puts them into ``pagefind/`` beside the pages, before the site is
swapped into place. Both readings of every correction are in the page, so a
search finds a word as printed and as corrected.

Pagefind writes its filter files in hash-map order, which changes from run to
run; ``canonical_filters`` sorts them and renames them by their content, so that
two builds of the same pages are byte-identical.

The edition's index is a set of Pagefind bundles, merged by the search page in
the browser (Pagefind's ``mergeIndex``): one for each text's page (for up to
MAX_TEXT_BUNDLES texts) and one, the primary, for every other page, which also
carries Pagefind's client. Each bundle is a function of its own pages, so saving
one text re-indexes that text's page (and the primary, if the indices' pages
changed with it), not the whole site. A bundle is indexed as soon as its pages
are written (``BundlesAsWritten``): the primary while the texts are still being
transformed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import struct
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .cache import BuildCache, NoCache
from .problems import EditionError, Problem
from .safenames import inside
from .site import process_alive

BUNDLE = "pagefind"
TEXT_BUNDLES = "pagefind-texts"  # the texts' bundles: TEXT_BUNDLES/<text id>/ (see text_bundles)
MAX_TEXT_BUNDLES = 16  # bundles the search page merges at most
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


@dataclass(frozen=True)
class Bundle:
    """One Pagefind index: the folder it is written to and the pages (relative paths) it covers."""

    folder: str
    pages: tuple[str, ...]
    primary: bool = True  # carries Pagefind's client; the others are merged into it


def text_bundles(text_ids: list[str]) -> dict[str, str]:
    """text id → the folder of the search bundle its page is indexed in.

    One bundle per text, as long as the search page has few to merge; a larger edition
    shares its texts out among MAX_TEXT_BUNDLES bundles by a hash of their ids, so that
    adding a text moves no other.
    """
    if len(text_ids) <= MAX_TEXT_BUNDLES:
        return {text_id: f"{TEXT_BUNDLES}/{text_id}" for text_id in text_ids}
    return {text_id: f"{TEXT_BUNDLES}/group-{int(hashlib.sha256(text_id.encode()).hexdigest()[:8], 16) % MAX_TEXT_BUNDLES:02d}"
            for text_id in text_ids}


def edition_bundles(pages: list[str]) -> list[Bundle]:
    """The primary bundle for every page but the texts', and the texts' bundles."""
    texts = {Path(p).stem: p for p in sorted(pages) if p.startswith("texts/")}
    grouped: dict[str, list[str]] = {}
    for text_id, folder in text_bundles(list(texts)).items():
        grouped.setdefault(folder, []).append(texts[text_id])
    return ([Bundle(BUNDLE, tuple(sorted(p for p in pages if not p.startswith("texts/"))))]
            + [Bundle(folder, tuple(group), primary=False) for folder, group in sorted(grouped.items())])


class BundlesAsWritten:
    """Starts each of :func:`edition_bundles` as soon as its pages are in the staged site.

    The build writes every page but the texts' in one go, then each text's page as soon
    as it is rendered, so Pagefind indexes the index pages while the texts are transformed.
    """

    def __init__(self, indexing: "SearchIndexing", text_ids: list[str]):
        self._indexing = indexing
        self._folder_of = {f"texts/{text_id}.html": folder for text_id, folder in text_bundles(text_ids).items()}
        self._groups: dict[str, tuple[str, ...]] = {}
        for page, folder in sorted(self._folder_of.items()):
            self._groups[folder] = self._groups.get(folder, ()) + (page,)
        self._waiting = {folder: set(group) for folder, group in self._groups.items()}
        self._primary_started = False

    def written(self, paths: list[str]) -> None:
        pages = sorted(path for path in paths if path.endswith(".html"))
        others = tuple(page for page in pages if not page.startswith("texts/"))
        if others:
            if self._primary_started:
                raise ValueError(f"pages written after the primary bundle was started: {others}")
            self._primary_started = True
            self._indexing.add(Bundle(BUNDLE, others))
        for page in pages:
            if page.startswith("texts/"):
                folder = self._folder_of[page]  # a page of a text not announced is a bug: KeyError
                self._waiting[folder].remove(page)
                if not self._waiting[folder]:
                    self._indexing.add(Bundle(folder, self._groups[folder], primary=False))


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
    inputs: tuple  # the cache key: the bundle and its pages' bytes
    files: dict[str, bytes] | None  # the bundle's files, once known
    returncode: int | None = None
    messages: str = ""


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
                 write: Callable[[dict[str, bytes]], None] | None = None):
        """``write`` puts files (relative path → bytes) into the site, by default one by one."""
        self.site_dir = site_dir
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
        inputs = (bundle, self.language, [(page, (self.site_dir / page).read_bytes()) for page in bundle.pages])
        work = _Indexing(bundle, inputs, self.cache.get("search-index", inputs))
        self._work.append(work)
        if work.files is not None:
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
        command = NICE + [str(self._executable), "--site", str(pages_folder),
                          "--output-path", str(self._scratch / work.bundle.folder),
                          "--force-language", self.language, "--silent"]
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
            timed_out.set()
            process.kill()

        # A blocking wait returns the moment Pagefind ends (wait(timeout=…) polls, up to
        # 50 ms late); a watchdog stops a Pagefind that hangs.
        watchdog = threading.Timer(TIMEOUT_S, stop)
        watchdog.start()
        try:
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
                    if work.returncode != 0:
                        raise self._failure(work.messages.splitlines()[-1] if work.messages else "not run")
                    work.files = self._collect(work.bundle)
                    self.cache.put("search-index", work.inputs, work.files)
                self._write({f"{work.bundle.folder}/{rel}": data for rel, data in work.files.items()})
        except BaseException:
            self.cancel()
            raise
        finally:
            self._remove_scratch()

    def cancel(self) -> None:
        self._cancelled.set()
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
        folder = self._scratch / bundle.folder
        canonical_filters(folder)
        parts = _MERGED_PARTS + _CLIENT_PARTS if bundle.primary else _MERGED_PARTS
        kept = sorted(p for pattern in parts for p in folder.glob(pattern))
        return {str(p.relative_to(folder)): p.read_bytes() for p in kept if p.is_file()}

    def _failure(self, detail: str) -> EditionError:
        return EditionError(Problem(str(self.site_dir), 1, 1, "error",
                                    f"search indexing failed: {detail}", rule="search"))


def index_site(site_dir: Path, cache: BuildCache | None = None, language: str = "en") -> None:
    """Write the search index of the pages in ``site_dir`` into ``site_dir/pagefind``."""
    SearchIndexing(site_dir, cache, language=language).finish()


# ------------------------------------------------------------------ deterministic filter files
# Pagefind's files are gzip-compressed CBOR behind a signature. Its filter and meta
# files hold only unsigned integers, strings, arrays and maps, which is all this reads.

SIGNATURE = b"pagefind_dcd"


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for code, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if value < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | code]) + struct.pack(fmt, value)
    raise ValueError(value)


def cbor_encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        return bytes([{False: 0xF4, True: 0xF5, None: 0xF6}[value]])
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(cbor_encode(item) for item in value)
    if isinstance(value, dict):
        return _cbor_head(5, len(value)) + b"".join(cbor_encode(k) + cbor_encode(v) for k, v in value.items())
    raise TypeError(type(value))


def cbor_decode(data: bytes):
    def item(pos: int):
        major, info = data[pos] >> 5, data[pos] & 31
        pos += 1
        if major == 7:
            return {20: False, 21: True, 22: None}[info], pos
        if info < 24:
            value = info
        else:
            size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
            value = int.from_bytes(data[pos:pos + size], "big")
            pos += size
        if major == 0:
            return value, pos
        if major == 1:
            return -1 - value, pos
        if major in (2, 3):
            raw = data[pos:pos + value]
            return (raw if major == 2 else raw.decode("utf-8")), pos + value
        if major == 4:
            items = []
            for _ in range(value):
                element, pos = item(pos)
                items.append(element)
            return items, pos
        if major == 5:
            mapping = {}
            for _ in range(value):
                key, pos = item(pos)
                mapping[key], pos = item(pos)
            return mapping, pos
        raise ValueError(f"unsupported CBOR major type {major}")

    value, end = item(0)
    if end != len(data):
        raise ValueError("trailing bytes after CBOR item")
    return value


def _read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    return cbor_decode(data[len(SIGNATURE):])


def _write(path: Path, value) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor_encode(value), compresslevel=9, mtime=0))


def _content_name(language: str, value, digits: int) -> str:
    return f"{language}_{hashlib.sha256(cbor_encode(value)).hexdigest()[:digits]}"


def canonical_filters(bundle: Path) -> None:
    """Sort Pagefind's filter values and filter list, and name the files by their content."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[filter name, file hash], ...] in Pagefind 1.5's meta layout
        renamed = []
        for name, old in filters:
            values = _read(bundle / "filter" / f"{old}.pf_filter")
            values[1].sort(key=lambda pair: pair[0])
            new = _content_name(language["wasm"], values, 7)
            (bundle / "filter" / f"{old}.pf_filter").unlink()
            _write(bundle / "filter" / f"{new}.pf_filter", values)
            renamed.append([name, new])
        meta[3] = sorted(renamed)
        new_hash = _content_name(language["wasm"], meta, 10)
        meta_path.unlink()
        _write(bundle / f"pagefind.{new_hash}.pf_meta", meta)
        language["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
