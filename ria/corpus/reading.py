"""The corpus's first stage, shared by the build and the export: every file read once, in the
worker pool (survey.py), and the index gathered from the records that come back, as the edition's
is from its own (ria/model/indexer.py); mentions and dated passages go to the store. Nothing is
transformed here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.index import Index
from ..model.indexer import Indexer
from .images import CorpusImages
from .load import Corpus, Layout
from .survey import fragments_published, is_fragment, no_texts, settle, settle_parts

if TYPE_CHECKING:
    from ..validate.schema_report import SchemaReport
    from .incremental import Reuse


@dataclass
class Reading:
    corpus: Corpus
    index: Index
    report: "SchemaReport"  # what the edition's schema says of each document
    images: CorpusImages  # the images the texts show


def read_corpus(found: Layout, project_root: Path, scheduler, store, reuse: "Reuse", progress,
                public: bool = False) -> Reading:
    """Read and index every file of the corpus ``found`` lays out; EditionError if it holds no text.
    ``reuse`` gives what an earlier build read of a file unchanged since (incremental.py); ``public``:
    the images of a text whose rights are not free are not published (ria/model/rights.py)."""
    from ..validate.schema_report import ReportCollector

    corpus = Corpus(found.root, found.title, links_out=found.links_out)
    indexer = Indexer(found.title, store, reuse.entry_pages)
    images = reuse.images = CorpusImages(found.root)
    collector = ReportCollector("edition.rng")

    added = []  # each text taken in, with where its rows and its images are: its page is named at the end

    def index(survey, documents) -> None:
        for record, document in zip(survey.documents, documents):
            if not is_fragment(survey):  # (not checked against the schema: survey.py)
                collector.add(record.findings)
            text = indexer.add(record, document)
            if text is not None:
                added.append((text, document, record.path, record.rel, record.text.images))

    fragments = []  # held until every file is read: published unless another file includes them
    for survey, documents in reuse.surveys(project_root / "schema" / "edition.rng", scheduler, progress):
        if is_fragment(survey):
            for record, document in zip(survey.documents, documents):
                indexer.file_ahead(record, document)  # (the cache's store files a survey's rows now)
            fragments.append((survey, documents))
        else:
            index(survey, documents)
        settle(corpus, survey)
    for survey, documents in fragments_published(corpus, fragments):
        index(survey, documents)
    del fragments
    settle_parts(corpus)
    if not corpus.texts:
        raise no_texts(corpus)
    indexer.title = corpus.title  # a teiCorpus's own title, where the config names none
    result = indexer.finish()
    for text, document, path, rel, refs in added:
        reuse.filed(text.id, document)
        if not public or text.availability == "free":
            images.add(text.id, path, rel, refs)
    corpus.problems.extend(indexer.problems + images.problems)
    return Reading(corpus, result, collector.finish(), images)
