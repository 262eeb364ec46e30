"""The per-file stage of a corpus build: everything the index needs of a file, from one parse.

It runs in the build's worker processes (``ria/publish/workers.py``), so files are parsed on
every core, and only plain records come back: a register's entries; a text's metadata,
mentions and dated passages; what the edition's schema finds. No tree outlives its
survey, so the build's memory does not grow with the documents' size.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from lxml import etree

from ..model.entries import register_entries
from ..model.indexer import DocumentRecord, TextRecord, text_record
from ..problems import EditionError, Problem
from ..progress import Progress, Quiet
from ..validate.schema_report import findings_of
from ..xmlio import TEI as T
from ..xmlio import XI_INCLUDE, has_doctype, parse_bytes
from .fragments import fragment_document
from .images import image_refs
from .load import (CONFIG, Corpus, CorpusDocument, Layout, classify, layout, own_tei_namespace, tei_documents,
                   unread_standoff)
from .xinclude import expand_includes


@dataclass
class FileTask:
    """A file to survey, and what the corpus's config says it is (None: decide by content)."""

    path: str
    rel: str
    named: str | None = None  # "text" or "register" where ria-corpus.json names it
    must_be_tei: bool = False  # the config names it among the texts
    data: bytes | None = None  # its bytes, for a worker that cannot read ``path`` (ria/publish/distributed.py)
    included: dict[str, bytes] | None = None  # and those of the corpus files its xi:includes read

    def self_contained(self) -> "FileTask":
        try:
            data = Path(self.path).read_bytes()
        except OSError:
            return self  # the survey reports why it cannot be read
        return dataclasses.replace(self, data=data, included=_included_files(self, data))


