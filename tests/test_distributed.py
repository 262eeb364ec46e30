"""A corpus build beyond one machine (issue #24): with ``--scheduler`` the per-document work
and the search bundles run on a Dask cluster, and the site is the one a build on this
machine makes, byte for byte; a scheduler that cannot be reached is one clear error."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import unavailable
from test_corpus import SCHNITZLER
from test_corpus_streaming import letters

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = 30  # letters of the real corpus, with all its registers


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster of two worker processes, one thread each, on this machine."""
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as local:
        with Client(local.scheduler_address) as client:
            yield local.scheduler_address, client


@pytest.fixture(scope="module")
def searchable():
    from ria.publish.pipeline import search_available
    if not search_available():
        unavailable("Pagefind (pagefind-bin) is not installed")


def build(corpus: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--corpus", str(corpus),
                           "--out", str(out), *options], capture_output=True, text=True, timeout=900)


def site_files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def assert_same_site(local: Path, distributed: Path) -> None:
    here, there = site_files(local), site_files(distributed)
    assert sorted(here) == sorted(there), set(here) ^ set(there)
    differing = [name for name in here if here[name] != there[name]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:5]}"


def executed(client) -> dict[str, int]:
    """Tasks each worker of the cluster has run so far."""
    return client.run(lambda dask_worker: dask_worker.state.executed_count)


def built_on_both(corpus: Path, tmp_path: Path, cluster) -> tuple[Path, Path]:
    address, client = cluster
    before = executed(client)
    on_one_machine = build(corpus, tmp_path / "local", "--jobs", "2")
    assert on_one_machine.returncode == 0, on_one_machine.stderr
    on_the_cluster = build(corpus, tmp_path / "cluster", "--scheduler", address)
    assert on_the_cluster.returncode == 0, on_the_cluster.stderr
    ran = {worker: count - before.get(worker, 0) for worker, count in executed(client).items()}
    assert all(count > 0 for count in ran.values()), f"work the workers ran: {ran}"
    return tmp_path / "local", tmp_path / "cluster"


def test_a_corpus_built_on_a_dask_cluster_is_the_site_built_on_one_machine(tmp_path, cluster, searchable):
    # More letters than search bundles, so that the texts' pages are indexed in runs.
    local, distributed = built_on_both(letters(tmp_path / "letters", 24), tmp_path, cluster)
    assert (distributed / "pagefind" / "pagefind.js").is_file()
    assert_same_site(local, distributed)


def test_real_letters_built_on_a_dask_cluster_are_the_site_built_on_one_machine(tmp_path, cluster, searchable):
    if not (SCHNITZLER / "editions").is_dir():
        unavailable(f"real-corpus test skipped: {SCHNITZLER} is not present (../shared is optional)")
    corpus = tmp_path / "schnitzler-briefe"
    (corpus / "editions").mkdir(parents=True)
    for path in sorted((SCHNITZLER / "editions").glob("*.xml"))[:SAMPLE]:
        shutil.copyfile(path, corpus / "editions" / path.name)
    shutil.copytree(SCHNITZLER / "indices", corpus / "indices")
    local, distributed = built_on_both(corpus, tmp_path, cluster)
    assert len(list((distributed / "texts").glob("*.html"))) == SAMPLE
    assert_same_site(local, distributed)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_scheduler_that_cannot_be_reached_is_one_clear_error(tmp_path):
    address = f"tcp://127.0.0.1:{closed_port()}"
    result = build(letters(tmp_path / "letters", 3), tmp_path / "site", "--scheduler", address)
    assert result.returncode != 0
    assert f"cannot reach the Dask scheduler at {address}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()  # nothing written


def test_the_edition_build_says_the_scheduler_is_for_corpus_builds(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--out", str(tmp_path / "site"),
                             "--scheduler", "tcp://127.0.0.1:8786"], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "--scheduler is for corpus builds" in result.stderr and "Traceback" not in result.stderr
