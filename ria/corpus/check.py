"""``build.py check --corpus DIR``: what the corpus build would make of every document, without building.

Each file is read as the corpus build reads it (the same survey, in the same worker pool,
one file at a time, no tree kept), and reported as ``path:line:col: severity: message``:

* a file that cannot be read or parsed: an error (the build leaves it out);
* how each document was classified (text or register) and why, and which files were
  skipped as not TEI: in the text output a summary line per class, in JSON every document;
* what the edition's schema would reject: warnings, since a corpus from elsewhere is not
  expected to follow this edition's schema;
* the lint rules that hold for any TEI (:mod:`ria.validate.lint.any_tei`): warnings;
* the images the build would not publish (:mod:`.images`): warnings, worded as the build words them.

The paths are shown under the corpus folder as it was given, so that they can be opened from here.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..problems import Problem
from ..progress import Progress, Quiet
from ..publish.scheduler import open_scheduler
from ..publish.workers import CROSSOVER_BYTES, default_jobs
from ..validate.lint.any_tei import CorpusLint, lint_facts
from .images import CorpusImages
from .load import Layout, layout
from .survey import FileSurvey, is_fragment, part_problems, survey_corpus

LINK_OUT_WHY = "a link that leads out of the corpus folder: not read"


@dataclass
class Classified:
    path: str
    line: int
    kind: str  # "text", "register" or "skipped"
    why: str

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "col": 1, "severity": "info", "kind": self.kind,
                "why": self.why, "message": f"classified as {self.kind}: {self.why}", "rule": "classification"}


@dataclass
class CorpusCheck:
    """What a check found. Its problems go to ``report`` as they are found (a corpus's schema
    findings alone can number millions); without one, they are kept in ``problems``."""

    corpus: str  # the folder as it was given
    report: Callable[[Problem], None] | None = None
    problems: list[Problem] = field(default_factory=list)
    classified: list[Classified] = field(default_factory=list)
    schema_checked: int = 0
    schema_rejected: int = 0
    errors: int = 0
    warnings: int = 0

    def found(self, problems: list[Problem]) -> None:
        for problem in problems:
            self.errors += problem.severity == "error"
            self.warnings += problem.severity == "warning"
            if self.report is not None:
                self.report(problem)
            else:
                self.problems.append(problem)


def check_corpus(corpus_dir: Path, project_root: Path, files: list[str] | None = None, jobs: int | None = None,
                 progress: Progress | None = None, scheduler_address: str | None = None,
                 report: Callable[[Problem], None] | None = None) -> CorpusCheck:
    """Every report on the corpus in ``corpus_dir`` (or on ``files`` of it; the other files are
    still read, for the registers' ids that pointers resolve to, but not reported on).

    Each file's problems are given to ``report`` as its survey comes back, in the corpus's
    order; the warnings that need every register (:meth:`CorpusLint.finish`) come last."""
    shown_root = str(corpus_dir)
    found = layout(Path(corpus_dir))
    result = CorpusCheck(shown_root, report)

    def shown(problems: list[Problem]) -> list[Problem]:
        return sorted(dataclasses.replace(p, path=os.path.join(shown_root, p.path)) for p in problems)

    wanted, rest = found.candidates, []
    if files:
        named = {Path(f).resolve(): f for f in files}
        held = {path.resolve() for path in found.candidates}
        # about files as they were named, not under the corpus folder
        result.found([Problem(f, 1, 1, "error", "not one of the corpus's TEI files: it was not checked", rule="io")
                      for path, f in named.items() if path not in held])
        wanted = [path for path in found.candidates if path.resolve() in named]
        rest = [path for path in found.candidates if path.resolve() not in named]
    else:
        result.found(shown([Problem(rel, 1, 1, "warning", LINK_OUT_WHY, rule="corpus") for rel in found.links_out]))

    order = {path: n for n, path in enumerate(found.candidates)}
    included: set[str] = set()  # the files some text's xi:include reads
    parts: list[tuple[str, int, str]] = []  # the TEI parts that are no document (survey.py)
    fragments: list[tuple[Path, FileSurvey, bool]] = []  # those read as documents (fragments.py)
    lint = CorpusLint()
    images = CorpusImages(found.root)
    schema = project_root / "schema" / "edition.rng"
    workers = default_jobs() if jobs is None else max(1, jobs)
    size = sum(_size(path) for path in found.candidates)
    with open_scheduler(workers, size >= CROSSOVER_BYTES, scheduler_address, project_root) as scheduler:
        # The files reported on are checked against the schema; the others only lend their ids.
        for part, reported in ((wanted, True), (rest, False)):
            if not part:
                continue
            surveys = survey_corpus(_only(found, part), schema if reported else None, scheduler,
                                    progress or Quiet(), inspect=lint_facts)
            for path, survey in zip(part, surveys):
                included.update(rel for rel, sha in survey.includes if sha is not None)
                if reported and survey.part is not None:
                    parts.append((survey.rel, *survey.part))  # said once every file is read
                if is_fragment(survey):  # published unless another file includes it: known at the end
                    fragments.append((path, survey, reported))
                    continue
                problems = []
                for record in survey.documents:
                    problems += lint.add(record.rel, record.inspected, order[path], reported)
                if reported:
                    result.found(shown(problems + _take(survey, result, found.root) + _images_refused(survey, images)))
    for path, survey, reported in fragments:
        if survey.rel in included:
            continue
        if reported:
            parts.remove((survey.rel, *survey.part))  # classified as what it is published as
        problems = []
        for record in survey.documents:
            problems += lint.add(record.rel, record.inspected, order[path], reported)
        if reported:
            result.found(shown(problems + _take(survey, result, found.root) + _images_refused(survey, images)))
    result.found(shown(part_problems(parts, included)))
    for rel, line, name in parts:
        why = (f"it is a TEI <{name}> that another file includes: published within it" if rel in included
               else _why_skipped(found.root / rel))
        result.classified.append(Classified(rel, line, "skipped", why))
    result.found(shown(lint.finish()))
    result.classified = [dataclasses.replace(c, path=os.path.join(shown_root, c.path)) for c in result.classified]
    return result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _only(found: Layout, candidates: list[Path]) -> Layout:
    return dataclasses.replace(found, candidates=candidates)


def _take(survey: FileSurvey, result: CorpusCheck, root: Path) -> list[Problem]:
    """One file's survey: its classification into the result, its problems returned; nothing else is kept."""
    problems = list(survey.problems)
    if survey.skipped and survey.part is None:
        result.classified.append(Classified(survey.rel, 1, "skipped", _why_skipped(root / survey.rel)))
    for record in survey.documents:
        line = record.text.line if record.text is not None else 1
        result.classified.append(Classified(record.rel, line, record.kind, record.why))
        if not is_fragment(survey):  # (not checked against the schema: survey.py)
            result.schema_checked += 1
            result.schema_rejected += bool(record.findings)
        for message, where in record.findings:
            path, line, col = where.rsplit(":", 2)
            problems.append(Problem(path, int(line), int(col), "warning", f"edition schema: {message}",
                                    rule="schema-report"))
    return problems


def _images_refused(survey: FileSurvey, images: CorpusImages) -> list[Problem]:
    """What the build would say of one file's images, checked against the corpus folder as the build checks them."""
    before = len(images.problems)
    for record in survey.documents:
        if record.text is not None:
            images.add(record.text.info.id, record.path, record.rel, record.text.images)
    return images.problems[before:]


def _why_skipped(path: Path) -> str:
    """Why a file the survey skipped is not TEI: its root element, read again here (such files are few)."""
    from ..xmlio import TEI, parse_bytes
    try:
        root = parse_bytes(path.read_bytes(), str(path), collect_ids=False, doctype=True, warnings=[]).getroot()
    except Exception:  # noqa: BLE001 - it was read once already; the reason is only less precise
        return "it is not a TEI document"
    if root.tag == TEI + "teiCorpus":
        return "it is a teiCorpus with a header and no TEI documents of its own"
    return f"its root element is {root.tag}, not TEI, TEI.2 or teiCorpus"


# ---------------------------------------------------------------- output

CLASSES = (("text", "texts"), ("register", "registers"), ("skipped", "skipped, not TEI"))
REASONS_SHOWN = 4


def summary_lines(check: CorpusCheck) -> list[str]:
    """A line per class of document: how many, and why, most frequent reason first."""
    lines = []
    for kind, label in CLASSES:
        members = [c for c in check.classified if c.kind == kind]
        if not members:
            continue
        reasons = Counter(c.why for c in members)
        example = {}
        for c in members:
            example.setdefault(c.why, c.path)
        told = "; ".join(f"{n} because {why} (e.g. {example[why]})" for why, n in reasons.most_common(REASONS_SHOWN))
        others = len(reasons) - REASONS_SHOWN
        more = f"; {others} other reason{'s' if others != 1 else ''} (--format json lists every file)" \
            if others > 0 else ""
        lines.append(f"{label}: {len(members)}: {told}{more}")
    if check.schema_checked:
        lines.append(f"edition schema: it would reject {check.schema_rejected} of {check.schema_checked} "
                     "documents (reported as warnings: a corpus from elsewhere need not follow it)")
    return lines


class TextReport:
    """The text output, written as the check goes: a line a problem, then the summary."""

    def __init__(self, write: Callable[[str], None]):
        self.write = write

    def problem(self, problem: Problem) -> None:
        self.write(str(problem))

    def finish(self, check: CorpusCheck) -> None:
        for line in summary_lines(check):
            self.write(line)
        errors, warnings = check.errors, check.warnings
        self.write(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")


class JsonReport:
    """The JSON output, written as the check goes: one object, its problems written as they are found."""

    def __init__(self, write: Callable[[str], None], corpus: str):
        self._write, self._corpus, self._first, self._begun = write, corpus, True, False

    def write(self, text: str) -> None:
        if not self._begun:  # not before there is something to say: a corpus that cannot be read gets no JSON
            self._begun = True
            self._write("{\n  \"corpus\": " + _json(self._corpus) + ",\n  \"problems\": [")
        self._write(text)

    def problem(self, problem: Problem) -> None:
        self.write(("" if self._first else ",") + "\n    " + _json(problem.as_dict()))
        self._first = False

    def finish(self, check: CorpusCheck) -> None:
        items = ",\n    ".join(_json(c.as_dict()) for c in check.classified)
        schema = {"documents_checked": check.schema_checked, "documents_rejected": check.schema_rejected}
        self.write(("\n  " if not self._first else "") + "],\n  \"classified\": [" + ("\n    " + items + "\n  " if items else "")
                   + f"],\n  \"schema\": {_json(schema)},\n  \"errors\": {check.errors},\n"
                   f"  \"warnings\": {check.warnings}\n}}")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def exit_code(check: CorpusCheck, strict: bool) -> int:
    return 1 if check.errors or strict and check.warnings else 0
