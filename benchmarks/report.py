"""RESULTS.md: each figure as its ratio to its floor, with the machine and the versions."""

from __future__ import annotations

import os
import platform
import statistics
from datetime import date
from importlib import metadata

from measure import Figure

PACKAGES = ("lxml", "saxonche", "xmlschema", "jinja2", "pagefind-bin")


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def _versions() -> str:
    found = []
    for package in PACKAGES:
        try:
            found.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(found)


def results_page(figures: list[Figure]) -> str:
    lines = [
        "# Benchmark results", "",
        f"Measured {date.today().isoformat()} by `benchmarks/run.py` on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {_versions()}.", "",
        "Each figure is a command run as a new process, in turns with its floor (the order swapped each "
        "turn), so that a slow spell of the machine weighs on both. The ratio is the figure's wall time over "
        "its floor's in the same turn: the median of the turns, with the lowest and highest in brackets. "
        "CPU-seconds are user and system time of the process and every process it waited for (workers, "
        "Pagefind); peak memory is the largest of those processes. Absolute times depend on the machine "
        "and what else runs on it, and are given as illustrations only.", "",
        "| figure | documents | turns | × floor, wall | × floor, CPU | wall s (median) | floor s | "
        "CPU s | floor CPU s | peak MB | floor peak MB | the floor |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for figure in figures:
        median = statistics.median
        lines.append(
            f"| {figure.name} | {figure.documents:,} | {len(figure.runs)} | {_spread(figure.ratios())} | "
            f"{_spread(figure.cpu_ratios())} | {median(r.wall for r in figure.runs):.2f} | "
            f"{median(r.wall for r in figure.floors):.2f} | {median(r.cpu for r in figure.runs):.1f} | "
            f"{median(r.cpu for r in figure.floors):.1f} | {max(r.peak_mb for r in figure.runs):.0f} | "
            f"{max(r.peak_mb for r in figure.floors):.0f} | {figure.floor_meaning} |")
    per_document = [f for f in figures if "letters" in f.name or "copies" in f.name]
    if per_document:
        lines += ["", "Cost per document (median wall time over documents, and the ratio to the floor at that size):", ""]
        for figure in per_document:
            wall = statistics.median(r.wall for r in figure.runs)
            lines.append(f"- {figure.name}: {1000 * wall / figure.documents:.1f} ms a document, "
                         f"{statistics.median(figure.ratios()):.2f} × the floor")
    return "\n".join(lines) + "\n"
