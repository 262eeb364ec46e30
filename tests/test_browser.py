"""The site in a real browser (Debian's Chromium through Playwright), served over HTTP.

The fixtures `server`, `browser` and `page` are in conftest.py; tests skip with a
message where Chromium is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

import pytest

PAGES = ["index.html", "texts/tukhachevsky-1921.html", "texts/ziemke-2004.html", "persons.html",
         "places.html", "organisations.html", "events.html", "chronology.html", "map.html", "about.html"]


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
    assert page.locator(".sidenote.is-current[aria-label^='Note 80']").is_visible()
    page.goto(f"{server}/texts/trotsky-1918.html#hra-n80")
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


# ---------------------------------------------------------------- reading a text

def open_text(browser, server, text_id, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/texts/{text_id}.html")
    return context, page


@pytest.mark.parametrize("width", [1280, 360])
def test_a_note_opens_from_the_keyboard_and_escape_returns_to_its_marker(browser, server, width):
    context, page = open_text(browser, server, "trotsky-1918", width)
    marker = page.locator("a.noteref[href='#hra-n80']")
    marker.focus()
    page.keyboard.press("Enter")
    note = page.locator(".sidenote.is-current" if width >= 1100 else ".note-popover")
    assert note.is_visible()
    assert note.get_attribute("aria-label") == marker.get_attribute("aria-label")
    assert note.evaluate("el => el.contains(document.activeElement)"), "focus did not move to the note"
    assert page.locator("li#hra-n80 .note-body").inner_text()[:60] in note.inner_text()
    assert page.evaluate("location.hash") == "", "the page jumped to the list of notes"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "noteref-hra-n80"
    if width < 1100:
        assert not note.is_visible()
    context.close()


def test_on_a_wide_screen_notes_stand_beside_their_anchors(browser, server):
    context, page = open_text(browser, server, "tukhachevsky-1921", 1280)
    text_box = page.locator("#text").bounding_box()
    for marker in page.locator("#text a.noteref").all()[:6]:
        number = marker.get_attribute("aria-label")
        side = page.locator(f".sidenote[aria-label='{number}']")
        box, anchor = side.bounding_box(), marker.bounding_box()
        assert box["x"] >= text_box["x"] + text_box["width"], f"{number} is not in the margin"
        assert box["x"] + box["width"] <= 1280
        assert box["y"] >= anchor["y"] - 10, f"{number} stands above its anchor"
    context.close()


def test_on_a_wide_screen_a_screen_reader_meets_each_note_once(browser, server):
    context, page = open_text(browser, server, "trotsky-1918", 1280)
    words = " ".join(page.locator("li#hra-n80 .note-body").inner_text().split()[:6])
    assert page.locator("body").aria_snapshot().count(words) == 1  # the list's; the card is for the eye
    assert page.locator(".sidenote a[href]:not([tabindex='-1'])").count() == 0  # nor does Tab stop there
    page.locator("a.noteref[href='#hra-n80']").focus()
    page.keyboard.press("Enter")
    card = page.locator(".sidenote[aria-label^='Note 80']")
    assert words in card.aria_snapshot()  # opened from its marker, the card is read
    page.keyboard.press("Escape")
    assert card.get_attribute("aria-hidden") == "true"
    assert page.locator("body").aria_snapshot().count(words) == 1
    context.close()


def test_note_kinds_differ_in_label_and_shape_not_only_colour(page, server):
    page.goto(f"{server}/texts/trotsky-1924.html")
    editor = page.locator("a.noteref.note-source-editor").first
    commentary = page.locator("a.noteref.note-commentary").first
    assert "Editor’s note" in editor.get_attribute("aria-label")
    assert "Commentary" in commentary.get_attribute("aria-label")
    shape = "el => [getComputedStyle(el).borderTopStyle, getComputedStyle(el, '::after').content]"
    assert editor.evaluate(shape) != commentary.evaluate(shape)
    assert page.locator("li.note-source-editor .note-type").first.inner_text().lower().startswith("editor")


def test_the_notes_list_is_there_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/texts/trotsky-1918.html")
    page.locator("a.noteref[href='#hra-n80']").click()
    assert page.evaluate("location.hash") == "#hra-n80"
    assert page.locator("li#hra-n80").is_visible()
    assert page.locator(".sidenote").count() == 0
    context.close()


def test_a_name_shows_its_register_card_on_focus(page, server, edition):
    from ria.model.indexer import build_index
    makhno = build_index(edition).entries["makhno"]
    page.goto(f"{server}/texts/tukhachevsky-1921.html")
    name = page.locator("#text a.name[data-ref='makhno']").first
    name.focus()
    card = page.locator("#ria-card")
    assert card.is_visible()
    assert makhno.name in card.inner_text() and makhno.dates in card.inner_text()
    assert makhno.identification[:40] in card.inner_text()
    assert card.locator("a").get_attribute("href") == "../persons.html#makhno"
    assert name.get_attribute("aria-describedby") == "ria-card"
    page.keyboard.press("Escape")
    assert not card.is_visible()
    name.blur()
    name.hover()
    assert card.is_visible()


def test_the_highlight_switch_marks_names_by_kind_and_is_remembered(page, server):
    page.goto(f"{server}/texts/tukhachevsky-1921.html")
    switch = page.get_by_label("Highlight names")
    person = page.locator("#text a.name.persons").first
    place = page.locator("#text a.name.places").first
    switch.focus()
    page.keyboard.press("Space")
    assert "highlight-names" in page.evaluate("document.body.className")
    style = "el => getComputedStyle(el).borderBottomStyle"
    assert person.evaluate(style) != place.evaluate(style), "kinds differ by colour alone"
    page.goto(f"{server}/texts/ziemke-2004.html")
    assert page.locator("#highlight-names").is_checked()
    assert "highlight-names" in page.evaluate("document.body.className")


def test_a_date_shows_its_normalised_form_on_focus(page, server):
    page.goto(f"{server}/texts/trotsky-1924.html")
    date = page.locator("#text time.date[data-julian][tabindex='0']").first
    description = date.get_attribute("title")
    assert "(New Style)" in description and "(Old Style)" in description
    date.focus()
    card = page.locator("#ria-card")
    assert card.is_visible() and card.inner_text() == description
    assert date.evaluate("el => el.getAttribute('aria-describedby')") == "ria-card"


def test_page_numbers_stand_in_the_margin_on_wide_screens(page, server):
    page.goto(f"{server}/texts/ziemke-2004.html")
    number = page.locator("#text .pb a").nth(10)
    number.scroll_into_view_if_needed()
    assert number.bounding_box()["x"] + number.bounding_box()["width"] <= page.locator("#text").bounding_box()["x"]


def test_a_text_prints_with_its_notes_and_without_controls(page, server):
    page.goto(f"{server}/texts/trotsky-1918.html")
    page.emulate_media(media="print")
    assert page.locator(".notes-section").is_visible()
    assert page.locator("li#hra-n80").is_visible()
    for hidden in (".reading-options", ".site-header nav", ".sidenotes"):
        assert not page.locator(hidden).is_visible(), hidden
    page.emulate_media(media="screen")


@pytest.mark.parametrize("text_id", ["trotsky-1924", "serge-1930"])
def test_phone_width_text_pages_fit_with_a_note_open(browser, server, text_id):
    context, page = open_text(browser, server, text_id, 360)
    page.locator("#text a.noteref").first.click()
    page.locator("#text a.name[data-ref]").nth(3).focus()
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360


def test_page_furniture_shows_in_the_diplomatic_view_only(page, server):
    page.goto(f"{server}/texts/ziemke-2004.html")
    running_head = page.locator("#text .fw-header").first
    assert running_head.count() and not running_head.is_visible()
    assert page.locator("#text .pb").first.is_visible()  # the page number stays in the margin
    page.locator("label[for='view-diplomatic']").click()
    assert running_head.is_visible()


def test_an_old_style_date_keeps_its_quiet_mark_on_its_line_and_the_page_explains_it_once(page, server):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{server}/texts/serge-1930.html")
    assert page.locator(".os-key").count() == 1 and "Old Style" in page.locator(".os-key").inner_text()
    dates = page.locator("#text .date[data-julian]")
    assert dates.count() > 10
    for n in range(dates.count()):
        date = dates.nth(n)
        mark = date.evaluate("d => getComputedStyle(d, '::after').content")
        assert mark == '"OS"'
        # Whatever the width, the date and its mark are one line: they never wrap apart.
        if date.is_visible():
            box = date.evaluate("d => d.getClientRects().length")
            assert box == 1, date.inner_text()


def test_a_narrow_screen_sets_the_text_ragged_right(page, server):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{server}/texts/tukhachevsky-1921.html")
    assert page.locator("#text p").first.evaluate("p => getComputedStyle(p).textAlign") in ("left", "start")
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("#text p").first.evaluate("p => getComputedStyle(p).textAlign") == "justify"


def test_a_note_the_copy_text_lacks_says_so_instead_of_opening_an_empty_note(page, server):
    page.goto(f"{server}/texts/ziemke-2004.html")
    marker = page.locator("#text a.noteref.note-absent").first
    assert marker.get_attribute("aria-label").endswith("not in the copy-text")
    note = page.locator(marker.get_attribute("href"))
    assert "Not in the copy-text" in note.inner_text() and "[…]" not in note.inner_text()
    # A note the copy-text has is not marked so.
    assert page.locator("#text a.noteref:not(.note-absent)").count() > 0
