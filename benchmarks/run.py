#!/usr/bin/env python3
"""Benchmarks of the build, each figure a ratio to its floor measured in the same run.

    .venv/bin/python benchmarks/run.py [--turns 5] [--sizes 100 300] [--letters 1000 4000]
                                       [--only edition|corpus] [--out benchmarks/RESULTS.md]

Every figure is a command run as a new process (benchmarks/measure.py) in turns with its
floor (benchmarks/floors.py), the order swapped each turn: this edition's clean build,
`check`, a rebuild after a one-paragraph edit (in a sentence that names no one, and in one
that names a place), copies of this edition's texts at --sizes, the schnitzler-briefe
letters (../shared/corpus) and copies of them at --letters, search index included. The
ratios of the turns (median and spread) and the CPU-seconds are reported; absolute times
depend on the machine and its load and are given only as illustrations.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from measure import Figure, Step, interleaved, timed  # noqa: E402
from report import results_page  # noqa: E402

ROOT = corpora.ROOT
PYTHON = sys.executable
BUILD = [PYTHON, str(ROOT / "build.py")]
FLOOR = [PYTHON, str(ROOT / "benchmarks" / "floors.py")]
PILOT = Path("tei") / "texts" / "tukhachevsky-1921.xml"

# One-paragraph edits of the pilot text, made and undone in turns so that every rebuild has
# a change to make: in a sentence that names no one (the index pages stay as they were), and
# in one that names a place (its register page quotes the sentence).
EDITS = {"plain": ("smallest detail.", "very smallest detail."),
         "name": ("the immediate establishment of the militia", "the instant establishment of the militia")}


def emptied(folder: Path):
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def toggled(path: Path, old: str, new: str):
    def edit():
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old, new, 1) if old in text else text.replace(new, old, 1), encoding="utf-8")
    return edit


def edition_figures(work: Path, turns: int, sizes: list[int]) -> list[Figure]:
    documents = len(list((ROOT / "tei" / "texts").glob("*.xml")))
    figures = [interleaved(
        Figure("this edition, clean build", documents, "parse the TEI, transform every page's file with text.xsl"),
        Step(BUILD + ["--root", str(ROOT), "build", "--no-cache", "--out", str(work / "clean")]),
        Step(FLOOR + ["edition", str(ROOT)]), turns)]
    figures.append(interleaved(
        Figure("`check`, clean", documents, "parse the TEI, RelaxNG (lxml) and XSD (xmlschema)"),
        Step(BUILD + ["--root", str(ROOT), "--no-cache", "check"]), Step(FLOOR + ["check", str(ROOT)]), turns))
    for edit, (old, new) in EDITS.items():
        copy = corpora.project_copy(work / f"edit-{edit}")
        build = BUILD + ["--root", str(copy), "build", "--out", str(work / f"edit-{edit}-site")]
        timed(Step(build))  # the build whose cache the edits are rebuilt from
        label = "a one-paragraph edit" if edit == "plain" else "an edit beside a name"
        figures.append(interleaved(
            Figure(f"{label}, rebuilt by a new process with .ria-cache/", documents,
                   "parse and transform the edited text, Saxon started and text.xsl compiled"),
            Step(build, prepare=toggled(copy / PILOT, old, new)),
            Step(FLOOR + ["one-text", str(copy), str(copy / PILOT)]), turns))
    for size in sizes:
        copies = corpora.edition_copies(size, work / f"copies-{size}")
        figures.append(interleaved(
            Figure(f"{size} copies of this edition's texts, clean build", size,
                   "parse the TEI, transform every page's file with text.xsl"),
            Step(BUILD + ["--root", str(copies), "build", "--no-cache", "--out", str(work / f"copies-{size}-site")]),
            Step(FLOOR + ["edition", str(copies)]), max(1, turns // 2)))
    return figures


def corpus_figure(name: str, folder: Path, documents: int, work: Path, turns: int) -> Figure:
    site, floor_site = work / f"{folder.name}-site", work / f"{folder.name}-floor"
    return interleaved(
        Figure(name, documents, "lxml parse and a small XSLT (libxslt) on 2 processes, one Pagefind run"),
        Step(BUILD + ["build", "--corpus", str(folder), "--out", str(site), "--no-cache"], prepare=emptied(site)),
        Step(FLOOR + ["corpus", str(folder), str(floor_site)], prepare=emptied(floor_site)), turns)


def corpus_figures(work: Path, turns: int, letters: list[int], report) -> list[Figure]:
    if not corpora.SCHNITZLER.is_dir():
        report(f"the corpus figures were not measured: {corpora.SCHNITZLER} is not present")
        return []
    texts = len(list((corpora.SCHNITZLER / "editions").glob("*.xml")))
    figures = [corpus_figure("schnitzler-briefe, `build --corpus`, search included", corpora.SCHNITZLER,
                             texts, work, turns)]
    for size in letters:
        folder = corpora.letters(corpora.SCHNITZLER, size, work / f"letters-{size}")
        figures.append(corpus_figure(f"{size:,} letters (schnitzler-briefe copies), search included",
                                     folder, size, work, max(1, turns // 2) if size > 5000 else turns))
        shutil.rmtree(folder)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=5, help="turns of each figure and its floor")
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300],
                        help="copies of this edition's texts to build")
    parser.add_argument("--letters", type=int, nargs="*", default=[1000, 4000],
                        help="corpora of schnitzler-briefe letter copies to build")
    parser.add_argument("--only", choices=("edition", "corpus"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    args = parser.parse_args()

    def report(line: str) -> None:
        print(line, flush=True)

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="ria-bench-") as folder:
        work = Path(folder)
        if args.only != "corpus":
            figures += edition_figures(work, args.turns, args.sizes)
        if args.only != "edition":
            figures += corpus_figures(work, max(1, args.turns - 2), args.letters, report)
    Path(args.out).write_text(results_page(figures), encoding="utf-8")
    report(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
