"""Which pages go into which search bundle, and when each is indexed (``SearchAsWritten``): a
bundle a text for a project of few texts, else runs of pages bounded in bytes (``Runs``).

Pagefind holds a whole bundle in memory while it indexes it (about 0.2 MB a text page of
schnitzler-briefe, benchmarks/DISTRIBUTED.md), so a corpus's bundles are bounded by the bytes
of their pages, not counted: the memory of each Pagefind process is bounded whatever the
corpus's size, and the search page merges as many bundles as there are (ria/publish/search.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

BUNDLE = "pagefind"
TEXT_BUNDLES = "pagefind-texts"  # the texts' bundles: TEXT_BUNDLES/<text id>/, or runs of texts
PAGE_BUNDLES = "pagefind-pages"  # a corpus's other pages beyond the primary bundle's (see Runs)
MAX_TEXT_BUNDLES = 16  # a project of up to this many texts gets a bundle a text
# The bytes of HTML a corpus's bundle holds at most (but for a single page larger than that): on
# runs of up to this many bytes of schnitzler-briefe's pages Pagefind peaked at 370–390 MB
# (benchmarks/RESULTS-memory.md); up to ria/publish/search.py's RUNNERS of them run at once.
RUN_BYTES = 48 * 1024 * 1024
# Past half of RUN_BYTES, a run ends before a page whose name's hash is a multiple of this.
CUT_EVERY = 8


def _hash(name: str) -> int:
    return int(hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12], 16)


@dataclass(frozen=True)
class Bundle:
    """One Pagefind index: the folder it is written to and the pages (relative paths) it covers."""

    folder: str
    pages: tuple[str, ...]
    primary: bool = True  # carries Pagefind's client; the others are merged into it


class Runs:
    """Pages, given one by one in a fixed order with their sizes, cut into runs of at most
    ``limit`` bytes (a page larger than that alone), each a bundle named by a hash of its first page.

    A run ends before the page that would take it past ``limit``, or, once it holds half of
    ``limit``, before a page that a hash of its name picks. The cuts so depend on the pages near
    them: a page that grows or shrinks moves the cuts of its run and perhaps a few after it, which
    then fall where they fell before, so an incremental build indexes those few bundles again.
    """

    def __init__(self, prefix: str, limit: int | None = None):
        self.prefix, self.limit = prefix, limit or RUN_BYTES
        self._pages: list[str] = []
        self._bytes = 0

    def add(self, page: str, size: int) -> Bundle | None:
        """Take the next page; the run it ends, if it ends one."""
        ended = None
        if self._pages and (self._bytes + size > self.limit
                            or (self._bytes >= self.limit // 2 and _hash(page) % CUT_EVERY == 0)):
            ended = self.close()
        self._pages.append(page)
        self._bytes += size
        return ended

    def close(self) -> Bundle | None:
        """The last run, if it has pages."""
        if not self._pages:
            return None
        bundle = Bundle(f"{self.prefix}/{_hash(self._pages[0]):012x}", tuple(self._pages), primary=False)
        self._pages, self._bytes = [], 0
        return bundle
