"""Incremental builds: results of earlier builds, found again by the hash of their inputs.

Every expensive step of the build is a pure function of a few inputs, and this
module is where that dependency graph is written down:

    step                 inputs (hashed into the key)
    ------------------   ---------------------------------------------------------
    relaxng              the document's bytes, schema/edition.rng
    xsd                  the document's bytes, schema/edition.xsd (`check` only)
    xsd-schema           schema/edition.xsd, the xmlschema version (the compiled XSD)
    schematron           the document's bytes, schema/edition.sch, the shared ids it is given
    lint-facts           the text's bytes (what lint compares between the texts)
    lint-occurrences     the text's bytes, the register forms looked for in it
    lint-text            the text's bytes, the registers, the forms looked for, the forms
                         the edition leaves unmarked on purpose (from every text's facts)
    lint-registers       the registers, the ids the texts point to
    mentions             the text's bytes (the index entries and events it feeds)
    html-parts           the text's bytes, xslt/*.xsl, the entry → index page map, build options
    dates                the text's bytes (the dates it feeds the chronology, in their sentences)
    source-facts         the text's bytes (what the home page lists of it: kind, length, rights)
    index-pages          one group of the pages but the texts' (the index of persons, the
                         chronology, …): the page shells, the corpus header's parts, build
                         options; and, compared with the stored ones rather than hashed, the
                         part of the index or the chronology that the group shows (what they
                         hold of the texts, not their bytes; ria/publish/render.py, site_pages)
    search-index         the pages of one search bundle: a text's page for the text's own
                         bundle, every other page for the primary (ria/publish/search.py)

plus, for all of them, the toolchain's own code. Saving one text therefore redoes
its validation, its mentions, its transformation and its search bundle (and the
primary bundle, and those index pages, if what they show of the text changed
with it); every
other result is taken from the cache, and the pages are assembled from them as
in a clean build, so the site is byte-identical to a clean build's (a test
proves it). An edit that changes no name, date or sentence around them leaves
the index pages as they were. The cheap steps (rendering the texts' pages,
writing) are always redone.

Entries live in memory (for `serve`, which keeps one cache across rebuilds) and,
when a folder is given, on disk as one file per entry, written atomically. A file
starts with its key and the hash of the pickle that follows: an entry copied or
renamed to another key, cut short or altered does not prove it belongs to its key
and is a miss, as is anything else odd at its name (a folder, a symlink, a file
that cannot be read or unpickled). A miss is computed again and written over the
odd thing; the cache never fails a build and never hands a step another's result.
`check` uses the same folder, so checking again after an edit revalidates only
the edited file. Entries of a step that a run took but did not use are removed at
its end, so the folder holds one run's worth of results per step.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
import tempfile
from collections import Counter
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parent

# An entry's file: this line, then `<key> <sha256 of the pickle>\n`, then the pickle.
_ENTRY_MAGIC = b"ria-cache-entry 1\n"
# Where the system has them: a symlink is not followed, and a FIFO does not block the open.
_OPEN_ENTRY = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _toolchain_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):  # the subpackages' code too (ria/validate/lint/, ria/corpus/)
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def digest(*inputs) -> str:
    """The hash of a sequence of inputs (bytes, strings, numbers, booleans or nested tuples)."""
    h = hashlib.sha256()
    for value in inputs:
        if isinstance(value, (tuple, list)):
            value = digest(*value)
        data = value if isinstance(value, bytes) else repr(value).encode("utf-8")
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def folder_digest(folder: Path, pattern: str) -> str:
    """The hash of the files of a folder that match ``pattern`` (stylesheets, schemas)."""
    return digest(*((str(p.relative_to(folder)), p.read_bytes()) for p in sorted(folder.glob(pattern))))


def _step(key: str) -> str:
    return key.rsplit("-", 1)[0]


class BuildCache:
    """Step results by input hash; ``directory=None`` keeps them in memory only."""

    def __init__(self, directory: Path | None = None):
        self.directory = Path(directory) if directory else None
        self._memory: dict[str, object] = {}
        self._used: set[str] = set()
        self._version = _toolchain_version()
        self.hits: Counter = Counter()
        self.misses: Counter = Counter()
        self._tools: dict[str, object] = {}

    def tool(self, name: str, inputs: tuple, make: Callable[[], T]) -> T:
        """A compiled schema or stylesheet, kept in memory for as long as its sources are unchanged."""
        key = f"{name}-{digest(inputs)}"
        if key not in self._tools:
            self._tools = {k: v for k, v in self._tools.items() if not k.startswith(f"{name}-")}
            self._tools[key] = make()
        return self._tools[key]

    def fetch(self, step: str, inputs: tuple, compute: Callable[[], T]) -> T:
        """The result of ``compute()`` for these inputs, computed only if no build has yet."""
        value = self.get(step, inputs)
        if value is None:
            value = compute()
            self.put(step, inputs, value)
        return value

    def reuse(self, step: str, inputs: tuple, state, compute: Callable[[], T]) -> T:
        """The result of ``compute()`` for these inputs and this ``state``, which is compared by
        equality with the state of the stored result instead of being hashed into the key.

        For a large state that one comparison costs less than hashing it would, and a build
        with nothing stored pays nothing for it.
        """
        key = self._key(step, inputs)
        self._used.add(key)
        stored = self._memory.get(key) or self._load(key)
        if stored is not None and stored[0] == state:
            self._memory[key] = stored
            self.hits[step] += 1
            return stored[1]
        self.misses[step] += 1
        value = compute()
        self.put(step, inputs, (state, value))
        return value

    def get(self, step: str, inputs: tuple):
        """The stored result for these inputs, or None (counted as a miss, to be ``put``)."""
        key = self._key(step, inputs)
        self._used.add(key)
        value = self._memory.get(key)
        if value is None:
            value = self._load(key)
            if value is not None:
                self._memory[key] = value
        if value is None:
            self.misses[step] += 1
        else:
            self.hits[step] += 1
        return value

    def put(self, step: str, inputs: tuple, value) -> None:
        key = self._key(step, inputs)
        self._used.add(key)
        self._memory[key] = value
        self._store(key, value)

    def _key(self, step: str, inputs: tuple) -> str:
        return f"{step}-{digest(self._version, step, inputs)}"

    def usage(self) -> tuple[frozenset[str], Counter, Counter]:
        """What this run used of the cache: the keys, the hits and the misses by step."""
        return frozenset(self._used), Counter(self.hits), Counter(self.misses)

    def add_usage(self, usage: tuple[frozenset[str], Counter, Counter]) -> None:
        """Count another process's use of the same cache folder (ria/validate/rules.py) as this run's."""
        used, hits, misses = usage
        self._used |= used
        self.hits.update(hits)
        self.misses.update(misses)

    def start_build(self) -> None:
        self._used = set()
        self.hits.clear()
        self.misses.clear()

    def finish_build(self) -> None:
        """Forget the results of the steps this run took that it did not use, in memory and on disk.

        Only the steps it took: `check` keeps the XSD's verdicts, which a build never asks
        for, and a build keeps the pages' parts, which `check` never asks for.
        """
        steps = {_step(key) for key in self._used}
        for key in set(self._memory) - self._used:
            if _step(key) in steps:
                del self._memory[key]
        if self.directory and self.directory.is_dir():
            for path in self.directory.glob("*.pickle"):
                if path.stem not in self._used and _step(path.stem) in steps:
                    _remove(path)

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.pickle"

    def _load(self, key: str):
        """The entry stored for ``key``, or None for anything that does not prove to be it."""
        if not self.directory:
            return None
        try:
            handle = os.open(self._path(key), _OPEN_ENTRY)
        except (OSError, ValueError):
            return None  # absent, a symlink, unreadable
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return None  # a folder, a FIFO, a device: nothing a build wrote
            with open(handle, "rb", closefd=False) as entry:
                data = entry.read()
        except OSError:
            return None
        finally:
            os.close(handle)
        header = _ENTRY_MAGIC + key.encode("ascii") + b" "
        checksum_end = len(header) + 64
        if not data.startswith(header) or data[checksum_end:checksum_end + 1] != b"\n":
            return None  # another key's entry, an older format, or cut short
        payload = memoryview(data)[checksum_end + 1:]
        if hashlib.sha256(payload).hexdigest().encode("ascii") != data[len(header):checksum_end]:
            return None  # cut short or altered after it was written
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - whatever the reason, computed again
            return None

    def _store(self, key: str, value) -> None:
        if not self.directory:
            return
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - kept in memory only; the next process computes it again
            return
        header = _ENTRY_MAGIC + key.encode("ascii") + b" " + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n"
        temp = None
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(header)
                out.write(payload)
            target = self._path(key)
            if target.is_dir() and not target.is_symlink():
                _remove(target)  # a file cannot replace a folder
            os.replace(temp, target)
            temp = None
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower
        finally:
            if temp:
                Path(temp).unlink(missing_ok=True)


def _remove(path: Path) -> None:
    """Remove an entry, or whatever took its name; what cannot be removed is left."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


class NoCache(BuildCache):
    """A run that neither uses nor keeps the results of any other (a clean build, `--no-cache`).

    Every step is computed, and no input is hashed: a build with nothing to find pays
    nothing for looking. Compiled tools are still kept for the run (``tool``).
    """

    def __init__(self):
        self.directory = None
        self._memory, self._used, self._version, self._tools = {}, set(), "", {}
        self.hits, self.misses = Counter(), Counter()

    def get(self, step: str, inputs: tuple):
        self.misses[step] += 1
        return None

    def put(self, step: str, inputs: tuple, value) -> None:
        pass

    def fetch(self, step: str, inputs: tuple, compute: Callable[[], T]) -> T:
        self.misses[step] += 1
        return compute()

    def reuse(self, step: str, inputs: tuple, state, compute: Callable[[], T]) -> T:
        self.misses[step] += 1
        return compute()
