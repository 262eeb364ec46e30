"""The peak memory of a corpus build's largest process, and what grows with the corpus (issue #24).

    .venv/bin/python benchmarks/memory.py CORPUS OUT [--letters N] [--interval 0.5]

Runs ``build.py build --corpus CORPUS --out OUT --no-cache`` and samples its process tree
(the build, its worker pool, each Pagefind process) from /proc every ``interval`` seconds. Each
process's own high-water mark (VmHWM) is read while it lives, so a Pagefind process that lives
between two samples is missed, but one that lives longer is measured at its peak even if its
peak fell between samples. Prints, as JSON: the wall time, the peak of the largest process and
what it was, the peak of the build's own process, the largest sum of the tree's resident
memory at one sample, the Pagefind processes' peaks, and the largest page but a text's.

``--letters N`` first makes CORPUS (a new folder): N letters, schnitzler-briefe's copied round
with their ids made unique, and its registers (benchmarks/corpora.py).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(parent, []).append(int(stat.parent.name))
    return kids


def _tree(root: int) -> list[int]:
    kids, found, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += kids.get(pid, [])
    return found


def _status(pid: int) -> tuple[str, int, int] | None:
    """(name, peak kB, resident kB) of a living process."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(re.findall(r"^(Name|VmHWM|VmRSS):\s*(\S+)", status, re.M))
    if "VmHWM" not in fields:
        return None  # a zombie
    return fields["Name"], int(fields["VmHWM"]), int(fields["VmRSS"])


def measure(corpus: Path, out: Path, interval: float) -> dict:
    command = [sys.executable, str(ROOT / "build.py"), "build", "--corpus", str(corpus), "--out", str(out),
               "--no-cache"]
    started = time.perf_counter()
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks: dict[int, tuple[str, int]] = {}
    tree_peak = 0
    while build.poll() is None:
        total = 0
        for pid in _tree(build.pid):
            status = _status(pid)
            if status is None:
                continue
            name, hwm, rss = status
            total += rss
            if hwm > peaks.get(pid, ("", 0))[1]:
                peaks[pid] = (name, hwm)
        tree_peak = max(tree_peak, total)
        time.sleep(interval)
    wall = time.perf_counter() - started
    messages = build.stderr.read().decode("utf-8", "replace")
    if build.returncode != 0:
        raise SystemExit(f"the build failed ({build.returncode}):\n{messages[-2000:]}")
    largest_pid = max(peaks, key=lambda pid: peaks[pid][1])
    pagefind = sorted((hwm for name, hwm in peaks.values() if name.startswith("pagefind")), reverse=True)
    pages = [(p.stat().st_size, str(p.relative_to(out))) for p in out.rglob("*.html")
             if not p.relative_to(out).parts[0] == "texts"]
    heaviest = max(pages)
    return {
        "corpus": str(corpus), "texts": sum(1 for _ in (out / "texts").glob("*.html")), "wall_s": round(wall, 1),
        "largest_process_mb": peaks[largest_pid][1] // 1024, "largest_process": peaks[largest_pid][0],
        "build_process_mb": peaks.get(build.pid, ("", 0))[1] // 1024,
        "tree_sum_mb": tree_peak // 1024,
        "pagefind_runs_seen": len(pagefind), "pagefind_mb_largest_5": [kb // 1024 for kb in pagefind[:5]],
        "bundles": sum(1 for _ in out.glob("pagefind*/**/pagefind-entry.json")),
        "largest_page_but_a_texts": {"path": heaviest[1], "kb": heaviest[0] // 1024},
        "html_pages": len(pages) + sum(1 for _ in (out / "texts").glob("*.html")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--letters", type=int, help="make CORPUS first: this many schnitzler-briefe letters")
    parser.add_argument("--interval", type=float, default=0.5)
    args = parser.parse_args()
    if args.letters:
        from corpora import SCHNITZLER, letters
        letters(SCHNITZLER, args.letters, args.corpus)
    print(json.dumps(measure(args.corpus, args.out, args.interval), indent=1))


if __name__ == "__main__":
    main()
