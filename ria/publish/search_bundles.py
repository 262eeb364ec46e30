"""Which pages go into which search bundle: the edition's (a bundle per text, or a share of the
texts by a hash of their ids) and a corpus's (runs of pages bounded in bytes, ``Runs``).

Pagefind holds a whole bundle in memory while it indexes it (about 0.2 MB a text page of
schnitzler-briefe, benchmarks/DISTRIBUTED.md), so a corpus's bundles are bounded by the bytes
of their pages, not counted: the memory of each Pagefind process is bounded whatever the
corpus's size, and the search page merges as many bundles as there are (ria/publish/search.py).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .search import SearchIndexing

BUNDLE = "pagefind"
TEXT_BUNDLES = "pagefind-texts"  # the texts' bundles: TEXT_BUNDLES/<text id>/ (see text_bundles)
PAGE_BUNDLES = "pagefind-pages"  # a corpus's other pages beyond the primary bundle's (see Runs)
MAX_TEXT_BUNDLES = 16  # the edition's text bundles; a corpus of up to this many texts gets one a text
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
