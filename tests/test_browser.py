"""The site in a real browser (Debian's Chromium through Playwright), served over HTTP.

The fixtures `server`, `browser` and `page` are in conftest.py; tests skip with a
message where Chromium is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

import pytest

PAGES = ["index.html", "texts/tukhachevsky-1921.html", "texts/ziemke-2004.html", "persons.html",
         "places.html", "organisations.html", "events.html", "about.html"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_errors_or_policy_violations(page, server, path):
    response = page.goto(f"{server}/{path}")
    assert response.ok
    assert page.locator("h1").count() == 1
    assert not page.violations, page.violations


def test_diplomatic_view_shows_the_copy_texts_reading(page, server):
    page.goto(f"{server}/texts/tukhachevsky-1921.html")
    correction = page.locator("span.app", has_text="infallibility").first
    assert correction.locator(".reading").is_visible()
    assert not correction.locator(".original").is_visible()
    page.get_by_label("Diplomatic (the copy-text as transcribed)").check()
    assert correction.locator(".original").is_visible()
    assert correction.locator(".original").inner_text() == "infallibilty"
    assert not correction.locator(".reading").is_visible()
    page.reload()
    assert page.locator("#view-diplomatic").is_checked(), "the chosen view is not remembered"


def test_a_name_leads_to_its_entry_and_back_to_the_passage(page, server):
    page.goto(f"{server}/texts/tukhachevsky-1921.html")
    page.locator("a.name[data-ref='makhno']").first.click()
    page.wait_for_url("**/persons.html#makhno")
    entry = page.locator("article#makhno")
    assert entry.is_visible()
    entry.locator(".mentions a[href^='texts/tukhachevsky-1921.html']").first.click()
    page.wait_for_url("**/texts/tukhachevsky-1921.html#m*")
    anchor = page.evaluate("location.hash.slice(1)")
    assert page.locator(f"[id='{anchor}']").inner_text().startswith("Makhno")


def test_a_note_opens_and_returns(page, server):
    page.goto(f"{server}/texts/trotsky-1918.html")
    ref = page.locator("a.noteref[href='#hra-n80']")
    ref.click()
    assert page.evaluate("location.hash") == "#hra-n80"
    assert page.locator("li#hra-n80").is_visible()
    page.locator("li#hra-n80 a[role='doc-backlink']").click()
    assert page.evaluate("location.hash") == "#noteref-hra-n80"


def test_index_filter_narrows_the_entries(page, server):
    page.goto(f"{server}/persons.html")
    box = page.get_by_label("Filter entries")
    box.fill("trotskiy")
    assert page.locator("article#trotsky").is_visible()
    assert not page.locator("article#lenin").is_visible()


def test_phone_width_has_no_horizontal_scroll(browser, server, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{server}/texts/ziemke-2004.html")
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(tmp_path / "ziemke-360.png"))
    context.close()
    assert width <= 360, f"page is {width}px wide at a 360px viewport"
