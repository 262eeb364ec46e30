"""The home page, as a new reader meets it: what the five sources are (author, date, kind,
length, rights), why they are read together and how to read the edition, in an introduction
that lives in the corpus header (tei/edition.xml).

The browser tests use the shared fixtures of conftest.py (`server`, `browser`, `page`, `project`).
"""

from __future__ import annotations

import re

import pytest
from conftest import serving
from lxml import etree

from ria.publish.build import Project, build
from ria.publish.home import reading_words, rounded
from ria.xmlio import NS

TEXTS = ("trotsky-1918", "tukhachevsky-1921", "trotsky-1924", "serge-1930", "ziemke-2004")


def header_value(root, text_id: str, path: str) -> str:
    tree = etree.parse(str(root / "tei" / "texts" / f"{text_id}.xml"))
    return " ".join(tree.xpath(f"string({path})", namespaces=NS).split())


def facts_of(page, text_id: str) -> dict[str, str]:
    """The facts a reader sees beside a source's title, by their labels."""
    source = page.locator(f"li.source:has(a[href='texts/{text_id}.html'])")
    labels = source.locator("dl.source-facts dt").all_inner_texts()
    values = source.locator("dl.source-facts > div > dd").all_inner_texts()
    return {label.strip(): " ".join(value.split()) for label, value in zip(labels, values)}


def test_a_reader_finds_each_source_with_author_date_kind_length_and_rights(page, server, root):
    page.goto(f"{server}/index.html")
    titles = page.get_by_role("heading", level=3).all_inner_texts()
    for text_id in TEXTS:
        title = header_value(root, text_id, "//tei:titleStmt/tei:title[@type='main']")
        assert title in titles, (title, titles)
        facts = facts_of(page, text_id)
        assert facts["Author"] == header_value(root, text_id, "//tei:titleStmt/tei:author")
        assert facts["Date"] == header_value(root, text_id, "//tei:profileDesc/tei:creation/tei:date")
        assert facts["Kind"] == header_value(root, text_id, "//tei:textClass/tei:keywords[@scheme='#text-kinds']/tei:term")
        assert re.fullmatch(r"about [\d,]+ words", facts["Length"]), facts
        status = header_value(root, text_id, "//tei:availability/@status")
        assert facts["Rights"].startswith({"restricted": "restricted", "unknown": "not established",
                                           "free": "free to reuse"}[status]), facts
    # Every text is a kind of the corpus header's taxonomy, so that the kinds compare.
    kinds = {header_value(root, t, "//tei:keywords[@scheme='#text-kinds']/tei:term/@ref") for t in TEXTS}
    corpus = etree.parse(str(root / "tei" / "edition.xml"))
    assert kinds <= {f"#{c}" for c in corpus.xpath("//tei:taxonomy[@xml:id='text-kinds']/tei:category/@xml:id",
                                                     namespaces=NS)}
    # The statement of the rights opens under the status, and the title leads to the text.
    source = page.locator("li.source:has(a[href='texts/ziemke-2004.html'])")
    statement = source.locator("details p").first
    assert not statement.is_visible()
    source.locator("summary").click()
    assert "Copyright © 2004 E. Ziemke" in statement.inner_text()
    source.get_by_role("link", name=re.compile("The Red Army 1918–1941")).click()
    page.wait_for_url("**/texts/ziemke-2004.html")
    assert not page.violations, page.violations


def test_the_lengths_agree_with_what_the_editors_state_in_the_headers(page, server, root):
    # Some headers give a length in words (an extent, a description of the copy-text), counted
    # by hand or from the copy-text (Ziemke's with the running heads that the reading text
    # leaves out): the page's must agree with them.
    page.goto(f"{server}/index.html")
    stated = {}
    for text_id in TEXTS:
        described = " ".join(header_value(root, text_id, f"//tei:fileDesc/{part}")
                             for part in ("tei:extent", "tei:sourceDesc//tei:bibl[@type='witness']"))
        found = re.search(r"(\d{1,3}(?:,\d{3})+) words", described)
        if found:
            stated[text_id] = int(found.group(1).replace(",", ""))
            shown = int(re.sub(r"\D", "", facts_of(page, text_id)["Length"]))
            assert abs(shown - stated[text_id]) <= stated[text_id] * 0.03, (text_id, shown, stated[text_id])
    assert len(stated) >= 3, stated


