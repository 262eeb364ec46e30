"""The build's workers: one pool of processes for every stage that runs on all cores.

A :class:`Scheduler` starts the pool once per build; the corpus build runs its per-file
survey and its transforms on it. Saxon's objects cannot be pickled, so each worker makes
its own processor and compiles a stylesheet the first time a job needs it; the jobs it is
sent are only paths (or bytes) and parameters, and it sends back the plain parts
dictionaries that :meth:`ria.publish.transform.Transformer.transform` returns. Jobs go out in
chunks to keep the traffic between processes low, and results come back in the order of
the jobs whatever order the workers finish in, so the output does not depend on
scheduling. A failed job comes back as the same ``path:line:col`` problems the
in-process transform reports.

Small inputs are transformed in this process: starting workers costs more than
it saves below :data:`CROSSOVER_BYTES` of TEI (see benchmarks/RESULTS.md).

:func:`ria.publish.scheduler.open_scheduler` gives this pool, or the same interface over the
workers of a Dask cluster (ria/publish/distributed.py), to which each job goes
:meth:`Job.self_contained`, with its document's bytes: the build's code is the same whichever
does the work.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..problems import EditionError, Problem

# Measured on 2 cores (benchmarks/RESULTS.md): a pool of spawned workers is ready (Python,
# lxml, saxonche, stylesheet compiled) in about 0.5 s; this edition's five texts (0.8 MB)
# took 0.65 s in process and 0.67 s in the pool, so the pool starts paying above ~1 MB.
CROSSOVER_BYTES = 1024 * 1024

# 'spawn' starts clean workers: forking a process that has already started Saxon's
# native runtime (the build compiles its schemas with it) copies a runtime whose threads
# did not survive the fork.
START_METHOD = "spawn"


@dataclass(frozen=True)
class Job:
    """One document to transform: a file (or its bytes), the path shown in messages, parameters."""

    source: Path | bytes | str
    display_path: str
    params: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """The document as a string for Saxon: its own bytes, or re-serialised if not UTF-8."""
        source = self.source
        if isinstance(source, str):
            return source
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        from ..encoding import utf8_text
        text = utf8_text(data)
        if text is not None:
            return text
        from lxml import etree

        from ..xmlio import parse_bytes
        return etree.tostring(parse_bytes(data, self.display_path), encoding="unicode")

    def self_contained(self) -> "Job":
        """This job with its document's bytes rather than its path, for a worker on another machine."""
        if isinstance(self.source, Path):
            try:
                return Job(self.source.read_bytes(), self.display_path, self.params)
            except OSError:
                pass  # the job reports why it cannot be read
        return self

    def size(self) -> int:
        if isinstance(self.source, (bytes, str)):
            return len(self.source)
        try:
            return Path(self.source).stat().st_size
        except OSError:
            return 0


def default_jobs() -> int:
    return os.cpu_count() or 1


# ---------------------------------------------------------------- inside a worker

def _transformer_for(stylesheet: str):
    """The worker's transformer for ``stylesheet``: its processor made, and the stylesheet
    compiled, on the first job that needs it (a worker may only ever survey files). One a
    thread (ria/publish/transform.py, compiled): a Dask worker may run its tasks on several."""
    from .transform import compiled
    return compiled(Path(stylesheet))


def _problems_of(job: Job, err: BaseException) -> list[Problem]:
    """The error of a job as path:line:col problems, located by lxml where Saxon gives no place."""
    if isinstance(err, EditionError) and err.problems:
        return list(err.problems)
    if isinstance(err, OSError):
        return [Problem(job.display_path, 1, 1, "error", f"cannot read file: {err.strerror or err}",
                        rule="io")]
    # A document Saxon refuses is usually not well-formed: lxml says where.
    try:
        from ..xmlio import parse_bytes
        source = job.source
        data = (source.encode("utf-8") if isinstance(source, str)
                else source if isinstance(source, bytes) else Path(source).read_bytes())
        parse_bytes(data, job.display_path)
    except EditionError as located:
        return list(located.problems)
    except OSError:
        pass
    message = " ".join(str(err).split()) or type(err).__name__
    where = re.search(r"line (\d+)(?:,? column (\d+))?", message)
    line, col = (int(where.group(1)), int(where.group(2) or 1)) if where else (1, 1)
    return [Problem(job.display_path, line, col, "error", f"transformation failed: {message}",
                    rule="xslt")]


def _run(transformer, job: Job) -> tuple[str, object]:
    try:
        return "ok", transformer.transform(job.text(), job.display_path, **job.params)
    except Exception as err:  # noqa: BLE001 - every failure becomes a located problem
        return "error", _problems_of(job, err)


def _run_chunk(stylesheet: str, chunk: list[Job]) -> list[tuple[str, object]]:
    transformer = _transformer_for(stylesheet)
    return [_run(transformer, job) for job in chunk]


# ---------------------------------------------------------------- the pool

