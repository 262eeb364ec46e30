"""A corpus build streams: what it holds grows by a small record a text, never by a text's
tree or pages; its scratch store never reaches the site; a large corpus's search index is
cut into bundles that Pagefind indexes while the build goes on (issue #24)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from test_corpus import HEADER, LETTER, PERSONS, PLACES

from ria.corpus import build_corpus
from ria.corpus.build import STORE_NAME
from ria.publish.search_bundles import MAX_TEXT_BUNDLES, PAGE_BUNDLES, TEXT_BUNDLES, Runs

ROOT = Path(__file__).resolve().parent.parent


def letters(folder: Path, count: int) -> Path:
    """``count`` small letters, dated over several years, and their registers."""
    (folder / "editions").mkdir(parents=True)
    (folder / "indices").mkdir()
    for n in range(count):
        date = f"19{n // 300:02}-{n % 12 + 1:02}-{n % 28 + 1:02}"
        header = HEADER.format(title=f"Letter {n}", date=date)
        (folder / "editions" / f"L{n:05}.xml").write_text(
            LETTER.format(id=f"L{n:05}", header=header, date=date), encoding="utf-8")
    (folder / "indices" / "listperson.xml").write_text(PERSONS, encoding="utf-8")
    (folder / "indices" / "listplace.xml").write_text(PLACES, encoding="utf-8")
    return folder


def peak_of_build(tmp_path: Path, count: int) -> int:
    folder = letters(tmp_path / f"c{count}", count)
    tracemalloc.start()
    try:
        build_corpus(folder, tmp_path / f"site{count}", ROOT, jobs=1, search=False)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def peaks_in_a_process_of_its_own(tmp_path: Path, counts: tuple[int, ...]) -> list[int]:
    """The peaks of builds of ``counts`` letters, one after the other in a fresh process, as the
    command line runs them: a test worker's history (a Dask client's threads, the heap earlier
    tests left) moved the peaks by megabytes, in either direction, from one run to the next."""
    script = ("import json, sys; from pathlib import Path; from test_corpus_streaming import peak_of_build; "
              "print(json.dumps([peak_of_build(Path(sys.argv[1]), int(n)) for n in sys.argv[2:]]))")
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path), *map(str, counts)], cwd=ROOT / "tests",
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_a_corpus_build_holds_a_small_record_a_text_not_its_pages(tmp_path):
    # The first build pays for what is made once a process (compiled templates, stylesheets).
    _, small, large = peaks_in_a_process_of_its_own(tmp_path, (20, 100, 400))
    per_text = (large - small) / 300
    # Holding each text's page and TEI until the end, as the build did, cost about 18 kB a
    # text here; the records it keeps now, under 6 kB.
    assert per_text < 8 * 1024, f"{per_text / 1024:.1f} kB more for each text"


def test_the_builds_scratch_store_is_never_part_of_the_site(tmp_path):
    out = tmp_path / "site"
    result = build_corpus(letters(tmp_path / "c", 5), out, ROOT, jobs=1, search=False)
    assert not list(out.rglob("*.sqlite")) and STORE_NAME not in result.paths
    assert result.files == {}  # the pages went to disk as they were made
    assert sorted(result.paths) == sorted(str(p.relative_to(out)) for p in out.rglob("*")
                                          if p.is_file() and not p.name.startswith(".ria"))


def runs_of(pages: list[tuple[str, int]], limit: int) -> list[tuple[str, ...]]:
    runs, cut = Runs(TEXT_BUNDLES, limit), []
    for page, size in pages:
        cut.append(runs.add(page, size))
    return [bundle.pages for bundle in cut + [runs.close()] if bundle is not None]


def test_a_corpus_is_cut_into_runs_of_texts_bounded_in_bytes_not_in_number():
    # Pagefind holds a whole bundle: a bound on the bytes of each bounds its memory, however large the corpus.
    limit = 10_000
    for count in (100, 2_000):
        pages = [(f"texts/t{n:05}.html", 300 + (n * 37) % 500) for n in range(count)]
        runs = runs_of(pages, limit)
        size = dict(pages)
        assert [page for run in runs for page in run] == [page for page, _ in pages]  # in order, each once
        assert all(sum(size[page] for page in run) <= limit for run in runs)
        assert len(runs) >= sum(size.values()) // limit  # more texts, more runs: none grows with the corpus
    assert runs_of([("texts/huge.html", 5 * limit), ("texts/next.html", 10)], limit) == [
        ("texts/huge.html",), ("texts/next.html",)]  # a page larger than the bound is a run of its own


def test_a_page_that_grows_moves_the_cuts_near_it_only():
    # An incremental build indexes again the bundles whose pages changed: one page's growth must not
    # shift every run after it.
    pages = [(f"texts/t{n:05}.html", 1_000) for n in range(3_000)]
    before = runs_of(pages, 20_000)
    pages[100] = (pages[100][0], 7_000)
    after = runs_of(pages, 20_000)
    assert len(set(before) - set(after)) <= 5 and len(before) > 100


COUNT = MAX_TEXT_BUNDLES + 4  # more texts than bundles: they are cut into runs
RUN_BYTES = 24_000  # a bound on each bundle's pages that cuts this small corpus's several times


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    from conftest import unavailable

    from ria.publish.pipeline import search_available
    from ria.publish import search_bundles
    if not search_available():
        unavailable("Pagefind (pagefind-bin) is not installed")
    out = tmp_path_factory.mktemp("searchable") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_bundles, "RUN_BYTES", RUN_BYTES)
        result = build_corpus(letters(tmp_path_factory.mktemp("letters"), COUNT), out, ROOT, jobs=1)
    assert not result.problems
    return out


def test_a_corpus_search_page_merges_every_bundle(searchable):
    out = searchable
    search_page = (out / "search.html").read_text(encoding="utf-8")
    merged = re.search(r'data-merge-bundles="([^"]*)"', search_page).group(1).split()
    texts = [folder for folder in merged if folder.startswith(f"{TEXT_BUNDLES}/")]
    others = [folder for folder in merged if folder.startswith(f"{PAGE_BUNDLES}/")]
    text_bytes = sum(page.stat().st_size for page in (out / "texts").glob("*.html"))
    assert len(texts) >= text_bytes // RUN_BYTES and others and len(merged) == len(texts) + len(others)
    indexed = 0
    for folder in ["pagefind/"] + merged:
        entry = json.loads((out / folder / "pagefind-entry.json").read_text())
        indexed += sum(language["page_count"] for language in entry["languages"].values())
    for_search = [page for page in out.rglob("*.html") if " data-pagefind-body" in page.read_text(encoding="utf-8")]
    assert indexed == len(for_search) > COUNT  # every text's and entry's page in one bundle, once
    assert (out / "pagefind" / "pagefind.js").is_file()  # the primary bundle carries the client


def test_in_a_corpus_the_texts_come_first_among_the_results(searchable, page):
    # "Bahr" is in every letter once, and twenty times on his register entry's page.
    from conftest import serving
    with serving(searchable) as address:
        page.goto(f"{address}/search.html?q=Bahr")
        page.wait_for_selector("#search-status:has-text('found')", timeout=30000)
        results = page.locator(".search-result")
        assert results.count() > 1
        assert "search-result-text" in results.first.get_attribute("class")
        assert results.first.locator("h2 a").get_attribute("href").startswith("texts/")
        assert not page.violations, page.violations
