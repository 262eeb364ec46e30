"""The export of any corpus: ``python build.py export --corpus DIR [--out OUT] [--public] [--pdf]``.

What the edition's export offers that a corpus's markup allows, made by the corpus build's own
read stage (ria/corpus/reading.py), so that it reads what the site shows:

* ``text/ID.reading.txt`` and ``text/ID.diplomatic.txt``: each text in plain text, in both views;
* ``data/texts.csv``: every text with its author, date, language and rights;
* ``data/registers.csv`` and ``data/registers.jsonld``: every register entry, with its
  spellings, dates, authority identifiers and how often the texts mention it;
* ``data/chronology.csv`` and ``data/chronology.ics``: every date the texts mark, in both
  calendars where the source's is the Julian;
* ``NAME.epub`` (NAME: the corpus folder's): the corpus as one e-book, its texts in the site's
  order, each a chapter of its reading text with its notes (corpus_epub.py);
* with ``--pdf``, ``pdf/ID.pdf``: each text's print edition, set as the edition's are from the
  corpus's own text page (corpus_pdf.py), a PDF whose inputs are unchanged taken from the cache an
  earlier export left (``--cache DIR``, by default ``<out>.ria-cache`` beside it: pdf_cache.py);
* ``manifest.json``: every file with its size and checksum, each text's files with the corpus
  file they were made from, and every file of the corpus that was read.

``--public`` exports for the open web, as ``build --corpus DIR --public`` builds (ria/model/rights.py):
a text whose rights are not free has no plain text and no PDF, and its chapter of the e-book gives its header's
data and why its words are not there; texts.csv lists it (a column ``words`` says ``withheld``); its
mentions and dates are in the registers and the chronology by their place, which hold no sentence;
the manifest says the export is public and lists each withheld text with why.

The corpus's own TEI files are what people reuse as TEI; they are not copied. The files are
written as they are made (a text at a time: nothing grows with the corpus but the registers, the
manifest and the e-book's table of contents) into a staged folder put in place at the end, so a failed export leaves the
previous one as it was. An unchanged corpus exports byte-identical files.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

from ..corpus.incremental import Reuse
from ..corpus.load import layout
from ..corpus.reading import read_corpus
from ..model.store import IndexStore
from ..model.records import TextInfo
from ..model.rights import WithheldContexts, withheld_texts
from ..problems import EditionError, Problem
from ..progress import Progress, Quiet
from ..publish.build import Project
from ..publish.scheduler import open_scheduler
from ..publish.site import StagedSite, check_output
from ..publish.workers import CROSSOVER_BYTES, default_jobs
from ..terminal import report_problems
from ..xmlio import parse_bytes
from . import data as export_data
from . import text as export_text
from .corpus_epub import CorpusBook
from .corpus_pdf import CorpusPrinter
from .pdf_cache import PdfCache
from .run import MANIFEST_NAME, MEDIA_TYPES, VIEWS, plain_header


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Written:
    """The export's files as they are written, and the manifest's account of them."""

    def __init__(self, site: StagedSite):
        self._site = site
        self.entries: list[dict] = []

    def put(self, rel: str, data: bytes, derived_from: list[dict] | None = None) -> None:
        self._site.write({rel: data})
        entry = {"path": rel, "media_type": MEDIA_TYPES.get(Path(rel).suffix, "application/octet-stream"),
                 "size": len(data), "sha256": _sha256(data)}
        if derived_from:
            entry["derived_from"] = derived_from
        self.entries.append(entry)

    def staged(self, rel: str) -> Path:
        """Where a file too big to hold is written straight into the staged export, as it is made;
        ``put_staged`` accounts for it then. (The export is staged whole: site.py.)"""
        path = self._site.site_file(rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def put_staged(self, rel: str) -> None:
        digest, size = hashlib.sha256(), 0
        with open(self._site.site_file(rel), "rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
        self.entries.append({"path": rel, "media_type": MEDIA_TYPES.get(Path(rel).suffix, "application/octet-stream"),
                             "size": size, "sha256": digest.hexdigest()})


@dataclasses.dataclass
class Exported:
    files: int  # how many were written
    withheld: list[str]  # the texts whose words a public export left out
    public: bool = False  # for the open web (--public, or the corpus config's "rights")
    problems: list[Problem] = dataclasses.field(default_factory=list)  # documents left out, PDFs not set
    pdfs_reused: int = 0  # PDFs taken from the cache of earlier exports
    pdfs_made: int = 0  # PDFs set by this export
    cache_trouble: str | None = None  # why the cache could not be used, where it could not


def export_corpus(corpus_dir: Path, out: Path, project_root: Path, jobs: int | None = None,
                  progress: Progress | None = None, public: bool = False, pdf: bool = False,
                  cache_dir: Path | None = None) -> Exported:
    """Read the corpus and write its export into ``out``; ``public``: for the open web, without the
    words of any text whose rights are not free; ``pdf``: with each text's PDF (corpus_pdf.py), those
    set before taken from ``cache_dir`` where it holds them (pdf_cache.py; None: set every one).
    EditionError (nothing written) where the corpus holds no text or ``out`` may not be written."""
    corpus_dir, out = Path(corpus_dir).resolve(), Path(out).resolve()
    progress = progress or Quiet()
    inputs = [corpus_dir] + Project.at(project_root).inputs
    check_output(out, inputs, project_root)
    found = layout(corpus_dir)
    public = public or found.policy.public  # (its config's "rights", or --public)
    reuse = Reuse(None, project_root)  # (an export reads every file afresh)
    size = reuse.plan_reading(found)
    workers = default_jobs() if jobs is None else max(1, jobs)
    with contextlib.ExitStack() as stack:
        pdf_cache = PdfCache(Path(cache_dir).resolve() if pdf and cache_dir is not None else None, inputs, out)
        stack.callback(pdf_cache.close)
        site = stack.enter_context(StagedSite(out, inputs, project_root))
        store = IndexStore(None)
        stack.callback(store.close)
        # One pool for the export: the PDFs are set on the workers that read the corpus.
        scheduler = stack.enter_context(open_scheduler(workers, size >= CROSSOVER_BYTES or (pdf and workers > 1),
                                                       None, project_root))
        reading = read_corpus(found, project_root, scheduler, store, reuse, progress, public)
        if not pdf:
            scheduler.close()
        index = reading.index
        withheld = withheld_texts(index, public)
        if withheld:  # (the sentences the store keeps of their mentions and dates: taken out as they are read)
            index = dataclasses.replace(index, source=WithheldContexts(index.source, withheld))
        written = _Written(site)
        days: list[str] = []  # the days of the corpus's recorded changes: its date, not the export's
        book_name = f"{_domain(corpus_dir)}.epub"
        book_file = stack.enter_context(open(written.staged(book_name), "wb"))
        book = CorpusBook(book_file, index, index.publisher, withheld)
        printer = CorpusPrinter(project_root, index, scheduler, written.put, withheld, pdf_cache) if pdf else None
        progress.stage("exporting", len(index.texts))
        for info in index.texts:
            data = store.source_of(info.id) or (found.root / info.path).read_bytes()
            tree = parse_bytes(data, info.path, collect_ids=False, doctype=True, warnings=[])
            days += export_data.changes(tree)
            if info.id in withheld:
                book.add(info, tree, None)
                progress.advance(1)
                continue
            source = [{"file": info.path, "sha256": _sha256((found.root / info.path).read_bytes())}]
            for view in VIEWS:
                model = export_text.flatten(tree, view)
                text = export_text.plain_text(model, plain_header(info, view, index.version, index.title))
                written.put(f"text/{info.id}.{view}.txt", text.encode("utf-8"), source)
                if view == "reading":
                    book.add(info, tree, model)
            if printer:
                printer.add(info, data, tree, source)
            progress.advance(1)
        if printer:
            printer.finish()
        registers = [parse_bytes(path.read_bytes(), _relative(path, found.root), collect_ids=False, doctype=True,
                                 warnings=[]) for path in _files(reading.corpus.registers)]
        days += [day for tree in registers for day in export_data.changes(tree)]
        dated = [d for year in index.dated_years() for d in index.dated_in(year)]
        stamp = max(days, default="1980-01-01").replace("-", "") + "T000000Z"
        written.put("data/texts.csv", export_data.texts_csv(index, withheld if public else None))
        written.put("data/registers.csv", export_data.registers_csv(index))
        written.put("data/registers.jsonld", export_data.registers_jsonld(index, registers))
        written.put("data/chronology.csv", export_data.chronology_csv(dated))
        written.put("data/chronology.ics", export_data.chronology_ics(dated, index, stamp, _domain(corpus_dir)))
        book.finish(max(days, default="1980-01-01"), _domain(corpus_dir))
        book_file.close()
        written.put_staged(book_name)
        read = _files([*reading.corpus.texts, *reading.corpus.registers])
        manifest = {"corpus": index.title, "files": written.entries,
                    "read": sorted(({"file": _relative(path, found.root), "sha256": _sha256(path.read_bytes())}
                                    for path in read), key=lambda f: f["file"])}
        problems = sorted(reading.corpus.problems + (printer.problems if printer else []))
        if problems:  # what was left out, and why
            manifest["problems"] = [str(problem) for problem in problems]
        if public:
            manifest |= {"public": True, "withheld": [_withheld_entry(info) for info in index.texts
                                                      if info.id in withheld]}
        written.put(MANIFEST_NAME, (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        site.commit()
        pdf_cache.finish(out)
    progress.finish()
    return Exported(len(written.entries), [info.id for info in index.texts if info.id in withheld], public,
                    problems, printer.reused if printer else 0, printer.made if printer else 0,
                    pdf_cache.trouble)


def _withheld_entry(info: TextInfo) -> dict:
    """A withheld text as the manifest lists it: which, from what file, and why."""
    why = f"its rights are not free ({info.availability})"
    return {"text": info.id, "file": info.path, "availability": info.availability,
            "why": f"{why}: {info.availability_note}" if info.availability_note else why}


def _files(records) -> list[Path]:
    """The files the documents are in, each once (a teiCorpus may hold several)."""
    return list(dict.fromkeys(Path(record.path) for record in records))


def _relative(path: Path, root: Path) -> str:
    return path.resolve().relative_to(root).as_posix()


def _domain(corpus_dir: Path) -> str:
    """What ends each calendar entry's UID: the corpus folder's name, as a host name's label is written."""
    label = "".join(c if c.isalnum() else "-" for c in corpus_dir.name.lower()).strip("-")
    return label or "corpus"


