"""The check command: every problem of the TEI files in one run, for editors and CI.

Output is ``path:line:col: severity: message (hint)`` lines, or JSON with
``--format json``. Errors fail the run; warnings fail it only with ``--strict``.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..cache import BuildCache
from ..problems import Problem
from ..publish.build import CACHE_DIR, Project, check_edition


def run_check(project: Project, files: list[str] | None = None, cache=None) -> list[Problem]:
    """Every problem of the edition (or of ``files``); the build's cache folder remembers the
    verdicts on unchanged files, so checking again after an edit redoes only the edited file
    (``cache``: another, such as NoCache for `--no-cache`)."""
    only = {Path(f).resolve() for f in files} if files else None
    cache = cache if cache is not None else BuildCache(project.root / CACHE_DIR)
    cache.start_build()
    edition, problems = check_edition(project, only=only, cache=cache)
    if only is None:  # a partial check leaves the other files' verdicts in place
        cache.finish_build()
    if only is not None:
        shown = {str(p.relative_to(project.root)) if p.is_relative_to(project.root) else str(p) for p in only}
        problems = [p for p in problems if p.path in shown]
        # A file named that the edition does not hold (a typo, a copy elsewhere) was not checked:
        # passing over it in silence would read as "no problems".
        held = {doc.path.resolve() for doc in edition.documents} if edition is not None else only
        problems += [Problem(f, 1, 1, "error", "not one of the edition's TEI files (tei/edition.xml, "
                             "tei/texts/*.xml, tei/registers/): it was not checked", rule="io")
                     for f in files if Path(f).resolve() not in held]
    return problems


def format_problems(problems: list[Problem], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({
            "problems": [p.as_dict() for p in problems],
            "errors": sum(p.severity == "error" for p in problems),
            "warnings": sum(p.severity == "warning" for p in problems),
        }, indent=2, ensure_ascii=False)
    lines = [str(p) for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    lines.append(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    return "\n".join(lines)


def exit_code(problems: list[Problem], strict: bool) -> int:
    if any(p.severity == "error" for p in problems):
        return 1
    if strict and problems:
        return 1
    return 0
