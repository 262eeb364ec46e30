#!/usr/bin/env python3
"""Benchmarks of the build, stage by stage: wall time and peak memory.

    .venv/bin/python benchmarks/run.py [--sizes 100 300 1000] [--repeat 3] [--out benchmarks/RESULTS.md]

Scenarios: (a) this edition, cold, stage by stage and as the real build, the latter in turns
with its floor (parsing and transforming the TEI alone, in a new process); (b) `check`
alone, and again after a one-file edit; (c) a rebuild after changing one paragraph of
one text, in a sentence that names no one and in one that names a place; (d) synthetic
corpora of N documents made from the edition's own texts (new ids, same registers), stage
by stage and as the real build (the best of --repeat rounds over the sizes); (e) the 2,313 letters of
schnitzler-briefe (../shared/corpus, optional) built with `--corpus`, search index
included, stage by stage. Each scenario runs in its own process, so its peak
memory (ru_maxrss, of it or of its largest child) is its own. Results go to
RESULTS.md with the machine, the versions and the date.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PREFIXES = ("tuk", "hra", "loo", "ser", "zie")


class Stopwatch:
    def __init__(self):
        self.stages: dict[str, float] = {}

    def time(self, stage: str, function, *args, **kwargs):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        self.stages[stage] = self.stages.get(stage, 0.0) + time.perf_counter() - started
        return result


def pipeline(root: Path, out: Path, write: bool = True) -> dict[str, float]:
    """The build's stages, called one by one so each can be timed."""
    from ria.build import Project, saxon
    from ria.index import build_index
    from ria.load import load_edition
    from ria.render import REGISTER_PAGES, Renderer
    from ria.site import write_site
    from ria.transform import Transformer
    from ria.validate import IdIndex, Schemas, schematron_problems

    clock = Stopwatch()
    project = Project.at(root, out)
    edition, problems = clock.time("parse", load_edition, project.root, project.tei)
    processor = clock.time("compile schemas", saxon)
    schemas = clock.time("compile schemas", Schemas.load, project.schema, processor)
    for doc in edition.documents:
        clock.time("relaxng", schemas.rng.validate, doc.tree)
    if not write:  # `check` runs the XSD too; the build leaves it to `check` and the tests
        clock.time("compile schemas", lambda: schemas.xsd)
        for doc in edition.documents:
            clock.time("xsd", lambda: list(schemas.xsd.iter_errors(doc.tree)))
    ids = clock.time("integrity checks", IdIndex.build, edition)
    clock.time("integrity checks", ids.duplicates)
    for doc in edition.documents:
        clock.time("schematron", schematron_problems, doc, schemas, ids)
    try:
        from ria.lint import lint
        clock.time("lint", lint, edition, None)
    except ImportError:
        pass
    if not write:
        return clock.stages
    import gc
    gc.freeze()  # as the build does once the edition is loaded
    index = clock.time("indices", build_index, edition)
    gc.freeze()
    transformer = clock.time("xslt", Transformer, processor, project.xslt / "text.xsl")
    renderer = Renderer(project.theme, index)
    entry_pages = " ".join(f"{e.id}={e.page}" for e in index.entries.values())
    files = {}
    docs = {doc.id: doc for doc in edition.texts}
    for text in index.texts:
        doc = docs[text.id]
        parts = clock.time("xslt", transformer.transform, doc.text, doc.rel, "../", entry_pages)
        files[f"texts/{text.id}.html"] = clock.time("page rendering", renderer.text_page, text, parts)
    for page, kind, heading in REGISTER_PAGES:
        files[f"{page}.html"] = clock.time("indices", renderer.register, page, kind, heading)
    from ria import chronology, geo
    files["chronology.html"] = clock.time("indices", lambda: renderer.chronology(chronology.page(edition, index)))
    files["map.html"] = clock.time("page rendering", lambda: renderer.map(geo.places_map(index)))
    from ria.search import SearchIndexing, edition_bundles
    bundles = edition_bundles([path for path in files if path.endswith(".html")])
    clock.time("writing", write_site, files, project.out,
               finish=lambda staging: clock.time("search index",
                                                 lambda: SearchIndexing(staging, None, bundles).finish()))
    clock.stages["writing"] -= clock.stages["search index"]
    return clock.stages


