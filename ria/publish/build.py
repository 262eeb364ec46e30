"""This edition as a project of the build (ria/publish/pipeline.py, whose loop every corpus
goes through too), and the checks `check` runs.

What is the edition's own: it is read and indexed in this process from tei/ (the schemas and
the stylesheet compiled once, and kept by `serve`); its grammar and rules (RelaxNG, Schematron,
lint) are checked in a process of their own from the moment it is loaded (ria/validate/rules.py),
and any error of theirs, or a text that cannot be transformed, stops the build before the site
is put in place; its pages include the about page, the chronology with its filters and the
downloads; its TEI files and DTS endpoints go out with them; and its cache (ria/cache.py) is
what an incremental build reuses.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..cache import BuildCache, NoCache, folder_digest
from ..model import locations
from ..model.index import Index
from ..model.indexer import build_index
from ..model.load import Edition, load_edition
from ..model.project_config import edition_config, edition_policy
from ..model.rights import publishable_exports
from ..model.texts import taxonomies_named
from ..problems import EditionError, Problem
from ..progress import Progress
from ..validate.rules import RuleCheck
from ..validate.schemas import Schemas, validate
from ..xmlio import TEI as T
from . import chronology_page as chronology_pages
from . import dts
from .home import describe_all
from .pipeline import build_site
from .render import Planned, Renderer, template_environment
from .site import check_output
from .transform import Transformer, compiled, saxon
from .workers import Job, transform_all

CACHE_DIR = ".ria-cache"  # results of earlier builds (ria/cache.py), beside tei/; never committed


@dataclass
class Project:
    """Where an edition's parts are: its TEI, schemas, stylesheets, theme and output."""

    root: Path
    tei: Path
    schema: Path
    xslt: Path
    theme: Path
    out: Path

    @classmethod
    def at(cls, root: Path, out: Path | None = None) -> "Project":
        root = Path(root).resolve()
        return cls(root, root / "tei", root / "schema", root / "xslt", root / "theme",
                   Path(out).resolve() if out else root / "edition")

    @property
    def inputs(self) -> list[Path]:
        """What a build or an export reads: an output folder may be none of these, inside or above one."""
        return [self.tei, self.schema, self.xslt, self.theme, self.root / "sources", self.root / "export",
                self.root / CACHE_DIR]


def compiled_schemas(project: Project, cache: BuildCache) -> Schemas:
    processor = cache.tool("saxon", (), saxon)
    return cache.tool("schemas", (folder_digest(project.schema, "*"),),
                      lambda: Schemas.load(project.schema, processor, cache))


def check_edition(project: Project, only: set[Path] | None = None, with_xsd: bool = True,
                  cache: BuildCache | None = None) -> tuple[Edition | None, list[Problem]]:
    """Load and validate; returns the edition (None if it could not be loaded) and all problems."""
    cache = cache or NoCache()
    edition, problems = load_edition(project.root, project.tei)
    problems += validate(edition, compiled_schemas(project, cache), only, with_xsd=with_xsd, cache=cache)
    return edition, sorted(set(problems))


def fresh_exports(project: Project, edition: Edition) -> dict[str, bytes]:
    """The files of ``export/`` to publish under ``downloads/``, if they match the current TEI.

    `build.py export` validates and writes them; the build only publishes an export whose
    manifest says it was made from exactly the TEI files being built.
    """
    manifest_path = project.root / "export" / "manifest.json"
    if not manifest_path.is_file():
        return {}
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        current = {doc.rel: doc.sha256 for doc in edition.documents}
        files = {}
        for entry in manifest["files"]:
            if any(current.get(source["file"]) != source["sha256"] for source in entry.get("derived_from", [])):
                return {}
            data = (project.root / "export" / entry["path"]).read_bytes()
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                return {}
            files[f"downloads/{entry['path']}"] = data
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    files["downloads/manifest.json"] = manifest_path.read_bytes()
    return files


