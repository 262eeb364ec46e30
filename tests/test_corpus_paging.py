"""No page of a corpus's site grows with the corpus (issue #24): the home page's list of texts,
a register entry's mentions and a year of the chronology are cut into pages, each linked to
the others, and every link into them still lands where it did."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from test_corpus_streaming import letters

from ria.corpus import build_corpus, paging

ROOT = Path(__file__).resolve().parent.parent
LETTERS = 1_200  # each names Bahr once and Vienna twice: 1,200 and 2,400 mentions
# What a page but a text's may weigh: the whole list of 1,200 texts took 200 kB on one page,
# Bahr's mentions 340 kB.
PAGE_BYTES = 120_000


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("paged") / "site"
    result = build_corpus(letters(tmp_path_factory.mktemp("letters"), LETTERS), out, ROOT, jobs=1, search=False)
    assert not result.problems
    return out


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_but_a_texts_grows_with_the_corpus(site):
    heavy = {str(page.relative_to(site)): page.stat().st_size for page in html_pages(site)
             if not page.relative_to(site).parts[0] == "texts" and page.stat().st_size > PAGE_BYTES}
    assert not heavy


def _listed(page: Path) -> list[str]:
    return re.findall(r'<li><a href="texts/([^"]+)\.html"><cite>', page.read_text(encoding="utf-8"))


def test_the_home_page_lists_the_texts_in_pages_that_lead_to_one_another(site):
    home = site / "index.html"
    text = home.read_text(encoding="utf-8")
    pages = [home] + [site / f"index-{n}.html" for n in range(2, 4)]
    assert all(page.is_file() for page in pages) and not (site / "index-4.html").exists()
    listed = [text_id for page in pages for text_id in _listed(page)]
    assert len(listed) == LETTERS == len(set(listed))  # every text once
    assert len(_listed(home)) == paging.HOME_TEXTS
    # the first page offers the others by number, and the next
    assert 'href="index-2.html">2</a>' in text and 'href="index-3.html">3</a>' in text
    assert 'rel="next" href="index-2.html"' in text and 'rel="prev"' not in text
    last = pages[-1].read_text(encoding="utf-8")
    assert 'rel="prev" href="index-2.html"' in last and 'rel="next"' not in last
    assert 'href="index-3.html" aria-current="page"' in last
    # each year leads to the page its texts begin on
    years = re.findall(r'<li><a href="(index[-\d]*)\.html#year-(\d+)">\d+</a></li>', text)
    assert [year for _, year in years] == ["1900", "1901", "1902", "1903"]
    for page, year in years:
        assert f'<section id="year-{year}"' in (site / f"{page}.html").read_text(encoding="utf-8")
    assert dict((year, page) for page, year in years)["1902"] == "index-2"  # texts 601–900: page 2


def test_an_entry_with_more_mentions_than_a_page_holds_gets_several_pages(site):
    first = (site / "persons" / "p1.html").read_text(encoding="utf-8")
    # the entry's own page: what the register says of it, and its first mentions
    assert 'id="p1"' in first and "gnd" in first
    assert first.count('<mark>Bahr</mark>') == paging.ENTRY_MENTIONS
    assert f"{LETTERS} mentions in {LETTERS} texts: 1–{paging.ENTRY_MENTIONS}" in first
    count = -(-LETTERS // paging.ENTRY_MENTIONS)
    pages = [site / "persons" / "p1" / f"{n}.html" for n in range(2, count + 1)]
    assert all(page.is_file() for page in pages) and not (site / "persons" / "p1" / f"{count + 1}.html").exists()
    assert 'href="../persons/p1/2.html">2</a>' in first
    mentions = [re.findall(r'href="(?:\.\./)+texts/([^"#]+\.html#m\d+)"><?[^<]*<mark>Bahr', page.read_text(encoding="utf-8"))
                for page in [site / "persons" / "p1.html"] + pages]
    assert sum(len(m) for m in mentions) == LETTERS  # every mention once, over the pages
    later = pages[0].read_text(encoding="utf-8")
    assert 'id="p1"' not in later  # the texts' links to the entry land on its first page only
    assert 'href="../../persons/p1.html">Hermann Bahr</a>' in later  # and lead back to it


@lru_cache(maxsize=None)
def _ids(page: Path) -> frozenset[str]:
    return frozenset(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))


def test_every_link_between_the_pages_lands_on_a_page_and_its_anchor(site):
    checked = 0
    for page in html_pages(site):
        for href in re.findall(r'\shref="([^"]+)"', page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:|#|//", href):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve()
            assert target.is_file(), (str(page.relative_to(site)), href)
            if fragment and target.suffix == ".html":
                assert fragment in _ids(target), (str(page.relative_to(site)), href)
            checked += 1
    assert checked > 10 * LETTERS


def test_a_year_with_more_than_a_page_holds_is_cut_into_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(paging, "YEAR_ITEMS", 120)  # 300 letters a year here: three pages for 1900
    out = tmp_path / "site"
    build_corpus(letters(tmp_path / "letters", 310), out, ROOT, jobs=1, search=False)
    year = (out / "chronology-1900.html").read_text(encoding="utf-8")
    pages = [year] + [(out / "chronology-1900" / f"{n}.html").read_text(encoding="utf-8") for n in (2, 3)]
    assert not (out / "chronology-1900" / "4.html").exists()
    assert 'href="chronology-1900/2.html">2</a>' in year and 'href="chronology-1900/3.html">3</a>' in year
    assert 'href="../chronology-1900.html">1</a>' in pages[2] and 'href="../chronology-1901.html">1901 →' in pages[2]
    assert '<ol class="dated-texts" start="241">' in pages[2]  # numbered on from the page before
    texts = re.findall(r'<a href="(?:\.\./)?texts/([^"#]+)\.html"><cite', "".join(pages))
    assert len(texts) == len(set(texts)) == 300  # 1900's texts, each once
