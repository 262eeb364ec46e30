"""The site's scripts run without an error on any page: on every page of the built site, on a
bare page, and on pages that hold some of the elements a script works on but not all of them.

Run in Chromium through Playwright, with the `browser` of conftest.py: skipped where Chromium is
missing, except on CI (CI=true), where a missing browser fails the tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import serving

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ("edition.js", "pages.js", "search.js")


# ---------------------------------------------------------------- the pages of the built site

def test_every_page_of_the_built_site_runs_its_scripts_without_an_error(page, server, built_site):
    pages = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                   if not p.relative_to(built_site).parts[0].startswith("pagefind"))
    assert "texts/tukhachevsky-1921.html" in pages and "search.html" in pages
    for path in pages:
        if path == "search.html":  # the search runs after the page has loaded, once Pagefind has
            page.goto(f"{server}/search.html?q=army")
            page.locator("#search-status", has_text="found").wait_for()
        else:
            page.goto(f"{server}/{path}")
        use_the_page(page)
        assert not page.violations, (path, page.violations)


def use_the_page(page) -> None:
    """What a reader does that the scripts answer: point at names and dates, open notes, press keys."""
    for selector in ("a.name", "time.date", "a.noteref"):
        target = page.locator(selector).first
        if target.count() and target.is_visible():
            target.hover()
            target.focus()
            page.keyboard.press("Enter" if selector == "a.noteref" else "Tab")
            page.keyboard.press("Escape")
    page.mouse.move(5, 5)
    page.mouse.click(5, 5)
    page.wait_for_timeout(50)


# ---------------------------------------------------------------- pages that lack what a script expects

# Each page loads one script; {script} is its address. The pages hold the element a script
# starts from (a text, a filter box, a search form) without the others it works with.
SPARSE_PAGES = {
    "a bare page, the script in the head": ("edition.js", "<head><script src='{script}'></script></head><body></body>"),
    "a bare page, the script deferred": ("edition.js", "<head><script src='{script}' defer></script></head><body></body>"),
    "a bare page, the script at the end": ("edition.js", "<body><p>Nothing here.</p><script src='{script}'></script></body>"),
    "a text whose note markers lead nowhere or to something else": ("edition.js", """
        <body><main><div id="text"><p>
          <a class="noteref">1</a> <a class="noteref" href="#">2</a> <a class="noteref" href="#nowhere">3</a>
          <a class="noteref" href="#text">4</a> <a class="noteref" href="#n6">6</a> <a class="noteref" href="#n7" aria-label="Note 7">7</a>
        </p></div></main>
        <ol><li id="n6" class="note">a note without its type and body</li>
            <li id="n7" class="note"><div class="note-body">a note without its type</div></li></ol>
        <script src='{script}'></script></body>"""),
    "a text whose names have no card or a card without a name": ("edition.js", """
        <body><main><div id="text"><p>
          <a class="name" data-ref="nobody">A name without a card</a>,
          <a class="name" data-ref="nameless">a name whose card has no name</a>,
          <time class="date">a date without a title</time>.
        </p></div></main>
        <template id="name-cards"><div data-entry="nameless">no bold name here</div></template>
        <script src='{script}'></script></body>"""),
    "a text with name cards that are not a template": ("edition.js", """
        <body><main><div id="text"><p><a class="name" data-ref="x" href="#x">X</a></p></div></main>
        <div id="name-cards"><div data-entry="x"><b>X</b></div></div>
        <script src='{script}'></script></body>"""),
    "a filter box without a valid list of what it filters": ("edition.js", """
        <body><p hidden><input type="search" id="entry-filter" data-filter="[[not a selector"></p>
        <p hidden><label>Highlight <input type="checkbox" id="highlight-names"></label></p>
        <script src='{script}'></script></body>"""),
    "a bare page for the chronology's filter": ("pages.js", "<head><script src='{script}'></script></head><body></body>"),
    "a chronology filter with nothing to filter": ("pages.js", """
        <body><p hidden><select id="source-filter"><option value="">all</option><option>A</option></select></p>
        <script src='{script}'></script></body>"""),
    "a bare page for the search": ("search.js", "<head><script src='{script}'></script></head><body></body>"),
    "a search form without a place for its results": ("search.js", """
        <body><form class="search-form" action="search.html"><input type="search" id="search-query" name="q">
        <button type="submit">Search</button></form><script src='{script}'></script></body>"""),
    "a search page without a box for its filters": ("search.js", """
        <body><form class="search-form" action="search.html"><input type="search" id="search-query" name="q">
        <button type="submit">Search</button></form>
        <p id="search-status"></p><ol id="search-results"></ol><script src='{script}'></script></body>"""),
}

# A stand-in for Pagefind's API (the built site has the real one): one result, two filters.
PAGEFIND_STUB = """
export function mergeIndex() { return Promise.resolve(); }
export function filters() { return Promise.resolve({ source: { "A source": 1 }, kind: { "Text": 1 } }); }
export function search() {
  var data = { url: "/texts/a.html", meta: { title: "A text" }, excerpt: "an <mark>army</mark>",
               content: "an army", locations: [1], word_count: 2,
               filters: { kind: ["Text"] }, sub_results: [] };
  return Promise.resolve({ results: [{ data: function () { return Promise.resolve(data); } }] });
}
"""


@pytest.fixture(scope="module")
def sparse_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("sparse")
    (site / "static").mkdir()
    for script in SCRIPTS:
        shutil.copy(ROOT / "theme" / "static" / script, site / "static" / script)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind.js").write_text(PAGEFIND_STUB)
    (site / "pagefind" / "ria-search.json").write_text('{"variants": {}, "locations": {}}')  # as each bundle has
    (site / "favicon.ico").write_bytes(b"")  # no 404 for the browser's own request in the console
    for number, (script, body) in enumerate(SPARSE_PAGES.values()):
        (site / f"page-{number}.html").write_text(
            "<!DOCTYPE html><html lang='en'><meta charset='utf-8'><title>A page</title>"
            + body.replace("{script}", f"static/{script}") + "</html>")
    with serving(site) as address:
        yield address


@pytest.mark.parametrize("number", range(len(SPARSE_PAGES)), ids=list(SPARSE_PAGES))
def test_a_script_runs_without_an_error_on_a_page_lacking_what_it_expects(page, sparse_site, number):
    page.set_default_timeout(5000)
    page.goto(f"{sparse_site}/page-{number}.html")
    page.wait_for_load_state("networkidle")
    use_the_page(page)
    for marker in page.locator("a.noteref").all():
        marker.click()
        page.keyboard.press("Escape")
    for name in page.locator("a.name, time.date").all():
        name.hover()
        name.focus()
    if page.locator("#entry-filter").count():
        page.locator("#entry-filter").fill("x", force=True)
    if page.locator("#source-filter").count():
        page.locator("#source-filter").select_option("A", force=True)
    page.wait_for_timeout(100)
    assert not page.violations, page.violations


def test_a_search_page_without_a_box_for_its_filters_still_searches(page, sparse_site):
    number = list(SPARSE_PAGES).index("a search page without a box for its filters")
    page.goto(f"{sparse_site}/page-{number}.html?q=army")
    page.locator("#search-results li").first.wait_for(timeout=5000)
    assert page.locator("#search-results").inner_text().startswith("A text")
    assert not page.violations, page.violations