class EditionProject:
    """This edition as the build (pipeline.py) publishes it: read in this process from tei/, its grammar
    and rules checked meanwhile in a process of their own (ria/validate/rules.py), any error of
    theirs, or a text that cannot be transformed, stopping the build; its own page set (the
    about page, the chronology with its filters, the downloads), its TEI files and DTS endpoints;
    and its cache (ria/cache.py) as what it reuses (``EditionReuse``)."""

    def __init__(self, project: Project, cache: BuildCache, public: bool = False):
        self.project, self.cache, self.public = project, cache, public
        self.policy = edition_policy(project.root)
        self.root = project.root
        self.inputs = project.inputs
        self.reuse = EditionReuse(self)
        self.rules: RuleCheck | None = None
        self.problems: list[Problem] = []
        self._stylesheets = folder_digest(project.xslt, "*.xsl")
        self._params: dict[str, dict] = {}

    def bytes_to_read(self) -> int:
        return 0  # read in this process: the pool is started only for the transforms that need it

    def read(self, scheduler, progress: Progress, public: bool) -> Index:
        progress.stage("validating")
        self.edition, self.problems = load_edition(self.root, self.project.tei)
        # Who the edition is: a config file that cannot be read stops the build before any work.
        self.identity = edition_config(self.root, self.edition.corpus.tree if self.edition.corpus else None)
        # The parsed edition lives as long as the build: taking it out of the garbage collector's
        # sight keeps the collector's passes from growing with the size of the edition (and keeps
        # a forked process from copying the pages the collector would touch).
        gc.freeze()
        # The grammar and the rules are checked from now on, in a process of their own where that is safe.
        self.rules = RuleCheck(self.edition, lambda cache: compiled_schemas(self.project, cache), self.cache)
        if any(p.severity == "error" for p in self.problems):
            # A file that could not be read or parsed: nothing is transformed, but every problem
            # is reported in one run, those the grammar and the rules find in the others too.
            self._stop(self.problems + self.rules.result(), strict=False)
        index = build_index(self.edition, self.cache)
        gc.freeze()  # the index too lives as long as the build
        self.docs = {doc.id: doc for doc in self.edition.documents}
        return index

    def pages(self, index: Index, withheld: set[str], search: bool, base_url: str) -> "EditionPages":
        edition, identity, cache, theme = self.edition, self.identity, self.cache, self.project.theme
        self.index, self.withheld = index, withheld
        self.downloads = publishable_exports(fresh_exports(self.project, edition),
                                             {self.docs[text_id].rel for text_id in withheld})
        self.published_tei = {"tei/" + str(doc.path.resolve().relative_to(self.project.tei)): doc.data
                              for doc in edition.documents if not (doc.kind == "text" and doc.id in withheld)}
        self.base_url = base_url
        # Compiled once and kept by `serve`; a build with a cache folder keeps them there too.
        shells = folder_digest(theme / "templates", "**/*.html")
        templates = cache.tool("templates", (shells,), lambda: template_environment(theme, cache.directory))
        about_parts = {"text": "", "about": ""}
        if edition.corpus:
            about_parts.update(self._parts(edition.corpus, {"root": "", "editors_id": identity.editors_id}))
        # The other pages take from a text only what the index and the chronology take (its
        # metadata, names and dates in their sentences), not its content hash: rendered without
        # it, they are found in the cache after an edit that changes none of that.
        pages_index = dataclasses.replace(index, texts=[dataclasses.replace(t, sha256="") for t in index.texts])
        chronology_page = chronology_pages.page(pages_index, withheld)
        downloads = sorted(self.downloads)
        published_tei = list(self.published_tei)
        self.reuse.page_inputs = (shells, base_url, self.public, downloads,
                                  sorted(about_parts.items()), published_tei, identity)
        site = Renderer(theme, pages_index, base_url, downloads=downloads, public=self.public, env=templates,
                        sources=describe_all(edition.texts, cache), project=identity)
        texts = Renderer(theme, index, base_url, downloads=downloads, public=self.public, env=templates,
                         project=identity, withheld=withheld)
        return EditionPages(site, texts, site.site_pages(chronology_page, about_parts, published_tei))

    def files(self, withheld: set[str]) -> Iterator[Planned]:
        """The fresh exports, the TEI and the DTS endpoints (ria/publish/dts.py), made every build."""
        yield Planned(tuple(self.downloads), lambda: self.downloads, None)
        yield Planned(tuple(self.published_tei), lambda: self.published_tei, None)
        # For DTS clients: the static Distributed Text Services endpoint set, made from the TEI alone.
        yield Planned((), lambda: dts.site_files(self.edition, self.index, self.base_url, withheld), None)

    def params(self, text, withheld: bool) -> dict:
        if text.id not in self._params:
            doc = self.docs[text.id]
            self._params[text.id] = {
                "root": "../", "entry_pages": self.index.addresses(self.index.entries),
                "entry_names": self.index.names(self.index.entries), "withheld": withheld,
                "locations": locations.stylesheet_parameter(doc.tree), "editors_id": self.identity.editors_id}
            # The kinds of text (text-kinds) are the corpus header's taxonomy: its description names them.
            header = self.edition.corpus.tree.getroot().find(T + "teiHeader") if self.edition.corpus else None
            taxonomies = taxonomies_named(doc.tree.getroot(), [header]) if header is not None else ""
            if taxonomies:
                self._params[text.id]["corpus_taxonomies"] = taxonomies
        return self._params[text.id]

    def parts_inputs(self, text) -> tuple:
        doc = self.docs[text.id]
        return (self._stylesheets, doc.rel, doc.sha256, sorted(self.params(text, text.id in self.withheld).items()))

    def text_job(self, text, withheld: bool) -> Job:
        doc = self.docs[text.id]
        return Job(doc.text, doc.rel, self.params(text, withheld))

    def text_files(self, text) -> dict[str, bytes]:
        return {}  # (the TEI and the DTS files go out with the other files: files())

    def text_written(self, text) -> None:
        pass

    def texts_written(self, scheduler, put) -> None:
        pass

    def files_after_texts(self) -> tuple:
        return ()

    def transformer(self) -> Transformer:
        # Compiled only when some document is not in the cache, and kept by `serve`.
        return self.cache.tool("text.xsl", (self._stylesheets,), lambda: compiled(self.project.xslt / "text.xsl"))

    def _parts(self, doc, params: dict) -> dict[str, str]:
        inputs = (self._stylesheets, doc.rel, doc.sha256, sorted(params.items()))
        parts = self.cache.get("html-parts", inputs)
        if parts is None:
            parts = transform_all(self.project.xslt / "text.xsl", [Job(doc.text, doc.rel, params)], 1,
                                  transformer=self.transformer())[0]
            self.cache.put("html-parts", inputs, parts)
        return parts

    def search_cache(self) -> BuildCache:
        return self.cache  # a bundle whose pages are unchanged is taken from it

    def explain(self) -> None:
        if self.rules is not None:
            self._stop(self.problems + self.rules.result(), strict=False)

    def checked(self, failures: list[Problem], strict: bool) -> list[Problem]:
        problems = self.problems + self.rules.result() + failures
        self._stop(problems, strict)
        return sorted(set(problems))

    def _stop(self, problems: list[Problem], strict: bool) -> None:
        errors = self.policy.stops(problems, strict)  # (its config's "checks", or --strict)
        if errors:
            raise EditionError(sorted(set(errors)))

    def made(self) -> None:
        pass

    def close(self) -> None:
        if self.rules is not None:
            self.rules.cancel()
        gc.unfreeze()


