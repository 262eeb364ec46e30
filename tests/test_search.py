"""Full-text search: Pagefind's index is part of every build, and readers find words and names.

The browser tests use the shared `page`/`server` fixtures (conftest.py) and skip
where Chromium is not installed.
"""

from __future__ import annotations

import json
import re

import pytest

SEARCH_DONE = "#search-status:has-text('found'), #search-status:has-text('Nothing')"


def indexed_pages(site) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if "data-pagefind-body" in p.read_text(encoding="utf-8"))


def test_the_build_writes_a_search_index_of_the_reading_pages(built_site):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = indexed_pages(built_site)
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(pages)
    assert {f"texts/{p.stem}.html" for p in (built_site / "texts").glob("*.html")} <= set(pages)
    assert {"persons.html", "places.html", "organisations.html", "about.html"} <= set(pages)
    assert "index.html" not in pages and "search.html" not in pages


def test_search_pages_say_which_source_and_kind_they_are(built_site):
    for path in indexed_pages(built_site):
        html = (built_site / path).read_text(encoding="utf-8")
        assert re.search(r'data-pagefind-filter="kind\[content\]" content="[^"]+"', html), path
        if path.startswith("texts/"):
            assert re.search(r'data-pagefind-filter="source\[content\]" content="[^"]+"', html), path


def search(page, server, query: str, *filters: str):
    suffix = "".join(f"&{f}" for f in filters)
    page.goto(f"{server}/search.html?q={query}{suffix}")
    page.wait_for_selector(SEARCH_DONE, timeout=15000)
    return page.locator(".search-result")


def result_links(results) -> list[str]:
    return [a.get_attribute("href") for a in results.locator("a").all()]


def test_a_surname_search_lands_on_the_passage(page, server):
    results = search(page, server, "Tukhachevsky")
    assert results.count() >= 2
    first_text = results.locator("h2 a[href^='texts/']").first
    target = first_text.get_attribute("href")
    first_text.click()
    page.wait_for_url(f"**/{target}")
    assert page.locator("h1").count() == 1
    assert "tukhachevsk" in page.locator("main").inner_text().lower()
    assert not page.violations, page.violations


@pytest.mark.parametrize("spelling", ["Makhin", "Makhno"])
def test_a_misread_name_is_found_as_printed_and_as_corrected(page, server, spelling):
    # Trotsky 1918 prints "Makhno" where the man was Makhin; the edition corrects it with sic/corr.
    assert "texts/trotsky-1918.html" in result_links(search(page, server, spelling))


def test_a_misprint_and_its_correction_both_find_the_text(page, server):
    for spelling in ("infallibilty", "infallibility"):
        assert "texts/tukhachevsky-1921.html" in result_links(search(page, server, spelling)), spelling


def test_a_name_is_found_in_a_variant_spelling_and_leads_to_its_entry(page, server):
    links = result_links(search(page, server, "Trotskiy"))
    assert "persons.html#trotsky-name" in links


def test_filters_narrow_the_results_by_kind_of_page(page, server):
    everything = result_links(search(page, server, "Petrograd"))
    assert any(not link.startswith("texts/") for link in everything)
    texts_only = search(page, server, "Petrograd", "kind=Text")
    assert texts_only.count() >= 2
    assert all(link.startswith("texts/") for link in result_links(texts_only))
    assert page.locator("#search-filters input[name='kind'][value='Text']").is_checked()


def test_filters_narrow_the_results_by_source(page, server):
    results = search(page, server, "Petrograd", "source=The Lessons of October")
    assert [link for link in result_links(results) if not "#" in link] == ["texts/trotsky-1924.html"]
