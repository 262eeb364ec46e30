"""What the build guarantees: it writes only inside its output folder, replaces only what it
wrote, reads a corpus only inside the corpus's folder, and any size of corpus is indexed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import dead_pid, unavailable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_corpus import make_corpus

from ria.commands import cli
from ria.corpus import build_corpus
from ria.problems import EditionError
from ria.publish import site
from ria.safenames import MAX_NAME, safe_name, site_path
from ria.xmlio import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
LOCATED = re.compile(r"^[^\s:][^:]*:\d+:\d+: (error|warning): ", re.MULTILINE)


def tree_digest(folder: Path, leaving_out: Path | None = None) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink() and (leaving_out is None or not p.is_relative_to(leaving_out))}


def leftovers(folder: Path) -> list[Path]:
    return list(folder.glob(".building-*")) + list(folder.glob(".replaced-*"))


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ output folders

@pytest.mark.parametrize("target", ["tei", "tei/texts", "tei/site", "schema", "sources", ".", ".."])
def test_an_input_or_the_project_is_never_an_output_folder(project, target, capsys):
    (project / "sources").mkdir(exist_ok=True)
    before = tree_digest(project)
    code, _, err = run(capsys, "--root", str(project), "--out", str(project / target))
    assert code == 1
    assert "the output folder may not" in err and "Traceback" not in err
    assert LOCATED.match(err)
    assert tree_digest(project) == before


def test_export_never_replaces_an_input(project, capsys):
    before = tree_digest(project)
    code, _, err = run(capsys, "--root", str(project), "export", "--out", str(project / "tei"))
    assert code == 1 and "the output folder may not" in err
    assert tree_digest(project) == before


def test_a_folder_of_someone_elses_files_is_refused_before_any_work(project, tmp_path, capsys):
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "thesis.docx").write_bytes(b"three years of work")
    # A broken text: were the folder checked after loading, its error would be reported too.
    text = project / "tei" / "texts" / "serge-1930.xml"
    text.write_text(text.read_text(encoding="utf-8") + "<broken", encoding="utf-8")
    corpus = make_corpus(tmp_path / "corpus")
    for args in (["--root", str(project), "--out", str(theirs)],
                 ["--root", str(project), "export", "--out", str(theirs)],
                 ["build", "--corpus", str(corpus), "--out", str(theirs)]):
        code, _, err = run(capsys, *args)
        assert code == 1, args
        assert err.count("error:") == 1 and "did not write" in err, err
        assert LOCATED.match(err)
    assert [p.name for p in theirs.iterdir()] == ["thesis.docx"]
    assert not leftovers(tmp_path)


def test_a_corpus_is_never_its_own_output_folder(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "corpus")
    before = tree_digest(tmp_path)
    for out in (corpus, corpus / "site", corpus / "editions", tmp_path):
        code, _, err = run(capsys, "build", "--corpus", str(corpus), "--out", str(out))
        assert code == 1 and "the output folder may not" in err, out
    assert tree_digest(tmp_path) == before


def test_an_empty_folder_and_a_site_the_toolchain_wrote_are_replaced(tmp_path):
    corpus = make_corpus(tmp_path / "corpus")
    out = tmp_path / "site"
    out.mkdir()
    build_corpus(corpus, out, ROOT, jobs=1, search=False)
    assert site.is_ours(out) and (out / "index.html").is_file()
    (out / "stale.html").write_bytes(b"from an earlier build")
    build_corpus(corpus, out, ROOT, jobs=1, search=False)
    assert not (out / "stale.html").exists()


def test_a_marker_that_is_a_link_does_not_make_a_folder_the_toolchains(tmp_path):
    ours = tmp_path / "ours"
    ours.mkdir()
    site.mark(ours)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine")
    (theirs / site.MARKER).symlink_to(ours / site.MARKER)
    with pytest.raises(EditionError, match="did not write"):
        site.check_output(theirs)


# ------------------------------------------------------------------ names from data

def test_a_text_id_that_climbs_out_names_a_page_inside_the_site(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", letters=2)
    letter = corpus / "editions" / "L00001.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace('xml:id="L00001"', 'xml:id="../../../escaped"'),
                      encoding="utf-8")
    out = tmp_path / "deep" / "er" / "site"
    before = tree_digest(tmp_path)
    build_corpus(corpus, out, ROOT, jobs=1, search=False)
    assert tree_digest(tmp_path, leaving_out=out) == before
    pages = sorted(p.name for p in (out / "texts").iterdir())
    assert len(pages) == 2 and f"{safe_name('../../../escaped')}.html" in pages


def test_two_texts_that_would_share_a_page_are_an_error_naming_both(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", letters=1)
    (corpus / "more").mkdir()
    letter = corpus / "editions" / "L00001.xml"
    # Same file name, ids that differ only in case: one page on Windows and macOS.
    (corpus / "more" / "L00001.xml").write_text(
        letter.read_text(encoding="utf-8").replace('xml:id="L00001"', 'xml:id="l00001"'), encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        build_corpus(corpus, tmp_path / "site", ROOT, jobs=1, search=False)
    message = str(caught.value)
    assert "editions/L00001.xml" in message and "more/L00001.xml" in message
    assert not (tmp_path / "site").exists()


def test_an_edition_text_whose_id_cannot_name_a_page_is_refused_before_anything_is_written(project, capsys):
    text = project / "tei" / "texts" / "serge-1930.xml"
    source = text.read_text(encoding="utf-8")
    text.write_text(re.sub(r'(<TEI\b[^>]*xml:id=")[^"]*"', r'\1CON"', source, count=1), encoding="utf-8")
    code, _, err = run(capsys, "--root", str(project))
    assert code == 1
    assert re.search(r"tei/texts/serge-1930\.xml:\d+:1: error: the text's xml:id 'CON' cannot name its page", err)
    assert not (project / "edition").exists() and not leftovers(project)


@given(st.text())
def test_every_name_made_from_data_is_one_plain_file_name(value):
    name = safe_name(value)
    assert name and name.isprintable() and name == name.strip()
    assert not set(name) & set('/\\:*?"<>|\0') and not name.startswith((".", "-"))
    assert len(name) <= MAX_NAME and len(name.encode()) + len(".html") <= 255
    assert name.split(".")[0].casefold() not in {"con", "prn", "aux", "nul", "com1", "lpt1"}
    assert safe_name(name) == name
    assert site_path(f"texts/{name}.html").parts == ("texts", f"{name}.html")


@given(st.text(), st.text())
def test_different_values_make_different_names(one, other):
    if one != other:
        assert safe_name(one) != safe_name(other)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
@given(st.text(alphabet=st.sampled_from("ab./\\\0:~ -_é"), max_size=12))
def test_whatever_path_a_site_is_asked_to_write_it_writes_inside_its_folder_or_not_at_all(tmp_path, rel):
    out = tmp_path / "site"
    with site.StagedSite(out) as staged:
        try:
            staged.write({rel: b"x"})
        except EditionError:
            return
        written = [p for p in staged.path.rglob("*") if p.is_file() and p.name != site.MARKER]
        assert [p.resolve() for p in written] == [(staged.path / rel).resolve()]
        assert written[0].resolve().is_relative_to(staged.path.resolve())


_XML_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
_FILE_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=8, deadline=None)
@given(ids=st.lists(st.text(_XML_CHARS, max_size=40), min_size=2, max_size=2),
       names=st.lists(st.text(_FILE_CHARS, min_size=1, max_size=60).filter(lambda n: n not in (".", "..")),
                      min_size=2, max_size=2, unique_by=str.casefold))
def test_whatever_ids_and_file_names_a_corpus_has_every_page_is_inside_the_output_folder(tmp_path_factory, ids,
                                                                                         names):
    folder = tmp_path_factory.mktemp("hostile")
    corpus = make_corpus(folder / "corpus", letters=2)
    for n, (text_id, name) in enumerate(zip(ids, names), start=1):
        letter = corpus / "editions" / f"L0000{n}.xml"
        quoted = text_id.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        (corpus / "editions" / f"{name}.xml").write_text(
            letter.read_text(encoding="utf-8").replace(f'xml:id="L0000{n}"', f'xml:id="{quoted}"'),
            encoding="utf-8")
        letter.unlink()
    out = folder / "a" / "site"
    before = tree_digest(folder)
    try:
        build_corpus(corpus, out, ROOT, jobs=1, search=False)
    except EditionError as err:  # two pages that would be one: reported, nothing written
        assert "would be the same file" in str(err)
        assert not out.exists()
    else:
        assert len(list((out / "texts").iterdir())) == 2
    assert tree_digest(folder, leaving_out=out) == before
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*")) if out.exists() else True


# ------------------------------------------------------------------ a corpus stays in its folder

@pytest.mark.parametrize("pattern", ["../outside/*.xml", "../../../../etc/*", "/etc/*.xml",
                                     "editions/../../outside/*.xml", "~/x/*.xml"])
def test_a_config_pattern_that_climbs_out_is_an_error_naming_it(tmp_path, pattern, capsys):
    corpus = make_corpus(tmp_path / "corpus")
    (tmp_path / "outside").mkdir()
    shutil.copyfile(corpus / "editions" / "L00001.xml", tmp_path / "outside" / "secret.xml")
    (corpus / "ria-corpus.json").write_text(json.dumps({"texts": ["editions/*.xml", pattern]}))
    code, out, err = run(capsys, "build", "--corpus", str(corpus), "--out", str(tmp_path / "site"))
    assert code == 1
    assert repr(pattern) in err and "outside the corpus folder" in err and "Traceback" not in err
    assert "passwd" not in out + err and "secret" not in out + err
    assert not (tmp_path / "site").exists()


def test_links_out_of_the_corpus_are_listed_and_not_read(tmp_path, capsys):
    corpus = make_corpus(tmp_path / "corpus")
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = (corpus / "editions" / "L00001.xml").read_text(encoding="utf-8").replace("L00001", "SECRET")
    (outside / "SECRET.xml").write_text(secret, encoding="utf-8")
    (corpus / "editions" / "linked.xml").symlink_to(outside / "SECRET.xml")
    (corpus / "editions" / "linked-folder").symlink_to(outside, target_is_directory=True)
    (corpus / "editions" / "inside.xml").symlink_to(corpus / "editions" / "L00002.xml")
    site_dir = tmp_path / "site"
    code, out, _ = run(capsys, "build", "--corpus", str(corpus), "--out", str(site_dir))
    assert code == 0
    assert "2 links lead out of the corpus folder and were not read" in out
    assert "editions/linked.xml" in out and "editions/linked-folder" in out
    assert not any("SECRET" in p.read_text(errors="replace") for p in site_dir.rglob("*.html"))


# ------------------------------------------------------------------ any number of pages

def test_a_search_bundle_of_any_size_is_handed_to_pagefind(tmp_path):
    from ria.publish.search import BUNDLE, Bundle, SearchIndexing, pagefind_executable
    try:
        pagefind_executable()
    except EditionError:
        unavailable("Pagefind is not installed (pip install -r requirements.txt)")
    # Together their names pass the 128 KiB a single argument of a command may have on Linux.
    pages = [f"texts/{'letter-' * 28}{n:04}.html" for n in range(700)]
    assert len(",".join(pages)) > 128 * 1024
    (tmp_path / "texts").mkdir()
    for n, page in enumerate(pages):
        (tmp_path / page).write_text(f"<html><body data-pagefind-body><p>word{n}</p></body></html>")
    SearchIndexing(tmp_path, bundles=[Bundle(BUNDLE, tuple(pages))]).finish()
    assert len(list((tmp_path / BUNDLE / "fragment").iterdir())) == 700


# ------------------------------------------------------------------ deep nesting

def _nest(path: Path, depth: int) -> None:
    source = path.read_text(encoding="utf-8")
    word = re.search(r"<p\b[^>]*>([A-Z][a-z]+)", source)
    nested = '<hi rend="italic">' * depth + word.group(1) + "</hi>" * depth
    path.write_text(source[:word.start(1)] + nested + source[word.end(1):], encoding="utf-8")


def test_nesting_the_parser_takes_is_transformed_and_checked_without_a_crash(project, capsys):
    _nest(project / "tei" / "texts" / "serge-1930.xml", 200)
    for args in (["--root", str(project), "check"], ["--root", str(project)]):
        code, out, err = run(capsys, *args)
        assert "Traceback" not in err and "SXXP0003" not in out + err, args
        problems = [line for line in (out + err).splitlines() if ": error: " in line]
        assert all(LOCATED.match(line) for line in problems), problems


def test_nesting_deeper_than_the_parser_takes_is_reported_at_its_place_by_every_command(project, capsys):
    text = project / "tei" / "texts" / "serge-1930.xml"
    _nest(text, 300)
    expected = re.compile(r"tei/texts/serge-1930\.xml:\d+:\d+: error: elements nested deeper than 256 levels")
    for args in (["--root", str(project), "check"], ["--root", str(project)],
                 ["--root", str(project), "export", "--out", str(project / "export")],
                 ["format", "--check", str(text)]):
        code, out, err = run(capsys, *args)
        assert code != 0, args
        assert "Traceback" not in err
        assert re.search(r"serge-1930\.xml:\d+:\d+: error: elements nested deeper than 256 levels", out + err), args
    assert expected


# ------------------------------------------------------------------ DOCTYPE and CDATA

def test_a_doctype_in_a_cdata_section_or_a_comment_is_text_not_a_declaration():
    tree = parse_bytes(b"<TEI><!-- <!DOCTYPE x> --><p><![CDATA[<!DOCTYPE TEI [<!ENTITY a 'b'>]>]]></p></TEI>", "x")
    assert tree.getroot().find("p").text == "<!DOCTYPE TEI [<!ENTITY a 'b'>]>"


def test_a_doctype_after_comments_in_the_prolog_is_still_refused_at_its_place():
    data = b'<?xml version="1.0"?>\n<!-- a comment -->\n  <!DOCTYPE TEI [<!ENTITY a "b">]>\n<TEI>&a;</TEI>'
    with pytest.raises(EditionError) as caught:
        parse_bytes(data, "x.xml")
    assert str(caught.value).startswith("x.xml:3:3: error: a DOCTYPE declaration is not allowed")


# ------------------------------------------------------------------ builds at the same time, and Ctrl-C

def test_a_build_removes_the_temporary_folders_of_dead_builds_only(tmp_path):
    out = tmp_path / "site"
    dead, alive = dead_pid(), os.getpid()
    for pid in (dead, alive):
        folder = tmp_path / f".building-site-{pid}-abc"
        folder.mkdir()
        site.mark(folder)
    not_ours = tmp_path / f".building-site-{dead}-xyz"
    not_ours.mkdir()
    (not_ours / "data.txt").write_text("someone's")
    site.write_site({"index.html": b"new"}, out)
    assert {p.name for p in leftovers(tmp_path)} == {f".building-site-{alive}-abc", not_ours.name}


def test_two_builds_of_one_folder_at_the_same_time_both_finish_and_leave_a_whole_site(tmp_path):
    out = tmp_path / "site"
    with site.StagedSite(out) as first:
        first.write({"index.html": b"first", "first.html": b"1"})
        with site.StagedSite(out) as second:
            second.write({"index.html": b"second"})
            first.write({"more.html": b"more"})  # its folder is still there
            first.commit()
            second.commit()
    assert {p.name for p in out.iterdir()} == {"index.html", site.MARKER}
    assert (out / "index.html").read_bytes() == b"second"
    assert not leftovers(tmp_path)


def test_a_build_killed_before_its_marker_was_whole_leaves_a_folder_the_next_build_removes(tmp_path):
    out = tmp_path / "site"
    stale = tmp_path / f".building-site-{dead_pid()}-abc"
    stale.mkdir()
    (stale / site.MARKER).write_bytes(b"Written by")  # killed while writing it
    site.write_site({"index.html": b"new"}, out)
    assert not leftovers(tmp_path)


@pytest.mark.parametrize("removed_before_the_kill", [0, 1, 2, 3])  # of its four files
def test_a_build_killed_while_removing_its_folder_leaves_one_the_next_build_knows_and_removes(
        tmp_path, monkeypatch, removed_before_the_kill):
    out = tmp_path / "site"
    site.write_site({"index.html": b"old", "texts/a.html": b"a", "texts/b.html": b"b"}, out)
    parked = tmp_path / f".replaced-site-{dead_pid()}-abc"
    parked.mkdir()
    os.rename(out, parked / "site")  # a previous site, being removed after the swap
    (out).mkdir()
    site.mark(out)
    unlink = Path.unlink
    count = []

    def killed(path, *args, **kwargs):
        if len(count) == removed_before_the_kill:
            raise SystemExit("killed")
        count.append(path)
        return unlink(path, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", killed)
    with pytest.raises(SystemExit):
        site.remove_ours(parked)
    monkeypatch.setattr(Path, "unlink", unlink)
    site.write_site({"index.html": b"new"}, out)
    assert not leftovers(tmp_path)


def test_ctrl_c_while_stale_folders_are_removed_leaves_no_temporary_folder(tmp_path, monkeypatch):
    out = tmp_path / "site"
    site.write_site({"index.html": b"old"}, out)
    stale = tmp_path / f".building-site-{dead_pid()}-abc"
    stale.mkdir()
    site.mark(stale)
    remove = shutil.rmtree
    pressed = []

    def interrupted(path, *args, **kwargs):
        if not pressed:  # Ctrl-C, once, while the stale folder is being removed
            pressed.append(path)
            os.kill(os.getpid(), signal.SIGINT)
        remove(path, *args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        site.write_site({"index.html": b"new"}, out)
    assert pressed == [stale] and not leftovers(tmp_path)
    assert (out / "index.html").read_bytes() == b"old"


def test_the_command_line_says_so_when_the_output_folder_cannot_be_replaced(tmp_path):
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "a.txt").write_text("a")
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(ROOT), "--out", str(theirs)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{theirs}:1:1: error: the output folder holds files this toolchain did not write")
