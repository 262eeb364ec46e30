"""Where an index keeps what grows with the texts: every mention and every dated passage.

The index pages need each entry's mentions in its sentence and each year's dates, but
never all of them at once; kept in the main process they would grow by a few kilobytes a
text. They go into an SQLite database instead (Python's own), and each page reads back
only its own rows. The texts themselves stay in memory as small records. The edition's
index keeps them so too (in memory: it is small), so both answer alike (indexer.py).

A corpus's clean build's store is scratch: in the build's staging folder when it writes a site (removed
before the site is put in place), in memory when it does not. An incremental build's store
persists in its cache folder (ria/corpus/cache.py): a document's rows are filed under its file's survey
key (the hash of the file's bytes and of what read it) and its place in the file, so they are
a function of that key; a rebuild adds the rows of the files that changed, takes the others
as they are, and removes those of keys no longer in use. Which document is which text, and in
what order, is written anew by every build (``texts``). Beside the mentions it keeps, for each
document and entry, the number and a digest of the document's mentions of the entry: an entry
page's recipe (render.Planned) is made from those, not from the mentions themselves.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from itertools import groupby
from pathlib import Path
from typing import Iterable

from ..cache import digest
from .chronology import Dated
from .records import Mention

_SCHEMA = """
CREATE TABLE IF NOT EXISTS mentions (skey TEXT, n INTEGER, entry_id TEXT, ordinal INTEGER, anchor TEXT,
                                     block_id TEXT, form TEXT, before TEXT, after TEXT, page TEXT,
                                     location TEXT);
CREATE TABLE IF NOT EXISTS dated (skey TEXT, n INTEGER, year TEXT, key TEXT, clock TEXT, ordinal INTEGER,
                                  data TEXT);
