"""The build command, top to bottom: load → index → transform → render → search index →
write, with the grammar and the rules checked meanwhile.

Every stage takes plain objects and returns plain objects; the schemas and the
stylesheet are compiled once. The grammar and the rules (RelaxNG, Schematron, lint)
are checked in a process of their own from the moment the edition is loaded
(ria/validate/rules.py). The pages are written into a staged site as soon as they are final,
the index pages before the texts are transformed, and Pagefind indexes them in
processes of its own meanwhile, so the build uses every core. The staged site is put
in place only if the grammar and the rules find no error, so a build that finds an
error writes nothing.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..cache import BuildCache, NoCache, folder_digest
from ..model import locations
from ..model.index import MentionsInMemory, build_index
from ..model.load import Edition, load_edition
from ..model.project_config import ProjectConfig, edition_config
from ..model.rights import publishable_exports, redact_mentions, withheld_texts
from ..problems import EditionError, Problem
from ..progress import Progress, Quiet
from ..validate.rules import RuleCheck
from ..validate.schemas import Schemas, validate
from . import chronology_page as chronology_pages
from . import dts, harvest
from .home import describe_all
from .render import Renderer, template_environment
from .search import BundlesAsWritten, SearchIndexing
from .site import StagedSite, check_output
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


def render_site(project: Project, edition: Edition, base_url: str = "", public: bool = False,
                cache: BuildCache | None = None, jobs: int | None = None,
                progress: Progress | None = None,
                publish: Callable[[dict[str, bytes]], None] | None = None,
                identity: ProjectConfig | None = None) -> dict[str, bytes]:
    """Every file of the site, as relative path → bytes; ``public`` withholds texts that are not free.

    ``identity`` is the project's (ria/model/project_config.py), read from its folder if not given.

    ``publish``, if given, is handed the files as soon as they are final: first every file
    but the texts' pages, then each text's page once it is rendered, so that the search
    index can start on them while the rest is transformed.
    """
    cache = cache or NoCache()
    publish = publish or (lambda files: None)
    identity = identity or edition_config(project.root, edition.corpus.tree if edition.corpus else None)
    index = build_index(edition, cache)
    gc.freeze()  # the index too lives as long as the build (see build())
    withheld = withheld_texts(index, public)
    if withheld:
        index = dataclasses.replace(index, source=MentionsInMemory(redact_mentions(index.source.all(), withheld)))
    docs = {doc.id: doc for doc in edition.texts}
    stylesheets = folder_digest(project.xslt, "*.xsl")

    def transformer() -> Transformer:
        # Compiled only when some document is not in the cache, and kept by `serve`.
        return cache.tool("text.xsl", (stylesheets,), lambda: compiled(project.xslt / "text.xsl"))

    def inputs(doc, params: dict) -> tuple:
        return (stylesheets, doc.rel, doc.sha256, sorted(params.items()))

    def transform_texts(jobs_of: list[tuple], done: Callable[[int, dict[str, str]], None]) -> None:
        """``done`` with the parts of each (document, parameters), from the cache or through the pool."""
        missing = []
        for i, (doc, params) in enumerate(jobs_of):
            parts = cache.get("html-parts", inputs(doc, params))
            if parts is None:
                missing.append(i)
            else:
                done(i, parts)
        if missing:
            # The longest first: the last to finish is then a short one, and so is the search
            # indexing of its page, which the build waits for at the end.
            missing.sort(key=lambda i: -len(jobs_of[i][0].data))

            def transformed(position: int, parts: dict[str, str]) -> None:
                cache.put("html-parts", inputs(*jobs_of[missing[position]]), parts)
                done(missing[position], parts)

            work = [Job(jobs_of[i][0].text, jobs_of[i][0].rel, jobs_of[i][1]) for i in missing]
            (progress or Quiet()).stage("transforming", len(work))
            transform_all(project.xslt / "text.xsl", work, jobs, (progress or Quiet()).advance,
                          transformer=transformer(), done=transformed)

    files: dict[str, bytes] = publishable_exports(fresh_exports(project, edition),
                                                  {docs[text_id].rel for text_id in withheld})
    downloads = sorted(files)
    # Compiled once and kept by `serve`; a build with a cache folder keeps them there too.
    shells = folder_digest(project.theme / "templates", "**/*.html")
    templates = cache.tool("templates", (shells,), lambda: template_environment(project.theme, cache.directory))
    about_parts = {"text": "", "about": ""}
    if edition.corpus:
        transform_texts([(edition.corpus, {"root": "", "editors_id": identity.editors_id})],
                        lambda _, parts: about_parts.update(parts))
    published_tei = []
    for doc in edition.documents:
        if doc.kind == "text" and doc.id in withheld:
            continue
        rel = "tei/" + str(doc.path.resolve().relative_to(project.tei))
        files[rel] = doc.data
        published_tei.append(rel)
    # The other pages take from a text only what the index and the chronology take (its
    # metadata, names and dates in their sentences), not its content hash: rendered without
    # it, they are found in the cache after an edit that changes none of that.
    pages_index = dataclasses.replace(index, texts=[dataclasses.replace(t, sha256="") for t in index.texts])
    chronology_page = chronology_pages.page(edition, pages_index, withheld, cache)
    page_inputs = (shells, base_url, public, downloads, sorted(about_parts.items()), published_tei, identity)
    pages = Renderer(project.theme, pages_index, base_url, downloads=downloads, public=public, env=templates,
                     sources=describe_all(edition.texts, cache), project=identity)
    for planned in pages.site_pages(chronology_page, about_parts, published_tei):
        # (its inputs compared with those of the stored pages, not hashed: ria/cache.py)
        files.update(cache.reuse("index-pages", (*page_inputs, planned.names), planned.inputs(), planned.make))
    for asset in sorted((project.theme / "static").rglob("*")):
        if asset.is_file():
            files["static/" + str(asset.relative_to(project.theme / "static"))] = asset.read_bytes()
    # For DTS clients: the static Distributed Text Services endpoint set (ria/publish/dts.py), made from
    # the TEI alone, so it goes out with the index pages.
    files.update(dts.site_files(edition, index, base_url, withheld))
    publish(dict(files))

    renderer = Renderer(project.theme, index, base_url, downloads=downloads, public=public, env=templates,
                        project=identity, withheld=withheld)
    entry_pages, entry_names = index.addresses(index.entries), index.names(index.entries)
    # Texts not in the cache go through the process pool (ria/publish/workers.py), which keeps small
    # inputs in process.
    text_jobs = [(docs[text.id], {"root": "../", "entry_pages": entry_pages, "entry_names": entry_names,
                                  "withheld": text.id in withheld,
                                  "locations": locations.stylesheet_parameter(docs[text.id].tree),
                                  "editors_id": identity.editors_id})
                 for text in index.texts]
    text_pages: dict[str, bytes] = {}

    def text_page(position: int, parts: dict[str, str]) -> None:
        text = index.texts[position]
        page = {f"texts/{text.id}.html": renderer.text_page(text, parts)}
        text_pages.update(page)
        publish(page)

    transform_texts(text_jobs, text_page)
    # In the texts' order, whichever came from the cache.
    files.update((f"texts/{text.id}.html", text_pages[f"texts/{text.id}.html"]) for text in index.texts)
    # For crawlers, with a public address only: sitemap.xml and robots.txt (ria/publish/harvest.py).
    harvesting = harvest.site_files(files, base_url, {f"texts/{text.id}.html": text.revised for text in index.texts})
    if harvesting:
        files.update(harvesting)
        publish(harvesting)
    return files


def build(project: Project, base_url: str = "", strict: bool = False, public: bool = False,
          cache: BuildCache | None = None, jobs: int | None = None) -> tuple[dict[str, bytes], list[Problem]]:
    """Validate everything, then build and write the site; raises EditionError on any error.

    ``cache`` (see ria/cache.py) makes the build incremental: only what changed is redone;
    ``jobs`` is the number of worker processes for the transformations (default: one per core).
    """
    check_output(project.out, project.inputs, project.root)
    cache = cache or NoCache()
    cache.start_build()
    progress = Progress()  # a line on an interactive terminal, for builds longer than a second

    def stop_on_errors(problems: list[Problem]) -> None:
        errors = [p for p in problems if p.severity == "error" or strict]
        if errors:
            raise EditionError(sorted(set(errors)))

    rules = None
    try:
        progress.stage("validating")
        edition, problems = load_edition(project.root, project.tei)
        # Who the edition is: a config file that cannot be read stops the build before any work.
        identity = edition_config(project.root, edition.corpus.tree if edition.corpus else None)
        # The parsed edition lives as long as the build: taking it out of the garbage collector's
        # sight keeps the collector's passes from growing with the size of the edition (and keeps
        # a forked process from copying the pages the collector would touch).
        gc.freeze()
        # The grammar and the rules are checked from now on, in a process of their own where that is safe.
        rules = RuleCheck(edition, lambda cache: compiled_schemas(project, cache), cache)
        if any(p.severity == "error" for p in problems):
            # A file that could not be read or parsed: nothing is transformed, but every problem
            # is reported in one run, those the grammar and the rules find in the others too.
            stop_on_errors(problems + rules.result())
        with StagedSite(project.out, project.inputs, project.root) as site:
            # Pagefind indexes the pages in processes of its own as soon as they are written…
            indexing = SearchIndexing(site.path, cache, bundles=[], one_thread_each=True, write=site.write)
            bundles = BundlesAsWritten(indexing, [doc.id for doc in edition.texts])

            def publish(finished: dict[str, bytes]) -> None:
                site.write(finished)
                bundles.written(list(finished))

            try:
                try:
                    files = render_site(project, edition, base_url, public=public, cache=cache, jobs=jobs,
                                        progress=progress, publish=publish, identity=identity)
                except Exception:
                    # A text the rules reject may fail to transform: then the rules' findings say why.
                    stop_on_errors(problems + rules.result())
                    raise
                progress.stage("search index and rules")
                # …while the rules' findings are awaited; the site goes in place only if they pass.
                problems.extend(rules.result())
                stop_on_errors(problems)
            except BaseException:
                indexing.cancel()
                raise
            indexing.finish()
            site.commit()
    finally:
        if rules is not None:
            rules.cancel()
        gc.unfreeze()
        progress.finish()
    cache.finish_build()
    return files, sorted(set(problems))