# One-paragraph edits of the pilot text: in a sentence that names no one and dates nothing
# (the index pages stay as they were), and in one that names a place (its register page
# quotes the sentence, so the index pages are rendered again).
EDITS = {"plain": ("smallest detail.", "very smallest detail."),
         "name": ("the immediate establishment of the militia", "the instant establishment of the militia")}


def incremental(root: Path, work: Path, fresh_process: bool, bytecode: bool = False,
                edit: str = "plain") -> dict[str, float]:
    """The real build, after a one-paragraph edit, with the cache of the previous build:
    in memory as `serve` keeps it, or read from .ria-cache/ by a new process.

    The new process compiles the toolchain's modules from source, as on this machine
    (PYTHONDONTWRITEBYTECODE=1), or, with ``bytecode``, finds them compiled by an earlier
    build, as Python does by default (in ria/__pycache__, removed afterwards).
    """
    from ria.build import CACHE_DIR, Project, build
    from ria.cache import BuildCache
    copy = work / "copy"
    for part in ("tei", "schema", "xslt", "theme"):
        shutil.copytree(root / part, copy / part)
    cache = BuildCache(copy / CACHE_DIR)
    build(Project.at(copy), cache=cache)
    pilot = copy / "tei" / "texts" / "tukhachevsky-1921.xml"
    old, new = EDITS[edit]
    assert pilot.read_text().count(old) == 1, old
    pilot.write_text(pilot.read_text().replace(old, new))
    if fresh_process:
        command = [sys.executable, "-c", "import sys, time; started = time.perf_counter(); "
                   f"sys.path.insert(0, {str(ROOT)!r}); "
                   "from ria.cli import main; main(['--root', sys.argv[1], 'build']); "
                   "print(time.perf_counter() - started)", str(copy)]
        env = dict(os.environ)
        compiled = ROOT / "ria" / "__pycache__"
        shutil.rmtree(compiled, ignore_errors=True)
        try:
            if bytecode:
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                subprocess.run(command, check=True, capture_output=True, env=env)  # the earlier build
                pilot.write_text(pilot.read_text().replace("very smallest", "very, very smallest", 1))
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            return {"incremental build": time.perf_counter() - started}
        finally:
            shutil.rmtree(compiled, ignore_errors=True)
    started = time.perf_counter()
    build(Project.at(copy), cache=cache)
    return {"incremental build": time.perf_counter() - started}


def real_build(root: Path, work: Path) -> dict[str, float]:
    """The build as `build.py build --no-cache` runs it, stages overlapping as they do there."""
    from ria.build import Project, build
    from ria.cache import NoCache

    def cpu_seconds() -> float:  # this process and its children once reaped (the rules, Pagefind)
        return sum(usage.ru_utime + usage.ru_stime for usage in
                   (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))

    cpu = cpu_seconds()
    started = time.perf_counter()
    build(Project.at(root, work / "edition"), cache=NoCache())
    return {"real build": time.perf_counter() - started, "cpu seconds": cpu_seconds() - cpu}


def floor(root: Path) -> dict[str, float]:
    """What the clean build is held to: parsing the edition's TEI, and transforming every file
    the build transforms (the texts and the corpus header, with the build's parameters) with
    the stylesheet compiled once, Saxon started for it. It runs in a process of its own, as
    the build's own process starts its Saxon: a Saxon that has already run other stylesheets
    (the Schematron, in the stage-by-stage scenario) compiles and transforms faster."""
    from ria.build import Project, saxon
    from ria.index import build_index
    from ria.load import load_edition
    from ria.transform import Transformer

    project = Project.at(root)
    started = time.perf_counter()
    edition, _ = load_edition(project.root, project.tei)
    parsing = time.perf_counter() - started
    # The parameters the build passes, worked out beforehand: the index is not part of the floor.
    index = build_index(edition)
    entry_pages = " ".join(f"{entry.id}={entry.page}" for entry in index.entries.values())
    docs = {doc.id: doc for doc in edition.texts}
    started = time.perf_counter()
    transformer = Transformer(saxon(), project.xslt / "text.xsl")
    if edition.corpus is not None:
        transformer.transform(edition.corpus.text, edition.corpus.rel, "")
    for text in index.texts:
        transformer.transform(docs[text.id].text, docs[text.id].rel, "../", entry_pages)
    return {"parse": parsing, "xslt": time.perf_counter() - started}


