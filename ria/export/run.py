"""The export command: validated TEI and the formats people reuse the edition in.

``python build.py export [--out DIR]`` writes, into ``export/`` by default:

* ``tei/ID.xml``: each text as a standalone TEI document (the register entries and
  header parts it points to included), ``tei/PROJECT.xml``: the edition as one
  teiCorpus, ``schema/``: the schemas they were validated with, and
  ``PROJECT-tei.zip``: all of these with ``validation-report.json``;
* ``text/ID.reading.txt`` and ``text/ID.diplomatic.txt``: plain texts;
* ``data/registers.csv``, ``data/registers.jsonld``, ``data/chronology.csv``,
  ``data/chronology.ics``: the registers and the dates;
* ``PROJECT.epub``: the reading edition as an e-book;
* ``pdf/ID.pdf``: each text's print edition (ria/export/pdf.py);
* ``manifest.json``: every file with its size, checksum and the schemas that validated it.

PROJECT is the project's id (``ria-corpus.json``, ria/model/project_config.py). Every TEI file
is validated before anything is written; if one fails, nothing is
written (the previous export stays as it was) and every failure is reported as
``path:line:col: error: message``. Every output depends only on the edition, so
exporting an unchanged edition twice gives byte-identical files.

The command keeps what costs most, the validators' verdicts on each exported TEI file and
each text's PDF, in the project's build cache (``.ria-cache/``, ria/cache.py), keyed by
everything they are made from: exporting again after editing one text validates and sets
only what that edit changed. ``--no-cache`` exports from scratch.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import BuildCache, NoCache
from ..model.chronology import chronology
from ..model.index import Index, TextInfo
from ..model.indexer import build_index
from ..model.load import Document, Edition, load_edition
from ..model.project_config import ProjectConfig, edition_config
from ..problems import EditionError, Problem
from ..publish.build import Project
from ..publish.site import check_output, write_site
from . import data as export_data
from . import epub as export_epub
from . import pdf as export_pdf
from . import tei as export_tei
from . import text as export_text
from .validation import Validators, Verdict, sha256, validate_corpus, validate_standalone

REPORT_NAME = "validation-report.json"
MANIFEST_NAME = "manifest.json"
SCHEMA_FILES = ("edition.rng", "edition.xsd", "edition.sch", "xml.xsd")
MEDIA_TYPES = {".xml": "application/tei+xml", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv",
               ".jsonld": "application/ld+json", ".ics": "text/calendar", ".json": "application/json",
               ".epub": "application/epub+zip", ".zip": "application/zip", ".rng": "application/xml",
               ".xsd": "application/xml", ".sch": "application/xml", ".pdf": "application/pdf"}
VIEWS = {
    "diplomatic": "Diplomatic view: the copy-text's words as encoded, its errors kept; the "
                  "source's notes at the end, the edition's own notes left out.",
    "reading": "Reading view: the corrected text; the source's notes and the edition's notes "
               "(numbered ed. 1, ed. 2 …) at the end.",
}


@dataclass
class Export:
    """Every file of an export (relative path → bytes), with what was validated and how."""

    files: dict[str, bytes] = field(default_factory=dict)
    verdicts: list[Verdict] = field(default_factory=list)
    sources: dict[str, list[Document]] = field(default_factory=dict)  # export → TEI it comes from
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _export_tei(edition: Edition, index: Index, validators: Validators, out: Path,
                result: Export, project: ProjectConfig, cache: BuildCache) -> None:
    """Build, serialise and validate the standalone texts and the corpus."""
    definitions = export_tei.Definitions.of(edition)
    docs = {doc.id: doc for doc in edition.texts}
    ordered = [docs[t.id] for t in index.texts]
    for doc in ordered:
        built = export_tei.standalone(doc, definitions)
        _add_tei(result, f"tei/{doc.id}.xml", export_tei.standalone_bytes(built), built, [doc],
                 validators, out, validate_standalone, cache)
    built = export_tei.corpus(edition, ordered)
    _add_tei(result, f"tei/{project.corpus_file}", export_tei.corpus_bytes(built), built,
             edition.documents, validators, out, validate_corpus, cache)


def _add_tei(result: Export, rel: str, data: bytes, built, sources: list[Document],
             validators: Validators, out: Path, check, cache: BuildCache) -> None:
    # The verdict's problems point into the source files: their hashes are part of the key too.
    # (Not the folder exported to: the Schematron is given every identifier it needs and reads no file.)
    inputs = (check.__name__, rel, sha256(data), [doc.sha256 for doc in sources],
              sorted(validators.versions.items()))
    verdict = cache.fetch("export-verdict", inputs,
                          lambda: check(validators, rel, data, built, (out / rel).as_uri()))
    verdict.problems = sorted(set(verdict.problems + built.problems))
    result.verdicts.append(verdict)
    result.problems += verdict.problems
    if verdict.ok:
        result.files[rel] = data
        result.sources[rel] = sources
    else:
        shown = _shown(out / rel, validators.root)
        errors = sum(p.severity == "error" for p in verdict.problems)
        result.problems.append(Problem(shown, 1, 1, "error", (
            f"not exported: the exported TEI fails validation ({errors} error(s) above)"),
            rule="export"))


def _shown(path: Path, root: Path) -> str:
    return os.path.relpath(path, root)


def plain_header(info: TextInfo, view: str, version: str, title: str) -> list[str]:
    lines = [info.title]
    if info.author:
        lines.append(info.author)
    if info.date_label:
        lines.append(info.date_label)
    lines += ["", VIEWS[view], "",
              f"Rights ({info.availability}): {info.availability_note}" if info.availability_note
              else f"Rights: {info.availability}",
              "", f"{' '.join(part for part in (title, version) if part)}; from {info.path} (sha256 {info.sha256})."]
    return lines


def _export_texts(edition: Edition, index: Index, result: Export,
                  project: ProjectConfig) -> list[export_epub.Chapter]:
    """The plain texts of each text in both views; returns the chapters of the e-book."""
    docs = {doc.id: doc for doc in edition.texts}
    chapters = []
    for info in index.texts:
        doc = docs[info.id]
        models = {view: export_text.flatten(doc.tree, view) for view in VIEWS}
        for view, model in models.items():
            rel = f"text/{info.id}.{view}.txt"
            text = export_text.plain_text(model, plain_header(info, view, index.version, project.title))
            result.files[rel] = text.encode("utf-8")
            result.sources[rel] = [doc]
        rights = f"Rights ({info.availability}): {info.availability_note}"
        chapters.append(export_epub.Chapter(info.id, info.title, info.author, info.date_label,
                                            rights, models["reading"]))
    return chapters


def _export_data(edition: Edition, index: Index, result: Export, stamp_date: str,
                 project: ProjectConfig) -> None:
    dated = chronology(index)
    stamp = stamp_date.replace("-", "") + "T000000Z"
    outputs = {
        "data/registers.csv": (export_data.registers_csv(index), edition.registers + edition.texts),
        "data/registers.jsonld": (export_data.registers_jsonld(index, (d.tree for d in edition.registers)),
                                  edition.registers + edition.texts),
        "data/chronology.csv": (export_data.chronology_csv(dated), edition.texts),
        "data/chronology.ics": (export_data.chronology_ics(dated, index, stamp, project.id),
                                edition.registers + edition.texts),
    }
    for rel, (data, sources) in outputs.items():
        result.files[rel] = data
        result.sources[rel] = sources


def _corpus_rights(edition: Edition) -> str:
    from ..xmlio import TEI_NS
    if edition.corpus is None:
        return ""
    availability = edition.corpus.tree.getroot().find(f".//{{{TEI_NS}}}availability")
    return " ".join("".join(availability.itertext()).split()) if availability is not None else ""


def _report(edition: Edition, index: Index, validators: Validators, verdicts: list[Verdict]) -> bytes:
    report = {
        "edition": index.title,
        "version": index.version,
        "schemas": [{"file": name, "sha256": digest} for name, digest in validators.versions.items()],
        "tei_all": validators.tei_all_note,
        "sources": [{"file": doc.rel, "sha256": doc.sha256} for doc in edition.documents],
        "checked": [v.as_dict() for v in verdicts],
    }
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _validated_with(rel: str, validators: Validators) -> list[dict]:
    if not rel.startswith("tei/"):
        return []
    names = ["schema/edition.rng", "schema/edition.xsd", "schema/edition.sch", "tei_all.rng"]
    return [{"schema": n, "sha256": validators.versions[n]} for n in names if n in validators.versions]


def _manifest(result: Export, validators: Validators, index: Index) -> bytes:
    files = []
    for rel in sorted(result.files):
        data = result.files[rel]
        suffix = Path(rel).suffix
        entry = {"path": rel, "media_type": MEDIA_TYPES.get(suffix, "application/octet-stream"),
                 "size": len(data), "sha256": sha256(data)}
        validated = _validated_with(rel, validators)
        if validated:
            entry["validated_with"] = validated
        if rel in result.sources:
            entry["derived_from"] = [{"file": d.rel, "sha256": d.sha256} for d in result.sources[rel]]
        files.append(entry)
    manifest = {"edition": index.title, "version": index.version, "tei_all": validators.tei_all_note,
                "files": files}
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def export_edition(root: Path, out: Path, validators: Validators, cache: BuildCache | None = None) -> Export:
    """Every file of the export, built and validated in memory; nothing is written here."""
    cache = cache or NoCache()
    edition, problems = load_edition(root)
    if problems or edition.corpus is None:
        raise EditionError(problems or Problem("tei/edition.xml", 1, 1, "error",
                                               "the corpus header is missing", rule="io"))
    project = edition_config(root, edition.corpus.tree)
    index = build_index(edition)
    result = Export()
    _export_tei(edition, index, validators, out, result, project, cache)
    if result.errors:
        return result
    for name in SCHEMA_FILES:
        result.files[f"schema/{name}"] = (root / "schema" / name).read_bytes()
    result.files[REPORT_NAME] = _report(edition, index, validators, result.verdicts)
    zipped = [(rel, result.files[rel]) for rel in sorted(result.files)]
    result.files[project.zip_file] = export_epub.deterministic_zip(zipped)
    result.sources[project.zip_file] = edition.documents
    chapters = _export_texts(edition, index, result, project)
    modified = export_data.latest_change(doc.tree for doc in edition.documents)
    _export_data(edition, index, result, modified, project)
    result.files[project.epub_file] = export_epub.epub(index.title, index.subtitle, index.version, modified,
                                                       _corpus_rights(edition), chapters, project.id)
    result.sources[project.epub_file] = edition.documents
    # Each text's PDF is its page: the text, and the corpus header its citation names the edition from.
    docs = {doc.id: doc for doc in edition.texts}
    for rel, data in export_pdf.text_pdfs(root, edition, index, cache=cache).items():
        result.files[rel] = data
        result.sources[rel] = [d for d in (edition.corpus, docs[Path(rel).stem]) if d is not None]
    result.files[MANIFEST_NAME] = _manifest(result, validators, index)
    return result


def run_export(root: Path, out: Path, validators: Validators | None = None, cache: BuildCache | None = None) -> int:
    """Validate and write the export; raises EditionError (nothing written) if a TEI file fails.

    ``cache``: the results of earlier exports to reuse and update (None: an export from scratch).
    """
    root, out = Path(root).resolve(), Path(out).resolve()
    inputs = [folder for folder in Project.at(root).inputs if folder != root / "export"]
    check_output(out, inputs, root)
    validators = validators or Validators.load(root)
    if validators.tei_all is None:
        print(f"note: {validators.tei_all_note}", file=sys.stderr)
    cache = cache or NoCache()
    cache.start_build()
    result = export_edition(root, out, validators, cache)
    if result.errors:
        raise EditionError(result.errors)
    write_site(result.files, out, inputs=inputs, project=root)
    cache.finish_build()  # (the results of earlier exports that this one did not use are forgotten)
    warnings = sum(p.severity == "warning" for p in result.problems)
    against = "RelaxNG, XSD, Schematron" + (" and tei_all" if validators.tei_all is not None else "")
    print(f"exported {len(result.files)} files to {out}: {len(result.verdicts)} TEI files valid "
          f"against {against} ({warnings} warnings; see {REPORT_NAME} and {MANIFEST_NAME})")
    return 0
