"""`python build.py check`: every problem in one run, as path:line:col: severity: message."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ria.publish.build import CACHE_DIR

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")


@pytest.fixture
def fresh_project(tmp_path) -> Path:
    """A copy of the edition's TEI and schemas, never checked: its first check validates every file."""
    for part in ("tei", "schema", "xslt", "theme", "sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


@pytest.fixture
def project(fresh_project, warm_cache) -> Path:
    """A copy that a test may break, as an editor's working copy is: checked and built before, its
    cache folder holding the verdicts on every file, so that a check after an edit revalidates
    only the edited file (the last test proves that it reports what a fresh check reports)."""
    shutil.copytree(warm_cache, fresh_project / CACHE_DIR)
    return fresh_project


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), *args],
                          capture_output=True, text=True, timeout=300)


def problems(output: str) -> list[dict]:
    return [m.groupdict() for m in map(LINE.match, output.splitlines()) if m]


def pilot(project: Path) -> Path:
    return project / "tei" / "texts" / "tukhachevsky-1921.xml"


def test_clean_edition_passes(fresh_project):
    project = fresh_project
    result = run(project, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("0 errors")


def test_every_warning_on_the_edition_has_been_dealt_with(fresh_project):
    project = fresh_project
    # Fixed, or checked by an editor and marked so (<!-- lint: checked … -->, EDITING.md):
    # a new warning is news, and --strict can guard the edition.
    result = run(project, "check", "--strict")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1] == "0 errors, 0 warnings"


def test_malformed_xml_is_reported_with_its_position(project):
    path = pilot(project)
    lines = path.read_text().split("\n")
    target = next(i for i, l in enumerate(lines) if "<p xml:id=" in l)
    lines[target] = lines[target].replace("</p>", "</pp>", 1)
    path.write_text("\n".join(lines))
    result = run(project, "check")
    assert result.returncode == 1
    found = [p for p in problems(result.stdout) if "not well-formed" in p["message"]]
    assert found and found[0]["path"] == "tei/texts/tukhachevsky-1921.xml"
    assert int(found[0]["line"]) == target + 1


def test_all_problems_are_collected_in_one_run(project):
    path = pilot(project)
    text = path.read_text()
    text = text.replace('ref="#stalin"', 'ref="#stalinn"', 1)
    text = text.replace('<p xml:id="tuk-p2" n="2">', '<p xml:id="tuk-p2" n="2"><blink/>', 1)
    path.write_text(text)
    (project / "tei" / "registers" / "persons.xml").write_text(
        (project / "tei" / "registers" / "persons.xml").read_text().replace("</listPerson>", "<oops/></listPerson>"))
    found = problems(run(project, "check").stdout)
    messages = " | ".join(p["message"] for p in found)
    assert "'#stalinn' has no target" in messages
    assert "blink" in messages
    assert "oops" in messages
    assert {p["path"] for p in found} >= {"tei/texts/tukhachevsky-1921.xml", "tei/registers/persons.xml"}


def test_dangling_ref_names_the_nearest_entry(project):
    path = pilot(project)
    lines = path.read_text().split("\n")
    index = next(i for i, l in enumerate(lines) if 'ref="#trotsky"' in l and "<p " in l)
    column = lines[index].index('ref="#trotsky"') + 1
    lines[index] = lines[index].replace('ref="#trotsky"', 'ref="#trotskiy"', 1)
    path.write_text("\n".join(lines))
    result = run(project, "check")
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if "#trotskiy" in l)
    assert line.startswith(f"tei/texts/tukhachevsky-1921.xml:{index + 1}:{column}: error: ")
    assert "did you mean '#trotsky'?" in line


def test_duplicate_id_across_files_says_where_it_was_first_defined(project):
    path = pilot(project)
    path.write_text(path.read_text().replace('<p xml:id="tuk-p3" n="3">', '<p xml:id="lenin" n="3">', 1))
    result = run(project, "check")
    line = next(l for l in result.stdout.splitlines() if "duplicate xml:id 'lenin'" in l)
    assert re.search(r"first at tei/registers/persons\.xml:\d+:\d+", line), line


