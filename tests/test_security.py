"""Hostile input: no external entities, no network, no DTDs, no entity bombs, inert output."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ria.publish.build import CACHE_DIR

ROOT = Path(__file__).resolve().parent.parent
PILOT = "tei/texts/tukhachevsky-1921.xml"


@pytest.fixture
def project(tmp_path, warm_cache) -> Path:
    """A copy of the edition that a test makes hostile, checked and built before as an editor's
    working copy is (its cache folder, conftest.py): only the file made hostile is read again."""
    for part in ("tei", "schema", "xslt", "theme", "sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copytree(warm_cache, tmp_path / CACHE_DIR)
    return tmp_path


def run(project: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), *args],
                          capture_output=True, text=True, timeout=timeout)


def with_prolog(project: Path, prolog: str, body_text: str = "") -> Path:
    path = project / PILOT
    text = path.read_text()
    head, rest = text.split("\n", 1)
    rest = rest.replace('<p xml:id="tuk-p3" n="3">', f'<p xml:id="tuk-p3" n="3">{body_text}', 1)
    path.write_text(head + "\n" + prolog + "\n" + rest)
    return path


def everything_written(project: Path) -> str:
    site = project / "edition"
    return "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file()) if site.exists() else ""


SECRET = "ria-secret-{}".format(time.time_ns())


@pytest.fixture
def secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def assert_refused(project: Path, result: subprocess.CompletedProcess, line: int):
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert f"{PILOT}:{line}:1: error:" in output, output[-2000:]
    assert "not allowed" in output
    assert "Traceback" not in output
    assert SECRET not in output


@pytest.mark.parametrize("command", [["check"], []], ids=["check", "build"])
def test_external_entity_reading_a_local_file_is_refused(project, secret_file, command):
    with_prolog(project, f'<!DOCTYPE TEI [<!ENTITY secret SYSTEM "{secret_file.as_uri()}">]>', "&secret;")
    result = run(project, *command)
    assert_refused(project, result, 2)
    assert SECRET not in everything_written(project)


@pytest.mark.parametrize("command", [["check"], []], ids=["check", "build"])
def test_external_dtd_from_the_network_is_refused(project, command):
    with_prolog(project, '<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">')
    assert_refused(project, run(project, *command), 2)


@pytest.mark.parametrize("command", [["check"], []], ids=["check", "build"])
def test_entity_expansion_bomb_is_refused_quickly(project, command):
    laughs = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    with_prolog(project, "<!DOCTYPE TEI [" + "".join(laughs) + "]>", "&lol9;")
    started = time.monotonic()
    result = run(project, *command, timeout=60)
    assert time.monotonic() - started < 30
    assert_refused(project, result, 2)


def test_xinclude_of_a_local_file_is_neither_followed_nor_accepted(project, secret_file):
    path = project / PILOT
    path.write_text(path.read_text().replace(
        '<p xml:id="tuk-p3" n="3">',
        f'<p xml:id="tuk-p3" n="3"><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret_file}" parse="text"/>', 1))
    result = run(project)
    assert result.returncode == 1
    assert "include" in result.stderr
    assert SECRET not in result.stdout + result.stderr + everything_written(project)


def test_markup_in_the_text_is_published_as_inert_text(project):
    path = project / PILOT
    path.write_text(path.read_text().replace(
        '<p xml:id="tuk-p3" n="3">',
        '<p xml:id="tuk-p3" n="3">&lt;script&gt;alert("x")&lt;/script&gt; javascript:alert(1) &lt;img src=x onerror=alert(2)&gt; ', 1))
    result = run(project)
    assert result.returncode == 0, result.stderr
    page = (project / "edition" / "texts" / "tukhachevsky-1921.html").read_text()
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in page or "&lt;script&gt;alert(&quot;x&quot;)" in page
    assert "<script>alert" not in page and "<img src=x" not in page


@pytest.mark.parametrize("pointer", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd",
                                     "vbscript:x", "//evil.example/x"])
def test_pointers_outside_the_edition_or_the_web_are_refused_at_check_time(project, pointer):
    path = project / PILOT
    path.write_text(path.read_text().replace(
        '<p xml:id="tuk-p3" n="3">', f'<p xml:id="tuk-p3" n="3"><ref target="{pointer}">link</ref> ', 1))
    result = run(project, "check")
    assert result.returncode == 1
    assert "pointer" in result.stdout and pointer in result.stdout