def export_folder(corpus_dir: Path, out: Path | None) -> Path:
    """Where a corpus's export goes: ``out``, else NAME-export (NAME: the corpus folder's) in the working folder."""
    return Path(out).resolve() if out else Path.cwd() / f"{Path(corpus_dir).resolve().name}-export"


def run_export_corpus(corpus_dir: Path, out: Path | None, project_root: Path, jobs: int | None = None,
                      public: bool = False, pdf: bool = False, cache_dir: Path | None = None) -> int:
    corpus_dir, out = Path(corpus_dir).resolve(), export_folder(corpus_dir, out)
    if not corpus_dir.is_dir():
        raise EditionError(f"{corpus_dir}: no such folder")
    exported = export_corpus(corpus_dir, out, project_root, jobs, Progress(), public, pdf, cache_dir)
    print(f"exported {exported.files} {'public ' if exported.public else ''}files to {out} (see {MANIFEST_NAME})")
    if pdf:
        kept = f", {exported.pdfs_reused} taken from the cache {cache_dir}" if cache_dir is not None else ""
        print(f"PDFs: {exported.pdfs_made} set{kept}")
        if exported.cache_trouble:
            print(exported.cache_trouble, file=sys.stderr)
    if exported.public and exported.withheld:
        print(f"{len(exported.withheld)} texts whose rights are not free are exported without their words "
              f"({MANIFEST_NAME} lists them)")
    return report_problems(exported.problems, "the others were exported")
