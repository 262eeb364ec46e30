"""Every page passes the W3C Nu Html Checker: the edition's, and those of corpus sites of letters
and plays that nobody here wrote. The checker is vnu.jar from npm (tools/package.json, installed
by `npm ci --ignore-scripts --prefix tools`), run with Debian's Java; the test reads back what it reports."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import JAVA, unavailable
from test_corpus import make_corpus

from ria.corpus import build_corpus

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SHARED_CORPORA = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def nu_checker() -> Path:
    if not VNU.exists():
        unavailable(f"W3C Nu Html Checker not run: {VNU} is missing (npm ci --ignore-scripts --prefix tools)")
    if not shutil.which("java"):
        unavailable("W3C Nu Html Checker not run: no Java (apt-get install default-jre-headless)")
    return VNU


def nu_errors(checker: Path, *folders: Path) -> list[str]:
    """What the checker reports as errors on the HTML pages under ``folders``, one line each."""
    result = subprocess.run([*JAVA, "-jar", str(checker), "--format", "json", "--skip-non-html",
                             *map(str, folders)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr)
    return [f"{m['url']}:{m.get('lastLine', '?')}: {m['message']}" for m in report["messages"]
            if m["type"] in ("error", "non-document-error")]


def _copies(source: Path, folder: Path, names: list[Path]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in names:
        shutil.copyfile(path, folder / path.name)


def test_every_page_of_the_edition_passes_the_w3c_checker(nu_checker, built_site):
    assert nu_errors(nu_checker, built_site) == []


def test_every_page_of_corpus_sites_of_letters_and_plays_passes_the_w3c_checker(nu_checker, tmp_path):
    sites = []
    letters = make_corpus(tmp_path / "letters")
    build_corpus(letters, tmp_path / "letters-site", ROOT, jobs=1, search=False)
    sites.append(tmp_path / "letters-site")
    schnitzler, plays = SHARED_CORPORA / "schnitzler-briefe", SHARED_CORPORA / "rusdracor"
    if not (schnitzler.is_dir() and plays.is_dir()):
        unavailable(f"real corpora not checked: {SHARED_CORPORA} is not present (../shared is optional)")
    _copies(schnitzler, tmp_path / "schnitzler" / "editions", sorted((schnitzler / "editions").glob("*.xml"))[:60])
    _copies(schnitzler, tmp_path / "schnitzler" / "indices", sorted((schnitzler / "indices").glob("*.xml")))
    _copies(plays, tmp_path / "plays" / "tei", sorted((plays / "tei").glob("*.xml"))[::30])
    for name in ("schnitzler", "plays"):
        build_corpus(tmp_path / name, tmp_path / f"{name}-site", ROOT, jobs=2, search=False)
        sites.append(tmp_path / f"{name}-site")
    assert nu_errors(nu_checker, *sites) == []
