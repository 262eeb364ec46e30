"""The build command: load → validate → index → transform → render → write, top to bottom.

Every stage takes plain objects and returns plain objects; the schemas and the
stylesheet are compiled once. A build that finds an error writes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from .index import build_index
from .load import Edition, load_edition
from .problems import EditionError, Problem
from .render import REGISTER_PAGES, Renderer
from .rights import publishable_exports, redact_mentions, unlink_missing_anchors, withheld_texts
from .search import index_site
from .site import write_site
from .transform import Transformer
from .workers import Job, transform_all
from .validate import Schemas, validate


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


def saxon():
    from saxonche import PySaxonProcessor
    return PySaxonProcessor(license=False)


def check_edition(project: Project, processor=None, only: set[Path] | None = None,
                  with_xsd: bool = True) -> tuple[Edition | None, list[Problem]]:
    """Load and validate; returns the edition (None if it could not be loaded) and all problems."""
    edition, problems = load_edition(project.root, project.tei)
    processor = processor or saxon()
    schemas = Schemas.load(project.schema, processor)
    problems += validate(edition, schemas, only, with_xsd=with_xsd)
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


def render_site(project: Project, edition: Edition, processor, base_url: str = "",
                public: bool = False, jobs: int | None = None) -> dict[str, bytes]:
    """Every file of the site, as relative path → bytes; ``public`` withholds texts that are not free."""
    index = build_index(edition)
    withheld = withheld_texts(index, public)
    if withheld:
        index = dataclasses.replace(index, mentions=redact_mentions(index.mentions, withheld))
    docs = {doc.id: doc for doc in edition.texts}
    transformer = Transformer(processor, project.xslt / "text.xsl")
    files: dict[str, bytes] = publishable_exports(fresh_exports(project, edition),
                                                  {docs[text_id].rel for text_id in withheld})
    renderer = Renderer(project.theme, index, base_url, downloads=sorted(files), public=public)
    entry_pages = " ".join(f"{entry.id}={entry.page}" for entry in index.entries.values())
    # The texts go through the process pool (ria/workers.py), which keeps small inputs in process.
    text_jobs = [Job(docs[text.id].text, docs[text.id].rel,
                     {"root": "../", "entry_pages": entry_pages, "withheld": text.id in withheld})
                 for text in index.texts]
    all_parts = transform_all(project.xslt / "text.xsl", text_jobs, jobs, transformer=transformer)
    for text, parts in zip(index.texts, all_parts):
        if text.id in withheld:
            parts = unlink_missing_anchors(parts, Renderer.TEXT_PAGE_IDS)
        files[f"texts/{text.id}.html"] = renderer.text_page(text, parts, withheld=text.id in withheld)
    files["index.html"] = renderer.home()
    files["search.html"] = renderer.search()
    for page, kind, heading in REGISTER_PAGES:
        files[f"{page}.html"] = renderer.register(page, kind, heading)
    about_parts = (transformer.transform(edition.corpus.text, edition.corpus.rel, root="")
                   if edition.corpus else {"text": "", "about": ""})
    published_tei = []
    for doc in edition.documents:
        if doc.kind == "text" and doc.id in withheld:
            continue
        rel = "tei/" + str(doc.path.resolve().relative_to(project.tei))
        files[rel] = doc.data
        published_tei.append(rel)
    files["about.html"] = renderer.about(about_parts, published_tei)
    for asset in sorted((project.theme / "static").rglob("*")):
        if asset.is_file():
            files["static/" + str(asset.relative_to(project.theme / "static"))] = asset.read_bytes()
    return files


def build(project: Project, base_url: str = "", strict: bool = False,
          public: bool = False, jobs: int | None = None) -> tuple[dict[str, bytes], list[Problem]]:
    """Validate everything, then build and write the site; raises EditionError on any error."""
    processor = saxon()
    # The XSD is left to `check` and the tests: it gives the RelaxNG's verdicts at many times the cost.
    edition, problems = check_edition(project, processor, with_xsd=False)
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        raise EditionError(errors)
    files = render_site(project, edition, processor, base_url, public=public, jobs=jobs)
    write_site(files, project.out, finish=index_site)
    return files, problems
