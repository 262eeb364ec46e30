"""What an outside attack on the toolchain found after the fixes of issue #18, each case kept
as what a user can rely on: a hostile corpus author or a careless command line cannot make a
command write outside its output folder, read outside its inputs, or fail with a traceback."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import dead_pid, running
from test_corpus import make_corpus

from ria.commands import cli
from ria.corpus import build_corpus
from ria.problems import EditionError
from ria.publish import site
from ria.safenames import MAX_BYTES, safe_name, site_path

ROOT = Path(__file__).resolve().parent.parent
LOCATED = re.compile(r"^[^\s:][^:]*:\d+:\d+: (error|warning): ", re.MULTILINE)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def set_id(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(f'xml:id="{old}"', f'xml:id="{new}"'), encoding="utf-8")


# ------------------------------------------------------------------ output folders

@pytest.mark.parametrize("inside", ["tei/registers/site", "theme/static/site", "sources/site"])
def test_a_corpus_site_is_never_written_into_the_editions_own_inputs(project, tmp_path, inside):
    # The edition's next build would read it: registers from tei/registers/**, assets from theme/static/**.
    corpus = make_corpus(tmp_path / "corpus", letters=1)
    (project / "sources").mkdir(exist_ok=True)
    before = tree_digest(project)
    with pytest.raises(EditionError, match="the output folder may not be an input"):
        build_corpus(corpus, project / inside, project, jobs=1, search=False)
    assert tree_digest(project) == before and not (project / inside).exists()


@pytest.mark.parametrize("name", ["site[1]", "[s]", "?", "s*"])
def test_an_output_folder_named_with_wildcards_clears_its_own_dead_builds_and_takes_no_other_folders(tmp_path,
                                                                                                       name):
    dead = dead_pid()
    own = tmp_path / f".building-{name}-{dead}-abc"
    own.mkdir()
    site.mark(own)
    # A site parked by a killed build of another folder ("s"), which only that folder's next build puts back.
    theirs = tmp_path / f".replaced-s-{dead}-xyz"
    (theirs / "site").mkdir(parents=True)
    site.mark(theirs / "site")
    (theirs / "site" / "index.html").write_text("the other folder's site")
    site.write_site({"index.html": b"new"}, tmp_path / name)
    assert (tmp_path / name / "index.html").read_bytes() == b"new"
    assert not own.exists()
    assert (theirs / "site" / "index.html").read_text() == "the other folder's site"


def test_an_output_folder_below_a_file_is_refused_before_any_work(project, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    out = tmp_path / "notes.txt" / "site"
    # A broken text: were the folder checked after loading, its error would be reported too.
    text = project / "tei" / "texts" / "serge-1930.xml"
    text.write_text(text.read_text(encoding="utf-8") + "<broken", encoding="utf-8")
    corpus = make_corpus(tmp_path / "corpus", letters=1)
    for args in (["--root", str(project), "--out", str(out)], ["--root", str(project), "export", "--out", str(out)],
                 ["build", "--corpus", str(corpus), "--no-cache", "--out", str(out)]):
        code, _, err = run(capsys, *args)
        assert code == 1 and err.count("error:") == 1, (args, err)
        assert err.startswith(f"{out}:1:1: error: ") and "is a file, not a folder" in err, err
    assert (tmp_path / "notes.txt").read_text() == "mine"


# ------------------------------------------------------------------ names from data

@pytest.mark.parametrize("value", ["\U0001D538" * 100, "\U0001D538" * 51, "ж" * 100, "中" * 90])
def test_a_name_in_letters_of_several_bytes_still_fits_a_file_name(value):
    # File systems bound a name's bytes (255), not its characters: 100 letters of four bytes are 400.
    name = safe_name(value)
    assert len(name.encode()) <= MAX_BYTES and safe_name(name) == name
    assert site_path(f"texts/{name}.html")


def test_a_text_whose_id_is_long_in_bytes_gets_a_page_and_the_corpus_builds(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", letters=2)
    set_id(corpus / "editions" / "L00001.xml", "L00001", "\U0001D538" * 80)
    build_corpus(corpus, tmp_path / "site", ROOT, jobs=1, search=False)
    pages = sorted(p.name for p in (tmp_path / "site" / "texts").iterdir())
    assert pages == sorted(["L00002.html", f"{safe_name(chr(0x1D538) * 80)}.html"])


def test_a_path_whose_part_is_longer_than_a_file_name_is_refused_before_writing():
    with pytest.raises(EditionError, match="out of the output folder"):
        site_path("texts/" + "ж" * 130 + ".html")  # 130 characters, 265 bytes


@pytest.mark.parametrize("option, value", [("--id", "lenin-1917\n"), ("--prefix", "len\n")])
def test_import_refuses_a_text_id_or_prefix_with_a_line_break_and_writes_nothing(project, tmp_path, capsys,
                                                                                  option, value):
    copy_text = tmp_path / "copy.txt"
    copy_text.write_text("A title\n\nSome words of the text.\n", encoding="utf-8")
    (project / "sources").mkdir(exist_ok=True)
    before = tree_digest(project)
    args = {"--id": "lenin-1917", "--prefix": "len", option: value}
    code, _, err = run(capsys, "--root", str(project), "import", str(copy_text), "--title", "T",
                       *(part for pair in args.items() for part in pair))
    assert code == 1 and "Traceback" not in err
    assert tree_digest(project) == before


# ------------------------------------------------------------------ serve

@pytest.fixture
def served(tmp_path):
    """`serve`'s server on a small site holding links that lead out of it (put there by someone else)."""
    from ria.commands.serve import State, make_server
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("<html><head></head><body>SECRET</body></html>")
    (outside / "secret.txt").write_text("SECRET")
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "index.html").write_text("<html><head></head><body>home</body></html>")
    (folder / "linked.html").symlink_to(outside / "secret.html")
    (folder / "linked.txt").symlink_to(outside / "secret.txt")
    (folder / "linked-folder").symlink_to(outside, target_is_directory=True)
    with running(make_server(folder, State())) as address:
        yield address


