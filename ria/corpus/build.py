"""The corpus build, top to bottom: load → schema report → index → transform → render → write
(with the search index). Each document is parsed once by lxml, and that tree serves the
schema report and the index; the XSLT stage (Saxon, in a process pool: ria/workers.py)
reads the file itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import EditionError, Problem
from ..progress import Progress, Quiet
from .index import CorpusIndex, build_corpus_index
from .load import Corpus, load_corpus

if TYPE_CHECKING:
    from ..schema_report import SchemaReport



@dataclass
class CorpusBuild:
    files: dict[str, bytes]
    corpus: Corpus
    index: CorpusIndex
    report: "SchemaReport"
    stages: dict[str, float]  # wall seconds per stage
    problems: list[Problem] = field(default_factory=list)  # documents left out or not transformed

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


def build_corpus(corpus_dir: Path, out: Path | None, project_root: Path, jobs: int | None = None,
                 progress: Progress | None = None, write: bool = True, search: bool = True,
                 base_url: str = "") -> CorpusBuild:
    """Parse, check, report, index, transform, render, write (with the search index).

    A document that cannot be parsed or transformed is reported in ``problems`` of the
    result and the others are published: a text that failed to transform gets a page that
    says so. EditionError (nothing written) only where nothing can be published.

    ``stages`` of the result gives the wall time of each stage; ``write=False`` builds the
    pages in memory only (and so without the search index, which Pagefind makes on disk).
    """
    import time

    from ..schema_report import schema_report
    from ..site import check_output, write_site
    from ..workers import Job, transform_all
    from .render import CorpusRenderer

    progress = progress or Quiet()
    inputs = [corpus_dir] + [project_root / part for part in ("schema", "xslt", "theme")]
    if write and out is not None:
        check_output(out, inputs, project_root)
    stages: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - started
        started = now

    corpus = load_corpus(corpus_dir, progress)
    lap("parse")
    progress.stage("schema report", len(corpus.documents))
    report = schema_report(project_root / "schema" / "edition.rng",
                           [(doc.rel, doc.tree) for doc in corpus.documents], progress.advance)
    lap("schema report")
    index = build_corpus_index(corpus, progress)
    lap("index")
    by_path = {doc.rel: doc for doc in corpus.texts}
    job_list = [Job(by_path[text.path].source or by_path[text.path].path, text.path,
                    {"root": "../", "entry_pages": " ".join(f"{e}={index.pages[e]}" for e in index.refs[text.id])})
                for text in index.texts]
    progress.stage("transforming", len(job_list))
    failures: list[Problem] = []
    parts = transform_all(project_root / "xslt" / "corpus.xsl", job_list, jobs, progress.advance,
                          failures=failures)
    lap("xslt")
    use_search = search and _search_available()
    renderer = CorpusRenderer(project_root / "theme", index, search=use_search, base_url=base_url)
    files: dict[str, bytes] = {}
    progress.stage("rendering", len(index.texts))
    failed = {problem.path: problem for problem in failures}
    for text in index.texts:
        files[f"tei/{text.id}.xml"] = by_path[text.path].tei  # the text's TEI, as the corpus has it
    for text, text_parts in zip(index.texts, parts):
        files[f"texts/{text.id}.html"] = renderer.text_page(text, text_parts or renderer.failed_parts(
            failed.get(text.path)))
        progress.advance()
    files["index.html"] = renderer.home(len(corpus.skipped))
    files.update(renderer.registers())
    files.update(renderer.places_map())
    files.update(renderer.chronology())
    files.update(renderer.schema_report(report))
    static = project_root / "theme" / "static"
    for asset in sorted(static.rglob("*")):
        if asset.is_file():
            files["static/" + str(asset.relative_to(static))] = asset.read_bytes()
    if use_search:
        files["search.html"] = renderer.search()
    lap("render")
    if write and out is not None:
        progress.stage("writing", 0)
        finish = None
        if use_search:
            from ..search import index_site

            def finish(staging: Path) -> None:
                lap("write")
                progress.stage("search index", 0)
                index_site(staging, language=index.language)
                lap("search index")
        write_site(files, out, finish=finish, inputs=inputs, project=project_root)
        lap("write")
    progress.finish()
    return CorpusBuild(files, corpus, index, report, stages, sorted(corpus.problems + failures))


def _search_available() -> bool:
    try:
        from ..search import pagefind_executable
        pagefind_executable()
    except (ImportError, EditionError):
        return False
    return True
