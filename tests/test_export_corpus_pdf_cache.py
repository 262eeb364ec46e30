"""`build.py export --corpus DIR --pdf` again: the PDFs an earlier export set are taken from its cache
(ria/export/pdf_cache.py) where what WeasyPrint would be given is unchanged, and set where it changed.

A corpus of two short letters is exported, and exported again; WeasyPrint's runs are counted
(the export sets the PDFs here, without a pool). The export made with the cache has the bytes of
one made without it; a cache that is corrupt or fails is ignored; a folder that may not hold a
cache is refused as the build refuses it."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import ROOT
from test_export_corpus import files_in
from test_export_corpus_pdf import tei
from test_wild_tei import tei as wild_tei

from ria.commands import cli
from ria.corpus.cache import DATABASE
from ria.export import corpus_pdf, pdf
from ria.export.corpus import export_corpus
from ria.problems import EditionError

TEXTS = {"anna": tei("An Anna", "<body><p>Die Bücher sind angekommen.</p></body>", "Franz Huber", "1902-03-03"),
         "berta": tei("An Berta", "<body><p>Der Regen hat aufgehört.</p></body>", "Franz Huber", "1902-03-05")}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "briefe"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def typeset(monkeypatch) -> list[str]:
    """The ids of the texts WeasyPrint sets, in the order it sets them."""
    runs, real = [], pdf.set_in_pages

    def counted(job, stylesheets):
        runs.append(job.text_id)
        return real(job, stylesheets)

    monkeypatch.setattr(pdf, "set_in_pages", counted)
    return runs


def export(corpus, out, cache):
    return export_corpus(corpus, out, ROOT, jobs=1, pdf=True, cache_dir=cache)


def test_a_second_export_takes_every_pdf_from_the_cache_and_writes_the_same_bytes(corpus, tmp_path, typeset):
    out, cache = tmp_path / "export", tmp_path / "export.ria-cache"
    first = export(corpus, out, cache)
    assert (first.pdfs_made, first.pdfs_reused, typeset) == (2, 0, ["anna", "berta"])
    cold = files_in(out)
    typeset.clear()
    second = export(corpus, out, cache)
    assert (second.pdfs_made, second.pdfs_reused, typeset) == (0, 2, [])
    assert files_in(out) == cold  # the PDFs and the manifest alike
    assert [rel for rel in cold if rel.startswith("pdf/")] == ["pdf/anna.pdf", "pdf/berta.pdf"]


def test_a_changed_text_has_its_pdf_set_again_and_no_other(corpus, tmp_path, typeset):
    out, cache = tmp_path / "export", tmp_path / "export.ria-cache"
    export(corpus, out, cache)
    before = files_in(out)
    (corpus / "berta.xml").write_text(TEXTS["berta"].replace("aufgehört", "nicht aufgehört"), encoding="utf-8")
    typeset.clear()
    again = export(corpus, out, cache)
    assert (again.pdfs_made, again.pdfs_reused, typeset) == (1, 1, ["berta"])
    after = files_in(out)
    assert after["pdf/anna.pdf"] == before["pdf/anna.pdf"] and after["pdf/berta.pdf"] != before["pdf/berta.pdf"]
    # What it set is what an export with no cache sets: nothing stale is served.
    export_corpus(corpus, tmp_path / "clean", ROOT, jobs=1, pdf=True)
    assert after == files_in(tmp_path / "clean")


def test_changed_stylesheets_set_every_pdf_again(corpus, tmp_path, typeset, monkeypatch):
    out, cache = tmp_path / "export", tmp_path / "export.ria-cache"
    export(corpus, out, cache)
    before = files_in(out)
    real = corpus_pdf.paper_stylesheets
    monkeypatch.setattr(corpus_pdf, "paper_stylesheets", lambda root: (*real(root), "p { color: #a00000 }"))
    typeset.clear()
    again = export(corpus, out, cache)
    assert (again.pdfs_made, again.pdfs_reused, typeset) == (2, 0, ["anna", "berta"])
    assert files_in(out)["pdf/anna.pdf"] != before["pdf/anna.pdf"]


def test_a_corrupt_cache_is_made_anew_and_a_row_under_another_key_is_not_taken(corpus, tmp_path, typeset):
    out, cache = tmp_path / "export", tmp_path / "export.ria-cache"
    export(corpus, out, cache)
    cold = files_in(out)
    # Each text's PDF filed under the other's key: neither proves to be its key's.
    with sqlite3.connect(cache / DATABASE) as db:
        (key_a, *row_a), (key_b, *row_b) = db.execute("SELECT key, checksum, payload FROM results ORDER BY key")
        db.executemany("UPDATE results SET checksum = ?, payload = ? WHERE key = ?",
                       [(*row_b, key_a), (*row_a, key_b)])
    db.close()
    typeset.clear()
    assert (export(corpus, out, cache).pdfs_made, sorted(typeset)) == (2, ["anna", "berta"])
    assert files_in(out) == cold
    (cache / DATABASE).write_bytes(b"not a database, and not ours " * 100)
    typeset.clear()
    assert export(corpus, out, cache).pdfs_made == 2 and files_in(out) == cold
    assert export(corpus, out, cache).pdfs_reused == 2  # (made anew, and used)


def test_a_cache_that_fails_is_ignored_and_the_export_says_so(corpus, tmp_path, typeset, monkeypatch):
    from ria.corpus.cache import CorpusCache

    def broken(self, key):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(CorpusCache, "get", broken)
    exported = export(corpus, tmp_path / "export", tmp_path / "export.ria-cache")
    assert (exported.pdfs_made, typeset) == (2, ["anna", "berta"]) and not exported.problems
    assert "could not be used (disk I/O error)" in exported.cache_trouble


def test_a_cache_folder_inside_the_corpus_or_the_export_is_refused(corpus, tmp_path):
    for folder in (corpus / "cache", tmp_path / "export" / "cache"):
        with pytest.raises(EditionError, match="may not be an input|may not be the site"):
            export(corpus, tmp_path / "export", folder)
        assert not folder.exists()


def test_the_command_keeps_the_cache_beside_the_export_and_reports_what_it_took(corpus, tmp_path, capsys,
                                                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    command = ["export", "--corpus", str(corpus), "--pdf"]
    assert cli.main(command) == 0
    assert f"PDFs: 2 set, 0 taken from the cache {tmp_path / 'briefe-export.ria-cache'}" in capsys.readouterr().out
    assert cli.main(command) == 0
    assert "PDFs: 0 set, 2 taken from the cache" in capsys.readouterr().out
    # (On the pool, a batch of PDFs both taken and set: each in its text's place.)
    (corpus / "berta.xml").write_text(TEXTS["berta"].replace("Regen", "Schnee"), encoding="utf-8")
    assert cli.main(command) == 0
    assert "PDFs: 1 set, 1 taken from the cache" in capsys.readouterr().out
    assert cli.main([*command, "--no-cache", "--out", "fresh"]) == 0
    assert "PDFs: 2 set\n" in capsys.readouterr().out and not (tmp_path / "fresh.ria-cache").exists()
    assert files_in(tmp_path / "briefe-export") == files_in(tmp_path / "fresh")
    # Without --pdf there is nothing to keep: no cache is opened (nor emptied).
    assert cli.main(["export", "--corpus", str(corpus), "--out", "plain"]) == 0
    assert not (tmp_path / "plain.ria-cache").exists()


def test_a_text_whose_page_shows_a_changed_register_entry_is_set_again_though_its_tei_is_unchanged(
        corpus, tmp_path, typeset):
    register = wild_tei('<body><listPerson><person xml:id="p1"><persName>Marie Weber</persName></person>'
                        '</listPerson></body>', title="Register")
    (corpus / "register.xml").write_text(register, encoding="utf-8")
    # An utterance of Marie's, its speaker named by the register (xslt/spoken.xsl).
    (corpus / "anna.xml").write_text(TEXTS["anna"].replace("<p>Die Bücher sind angekommen.</p>",
                                                           '<u who="#p1">Die Bücher sind angekommen.</u>'),
                                     encoding="utf-8")
    out, cache = tmp_path / "export", tmp_path / "export.ria-cache"
    export(corpus, out, cache)
    (corpus / "register.xml").write_text(register.replace("Marie Weber", "Marie Roth"), encoding="utf-8")
    typeset.clear()
    again = export(corpus, out, cache)
    assert (again.pdfs_made, again.pdfs_reused, typeset) == (1, 1, ["anna"])
    export_corpus(corpus, tmp_path / "clean", ROOT, jobs=1, pdf=True)
    assert files_in(out) == files_in(tmp_path / "clean")
