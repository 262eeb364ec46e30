"""The print edition: each text as a PDF, set in pages by WeasyPrint from the edition's own page.

Each text's page is made as the site makes it (``xslt/text.xsl``, then ``text.html``),
rearranged for paper (``ria/export/print_page.py``) and laid out by WeasyPrint with the site's
``edition.css`` and ``print.css``: footnotes at the foot of the page, the source's page
numbers in the margin, running heads, a title page with the citation and the TEI's
content hash, the apparatus and the description of the text at the end.

The bytes depend only on the edition (and the fonts and WeasyPrint version installed):
the document's dates are the TEI's latest change, its identifier is derived from the
TEI's hash, and WeasyPrint fetches nothing (the stylesheets are handed to it, every
other address is refused). The texts are set in parallel, on the build's pool
(ria/publish/workers.py), one process per core. A corpus's texts are set by the same functions
(corpus_pdf.py).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import tinycss2

from ..cache import BuildCache, NoCache
from ..model.index import Index, TextInfo
from ..model.load import Document, Edition
from ..model.project_config import edition_config
from ..publish.harvest import last_change
from ..publish.render import Renderer
from ..publish.transform import compiled
from ..publish.workers import Scheduler
from .print_page import TitlePage, paged_html

PDF_FOLDER = "pdf"
STYLESHEETS = ("edition.css", "print.css")  # in theme/static, in this order
CONDITIONAL = ("media", "supports")  # at-rules whose rules apply to the page as any others


@dataclass(frozen=True)
class PrintJob:
    """One text to set: its paged HTML and what makes its PDF's identifier."""

    text_id: str
    html: str
    identifier: bytes


def pdf_identifier(*facts: str) -> bytes:
    """The PDF's identifier, derived from what identifies the text (never the time of the run)."""
    return hashlib.sha256(":".join(facts).encode()).digest()[:16]


def pdf_path(text_id: str) -> str:
    """Where a text's PDF goes in the export (and, published, under downloads/)."""
    return f"{PDF_FOLDER}/{text_id}.pdf"


def _title_page(renderer: Renderer, info: TextInfo, doc: Document, index: Index) -> TitlePage:
    return TitlePage(author=info.author, title=info.title, date_label=info.date_label or info.date,
                     edition=index.title, version=index.version, citation=renderer.citation(info),
                     tei_path=f"tei/texts/{Path(doc.rel).name}", sha256=info.sha256,
                     availability=info.availability,
                     changed=last_change(doc.tree))


def print_jobs(root: Path, edition: Edition, index: Index,
               only: set[str] | None = None) -> list[PrintJob]:
    """Each text's page (or those of ``only``), made as the site makes it and rearranged for paper."""
    transformer = compiled(root / "xslt" / "text.xsl")
    project = edition_config(root, edition.corpus.tree if edition.corpus else None)
    renderer = Renderer(root / "theme", index, project=project)
    # The same parameters as the site's build (ria/publish/build.py), so that the page is the site's.
    entry_pages = index.addresses(index.entries)
    docs = {doc.id: doc for doc in edition.texts}
    jobs = []
    for info in index.texts:
        if only is not None and info.id not in only:
            continue
        doc = docs[info.id]
        parts = transformer.transform(doc.text, doc.rel, root="../", entry_pages=entry_pages,
                                      editors_id=project.editors_id)
        page = renderer.text_page(info, parts)
        identifier = pdf_identifier(index.version, info.sha256)
        jobs.append(PrintJob(info.id, paged_html(page, _title_page(renderer, info, doc, index)), identifier))
    return jobs


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list, one token list per selector."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _without_has(rules: list) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _selectors(rule.prelude)
            plain = [s for s in selectors if ":has(" not in tinycss2.serialize(s)]
            if not plain:
                continue
            if len(plain) < len(selectors):
                comma = tinycss2.ast.LiteralToken(0, 0, ",")
                rule.prelude = [token for i, s in enumerate(plain) for token in ([comma] if i else []) + s]
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in CONDITIONAL:
            inner = _without_has(tinycss2.parse_rule_list(rule.content))
            rule.content = tinycss2.parse_component_value_list(tinycss2.serialize(inner))
        kept.append(rule)
    return kept


