"""`python build.py import`: a transcription becomes a valid, faithful TEI skeleton; nothing is overwritten."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ria.commands.importer import blocks, run_import  # noqa: E402
from ria.publish.build import CACHE_DIR  # noqa: E402

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SOURCES = sorted(p.stem for p in (ROOT / "sources").glob("*.txt"))
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): ")


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def imported(tmp_path_factory, warm_cache) -> Path:
    """A copy of the project with each of the five copy-texts imported again as test-ID: an
    editor's working copy, checked before, so that a check examines the imported texts afresh
    and takes what it found of the others from the cache folder (conftest.py)."""
    project = tmp_path_factory.mktemp("import")
    for part in ("tei", "schema", "xslt", "theme", "sources"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copytree(warm_cache, project / CACHE_DIR)
    for text_id in SOURCES:
        code = run_import(project, ROOT / "sources" / f"{text_id}.txt", text_id=f"test-{text_id}",
                          title=f"Test import of {text_id}", author="Leon Trotsky", prefix=None)
        assert code == 0, text_id
    return project


def tree(project: Path, text_id: str) -> etree._ElementTree:
    return etree.parse(str(project / "tei" / "texts" / f"test-{text_id}.xml"))


def test_the_real_texts_are_untouched(imported):
    for text_id in SOURCES:
        assert (imported / "tei" / "texts" / f"{text_id}.xml").read_bytes() == \
            (ROOT / "tei" / "texts" / f"{text_id}.xml").read_bytes()


def test_skeletons_validate_with_the_edition(imported):
    result = run(imported, "check")
    errors = [l for l in result.stdout.splitlines() if (m := LINE.match(l)) and m["severity"] == "error"]
    assert result.returncode == 0, "\n".join(errors) or result.stdout[-2000:]
    assert not errors


def test_skeletons_pass_the_fidelity_test(imported):
    result = run(imported, "fidelity", *(f"test-{t}" for t in SOURCES))
    assert result.returncode == 0, result.stdout
    assert result.stdout.count(": ok: ") == len(SOURCES)


@pytest.mark.parametrize("text_id", SOURCES)
def test_skeleton_shape(imported, text_id):
    doc = tree(imported, text_id)
    root = doc.getroot()
    assert root.get(XML_ID) == f"test-{text_id}"
    pis = [pi for pi in root.itersiblings(preceding=True) if isinstance(pi, etree._ProcessingInstruction)]
    assert {pi.target for pi in pis} == {"xml-model"} and len(pis) == 2
    assert doc.find(".//tei:titleStmt/tei:title", NS).text == f"Test import of {text_id}"
    assert doc.find(".//tei:profileDesc/tei:creation/tei:date", NS) is not None
    # The edition's own contribution is licensed from the start, as in every text's header.
    assert doc.find(".//tei:availability/tei:licence", NS).get("target") == \
        "https://creativecommons.org/licenses/by/4.0/"
    # The copy-text as received, beside it.
    assert (imported / "sources" / f"test-{text_id}.txt").read_bytes() == \
        (ROOT / "sources" / f"{text_id}.txt").read_bytes()
    # Every div, p and note has an id with one prefix, all distinct.
    elements = doc.xpath("//tei:text//tei:div | //tei:text//tei:p | //tei:text//tei:note", namespaces=NS)
    ids = [el.get(XML_ID) for el in elements]
    assert all(ids) and len(set(ids)) == len(ids)
    assert len({i.rsplit("-", 1)[0] for i in ids}) == 1
    assert doc.xpath("//tei:body//tei:p", namespaces=NS)
    # Register names are pre-marked for review.
    names = doc.xpath("//tei:body//tei:persName | //tei:body//tei:placeName | //tei:body//tei:orgName",
                      namespaces=NS)
    assert names and all(n.get("cert") == "low" and n.get("ref", "").startswith("#") for n in names)


def test_markdown_heads_nest_and_footnotes_become_notes(imported):
    doc = tree(imported, "trotsky-1924")
    first = doc.find(".//tei:body/tei:div", NS)
    assert first.find("tei:head", NS).text == "The Lessons of October"
    assert first.find("tei:div/tei:head", NS).text == "We Must Study the October Revolution"
    notes = doc.xpath("//tei:body//tei:note", namespaces=NS)
    copy = (ROOT / "sources" / "trotsky-1924.txt").read_text()
    markers = set(re.findall(r"<sup>\s*(\d+)\s*</sup>", copy))
    numbered = [n for n in notes if n.get("n").isdigit()]
    assert {n.get("n") for n in numbered} == markers
    assert all("".join(n.itertext()).strip() for n in numbered)  # their text was found
    first_note = next(n for n in notes if n.get("n") == "1")
    assert "".join(first_note.itertext()).startswith("This essay was written in Russia in 1924.")
    assert first_note.getparent().tag == "{http://www.tei-c.org/ns/1.0}p"


def test_bracketed_endnote_markers(imported):
    doc = tree(imported, "trotsky-1918")
    note = doc.xpath("//tei:body//tei:note[@n='80']", namespaces=NS)
    assert note and "".join(note[0].itertext()).startswith("Unification of the forces")


def test_never_overwrites(imported, capsys):
    target = imported / "tei" / "texts" / "test-serge-1930.xml"
    before = target.read_bytes()
    code = run_import(imported, ROOT / "sources" / "tukhachevsky-1921.txt", text_id="test-serge-1930",
                      title="Again", author="", prefix=None)
    assert code == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == before
    # Nor an existing copy-text with other contents.
    (imported / "sources" / "test-other.txt").write_text("something else\n")
    code = run_import(imported, ROOT / "sources" / "serge-1930.txt", text_id="test-other",
                      title="Other", author="", prefix=None)
    assert code == 1
    assert not (imported / "tei" / "texts" / "test-other.xml").exists()
    assert (imported / "sources" / "test-other.txt").read_text() == "something else\n"


def test_command_line_and_markdown_footnotes(tmp_path):
    for part in ("tei", "schema", "xslt", "theme"):
        shutil.copytree(ROOT / part, tmp_path / part)
    copy = tmp_path / "new.md"
    copy.write_text(
        "# A Speech\n\nLenin spoke in Petrograd.[^1] Trotsky *replied* at **length**.<sup>2</sup>\n"
        "Then a second line of the same paragraph.\n\n## Part Two\n\nThe Red Army marched [3].\n\n"
        "---\n\n[^1]: On 25 October.\n\n<sup>2</sup>A long reply.\n\n3. The third note.\n",
        encoding="utf-8")
    result = run(tmp_path, "import", str(copy), "--id", "lenin-1917", "--title", "A Speech",
                 "--author", "Lenin", "--prefix", "lsp")
    assert result.returncode == 0, result.stderr
    doc = etree.parse(str(tmp_path / "tei" / "texts" / "lenin-1917.xml"))
    notes = doc.xpath("//tei:body//tei:note", namespaces=NS)
    assert [(n.get("n"), n.get(XML_ID), "".join(n.itertext())) for n in notes] == [
        ("1", "lsp-n1", "On 25 October."), ("2", "lsp-n2", "A long reply."), ("3", "lsp-n3", "The third note.")]
    assert doc.xpath("//tei:hi[@rend='italic']/text()", namespaces=NS) == ["replied"]
    assert doc.xpath("//tei:hi[@rend='bold']/text()", namespaces=NS) == ["length"]
    assert doc.xpath("//tei:body/tei:div/tei:div/tei:head/text()", namespaces=NS) == ["Part Two"]
    assert doc.xpath("//tei:persName[@ref='#lenin'][@cert='low']", namespaces=NS)
    assert doc.xpath("//tei:placeName[@ref='#petrograd'][@cert='low']", namespaces=NS)
    assert doc.find(".//tei:author/tei:persName", NS).get("ref") == "#lenin"
    assert (tmp_path / "sources" / "lenin-1917.txt").read_bytes() == copy.read_bytes()
    assert run(tmp_path, "fidelity", "lenin-1917").returncode == 0
    again = run(tmp_path, "import", str(copy), "--id", "lenin-1917", "--title", "A Speech")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_plain_text_title_lines_become_heads():
    items, markdown = blocks("Prefatory Note\n\nA paragraph that ends.\n\nDefense and Attack\n\nMore text here.\n")
    assert not markdown
    assert [(b.kind, b.text) for b in items] == [
        ("head", "Prefatory Note"), ("p", "A paragraph that ends."),
        ("head", "Defense and Attack"), ("p", "More text here.")]