class Scheduler:
    """The build's one pool of worker processes, for every stage that runs on all cores.

    Without a pool (one core, or a job too small to pay for starting one) the same work
    runs in this process. ``map`` sends a top-level function and chunks of items and gives
    back each chunk's results in the order of the items, whatever order the workers finish in.
    """

    def __init__(self, workers: int, pooled: bool = True):
        self.workers = max(1, workers)
        self._pool = None
        if pooled and self.workers > 1:
            import multiprocessing  # only a large build starts a pool: the others never need it
            self._pool = multiprocessing.get_context(START_METHOD).Pool(self.workers)

    @property
    def pooled(self) -> bool:
        return self._pool is not None

    # Search bundles are indexed by Pagefind processes that the build starts itself
    # (ria/publish/search.py); a cluster's scheduler indexes them on its workers instead.
    bundle_indexer = None

    def map(self, function: Callable[[list], list], items: list) -> Iterator[list]:
        """The results chunk by chunk; in the pool, the chunks are sent to the workers from now on,
        whether the results are read at once or later (the build does other work meanwhile)."""
        if self._pool is None:
            return (function(chunk) for chunk in chunked(items, 64))
        # imap keeps the input order; chunks of items keep the messages few.
        results = self._pool.imap(function, chunked(items, chunk_size(len(items), self.workers)))
        return (batch for batch in results)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "Scheduler":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def chunked(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def chunk_size(count: int, workers: int) -> int:
    # About four chunks per worker balance the load; more only adds messages.
    return max(1, min(64, -(-count // (workers * 4))))


def use_pool(jobs: list[Job], workers: int) -> bool:
    return workers > 1 and len(jobs) > 1 and sum(job.size() for job in jobs) >= CROSSOVER_BYTES


def start_transforms(stylesheet: Path, jobs: list[Job], workers: int | None = None, transformer=None,
                     force_pool: bool = False, scheduler: Scheduler | None = None) -> Iterator[list]:
    """The outcomes of ``jobs``, chunk by chunk in their order, for ``transform_all`` to collect; on a
    pooled ``scheduler`` they are under way from now on. (Arguments as ``transform_all``'s.)"""
    workers = default_jobs() if workers is None else max(1, workers)
    if scheduler is not None and scheduler.pooled:
        return scheduler.map(functools.partial(_run_chunk, str(stylesheet)), jobs)
    if scheduler is None and (force_pool or use_pool(jobs, workers)):
        return _pooled(stylesheet, jobs, min(workers, len(jobs)))
    if transformer is None:
        from .transform import compiled
        transformer = compiled(stylesheet)
    return ([_run(transformer, job)] for job in jobs)


def transform_all(stylesheet: Path, jobs: list[Job], workers: int | None = None,
                  progress: Callable[[int], None] | None = None, transformer=None,
                  force_pool: bool = False,
                  done: Callable[[int, dict[str, str]], None] | None = None,
                  failures: list[Problem] | None = None,
                  scheduler: Scheduler | None = None, started: Iterator[list] | None = None
                  ) -> list[dict[str, str] | None]:
    """The parts of every job, in the order of ``jobs``; raises EditionError listing every failure.

    With a ``failures`` list, a job that fails does not stop the others: its problems go
    into the list and its parts are None.

    ``workers`` defaults to the number of cores; ``progress`` is called with the number of
    jobs just finished; ``done`` with the position and parts of each job that succeeded, in
    the order of ``jobs``, as soon as it has (so that later stages can start on it);
    ``transformer`` is an in-process Transformer to reuse when the pool is not worth starting;
    ``scheduler`` a pool already started (by a build with other stages on it) to run on;
    ``started``: the jobs' outcomes as ``start_transforms`` gave them, if it was called before.
    """
    outcomes = started or start_transforms(stylesheet, jobs, workers, transformer, force_pool, scheduler)
    collected: list[tuple[str, object]] = []
    try:
        for batch in outcomes:
            for status, value in batch:
                if status == "ok" and done:
                    done(len(collected), value)
                collected.append((status, value))
            if progress:
                progress(len(batch))
    finally:
        outcomes.close()  # a failure in ``done`` stops the pool at once
    return _collect(collected, failures)


def _pooled(stylesheet: Path, jobs: list[Job], workers: int) -> Iterator[list[tuple[str, object]]]:
    """The outcomes of the jobs, chunk by chunk in the order of the jobs."""
    import multiprocessing  # only a large edition starts a pool: the others never need it
    context = multiprocessing.get_context(START_METHOD)
    with context.Pool(workers) as pool:
        # imap keeps the input order; chunks of jobs keep the messages few.
        yield from pool.imap(functools.partial(_run_chunk, str(stylesheet)),
                             chunked(jobs, chunk_size(len(jobs), workers)))


def _collect(outcomes: Iterable[tuple[str, object]], failures: list[Problem] | None) -> list[dict[str, str] | None]:
    parts, problems = [], []
    for status, value in outcomes:
        if status == "ok":
            parts.append(value)
        else:
            parts.append(None)
            problems.extend(value)
    if problems and failures is None:
        raise EditionError(problems)
    if failures is not None:
        failures.extend(problems)
    return parts
