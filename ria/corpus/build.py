"""A corpus as the build publishes it: a folder of other people's TEI, read streaming.

The build's loop is the edition's (ria/publish/pipeline.py); what is a corpus's own is here:

1. Every file is read once, in the worker pool (``survey.py``): parsed, classified, checked
   against the edition's schema and indexed; only plain records come back (``reading.py``).
2. The index is gathered from them; mentions and dated passages go to the build's store, from
   which the register, chronology and map pages are rendered one at a time (``render.py``).
3. Each text's TEI goes out beside its page, and the images its TEI points to.
4. A problem (a file left out, a text that cannot be transformed) is reported, and stops the
   build only where ``strict`` says so.

Memory holds the registers' entries and a small record a text; nothing else grows with
the corpus. With a cache (``cache_dir``) each stage takes what an earlier build made from the
same inputs and the site in place keeps its unchanged files, the changed ones moved into it
(incremental.py, site_journal.py). A build that writes nothing (``write=False``) keeps its pages in ``files``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.index import Index
from ..problems import EditionError, Problem
from ..progress import Progress
from ..publish.pipeline import build_site
from ..publish.render import Planned
from ..publish.site import check_output
from ..publish.workers import Job
from .cache import open_cache
from .dts import CorpusDTS
from .incremental import Reuse
from .params import text_params
from .load import Corpus, layout
from .reading import read_corpus

if TYPE_CHECKING:
    from ..validate.schema_report import SchemaReport

STORE_NAME = ".ria-corpus-store.sqlite"  # in the staging folder, removed before the site is put in place


@dataclass
class CorpusBuild:
    files: dict[str, bytes]  # the pages, where the build wrote nothing (write=False); else empty
    paths: list[str]  # every file of the site, in the order written
    corpus: Corpus
    index: Index
    report: "SchemaReport"
    stages: dict[str, float]  # wall seconds per stage
    problems: list[Problem] = field(default_factory=list)  # documents left out or not transformed
    reused: dict[str, int] = field(default_factory=dict)  # what an incremental build took from before
    withheld: set[str] = field(default_factory=set)  # the texts a public build does not publish
    public: bool = False  # for the open web (--public, or the corpus config's "rights")

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


class CorpusProject:
    """A folder of other people's TEI as the build (ria/publish/pipeline.py) publishes it: read in
    the worker pool (reading.py), its own page set (render.py), each text's TEI beside its page,
    its images; a problem stops the build only where its config's ``checks`` or ``strict`` say so."""

    def __init__(self, corpus_dir: Path, project_root: Path, out: Path | None, cache_dir: Path | None):
        self.root = project_root
        self.inputs = _inputs(corpus_dir, project_root)
        self.found = layout(corpus_dir)
        self.reuse = Reuse(open_cache(cache_dir, self.inputs, out) if out is not None and cache_dir is not None
                           else None, project_root)
        self.reuse.source = self._source
        self.store = None
        self.reading = None

    def bytes_to_read(self) -> int:
        return self.reuse.plan_reading(self.found)  # (a file unchanged since the last build is not read)

    def read(self, scheduler, progress, public: bool) -> Index:
        from ..model.store import IndexStore
        site = self.reuse.site
        self.store = self.reuse.store or IndexStore(site.path / STORE_NAME if site is not None else None)
        self.reading = read_corpus(self.found, self.root, scheduler, self.store, self.reuse, progress, public)
        return self.reading.index

    def pages(self, index: Index, withheld: set[str], search: bool, base_url: str):
        from .render import CorpusRenderer
        self.index = index
        self.renderer = CorpusRenderer(self.root / "theme", index, search=search, base_url=base_url,
                                       withheld=withheld, skipped=len(self.reading.corpus.skipped),
                                       report=self.reading.report)
        self.dts = CorpusDTS(index, base_url, frozenset(withheld), self.reuse)
        return self.renderer

    def files(self, withheld: set[str]):
        """The texts' images, each once (a withheld text's are not among them: reading.py)."""
        return (_image(image) for image in self.reading.images.published())

    def text_written(self, text) -> None:
        self.dts.text(text)  # its DTS files follow its page

    def texts_written(self, scheduler, put) -> None:
        self.dts.made(scheduler, self._source, put)

    def files_after_texts(self):
        return self.dts.site_pages()  # DTS: the entry point and the corpus's collection

    def text_job(self, text, withheld: bool) -> Job:
        source = self.store.source_of(text.id) or self.found.root / text.path
        return Job(source, text.path, text_params(self.index, text, self.reading.images.param(text.id), withheld))

    def _source(self, text) -> bytes:
        return self.store.source_of(text.id) or (self.found.root / text.path).read_bytes()

    def text_files(self, text) -> dict[str, bytes]:
        """A text's TEI as the site offers it: none for a text withheld from a public build."""
        return {} if text.id in self.renderer.withheld else {f"tei/{text.id}.xml": self._source(text)}

    def transformer(self):
        from ..publish.transform import compiled
        return compiled(self.root / "xslt" / "text.xsl")

    def search_cache(self):
        return None  # (the bundles' keys are the Reuse's)

    def explain(self) -> None:
        pass  # a corpus's problems are reported with its result

    def checked(self, failures: list[Problem], strict: bool) -> list[Problem]:
        problems = sorted(self.reading.corpus.problems + failures + self.dts.problems)
        stopping = self.found.policy.stops(problems, strict)  # (its config's "checks", or --strict)
        if stopping:
            raise EditionError(stopping)  # (the site in place stays as it was)
        return problems

    def made(self) -> None:
        if self.store is not None and self.reuse.site is not None:
            self.store.close()  # scratch data: never part of the site

    def close(self) -> None:
        self.made()
        self.reuse.close()


