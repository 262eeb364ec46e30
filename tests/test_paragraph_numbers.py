"""Paragraph numbers (issue 21.1): every passage has a location a historian can cite.

The numbers are the TEI's own (p/@n within its chapter, document or section, EDITING.md
"Paragraph numbers"); ria/model/locations.py puts them into words once for every output. A reader
sees the number in the margin, cites a passage with it, and finds it in every mention list
of the indices. The browser tests use the fixtures of conftest.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter

import pytest
from lxml import etree

from ria.model.indexer import build_index
from ria.model.locations import Locator, locator
from ria.publish.build import CACHE_DIR
from ria.xmlio import TEI, XML_ID

ROOT_SCRIPT = "build.py"


def running_paragraphs(doc):
    """The paragraphs of a text's running text and of its notes (not those quoted inside another)."""
    text = doc.tree.getroot().find(TEI + "text")
    return [p for p in text.iter(TEI + "p")
            if not any(a.tag in (TEI + "quote", TEI + "item", TEI + "cell") for a in p.iterancestors())]


def by_id(doc, xml_id):
    return doc.tree.getroot().xpath("//*[@xml:id = $id]", id=xml_id)[0]


def test_every_paragraph_of_the_five_texts_has_a_number_and_a_location_of_its_own(edition):
    assert len(edition.texts) == 5
    for doc in edition.texts:
        where = locator(doc.tree)
        paragraphs = running_paragraphs(doc)
        unnumbered = [p.get(XML_ID) for p in paragraphs if not p.get("n")]
        assert not unnumbered, f"{doc.id}: paragraphs without @n: {unnumbered[:5]}"
        labels = Counter(where.of(p) for p in paragraphs)
        assert not [label for label, n in labels.items() if n > 1], f"{doc.id}: ambiguous locations"


@pytest.mark.parametrize("text_id, xml_id, location", [
    ("serge-1930", "ser-p23", "ch. 2, ¶ 14"),
    ("serge-1930", "ser-p6", "editorial introduction, ¶ 1"),
    ("trotsky-1918", "hra-p27", "doc. 5, ¶ 1"),
    ("trotsky-1924", "loo-p43", "§ 3, ¶ 5"),
    ("trotsky-1924", "loo-n1-p1", "§ 1, ¶ 1, n. 1"),
    ("trotsky-1924", "loo-p202", "afterword, ¶ 7"),
    ("tukhachevsky-1921", "tuk-p44", "¶ 41"),
    ("ziemke-2004", "zie-p39", "p. 7, ch. 1, ¶ 16"),
    ("ziemke-2004", "zie-p38", "pp. 6–7, ch. 1, ¶ 15"),
    ("ziemke-2004", "zie-p15", "p. xiv, series editor’s preface, ¶ 1"),
])
def test_a_paragraph_is_cited_by_its_unit_and_number_and_by_its_pages(edition, text_id, xml_id, location):
    doc = next(d for d in edition.texts if d.id == text_id)
    assert locator(doc.tree).of(by_id(doc, xml_id)) == location


def test_the_numbers_are_read_from_the_tei_not_counted(edition):
    """A paragraph added later (n="13a") changes no other paragraph's location."""
    doc = next(d for d in edition.texts if d.id == "serge-1930")
    tree = etree.fromstring(doc.data)
    before = {p.get(XML_ID): Locator(tree.find(TEI + "text")).of(p) for p in tree.iter(TEI + "p")}
    thirteenth = tree.xpath("//*[@xml:id = 'ser-p22']")[0]
    added = etree.Element(TEI + "p", {XML_ID: "ser-p999", "n": "13a"})
    added.text = "A paragraph found later."
    thirteenth.addnext(added)
    after = Locator(tree.find(TEI + "text"))
    assert after.of(added) == "ch. 2, ¶ 13a"
    assert {p.get(XML_ID): after.of(p) for p in tree.iter(TEI + "p") if p is not added} == before


