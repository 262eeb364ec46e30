"""Where a corpus build keeps what it made, for the next build of the same corpus.

A corpus build's cache is a folder of its own (``build --corpus DIR --cache C``; by default
``<out>.ria-cache`` beside the site): never inside the corpus, which is an input the build
only reads, nor inside the site, which a build replaces whole. It holds one SQLite file:

    table      row                              key (hashed into it)
    --------   ------------------------------   -----------------------------------------------
    results    a file's survey (survey.py),     its bytes, its path and what ria-corpus.json
               without its texts' mentions      says of it, schema/edition.rng, the toolchain,
                                                the bytes of the files its xi:includes read
               a text's HTML parts (the XSLT)   its TEI's bytes, xslt/*.xsl, its parameters,
                                                the toolchain
               a search bundle's files          its pages' recipes, Pagefind's version
               the entries' pages' names        the entries' ids and kinds
    inputs     a file's sha256                  its size, modification and change times and
                                                inode (as git's index does: a file whose
                                                status is unchanged is not read again)
    meta       the stylesheets' digest at the   (the pool is started for a rebuild that will
               last build                       transform every text again)
    pages      a file of the site in place      the digest of everything it was made from
                                                (render.Planned.recipe; for a search bundle's
                                                files, the bundle's key), and the file's size,
                                                modification time and inode as written

The texts' mentions and dated passages are in a second SQLite file, the build's store
(ria/model/store.py), filed under the survey key of their file. A result row holds the sha256 of its key and payload together: a row copied
under another key, cut short or altered does not prove it belongs to its key and is a miss,
computed again, as in ria/cache.py; a database that cannot be read is made anew. The cache
never fails a build and never hands a step another's result. Rows a build did not use are
removed at its end, so the folder holds one build's worth; a rebuild writes only the rows
that changed (the pages it made or dropped, the inputs whose status changed), not the rest.
The results also hold each text's fingerprint and recipes as the last build planned them
(incremental.py), one record read at once.

A page is kept from the site in place only if its recipe is the one recorded and the file
there still has the size, modification time and inode recorded when it was written: a page
changed by hand is rendered again. The folder carries a
CACHEDIR.TAG (bford.info/cachedir), which backup tools honour, and the build writes into no
folder that is not new, empty or tagged by this toolchain.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import stat
import time
import zlib
from pathlib import Path

from ..cache import _toolchain_version, digest
from ..problems import EditionError, Problem

DATABASE = "corpus-cache.sqlite"
TAG = "CACHEDIR.TAG"
_TAG_TEXT = (b"Signature: 8a477f597d28d172789f06886806bc55\n"
             b"# This file is a cache directory tag created by the Revolution in Arms toolchain (build.py).\n"
             b"# For information about cache directory tags, see https://bford.info/cachedir/\n")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, checksum TEXT, payload BLOB);
CREATE TABLE IF NOT EXISTS inputs (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER,
                                   ino INTEGER, sha256 TEXT);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS pages (site TEXT, rel TEXT, recipe TEXT, size INTEGER, mtime_ns INTEGER, ino INTEGER,
                                  PRIMARY KEY (site, rel));
"""
# A file changed within this long of being hashed may change again within the same tick of
# its clock: its status is not trusted next time (git's "racy" files).
_RACY_NS = 2_000_000_000


def default_cache(out: Path) -> Path:
    """The cache of a site at ``out``: a folder beside it, named after it."""
    return out.parent / f"{out.name}.ria-cache"


def _is_ours(folder: Path) -> bool:
    try:
        tag = folder / TAG
        return not tag.is_symlink() and tag.is_file() and tag.read_bytes() == _TAG_TEXT
    except OSError:
        return False


def _refuse(folder: Path, why: str) -> EditionError:
    return EditionError(Problem(str(folder), 1, 1, "error", f"the cache folder {why}: choose another --cache "
                                                            "(or --no-cache)", rule="cache-folder"))


def check_cache(folder: Path, inputs: list[Path], out: Path | None) -> None:
    """Raise EditionError unless ``folder`` may hold a corpus build's cache: not an input,
    inside one or holding one, not the site or inside it, and new, empty or one of ours."""
    folder = folder.resolve()
    for taken in [*inputs, *([out] if out is not None else [])]:
        taken = Path(taken).resolve()
        if folder == taken or folder.is_relative_to(taken) or taken.is_relative_to(folder):
            what = "the site" if taken == (out.resolve() if out is not None else None) else "an input"
            raise _refuse(folder, f"may not be {what}, inside it or hold it ({taken})")
    if folder.is_symlink() or folder.exists() and not folder.is_dir():
        raise _refuse(folder, "is a file, not a folder")
    try:
        if folder.is_dir() and not _is_ours(folder) and any(folder.iterdir()):
            raise _refuse(folder, f"holds files this toolchain did not write (it has no {TAG} of ours)")
    except OSError as err:
        raise _refuse(folder, f"cannot be read ({err.strerror or err})") from None


def open_cache(folder: Path, inputs: list[Path], out: Path) -> "CorpusCache":
    """The cache in ``folder`` for the site at ``out``, once it is known to be a place for one."""
    check_cache(folder, inputs, out)
    return CorpusCache(folder, out)