def build_corpus(corpus_dir: Path, out: Path | None, project_root: Path, jobs: int | None = None,
                 progress: Progress | None = None, write: bool = True, search: bool = True,
                 base_url: str = "", scheduler_address: str | None = None,
                 cache_dir: Path | None = None, public: bool = False, strict: bool = False) -> CorpusBuild:
    """Read, index, transform, render and write a corpus (with the search index).

    A document that cannot be parsed or transformed is reported in ``problems`` of the
    result and the others are published: a text that failed to transform gets a page that
    says so. EditionError (nothing written) only where nothing can be published.
    ``scheduler_address``: a Dask scheduler's, whose workers do the per-document work
    and the search bundles (ria/publish/distributed.py); else this machine's cores do.
    ``cache_dir``: the folder of the results of earlier builds of this site (cache.py), which
    this one reuses and updates (incremental.py); None for a clean build.
    ``public``: a build for the open web, which publishes no words of a text whose rights are not
    free (ria/model/rights.py): its page keeps what its header says, its TEI and images stay out, and
    the register and chronology pages cite it without its sentences. ``strict``: any problem (a
    document left out or not transformed, a warning) stops the build, and nothing is written.
    """
    writing = write and out is not None
    if writing:  # before the corpus is read or its cache opened (the loop checks it again)
        check_output(out, _inputs(corpus_dir, project_root), project_root)
    project = CorpusProject(corpus_dir, project_root, out if writing else None, cache_dir)
    public = public or project.found.policy.public  # (its config's "rights", or --public)
    built = build_site(project, out if writing else None, jobs=jobs, progress=progress, search=search,
                       base_url=base_url, scheduler_address=scheduler_address, public=public, strict=strict)
    reading = project.reading
    return CorpusBuild(built.files, built.paths, reading.corpus, built.index, reading.report, built.stages,
                       built.problems, project.reuse.counts(), built.withheld, public)


def _inputs(corpus_dir: Path, project_root: Path) -> list[Path]:
    """What a corpus's build reads: the corpus, and the edition's inputs too (tei/, sources/, …): a
    site written into one would be read by its next build."""
    from ..publish.build import Project
    return [corpus_dir] + Project.at(project_root).inputs


def _image(image) -> Planned:
    """An image of a text, planned: copied from the corpus again when its file changed (images.py)."""
    return Planned((image.site_name,), lambda: {image.site_name: Path(image.file).read_bytes()},
                   lambda: ("image", image.site_name, image.file, *image.state))
