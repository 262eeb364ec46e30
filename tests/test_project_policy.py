"""A project's config (`ria-corpus.json`) says which problems stop its build and what it publishes,
for the edition and any corpus alike (ria/model/project_config.py): `checks` is "report" (a
corpus's default: problems listed, the site published), "errors" (the edition's: an error stops
the build) or "strict" (any problem does, as --strict); `rights` is "private-study" (the default)
or "public" (as --public). A wrong setting is an error at its place in the file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from test_corpus_public import OPEN, SECRET, letter, licence
from test_wild_tei import corpus, tei

from ria.corpus import build_corpus
from ria.export.corpus import export_corpus
from ria.problems import EditionError

RESTRICTED = '<availability status="restricted"><p>Nur zum Studium.</p></availability>'


def letters(folder, config: dict | None, broken: bool = False):
    files = {"offen.xml": letter("Offen", licence("https://creativecommons.org/licenses/by/4.0/"),
                                 f"<body><p>{OPEN}.</p></body>"),
             "geheim.xml": letter("Geheim", RESTRICTED, f"<body><p>{SECRET}.</p></body>")}
    if broken:
        files["kaputt.xml"] = tei("<body><p>not closed</body>")
    if config is not None:
        files["ria-corpus.json"] = json.dumps(config)
    return corpus(folder, files)


def built(folder, **options):
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False, **options)


def test_a_corpus_reports_its_problems_and_publishes_by_default(tmp_path):
    result = built(letters(tmp_path / "c", None, broken=True))
    assert [p.path for p in result.problems if p.severity == "error"] == ["kaputt.xml"]
    assert "texts/offen.html" in result.files


@pytest.mark.parametrize("checks", ["errors", "strict"])
def test_a_corpus_whose_checks_are_errors_stops_at_an_error_and_writes_nothing(tmp_path, checks):
    folder = letters(tmp_path / "c", {"checks": checks}, broken=True)
    out = tmp_path / "site"
    with pytest.raises(EditionError) as stopped:
        build_corpus(folder, out, ROOT, jobs=1, search=False)
    assert "kaputt.xml" in str(stopped.value)
    assert not out.exists()


def test_errors_let_a_warning_pass_and_strict_does_not(tmp_path):
    # An image the TEI names that is not in the folder: a warning, not an error.
    body = '<body><pb facs="missing.png"/><p>Words.</p></body>'
    for checks, stops in (("errors", False), ("strict", True)):
        folder = corpus(tmp_path / checks, {"a.xml": tei(body), "ria-corpus.json": json.dumps({"checks": checks})})
        if stops:
            with pytest.raises(EditionError, match="missing.png"):
                built(folder)
        else:
            assert [p.severity for p in built(folder).problems] == ["warning"]


def test_a_corpus_whose_rights_are_public_withholds_what_is_not_free_without_the_option(tmp_path):
    result = built(letters(tmp_path / "c", {"rights": "public"}))
    assert result.public and result.withheld == {"geheim"}
    assert SECRET not in result.files["texts/geheim.html"].decode()
    assert OPEN in result.files["texts/offen.html"].decode()
    assert "tei/geheim.xml" not in result.files


def test_the_export_of_a_corpus_whose_rights_are_public_is_public(tmp_path):
    exported = export_corpus(letters(tmp_path / "c", {"rights": "public"}), tmp_path / "export", ROOT, jobs=1)
    assert exported.public and exported.withheld == ["geheim"]
    assert not (tmp_path / "export" / "text" / "geheim.reading.txt").exists()


@pytest.mark.parametrize("config, where, message", [
    ('{\n  "checks": "warn"\n}', "ria-corpus.json:2:13", "'checks' must be"),
    ('{"rights": true}', "ria-corpus.json:1:12", "'rights' must be"),
])
def test_a_wrong_setting_is_an_error_at_its_place(tmp_path, config, where, message):
    folder = letters(tmp_path / "c", None)
    (folder / "ria-corpus.json").write_text(config)
    with pytest.raises(EditionError) as refused:
        built(folder)
    assert where in str(refused.value) and message in str(refused.value)


def test_the_edition_s_grammar_and_rules_cannot_be_made_a_report(tmp_path):
    project = tmp_path / "edition"
    shutil.copytree(ROOT / "tei", project / "tei")
    (project / "ria-corpus.json").write_text('{"checks": "report"}')
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "build",
                          "--out", str(tmp_path / "site")], capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "ria-corpus.json:1:12" in run.stderr and "always errors" in run.stderr
    assert not (tmp_path / "site").exists()