def test_warnings_fail_only_when_strict(project):
    path = pilot(project)
    path.write_text(path.read_text().replace('<date when="1848">', "<date>", 1))
    lenient, strict = run(project, "check"), run(project, "check", "--strict")
    assert any(p["severity"] == "warning" for p in problems(lenient.stdout))
    assert lenient.returncode == 0
    assert strict.returncode == 1


def test_json_output_for_editor_plugins(project):
    path = pilot(project)
    path.write_text(path.read_text().replace('ref="#stalin"', 'ref="#stalinn"', 1))
    result = run(project, "check", "--format", "json")
    data = json.loads(result.stdout)
    assert data["errors"] >= 1
    problem = next(p for p in data["problems"] if "stalinn" in p["message"])
    assert set(problem) >= {"path", "line", "col", "severity", "message", "hint", "rule"}
    assert problem["rule"] == "pointer-resolves"


def test_check_of_named_files_reports_only_those(project):
    path = pilot(project)
    path.write_text(path.read_text().replace('ref="#stalin"', 'ref="#stalinn"', 1))
    result = run(project, "check", str(project / "tei" / "registers" / "persons.xml"))
    assert result.returncode == 0
    assert "stalinn" not in result.stdout


def test_a_broken_file_never_produces_a_site(project):
    assert run(project).returncode == 0
    site = project / "edition"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    path = pilot(project)
    path.write_text(path.read_text().replace('ref="#stalin"', 'ref="#stalinn"', 1))
    result = run(project)
    assert result.returncode == 1
    assert "#stalinn" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.glob(".building-*"))


def test_duplicate_id_between_texts_says_where_it_was_first_defined(project):
    path = pilot(project)
    path.write_text(path.read_text().replace('<p xml:id="tuk-p3" n="3">', '<p xml:id="hra-p1" n="3">', 1))
    result = run(project, "check")
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if "duplicate xml:id 'hra-p1'" in l)
    assert line.startswith("tei/texts/tukhachevsky-1921.xml:")
    assert re.search(r"first at tei/texts/trotsky-1918\.xml:\d+:\d+", line), line


def test_checking_again_after_an_edit_revalidates_only_that_file_and_says_the_same(fresh_project):
    project = fresh_project
    from ria.cache import BuildCache
    from ria.publish.build import CACHE_DIR, Project, check_edition
    assert run(project, "check").returncode == 0  # leaves its verdicts in the cache folder
    path = pilot(project)
    path.write_text(path.read_text().replace('ref="#stalin"', 'ref="#stalinn"', 1))
    cache = BuildCache(project / CACHE_DIR)
    check_edition(Project.at(project), cache=cache)
    for step in ("relaxng", "xsd", "schematron", "lint-facts"):
        assert cache.misses[step] == 1, (step, cache.misses)
    again = run(project, "check")
    shutil.rmtree(project / CACHE_DIR)
    fresh = run(project, "check")
    assert "'#stalinn' has no target" in again.stdout
    assert (again.returncode, again.stdout) == (fresh.returncode, fresh.stdout)


def test_a_build_reports_the_grammar_and_the_rules_problems_in_one_run(project):
    path = pilot(project)
    text = path.read_text()
    text = text.replace('ref="#stalin"', 'ref="#stalinn"', 1)  # a rule (Schematron)
    text = text.replace('<p xml:id="tuk-p2" n="2">', '<p xml:id="tuk-p2" n="2"><blink/>', 1)  # the grammar
    path.write_text(text)
    result = run(project)
    assert result.returncode == 1
    assert "'#stalinn' has no target" in result.stderr and "blink" in result.stderr
    assert not (project / "edition").exists()
