#!/usr/bin/env python3
"""A corpus rebuild after one word of one letter changed, against its floor (issue #24, goal 3).

    .venv/bin/python benchmarks/incremental.py [--letters 2000 20000] [--turns 5] [--work DIR]
                                               [--out benchmarks/INCREMENTAL.md]
    .venv/bin/python benchmarks/incremental.py --corpus DIR --site SITE [--turns 5] [--out FILE]
                      (a corpus of such copies built already into SITE, with its cache beside it)

For each size a corpus of schnitzler-briefe copies (benchmarks/corpora.py) is built once with
its cache (not timed). Then, in turns with the floor, the order swapped each turn, one word of
one letter is changed (made and undone in turns, in a sentence that names a person, so that
the person's page quotes it) and the corpus is rebuilt by a new process, `build --corpus DIR
--out SITE` with the cache beside the site. The floor is a new process that reads and hashes
(sha256) every file of the corpus: the least a rebuild that trusted no file's status would do
to learn what changed. Reported: the ratio of each turn (median and range), the CPU-seconds of
both (the process and every process it waited for: workers, Pagefind), and the stages of one
more rebuild run in this process (wall seconds each, from CorpusBuild.stages) with what it
kept and made. Absolute times depend on the machine and its load: illustrations only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora  # noqa: E402
from measure import Figure, Step, interleaved, timed  # noqa: E402

ROOT = corpora.ROOT
PYTHON = sys.executable
LETTER = Path("editions") / "L00100-c0.xml"  # a note of Bahr's naming Loris (pmb11740)
WORDS = ("in einer lit. Angelegenheit", "in einer literarischen Angelegenheit")

HASH_FLOOR = """
import hashlib, os, sys
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(folder, name), "rb") as handle:
            hashlib.sha256(handle.read()).hexdigest()
"""


def toggle(path: Path) -> None:
    """Change the word, or change it back; the file is replaced, never written through a link."""
    text = path.read_text(encoding="utf-8")
    old, new = WORDS if WORDS[0] in text else WORDS[::-1]
    if old not in text:
        raise SystemExit(f"{path} holds neither {WORDS[0]!r} nor {WORDS[1]!r}")
    aside = path.with_name(path.name + ".new")
    aside.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(aside, path)


def stages_of_one_rebuild(corpus: Path, site: Path) -> tuple[dict[str, float], dict[str, int], float, float]:
    """One more rebuild in this process: its stages, what it reused, its wall and CPU seconds."""
    sys.path.insert(0, str(ROOT))
    from ria.corpus import build_corpus
    toggle(corpus / LETTER)
    wall, cpu = time.perf_counter(), time.process_time()
    result = build_corpus(corpus, site, ROOT, cache_dir=site.parent / f"{site.name}.ria-cache")
    return result.stages, result.reused, time.perf_counter() - wall, time.process_time() - cpu


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, nargs="*", default=[2000, 20000])
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--work", help="a folder for the corpora and sites (default: a temporary one)")
    parser.add_argument("--corpus", help="a corpus of schnitzler-briefe copies, built already into --site")
    parser.add_argument("--site")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "INCREMENTAL.md"))
    args = parser.parse_args()
    if args.corpus:
        args.letters = [len(list((Path(args.corpus) / "editions").glob("*.xml")))]
    if not corpora.SCHNITZLER.is_dir():
        raise SystemExit(f"{corpora.SCHNITZLER} is not present")
    lines = ["# A corpus rebuild after one word of one letter changed", "",
             f"Measured {time.strftime('%Y-%m-%d')} by `benchmarks/incremental.py --letters "
             f"{' '.join(map(str, args.letters))} --turns {args.turns}` on {os.cpu_count()} cores "
             f"(load average at the start: {os.getloadavg()[0]:.1f}). Floor: a new process that reads and "
             "hashes every file of the corpus. Ratios are wall (or CPU) time over the floor's in the same turn.", "",
             "| letters | rebuild ÷ floor, wall: median (range) | CPU ÷ floor | rebuild wall s, median | "
             "rebuild CPU s, median | floor wall s, median |", "|---|---|---|---|---|---|"]
    details = []
    with tempfile.TemporaryDirectory(prefix="ria-incremental-", dir=args.work) as folder:
        work = Path(folder)
        for size in args.letters:
            if args.corpus:
                corpus, site = Path(args.corpus).resolve(), Path(args.site).resolve()
            else:
                corpus = corpora.letters(corpora.SCHNITZLER, size, work / f"letters-{size}")
                site = work / f"letters-{size}-site"
            build = [PYTHON, str(ROOT / "build.py"), "build", "--corpus", str(corpus), "--out", str(site)]
            if not args.corpus:
                first = timed(Step(build))
                print(f"{size} letters: first build with its cache {first.wall:.0f} s", flush=True)
            figure = interleaved(Figure(f"{size:,} letters, one word changed", size, "hash every file"),
                                 Step(build, prepare=lambda corpus=corpus: toggle(corpus / LETTER)),
                                 Step([PYTHON, "-c", HASH_FLOOR, str(corpus)]), args.turns)
            walls = [run.wall for run in figure.runs]
            lines.append(f"| {size:,} | {spread(figure.ratios())} | {spread(figure.cpu_ratios())} | "
                         f"{statistics.median(walls):.2f} | {statistics.median(r.cpu for r in figure.runs):.2f} | "
                         f"{statistics.median(f.wall for f in figure.floors):.2f} |")
            stages, reused, wall, cpu = stages_of_one_rebuild(corpus, site)
            details.append(f"* {size:,} letters, one more rebuild in the benchmark's process: {wall:.2f} s "
                           f"({cpu:.2f} CPU-s in the process); stages (wall s): "
                           + ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items())
                           + "; " + ", ".join(f"{name} {count:,}" for name, count in reused.items()) + ".")
            print(details[-1], flush=True)
    Path(args.out).write_text("\n".join(lines + [""] + details) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
