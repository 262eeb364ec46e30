"""The PDFs of any corpus (``export --corpus DIR --pdf``): ``pdf/ID.pdf``, one a text, set as the
edition's are (pdf.py, print_page.py) from the corpus's own text page.

Each text's page is the one its site shows (``xslt/text.xsl``, then the corpus build's
``CorpusRenderer``), rearranged for paper by the edition's ``paged_html``: its notes at the foot of
the page, its source's page numbers in the margin, running heads, a letter's dateline and closer and
a play's speakers and stage directions as the site sets them (print.css). The title page gives the
corpus's title, the text's citation as the site gives it, and the path and sha256 of its TEI file.

Setting a text takes WeasyPrint about a second, so a corpus of thousands takes long: PDFs are
made only when asked, on the export's one pool (ria/publish/scheduler.py). The pages are made in
this process as the export reads the texts, and sent to the pool ``BATCH`` at a time; while the
workers set one batch, the next is made, so memory holds two batches whatever the corpus's size.
The PDFs are written in the texts' order, whatever order the workers finish in, and the batch is
the same on every machine, so the export and its manifest are the same bytes wherever it is made.

With a cache (pdf_cache.py) a text whose page, stylesheets and typesetter are those of a PDF an
earlier export set is not set again: its page is made (a few milliseconds) and compared by its
digest, and the PDF taken in its place in the batch, so the files and their order are the same.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree

from ..cache import digest
from ..corpus.params import text_params
from ..corpus.render import CorpusRenderer
from ..model.index import Index, TextInfo
from ..publish.harvest import last_change
from ..publish.transform import compiled
from ..problems import EditionError, Problem
from ..publish.workers import Job
from .pdf import PrintJob, paper_stylesheets, pdf_identifier, pdf_path, set_chunk, typesetter
from .pdf_cache import PdfCache, html_digest
from .print_page import LABELS, TitlePage, paged_html

BATCH = 64  # texts sent to the pool at a time: a constant, so that the files' order is too

# A text in a batch: its job, the manifest's account of its file, its cache key, the PDF taken from the cache
_Waiting = tuple[PrintJob, list, tuple[str, str, str], bytes | None]
Put = Callable[[str, bytes, list], None]  # (export path, bytes, the corpus file it was made from)


class CorpusPrinter:
    """The corpus's PDFs: ``add`` each text in the corpus's order, then ``finish``; each PDF goes to
    ``put`` in the texts' order. ``withheld``: the texts a public export has no PDF of (none is added).
    A text that cannot be transformed gets no PDF: its problem is in ``problems``, and the others are set.
    ``cache``: the PDFs of earlier exports; ``reused`` and ``made`` count the PDFs taken from it and set."""

    def __init__(self, project_root: Path, index: Index, scheduler, put: Put,
                 withheld: set[str] = frozenset(), cache: PdfCache | None = None):
        self.index = index
        self._transformer = compiled(Path(project_root) / "xslt" / "text.xsl")
        self._renderer = CorpusRenderer(Path(project_root) / "theme", index, withheld=withheld)
        sheets = paper_stylesheets(project_root)
        self._set = functools.partial(set_chunk, sheets)
        self._setting = digest(sheets, typesetter())  # what sets every page: hashed once
        self._cache = cache or PdfCache(None, [], Path())
        self._scheduler = scheduler
        self._put = put
        self.problems: list[Problem] = []
        self.reused = self.made = 0
        self._waiting: list[_Waiting] = []
        self._under_way: tuple[list[_Waiting], Iterator[list[bytes]]] | None = None

    def add(self, info: TextInfo, data: bytes, tree: etree._ElementTree, derived_from: list) -> None:
        """A text to set: its TEI's bytes and tree; ``derived_from``: the manifest's account of its file."""
        # Without the images' addresses: a page's image is a link, which WeasyPrint does not fetch.
        try:
            parts = self._transformer.transform(Job(data, info.path).text(), info.path,
                                                **text_params(self.index, info))
        except EditionError as err:
            self.problems.extend(err.problems)
            return
        page = self._renderer.text_page(info, parts)
        facts = TitlePage(author=info.author, title=info.title, date_label=info.date_label or info.date,
                          edition=self.index.title, version=self.index.version,
                          citation=self._renderer.citation(info), tei_path=info.path, sha256=info.sha256,
                          availability=info.availability, changed=last_change(tree),
                          made_from=LABELS["corpus_made_from"])
        job = PrintJob(info.id, paged_html(page, facts),
                       pdf_identifier(self.index.title, info.path, info.sha256))
        key = (html_digest(job.html), job.identifier.hex(), self._setting)
        self._waiting.append((job, derived_from, key, self._cache.get(key)))
        if len(self._waiting) == BATCH:  # (the PDFs taken from the cache count: they are held too)
            self._send()

    def finish(self) -> None:
        """The last texts set, and every PDF put."""
        if self._waiting:
            self._send()
        self._collect()

    def _send(self) -> None:
        batch, self._waiting = self._waiting, []
        to_set = [job for job, _, _, cached in batch if cached is None]
        started = self._scheduler.map(self._set, to_set) if to_set else iter(())  # (under way in the pool now)
        self._collect()  # the batch before, while this one is set
        self._under_way = (batch, started)

    def _collect(self) -> None:
        if self._under_way is None:
            return
        batch, started = self._under_way
        self._under_way = None
        made = iter([pdf for chunk in started for pdf in chunk])
        for job, derived_from, key, cached in batch:
            if cached is None:
                pdf = next(made)
                self._cache.put(key, pdf)
                self.made += 1
            else:
                pdf = cached
                self.reused += 1
            self._put(pdf_path(job.text_id), pdf, derived_from)
        if next(made, None) is not None:
            raise AssertionError("the pool returned more PDFs than it was given texts")
