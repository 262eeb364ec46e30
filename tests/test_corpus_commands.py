"""`check`, `format` and `serve` with `--corpus DIR`: what `build --corpus` does for a site, they
do for a corpus's files (issue #19, points 2 and 5)."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import fetch, unavailable
from lxml import etree

from ria.commands.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpus"
TEI_NS = "http://www.tei-c.org/ns/1.0"

HEADER = """<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>"""

LETTER = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}" xml:id="L1">{HEADER.format(title="Bahr an Schnitzler")}
<text><body><div type="letter">
<p>Bei <persName ref="#p1">Bahr</persName> traf ich <persName ref="#nobody">X</persName>
und wieder <rs ref="#nobody">X</rs>; <ref target="#n1">siehe</ref>.</p>
<note xml:id="n1">Eine Anmerkung.</note><note xml:id="n1">Noch eine.</note>
</div></body></text></TEI>
"""

PLAY = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}">{HEADER.format(title="Ein Spiel")}
<standOff><listEvent><event type="print" when="1900"><desc/></event></listEvent></standOff>
<text><body><div type="scene"><sp who="#anna"><speaker>Anna</speaker><p>Guten Tag.</p></sp></div></body>
<back><castList><castItem><role xml:id="anna">Anna</role></castItem></castList></back></text></TEI>
"""

PERSONS = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}">{HEADER.format(title="Personen")}
<text><body><listPerson><person xml:id="p1"><persName>Hermann Bahr</persName></person></listPerson>
<listRelation><relation name="friends" active="#p1" passive="#p1"/></listRelation></body></text></TEI>
"""

