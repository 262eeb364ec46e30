"""What a corpus build takes from its cache and from the site in place, instead of making it again.

A build with a cache (cache.py) asks it three things:

* **read**: a file whose bytes (and path, and what ria-corpus.json says of it), the schema and
  the toolchain are unchanged, and those of the files its xi:includes read last time (xinclude.py),
  is not parsed again: its survey (survey.py) comes from the cache,
  and its mentions and dated passages are in the cache's store already (ria/model/store.py). A file whose
  size, times and inode are unchanged is not even read to be hashed.
* **transform**: a text whose TEI, stylesheets and parameters (the pages of the entries it
  names) are unchanged is not transformed again: its HTML parts come from the cache.
* **render and write**: every page is planned first (render.Planned): its recipe is the digest
  of all it is made from (for a register entry's page, that entry and the store's digests of
  each text's mentions of it; for a text's, its parts, the titles of the texts before and after
  it, the entries it names).
  A page whose recipe is the one recorded for the site in place, and whose file there is
  still the one written (its size, modification time and inode), is kept, not rendered.

What grows with the corpus is kept out of a rebuild's way: a text is not planned again where
its *fingerprint* (its file's survey key, its page's name, those of the texts before and after
it, the registers' survey keys, the page shells and the stylesheets) is the one the previous
build recorded beside the page's recipe (one record of every text, read at once); a search
bundle whose pages' recipes are unchanged is kept in the site unread; the site is updated in
place (site.StagedSite's ``in_place``, site_journal.py): only the files made are staged and
moved into the site, the kept ones stay where they are, and only their records change in the
cache. What is left in proportion to the corpus is cheap per file: listing the corpus and the
site, a status (stat) of every kept file, every file's survey from the cache, and the index.

After a change to one letter the build reads, transforms and renders that letter, renders
the register and chronology pages whose recipes changed with it (the entries it mentions,
the years it dates) and re-indexes for search the bundles whose pages changed (the letter's
run of texts, the bundles of the entries whose pages quote it); every other file stays. The
site is byte-identical to a clean build's (tests/test_corpus_incremental.py). Without a cache
nothing is looked up and no recipe is computed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from pathlib import Path
from typing import Callable, Iterator

from ..cache import digest, folder_digest
from ..model.index import TextInfo
from .cache import CorpusCache
from .entries import entry_pages
from .images import CorpusImages
from .params import text_params
from .load import Layout
from .render import Planned
from ..model.store import IndexStore
from .survey import FileSurvey, file_tasks, survey_corpus, survey_file

STORE = "corpus-store.sqlite"
BUNDLE_FOLDERS = ("pagefind/", "pagefind-texts/", "pagefind-pages/")  # search_bundles.BUNDLE, TEXT_BUNDLES, PAGE_BUNDLES


def _pagefind_version() -> str:
    from importlib import metadata
    try:
        return metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        return ""


def _flat(*parts) -> str:
    """The digest of a sequence of plain values (strings, numbers, None), hashed in one go."""
    return hashlib.sha256("\x1f".join(map(repr, parts)).encode("utf-8", "surrogatepass")).hexdigest()


def _open_store(path: Path) -> IndexStore:
    """The cache's store; one that cannot be read is made anew (its files are read again)."""
    try:
        return IndexStore(path, persistent=True)
    except sqlite3.DatabaseError:
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        return IndexStore(path, persistent=True)


def _without_rows(survey: FileSurvey) -> FileSurvey:
    """A survey as the cache keeps it: its texts' mentions, dates and TEI are in the store."""
    documents = [dataclasses.replace(record, source=None, text=record.text and dataclasses.replace(
        record.text, mentions=None, dated=None)) for record in survey.documents]
    return dataclasses.replace(survey, documents=documents)