def check_again(root: Path, work: Path) -> dict[str, float]:
    """`build.py check` in a new process after one file was edited, with the verdicts of the
    previous check in .ria-cache/ (interpreter start and imports included)."""
    copy = work / "copy"
    for part in ("tei", "schema", "xslt", "theme"):
        shutil.copytree(root / part, copy / part)
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(copy), "check"]
    subprocess.run(command, check=True, capture_output=True)
    pilot = copy / "tei" / "texts" / "tukhachevsky-1921.xml"
    pilot.write_text(pilot.read_text().replace("smallest detail.", "very smallest detail.", 1))
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return {"check after an edit": time.perf_counter() - started}


def synthetic_corpus(size: int, target: Path) -> Path:
    """A corpus of ``size`` documents cloned from the edition's texts with new ids."""
    for part in ("schema", "xslt", "theme"):
        shutil.copytree(ROOT / part, target / part)
    (target / "tei" / "texts").mkdir(parents=True)
    shutil.copytree(ROOT / "tei" / "registers", target / "tei" / "registers")
    shutil.copy(ROOT / "tei" / "edition.xml", target / "tei" / "edition.xml")
    sources = sorted((ROOT / "tei" / "texts").glob("*.xml"))
    pattern = re.compile(r'(xml:id="|#)(' + "|".join(PREFIXES) + r")-")
    for n in range(size):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        copy_id = f"{source.stem}-s{n}"
        text = pattern.sub(lambda m: f"{m.group(1)}s{n}-{m.group(2)}-", text)
        text = text.replace(f'xml:id="{source.stem}"', f'xml:id="{copy_id}"', 1)
        (target / "tei" / "texts" / f"{copy_id}.xml").write_text(text, encoding="utf-8")
    return target


SCHNITZLER = ROOT.parent / "shared" / "corpus" / "schnitzler-briefe"
HTML_XSL_SECONDS = 80  # the TEI Consortium's html.xsl on this corpus, as issue #10 reports it
CORPUS_STAGES = ["read", "texts", "indices", "search index", "write"]


class ChildMemory:
    """The peak resident memory of each child process, read from /proc while they run.

    A spawned worker is forked and then replaced by a new interpreter; its VmHWM counts
    from that replacement on, so it is the worker's own footprint, not its parent's
    (getrusage's ru_maxrss for children counts the forked copy of the parent).
    """

    def __init__(self, interval: float = 0.05):
        self.peaks: dict[int, tuple[str, int]] = {}  # pid → (command name, peak kB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(interval,), daemon=True)

    def __enter__(self) -> "ChildMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self, interval: float) -> None:
        me = str(os.getpid())
        while not self._stop.wait(interval):
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                    if fields[1] != me:  # the parent pid
                        continue
                    status = (stat.parent / "status").read_text()
                except (OSError, IndexError):
                    continue  # the process ended meanwhile
                name = re.search(r"^Name:\s*(\S+)", status, re.M)
                peak = re.search(r"^VmHWM:\s*(\d+) kB", status, re.M)
                if name and peak:
                    pid = int(stat.parent.name)
                    self.peaks[pid] = (name.group(1), max(int(peak.group(1)), self.peaks.get(pid, ("", 0))[1]))

    def largest(self, pagefind: bool) -> float:
        """The largest peak in MB among the workers (``pagefind=False``) or Pagefind's processes."""
        sizes = [kb for name, kb in self.peaks.values() if name.startswith("pagefind") == pagefind]
        return max(sizes, default=0) / 1024