CREATE TABLE IF NOT EXISTS sources (skey TEXT, n INTEGER, data BLOB);
CREATE TABLE IF NOT EXISTS digests (skey TEXT, n INTEGER, entry_id TEXT, count INTEGER, digest TEXT);
CREATE TABLE IF NOT EXISTS filed (skey TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS entries (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS texts (skey TEXT, n INTEGER, id TEXT, position INTEGER, PRIMARY KEY (skey, n));
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS mentions_by_entry ON mentions (entry_id);
CREATE INDEX IF NOT EXISTS mentions_by_document ON mentions (skey, n);
CREATE INDEX IF NOT EXISTS dated_by_year ON dated (year);
CREATE INDEX IF NOT EXISTS dated_by_document ON dated (skey);
CREATE INDEX IF NOT EXISTS sources_by_document ON sources (skey, n);
CREATE INDEX IF NOT EXISTS digests_by_document ON digests (skey);
CREATE INDEX IF NOT EXISTS texts_by_id ON texts (id);
"""
_PER_DOCUMENT = ("mentions", "dated", "sources", "digests")
# The layout of the tables above: a cache's store of another layout is made anew (incremental.py).
LAYOUT = 3


def _without_text(dated: Dated) -> dict:
    """A date's fields but the text's id, which the texts' table gives (a text's page name is settled later)."""
    fields = dataclasses.asdict(dated)
    del fields["text_id"]
    return fields


def mentions_digest(mentions: list[Mention]) -> str:
    """What an entry's page shows of one text's mentions of it, as a digest."""
    return digest(*((m.anchor, m.block_id, m.form, m.before, m.after, m.page, m.location) for m in mentions))


class IndexStore:
    """Mentions, dated passages and derived TEI, written text by text, read page by page."""

    def __init__(self, path: Path | None = None, persistent: bool = False):
        self.path = path
        self.persistent = persistent
        self._db = sqlite3.connect(str(path) if path else ":memory:", timeout=60)
        if persistent:  # the cache's: whole after a crash, if a build's work is lost
            # indexed from the start: a rebuild deletes and reads a file's rows by its key
            if self._db.execute("PRAGMA user_version").fetchone()[0] not in (0, LAYOUT):
                self._db.close()
                raise sqlite3.DatabaseError(f"{path}: a store of another layout")
            self._db.executescript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;" + _SCHEMA + _INDEXES
                                   + f"PRAGMA user_version = {LAYOUT};")
            self._db.executescript("DELETE FROM texts; DELETE FROM entries;")
        else:  # a build's scratch data: losing it to a crash loses nothing, so no journal and no syncing
            self._db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        self._finished = False
        self._aliases: dict[str, str] = {}  # an entry's URI → its id (finish)
        self._pointers_of: dict[str, list[str]] = {}
        self._closed = False

    # ------------------------------------------------------------ writing, text by text

    def filed(self) -> set[str]:
        """The survey keys whose documents' rows are all here."""
        return {row[0] for row in self._db.execute("SELECT skey FROM filed")}

    def add_text(self, text_id: str, mentions: list[Mention] | None, dated: Iterable[Dated] | None,
                 source: bytes | None, document: tuple[str, int] | None = None) -> None:
        """File a text's rows under ``document`` (its file's survey key and its place in the file;
        by default the text's id); ``mentions`` None: they are filed there already."""
        skey, n = document or (text_id, 0)
        if mentions is None:
            return
        self._db.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((skey, n, m.entry_id, ordinal, m.anchor, m.block_id, m.form, m.before, m.after, m.page, m.location)
             for ordinal, m in enumerate(mentions)))
        self._db.executemany(
            "INSERT INTO dated VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((skey, n, d.year, d.key, d.clock, d.ordinal, json.dumps(_without_text(d), ensure_ascii=False))
             for d in dated or ()))
        if source is not None:
            self._db.execute("INSERT INTO sources VALUES (?, ?, ?)", (skey, n, source))
        by_entry: dict[str, list[Mention]] = {}
        for mention in mentions:
            by_entry.setdefault(mention.entry_id, []).append(mention)
        self._db.executemany("INSERT INTO digests VALUES (?, ?, ?, ?, ?)",
                             ((skey, n, entry_id, len(found), mentions_digest(found))
                              for entry_id, found in by_entry.items()))

    def replace_file(self, skey: str) -> None:
        """Forget the rows filed under ``skey`` (before its documents are filed again)."""
        for table in _PER_DOCUMENT:
            self._db.execute(f"DELETE FROM {table} WHERE skey = ?", (skey,))
        self._db.execute("DELETE FROM filed WHERE skey = ?", (skey,))

    def file_done(self, skey: str) -> None:
        """Every document of the file of ``skey`` is filed."""
        self._db.execute("INSERT OR IGNORE INTO filed VALUES (?)", (skey,))

    def keep_only(self, skeys: Iterable[str]) -> None:
        """Remove the rows of every file but those of ``skeys`` (the files of this build)."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS kept (skey TEXT PRIMARY KEY)")
        self._db.execute("DELETE FROM kept")
        self._db.executemany("INSERT OR IGNORE INTO kept VALUES (?)", ((key,) for key in skeys))
        for table in (*_PER_DOCUMENT, "filed"):
            self._db.execute(f"DELETE FROM {table} WHERE skey NOT IN (SELECT skey FROM kept)")

    def finish(self, entry_ids: Iterable[str], texts: Iterable[tuple[str, tuple[str, int] | None]],
               aliases: dict[str, str] | None = None) -> None:
        """Record the registers' entries and the texts (id, document) in order; from here on the store is read.
        ``aliases``: the addresses that name an entry (its authority record's URI) → its id: a text
        pointing to one (ref="http://…") mentions that entry."""
        self._db.executemany("INSERT INTO entries VALUES (?)", ((e,) for e in entry_ids))
        # (only those the texts point with: most corpora point with ids, and their queries stay as they were)
        used = {row[0] for row in self._db.execute(
            "SELECT DISTINCT entry_id FROM mentions WHERE entry_id LIKE 'http://%' OR entry_id LIKE 'https://%'")}
        self._aliases = {pointer: entry_id for pointer, entry_id in (aliases or {}).items() if pointer in used}
        self._pointers_of: dict[str, list[str]] = {}
        for pointer, entry_id in self._aliases.items():
            self._pointers_of.setdefault(entry_id, []).append(pointer)
        # (a table of this connection's only: the aliases are the registers' as this build read them)
        self._db.executescript("DROP TABLE IF EXISTS temp.aliases; "
                               "CREATE TEMP TABLE aliases (pointer TEXT PRIMARY KEY, id TEXT);")
        self._db.executemany("INSERT INTO temp.aliases VALUES (?, ?)", self._aliases.items())
        self._db.executemany("INSERT INTO texts VALUES (?, ?, ?, ?)",
                             ((*(document or (text_id, 0)), text_id, position)
                              for position, (text_id, document) in enumerate(texts)))
        self._db.executescript(_INDEXES)
        self._db.commit()
        self._finished = True

    # ------------------------------------------------------------ reading, page by page

    def _entry(self, column: str) -> str:
        """The entry a row's pointer names, in SQL: itself, or the entry its alias is."""
        if not self._aliases:
            return column
        return f"COALESCE((SELECT a.id FROM temp.aliases a WHERE a.pointer = {column}), {column})"

    def mentions_of(self, entry_id: str) -> list[Mention]:
        """The entry's mentions: by the texts' order (their dates), then as each text has them."""
        pointers = [entry_id, *self._pointers_of.get(entry_id, ())]
        rows = self._db.execute(
            "SELECT m.entry_id, t.id, m.anchor, m.block_id, m.form, m.before, m.after, m.page, m.location "
            "FROM mentions m "
            f"JOIN texts t ON t.skey = m.skey AND t.n = m.n WHERE m.entry_id IN ({', '.join('?' * len(pointers))}) "
            "ORDER BY t.position, m.ordinal, m.rowid", pointers)
        return [Mention(entry_id, *row[1:8], location=row[8]) for row in rows]

    def all(self) -> list[Mention]:
        """Every mention, an entry's of the registers or not: text by text, in the texts' order."""
        rows = self._db.execute(
            "SELECT m.entry_id, t.id, m.anchor, m.block_id, m.form, m.before, m.after, m.page, m.location "
            "FROM mentions m JOIN texts t ON t.skey = m.skey AND t.n = m.n ORDER BY t.position, m.ordinal")
        return [Mention(self._aliases.get(row[0], row[0]), *row[1:8], location=row[8]) for row in rows]

    def mentions_in_text(self, text_id: str) -> list[Mention]:
        """A text's mentions, in its order."""
        rows = self._db.execute(
            "SELECT m.entry_id, t.id, m.anchor, m.block_id, m.form, m.before, m.after, m.page, m.location "
            "FROM mentions m JOIN texts t ON t.skey = m.skey AND t.n = m.n WHERE t.id = ? ORDER BY m.ordinal",
            (text_id,))
        return [Mention(self._aliases.get(row[0], row[0]), *row[1:8], location=row[8]) for row in rows]

    def mentioned(self) -> set[str]:
        """The ids of the entries the texts mention."""
        return {row[0] for row in self._db.execute(
            f"SELECT DISTINCT {self._entry('d.entry_id')} AS entry FROM digests d "
            "JOIN texts t ON t.skey = d.skey AND t.n = d.n WHERE entry IN (SELECT id FROM entries)")}

    def counts(self) -> dict[str, int]:
        """Entry id → how many times the texts mention it."""
        return dict(self._db.execute(
            f"SELECT {self._entry('d.entry_id')} AS entry, SUM(d.count) FROM digests d "
            "JOIN texts t ON t.skey = d.skey AND t.n = d.n GROUP BY entry"))

    def entry_digests(self, listed: dict[str, str]) -> dict[str, str]:
        """Entry id → a digest of every mention of it, in order: the texts' order and what
        ``listed`` (text id → digest) says of each text, and each text's mentions of it."""
        rows = self._db.execute(
            f"SELECT {self._entry('d.entry_id')} AS entry, t.id, d.count, d.digest FROM digests d "
            "JOIN texts t ON t.skey = d.skey AND t.n = d.n ORDER BY entry, t.position, d.entry_id")
        # hashed in one go per entry (every mention of a large corpus passes here)
        return {entry_id: hashlib.sha256("\n".join(f"{text_id!r}\x1f{listed[text_id]}\x1f{count}\x1f{found}"
                                                   for _, text_id, count, found in group)
                                         .encode("utf-8", "surrogatepass")).hexdigest()
                for entry_id, group in groupby(rows, key=lambda row: row[0])}

    def refs_of(self, text_id: str) -> list[str]:
        """The entries a text points to, sorted."""
        return [row[0] for row in self._db.execute(
            f"SELECT DISTINCT {self._entry('d.entry_id')} AS entry FROM digests d "
            "JOIN texts t ON t.skey = d.skey AND t.n = d.n "
            "WHERE t.id = ? AND entry IN (SELECT id FROM entries) ORDER BY entry", (text_id,))]

    def pointers_in(self, text_id: str) -> dict[str, str]:
        """The aliases a text points with (an entry's URI) → the entry each names."""
        if not self._aliases:
            return {}
        return {row[0]: self._aliases[row[0]] for row in self._db.execute(
            "SELECT DISTINCT d.entry_id FROM digests d JOIN texts t ON t.skey = d.skey AND t.n = d.n "
            "WHERE t.id = ? AND d.entry_id IN (SELECT pointer FROM temp.aliases)", (text_id,))}

    def unresolved(self) -> int:
        """Pointers to no entry of the registers."""
        return self._db.execute(
            "SELECT COUNT(*) FROM mentions m JOIN texts t ON t.skey = m.skey AND t.n = m.n "
            f"WHERE {self._entry('m.entry_id')} NOT IN (SELECT id FROM entries)").fetchone()[0]

    def linked(self) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM mentions m JOIN texts t ON t.skey = m.skey AND t.n = m.n "
            f"WHERE {self._entry('m.entry_id')} IN (SELECT id FROM entries)").fetchone()[0]

    def dated_years(self) -> dict[str, int]:
        """Each year a text's dates fall in, with how many dates it holds."""
        return dict(self._db.execute(
            "SELECT d.year, COUNT(*) FROM dated d JOIN texts t ON t.skey = d.skey AND t.n = d.n GROUP BY d.year"))

    def dated_in(self, year: str) -> list[Dated]:
        """A year's dates, in order of date (and time of day), then of the texts."""
        rows = self._db.execute(
            "SELECT t.id, d.data FROM dated d JOIN texts t ON t.skey = d.skey AND t.n = d.n WHERE d.year = ? "
            "ORDER BY d.key, d.clock, t.position, d.ordinal", (year,))
        return [Dated(text_id=text_id, **json.loads(data)) for text_id, data in rows]

    def source_of(self, text_id: str) -> bytes | None:
        row = self._db.execute("SELECT s.data FROM sources s JOIN texts t ON t.skey = s.skey AND t.n = s.n "
                               "WHERE t.id = ?", (text_id,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        """A scratch store is removed; a persistent one keeps what a finished index wrote."""
        if self._closed:
            return
        self._closed = True
        if self.persistent:
            try:
                if self._finished:
                    self._db.commit()
            finally:
                self._db.close()  # uncommitted: rolled back, as it was before this build
            return
        self._db.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)