MORE_PERSONS = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}">{HEADER.format(title="Noch mehr Personen")}
<text><body><listPerson><person xml:id="p1"><persName>Another Bahr</persName></person></listPerson></body></text></TEI>
"""


def corpus_of(folder: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path) -> Path:
    return corpus_of(tmp_path / "corpus", {
        "editions/L1.xml": LETTER, "editions/play.xml": PLAY,
        "indices/listperson.xml": PERSONS, "indices/more.xml": MORE_PERSONS,
        "indices/sigla.xml": "<sigla><siglum>A</siglum></sigla>",
        "editions/broken.xml": f'<TEI xmlns="{TEI_NS}">\n<teiHeader>\n</TEI>\n',
    })


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- check --corpus

def test_check_reports_each_problem_where_it_is_and_how_each_file_was_classified(corpus, capsys):
    code, out, _ = run(capsys, "check", "--corpus", str(corpus), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["errors"] == 1  # the file that cannot be parsed
    problems = {(p["path"], p["rule"]): p for p in report["problems"]}
    broken = problems[(f"{corpus}/editions/broken.xml", "well-formed")]
    assert broken["severity"] == "error" and (broken["line"], broken["col"]) > (1, 1)

    def warning(rel, rule):
        found = [p for p in report["problems"] if p["path"] == f"{corpus}/{rel}" and p["rule"] == rule]
        assert found and all(p["severity"] == "warning" for p in found), (rel, rule)
        return found

    # A pointer to nothing: once a document, at its first place, counting the others.
    [dangling] = warning("editions/L1.xml", "pointer-dangling")
    assert dangling["message"].startswith("@ref points to #nobody") and "1 more" in dangling["message"]
    assert (dangling["line"], dangling["col"]) == (5, 63)
    # The other pointers resolve: to a register entry, to the document's own note, to the cast.
    assert all("#p1" not in p["message"] and "#n1" not in p["message"] and "#anna" not in p["message"]
               for p in report["problems"])
    [twice] = warning("editions/L1.xml", "id-duplicate")
    assert "'n1'" in twice["message"] and twice["line"] == 7
    [again] = warning("indices/more.xml", "entry-duplicate")
    assert "is also an entry of indices/listperson.xml:4" in again["message"]
    assert (again["line"], again["col"]) == (4, 33)
    assert warning("editions/L1.xml", "schema-report")[0]["message"].startswith("edition schema: ")

    classified = {c["path"].removeprefix(f"{corpus}/"): c for c in report["classified"]}
    assert {rel: c["kind"] for rel, c in classified.items()} == {
        "editions/L1.xml": "text", "editions/play.xml": "text", "indices/listperson.xml": "register",
        "indices/more.xml": "register", "indices/sigla.xml": "skipped"}
    # Why: by what the body holds, not by the standOff's list of events; a listRelation beside a list.
    assert classified["editions/play.xml"]["why"] == "its body holds div"
    assert classified["indices/listperson.xml"]["why"] == "its body holds listPerson, listRelation"
    assert classified["indices/sigla.xml"]["why"] == "its root element is sigla, not TEI, TEI.2 or teiCorpus"
    assert all(c["severity"] == "info" and c["message"].startswith("classified as ") for c in classified.values())


def test_check_text_output_is_path_line_col_lines_and_a_summary_line_per_class(corpus, capsys):
    code, out, _ = run(capsys, "check", "--corpus", str(corpus))
    lines = out.splitlines()
    assert code == 1
    assert f"{corpus}/editions/L1.xml:5:63: warning: @ref points to #nobody" in out
    assert any(line.startswith(f"{corpus}/editions/broken.xml:") and ": error: not well-formed XML" in line
               for line in lines)
    assert [line.split(":")[0] for line in lines if line.startswith(("texts:", "registers:", "skipped"))] == [
        "texts", "registers", "skipped, not TEI"]
    assert "texts: 2: 2 because its body holds div (e.g. " in out
    assert lines[-1].startswith("1 error, ") and lines[-1].endswith(" warnings")


def test_check_exits_0_without_errors_and_1_with_strict_and_warnings(corpus, capsys):
    (corpus / "editions" / "broken.xml").unlink()
    assert run(capsys, "check", "--corpus", str(corpus))[0] == 0
    assert run(capsys, "check", "--corpus", str(corpus), "--strict")[0] == 1
    code, out, _ = run(capsys, "--corpus", str(corpus), "check", "--strict")  # the option before the command holds
    assert code == 1 and f"{corpus}/editions/L1.xml:5:63: warning: " in out


def test_check_of_named_files_reports_on_them_alone_and_resolves_against_every_register(corpus, capsys):
    letter = corpus / "editions" / "L1.xml"
    code, out, _ = run(capsys, "check", "--corpus", str(corpus), str(letter), str(corpus / "elsewhere.xml"),
                       "--format", "json")
    report = json.loads(out)
    paths = {p["path"] for p in report["problems"]}
    assert paths == {f"{corpus}/editions/L1.xml", str(corpus / "elsewhere.xml")}
    assert code == 1 and report["errors"] == 1  # the file that is not the corpus's was not checked
    assert not any("#p1" in p["message"] for p in report["problems"])  # the register was read, not reported
    assert [c["path"] for c in report["classified"]] == [f"{corpus}/editions/L1.xml"]


def test_check_gives_each_report_as_it_is_found_and_holds_none(corpus):
    from ria.corpus.check import check_corpus
    given = []
    result = check_corpus(corpus, ROOT, report=given.append)
    assert result.problems == [] and (result.errors, result.warnings) == (1, len(given) - 1)
    # File by file in the corpus's order; what needs every register read comes last.
    files = [p.path.removeprefix(f"{corpus}/") for p in given]
    assert files.index("editions/broken.xml") < files.index("editions/play.xml") < files.index("indices/more.xml")
    assert {p.rule for p in given[-2:]} == {"entry-duplicate", "pointer-dangling"}


def test_check_help_says_the_lint_findings_are_part_of_check(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "no separate lint command" in " ".join(capsys.readouterr().out.split())


def test_check_over_the_real_corpora_classifies_plays_and_letters_and_finds_their_broken_pointers(tmp_path):
    from ria.corpus.check import check_corpus
    plays, letters = CORPORA / "rusdracor", CORPORA / "schnitzler-briefe"
    if not plays.is_dir() or not letters.is_dir():
        unavailable(f"the real corpora are not in {CORPORA} (../shared is optional)")
    # Every play; and some letters with the whole registers their pointers lead to, among them
    # one that names a mountain (#pmb565) no register has.
    sample = tmp_path / "schnitzler"
    shutil.copytree(letters / "indices", sample / "indices")
    (sample / "editions").mkdir()
    for letter in sorted((letters / "editions").glob("*.xml"))[:40] + [letters / "editions" / "L00121.xml"]:
        shutil.copy(letter, sample / "editions")

    drama = check_corpus(plays, ROOT, jobs=1)
    assert drama.errors == 0, [str(p) for p in drama.problems if p.severity == "error"][:5]
    # A play is a text because of its body, though its standOff lists the dates of its events.
    assert [c.kind for c in drama.classified].count("text") == 212
    assert [Path(c.path).name for c in drama.classified if c.kind == "skipped"] == ["corpus.xml"]
    assert not [str(p) for p in drama.problems if p.rule == "pointer-dangling"]  # every @who finds its cast

    correspondence = check_corpus(sample, ROOT, jobs=1)
    assert correspondence.errors == 0
    assert [str(p) for p in correspondence.problems if p.rule == "pointer-dangling"] == [
        f"{sample}/editions/L00121.xml:181:66: warning: @ref points to #pmb565, which no element of this document "
        "and no register of the corpus has (correct the pointer, or add the entry to a register)"]
    # listwork.xml gives one id twice, 4,857 lines apart.
    assert [(Path(p.path).name, p.line) for p in correspondence.problems if p.rule == "id-duplicate"] == [
        ("listwork.xml", 17811)]
    # A register that holds a listRelation or a listBibl beside its lists is a register, and says why.
    listed = {Path(c.path).name: c for c in correspondence.classified}
    assert listed["listperson.xml"].kind == "register"
    assert listed["listperson.xml"].why == "its body holds listBibl, listEvent, listPerson"


# ---------------------------------------------------------------- format --corpus

UNFORMATTED = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson><person sex="m" xml:id="a"><persName>A  <hi>b</hi> </persName></person><person xml:id="a"/></listPerson></body></text></TEI>
"""


