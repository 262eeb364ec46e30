"""Accessibility of every kind of page, checked by axe-core in a real browser.

axe-core comes from the pinned PyPI package axe-playwright-python (its bundled
axe.min.js); the pages' Content-Security-Policy forbids inline scripts, so axe runs
in a context that bypasses the policy, for this check only. Every kind of page the
edition has is checked; one missing from the build is a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import required

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["index.html", "persons.html", "places.html", "organisations.html", "events.html",
         "about.html", "chronology.html", "map.html", "search.html", "404.html"]
TEXTS = sorted(p.name for p in (ROOT / "tei" / "texts").glob("*.xml"))
CANDIDATES = KINDS + [f"texts/{name[:-4]}.html" for name in TEXTS]


def axe_script() -> Path:
    axe = required("axe_playwright_python")
    return Path(axe.__file__).parent / "axe.min.js"


@pytest.fixture(scope="module")
def axe_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def axe_tab(axe_context):
    """One tab that goes from page to page: a new tab starts a renderer process of its own,
    which costs Chromium a third of a second each time, and each page is loaded afresh anyway."""
    tab = axe_context.new_page()
    yield tab
    tab.close()


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(axe_script()))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])}×): {v['help']} — e.g. "
                     f"{v['nodes'][0]['target']}" for v in violations)


# Every page at desktop width; at phone width (another layout, the same markup) one page of each shell.
CASES = [(path, 1280) for path in CANDIDATES] + [
    (path, 360) for path in ("index.html", "persons.html", "texts/tukhachevsky-1921.html")]


@pytest.mark.parametrize("path,width", CASES)
def test_no_serious_or_critical_axe_violations(axe_tab, server, built_site, path, width):
    assert (built_site / path).exists(), f"{path} is missing from the built site"
    axe_tab.set_viewport_size({"width": width, "height": 900})
    axe_tab.goto(f"{server}/{path}")
    grave = [v for v in run_axe(axe_tab) if v["impact"] in ("serious", "critical")]
    assert not grave, describe(grave)


def test_axe_finds_what_it_should(axe_context, server):
    """The check can fail: a link without a name and low-contrast text are reported."""
    page = axe_context.new_page()
    page.goto(f"{server}/texts/tukhachevsky-1921.html")
    page.evaluate("""() => {
        const p = document.querySelector('#text p');
        p.insertAdjacentHTML('beforeend', '<a href="#x"></a><span class="faint">faint</span>');
        p.querySelector('.faint').style.color = '#eeeeee';
    }""")
    found = {v["id"] for v in run_axe(page)}
    page.close()
    assert {"link-name", "color-contrast"} <= found


@pytest.mark.parametrize("path", ["texts/ziemke-2004.html", "texts/trotsky-1918.html", "about.html"])
def test_headings_descend_one_level_at_a_time(page, server, path):
    page.goto(f"{server}/{path}")
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert not jumps, f"heading levels skip: {jumps}"


def test_text_page_has_its_landmarks(page, server):
    page.goto(f"{server}/texts/trotsky-1924.html")
    for role in ("banner", "navigation", "main", "contentinfo"):
        assert page.get_by_role(role).count() >= 1, role
    assert page.locator("main#main").count() == 1


def test_every_control_on_a_text_page_is_reached_by_the_keyboard(page, server):
    page.goto(f"{server}/texts/tukhachevsky-1921.html")
    reached = set()
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id || document.activeElement.className"))
    assert {"view-reading", "highlight-names"} <= reached, reached
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused element shows no outline"


def test_open_notes_and_cards_pass_axe_too(axe_context, server):
    page = axe_context.new_page()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{server}/texts/trotsky-1918.html")
    page.locator("#text a.noteref").nth(2).click()
    page.locator("#text a.name[data-ref]").nth(4).focus()
    assert page.locator(".note-popover").is_visible() and page.locator("#ria-card").is_visible()
    grave = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    page.close()
    assert not grave, describe(grave)
