"""The print edition (issue 21.7): each text as a PDF, read back as a reader's PDF software reads it.

One short text (Tukhachevsky's), as the run's one export sets it (tests/conftest.py); pypdf opens it and reads its pages, their
words and where they stand, its links and its document information; qpdf checks its
structure. The text's page links to its PDF, and the browser's print of a text page (in
Chromium) keeps the text and its notes and leaves the site's navigation out.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pypdf
import pytest
from conftest import serving, unavailable
from lxml import etree
from lxml import html as lxml_html

from ria.export import pdf as export_pdf
from ria.model.indexer import build_index
from ria.model.project_config import edition_config
from ria.publish.harvest import last_change
from ria.publish.render import Renderer
from ria.publish.transform import Transformer, saxon

TEXT = "tukhachevsky-1921"  # the shortest text: 16 notes, 14 corrections, no printed pages
LEFT_MARGIN_PT = 34 / 25.4 * 72  # print.css: @page margin-left 34mm


@pytest.fixture(scope="module")
def index(edition):
    return build_index(edition)


@pytest.fixture(scope="module")
def info(index):
    return next(t for t in index.texts if t.id == TEXT)


@pytest.fixture(scope="module")
def printed(exported) -> bytes:
    """The text's PDF as `build.py export` sets it: the run's one export (conftest), not a second."""
    return (exported / "pdf" / f"{TEXT}.pdf").read_bytes()


@pytest.fixture(scope="module")
def reader(printed):
    return pypdf.PdfReader(io.BytesIO(printed))


@pytest.fixture(scope="module")
def parts(root, edition, index) -> dict[str, str]:
    """The text's HTML parts, made as the site's build makes them."""
    doc = next(d for d in edition.texts if d.id == TEXT)
    entry_pages = " ".join(f"{e.id}={e.page}" for e in index.entries.values())
    return Transformer(saxon(), root / "xslt" / "text.xsl").transform(doc.text, doc.rel, root="../",
                                                                      entry_pages=entry_pages)


@pytest.fixture(scope="module")
def page_html(root, index, info, parts) -> etree._Element:
    """The text's page as the site renders it: what the PDF is made from."""
    return lxml_html.document_fromstring(Renderer(root / "theme", index).text_page(info, parts))


def _words(text: str) -> str:
    return " ".join(text.split())


# What pypdf read from a page, by the page and the reading: several tests read the same pages,
# and reading one takes pypdf a tenth of a second. (The page is kept with it: it is its key.)
_read: dict[tuple[int, str], tuple[object, object]] = {}


def _read_once(page, reading: str, read):
    key = (id(page), reading)
    if key not in _read or _read[key][0] is not page:
        _read[key] = (page, read(page))
    return _read[key][1]


def _page_words(page) -> str:
    # Hyphenation breaks words at line ends: join them again before comparing.
    return _read_once(page, "words", lambda page: _words(re.sub(r"-\n", "", page.extract_text())))


def _placed_text(page) -> list[tuple[float, float, str]]:
    """Each piece of text on a page with where it starts (x, y in points from the bottom left)."""
    def placed(page) -> list[tuple[float, float, str]]:
        pieces = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                pieces.append((x, y, text.strip()))

        page.extract_text(visitor_text=visit)
        return pieces
    return list(_read_once(page, "placed", placed))


def _link_targets(page) -> list[str]:
    """The named places in the document that a page's links lead to."""
    targets = []
    for annotation in page.get("/Annots", []):
        annotation = annotation.get_object()
        if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
            targets.append(str(annotation["/Dest"]))
    return targets


def _notes(page_html) -> dict[str, tuple[str, str]]:
    """Each note with a marker in the reading text: id → (its label, the first words of its text)."""
    notes = {}
    for li in page_html.xpath("//ol[contains(@class,'notes')]/li[@id]"):
        marker = page_html.xpath(f"//div[@class='text']//a[contains(@class,'noteref')]"
                                 f"[@href='#{li.get('id')}']")
        body = li.xpath(".//span[contains(@class,'note-body')]")
        if marker and body:
            notes[li.get("id")] = (_words(marker[0].text_content()), _words(body[0].text_content())[:40])
    return notes


# ---------------------------------------------------------------- what a reader opens

def test_the_title_page_names_the_text_the_edition_the_citation_and_the_content_hash(reader, info, index,
                                                                                    root):
    first = _page_words(reader.pages[0])
    for words in (info.title, info.author, f"version {index.version}", info.sha256,
                  f"tei/texts/{TEXT}.xml", f"Rights: {info.availability}"):
        assert _words(words) in first, words
    project = edition_config(root, etree.parse(str(root / "tei" / "edition.xml")))  # the editors it names
    citation = Renderer(root / "theme", index, project=project).citation(info)
    assert _words(citation) in first
    # The title page is a page of its own: the text begins after it.
    assert "Prefatory Note" not in first