def test_format_check_lists_the_files_it_would_change_and_writes_nothing(tmp_path, capsys):
    folder = corpus_of(tmp_path / "c", {"a.xml": UNFORMATTED, "sigla.xml": "<sigla>\n<s>A</s></sigla>"})
    before = (folder / "a.xml").read_bytes()
    code, out, _ = run(capsys, "format", "--corpus", str(folder), "--check")
    assert code == 1 and f"{folder}/a.xml: would be reformatted" in out
    assert (folder / "a.xml").read_bytes() == before


def test_format_rewrites_only_the_tei_files_it_changes_and_keeps_their_content(tmp_path, capsys):
    laid_out = f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}">\n  <text/>\n</TEI>\n'
    doctype = f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "tei_all.dtd">\n<TEI xmlns="{TEI_NS}"><text/></TEI>\n'
    folder = corpus_of(tmp_path / "c", {"a.xml": UNFORMATTED, "b.xml": laid_out, "d.xml": doctype,
                                        "sigla.xml": "<sigla>\n<s>A</s></sigla>"})
    os.symlink(folder / "a.xml", folder / "link.xml")
    untouched = {name: (folder / name).stat().st_mtime_ns for name in ("b.xml", "d.xml", "sigla.xml")}
    before = parsed(folder / "a.xml")

    code, out, _ = run(capsys, "format", "--corpus", str(folder))
    assert code == 0
    assert f"{folder}/a.xml: reformatted" in out
    assert f"{folder}/d.xml: left as it is: it has a DOCTYPE declaration" in out
    assert f"{folder}/sigla.xml: left as it is: it is not TEI" in out
    assert {name: (folder / name).stat().st_mtime_ns for name in untouched} == untouched
    assert (folder / "link.xml").is_symlink()  # the file it names was formatted, the link is still one
    assert same_content(before, parsed(folder / "a.xml"))
    assert "\n        <person xml:id=\"a\" sex=\"m\">" in (folder / "a.xml").read_text()
    assert run(capsys, "format", "--corpus", str(folder), "--check")[0] == 0


def test_format_of_a_corpus_takes_no_files_besides(tmp_path, capsys):
    folder = corpus_of(tmp_path / "c", {"a.xml": UNFORMATTED})
    code, _, err = run(capsys, "format", "--corpus", str(folder), str(folder / "a.xml"))
    assert code == 1 and "not both" in err
    assert (folder / "a.xml").read_text() == UNFORMATTED


