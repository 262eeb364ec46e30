"""Incremental corpus builds (issue #24): after a change to one letter, a rebuild reads and
transforms that letter alone, renders the pages whose content changed with it, moves them into
the site in place and leaves every other file there, as many files whatever the corpus's size,
and gives the site a clean build of the changed corpus gives, byte for byte; a rebuild killed
while it moves its files is carried out by the next. The cache lives in a folder of its own, never in the corpus or the site."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from test_corpus import run_cli
from test_corpus_streaming import letters

from ria.corpus import build_corpus
from ria.corpus.cache import DATABASE, TAG, default_cache
from ria.corpus.incremental import STORE
from ria.problems import EditionError

ROOT = Path(__file__).resolve().parent.parent
COUNT = 20  # more texts than search bundles: the texts' bundles are runs of consecutive texts


def build(corpus: Path, out: Path, cache: Path | None, search: bool = False):
    return build_corpus(corpus, out, ROOT, jobs=1, search=search, cache_dir=cache)


def files_of(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def inodes(site: Path) -> dict[str, int]:
    return {str(path.relative_to(site)): path.stat().st_ino for path in site.rglob("*") if path.is_file()}


def assert_same_site(rebuilt: Path, clean: Path) -> None:
    ours, theirs = files_of(rebuilt), files_of(clean)
    assert sorted(ours) == sorted(theirs)
    differing = [name for name in theirs if ours[name] != theirs[name]]
    assert not differing, f"differ from a clean build: {differing[:10]}"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rebuilt_after(tmp_path: Path, change, search: bool = False):
    """Build, change the corpus, build again with the cache: (result, site, inodes before, corpus)."""
    corpus = letters(tmp_path / "corpus", COUNT)
    site, cache = tmp_path / "site", tmp_path / "site.ria-cache"
    build(corpus, site, cache, search)
    before = inodes(site)
    change(corpus)
    return build(corpus, site, cache, search), site, before, corpus


def clean_build(corpus: Path, search: bool = False) -> Path:
    clean = corpus.parent / "clean"
    build(corpus, clean, None, search)
    return clean


def test_a_rebuild_after_a_word_changed_reads_that_letter_alone_and_equals_a_clean_build(tmp_path, monkeypatch):
    from ria.publish.pipeline import search_available
    if not search_available():
        from conftest import unavailable
        unavailable("Pagefind (pagefind-bin) is not installed")
    import ria.corpus.survey as survey
    import ria.publish.search as search
    import ria.publish.workers as workers
    read, transformed, indexed = [], [], []
    real_survey, real_run, real_add = survey.survey_file, workers._run, search.SearchIndexing.add
    monkeypatch.setattr(survey, "survey_file", lambda task, schema: read.append(task.rel) or real_survey(task, schema))
    monkeypatch.setattr(workers, "_run", lambda t, job: transformed.append(job.display_path) or real_run(t, job))
    monkeypatch.setattr(search.SearchIndexing, "add",
                        lambda self, bundle: indexed.append(bundle.pages) or real_add(self, bundle))

    def change(corpus: Path) -> None:
        read.clear(), transformed.clear(), indexed.clear()
        edit(corpus / "editions" / "L00007.xml", "ich war bei", "ich bin bei")

    result, site, before, corpus = rebuilt_after(tmp_path, change, search=True)
    assert read == ["editions/L00007.xml"] and transformed == ["editions/L00007.xml"]
    # Pagefind indexes again the run of texts with the letter and the runs of the entries whose
    # pages quote the changed sentence; every other bundle is kept.
    quoting = {"persons/p1.html", "persons/p2.html", "places/w2.html"}
    assert any("texts/L00007.html" in pages for pages in indexed)
    assert all("texts/L00007.html" in pages or quoting & set(pages) for pages in indexed)
    assert not any("index.html" in pages for pages in indexed)
    assert_same_site(site, clean_build(corpus, search=True))
    after = inodes(site)
    # The letter's page is new; the pages of the other letters and their TEI are the files of
    # the site before, linked, not written again.
    assert after["texts/L00007.html"] != before["texts/L00007.html"]
    assert all(after[f"texts/L{n:05}.html"] == before[f"texts/L{n:05}.html"] for n in range(COUNT) if n != 7)
    assert all(after[f"tei/L{n:05}.xml"] == before[f"tei/L{n:05}.xml"] for n in range(COUNT) if n != 7)
    # The changed sentence names Bahr (p1) and Ischl (w2): their pages quote it and are made
    # again; Vienna (w1) is named elsewhere in the letter, and its page is kept.
    assert after["persons/p1.html"] != before["persons/p1.html"]
    assert after["places/w2.html"] != before["places/w2.html"]
    assert after["places/w1.html"] == before["places/w1.html"]
    assert result.reused["files read"] == 1 and result.reused["pages kept"] > result.reused["pages made"]


def test_a_rebuild_after_a_name_reference_changed_renders_both_entries_again(tmp_path):
    def change(corpus: Path) -> None:  # "Freund" now points to Bahr (p1), not Schnitzler (p2)
        edit(corpus / "editions" / "L00003.xml", '<rs type="person" ref="#p2">Freund', '<rs type="person" ref="#p1">Freund')

    result, site, before, corpus = rebuilt_after(tmp_path, change)
    assert_same_site(site, clean_build(corpus))
    after = inodes(site)
    assert after["persons/p1.html"] != before["persons/p1.html"]
    assert after["persons/p2.html"] != before["persons/p2.html"]
    assert after["places/w1.html"] == before["places/w1.html"]
    assert after["texts/L00004.html"] == before["texts/L00004.html"]


def test_a_page_rendered_again_for_its_neighbours_sake_is_not_transformed_again(tmp_path, monkeypatch):
    import ria.publish.workers as workers
    transformed = []
    real_run = workers._run
    monkeypatch.setattr(workers, "_run", lambda t, job: transformed.append(job.display_path) or real_run(t, job))
    corpus = letters(tmp_path / "corpus", COUNT)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(corpus, site, cache)
    edit(corpus / "editions" / "L00005.xml", "ich war bei", "ich bin bei")
    build(corpus, site, cache)  # a build that keeps every other page
    edit(corpus / "editions" / "L00005.xml", "Letter 5<", "Letter Five<")
    transformed.clear()
    build(corpus, site, cache)
    # the pages before and after it name it: they are rendered again from their stored parts
    assert transformed == ["editions/L00005.xml"]
    assert_same_site(site, clean_build(corpus))


@pytest.mark.parametrize("change", [
    pytest.param(lambda corpus: edit(corpus / "indices" / "listperson.xml", "<surname>Bahr</surname>",
                                     "<surname>Bahr-Mildenburg</surname>"), id="a register entry renamed"),
    pytest.param(lambda corpus: (corpus / "editions" / "L00011.xml").unlink(), id="a letter removed"),
    pytest.param(lambda corpus: shutil.copy(corpus / "editions" / "L00002.xml", corpus / "editions" / "L00002b.xml"),
                 id="a letter added under a clashing id"),
    pytest.param(lambda corpus: edit(corpus / "editions" / "L00012.xml", 'when="1900-01-13"', 'when="1899-01-13"'),
                 id="a letter redated"),
])
def test_any_change_to_the_corpus_rebuilds_to_the_clean_build_of_the_changed_corpus(tmp_path, change):
    _, site, _, corpus = rebuilt_after(tmp_path, change)
    assert_same_site(site, clean_build(corpus))


def test_a_page_changed_by_hand_in_the_site_is_made_again(tmp_path):
    corpus = letters(tmp_path / "corpus", 5)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(corpus, site, cache)
    clean = files_of(site)
    page = site / "texts" / "L00002.html"
    page.write_bytes(page.read_bytes().replace(b"Lieber", b"Liebe"))  # same file, written in place
    (site / "persons" / "p1.html").unlink()
    build(corpus, site, cache)
    assert files_of(site) == clean


def test_a_cache_entry_that_does_not_prove_its_key_is_made_again(tmp_path):
    corpus = letters(tmp_path / "corpus", 5)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(corpus, site, cache)
    clean = files_of(site)
    with sqlite3.connect(cache / DATABASE) as db:  # every stored result now holds another's payload
        rows = db.execute("SELECT key, payload FROM results ORDER BY key").fetchall()
        shifted = [(payload, key) for (key, _), (_, payload) in zip(rows, rows[1:] + rows[:1])]
        db.executemany("UPDATE results SET payload = ? WHERE key = ?", shifted)
        db.execute("DELETE FROM pages")  # and no page of the site is known: every one is made
    edit(corpus / "editions" / "L00001.xml", "ich war bei", "ich bin bei")
    build(corpus, site, cache)
    assert_same_site(site, clean_build(corpus))
    assert files_of(site) != clean


@pytest.mark.parametrize("database", [DATABASE, STORE])
def test_a_cache_that_cannot_be_read_is_made_anew(tmp_path, database):
    corpus = letters(tmp_path / "corpus", 3)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(corpus, site, cache)
    (cache / database).write_bytes(b"not a database" * 100)
    for extra in cache.glob(database + "-*"):
        extra.unlink()
    result = build(corpus, site, cache)
    assert result.reused["files read"] == 5  # three letters, two registers: all read again
    assert build(corpus, site, cache).reused["files read"] == 0


def test_the_cache_is_never_in_the_corpus_or_the_site_and_never_in_a_folder_of_someone_elses(tmp_path):
    corpus = letters(tmp_path / "corpus", 2)
    site = tmp_path / "site"
    for wrong in (corpus / "cache", corpus, site / "cache", site, ROOT / "xslt" / "cache"):
        with pytest.raises(EditionError, match="cache folder"):
            build(corpus, site, wrong)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine")
    with pytest.raises(EditionError, match="did not write"):
        build(corpus, site, theirs)
    assert [p.name for p in theirs.iterdir()] == ["notes.txt"]
    assert not (corpus / "cache").exists() and not site.exists()


def test_the_command_line_keeps_the_cache_beside_the_site_and_no_cache_builds_clean(tmp_path):
    corpus = letters(tmp_path / "corpus", 2)
    out = tmp_path / "my-site"
    first = run_cli("build", "--corpus", corpus, "--out", out)
    assert first.returncode == 0, first.stderr
    cache = default_cache(out)
    assert cache == tmp_path / "my-site.ria-cache"
    assert (cache / TAG).read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    assert not any(name.endswith((".sqlite", ".pickle")) for name in os.listdir(out))
    shutil.rmtree(cache)
    clean = run_cli("build", "--corpus", corpus, "--out", out, "--no-cache")
    assert clean.returncode == 0, clean.stderr
    assert not cache.exists()


# ---------------------------------------------------------------- work in proportion to the change


def one_letter_rebuild(tmp_path: Path, count: int, monkeypatch) -> Counter:
    """Build ``count`` letters, change a word of one, rebuild: what the rebuild did, counted."""
    from ria.corpus.render import CorpusRenderer
    corpus = letters(tmp_path / f"corpus-{count}", count)
    site, cache = tmp_path / f"site-{count}", tmp_path / f"site-{count}.ria-cache"
    build(corpus, site, cache)
    build(corpus, site, cache)  # a rebuild that changes nothing: the site in place is known from here on
    edit(corpus / "editions" / "L00007.xml", "ich war bei", "ich bin bei")
    done: Counter = Counter()

    def counted(name, real):
        def call(*args, **kwargs):
            done[name] += 1
            return real(*args, **kwargs)
        return call

    with monkeypatch.context() as patched:
        for name in ("link", "unlink", "rename", "replace", "rmdir"):
            patched.setattr(os, name, counted(name, getattr(os, name)))
        patched.setattr(CorpusRenderer, "text_recipe", counted("text planned", CorpusRenderer.text_recipe))
        patched.setattr(CorpusRenderer, "_page", counted("page rendered", CorpusRenderer._page))
        result = build(corpus, site, cache)
    assert_same_site(site, clean_build(corpus))
    done["files read"] = result.reused["files read"]
    return done


def test_a_one_letter_rebuild_plans_renders_and_moves_as_many_files_in_a_corpus_three_times_the_size(
        tmp_path, monkeypatch):
    small, large = one_letter_rebuild(tmp_path, COUNT, monkeypatch), one_letter_rebuild(tmp_path, 3 * COUNT, monkeypatch)
    assert small == large, f"{COUNT} letters: {dict(small)}; {3 * COUNT} letters: {dict(large)}"
    # the letter and its neighbours planned; its page and the pages of the three entries the sentence names rendered
    assert small["text planned"] <= 3 and small["page rendered"] == 4 and small["files read"] == 1, dict(small)
    assert small["link"] == 0  # no file of the site in place is linked into a new one, none removed with it


def site_state(site: Path) -> dict[str, bytes]:
    return {name: data for name, data in files_of(site).items()}


@pytest.mark.parametrize("moves", [0, 1, 2, 4], ids=lambda n: f"killed after {n} renames")
def test_a_rebuild_killed_while_it_moves_its_files_into_the_site_is_carried_out_by_the_next(
        tmp_path, monkeypatch, moves):
    from conftest import dead_pid

    from ria.publish import site as sites
    corpus = letters(tmp_path / "corpus", 6)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(corpus, site, cache)
    before = site_state(site)
    edit(corpus / "editions" / "L00002.xml", "ich war bei", "ich bin bei")
    renames = []
    real_replace = os.replace

    def killed(source, target):
        if len(renames) == moves:
            raise SystemExit("killed")  # (again when the build tries to finish it: the process is gone)
        renames.append(target)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(SystemExit):
        build(corpus, site, cache)
    monkeypatch.setattr(os, "replace", real_replace)
    staging = next(tmp_path.glob(".building-site-*"))
    if moves:
        assert site_state(site) != before  # in between: some files moved, not all
    # the process that was killed has ended
    staging.rename(staging.with_name(staging.name.replace(f"-{os.getpid()}-", f"-{dead_pid()}-")))
    sites._clean_stale(site.resolve())  # what the next build of the folder does first
    assert not list(tmp_path.glob(".building-*"))
    assert_same_site(site, clean_build(corpus))


def test_a_rebuild_killed_before_its_commit_was_decided_leaves_the_previous_site(tmp_path, monkeypatch):
    from conftest import dead_pid

    from ria.publish import site as sites
    from ria.publish import site_journal
    corpus = letters(tmp_path / "corpus", 6)
    site, cache = tmp_path / "site", tmp_path / "cache"
    build(corpus, site, cache)
    before = site_state(site)
    edit(corpus / "editions" / "L00002.xml", "ich war bei", "ich bin bei")
    monkeypatch.setattr(site_journal, "write", lambda *args: (_ for _ in ()).throw(SystemExit("killed")))
    with pytest.raises(SystemExit):
        build(corpus, site, cache)
    assert site_state(site) == before
    for staging in tmp_path.glob(".building-site-*"):
        staging.rename(staging.with_name(staging.name.replace(f"-{os.getpid()}-", f"-{dead_pid()}-")))
    sites._clean_stale(site.resolve())
    assert site_state(site) == before and not list(tmp_path.glob(".building-*"))


def test_an_update_in_place_puts_and_keeps_files_and_drops_the_rest(tmp_path):
    from ria.publish import site as sites
    out = tmp_path / "site"
    sites.write_site({"index.html": b"old", "kept.html": b"kept", "gone/a.html": b"a", "texts/b.html": b"b"}, out)
    (out / "added-by-hand.txt").write_text("x")
    kept = os.lstat(out / "kept.html")
    with sites.StagedSite(out, in_place=True) as update:
        assert update.in_place
        assert update.link_previous("kept.html", (kept.st_size, kept.st_mtime_ns, kept.st_ino))
        update.write({"index.html": b"new", "texts/b.html": b"b", "texts/c.html": b"c"})
        update.commit()
    assert site_state(out) == {"index.html": b"new", "kept.html": b"kept", "texts/b.html": b"b",
                               "texts/c.html": b"c", sites.MARKER: site_state(out)[sites.MARKER]}
    assert os.lstat(out / "kept.html").st_ino == kept.st_ino  # left where it was, not copied
    assert not (out / "gone").exists() and not list(tmp_path.glob(".building-*"))


def test_an_update_in_place_whose_site_another_build_replaced_meanwhile_leaves_that_site(tmp_path):
    from ria.publish import site as sites
    out = tmp_path / "site"
    sites.write_site({"index.html": b"1", "kept.html": b"1"}, out)
    kept = os.lstat(out / "kept.html")
    with pytest.raises(EditionError, match="another build"), sites.StagedSite(out, in_place=True) as update:
        update.link_previous("kept.html", (kept.st_size, kept.st_mtime_ns, kept.st_ino))
        update.write({"index.html": b"2"})
        sites.write_site({"index.html": b"3", "kept.html": b"3"}, out)  # another build, finished first
        update.commit()
    assert site_state(out)["kept.html"] == b"3" and site_state(out)["index.html"] == b"3"
    assert not list(tmp_path.glob(".building-*"))


def test_an_update_in_place_never_writes_through_a_link_in_the_site_to_a_folder_outside(tmp_path):
    from ria.publish import site as sites
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    sites.write_site({"index.html": b"old", "texts/a.html": b"a"}, out)
    shutil.rmtree(out / "texts")
    elsewhere.mkdir()
    (out / "texts").symlink_to(elsewhere, target_is_directory=True)  # put there by hand
    with sites.StagedSite(out, in_place=True) as update:
        update.write({"index.html": b"new", "texts/a.html": b"a2"})
        update.commit()
    assert list(elsewhere.iterdir()) == []
    assert not (out / "texts").is_symlink() and site_state(out)["texts/a.html"] == b"a2"
