"""The page shells: the Jinja templates of ``theme/templates``, compiled once.

A process that builds again (`serve`, a script or a test that builds many corpora) finds
the shells compiled by its last build of the same theme: compiling them took as long as
rendering a small corpus's pages. They are kept while the templates' files are unchanged,
one set a thread and only for the last few themes.
"""

from __future__ import annotations

import threading
from pathlib import Path

import jinja2

from ..cache import folder_digest
from ..model.datewords import html_datetime
from ..model.entries import authority_name
from ..model.texts import writing_direction

KEPT = 4  # themes whose shells a thread keeps compiled
_kept = threading.local()


class _CompiledShells(jinja2.FileSystemBytecodeCache):
    """Page shells kept compiled between runs; a folder that cannot be used only costs time."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_environment(theme_dir: Path, bytecode_dir: Path | None = None) -> jinja2.Environment:
    """The page shells of ``theme_dir/templates``; ``bytecode_dir`` keeps them compiled between runs."""
    templates = Path(theme_dir) / "templates"
    key = (str(templates), str(bytecode_dir) if bytecode_dir else None)
    version = folder_digest(templates, "**/*.html")
    kept: dict = _kept.__dict__.setdefault("environments", {})
    found = kept.pop(key, None)  # (put back last: the most recently used are kept)
    if found is None or found[0] != version:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
            bytecode_cache=_CompiledShells(str(bytecode_dir)) if bytecode_dir else None)
        env.globals["writing_direction"] = writing_direction
        env.filters["html_datetime"] = html_datetime
        env.filters["authority_name"] = authority_name
        found = (version, env)
    kept[key] = found
    while len(kept) > KEPT:
        del kept[next(iter(kept))]
    return found[1]