def same_content(before: etree._ElementTree, after: etree._ElementTree) -> bool:
    """The same elements, comments and processing instructions in the same order, with the same
    attributes and exactly the same text in each (the layout's white space between elements
    aside), and the same characters in all."""
    def described(tree):
        return [(el.tag, dict(el.attrib), el.text if el.text and el.text.strip() else None,
                 el.tail if el.tail and el.tail.strip() else None) for el in tree.iter()]
    return (described(before) == described(after)
            and "".join("".join(before.getroot().itertext()).split())
            == "".join("".join(after.getroot().itertext()).split()))


def parsed(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(collect_ids=False))  # as a corpus's register may repeat an id


def test_formatting_real_letters_registers_and_plays_changes_no_content(tmp_path, capsys):
    plays, letters = CORPORA / "rusdracor" / "tei", CORPORA / "schnitzler-briefe"
    if not plays.is_dir() or not letters.is_dir():
        unavailable(f"the real corpora are not in {CORPORA} (../shared is optional)")
    folder = tmp_path / "copies"
    folder.mkdir()
    originals = [sorted((letters / "editions").glob("*.xml"))[0], letters / "indices" / "listplace.xml",
                 sorted(plays.glob("*.xml"))[0], plays / "chekhov-chaika.xml"]
    for path in originals:
        shutil.copy(path, folder / path.name)
    code, out, err = run(capsys, "format", "--corpus", str(folder))
    assert code == 0, err
    assert "failed" not in out
    for path in originals:
        assert same_content(parsed(path), parsed(folder / path.name)), path.name


# ---------------------------------------------------------------- serve --corpus

TIMEOUT = 120



def wait_for(condition, what: str):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


def serve(*argv: str):
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", *argv, "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    return process, lines


def test_serve_builds_the_corpus_serves_it_and_rebuilds_what_was_saved(tmp_path):
    folder = corpus_of(tmp_path / "corpus", {"editions/L1.xml": LETTER, "editions/play.xml": PLAY,
                                             "indices/listperson.xml": PERSONS})
    site = tmp_path / "site"
    process, lines = serve("--corpus", str(folder), "--out", str(site))
    try:
        seen: list[str] = []

        def line_with(text: str) -> str | None:
            while True:
                try:
                    line = lines.get(timeout=1)
                except queue.Empty:
                    return None
                seen.append(line)
                if text in line:
                    return line
        started = wait_for(lambda: line_with("serving "), "the server to start")
        url = started.split(" at ", 1)[1].split(" ", 1)[0]
        status, home = fetch(url)
        assert status == 200 and '<script src="/__ria/reload.js" defer></script>' in home
        assert "__ria" not in (site / "index.html").read_text()  # added to the answer only
        assert fetch(url + "..%2f..%2fetc/passwd")[0] in (400, 404)
        play = url + "texts/" + next(p.name for p in (site / "texts").glob("*.html") if "play" in p.name)
        assert "Guten Tag." in fetch(play)[1]

        # A save is built again, the saved file alone read again.
        (folder / "editions" / "play.xml").write_text(PLAY.replace("Guten Tag.", "Guten Abend."), encoding="utf-8")
        wait_for(lambda: "Guten Abend." in fetch(play)[1], "the rebuilt page")
        assert "1 file read again" in wait_for(lambda: line_with("built "), "the rebuild's line")

        # A file that cannot be parsed: every HTML request gets the errors, where they are.
        (folder / "editions" / "play.xml").write_text("<TEI>\n<text>", encoding="utf-8")
        status, body = wait_for(lambda: (lambda r: r if r[0] == 500 else None)(fetch(url)), "the error page")
        assert "editions/play.xml:2:" in body and ": error: " in body
        (folder / "editions" / "play.xml").write_text(PLAY, encoding="utf-8")
        wait_for(lambda: fetch(url)[0] == 200, "the site back")
        assert not list(folder.rglob("*.html")) and not (folder / ".ria-cache").exists()  # nothing written in the corpus

        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def test_serve_refuses_a_site_folder_inside_the_corpus_and_writes_nothing(tmp_path):
    folder = corpus_of(tmp_path / "corpus", {"editions/L1.xml": LETTER})
    process, lines = serve("--corpus", str(folder), "--out", str(folder / "site"))
    assert process.wait(60) == 1
    output = "".join(lines.get() for _ in range(lines.qsize()))
    assert "the output folder may not be an input" in output
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["editions", "editions/L1.xml"]
