"""`python build.py format`: a canonical layout that loses nothing, is stable, and writes atomically."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ria import formatting, readings  # noqa: E402
from ria.fidelity import words  # noqa: E402
from ria.formatting import canonical, format_bytes, run_format, write_atomically  # noqa: E402
from ria.problems import EditionError  # noqa: E402
from ria.xmlio import parse_bytes  # noqa: E402

TEI_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tei").rglob("*.xml"))
MIXED = ("p", "head", "note", "item", "quote", "bibl", "title", "persName", "change", "resp")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def copies(tmp_path) -> list[Path]:
    """Copies of every TEI file of the edition, in their folders (the real tei/ is never touched)."""
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    return [tmp_path / rel for rel in TEI_FILES]


def _mixed_texts(data: bytes) -> list[bytes]:
    """The exact serialisation of every mixed-content element (canonical XML: attributes sorted)."""
    tree = etree.fromstring(data)
    found = []
    for el in tree.iter(*(f"{{http://www.tei-c.org/ns/1.0}}{t}" for t in MIXED)):
        if not formatting.is_element_only(el):
            found.append(etree.tostring(el, method="c14n"))
    return found


def test_there_are_files_to_test():
    assert len(TEI_FILES) >= 10, TEI_FILES


@pytest.mark.parametrize("rel", TEI_FILES)
def test_lossless_and_idempotent_on_every_tei_file(rel, tmp_path):
    original = (ROOT / rel).read_bytes()
    once = format_bytes(original, rel)
    assert canonical(parse_bytes(once, rel)) == canonical(parse_bytes(original, rel))
    assert format_bytes(once, rel) == once
    # Text, comments and processing instructions survive exactly.
    assert _mixed_texts(once) == _mixed_texts(original)
    before, after = parse_bytes(original, rel), parse_bytes(once, rel)
    assert [c.text for c in before.iter(etree.Comment)] == [c.text for c in after.iter(etree.Comment)]
    pis = lambda t: [(p.target, p.text) for p in t.getroot().itersiblings(preceding=True)]  # noqa: E731
    assert pis(before) == pis(after)
    # The readings the toolchain derives (fidelity, export, search) are word for word the same.
    for derive in (readings.diplomatic, readings.reading):
        old, new = derive(before), derive(after)
        assert words(old.flow) == words(new.flow)
        assert [words(n.text) for n in old.notes] == [words(n.text) for n in new.notes]


def test_command_formats_copies_then_check_passes(copies):
    result = run("format", *map(str, copies))
    assert result.returncode == 0, result.stderr
    for path, rel in zip(copies, TEI_FILES):
        assert canonical(parse_bytes(path.read_bytes(), rel)) == canonical(parse_bytes((ROOT / rel).read_bytes(), rel))
    check = run("format", "--check", *map(str, copies))
    assert check.returncode == 0, check.stdout
    assert f"0 files would be reformatted, {len(copies)} unchanged" in check.stdout
    assert not [p for p in copies[0].parent.parent.rglob(".*.tmp")]


def test_check_reports_and_writes_nothing(tmp_path):
    path = tmp_path / "messy.xml"
    messy = (b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="x.rng"?>\n'
             b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>\n\n\n      <fileDesc><titleStmt><title>T</title>'
             b'</titleStmt></fileDesc></teiHeader><text><body><!-- a comment -->'
             b'<p type="x" xml:id="a-p1">Some  <hi>mixed</hi>   text</p></body></text></TEI>\n')
    path.write_bytes(messy)
    result = run("format", "--check", str(path))
    assert result.returncode == 1
    assert "would be reformatted" in result.stdout
    assert path.read_bytes() == messy
    assert run("format", str(path)).returncode == 0
    assert path.read_bytes() == (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="x.rng"?>\n'
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        b'  <teiHeader>\n'
        b'    <fileDesc>\n'
        b'      <titleStmt>\n'
        b'        <title>T</title>\n'
        b'      </titleStmt>\n'
        b'    </fileDesc>\n'
        b'  </teiHeader>\n'
        b'  <text>\n'
        b'    <body>\n'
        b'      <!-- a comment -->\n'
        b'      <p xml:id="a-p1" type="x">Some  <hi>mixed</hi>   text</p>\n'
        b'    </body>\n'
        b'  </text>\n'
        b'</TEI>\n')
    assert run("format", "--check", str(path)).returncode == 0


def test_a_lossy_result_is_refused(monkeypatch, tmp_path):
    """The proof can fail: a layout bug that touched text would be caught, and nothing written."""
    def broken(el, depth):
        for p in el.iter("{http://www.tei-c.org/ns/1.0}p"):
            p.text = (p.text or "") + " "
    monkeypatch.setattr(formatting, "_layout", broken)
    path = tmp_path / "one.xml"
    shutil.copy(ROOT / "tei" / "texts" / "tukhachevsky-1921.xml", path)
    before = path.read_bytes()
    with pytest.raises(EditionError, match="would change the document's content"):
        format_bytes(before, "one.xml")
    assert run_format([path], check_only=False) == 1
    assert path.read_bytes() == before


def test_writes_are_atomic(monkeypatch, tmp_path):
    path = tmp_path / "one.xml"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)

    def crash(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.xml"]  # no temporary file left
    monkeypatch.undo()
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640


def test_not_well_formed_is_reported_and_left_alone(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_bytes(b"<TEI><p></TEI>")
    result = run("format", str(path))
    assert result.returncode == 1
    assert f"{path}:1:" in result.stderr and "not well-formed" in result.stderr
    assert path.read_bytes() == b"<TEI><p></TEI>"
