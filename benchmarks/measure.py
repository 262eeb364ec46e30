"""Timing a command from outside, and a figure against its floor in interleaved turns.

A command runs as a new process; what is kept of it is its wall time, the CPU-seconds of
it and every descendant it waited for (workers, Pagefind), and the peak resident memory of
the largest of those processes, all read from ``wait4``. A figure and its floor run in
turns, the order swapped each turn, so a slow spell of this noisy machine weighs on both;
what is reported is the ratio of each turn, not absolute times.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its descendants
    peak_mb: float  # the largest process's peak resident set size


@dataclass
class Step:
    """One command, with what must be done before each run of it (not timed)."""
    argv: Sequence[str]
    prepare: Callable[[], None] = lambda: None
    cwd: str | None = None


def timed(step: Step) -> Run:
    step.prepare()
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(step.argv, stdout=subprocess.DEVNULL, stderr=errors, cwd=step.cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(map(str, step.argv))} exited with {process.returncode}:\n"
                               + errors.read().decode(errors="replace")[-3000:])
    # ru_maxrss of a waited child is the largest of it and the descendants it waited for (kB).
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass
class Figure:
    """A figure of the build and its floor, measured in the same turns."""
    name: str
    documents: int
    floor_meaning: str
    runs: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)

    def ratios(self) -> list[float]:
        return [run.wall / floor.wall for run, floor in zip(self.runs, self.floors)]

    def cpu_ratios(self) -> list[float]:
        return [run.cpu / floor.cpu for run, floor in zip(self.runs, self.floors)]

    def median(self, values: list[float]) -> float:
        return statistics.median(values)


def interleaved(figure: Figure, build: Step, floor: Step, turns: int, report=print) -> Figure:
    for turn in range(turns):
        order = ((floor, figure.floors), (build, figure.runs))
        for step, into in (order if turn % 2 == 0 else reversed(order)):
            into.append(timed(step))
        run, base = figure.runs[-1], figure.floors[-1]
        report(f"{figure.name}: turn {turn + 1}: {run.wall:.2f} s / floor {base.wall:.2f} s = "
               f"{run.wall / base.wall:.2f} ×; CPU {run.cpu:.1f} / {base.cpu:.1f} s; "
               f"peak {run.peak_mb:.0f} / {base.peak_mb:.0f} MB")
    return figure
