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
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import cbor2

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
# Pagefind's meta and filter files are gzip-compressed CBOR behind a signature, in the layout
# of Pagefind PAGEFIND_FORMAT. canonical_filters checks that layout before it rewrites a file:
# a Pagefind that writes another stops the build, naming the file, rather than leaving an index
# that its client cannot read.

SIGNATURE = b"pagefind_dcd"
PAGEFIND_FORMAT = "1.5"  # the major.minor version of Pagefind whose layout is read (pagefind-bin's pin)


def _unexpected(path: Path, expected: str) -> EditionError:
    return EditionError(Problem(str(path), 1, 1, "error",
                                f"Pagefind's file {path.name} is not in the format the build expects of "
                                f"Pagefind {PAGEFIND_FORMAT}: expected {expected}", rule="search",
                                hint="the pinned pagefind-bin writes that format; another Pagefind's "
                                     "layout must be read in ria/search.py before its pin changes"))


def _read(path: Path):
    """The one CBOR item of a Pagefind file, after its signature."""
    try:
        data = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise _unexpected(path, "this file, which the bundle's entry or meta file names") from None
    except (OSError, EOFError, zlib.error) as err:  # not gzip, truncated, or a wrong checksum
        raise _unexpected(path, f"a whole gzip-compressed file ({err})") from None
    if not data.startswith(SIGNATURE):
        raise _unexpected(path, f"the signature {SIGNATURE!r}, found {data[:len(SIGNATURE)]!r}")
    payload = io.BytesIO(data[len(SIGNATURE):])
    try:
        value = cbor2.CBORDecoder(payload).decode()
    except cbor2.CBORDecodeError as err:
        raise _unexpected(path, f"one CBOR item after the signature ({err})") from None
    if payload.tell() != len(data) - len(SIGNATURE):
        raise _unexpected(path, "one CBOR item after the signature, and nothing after it")
    return value


def _write(path: Path, value) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0))


def _content_name(language: str, value, digits: int) -> str:
    return f"{language}_{hashlib.sha256(cbor2.dumps(value)).hexdigest()[:digits]}"


def _is_list(value, length: int | None = None) -> bool:
    return isinstance(value, list) and (length is None or len(value) == length)


def _is_pair_list(value, first: type, second: Callable[[object], bool]) -> bool:
    return _is_list(value) and all(_is_list(pair, 2) and isinstance(pair[0], first) and second(pair[1])
                                   for pair in value)


def _read_entry(path: Path) -> dict:
    """pagefind-entry.json: Pagefind's version and, per language, the hash that names its meta file."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise _unexpected(path, f"a JSON file ({err})") from None
    languages = entry.get("languages") if isinstance(entry, dict) else None
    if not (isinstance(languages, dict) and all(
            isinstance(language, dict) and isinstance(language.get("hash"), str)
            and isinstance(language.get("wasm"), str) for language in languages.values())):
        raise _unexpected(path, 'an object whose "languages" give each language\'s "hash" and "wasm"')
    _expect_version(path, entry.get("version"))
    return entry


def _expect_version(path: Path, version) -> None:
    if not (isinstance(version, str) and version.split(".")[:2] == PAGEFIND_FORMAT.split(".")):
        raise _unexpected(path, f"a file written by Pagefind {PAGEFIND_FORMAT}.x, found version {version!r}")


def _read_meta(path: Path) -> list:
    """A meta file: [version, pages, index chunks, [[filter name, filter file's hash], ...], sorts, ...]."""
    meta = _read(path)
    if not (_is_list(meta) and len(meta) >= 4):
        raise _unexpected(path, "an array of at least four items, the fourth the filters")
    _expect_version(path, meta[0])
    if not _is_pair_list(meta[3], str, lambda file_hash: isinstance(file_hash, str)):
        raise _unexpected(path, "its fourth item an array of [filter name, file hash] pairs")
    return meta


def _read_filter(path: Path, name: str) -> list:
    """A filter file: [filter name, [[value, [page number, ...]], ...]]."""
    values = _read(path)
    if not (_is_list(values, 2) and values[0] == name and _is_pair_list(
            values[1], str, lambda pages: _is_list(pages) and all(isinstance(page, int) for page in pages))):
        raise _unexpected(path, f"an array of the filter's name ({name!r}) and its [value, [page number, ...]] pairs")
    return values


def canonical_filters(bundle: Path) -> None:
    """Sort Pagefind's filter values and filter list, and name the files by their content."""
    entry_path = bundle / "pagefind-entry.json"
    entry = _read_entry(entry_path)
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read_meta(meta_path)
        renamed = []
        for name, old in meta[3]:
            values = _read_filter(bundle / "filter" / f"{old}.pf_filter", name)
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
