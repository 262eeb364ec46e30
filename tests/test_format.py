"""`python build.py format`: a canonical layout that loses nothing, is stable, and writes atomically."""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ria.commands import formatting
from ria.commands.formatting import canonical, format_bytes, run_format, write_atomically  # noqa: E402
from ria.model import readings
from ria.problems import EditionError  # noqa: E402
from ria.validate.fidelity import words  # noqa: E402
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


# --- xml:space: where white space counts, the layout leaves it alone --------------------------

def _tei(body: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>'
            b'<fileDesc><titleStmt><title>T</title></titleStmt></fileDesc></teiHeader>'
            b'<text><body>' + body + b'</body></text></TEI>\n')


# A poem set as its source sets it, a paragraph and a letter whose every space counts: the
# letter's paragraph, its list and the list's items inherit xml:space from the div.
VERSE = (b'<lg xml:space="preserve">\n'
         b'      <l>The first line,</l>\n'
         b'          <l>indented as the poet set it,</l>\n\n\n'
         b'  <l>and back.</l></lg>')
PARAGRAPH = b'<p xml:space="preserve">   Odd\n      lines, <list>\n <item>and a list</item>  </list>\n</p>'
LETTER = (b'<div type="letter" xml:space="preserve">   <p>Dear   sir,\n'
          b'        yours</p>\n\n\n     <list>\n<item>one</item>   <item>two</item></list></div>')


def test_content_whose_white_space_is_preserved_is_left_byte_for_byte():
    original = _tei(b'<div>' + VERSE + PARAGRAPH + b'</div>' + LETTER)
    result = format_bytes(original, "preserved.xml")
    assert VERSE in result and PARAGRAPH in result and LETTER in result
    # Around it, the layout is the usual one.
    assert b'\n  <teiHeader>\n    <fileDesc>\n' in result
    assert b'\n      <div>\n        <lg xml:space="preserve">\n      <l>The first line,' in result
    assert LETTER + b'\n    </body>' in result
    assert format_bytes(result, "preserved.xml") == result


def test_the_proof_fails_when_only_preserved_white_space_changes():
    original = _tei(b'<div>' + VERSE + b'</div>')
    # One space more where xml:space says it counts: another document, and the proof says so.
    changed = original.replace(b'\n  <l>and back.', b'\n   <l>and back.', 1)
    assert changed != original
    assert canonical(parse_bytes(changed, "verse.xml")) != canonical(parse_bytes(original, "verse.xml"))
    with pytest.raises(EditionError, match="would change the document's content"):
        formatting.prove_lossless(original, changed, "verse.xml")
    # One space more where it carries nothing: the same content, and proved so.
    loose = original.replace(b'<div><lg', b'<div>\n <lg', 1)
    assert loose != original
    formatting.prove_lossless(original, loose, "verse.xml")


def test_xml_space_default_inside_preserved_content_is_laid_out_again():
    # xml:space="default" on a descendant ends the preservation for its content (XML 1.0, 2.10).
    original = _tei(b'<div xml:space="preserve">\n   <lg xml:space="default">\n<l>a</l>     <l>b</l></lg>\n'
                    b'      <lg><l>c</l>  <l>d</l></lg></div>')
    result = format_bytes(original, "default.xml")
    assert (b'      <div xml:space="preserve">\n'
            b'   <lg xml:space="default">\n'
            b'          <l>a</l>\n'
            b'          <l>b</l>\n'
            b'        </lg>\n'
            b'      <lg><l>c</l>  <l>d</l></lg></div>\n'
            b'    </body>\n') in result
    # What the layout may change there, the proof lets change; the preserved content around it, not.
    tighter = result.replace(b'<l>a</l>\n          <l>b</l>', b'<l>a</l><l>b</l>')
    formatting.prove_lossless(original, tighter, "default.xml")
    with pytest.raises(EditionError, match="would change the document's content"):
        formatting.prove_lossless(original, result.replace(b'<l>c</l>  <l>d</l>', b'<l>c</l><l>d</l>'),
                                  "default.xml")


# --- encodings: a file is written back in the encoding it came in ---------------------------

WRITTEN_IN = {  # the name its declaration gives, Python's codec, the byte order mark it begins with
    "UTF-8 with a byte order mark": ("UTF-8", "utf-8", codecs.BOM_UTF8),
    "UTF-16 little-endian": ("UTF-16", "utf-16-le", codecs.BOM_UTF16_LE),
    "UTF-16 big-endian": ("UTF-16", "utf-16-be", codecs.BOM_UTF16_BE),
    "ISO-8859-1": ("ISO-8859-1", "iso-8859-1", b""),
    "windows-1251": ("windows-1251", "cp1251", b""),
}


@pytest.mark.parametrize("encoding", WRITTEN_IN)
def test_a_file_is_written_back_in_its_own_encoding(encoding, tmp_path):
    declared, codec, mark = WRITTEN_IN[encoding]
    # Words the encoding can hold, and a reference to a character it may not (Zhe: not in ISO-8859-1).
    words = {"ISO-8859-1": "Gérard", "windows-1251": "Жуков"}.get(declared, "Gérard Жуков")
    utf8 = _tei(f'<p>{words} &#x416;</p>'.encode())
    expected = format_bytes(utf8, "utf8.xml").decode("utf-8").replace('encoding="UTF-8"', f'encoding="{declared}"')
    encoded = mark + utf8.decode("utf-8").replace('encoding="UTF-8"', f'encoding="{declared}"').encode(
        codec, "xmlcharrefreplace")
    path = tmp_path / "encoded.xml"
    path.write_bytes(encoded)
    assert run_format([path], check_only=False) == 0
    written = path.read_bytes()
    assert written.startswith(mark + f'<?xml version="1.0" encoding="{declared}"?>\n'.encode(codec))
    assert written == mark + expected.encode(codec, "xmlcharrefreplace")
    assert parse_bytes(written, "encoded.xml").getroot().findtext(".//{*}p") == f"{words} Ж"
    # The proof refuses a result in another encoding, though its content is the same.
    with pytest.raises(EditionError, match="would change the file's encoding"):
        formatting.prove_lossless(encoded, format_bytes(utf8, "utf8.xml"), "encoded.xml")


def test_a_file_in_an_encoding_python_cannot_write_is_refused_and_left_alone(tmp_path, capsys):
    path = tmp_path / "viscii.xml"
    original = _tei(b"<p>plain ASCII</p>").replace(b'encoding="UTF-8"', b'encoding="VISCII"')
    path.write_bytes(original)
    assert run_format([path], check_only=False) == 1
    assert path.read_bytes() == original
    assert "VISCII" in capsys.readouterr().err
