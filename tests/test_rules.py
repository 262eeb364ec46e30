"""The rules (Schematron, lint) are checked in a forked process while a command-line build
transforms and renders; their findings and their cached results are the same as in process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ria.cache import BuildCache
from ria.problems import EditionError
from ria.publish.build import CACHE_DIR, Project, build

ROOT = Path(__file__).resolve().parent.parent


def python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); {code}"],
                          capture_output=True, text=True, check=True).stdout.strip()


def cli_build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "build"],
                          capture_output=True, text=True, timeout=300)


def test_only_a_single_threaded_process_without_saxon_forks():
    assert python("from ria.validate.rules import can_fork; print(can_fork())") == "True"
    assert python("import saxonche; from ria.validate.rules import can_fork; print(can_fork())") == "False"
    assert python("import threading, time; threading.Thread(target=time.sleep, args=(5,), daemon=True).start(); "
                  "from ria.validate.rules import can_fork; print(can_fork())") == "False"


def test_the_forked_rules_report_what_the_rules_report_in_process(project):
    path = project / "tei" / "texts" / "tukhachevsky-1921.xml"
    path.write_text(path.read_text(encoding="utf-8").replace('ref="#stalin"', 'ref="#stalinn"', 1),
                    encoding="utf-8")
    forked = cli_build(project)
    assert forked.returncode == 1
    with pytest.raises(EditionError) as in_process:
        build(Project.at(project), cache=BuildCache())
    assert forked.stderr.splitlines() == [str(p) for p in in_process.value.problems]


def test_the_forked_rules_keep_their_results_in_the_cache_folder_and_only_those(project):
    assert cli_build(project).returncode == 0
    path = project / "tei" / "texts" / "tukhachevsky-1921.xml"
    path.write_text(path.read_text(encoding="utf-8").replace("smallest detail.", "very smallest detail.", 1),
                    encoding="utf-8")
    assert cli_build(project).returncode == 0
    # The edited text's earlier Schematron verdict is gone: the build counted the child's use.
    documents = len(list((project / "tei").rglob("*.xml")))
    assert len(list((project / CACHE_DIR).glob("schematron-*.pickle"))) == documents
    cache = BuildCache(project / CACHE_DIR)
    build(Project.at(project), cache=cache)
    assert cache.hits["schematron"] == documents and cache.hits["lint-text"]
    assert not cache.misses, cache.misses
