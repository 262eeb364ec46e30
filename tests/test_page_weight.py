"""What a reader's browser downloads for a text page besides the text itself, and whether
anything on the page moves when notes and cards open.

The weight is measured from the responses the browser actually receives: every request
the page makes (the document, style sheet, script, icon, images), fonts excepted, minus
the bytes of the text, its notes and its apparatus. Layout shift is read from the
browser's own 'layout-shift' performance entries, counting every shift, whether or not
it followed input.
"""

from __future__ import annotations

from pathlib import Path

from lxml import html

BUDGET = 150_000  # bytes of shell, styles, scripts and images per text page
TEXT_PARTS = ("//div[@id='text']", "//section[contains(@class, 'notes-section')]",
              "//section[contains(@class, 'apparatus-section')]")
TEXTS = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "tei" / "texts").glob("*.xml"))
SHIFTS = """window.__shift = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shift += e.value; })
  .observe({type: 'layout-shift', buffered: true});"""


def text_bytes(document: bytes) -> int:
    tree = html.fromstring(document)
    return sum(len(html.tostring(el, encoding="utf-8")) for xpath in TEXT_PARTS for el in tree.xpath(xpath))


def transferred(browser, url: str) -> tuple[dict[str, int], bytes]:
    """Bytes received per requested address, fonts excepted, by a browser with an empty cache;
    and the document itself."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    sizes = {r.url: len(r.body()) for r in responses
             if r.request.resource_type != "font" and r.status == 200}
    document = next(r.body() for r in responses if r.url == url)
    context.close()
    return sizes, document


def shell_weight(browser, server: str, text_id: str) -> tuple[int, dict[str, int]]:
    url = f"{server}/texts/{text_id}.html"
    sizes, document = transferred(browser, url)
    return sum(sizes.values()) - text_bytes(document), sizes


def test_a_text_page_weighs_less_than_the_budget_besides_its_text(browser, server):
    for text_id in TEXTS:
        weight, sizes = shell_weight(browser, server, text_id)
        assert weight < BUDGET, f"{text_id}: {weight} bytes besides the text: {sizes}"


def test_the_weight_counts_the_assets_the_page_loads(browser, server, built_site):
    weight, sizes = shell_weight(browser, server, "tukhachevsky-1921")
    loaded = {url.rsplit("/", 1)[-1] for url in sizes}
    assert {"edition.css", "edition.js", "tukhachevsky-1921.html"} <= loaded
    assets = sum((built_site / "static" / name).stat().st_size for name in ("edition.css", "edition.js"))
    assert weight > assets


def cumulative_shift(page) -> float:
    page.wait_for_timeout(300)
    return page.evaluate("window.__shift")


def test_notes_and_cards_open_without_moving_the_page(browser, server):
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        page.add_init_script(SHIFTS)
        page.goto(f"{server}/texts/trotsky-1918.html")
        before = cumulative_shift(page)
        marker = page.locator("#text a.noteref").nth(2)
        marker.focus()
        page.keyboard.press("Enter")
        assert page.locator(".note-popover:not([hidden]), .sidenote.is-current").count() == 1
        page.keyboard.press("Escape")
        name = page.locator("#text a.name[data-ref]").nth(5)
        name.hover()
        assert page.locator("#ria-card").is_visible()
        page.keyboard.press("Escape")
        name.focus()
        date = page.locator("#text time.date[tabindex='0']").first
        date.focus()
        assert page.locator("#ria-card").is_visible()
        shift = cumulative_shift(page)
        context.close()
        assert before < 0.01 and shift < 0.01, f"{width}px: layout shift {before} on load, {shift} after"


def test_the_shift_measure_sees_a_moving_page(page, server):
    page.add_init_script(SHIFTS)
    page.goto(f"{server}/texts/trotsky-1918.html")
    page.wait_for_timeout(200)
    page.evaluate("""() => { const p = document.createElement('p');
        p.textContent = 'pushed in'; p.className = 'pushed';
        document.querySelector('main').prepend(p); }""")
    assert cumulative_shift(page) > 0.01
