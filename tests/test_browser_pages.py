"""The chronology and map pages in a real browser: followed by mouse and keyboard, on a phone.

Uses the shared fixtures of conftest.py (`server`, `browser`, `page`).
"""

from __future__ import annotations

import pytest


def test_a_chronology_entry_leads_to_its_passage(page, server):
    page.goto(f"{server}/chronology.html")
    page.locator("nav.year-nav a[href='#y1917']").click()
    assert page.evaluate("location.hash") == "#y1917"
    entry = page.locator("li.dated[data-source='serge-1930']", has_text="the 19th of October").first
    link = entry.locator("p.source a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**/{href}")
    anchor = href.split("#")[1]
    target = page.locator(f"[id='{anchor}']")
    assert target.is_visible()
    assert "19th of October" in target.inner_text()
    assert not page.violations, page.violations


def test_the_source_filter_narrows_the_chronology(page, server):
    page.goto(f"{server}/chronology.html")
    select = page.get_by_label("Show dates from")
    assert select.is_visible(), "the filter is there, script or none (its rules are CSS)"
    select.select_option("tukhachevsky-1921")
    shown = page.locator(".timeline li.dated:visible").count()
    # The list shows events unless the kind filter says otherwise (tests/test_chronology.py).
    events = ".timeline li.dated[data-source='tukhachevsky-1921'][data-kind='event']"
    assert shown == page.locator(events).count() > 0
    assert page.locator("section.event:visible").count() < page.locator("section.event").count()
    select.select_option("")
    assert page.locator(".timeline li.dated:visible").count() > shown


def test_a_place_on_the_map_is_reached_by_keyboard_and_leads_to_its_entry(page, server):
    page.goto(f"{server}/map.html")
    place = None
    for _ in range(60):
        page.keyboard.press("Tab")
        place = page.evaluate("document.activeElement.closest('svg a.place') ? "
                              "document.activeElement.getAttribute('href') : null")
        if place:
            break
    assert place and place.startswith("places.html#"), "no place on the map takes the keyboard focus"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{place}")
    entry = page.locator(f"article[id='{place.split('#')[1]}']")
    assert entry.is_visible()
    assert not page.violations, page.violations


@pytest.mark.parametrize("path", ["chronology.html", "map.html"])
def test_no_sideways_scrolling_on_a_phone(browser, server, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    try:
        phone.goto(f"{server}/{path}")
        overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
    finally:
        context.close()
