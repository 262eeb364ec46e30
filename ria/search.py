"""Search-index stage: Pagefind indexes the finished pages of a staged site.

Pagefind reads the HTML the render stage wrote (only what a page marks with
``data-pagefind-body``; filters from ``data-pagefind-filter``) and writes its
index and client into ``pagefind/`` beside the pages, before the site is
swapped into place. Both readings of every correction are in the page, so a
search finds a word as printed and as corrected.

Pagefind writes its filter files in hash-map order, which changes from run to
run; ``canonical_filters`` sorts them and renames them by their content, so that
two builds of the same pages are byte-identical.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import subprocess
import tempfile
import threading
from pathlib import Path

from .cache import BuildCache
from .problems import EditionError, Problem

BUNDLE = "pagefind"
TIMEOUT_S = 600


def pagefind_executable() -> Path:
    """The Pagefind binary that the pinned ``pagefind-bin`` package installed."""
    try:
        from pagefind_bin import get_executable
        return get_executable()
    except (ImportError, FileNotFoundError) as err:
        raise EditionError(Problem("requirements.txt", 1, 1, "error",
                                   f"Pagefind is not installed ({err}); "
                                   "pip install -r requirements.txt", rule="environment")) from None


class SearchIndexing:
    """Pagefind at work on a staged site in its own process, so the build can go on meanwhile.

    The index is a function of the pages alone, so pages that an earlier build indexed
    take that build's index from the cache and Pagefind is not started at all.
    """

    def __init__(self, site_dir: Path, cache: BuildCache | None = None):
        self.site_dir = site_dir
        self.cache = cache or BuildCache()
        pages = [(str(p.relative_to(site_dir)), p.read_bytes()) for p in sorted(site_dir.rglob("*.html"))]
        self._inputs = (pages,)
        self._bundle = self.cache.get("search-index", self._inputs)
        self._process: subprocess.Popen | None = None
        if self._bundle is None:
            command = [str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", BUNDLE,
                       "--force-language", "en", "--silent"]
            # A file, not a pipe: nobody reads Pagefind's output until it has finished.
            self._output = tempfile.TemporaryFile()
            try:
                self._process = subprocess.Popen(command, stdout=self._output, stderr=subprocess.STDOUT)
            except OSError as err:
                raise self._failure(str(err)) from None

    def finish(self) -> None:
        """Wait for Pagefind and put its bundle into ``site_dir/pagefind``."""
        if self._bundle is None:
            self._bundle = self._collect()
            self.cache.put("search-index", self._inputs, self._bundle)
        for rel, data in self._bundle.items():
            target = self.site_dir / BUNDLE / rel
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)

    def cancel(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def _collect(self) -> dict[str, bytes]:
        # A blocking wait returns the moment Pagefind ends (wait(timeout=…) polls, up to
        # 50 ms late); a watchdog stops a Pagefind that hangs.
        timed_out = threading.Event()

        def stop() -> None:
            timed_out.set()
            self._process.kill()

        watchdog = threading.Timer(TIMEOUT_S, stop)
        watchdog.start()
        try:
            returncode = self._process.wait()
        finally:
            watchdog.cancel()
        if timed_out.is_set():
            raise self._failure(f"Pagefind took more than {TIMEOUT_S} s and was stopped")
        self._output.seek(0)
        detail = self._output.read().decode("utf-8", "replace").strip().splitlines()
        self._output.close()
        if returncode != 0:
            raise self._failure(detail[-1] if detail else f"pagefind exited with {returncode}")
        canonical_filters(self.site_dir / BUNDLE)
        return {str(p.relative_to(self.site_dir / BUNDLE)): p.read_bytes()
                for p in sorted((self.site_dir / BUNDLE).rglob("*")) if p.is_file()}

    def _failure(self, detail: str) -> EditionError:
        return EditionError(Problem(str(self.site_dir), 1, 1, "error",
                                    f"search indexing failed: {detail}", rule="search"))


def index_site(site_dir: Path, cache: BuildCache | None = None) -> None:
    """Write the search index of the pages in ``site_dir`` into ``site_dir/pagefind``."""
    SearchIndexing(site_dir, cache).finish()


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