def test_every_note_is_at_the_foot_of_the_page_of_its_marker(reader, page_html):
    """A note is on its marker's page, below the text. Where that page is full, WeasyPrint may
    carry the page's last note over to fill it with text: then the note opens the next page's
    notes, and it is never further away than that."""
    notes = _notes(page_html)
    all_notes = set(notes)
    assert len(notes) >= 10
    destinations = reader.named_destinations
    page_of = {name: reader.get_destination_page_number(dest) for name, dest in destinations.items()}
    carried = []
    for number, page in enumerate(reader.pages):
        for target in _link_targets(page):
            if target not in notes:
                continue
            label, first_words = notes.pop(target)
            note_page = page_of[target]
            if note_page == number + 1:
                there = [name for name in all_notes if page_of.get(name) == note_page]
                first = max(there, key=lambda name: float(destinations[name]["/Top"]))
                assert first == target, f"note {label} is carried over but does not open the notes of its page"
                carried.append(label)
            else:
                assert note_page == number, f"note {label}: marker on p. {number + 1}, note on p. {note_page + 1}"
            note_text = _page_words(reader.pages[note_page])
            assert first_words in note_text, f"note {label} is not on page {note_page + 1}"
            # At the foot: in the lower part of the page, where the note area is.
            placed = _placed_text(reader.pages[note_page])
            first_word = re.search(r"\w+", first_words).group()
            note_y = min(y for x, y, text in placed if first_word in text)
            assert note_y < 0.5 * float(page.mediabox.height)
    assert notes == {}, f"notes whose marker is on no page: {sorted(notes)}"
    # Carrying a note over is the exception: nearly every note is where the reader meets its marker.
    assert len(carried) <= 2, f"notes carried over to the next page: {carried}"


def test_paragraph_numbers_stand_in_the_left_margin(reader, page_html):
    numbered = page_html.xpath("//div[@class='text']//p[@data-n]")
    assert numbered, "the text's paragraphs carry their numbers (p/@n)"
    # In the margin: clear of the text's left edge, not at the start of the paragraph's first line.
    in_margin = [text for page in reader.pages for x, y, text in _placed_text(page) if x < LEFT_MARGIN_PT - 5]
    for p in numbered:
        assert p.get("data-n") in in_margin, f"paragraph {p.get('id')}: number {p.get('data-n')} not in the margin"


def test_the_sources_pages_stand_in_the_margin(edition, exported):
    """Ziemke's is the text with the source's page numbers: each of them is in the margin."""
    ziemke = "ziemke-2004"
    doc = next(d for d in edition.texts if d.id == ziemke)
    pages = [pb.get("n") for pb in doc.tree.getroot().iter("{http://www.tei-c.org/ns/1.0}pb")]
    assert len(pages) > 40
    printed = pypdf.PdfReader(exported / "pdf" / f"{ziemke}.pdf")
    in_margin = [text for page in printed.pages for x, y, text in _placed_text(page) if x < LEFT_MARGIN_PT - 5]
    assert [n for n in pages if f"p. {n}" not in in_margin] == []


def test_running_heads_give_the_title_and_the_part(reader, info, page_html):
    top = float(reader.pages[0].mediabox.height) - 22 / 25.4 * 72  # print.css: @page margin-top 22mm
    sections = {_words(h.text_content().rstrip("§")) for h in page_html.xpath("//div[@class='text']//h2")}
    heads = []
    for page in reader.pages[1:]:
        above = [text for x, y, text in _placed_text(page) if y > top]
        assert _words(info.title) in above, "the title runs at the head of every page after the first"
        heads += above
    assert len(sections & set(heads)) >= 3, "the parts of the text run at the head of their pages"
    assert not [text for x, y, text in _placed_text(reader.pages[0]) if y > top], "no head on the title page"


def test_the_apparatus_comes_after_the_text_and_each_entry_names_its_page(reader, page_html):
    texts = [_page_words(page) for page in reader.pages]
    whole = " ".join(texts)
    start = whole.find("Apparatus: corrections and additions")
    assert start > 0, "the apparatus is printed"
    last_paragraph = _words(page_html.xpath("//div[@class='text']//p[@data-n]")[-1].text_content())[:30]
    assert whole.rfind(last_paragraph) < start, "the apparatus follows the text"
    apparatus = whole[start:whole.find("About this text", start)]
    entries = page_html.xpath("//ol[contains(@class,'apparatus')]//a[starts-with(@href,'#')]")
    assert entries
    assert len(re.findall(r"\bp\.\s\d+\b", apparatus)) == len(entries)


def test_every_link_leads_to_a_place_in_the_pdf_or_on_the_web(reader):
    named = set(reader.named_destinations)
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if "/Dest" in annotation:
                assert str(annotation["/Dest"]) in named
            else:
                uri = str(annotation["/A"].get("/URI", ""))
                assert uri.startswith(("http://", "https://")), f"a link to {uri!r} leads nowhere from a PDF"


