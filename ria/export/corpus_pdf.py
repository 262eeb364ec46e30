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
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree

from ..corpus.params import text_params
from ..corpus.render import CorpusRenderer
from ..model.index import Index, TextInfo
from ..publish.harvest import last_change
from ..publish.transform import compiled
from ..problems import EditionError, Problem
from ..publish.workers import Job
from .pdf import PrintJob, paper_stylesheets, pdf_identifier, pdf_path, set_chunk
from .print_page import LABELS, TitlePage, paged_html

BATCH = 64  # texts sent to the pool at a time: a constant, so that the files' order is too

Put = Callable[[str, bytes, list], None]  # (export path, bytes, the corpus file it was made from)


class CorpusPrinter:
    """The corpus's PDFs: ``add`` each text in the corpus's order, then ``finish``; each PDF goes to
    ``put`` in the texts' order. ``withheld``: the texts a public export has no PDF of (none is added).
    A text that cannot be transformed gets no PDF: its problem is in ``problems``, and the others are set."""

    def __init__(self, project_root: Path, index: Index, scheduler, put: Put,
                 withheld: set[str] = frozenset()):
        self.index = index
        self._transformer = compiled(Path(project_root) / "xslt" / "text.xsl")
        self._renderer = CorpusRenderer(Path(project_root) / "theme", index, withheld=withheld)
        self._set = functools.partial(set_chunk, paper_stylesheets(project_root))
        self._scheduler = scheduler
        self._put = put
        self.problems: list[Problem] = []
        self._waiting: list[tuple[PrintJob, list]] = []
        self._under_way: tuple[list[tuple[PrintJob, list]], Iterator[list[bytes]]] | None = None

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
        self._waiting.append((job, derived_from))
        if len(self._waiting) == BATCH:
            self._send()

    def finish(self) -> None:
        """The last texts set, and every PDF put."""
        if self._waiting:
            self._send()
        self._collect()

    def _send(self) -> None:
        batch, self._waiting = self._waiting, []
        started = self._scheduler.map(self._set, [job for job, _ in batch])  # (under way in the pool now)
        self._collect()  # the batch before, while this one is set
        self._under_way = (batch, started)

    def _collect(self) -> None:
        if self._under_way is None:
            return
        batch, started = self._under_way
        self._under_way = None
        pdfs = [pdf for chunk in started for pdf in chunk]
        for (job, derived_from), pdf in zip(batch, pdfs, strict=True):
            self._put(pdf_path(job.text_id), pdf, derived_from)
