"""Where a corpus build keeps what grows with the corpus: every mention and every dated passage.

The index pages need each entry's mentions in its sentence and each year's dates, but
never all of them at once; kept in the main process they would grow by a few kilobytes a
text. They go into an SQLite database instead (Python's own), on disk in the build's
staging folder when the build writes a site and in memory when it does not, and each
page reads back only its own rows. The texts themselves stay in memory as small records.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Iterable, Iterator

from ..index import Mention
from .texts import DatedPassage

_SCHEMA = """
CREATE TABLE mentions (entry_id TEXT, text_id TEXT, ordinal INTEGER, anchor TEXT, block_id TEXT,
                       form TEXT, before TEXT, after TEXT);
CREATE TABLE dated (year TEXT, start TEXT, end TEXT, form TEXT, text_id TEXT, passage TEXT,
                    before TEXT, after TEXT);
CREATE TABLE entries (id TEXT PRIMARY KEY);
CREATE TABLE texts (id TEXT PRIMARY KEY, position INTEGER);
CREATE TABLE sources (text_id TEXT PRIMARY KEY, data BLOB);
"""
_INDEXES = """
CREATE INDEX mentions_by_entry ON mentions (entry_id);
CREATE INDEX mentions_by_text ON mentions (text_id);
CREATE INDEX dated_by_year ON dated (year);
"""


class CorpusStore:
    """Mentions, dated passages and derived TEI, written text by text, read page by page."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._db = sqlite3.connect(str(path) if path else ":memory:")
        # A build's scratch data: losing it to a crash loses nothing, so no journal and no syncing.
        self._db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        self._finished = False

    # ------------------------------------------------------------ writing, text by text

    def add_text(self, text_id: str, mentions: Iterable[Mention], dated: Iterable[DatedPassage],
                 source: bytes | None) -> None:
        self._db.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((m.entry_id, text_id, int(m.anchor[1:]), m.anchor, m.block_id, m.form, m.before, m.after)
             for m in mentions))
        self._db.executemany(
            "INSERT INTO dated VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((d.year, d.start, d.end, d.form, text_id, d.passage, d.before, d.after) for d in dated))
        if source is not None:
            self._db.execute("INSERT INTO sources VALUES (?, ?)", (text_id, source))

    def finish(self, entry_ids: Iterable[str], text_order: Iterable[str]) -> None:
        """Record the registers' entries and the texts' order; from here on the store is read."""
        self._db.executemany("INSERT INTO entries VALUES (?)", ((e,) for e in entry_ids))
        self._db.executemany("INSERT INTO texts VALUES (?, ?)", ((t, n) for n, t in enumerate(text_order)))
        self._db.executescript(_INDEXES)
        self._db.commit()
        self._finished = True

    # ------------------------------------------------------------ reading, page by page

    def mentions_of(self, entry_id: str) -> list[Mention]:
        """The entry's mentions: by the texts' order (their dates), then as each text has them."""
        rows = self._db.execute(
            "SELECT m.entry_id, m.text_id, m.anchor, m.block_id, m.form, m.before, m.after FROM mentions m "
            "JOIN texts t ON t.id = m.text_id WHERE m.entry_id = ? ORDER BY t.position, m.ordinal, m.rowid",
            (entry_id,))
        return [Mention(*row) for row in rows]

    def mentioned(self) -> set[str]:
        """The ids of the entries the texts mention."""
        return {row[0] for row in self._db.execute(
            "SELECT DISTINCT m.entry_id FROM mentions m JOIN entries e ON e.id = m.entry_id")}

    def refs_of(self, text_id: str) -> list[str]:
        """The entries a text points to, sorted."""
        return [row[0] for row in self._db.execute(
            "SELECT DISTINCT m.entry_id FROM mentions m JOIN entries e ON e.id = m.entry_id "
            "WHERE m.text_id = ? ORDER BY m.entry_id", (text_id,))]

    def unresolved(self) -> int:
        """Pointers to no entry of the registers."""
        return self._db.execute("SELECT COUNT(*) FROM mentions WHERE entry_id NOT IN (SELECT id FROM entries)"
                                ).fetchone()[0]

    def linked(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM mentions WHERE entry_id IN (SELECT id FROM entries)"
                                ).fetchone()[0]

    def dated_years(self) -> dict[str, int]:
        """Each year a text's dates fall in, with how many dates it holds."""
        return dict(self._db.execute("SELECT year, COUNT(*) FROM dated GROUP BY year"))

    def dated_in(self, year: str) -> list[DatedPassage]:
        """A year's dates, in order of date, then of the texts."""
        rows = self._db.execute(
            "SELECT d.start, d.end, d.form, d.text_id, d.passage, d.before, d.after FROM dated d "
            "JOIN texts t ON t.id = d.text_id WHERE d.year = ? ORDER BY d.start, t.position, d.rowid", (year,))
        return [DatedPassage(*row) for row in rows]

    def source_of(self, text_id: str) -> bytes | None:
        row = self._db.execute("SELECT data FROM sources WHERE text_id = ?", (text_id,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self._db.close()
        if self.path is not None:
            self.path.unlink(missing_ok=True)


class MentionsByEntry:
    """Entry id → its mentions, as a read-only mapping over the store (what the index offers)."""

    def __init__(self, store: CorpusStore, mentioned: set[str]):
        self._store = store
        self._mentioned = mentioned

    def get(self, entry_id: str, default=None) -> list[Mention] | None:
        return self._store.mentions_of(entry_id) if entry_id in self._mentioned else default

    def __getitem__(self, entry_id: str) -> list[Mention]:
        if entry_id not in self._mentioned:
            raise KeyError(entry_id)
        return self._store.mentions_of(entry_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._mentioned

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._mentioned))

    def __len__(self) -> int:
        return len(self._mentioned)

    def values(self) -> Iterator[list[Mention]]:
        return (self._store.mentions_of(entry_id) for entry_id in self)