def corpus_scenario(corpus: Path, jobs: int | None) -> dict:
    """(e): the corpus build as `build.py build --corpus` runs it; parsing is the well-formedness check."""
    from ria.corpus import build_corpus
    work = Path(tempfile.mkdtemp(prefix="ria-bench-"))
    started = time.perf_counter()
    try:
        with ChildMemory() as children_memory:
            result = build_corpus(corpus, work / "site", ROOT, jobs=jobs)
        pages = sum(1 for name in result.paths if name.endswith(".html"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers and Pagefind, once reaped
    return {"total": time.perf_counter() - started, "stages": result.stages, "pages": pages,
            "texts": len(result.corpus.texts), "peak_mb": own.ru_maxrss / 1024,
            "worker_peak_mb": children_memory.largest(pagefind=False),
            "pagefind_peak_mb": children_memory.largest(pagefind=True),
            "cpu_s": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime}


def scenario(name: str, root: Path) -> dict:
    """Run one scenario in this process; returns its stage times and peak memory."""
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="ria-bench-"))
    try:
        if name in ("cold", "synthetic"):
            stages = pipeline(root, work / "edition")
        elif name == "floor":
            stages = floor(root)
            started = time.perf_counter() - stages["parse"] - stages["xslt"]
        elif name in ("real", "synthetic-real"):
            stages = real_build(root, work)
        elif name == "check":
            stages = pipeline(root, work / "edition", write=False)
        elif name == "check-again":
            stages = check_again(root, work)
            started = time.perf_counter() - stages["check after an edit"]
        elif name in ("one-paragraph-warm", "one-paragraph-process", "one-paragraph-process-pyc",
                      "name-edit-warm", "name-edit-process"):
            stages = incremental(root, work, fresh_process="process" in name, bytecode=name.endswith("pyc"),
                                 edit="name" if name.startswith("name") else "plain")
            started = time.perf_counter() - stages["incremental build"]
        else:
            raise ValueError(name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # The largest process: this one, or a child (Pagefind, a new build or check process).
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return {"total": time.perf_counter() - started, "stages": stages, "peak_mb": peak / 1024}


def run_child(name: str, root: Path, *extra: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", name, "--root", str(root), *extra],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def best_of(runs: list[dict]) -> dict:
    best = min(runs, key=lambda r: r["total"])
    return {**best, "median_total": statistics.median(r["total"] for r in runs)}


def versions() -> str:
    from importlib import metadata
    return ", ".join(f"{p} {metadata.version(p)}" for p in ("lxml", "saxonche", "xmlschema", "jinja2"))


FLOOR_LABEL = "(a) the floor: parsing and transforming this edition's TEI, new process"
REAL_LABEL = "(a) this edition, cold, the real build"


def _floor_seconds(run: dict) -> float:
    return run["stages"]["parse"] + run["stages"]["xslt"]


def report(results: dict, sizes: list[int], rounds: list[tuple[float, float]]) -> str:
    """RESULTS.md; ``rounds`` are the (floor, real build) seconds of each turn of (a)."""
    stage_names = ["parse", "compile schemas", "relaxng", "xsd", "schematron", "integrity checks", "lint",
                   "indices", "xslt", "page rendering", "search index", "writing", "incremental build"]
    lines = [
        "# Benchmark results", "",
        f"Measured {date.today().isoformat()} by `benchmarks/run.py` on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {versions()}.",
        "Times are wall-clock seconds, best of the runs (median in brackets); peak memory is the "
        "largest maximum resident set size among the scenario's process and its children (Pagefind, a "
        "new build or check process). (c) times the real build with the cache of the "
        "previous build (ria/cache.py): in memory, as `build.py serve` keeps it, and read from "
        "`.ria-cache/` by a new process (interpreter start, imports and compiling the stylesheets "
        "included; the imports compile the toolchain's modules from source, as this machine's "
        "PYTHONDONTWRITEBYTECODE=1 has it, or find them compiled, as Python does by default). \"Stage by stage\" calls the stages one after another to time each; \"the real "
        "build\" times `build()` itself, which checks the grammar and the rules in a forked process meanwhile.", "",
        "| scenario | documents | total s | " + " | ".join(stage_names) + " | peak MB |",
        "|---" * (len(stage_names) + 4) + "|",
    ]
    for label, (docs, result) in results.items():
        cells = [f"{result['stages'].get(s, 0):.2f}" if s in result["stages"] else "–" for s in stage_names]
        lines.append(f"| {label} | {docs} | {result['total']:.2f} ({result['median_total']:.2f}) | "
                     + " | ".join(cells) + f" | {result['peak_mb']:.0f} |")
    for kind, real in (("stage by stage", False), ("the real build", True)):
        synthetic = [(docs, r) for label, (docs, r) in results.items()
                     if "synthetic" in label and ("real build" in label) == real]
        if len(synthetic) >= 2:
            lines += ["", f"Cost per document in the synthetic corpora, {kind}: " + ", ".join(
                f"{docs} documents: {1000 * r['total'] / docs:.0f} ms" for docs, r in synthetic) + "."]
    if rounds:
        staged = results["(a) this edition, cold, stage by stage"][1]["stages"]
        floor, real = _floor_seconds(results[FLOOR_LABEL][1]), results[REAL_LABEL][1]
        built = real["stages"]["real build"]
        ratios = ", ".join(f"{b / f:.2f}" for f, b in rounds)
        lines += ["", f"Clean build of this edition against parsing plus transforming its TEI with the "
                      f"compiled stylesheet (the floor): `build()` itself {built:.2f} s / {floor:.2f} s = "
                      f"{built / floor:.2f} × (best against best; turn by turn {ratios}, median "
                      f"{statistics.median(b / f for f, b in rounds):.2f} ×). "
                      "The floor parses the TEI and transforms every file the build transforms (the texts and the "
                      "corpus header, with the build's parameters), Saxon started and the stylesheet compiled for "
                      "it, in a new process, as the build's own process does; it and the build ran in turns. "
                      f"(The stage-by-stage scenario's parse and xslt, {staged['parse'] + staged['xslt']:.2f} s, "
                      "transform only the texts, in a Saxon that the Schematron has already run in, which makes "
                      "them faster.) Both are timed inside a process that has imported the toolchain; the imports "
                      f"and removing the site afterwards bring the build's scenario to {real['total']:.2f} s. "
                      "The difference is the grammar and the rules (RelaxNG, Schematron, lint), the indices, "
                      "the chronology and the search index, less what runs at the same time: the grammar and "
                      "the rules in a forked process, Pagefind in processes of its own, both at a lower "
                      "priority than the build's own work."]
        if "cpu seconds" in real["stages"]:
            cpu, cores = real["stages"]["cpu seconds"], os.cpu_count() or 1
            lines[-1] += (f" That build did {cpu:.2f} CPU-seconds of work (user and system time of its process "
                          f"and its children), so on {cores} cores no schedule of it could finish under "
                          f"{cpu / cores:.2f} s, {cpu / cores / floor:.2f} × the floor.")
    return "\n".join(lines) + "\n"


def corpus_report(runs: list[dict], corpus: str) -> str:
    if not runs:
        return f"\nScenario (e) was not run: {corpus} is not present.\n"
    best = min(runs, key=lambda r: r["total"])
    lines = ["", f"## (e) the schnitzler-briefe corpus ({best['texts']} letters, `build.py build --corpus`)", "",
             "| total s | " + " | ".join(CORPUS_STAGES)
             + " | CPU s | peak MB (main) | peak MB (largest worker) | peak MB (Pagefind) |",
             "|---" * (len(CORPUS_STAGES) + 5) + "|",
             f"| {best['total']:.2f} ({statistics.median(r['total'] for r in runs):.2f}) | "
             + " | ".join(f"{best['stages'].get(s, 0):.2f}" for s in CORPUS_STAGES)
             + f" | {best['cpu_s']:.1f} | {best['peak_mb']:.0f} | {best['worker_peak_mb']:.0f}"
             f" | {best['pagefind_peak_mb']:.0f} |",
             "", "A worker's and Pagefind's peaks are their own (VmHWM read from /proc while they run), "
             "not what a forked copy of the main process inherited.",
             "", f"The {len(runs)} runs, one after another, took "
             + ", ".join(f"{r['total']:.1f}" for r in runs) + " s and "
             + ", ".join(f"{r['cpu_s']:.1f}" for r in runs) + " CPU-seconds (user and system time of the "
             "build and its children) for the same work; the best run is reported (README.md, Performance, "
             "says what we found of the difference).",
             "", f"The TEI Consortium's html.xsl is not installable here (it is on none of PyPI, Debian "
             f"and npm), so it was not run. Issue #10 gives about {HTML_XSL_SECONDS} s for html.xsl alone "
             f"on this corpus on this machine; against that figure, not a measurement of ours, this "
             f"build, search index included, is {HTML_XSL_SECONDS / best['total']:.1f} × faster."]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default=str(SCHNITZLER), help="the corpus of scenario (e)")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes in (e) (default: cores)")
    parser.add_argument("--only-corpus", action="store_true",
                        help="run scenario (e) alone and print its row (RESULTS.md is not rewritten)")
    args = parser.parse_args()
    if args.child == "corpus":
        print(json.dumps(corpus_scenario(Path(args.root), args.jobs)))
        return 0
    if args.child:
        print(json.dumps(scenario(args.child, Path(args.root))))
        return 0
    # The short scenarios first and the corpus last: on this machine, consecutive file-heavy
    # runs grow slower (README.md, Performance), which would otherwise weigh on the short ones.
    if not args.only_corpus:
        documents = len(list((ROOT / "tei" / "texts").glob("*.xml")))
        results = {}
        rounds: list[tuple[float, float]] = []
        results["(a) this edition, cold, stage by stage"] = (
            documents, best_of([run_child("cold", ROOT) for _ in range(args.repeat)]))
        # The clean build and its floor in turns, so that a slow spell of the machine weighs on both;
        # five turns at least, as a turn takes seconds and the machine's speed varies from one to the next.
        floors, builds = [], []
        for _ in range(max(args.repeat, 5)):
            floors.append(run_child("floor", ROOT))
            builds.append(run_child("real", ROOT))
            rounds.append((_floor_seconds(floors[-1]), builds[-1]["stages"]["real build"]))
        results[FLOOR_LABEL] = (documents, best_of(floors))
        results[REAL_LABEL] = (documents, best_of(builds))
        for label in ("(a) this edition, cold, stage by stage", FLOOR_LABEL, REAL_LABEL):
            print(label, f"{results[label][1]['total']:.2f} s", flush=True)
        for name, label in (("check", "(b) check alone, stage by stage"),
                            ("check-again", "(b) check again after a one-file edit, new process, .ria-cache/"),
                            ("one-paragraph-warm", "(c) one-paragraph edit, warm cache (serve)"),
                            ("one-paragraph-process", "(c) one-paragraph edit, new process, .ria-cache/"),
                            ("one-paragraph-process-pyc",
                             "(c) the same, the toolchain's modules compiled by an earlier run (Python's default)"),
                            ("name-edit-warm", "(c) an edit beside a name, warm cache (serve)"),
                            ("name-edit-process", "(c) an edit beside a name, new process, .ria-cache/")):
            results[label] = (documents, best_of([run_child(name, ROOT) for _ in range(args.repeat)]))
            print(label, f"{results[label][1]['total']:.2f} s", flush=True)
        with tempfile.TemporaryDirectory(prefix="ria-corpus-") as folder:
            corpora = {size: synthetic_corpus(size, Path(folder) / str(size)) for size in args.sizes}
            staged = {}
            for size, corpus in corpora.items():
                staged[size] = best_of([run_child("synthetic", corpus)])
                print(f"(d) synthetic corpus of {size}, stage by stage", f"{staged[size]['total']:.2f} s", flush=True)
            # The real builds in rounds over the sizes, so that a slow spell of the machine
            # does not fall on one size alone; the best of the rounds is reported.
            real_runs: dict[int, list[dict]] = {size: [] for size in args.sizes}
            for _ in range(args.repeat):
                for size, corpus in corpora.items():
                    real_runs[size].append(run_child("synthetic-real", corpus))
                    print(f"(d) synthetic corpus of {size}, the real build", f"{real_runs[size][-1]['total']:.2f} s",
                          flush=True)
            for size in args.sizes:
                results[f"(d) synthetic corpus of {size}, stage by stage"] = (size, staged[size])
                results[f"(d) synthetic corpus of {size}, the real build"] = (size, best_of(real_runs[size]))
    corpus_runs = []
    if Path(args.corpus).is_dir():
        extra = ["--jobs", str(args.jobs)] if args.jobs else []
        corpus_runs = [run_child("corpus", Path(args.corpus), *extra) for _ in range(args.repeat)]
        for run in corpus_runs:
            print("(e) corpus", f"{run['total']:.2f} s", json.dumps(run), flush=True)
    else:
        print(f"(e) skipped: {args.corpus} is not present")
    if args.only_corpus:
        return 0
    Path(args.out).write_text(report(results, args.sizes, rounds) + corpus_report(corpus_runs, args.corpus))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