class EditionPages:
    """The edition's page set: the other pages from an index without the texts' hashes (see
    EditionProject.pages), the texts' from the whole index."""

    def __init__(self, site: Renderer, texts: Renderer, planned: list[Planned]):
        self._site, self._texts, self._planned = site, texts, planned
        self.withheld = texts.withheld

    def site_pages(self) -> list[Planned]:
        return self._planned

    def text_page(self, text, parts: dict[str, str]) -> bytes:
        return self._texts.text_page(text, parts)

    def search_planned(self, merged_bundles: list[str]) -> Planned:
        return self._site.search_planned(merged_bundles)


class EditionReuse:
    """The edition's cache (ria/cache.py) as the build reuses it: a text's parts by its TEI and its
    parameters, a group of pages by what it is made from, compared (not hashed)."""

    in_place = False  # the edition's site is staged whole and put in place
    page_inputs: tuple = ()  # the build's options that every page is made from

    def __init__(self, project: EditionProject):
        self._project = project

    def start(self, site, paths: list[str]) -> None:
        pass

    def texts(self, window: list, index, pages, put, written) -> list:
        """The texts of ``window`` whose parts are not in the cache: the others are rendered from it."""
        remaining = []
        for text in window:
            parts = self._project.cache.get("html-parts", self._project.parts_inputs(text))
            if parts is None:
                remaining.append(text)
            else:
                put({f"texts/{text.id}.html": pages.text_page(text, parts)})
                written(text)
        return remaining

    def parts_made(self, text, parts: dict[str, str]) -> None:
        self._project.cache.put("html-parts", self._project.parts_inputs(text), parts)

    def failed(self, text) -> None:
        pass

    def place(self, planned: Planned | None, put) -> None:
        if planned is None:
            return
        if planned.inputs is None:  # made every build
            put(planned.make())
            return
        # (its inputs compared with those of the stored pages, not hashed: ria/cache.py)
        put(self._project.cache.reuse("index-pages", (*self.page_inputs, planned.names), planned.inputs(),
                                      planned.make))

    def bundle_key(self, bundle, language: str) -> None:
        return None  # the search index's own cache keeps the bundles (search_cache)

    def committed(self) -> None:
        self._project.cache.finish_build()


def build(project: Project, base_url: str = "", strict: bool = False, public: bool = False,
          cache: BuildCache | None = None, jobs: int | None = None) -> tuple[dict[str, bytes], list[Problem]]:
    """Validate everything, then build and write the site; raises EditionError on any error.

    ``cache`` (see ria/cache.py) makes the build incremental: only what changed is redone;
    ``jobs`` is the number of worker processes for the transformations (default: one per core).
    """
    check_output(project.out, project.inputs, project.root)
    cache = cache or NoCache()
    cache.start_build()
    edition = EditionProject(project, cache, public)
    public = edition.public = public or edition.policy.public  # (its config's "rights", or --public)
    # (Progress: a line on an interactive terminal, for builds longer than a second)
    built = build_site(edition, project.out, jobs=jobs, progress=Progress(), keep=True, base_url=base_url,
                       public=public, strict=strict)
    return built.files, built.problems