class CorpusCache:
    """The results of earlier builds of a corpus, and the record of the site they wrote."""

    def __init__(self, folder: Path, site: Path):
        self.folder = folder.resolve()
        self._lock = _lock(self.folder)  # two builds with one cache take turns
        self.site = str(site.resolve())
        self.version = _toolchain_version()
        self.folder.mkdir(parents=True, exist_ok=True)
        if not _is_ours(self.folder):
            (self.folder / TAG).write_bytes(_TAG_TEXT)
        self._db = self._open()
        self._used: set[str] = set()
        self._keys = {row[0] for row in self._db.execute("SELECT key FROM results")}
        self._inputs = {row[0]: row[1:] for row in self._db.execute("SELECT * FROM inputs")}
        self._seen_inputs: dict[str, tuple] = {}
        self.hits = self.misses = 0

    def _open(self) -> sqlite3.Connection:
        path = self.folder / DATABASE
        for attempt in range(2):
            try:
                db = sqlite3.connect(str(path), timeout=60)
                db.executescript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;" + _SCHEMA)
                db.execute("SELECT COUNT(*) FROM results WHERE key = ''").fetchone()
                return db
            except sqlite3.DatabaseError:
                if attempt:
                    raise
                db.close()
                for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    stale.unlink(missing_ok=True)  # not a database we can read: made anew
        raise AssertionError("unreachable")

    # ------------------------------------------------------------ inputs

    def sha256_of(self, path: Path) -> str:
        """The sha256 of a file's bytes, read only if its status changed since it was last hashed."""
        info = os.stat(path)
        status = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        row = self._inputs.get(str(path))
        if row is not None and tuple(row[:4]) == status:
            self._seen_inputs[str(path)] = (*status, row[4])
            return row[4]
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < _RACY_NS:
            status = (-1, -1, -1, -1)  # too recent to vouch for: hashed again next time
        self._seen_inputs[str(path)] = (*status, sha)
        return sha

    # ------------------------------------------------------------ results

    def key(self, step: str, inputs: tuple) -> str:
        return f"{step}-{digest(self.version, step, inputs)}"

    def flat_key(self, step: str, *inputs) -> str:
        """``key`` for plain values (strings, numbers, booleans, None), hashed in one go: asked for
        every file and bundle of a large corpus, where ``key``'s walk over nested values shows."""
        text = "\x1f".join(map(repr, (self.version, step, *inputs)))
        return f"{step}-{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()}"

    def has(self, key: str) -> bool:
        return key in self._keys

    def keep(self, key: str) -> None:
        """Keep ``key``'s result past this build, unread (a text's parts, where its page was kept)."""
        self._used.add(key)

    def get(self, key: str):
        """The stored result for ``key``, or None for anything that does not prove to be it."""
        self._used.add(key)
        row = self._db.execute("SELECT checksum, payload FROM results WHERE key = ?", (key,)).fetchone()
        if row is not None and isinstance(row[1], bytes) and row[0] == _checksum(key, row[1]):
            try:
                value = pickle.loads(zlib.decompress(row[1]))
                self.hits += 1
                return value
            except Exception:  # noqa: BLE001 - whatever the reason, computed again
                pass
        self.misses += 1
        return None

    def put(self, key: str, value) -> None:
        self._used.add(key)
        try:
            payload = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
        except Exception:  # noqa: BLE001 - not kept; the next build computes it again
            return
        self._db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, _checksum(key, payload), payload))

    def remembered(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def remember(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    # ------------------------------------------------------------ the site in place

    def recorded_pages(self) -> dict[str, tuple[str, int, int, int]]:
        """rel → (recipe, size, mtime_ns, inode) of the pages of the site in place, as written."""
        return {rel: (recipe, size, mtime, ino) for rel, recipe, size, mtime, ino in self._db.execute(
            "SELECT rel, recipe, size, mtime_ns, ino FROM pages WHERE site = ?", (self.site,))}

    def commit(self, site: Path, made: dict[str, str], gone: list[str]) -> None:
        """Once the site is in place: record the files this build wrote (``made``: name → recipe)
        as they are there now, forget those it no longer has (``gone``), and forget every
        result and input this build did not use. The records of the files it kept stand as they
        are, so the work is in proportion to what changed."""
        rows = []
        for rel, recipe in made.items():
            try:
                info = os.lstat(site / rel)
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                rows.append((self.site, rel, recipe, info.st_size, info.st_mtime_ns, info.st_ino))
        db = self._db
        db.executemany("DELETE FROM pages WHERE site = ? AND rel = ?", ((self.site, rel) for rel in [*gone, *made]))
        db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.executemany("DELETE FROM results WHERE key = ?", ((key,) for key in self._keys - self._used))
        db.executemany("DELETE FROM inputs WHERE path = ?", ((path,) for path in self._inputs.keys()
                                                            - self._seen_inputs.keys()))
        db.executemany("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?)",
                       ((path, *status) for path, status in self._seen_inputs.items()
                        if tuple(self._inputs.get(path, ())) != status))
        db.commit()

    def close(self) -> None:
        if self._db is None:
            return
        try:
            self._db.commit()
        finally:
            self._db.close()
            self._db = None
            if self._lock is not None:
                os.close(self._lock)  # releases the lock


def _lock(folder: Path) -> int | None:
    """Hold ``folder`` for this build (released when the descriptor is closed); where the system
    has no advisory locks, builds sharing a cache are not kept apart."""
    try:
        import fcntl
    except ImportError:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    handle = os.open(folder, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def _checksum(key: str, payload: bytes) -> str:
    return hashlib.sha256(key.encode("utf-8") + b"\0" + payload).hexdigest()