def test_the_pdf_is_tagged_in_the_texts_language_for_screen_readers(reader, info):
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean, not Python's)
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en"


def test_document_information_is_the_texts_and_dated_by_its_tei(reader, info, edition):
    meta = reader.metadata
    assert meta.title == info.title
    assert meta.author == info.author
    doc = next(d for d in edition.texts if d.id == TEXT)
    changed = last_change(doc.tree).replace("-", "")
    assert changed and meta["/CreationDate"].startswith(f"D:{changed}")
    assert meta["/ModDate"] == meta["/CreationDate"]


# ---------------------------------------------------------------- the file itself

def test_the_screens_switches_are_left_out_of_the_stylesheet_for_paper():
    """Selectors that test the page's controls (:has) go; the rules they share with others stay."""
    css = ("body:has(#view-diplomatic:checked) .app .reading { display: none; }\n"
           "body.highlight-names a.name, body:has(#highlight-names:checked) a.name { border-bottom-width: 2px; }\n"
           "@media print { body:has(#x:checked) p { color: red; } .pb { color: grey; } }")
    paper = export_pdf.for_paper(css)
    assert ":has(" not in paper
    assert "display: none" not in paper
    assert re.search(r"body\.highlight-names a\.name\s*\{ border-bottom-width: 2px; \}", paper)
    assert re.search(r"@media print \{\s*\.pb \{ color: grey; \} \}", paper)


def test_the_same_edition_gives_the_same_bytes(root, edition, index, printed):
    """The text set again on its own (as `text_pdfs` is asked for one text) is the export's PDF, byte for byte."""
    made = export_pdf.text_pdfs(root, edition, index, only={TEXT}, processes=1)
    assert list(made) == [f"pdf/{TEXT}.pdf"]
    assert made[f"pdf/{TEXT}.pdf"] == printed


def test_qpdf_finds_the_structure_sound(printed, tmp_path):
    """qpdf (Debian's qpdf package, which .ci/run installs) checks the cross-reference table,
    the objects and the page tree."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        unavailable("qpdf not run: it is not installed (apt-get install qpdf)")
    path = tmp_path / f"{TEXT}.pdf"
    path.write_bytes(printed)
    checked = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No syntax or stream encoding errors found" in checked.stdout


# ---------------------------------------------------------------- where readers find it

def test_the_text_page_links_to_its_pdf_and_tells_reference_managers(root, index, info, parts):
    downloads = [f"downloads/pdf/{TEXT}.pdf", f"downloads/text/{TEXT}.reading.txt"]
    renderer = Renderer(root / "theme", index, base_url="https://example.org/ria/", downloads=downloads)
    page = lxml_html.document_fromstring(renderer.text_page(info, parts))
    link = page.xpath("//a[normalize-space()='Print edition (PDF)']")
    assert [a.get("href") for a in link] == [f"../downloads/pdf/{TEXT}.pdf"]
    assert page.xpath("//meta[@name='citation_pdf_url']/@content") == [
        f"https://example.org/ria/downloads/pdf/{TEXT}.pdf"]
    # Without a PDF in the downloads, no link to one.
    bare = Renderer(root / "theme", index, downloads=downloads[1:]).text_page(info, parts)
    assert b"Print edition (PDF)" not in bare


def test_the_browsers_print_keeps_the_notes_once_and_leaves_the_navigation_out(browser, root, index, info,
                                                                               parts, page_html, tmp_path):
    site = tmp_path / "site"
    (site / "texts").mkdir(parents=True)
    shutil.copytree(root / "theme" / "static", site / "static")
    renderer = Renderer(root / "theme", index, downloads=[f"downloads/pdf/{TEXT}.pdf"])
    with_pdf = renderer.text_page(info, parts)
    assert b"Print edition (PDF)" in with_pdf
    (site / "texts" / f"{TEXT}.html").write_bytes(with_pdf)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        with serving(site) as address:
            tab = context.new_page()
            tab.goto(f"{address}/texts/{TEXT}.html")
            tab.wait_for_load_state("load")
            printed = pypdf.PdfReader(io.BytesIO(tab.pdf(format="A4")))
    finally:
        context.close()
    words = " ".join(_page_words(page) for page in printed.pages)
    nav = _words(" ".join(page_html.xpath("//header[@class='site-header']//nav//text()")))
    assert nav and nav not in words, "the site's navigation is printed"
    for label in ("Skip to content", "Print edition (PDF)"):
        assert label not in words, f"{label!r} printed"
    notes = _notes(page_html)
    assert notes
    for label, first_words in notes.values():
        assert words.count(first_words) == 1, f"note {label} printed {words.count(first_words)} times"
    assert _words(page_html.xpath("//div[@class='text']//p[@data-n]")[-1].text_content())[:30] in words
    assert "Cite this text" in words  # the page's own citation block