@dataclass
class FileSurvey:
    rel: str
    documents: list[DocumentRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False  # not TEI: left out, listed
    corpus_title: str = ""  # a teiCorpus's title, for a corpus whose config names none
    # the corpus files its xi:includes read (relative path, sha256 of the bytes read; None: not
    # there), whose change changes its survey (incremental.py)
    includes: list[tuple[str, str | None]] = field(default_factory=list)
    # a TEI element that is no document (line, name): a part to include, or a fragment (fragments.py)
    # whose documents are published if no file includes it
    part: tuple[int, str] | None = None


_schemas: dict[str, etree.RelaxNG] = {}


def _schema(path: str) -> etree.RelaxNG:
    """The edition's RelaxNG, compiled once in each process."""
    if path not in _schemas:
        _schemas[path] = etree.RelaxNG(etree.parse(path))
    return _schemas[path]


def survey_file(task: FileTask, schema: str | None,
                inspect: Callable[[CorpusDocument], object] | None = None) -> FileSurvey:
    """Read, classify and index one file; what cannot be read is a problem, not an exception.
    ``inspect``: a top-level function that takes more from each document's tree, while it is parsed."""
    survey = FileSurvey(task.rel)
    path = Path(task.path)
    try:
        data = task.data if task.data is not None else path.read_bytes()
        # Registers of real corpora repeat an xml:id now and then: that is for the schema
        # report, not a reason to refuse the file.
        # A DOCTYPE is accepted if it declares no entities; its DTD is never read, and an entity
        # only that DTD declares is kept as written and reported.
        tree = parse_bytes(data, task.rel, collect_ids=False, doctype=True, warnings=survey.problems)
    except OSError as err:
        survey.problems.append(Problem(task.rel, 1, 1, "error", f"cannot read file: {err.strerror}", rule="io"))
        return survey
    except EditionError as err:
        survey.problems.extend(err.problems)
        return survey
    # What the stylesheets read of a file with a DOCTYPE is its tree, without it (Saxon would load its DTD);
    # of a file with includes followed, its tree with what they include (tei/ID.xml too: README).
    inert = has_doctype(data)
    origins: dict = {}  # included elements → their own file and line (xinclude.py)
    included: dict[str, bytes] = {}
    if _holds_documents(tree.getroot()):
        expansion = expand_includes(tree, task.rel, data, _corpus_root(task), task.included, keep=True)
        survey.problems.extend(expansion.problems)
        survey.includes = sorted(expansion.read.items())
        inert = inert or expansion.changed
        origins, included = expansion.origins, expansion.files or {}
    documents = tei_documents(tree, task.rel, path.stem)
    own = own_tei_namespace(tree.getroot())
    if own and documents:
        survey.problems.append(Problem(task.rel, tree.getroot().sourceline or 1, 1, "warning",
                                       f"a <{etree.QName(tree.getroot()).localname}> in the namespace {own}, not TEI's: "
                                       "read as TEI, its elements brought into TEI's namespace", rule="corpus"))
    root = tree.getroot()
    part = isinstance(root.tag, str) and root.tag.startswith(T) and root.tag not in (T + "TEI", T + "teiCorpus")
    # A diary day of WeGA (its root an <ab>), a person of its register: read as a document
    # around it, published on its own unless another file includes it (build.py decides).
    fragment = fragment_document(root, task.rel, path.stem) if part else None
    if fragment is not None:
        survey.part = (root.sourceline or 1, etree.QName(root).localname)
        documents = [(task.rel, fragment.tree, fragment.source, path.stem, "")]
    if not documents:
        if root.tag == T + "teiCorpus" and root.find(XI_INCLUDE) is not None:
            # ParlaMint's corpus file: a header, and its texts xi:included from their own files.
            # (DraCor's corpus.xml, a header alone, is skipped as before.)
            survey.problems.append(Problem(
                task.rel, root.sourceline or 1, 1, "warning",
                "a teiCorpus that holds no TEI of its own (its texts are included from other files, which are "
                "read as they stand; xi:include is not followed): its header is not published", rule="corpus"))
        elif task.must_be_tei:
            survey.problems.append(Problem(task.rel, root.sourceline or 1, 1, "error",
                                           f"not a TEI document: the root element is {root.tag}", rule="corpus"))
        else:
            if part:
                # A page of the Shelley-Godwin Archive: a <surface> another file's sourceDoc includes;
                # whether one does is known once every file is read (settle_parts).
                survey.part = (root.sourceline or 1, etree.QName(root).localname)
            survey.skipped = True
        return survey
    if tree.getroot().tag in (T + "teiCorpus", "teiCorpus"):  # (Fontenay's declares no namespace)
        survey.corpus_title = _title_of(tree.getroot())
    # (a fragment is not checked against the edition's schema: most of the document read is not its file's)
    rng = _schema(schema) if schema and fragment is None else None
    for shown, document, source, name, taxonomies in documents:
        if source is None and inert:
            source = etree.tostring(document.getroot(), encoding="UTF-8", xml_declaration=True)
        if fragment is not None:
            kind, why = fragment.kind, fragment.why
        elif task.named is not None:
            kind, why = task.named, f"{CONFIG} names it among the {task.named}s"
        else:
            kind, why = classify(document.getroot(), Path(task.rel))
        record = DocumentRecord(path, shown, kind, why, source, findings=findings_of(rng, document, shown, origins) if rng else [])
        doc = CorpusDocument(path, shown, kind, data, document, why, source, name, origins, included)
        if kind == "register":
            record.entries = register_entries(doc.tree.getroot(), doc.rel)
        else:
            record.text = _text_record(doc)
            record.text.info.taxonomies = taxonomies  # (the teiCorpus's header is not the document's)
            survey.problems.extend(unread_standoff(doc.tree.getroot(), shown))
        if inspect is not None:
            record.inspected = inspect(doc)
        survey.documents.append(record)
    return survey


def _title_of(root: etree._Element) -> str:
    ns = T if root.tag.startswith(T) else ""
    title = root.find(f"{ns}teiHeader/{ns}fileDesc/{ns}titleStmt/{ns}title")
    return " ".join("".join(title.itertext()).split()) if title is not None else ""


def _holds_documents(root: etree._Element) -> bool:
    """Whether a file's includes are followed: a TEI document's (of any version), or a teiCorpus's
    that holds TEI of its own; a teiCorpus of includes alone (ParlaMint) is read as it stands."""
    if root.tag == T + "teiCorpus":
        return root.find(f".//{T}TEI") is not None
    return root.tag in (T + "TEI", "TEI", "TEI.2")


def _corpus_root(task: FileTask) -> Path:
    return Path(task.path).parents[len(Path(task.rel).parts) - 1]


def _included_files(task: FileTask, data: bytes) -> dict[str, bytes] | None:
    """The bytes of the corpus files a file's includes read (found by following them here, once
    more in the worker), for a worker that cannot read the corpus folder."""
    if b"XInclude" not in data:
        return None
    try:
        tree = parse_bytes(data, task.rel, collect_ids=False, doctype=True, warnings=[])
    except EditionError:
        return None
    return expand_includes(tree, task.rel, data, _corpus_root(task), keep=True).files


def survey_chunk(schema: str | None, tasks: list[FileTask],
                 inspect: Callable[[CorpusDocument], object] | None = None) -> list[FileSurvey]:
    """A worker's share: the surveys of a chunk of files, in their order."""
    if inspect is None:
        return [survey_file(task, schema) for task in tasks]
    return [survey_file(task, schema, inspect) for task in tasks]


def _text_record(doc: CorpusDocument) -> TextRecord:
    """What the index keeps of a text, read as the edition's index reads its own (ria/model/indexer.py),
    and the images it shows."""
    record = text_record(doc.tree.getroot(), doc.id, doc.rel, doc.sha256, doc.name or doc.path.stem)
    record.images = image_refs(doc.tree.getroot())
    return record


# ---------------------------------------------------------------- the whole corpus

def file_tasks(found: Layout) -> list[FileTask]:
    tasks = []
    for path in found.candidates:
        named = None
        if found.texts_named is not None:
            named = "register" if path in (found.registers_named or set()) else "text"
        tasks.append(FileTask(str(path), str(path.relative_to(found.root)), named,
                              bool(found.texts_named and path in found.texts_named)))
    return tasks


def survey_corpus(found: Layout, schema: Path | None, scheduler, progress: Progress | None = None,
                  inspect: Callable[[CorpusDocument], object] | None = None) -> Iterator[FileSurvey]:
    """Every file's survey, in the corpus's file order, from the scheduler's workers."""
    progress = progress or Quiet()
    tasks = file_tasks(found)
    progress.stage("reading", len(tasks))
    work = functools.partial(survey_chunk, str(schema) if schema else None, inspect=inspect)
    for chunk in scheduler.map(work, tasks):
        yield from chunk
        progress.advance(len(chunk))


def settle(corpus: Corpus, survey: FileSurvey) -> None:
    """Record a file's outcome in ``corpus``: its documents described (their contents are the
    index's now), or why it was skipped or left out."""
    corpus.problems.extend(survey.problems)
    # A corpus in one teiCorpus file is titled by its header, unless the config names a title.
    if survey.corpus_title and corpus.title == corpus.root.name and not corpus.titled_by_file:
        corpus.title, corpus.titled_by_file = survey.corpus_title, True
    corpus.included.update(rel for rel, sha in survey.includes if sha is not None)
    if survey.part is not None:
        corpus.parts.append((survey.rel, *survey.part))  # skipped or not: settle_parts
    elif survey.skipped:
        corpus.skipped.append(survey.rel)
    if survey.part is None:  # a fragment's documents: once every file is read (fragments_published)
        _describe(corpus, survey)


def _describe(corpus: Corpus, survey: FileSurvey) -> None:
    for record in survey.documents:
        described = dataclasses.replace(record, source=None, entries=[], text=None, findings=[], inspected=None)
        (corpus.registers if record.kind == "register" else corpus.texts).append(described)


def is_fragment(survey: FileSurvey) -> bool:
    """A file whose root is a TEI element read as a document around it (fragments.py): published
    only if no file includes it, which is known once every file is read."""
    return survey.part is not None and bool(survey.documents)


def fragments_published(corpus: Corpus, held: list) -> list:
    """Once every file is read: of the fragments held aside (each (survey, …) as read), those no
    file includes, which are published on their own: described in ``corpus``, no longer parts.
    An included one stays a part, published within the files that include it."""
    published = [item for item in held if item[0].rel not in corpus.included]
    rels = {item[0].rel for item in published}
    corpus.parts = [part for part in corpus.parts if part[0] not in rels]
    for item in published:
        _describe(corpus, item[0])
    return published


def settle_parts(corpus: Corpus) -> None:
    """Once every file is read: a TEI part that no document is (a <surface>, a header's part) is
    published within the texts that include it; one that none includes is left out, and said."""
    corpus.problems.extend(part_problems(corpus.parts, corpus.included))
    corpus.skipped.extend(rel for rel, _, _ in corpus.parts if rel not in corpus.included)
    corpus.parts = []


def part_problems(parts: list[tuple[str, int, str]], included: set[str]) -> list[Problem]:
    return [Problem(rel, line, 1, "warning", f"a TEI <{name}> without a TEI document around it, which no "
                    "file of the corpus includes: not published on its own", rule="corpus")
            for rel, line, name in parts if rel not in included]


def no_texts(corpus: Corpus) -> EditionError:
    """Nothing to publish: every reason at once."""
    return EditionError(sorted(corpus.problems) + [Problem(str(corpus.root), 1, 1, "error",
                                                           "no TEI texts found in the corpus", rule="corpus")])


def load_corpus(root: Path, progress: Progress | None = None) -> Corpus:
    """Read every file once (safely: no network, no entities) and say what the corpus holds.

    A file that cannot be read or parsed is left out and reported in ``problems``: the
    others are published. EditionError only if no text is left.
    """
    from ..publish.workers import Scheduler
    found = layout(root)
    corpus = Corpus(found.root, found.title, links_out=found.links_out)
    held = []
    for survey in survey_corpus(found, None, Scheduler(1, pooled=False), progress):
        if is_fragment(survey):
            held.append((survey,))
        settle(corpus, survey)
    fragments_published(corpus, held)
    settle_parts(corpus)
    if not corpus.texts:
        raise no_texts(corpus)
    corpus.problems.sort()
    return corpus