def for_paper(css: str) -> str:
    """A stylesheet without its selectors that test the page's controls (``:has()``).

    They switch the screen's views and highlighting, which paper does not have; and matching
    ``:has()`` walks the whole page for every element it might select, which took WeasyPrint
    four minutes on the longest text (twenty seconds without). A rule left with no selector
    goes with them.
    """
    return tinycss2.serialize(_without_has(tinycss2.parse_stylesheet(css)))


def set_in_pages(job: PrintJob, stylesheets: tuple[str, ...]) -> bytes:
    """One text's PDF (WeasyPrint), from its paged HTML and the stylesheets' text."""
    import weasyprint
    from weasyprint.urls import URLFetcher
    # WeasyPrint warns of every screen rule it does not support (media features, overflow-x…):
    # none of them is for paper, and the export reports only what went wrong.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # Nothing from outside: an address the page or a stylesheet names stops the PDF.
    refuse = URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
    css = [weasyprint.CSS(string=sheet, url_fetcher=refuse) for sheet in stylesheets]
    document = weasyprint.HTML(string=job.html, url_fetcher=refuse).render(stylesheets=css)
    # Tagged (its headings, paragraphs, lists and notes marked as such): screen readers and
    # reflowing readers follow the structure rather than guessing it from the page.
    return document.write_pdf(pdf_identifier=job.identifier, pdf_tags=True)


def set_chunk(stylesheets: tuple[str, ...], jobs: list[PrintJob]) -> list[bytes]:
    """The PDFs of a chunk of jobs, in their order: what a worker of the pool is sent."""
    return [set_in_pages(job, stylesheets) for job in jobs]


def paper_stylesheets(root: Path) -> tuple[str, ...]:
    """The site's stylesheets as WeasyPrint is given them (``for_paper``)."""
    return tuple(for_paper((Path(root) / "theme" / "static" / name).read_text(encoding="utf-8"))
                 for name in STYLESHEETS)


def typesetter() -> tuple[str, ...]:
    """What sets the PDFs besides their page and stylesheets: WeasyPrint's version and its PDF writer's."""
    from importlib.metadata import version
    return tuple(f"{name} {version(name)}" for name in ("weasyprint", "pydyf"))


def text_pdfs(root: Path, edition: Edition, index: Index, only: set[str] | None = None,
              processes: int | None = None, cache: BuildCache | None = None) -> dict[str, bytes]:
    """Export path → PDF bytes for every text (or those of ``only``), in the texts' order.

    A text whose paged HTML, stylesheets and typesetter are those of a PDF in ``cache`` is
    not set again. (The fonts installed are not part of the key: ``export --no-cache`` after
    installing others.)
    """
    root = Path(root)
    cache = cache or NoCache()
    jobs = print_jobs(root, edition, index, only)
    sheets = paper_stylesheets(root)
    versions = typesetter()

    def inputs(job: PrintJob) -> tuple:
        return (job.html, job.identifier, sheets, versions)

    made = {job.text_id: pdf for job in jobs if (pdf := cache.get("export-pdf", inputs(job))) is not None}
    # The longest first, so that the last to finish is a short one.
    ordered = sorted((job for job in jobs if job.text_id not in made), key=lambda job: -len(job.html))
    processes = min(processes or os.cpu_count() or 1, len(ordered))
    with Scheduler(processes) as scheduler:  # (one process: set here, no pool started)
        pdfs = [pdf for chunk in scheduler.map(functools.partial(set_chunk, sheets), ordered) for pdf in chunk]
    new = {job.text_id: pdf for job, pdf in zip(ordered, pdfs)}
    for job in ordered:
        cache.put("export-pdf", inputs(job), new[job.text_id])
    made.update(new)
    return {pdf_path(job.text_id): made[job.text_id] for job in jobs}