def exchange(address, request: bytes) -> bytes:
    with socket.create_connection(address, timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize("target", [b"/linked.html", b"/linked.txt", b"/linked-folder/secret.html",
                                    b"/linked-folder/secret.txt", b"/linked-folder/"])
@pytest.mark.parametrize("method", [b"GET", b"HEAD"])
def test_serve_does_not_follow_a_link_out_of_the_site(served, target, method):
    answer = exchange(served, method + b" " + target + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 404 ") and b"SECRET" not in answer


@pytest.mark.parametrize("method", [b"POST", b"PUT", b"DELETE", b"PATCH", b"OPTIONS", b"CONNECT", b"TRACE"])
def test_serve_answers_a_method_it_does_not_serve_with_405_and_the_methods_it_does(served, method):
    answer = exchange(served, method + b" /index.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc")
    head = answer.partition(b"\r\n\r\n")[0]
    assert head.startswith(b"HTTP/1.0 405 ") and b"\r\nAllow: GET, HEAD" in head
    assert exchange(served, b"GET / HTTP/1.0\r\n\r\n").startswith(b"HTTP/1.0 200 ")


@pytest.mark.parametrize("line", [b"hello world", b"GET", b"GET / HTTP/1.1 extra", b"GET / HTTPS/1.1",
                                  b"\x16\x03\x01\x00\x05 hello"])
def test_serve_answers_a_request_line_that_is_not_http_with_a_status_line_and_400(served, line):
    # Not a bare page without a status, as if it were an HTTP/0.9 answer: a client sees the 400.
    answer = exchange(served, line + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 400 ")


# ------------------------------------------------------------------ a corpus's own folder

def test_a_corpus_holding_links_in_a_loop_builds_its_other_texts_without_a_traceback(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "corpus", letters=2)
    editions = corpus / "editions"
    (editions / "loop-a.xml").symlink_to("loop-b.xml")
    (editions / "loop-b.xml").symlink_to("loop-a.xml")
    (editions / "itself.xml").symlink_to("itself.xml")
    (editions / "folder-loop").symlink_to("folder-loop", target_is_directory=True)
    code, out, err = run(capsys, "build", "--corpus", str(corpus), "--no-cache", "--out", str(tmp_path / "site"))
    assert code == 0 and "Traceback" not in err, err
    assert sorted(p.name for p in (tmp_path / "site" / "texts").iterdir()) == ["L00001.html", "L00002.html"]


# ------------------------------------------------------------------ nesting

def test_the_exports_tei_corpus_of_a_text_nested_as_deep_as_the_parser_takes_is_read_and_checked():
    # The export wraps every text in one teiCorpus: a text of MAX_DEPTH levels, which check and build
    # take, is MAX_DEPTH + 1 deep there, and its checks (lxml, Saxon's Schematron) must read it.
    from ria.publish.transform import saxon
    from ria.xmlio import MAX_DEPTH, parse_bytes, parse_generated
    inner = MAX_DEPTH - 3  # TEI > text > body > … > hi
    text = (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>' + b"<hi>" * inner + b"deep"
            + b"</hi>" * inner + b"</body></text></TEI>")
    parse_bytes(text, "text.xml")
    corpus = b'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">' + text + b"</teiCorpus>"
    assert parse_generated(corpus, "corpus.xml").getroot()[0].tag.endswith("TEI")
    assert saxon().parse_xml(xml_text=corpus.decode()) is not None
    with pytest.raises(EditionError, match="nested deeper than"):
        parse_bytes(corpus, "corpus.xml")  # a file from outside gets no such room


# ------------------------------------------------------------------ encodings

def _page_words(page: Path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")).split())


def test_a_corpus_text_in_utf_8_with_a_byte_order_mark_is_transformed_like_one_without(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", letters=2)
    letter = corpus / "editions" / "L00001.xml"
    letter.write_bytes(b"\xef\xbb\xbf" + letter.read_bytes())
    result = build_corpus(corpus, tmp_path / "site", ROOT, jobs=1, search=False)
    assert not result.problems, result.problems
    assert "Lieber Freund" in _page_words(tmp_path / "site" / "texts" / "L00001.html")


def test_a_corpus_text_in_latin_1_is_read_in_latin_1_even_where_its_bytes_would_pass_for_utf_8(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", letters=2)
    letter = corpus / "editions" / "L00001.xml"
    source = letter.read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    # "Ã¤" in ISO-8859-1 is the two bytes that are "ä" in UTF-8: the file is valid UTF-8 too.
    letter.write_bytes(source.replace("Lieber", "Lieber Ã¤").encode("iso-8859-1"))
    build_corpus(corpus, tmp_path / "site", ROOT, jobs=1, search=False)
    assert "Lieber Ã¤ Freund" in _page_words(tmp_path / "site" / "texts" / "L00001.html")


WIDE = [("UTF-8", "utf-8", b""), ("UTF-16", "utf-16-le", b"\xff\xfe"), ("UTF-16", "utf-16-be", b"\xfe\xff"),
        ("UTF-32", "utf-32-le", b"\xff\xfe\x00\x00"), ("windows-1251", "cp1251", b"")]


@pytest.mark.parametrize("declared, codec, mark", WIDE, ids=[w[1] for w in WIDE])
def test_a_corpus_text_with_a_doctype_is_read_alike_in_every_encoding(tmp_path, declared, codec, mark):
    # A DOCTYPE that declares nothing is accepted in a corpus, whatever the file's encoding.
    corpus = make_corpus(tmp_path / "corpus", letters=2)
    letter = corpus / "editions" / "L00001.xml"
    source = letter.read_text(encoding="utf-8").replace('encoding="UTF-8"', f'encoding="{declared}"')
    source = source.replace("?>", '?>\n<!DOCTYPE TEI SYSTEM "tei_all.dtd">', 1)
    letter.write_bytes(mark + source.replace("Lieber", "Lieber Друг").encode(codec))
    result = build_corpus(corpus, tmp_path / "site", ROOT, jobs=1, search=False)
    assert not [p for p in result.problems if p.severity == "error"], result.problems
    assert "Lieber Друг Freund" in _page_words(tmp_path / "site" / "texts" / "L00001.html")


@pytest.mark.parametrize("declared, codec, mark", WIDE, ids=[w[1] for w in WIDE])
def test_the_edition_refuses_a_doctype_at_its_place_in_every_encoding(declared, codec, mark):
    from ria.xmlio import parse_bytes
    source = (f'<?xml version="1.0" encoding="{declared}"?>\n<!DOCTYPE TEI SYSTEM "tei_all.dtd">\n'
              '<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    with pytest.raises(EditionError) as refused:
        parse_bytes(mark + source.encode(codec), "t.xml")
    problem = refused.value.problems[0]
    assert (problem.line, problem.col) == (2, 1) and "DOCTYPE" in problem.message


def test_an_edition_text_saved_with_a_byte_order_mark_is_checked_and_built_like_one_without(project, tmp_path,
                                                                                             capsys):
    # Windows editors save UTF-8 with a byte order mark; Saxon, handed the text, took it for content.
    text = project / "tei" / "texts" / "serge-1930.xml"
    text.write_bytes(b"\xef\xbb\xbf" + text.read_bytes())
    code, out, err = run(capsys, "--root", str(project), "check", str(text))
    assert code == 0 and "Traceback" not in err and ": error: " not in out + err, out + err
    code, _, err = run(capsys, "--root", str(project), "--no-cache", "--out", str(tmp_path / "site"))
    assert code == 0, err
    assert "Victor Serge" in (tmp_path / "site" / "texts" / "serge-1930.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ what is read

def _command(*args: str) -> subprocess.CompletedProcess:
    # In a process of its own, with a time limit: a command that blocks fails the test, not the run.
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("odd", ["a FIFO", "a link to a device"])
def test_a_fifo_or_a_device_among_the_editions_tei_files_is_an_error_naming_it_not_a_hang(project, odd):
    odd_file = project / "tei" / "texts" / "zz-odd.xml"
    if odd == "a FIFO":
        os.mkfifo(odd_file)
    else:
        odd_file.symlink_to("/dev/zero")
    result = _command("--root", str(project), "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^\S*tei/texts/zz-odd\.xml:1:1: error: cannot read file: not a regular file",
                     result.stdout + result.stderr, re.MULTILINE), result.stdout + result.stderr


def test_format_refuses_a_fifo_or_a_device_without_waiting_on_it(tmp_path):
    os.mkfifo(tmp_path / "fifo.xml")
    result = _command("format", str(tmp_path / "fifo.xml"), "/dev/zero")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("not a regular file") == 2, result.stderr


def test_format_through_a_link_formats_the_file_it_names_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.xml"
    real.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n<p>one</p>    <p>two</p></body></text></TEI>\n',
                    encoding="utf-8")
    link = tmp_path / "link.xml"
    link.symlink_to(real.name)
    before = real.read_bytes()
    result = _command("format", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_bytes() != before


# ------------------------------------------------------------------ careless commands

def test_check_of_a_file_that_is_not_one_of_the_editions_is_an_error_not_a_pass(project, tmp_path, capsys):
    stray = tmp_path / "elsewhere.xml"  # a copy of a text, outside the edition
    stray.write_bytes((project / "tei" / "texts" / "serge-1930.xml").read_bytes())
    misspelt = project / "tei" / "texts" / "sergei-1930.xml"  # no such file
    code, out, _ = run(capsys, "--root", str(project), "check", str(stray), str(misspelt),
                       str(project / "tei" / "texts" / "serge-1930.xml"))
    assert code == 1
    assert f"{stray}:1:1: error: not one of the edition's TEI files" in out
    assert f"{misspelt}:1:1: error: not one of the edition's TEI files" in out
    assert "tei/texts/serge-1930.xml:1:1: error" not in out


def test_a_register_of_many_ids_differing_only_in_case_gives_each_entry_a_page_of_its_own(tmp_path):
    import itertools

    from test_corpus import PERSONS
    corpus = make_corpus(tmp_path / "corpus", letters=1)
    # 128 ids that a case-insensitive file system takes for one name.
    ids = ["".join(letters) for letters in itertools.product(*[(c, c.upper()) for c in "abcdefg"])]
    entries = "".join(f'<person xml:id="{i}"><persName>N {i}</persName></person>' for i in ids)
    (corpus / "indices" / "listperson.xml").write_text(PERSONS.replace("</listPerson>", entries + "</listPerson>"),
                                                       encoding="utf-8")
    letter = corpus / "editions" / "L00001.xml"
    names = "".join(f'<persName ref="#{i}">N</persName> ' for i in ids)
    letter.write_text(letter.read_text(encoding="utf-8").replace("Lieber", names + "Lieber"), encoding="utf-8")
    result = build_corpus(corpus, tmp_path / "site", ROOT, jobs=1, search=False)
    assert not result.problems
    pages = [p.name for p in (tmp_path / "site" / "persons").iterdir()]
    assert len(pages) >= len(ids) and len({page.casefold() for page in pages}) == len(pages)


def test_a_file_name_holding_control_characters_stays_json_in_a_json_report(capsys):
    # U+0085 and U+202E pass json.dumps as they are; the terminal's escape of them (\x85) is not JSON.
    named = ROOT / "tei" / "texts" / "x\x85\u202ey.xml"
    code, out, err = run(capsys, "--root", str(ROOT), "check", "--format", "json", str(named))
    report = json.loads(out)
    assert [problem["path"] for problem in report["problems"]] == [str(named)]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", out)


def test_a_corpus_file_name_holding_escape_sequences_reaches_the_terminal_as_text(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "corpus", letters=1)
    (corpus / "indices" / "\x1b[2J\x1b[31mclears.xml").write_text("<root/>")  # not TEI: listed
    (corpus / "editions" / "retitles\x1b]0;pwned\x07\u202e.xml").write_text("<TEI><broken")  # reported
    code, out, err = run(capsys, "build", "--corpus", str(corpus), "--no-cache", "--out", str(tmp_path / "site"))
    assert code == 1
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", out + err)
    assert r"indices/\x1b[2J\x1b[31mclears.xml" in out
    assert r"editions/retitles\x1b]0;pwned\x07\u202e.xml:1:" in err