LOCATIONS_OF_PASSAGES = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text>
  <front><titlePage xml:id="t-tp"><docTitle><titlePart>T</titlePart></docTitle></titlePage>
    <div xml:id="t-d0" type="preface"><p xml:id="t-p0" n="1">Why.</p></div></front>
  <body><div xml:id="t-d1" type="letter" n="4"><head>Letter four</head>
    <p xml:id="t-p1" n="1">One.<note xml:id="t-n1" n="7" place="foot">A footnote.</note></p>
    <div xml:id="t-d2"><head>Part</head><p xml:id="t-p2" n="2">Two <note xml:id="t-n2" place="inline">[CW]</note>.</p>
      <pb n="9"/><list><item xml:id="t-i1">an item</item></list></div>
    <closer xml:id="t-c1">Yours</closer></div></body></text></TEI>"""


@pytest.mark.parametrize("xml_id, location", [
    ("t-tp", "title page"), ("t-p0", "preface, ¶ 1"), ("t-d1", "letter 4"),
    ("t-p1", "letter 4, ¶ 1"), ("t-n1", "letter 4, ¶ 1, n. 7"), ("t-d2", "letter 4, ¶ 2"),
    ("t-n2", "letter 4, ¶ 2"), ("t-i1", "p. 9, letter 4, after ¶ 2"), ("t-c1", "p. 9, letter 4, after ¶ 2"),
])
def test_other_passages_are_placed_by_the_paragraphs_around_them(xml_id, location):
    tree = etree.fromstring(LOCATIONS_OF_PASSAGES)
    assert locator(tree).of(tree.xpath("//*[@xml:id = $id]", id=xml_id)[0]) == location


def test_every_mention_in_the_index_has_the_location_of_its_passage(edition):
    index = build_index(edition)
    mentions = index.source.all()
    assert mentions and all(m.location for m in mentions)
    docs = {doc.id: doc for doc in edition.texts}
    where = {doc.id: locator(doc.tree) for doc in edition.texts}
    for mention in mentions:
        block = by_id(docs[mention.text_id], mention.block_id)
        if block.tag == TEI + "p":
            assert mention.location == where[mention.text_id].of(block), mention


def test_a_hand_editor_is_told_of_a_paragraph_without_a_number(project, root, warm_cache):
    # The editor's working copy, checked before: only the edited text is checked again (conftest.py).
    shutil.copytree(warm_cache, project / CACHE_DIR)
    path = project / "tei" / "texts" / "serge-1930.xml"
    text = path.read_text(encoding="utf-8")
    assert text.count('<p xml:id="ser-p23" n="14">') == 1
    path.write_text(text.replace('<p xml:id="ser-p23" n="14">',
                                 '<p xml:id="ser-p999">Added.</p><p xml:id="ser-p23" n="14">'), encoding="utf-8")
    result = subprocess.run([sys.executable, str(root / ROOT_SCRIPT), "--root", str(project), "check", "--strict"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    warning = next(line for line in result.stdout.splitlines() if "no number" in line)
    assert warning.startswith("tei/texts/serge-1930.xml:") and 'n="13a"' in warning


# ---------------------------------------------------------------- in the browser

def test_a_reader_finds_paragraph_14_of_serges_chapter_and_cites_it(page, server):
    page.goto(f"{server}/texts/serge-1930.html")
    chapter = page.locator("section#ser-d3")
    numbers = chapter.locator("p[data-n]").evaluate_all(
        "ps => ps.map(p => getComputedStyle(p, '::before').content)")
    assert numbers[:3] == ['"1" / ""', '"2" / ""', '"3" / ""'], "the margin shows no numbers"
    paragraph = chapter.locator("p[data-n]").nth(13)
    assert numbers[13] == '"14" / ""'
    # The number is in the margin, left of the words, and is not copied with them.
    placed = paragraph.evaluate("""p => { p.scrollIntoView(); const r = p.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left - 15, r.top + 12);
        const range = document.createRange(); range.selectNodeContents(p);
        getSelection().removeAllRanges(); getSelection().addRange(range);
        return [hit === p, getSelection().toString()]; }""")
    assert placed[0], "the number is not in the margin beside the paragraph"
    assert placed[1].startswith("“Moscow would have wiped you out"), placed[1][:40]
    paragraph.get_by_role("link", name="Link to this paragraph, ch. 2, ¶ 14").click()
    citation = page.locator("#cite-passage .passage-citation")
    page.get_by_role("link", name="Cite ch. 2, ¶ 14").click()
    assert citation.is_visible()
    cited = citation.inner_text()
    assert cited.startswith("Victor Serge, ") and ", ch. 2, ¶ 14, in " in cited
    assert "texts/serge-1930.html#ser-p23" in cited


def test_the_number_stands_before_the_words_on_a_narrow_screen(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/texts/serge-1930.html#ser-p23")
    style = page.locator("#ser-p23").evaluate("p => [getComputedStyle(p, '::before').position, "
                                               "getComputedStyle(p, '::before').content]")
    context.close()
    assert style == ["static", '"14" / ""']


def test_a_register_entry_lists_each_mention_by_its_location(page, server, edition):
    page.goto(f"{server}/persons.html#kerensky")
    mentions = page.locator("article#kerensky .mentions li")
    assert mentions.count() > 10
    shown = mentions.locator(".passage").all_inner_texts()
    assert not [s for s in shown if any(s.startswith(p) for p in ("ser-", "loo-", "hra-", "tuk-", "zie-"))]
    serge = page.locator("article#kerensky .mentions ul").filter(
        has=page.locator("a[href^='texts/serge-1930.html']")).locator("li").first
    location = serge.locator(".passage").inner_text()
    assert location.startswith("ch. 2, ¶ ")
    serge.locator("a").first.click()
    page.wait_for_url("**/texts/serge-1930.html#m*")
    target = page.evaluate("location.hash.slice(1)")
    assert page.locator(f"[id='{target}']").evaluate("el => el.closest('[data-loc]').dataset.loc") == location
    # The passage the reader lands on offers its citation (past the card of the name under the pointer).
    page.mouse.move(0, 0)
    page.get_by_role("link", name=f"Cite {location}").focus()
    page.keyboard.press("Enter")
    assert f", {location}, in " in page.locator("#cite-passage .passage-citation").inner_text()