def test_the_introduction_says_why_the_sources_are_read_together_and_how_to_read_them(page, server):
    page.goto(f"{server}/index.html")
    headings = page.get_by_role("heading").all_inner_texts()
    for heading in ("Introduction", "The five sources", "Why they are read together", "How to read the edition"):
        assert any(h.startswith(heading) for h in headings), (heading, headings)
    guide = page.locator("#edition-intro-reading").inner_text()
    for way_in in ("diplomatic view", "Notes", "Apparatus", "indices", "Chronology", "map", "Search",
                   "citation", "downloaded"):
        assert way_in in guide, way_in
    together = page.locator("#edition-intro-together").inner_text()
    assert "Julian calendar (Old Style)" in together and "Gregorian calendar (New Style)" in together
    # From the top of the page, past the list of texts, a link leads to each part.
    page.get_by_role("navigation", name="Introduction").get_by_role("link", name="How to read the edition").click()
    assert page.evaluate("location.hash") == "#edition-intro-reading"
    assert page.locator("#edition-intro-reading h3").is_visible()
    assert not page.violations, page.violations


def test_the_home_page_fits_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{server}/index.html")
    for summary in page.locator("li.source summary").all():
        summary.click()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()


def test_the_introduction_and_the_facts_come_from_the_tei(project, tmp_path, browser):
    """Edit the corpus header and a text's header in a copy of the project: the home page follows."""
    corpus = project / "tei" / "edition.xml"
    text = corpus.read_text(encoding="utf-8")
    assert text.count("<head>Why they are read together</head>") == 1
    corpus.write_text(text.replace("<head>Why they are read together</head>",
                                   "<head>Five witnesses, one year</head>"), encoding="utf-8")
    tukhachevsky = project / "tei" / "texts" / "tukhachevsky-1921.xml"
    text = tukhachevsky.read_text(encoding="utf-8")
    assert text.count('<term ref="#kind-essay">essay</term>') == 1
    tukhachevsky.write_text(text.replace('<term ref="#kind-essay">essay</term>',
                                         '<term ref="#kind-essay">lecture</term>'), encoding="utf-8")
    out = tmp_path / "site"
    build(Project.at(project, out))
    page = browser.new_page()
    with serving(out) as address:
        page.goto(f"{address}/index.html")
        headings = page.get_by_role("heading").all_inner_texts()
        assert any(h.startswith("Five witnesses, one year") for h in headings), headings
        assert not any(h.startswith("Why they are read together") for h in headings), headings
        assert facts_of(page, "tukhachevsky-1921")["Kind"] == "lecture"
        # The introduction is the home page's; the page about the edition keeps the rest of the text.
        page.goto(f"{address}/about.html")
        headings = page.get_by_role("heading").all_inner_texts()
        assert not any(h.startswith("Five witnesses") for h in headings) and "About the edition" in headings
    page.close()


def tei(body: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>{body}</body></text></TEI>'))


@pytest.mark.parametrize("body, count", [
    ("<p>Three plain words</p>", 3),
    # A correction counts once, as the reading text reads it.
    ("<p>the <choice><sic>Komilov</sic><corr>Kornilov</corr></choice> revolt</p>", 3),
    # The edition's own notes are not the text's; the source's notes are, without their numbers.
    ("<p>one two<note type='commentary'>our remark here</note></p>", 2),
    ("<p>one two<note n='12' place='foot'>a printed note</note></p>", 5),
    # Running heads and page numbers belong to the page.
    ("<p>one <pb n='5'/><fw type='header'>running head</fw><fw type='pageNum'>5</fw>two</p>", 2),
])
def test_the_length_is_the_words_of_the_reading_text(body, count):
    assert reading_words(tei(body)) == count


@pytest.mark.parametrize("count, shown", [(6_732, 6_700), (16_572, 16_600), (25_353, 25_400), (472, 470), (42, 42)])
def test_a_length_is_rounded_as_readers_give_one(count, shown):
    assert rounded(count) == shown
