"""The apparatus a reader can use (issue 21.2): each entry says where the change is, shows the
edition's reading in its context and the copy-text's, and why and by whom it was made; a
paragraph join is said in words; the same change made many times is one entry with its count
and places; the markers in the text are seen without shouting. Browser fixtures: conftest.py.
"""

from __future__ import annotations

import re

from lxml import etree

from ria.xmlio import TEI

LESSONS = "texts/trotsky-1924.html"


def tei_of(root, text_id):
    return etree.parse(str(root / "tei" / "texts" / f"{text_id}.xml"))


def test_a_reader_reads_an_entry_and_sees_where_the_change_is_and_why(page, server):
    page.goto(f"{server}/{LESSONS}")
    entry = page.locator("ol.apparatus > li", has_text="democratic-defensist")
    assert entry.count() == 1
    words = " ".join(entry.inner_text().split())
    assert words.startswith("§ 3, ¶ 13 ")
    assert "revolutionary but democratic-defensist, even though" in words  # the reading in its context
    assert "copy-text: democratic'Defensist" in words
    assert "error of the transcription, by the editors of this edition" in words
    entry.get_by_role("link", name="§ 3, ¶ 13").click()
    target = page.evaluate("location.hash.slice(1)")
    changed = page.locator(f"#text [id='{target}']")
    assert changed.inner_text().startswith("democratic-defensist")
    assert changed.evaluate("el => el.closest('[data-loc]').dataset.loc") == "§ 3, ¶ 13"


def test_the_marker_in_the_text_leads_to_its_entry_and_is_seen_quietly(page, server):
    page.goto(f"{server}/{LESSONS}")
    change = page.locator("#text span.app", has_text="democratic-defensist")
    marker = change.locator("a.app-ref")
    look = marker.evaluate("""a => { const s = getComputedStyle(a), p = getComputedStyle(a.closest('p'));
        const quiet = getComputedStyle(document.querySelector('.legend')).color;
        return [s.color, p.color, quiet, parseFloat(s.fontSize) / parseFloat(p.fontSize), s.fontWeight]; }""")
    assert look[0] not in (look[1], look[2]), "the marker has the text's colour, or the grey of the page's asides"
    assert 0.65 <= look[3] < 1 and int(look[4]) < 600, "the marker shouts (or is too small to be seen)"
    marker.click()
    entry = page.locator(f"[id='{page.evaluate('location.hash.slice(1)')}']")
    assert entry.is_visible() and "democratic'Defensist" in entry.inner_text()


def joins_in(tree):
    return [c for c in tree.iter(TEI + "choice")
            if c.find(f"{TEI}sic/{TEI}milestone[@unit='paragraph']") is not None]


def test_a_paragraph_join_is_said_in_words_once_with_how_often_and_where(page, server, root):
    joins = len(joins_in(tei_of(root, "trotsky-1924")))
    assert joins > 10
    page.goto(f"{server}/{LESSONS}")
    entry = page.locator("ol.apparatus > li", has_text="begins a new paragraph here")
    assert entry.count() == 1, "the joins are not one entry"
    assert entry.locator(".app-count").inner_text() == f"{joins} times: "
    assert "the edition joins the two parts" in entry.inner_text()
    places = entry.locator("ol.app-places a")
    assert places.count() == joins
    # Each place is named as the passage it leads to is.
    third = places.nth(2)
    label = third.inner_text()
    third.click()
    target = page.evaluate("location.hash.slice(1)")
    assert page.locator(f"#text [id='{target}']").evaluate("el => el.closest('[data-loc]').dataset.loc") == label


def test_the_same_change_made_many_times_is_one_entry(built_site, root):
    tree = tei_of(root, "trotsky-1924")
    expanded = [c for c in tree.iter(TEI + "choice") if (c.findtext(TEI + "abbr") or "") == "CW"]
    page = etree.parse(str(built_site / LESSONS), etree.HTMLParser())
    entries = page.xpath("//ol[@class='apparatus']/li")
    texts = [" ".join("".join(li.itertext()).split()) for li in entries]
    assert len(texts) == len(set(texts)), "two entries say the same"
    collected = [t for t in texts if "copy-text: CW" in t]
    assert len(collected) == 1 and collected[0].startswith(f"{len(expanded)} times: Collected Works")
    # Every change still has its own place to be sent to, listed or grouped.
    changes = page.xpath("//div[@id='text']//*[contains(concat(' ', @class, ' '), ' app ')]/@id")
    assert {f"{i}-note" for i in changes} <= set(page.xpath("//ol[@class='apparatus']//li/@id"))
    assert len(entries) < len(changes) / 3


def test_entries_say_what_the_copy_text_has_in_words_where_it_has_nothing_to_quote(built_site):
    page = etree.parse(str(built_site / LESSONS), etree.HTMLParser())
    texts = [" ".join("".join(li.itertext()).split()) for li in page.xpath("//ol[@class='apparatus']/li")]
    # A closing quotation mark the printed source lacks; a bracketed marker the edition removes.
    assert any(re.search(r"“principled” position .* copy-text: nothing · error of the printed source", t) for t in texts)
    assert any("copy-text: [^7.1] (removed by the edition)" in t for t in texts)
    assert not [t for t in texts if "] ¶ copy-text" in t or t.startswith("↑")]