class Reuse:
    """A build's use of its cache; ``cache=None``: a clean build, which reuses nothing."""

    def __init__(self, cache: CorpusCache | None, project_root: Path):
        self.cache = cache
        self.recipes: dict[str, str] = {}  # every page planned, whether kept or made
        self.kept = 0  # files kept from the site in place
        self.read = 0  # files surveyed (not taken from the cache)
        self.parts_reused = 0  # texts rendered from their cached parts
        self._recorded = cache.recorded_pages() if cache is not None else {}
        self.site = None  # the staged site, once the build has one
        self._paths: list[str] | None = None
        self._kept: set[str] = set()  # the files kept from the site in place
        # Each text's fingerprint, page recipe and parts' key (_plan_text): the previous build's, read
        # at once, so that an unchanged text is not planned again; this build's, kept for the next.
        self._plans: dict[str, tuple[str, str, str]] = {}
        self._previous_plans: dict[str, tuple[str, str, str]] = {}
        self._documents: dict[str, tuple[str, int] | None] = {}  # text id → where the store files it
        self._registers: list[str] = []  # the survey keys of the files that hold entries, in order
        self.images: CorpusImages | None = None  # the texts' images, which the build gives once it has read them
        self.source: Callable[[TextInfo], bytes] | None = None  # a text's TEI, which the build gives too
        self._context: str | None = None
        self._bundle_files: dict[str, list[str]] | None = None  # a bundle's key → its files' names
        self._plan: list[tuple] = []
        self._parts_keys: dict[str, str] = {}
        # An incremental build's store of mentions and dates lives in the cache (ria/model/store.py).
        self.store = _open_store(cache.folder / STORE) if cache is not None else None
        if cache is not None:
            self._schema = folder_digest(project_root / "schema", "*.rng")
            self._xslt = folder_digest(project_root / "xslt", "*.xsl")
            self._plans_key = cache.key("corpus-text-plans", (cache.site,))
            self._previous_plans = (cache.get(self._plans_key) or {}) if self._recorded else {}
            # each file's survey key, without what it includes → the files its includes read (survey.py)
            self._includes_key = cache.key("corpus-includes", ())
            self._previous_includes: dict[str, list[str]] = cache.get(self._includes_key) or {}
        self._includes: dict[str, list[str]] = {}

    # ------------------------------------------------------------ read

    def plan_reading(self, found: Layout) -> int:
        """Decide which files are read again; the number of their bytes (the pool pays above some)."""
        self._found = found
        size = 0
        # Where the stylesheets changed, every text is transformed again: the pool pays for that too.
        stylesheets_changed = self.cache is not None and self.cache.remembered("xslt") != self._xslt
        self._filed = filed = self.store.filed() if self.store is not None else set()
        for task in file_tasks(found):
            path = Path(task.path)
            key = None
            if self.cache is not None:
                try:
                    sha = self.cache.sha256_of(path)
                    key = self.cache.flat_key("corpus-survey", sha, task.path, task.rel, task.named,
                                              task.must_be_tei, self._schema)
                except OSError:
                    pass  # the survey says why it cannot be read
            own_key = key
            if key is not None and self._previous_includes.get(key):
                # the files it included last time, as they are now: one changed, it is read again
                key = self._with_includes(key, [(rel, self._sha256_in(found.root, rel))
                                                for rel in self._previous_includes[key]])
            # its record is stored, and its mentions and dates are filed in the store
            hit = key is not None and self.cache.has(key) and key in filed
            if not hit or stylesheets_changed and not self._is_register(task):
                try:
                    size += path.stat().st_size
                except OSError:
                    pass
            self._plan.append((task, own_key, key, hit))
        return size

    def _sha256_in(self, root: Path, rel: str) -> str | None:
        try:
            return self.cache.sha256_of(root / rel)
        except OSError:
            return None  # not there: a file put there later is news

    def _with_includes(self, own_key: str, included: list[tuple[str, str | None]]) -> str:
        """A file's survey key: its own, and the bytes of the files its includes read."""
        if not included:
            return own_key
        return self.cache.flat_key("corpus-survey-included", own_key, *(part for item in included for part in item))

    @staticmethod
    def _is_register(task) -> bool:
        return task.named == "register"

    def surveys(self, schema: Path, scheduler, progress) -> Iterator[tuple[FileSurvey, list]]:
        """Every file's survey in the corpus's order, from the cache or from the scheduler's
        workers, with where the store files each of its documents (None: a clean build's store)."""
        unread = [Path(task.path) for task, _, _, hit in self._plan if not hit]
        fresh = survey_corpus(dataclasses.replace(self._found, candidates=unread), schema, scheduler, progress)
        keys = []
        for task, own_key, key, hit in self._plan:
            survey = self.cache.get(key) if hit else None
            if survey is None:
                # a stored survey that does not prove to be this file's is made here, in order
                survey = next(fresh) if not hit else survey_file(task, str(schema))
                self.read += 1
                if key is not None:
                    key = self._with_includes(own_key, survey.includes)  # (as the survey read them)
                    self.cache.put(key, _without_rows(survey))  # before the index renames its texts
                    if key in self._filed:  # (its record was not stored): filed again below
                        self.store.replace_file(key)
            if key is not None and any(record.entries for record in survey.documents):
                self._registers.append(key)
            yield survey, [(key, n) if key is not None else None for n in range(len(survey.documents))]
            if key is not None:
                self.store.file_done(key)
                keys.append(key)
                if survey.includes:
                    self._includes[own_key] = [rel for rel, _ in survey.includes]
        if self.store is not None:
            self.store.keep_only(keys)
            self.cache.put(self._includes_key, self._includes)

    def entry_pages(self, entries: dict) -> dict[str, str]:
        """entries.entry_pages, taken from the cache where the entries' ids and kinds are unchanged
        (the pages are named by nothing else)."""
        if self.cache is None:
            return entry_pages(entries)
        key = self.cache.key("corpus-entry-pages", tuple(sorted((e.id, e.kind) for e in entries.values())))
        pages = self.cache.get(key)
        if pages is None:
            pages = entry_pages(entries)
            self.cache.put(key, pages)
        return pages

    # ------------------------------------------------------------ texts

    def filed(self, text_id: str, document: tuple[str, int] | None) -> None:
        """Where the store files the text's rows: its file's survey key and its place in the file."""
        self._documents[text_id] = document

    def _plan_text(self, text: TextInfo, index, renderer) -> tuple[str, str]:
        """A text's page's recipe and its parts' key: the previous build's, where the text's
        fingerprint says nothing they are made from has changed, else computed."""
        if self._context is None:
            # (renderer._shared: the code, the page shells, the corpus's description, the options)
            self._context = _flat(renderer._shared, self._xslt, *self._registers)
            self._position = {other.id: n for n, other in enumerate(index.texts)}
        n = self._position[text.id]
        neighbours = [index.texts[m] for m in (n - 1, n + 1) if 0 <= m < len(index.texts)]
        documents = [self._documents.get(other.id) for other in [text, *neighbours]]
        fingerprint = None
        if None not in documents:
            # the text's record, its entries' (the registers') and its neighbours' are all its page shows
            # (and where its images are: an image added or removed beside an unchanged TEI changes its page)
            fingerprint = _flat(self._context, self.images.param(text.id),
                                *(part for other, document in zip([text, *neighbours], documents)
                                  for part in (other.id, *document)))
            previous = self._previous_plans.get(text.id)
            if previous is not None and previous[0] == fingerprint:
                self._plans[text.id] = previous
                return previous[1], previous[2]
        params = text_params(index, text, self.images.param(text.id), text.id in renderer.withheld)
        parts_key = self.cache.key("corpus-parts", (text.sha256, text.path, self._xslt, sorted(params.items())))
        recipe = digest(renderer.text_recipe(text, parts_key))
        if fingerprint is not None:
            self._plans[text.id] = (fingerprint, recipe, parts_key)
        return recipe, parts_key

    def texts(self, window: list[TextInfo], index, renderer, put: Callable[[dict[str, bytes]], None],
              written: Callable[[TextInfo], None]) -> list[TextInfo]:
        """The texts of ``window`` whose pages still need their transform: the others are kept
        from the site in place, or rendered from their cached parts (``written`` is told of each)."""
        if self.cache is None or self.site is None:
            return window
        remaining = []
        for text in window:
            recipe, parts_key = self._plan_text(text, index, renderer)
            self._parts_keys[text.id] = parts_key
            self.cache.keep(parts_key)  # for a later build that renders the page again (a neighbour renamed)
            page_name, tei_name = f"texts/{text.id}.html", f"tei/{text.id}.xml"
            tei = None if text.id in renderer.withheld else Planned(  # (a public build withholds it)
                (tei_name,), lambda text=text, name=tei_name: {name: self.source(text)}, lambda text=text: ("tei", text.sha256))
            if self._keep((page_name,), recipe):
                self.place(tei, put)
                written(text)
                continue
            parts = self.cache.get(parts_key)
            if parts is None:
                if tei is not None:
                    self.recipes[tei_name] = tei.recipe  # the build writes it with the page
                remaining.append(text)
                continue
            self.parts_reused += 1
            put({page_name: renderer.text_page(text, parts)})
            self.place(tei, put)
            written(text)
        return remaining

    def parts_made(self, text: TextInfo, parts: dict[str, str]) -> None:
        if self.cache is not None and text.id in self._parts_keys:
            self.cache.put(self._parts_keys[text.id], parts)

    def failed(self, text: TextInfo) -> None:
        """A text whose transform failed: its page says so, and is no page to keep."""
        self.recipes.pop(f"texts/{text.id}.html", None)
        self._plans.pop(text.id, None)

    # ------------------------------------------------------------ every page

    def start(self, site, paths: list[str]) -> None:
        """The staged site, and the list of its files the build keeps."""
        self.site = site
        self._paths = paths

    @property
    def in_place(self) -> bool:
        """Whether the site in place is known (its files recorded): then a rebuild stages only
        what changed and moves it into the site (site.StagedSite's ``in_place``)."""
        return bool(self._recorded)

    def keep(self, planned: Planned) -> bool:
        """Keep ``planned``'s files from the site in place if they are what it would make now."""
        return self.cache is not None and self.site is not None and self._keep(planned.names, planned.recipe)

    def _keep(self, names, recipe: str) -> bool:
        for name in names:
            self.recipes[name] = recipe
        recorded = [self._recorded.get(name) for name in names]
        if any(row is None or row[0] != recipe for row in recorded):
            return False
        for name, row in zip(names, recorded):
            if not self.site.link_previous(name, row[1:]):
                return False  # changed by hand, or gone: made again (and written over what was kept)
            self._kept.add(name)
        self._paths.extend(names)
        self.kept += len(names)
        return True

    def place(self, planned: Planned | None, put: Callable[[dict[str, bytes]], None]) -> None:
        """Keep ``planned``'s files or make them."""
        if planned is not None and not self.keep(planned):
            put(planned.make())

    # ------------------------------------------------------------ the end

    def committed(self) -> None:
        """Once the site is in place: record the files made (as they are there) and forget those gone."""
        if self.cache is None or self.site is None:
            return
        made = {name: recipe for name, recipe in self.recipes.items() if name not in self._kept}
        self.cache.remember("xslt", self._xslt)
        self.cache.put(self._plans_key, self._plans)
        self.cache.commit(self.site.out_dir, made, [name for name in self._recorded if name not in self.recipes])

    def counts(self) -> dict[str, int]:
        """What this build read and what it kept (empty for a clean build)."""
        if self.cache is None:
            return {}
        return {"files read": self.read, "files reused": len(self._plan) - self.read, "pages kept": self.kept,
                "pages made": len(self.recipes) - self.kept, "transforms reused": self.parts_reused}

    # ------------------------------------------------------------ search

    def bundle_key(self, bundle, language: str) -> str | None:
        """A search bundle's key, or None where it is not kept: a bundle is a function of its
        pages, and they of their recipes; each of its files is recorded with the key for recipe."""
        if self.cache is None:
            return None
        recipes = [self.recipes.get(page) for page in bundle.pages]
        if None in recipes:
            return None  # a page made from what no recipe says (a text that failed)
        return self.cache.flat_key("corpus-search-bundle", _pagefind_version(), bundle.folder, bundle.primary,
                                   language, *(part for pair in zip(bundle.pages, recipes) for part in pair))

    def keep_bundle(self, folder: str, key: str) -> bool:
        """Keep a bundle's files in the site in place, unread, if they are those of ``key``."""
        if self.site is None:
            return False
        if self._bundle_files is None:  # (the records of every bundle's files, gathered once)
            self._bundle_files = {}
            for name, row in self._recorded.items():
                if name.startswith(BUNDLE_FOLDERS):
                    self._bundle_files.setdefault(row[0], []).append(name)
        names = [name for name in self._bundle_files.get(key, ()) if name.startswith(folder + "/")]
        if names and self._keep(names, key):
            self.cache.keep(key)  # its files stay in the cache, for a build that finds them changed
            return True
        return False

    def stored_bundle(self, key: str) -> dict[str, bytes] | None:
        return self.cache.get(key)

    def bundle_made(self, key: str, files: dict[str, bytes], stored: bool = False) -> None:
        """A bundle's files, made (and stored) or taken from the cache: recorded under its key."""
        if not stored:
            self.cache.put(key, files)
        for name in files:
            self.recipes[name] = key

    def close(self) -> None:
        if self.store is not None:
            self.store.close()  # (rolled back if the index was not finished)
        if self.cache is not None:
            self.cache.close()
