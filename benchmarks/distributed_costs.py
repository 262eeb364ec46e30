#!/usr/bin/env python3
"""What a corpus build costs a document, stage by stage, on one machine and on a Dask cluster.

    .venv/bin/python benchmarks/distributed_costs.py [--letters 2000] [--turns 3] [--json FILE]

Three measurements, each repeated --turns times (the medians are what benchmarks/DISTRIBUTED.md
quotes; this machine is shared and its load changes from minute to minute):

1. The stages on one core: a new process builds the corpus of --letters schnitzler-briefe
   letters in process (``--jobs 1``, no search) and times each stage; it also surveys the
   letters alone and transforms them alone, so that the build's stages can be split into
   survey, gathering the index, transform, render and write (CPU-seconds, ``process_time``).
2. Pagefind on the pages that build wrote: the texts' pages in runs as the build cuts them,
   all of them in one bundle, and the other pages (the primary bundle), one thread each as
   the build runs it; CPU-seconds and peak memory from ``wait4``.
3. Whole builds with search, in turns: ``--jobs 2`` on this machine, and ``--scheduler`` on a
   LocalCluster of two worker processes of one thread each; wall time, the CPU-seconds of the
   build's process tree, and those of the cluster's workers (with their Pagefind processes);
   clean builds (``--no-cache``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpora  # noqa: E402
from measure import Step, timed  # noqa: E402

ROOT = corpora.ROOT
PYTHON = sys.executable


# ---------------------------------------------------------------- 1. stages, in a new process

def stage_costs(corpus: Path, out: Path) -> dict:
    """Run in a child process: CPU-seconds of each stage of an in-process build, and of the
    survey and the transform alone."""
    from ria.corpus import build_corpus
    from ria.corpus.load import layout
    from ria.corpus.survey import file_tasks, survey_file
    from ria.publish.transform import Transformer, saxon
    from ria.publish.workers import Job

    texts = [task for task in file_tasks(layout(corpus)) if task.rel.startswith("editions/")]
    registers = [task for task in file_tasks(layout(corpus)) if not task.rel.startswith("editions/")]
    schema = str(ROOT / "schema" / "edition.rng")
    survey_file(texts[0], schema)  # the schema compiled: not a cost of a document
    started = time.process_time()
    for task in registers:
        survey_file(task, schema)
    registers_cpu = time.process_time() - started
    started = time.process_time()
    for task in texts:
        survey_file(task, schema)
    survey_cpu = time.process_time() - started

    transformer = Transformer(saxon(), ROOT / "xslt" / "text.xsl")
    jobs = [Job(Path(task.path), task.rel, {"root": "../"}) for task in texts]
    transformer.transform(jobs[0].text(), jobs[0].display_path)  # compiled on first use: not a document's cost
    started = time.process_time()
    for job in jobs:
        transformer.transform(job.text(), job.display_path, **job.params)
    transform_cpu = time.process_time() - started

    progress = _stage_clock()
    result = build_corpus(corpus, out, ROOT, jobs=1, search=False, progress=progress)
    return {"documents": len(texts), "registers_survey_cpu": registers_cpu, "survey_cpu": survey_cpu,
            "transform_cpu": transform_cpu, "stages_cpu": progress.spent, "stages_wall": result.stages}


def _stage_clock():
    from ria.progress import Quiet

    class StageClock(Quiet):
        """CPU-seconds of this process from each stage the build announces to the next."""

        def __init__(self):
            super().__init__()
            self.spent: dict[str, float] = {}
            self._current, self._since = None, 0.0

        def stage(self, name, total=0):
            self._close()
            self._current, self._since = name, time.process_time()

        def finish(self):
            self._close()

        def _close(self):
            if self._current is not None:
                self.spent[self._current] = self.spent.get(self._current, 0.0) + time.process_time() - self._since
                self._current = None

    return StageClock()



# ---------------------------------------------------------------- 2. Pagefind on the pages

def pagefind_costs(site: Path, scratch: Path) -> dict:
    from ria.publish.search import pagefind_command, pagefind_executable
    from ria.publish.search_bundles import TEXT_BUNDLES, Runs
    texts = sorted(str(p.relative_to(site)) for p in (site / "texts").glob("*.html"))
    others = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if not str(p.relative_to(site)).startswith("texts/"))
    cutter = Runs(TEXT_BUNDLES)  # (in the pages' names' order, not the corpus's: the sizes are alike)
    runs = [run for run in [cutter.add(t, (site / t).stat().st_size) for t in texts] + [cutter.close()] if run]
    bundles = {"one run of the texts": list(runs[0].pages), "all the texts": texts, "primary": others}
    measured = {}
    for name, pages in bundles.items():
        folder = scratch / "pf"
        shutil.rmtree(folder, ignore_errors=True)
        for page in pages:
            (folder / "pages" / page).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(site / page, folder / "pages" / page)
        command = pagefind_command(pagefind_executable(), folder / "pages", folder / "out", "de")
        env_prefix = ["env", "RAYON_NUM_THREADS=1"]
        run = timed(Step(env_prefix + command))
        measured[name] = {"pages": len(pages), "wall": run.wall, "cpu": run.cpu, "peak_mb": run.peak_mb}
    measured["runs"] = len(runs)
    return measured


# ---------------------------------------------------------------- 3. whole builds

def whole_builds(corpus: Path, scratch: Path, turns: int) -> dict:
    from distributed import Client, LocalCluster
    results = {"local": [], "cluster": []}
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster.scheduler_address) as client:

        def workers_cpu() -> float:
            def spent():
                import psutil
                times = psutil.Process().cpu_times()
                return times.user + times.system + times.children_user + times.children_system
            return sum(client.run(spent).values())

        for turn in range(turns):
            order = [("local", ["--jobs", "2"]), ("cluster", ["--scheduler", cluster.scheduler_address])]
            for name, options in (order if turn % 2 == 0 else order[::-1]):
                out = scratch / f"site-{name}"
                shutil.rmtree(out, ignore_errors=True)
                before = workers_cpu()
                run = timed(Step([PYTHON, str(ROOT / "build.py"), "build", "--corpus", str(corpus),
                                  "--out", str(out), "--no-cache", *options]))
                results[name].append({"wall": run.wall, "cpu": run.cpu, "peak_mb": run.peak_mb,
                                      "workers_cpu": workers_cpu() - before})
                print(f"turn {turn + 1} {name}: {results[name][-1]}", flush=True)
    return results


def medians(rows: list[dict]) -> dict:
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]
            if isinstance(rows[0][key], (int, float))}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=2000)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--json", default=None, help="write every measurement here")
    parser.add_argument("--only-builds", action="store_true", help="measure only the whole builds (3.)")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(stage_costs(Path(args.child[0]), Path(args.child[1]))))
        return 0
    report: dict = {"letters": args.letters, "turns": args.turns, "load_before": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="ria-distributed-costs-") as folder:
        scratch = Path(folder)
        corpus = corpora.letters(corpora.SCHNITZLER, args.letters, scratch / "corpus")
        if args.only_builds:
            report["builds"] = whole_builds(corpus, scratch, args.turns)
            print(json.dumps({name: medians(rows) for name, rows in report["builds"].items()}, indent=1))
            if args.json:
                Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
            return 0
        # The stages at two sizes: what grows with the letters is the slope between them,
        # what does not (the registers, compiling) is the rest.
        half = corpora.letters(corpora.SCHNITZLER, args.letters // 2, scratch / "half")
        report["stages"], report["stages_half"] = [], []
        for turn in range(args.turns):
            for into, source in ((report["stages_half"], half), (report["stages"], corpus)):
                out = scratch / "site-one-core"
                shutil.rmtree(out, ignore_errors=True)
                child = subprocess.run([PYTHON, __file__, "--child", str(source), str(out)],
                                       capture_output=True, text=True, check=True)
                into.append(json.loads(child.stdout.strip().splitlines()[-1]))
                print(f"stages, turn {turn + 1}: {into[-1]}", flush=True)
        report["pagefind"] = [pagefind_costs(scratch / "site-one-core", scratch) for _ in range(args.turns)]
        print(f"pagefind: {report['pagefind']}", flush=True)
        report["builds"] = whole_builds(corpus, scratch, args.turns)
    report["load_after"] = os.getloadavg()
    report["summary"] = summary(report)
    print(json.dumps(report["summary"], indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def summary(report: dict) -> dict:
    """Milliseconds of CPU a document (medians of the turns), and the builds' medians."""
    stages, halves = report["stages"], report["stages_half"]
    n, m = stages[0]["documents"], halves[0]["documents"]
    per = lambda values: 1000 * statistics.median(values) / n  # noqa: E731

    def slope(stage: str) -> float:
        """CPU milliseconds a document of the build's ``stage``: the growth from m to n letters."""
        return 1000 * statistics.median((full["stages_cpu"][stage] - part["stages_cpu"][stage]) / (n - m)
                                        for full, part in zip(stages, halves))

    def fixed(stage: str) -> float:
        return statistics.median(full["stages_cpu"][stage] for full in stages) - slope(stage) * n / 1000

    survey = per([s["survey_cpu"] for s in stages])
    transform = per([s["transform_cpu"] for s in stages])
    pagefind = report["pagefind"]
    return {
        "documents": n,
        "survey_ms": survey,
        "gather_ms": slope("reading") - survey,
        "transform_ms": transform,
        "render_write_ms": slope("transforming") - transform,
        "indices_and_commit_ms": slope("indices"),
        "reading_fixed_s": fixed("reading"),
        "transforming_fixed_s": fixed("transforming"),
        "indices_and_commit_fixed_s": fixed("indices"),
        "registers_survey_s": statistics.median(s["registers_survey_cpu"] for s in stages),
        "pagefind_run_ms": statistics.median(1000 * p["one run of the texts"]["cpu"] / p["one run of the texts"]["pages"]
                                             for p in pagefind),
        "pagefind_all_ms": statistics.median(1000 * p["all the texts"]["cpu"] / p["all the texts"]["pages"]
                                             for p in pagefind),
        "pagefind_all_peak_mb": statistics.median(p["all the texts"]["peak_mb"] for p in pagefind),
        "pagefind_primary_s": statistics.median(p["primary"]["cpu"] for p in pagefind),
        "primary_pages": pagefind[0]["primary"]["pages"],
        "local_build": medians(report["builds"]["local"]),
        "cluster_build": medians(report["builds"]["cluster"]),
    }


if __name__ == "__main__":
    sys.exit(main())
