"""``build.py serve --corpus DIR [--out SITE]``: build a corpus, serve it on localhost, rebuild on save.

The server is the edition's (ria/commands/serve.py: the same refusals of malformed requests, no
listings, no links followed out of the site, the reload script added to the answers only).
What is watched is the corpus folder; a save builds the corpus again, incrementally, with
the cache a ``build --corpus`` keeps beside its site, so only the saved files are read again.

A corpus build publishes the documents it can and reports the others: while the last build
reported an error (a file that cannot be parsed, a text that cannot be transformed, or no
texts at all) every HTML request is answered with the list of errors, until a save fixes them.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable

from ..corpus.cache import default_cache
from ..problems import EditionError, Problem
from .serve import State, serve_and_watch

FAILED = ("The corpus could not be built without errors",
          "The documents that could be read are published; the others are listed here.")
SHOWN = 20


def corpus_snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file the corpus build may read: hidden folders (.git) and files,
    and editors' backups, are passed over, as the build passes them over."""
    found = {}
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            if name.startswith(".") or name.endswith("~"):
                continue
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            found[os.path.join(folder, name)] = (stat.st_mtime_ns, stat.st_size)
    return found


def rebuild_corpus(corpus_dir: Path, out: Path, project_root: Path, state: State, cache_dir: Path | None,
                   jobs: int | None = None, say=print) -> bool:
    """Build the corpus into ``out``; ``state`` shows its errors, if any. True if there were none."""
    from ..corpus.build import build_corpus
    started = time.monotonic()
    try:
        result = build_corpus(corpus_dir, out, project_root, jobs=jobs, cache_dir=cache_dir)
    except EditionError as err:
        errors = err.problems or [Problem(str(corpus_dir), 1, 1, "error", str(err), rule="build")]
    except Exception as err:  # a crash of a stage must not stop the server
        errors = [Problem(str(corpus_dir), 1, 1, "error", f"the build crashed: {err!r}", rule="build")]
    else:
        errors = [p for p in result.problems if p.severity == "error"]
        if not errors:
            warnings = len(result.problems)
            state.update([], warnings)
            read = result.reused.get("files read")  # an incremental build's (README: A corpus build is incremental)
            say(f"built {len(result.corpus.texts)} texts in {time.monotonic() - started:.2f} s"
                + (f", {read} file{'s' if read != 1 else ''} read again" if read is not None else "")
                + (f" ({warnings} warnings: `python build.py check --corpus DIR` lists them)" if warnings else ""))
            return True
    state.update(errors)
    say(f"the build reported {len(errors)} error{'s' if len(errors) != 1 else ''} (the browser shows them):")
    for problem in errors[:SHOWN]:
        say(f"  {problem}")
    if len(errors) > SHOWN:
        say(f"  … and {len(errors) - SHOWN} more")
    return False


def run_serve_corpus(corpus_dir: Path, project_root: Path, out: Path | None = None, *, host: str = "127.0.0.1",
                     port: int = 8000, cache: Path | str | None = "default", jobs: int | None = None,
                     stop: threading.Event | None = None, max_seconds: float | None = None,
                     interval: float = 0.5, on_ready: Callable[[str], None] | None = None) -> int:
    """Serve the corpus until Ctrl-C, ``stop`` or ``max_seconds``; returns the exit code.
    ``cache``: the cache folder, "default" for the one beside the site, None for none."""
    from ..publish.build import Project
    from ..publish.site import check_output
    from ..terminal import shown
    corpus_dir = Path(corpus_dir).resolve()
    if not corpus_dir.is_dir():
        raise EditionError(Problem(str(corpus_dir), 1, 1, "error", "no corpus folder here", rule="io"))
    out = Path(out).resolve() if out else Path.cwd() / f"{corpus_dir.name}-site"
    # Before anything is made: the site's folder may not be in the corpus (or the project's inputs).
    check_output(out, [corpus_dir] + Project.at(project_root).inputs, project_root)
    cache_dir = default_cache(out) if cache == "default" else Path(cache).resolve() if cache else None
    state = State()
    def say(line: str) -> None:  # a corpus's file names are not ours: no escape sequence reaches the terminal
        print(shown(line), flush=True)

    return serve_and_watch(
        out, state, lambda: rebuild_corpus(corpus_dir, out, project_root, state, cache_dir, jobs, say),
        lambda: corpus_snapshot(corpus_dir), corpus_dir, f"{corpus_dir}/", host=host, port=port, stop=stop,
        max_seconds=max_seconds, interval=interval, on_ready=on_ready, failed=FAILED, say=say)
