"""A text's page made ready for paged media: what ``export_pdf`` hands to WeasyPrint.

The PDF is the edition's own text page (the HTML the site publishes, with its own
stylesheet and ``theme/static/print.css``), rearranged here for paper, one function per
change:

* the screen's controls go (navigation, view switch, name cards, permalinks, scripts);
* a title page opens it: the text's author, title and date, the edition and its version,
  the citation, the TEI file with its full content hash, and the text's rights;
* each note whose marker is in the text moves to its marker, so that the stylesheet can
  set it at the foot of the page (``float: footnote``); notes without a marker in the
  reading text stay in the list at the end;
* headings carry their plain words for the running heads (a heading's marker and note
  would otherwise be part of it);
* links into the rest of the site, which a PDF does not carry, become plain words; links
  inside the text and to the web stay links; the apparatus and the notes left at the end
  point back by page number (the stylesheet's ``target-counter``);
* the document's metadata (title, author, dates) is the text's, never the time of the run.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import lxml.html
from lxml import etree

# The words the PDF adds to the page, in one place.
LABELS = {
    "edition_line": "{title}, version {version}",
    "tei_line": "TEI: {path}, sha256 {sha256}",
    "rights": "Rights: {status}. The evidence is given in “About this text” at the end.",
    "made_from": ("Printed from the edition's reading text: the corrections applied, the notes "
                  "at the foot of the page, the apparatus of corrections at the end. The page "
                  "numbers of the source are in the margin."),
    "corpus_made_from": ("Printed from the corpus's reading text, as its site shows it: the notes at the "
                         "foot of the page, the page numbers of the source in the margin."),
    "cite_heading": "Cite this text",
}

# What the screen has and paper does not: controls, scripts, the cards of names, the
# permalinks beside each paragraph, the notes list's legend and the page's own cite block
# (the title page cites the text instead).
SCREEN_ONLY = (".skip-link", ".site-header", ".site-footer", ".reading-options", "template",
               "script", "link", ".permalink", ".cite", ".text-header", ".notes-section > .legend")

# Classes whose content the reading text does not show: a marker inside them has no note.
HIDDEN_IN_READING = ("original", "fw", "pilcrow")

BLOCK_TAGS = {"p", "div", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td",
              "th", "section", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "address"}


@dataclass(frozen=True)
class TitlePage:
    """What the title page says of the text, taken from the index and the TEI."""

    author: str
    title: str
    date_label: str
    edition: str
    version: str
    citation: str
    tei_path: str
    sha256: str
    availability: str
    changed: str  # the latest dated change in the TEI's revisionDesc ('' if none)
    made_from: str = LABELS["made_from"]  # how the PDF was made (a corpus's: LABELS["corpus_made_from"])


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _select(root: etree._Element, selector: str) -> list[etree._Element]:
    """Elements by a simple selector: ``tag``, ``.class``, ``tag.class`` or ``parent > child``."""
    if " > " in selector:
        parent, child = selector.split(" > ", 1)
        return [el for p in _select(root, parent) for el in _select(p, child) if el.getparent() is p]
    tag, _, cls = selector.partition(".")
    found = root.iter(tag) if tag else root.iter()
    return [el for el in found if isinstance(el.tag, str) and (not cls or cls in _classes(el))]


def _drop(el: etree._Element) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    el.drop_tree()


def _unwrap(el: etree._Element) -> None:
    """Keep an element's content in place of the element."""
    el.drop_tag()


def _span(tag_class: str, text: str = "") -> etree._Element:
    el = etree.Element("span", {"class": tag_class})
    el.text = text
    return el


def drop_screen_chrome(root: etree._Element) -> None:
    for selector in SCREEN_ONLY:
        for el in _select(root, selector):
            if el.getparent() is not None:
                _drop(el)
    # Attributes that only mean something on a screen.
    for el in root.iter():
        if isinstance(el.tag, str):
            for name in ("tabindex", "data-pagefind-body", "data-pagefind-ignore"):
                el.attrib.pop(name, None)


def _as_inline_blocks(el: etree._Element) -> None:
    """A note goes inside a paragraph: its blocks become spans that the stylesheet sets as blocks."""
    for child in list(el.iter()):
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
            child.set("class", " ".join(["fn-block", f"fn-{child.tag}", child.get("class") or ""]).strip())
            child.tag = "span"


def _hidden_in_reading(el: etree._Element) -> bool:
    return any(_classes(a) & set(HIDDEN_IN_READING) for a in el.iterancestors())


def _footnote(note: etree._Element) -> etree._Element:
    """A note of the list as a footnote: its label, its kind and its words, inline."""
    footnote = _span(" ".join(["footnote"] + sorted(_classes(note) - {"note"})))
    footnote.set("id", note.get("id"))
    label = next(iter(_select(note, "a.note-backlink")), None)
    footnote.append(_span("fn-label", "".join(label.itertext()) if label is not None else ""))
    footnote[-1].tail = " "
    for child in note:
        if child is not label:
            footnote.append(copy.deepcopy(child))
    _as_inline_blocks(footnote)
    return footnote


def footnotes_at_their_markers(root: etree._Element) -> int:
    """Each note whose marker the reading text shows moves beside it; returns how many moved.

    A note on a note (this edition's on a source editor's note) has its marker in the other
    note: it follows that note, so that both are at the foot of the same page.
    """
    notes = {li.get("id"): li for li in _select(root, "li.note") if li.get("id")}
    text = next(iter(_select(root, "div.text")), None)
    moved = 0
    while text is not None:
        markers = [m for m in _select(text, "a.noteref")
                   if (m.get("href") or "").lstrip("#") in notes and not _hidden_in_reading(m)]
        if not markers:
            break
        for marker in markers:
            note = notes.pop(marker.get("href").lstrip("#"), None)
            if note is None:
                continue  # a second marker of a note already moved
            footnote = _footnote(note)
            inside = [a for a in marker.iterancestors() if "footnote" in _classes(a)]
            anchor = inside[-1] if inside else marker
            while inside and anchor.getnext() is not None and "footnote" in _classes(anchor.getnext()) \
                    and not (anchor.tail or "").strip():
                anchor = anchor.getnext()  # after the notes already placed there: in their order
            footnote.tail, anchor.tail = anchor.tail, None
            anchor.addnext(footnote)
            note.getparent().remove(note)
            moved += 1
    for ol in _select(root, "ol.notes"):
        if not len(ol):
            _drop(ol)
    for section in _select(root, "section.notes-section"):
        if not _select(section, "li.note"):
            _drop(section)
    return moved


def running_heads(root: etree._Element) -> None:
    """Each heading's own words (not its note's) for the running head of its pages."""
    for heading in root.iter("h1", "h2", "h3"):
        words = []

        def collect(el: etree._Element) -> None:
            if el.text:
                words.append(el.text)
            for child in el:
                if not (_classes(child) & {"footnote", "noteref", "app-ref", "pb", "original", "fw"}):
                    collect(child)
                if child.tail:
                    words.append(child.tail)

        collect(heading)
        heading.set("data-running-head", " ".join("".join(words).split()))


def links_for_print(root: etree._Element) -> None:
    """Links within the page and to the web stay; links to the site's other pages become words."""
    for a in list(root.iter("a")):
        href = a.get("href") or ""
        if href.startswith(("#", "http://", "https://", "mailto:")):
            a.attrib.pop("download", None)
            continue
        if "href" in a.attrib:
            del a.attrib["href"]
    # Where an apparatus entry (or a note left at the end) is in the text: on paper, its page.
    for listed in _select(root, "ol.apparatus") + _select(root, "ol.notes"):
        for a in listed.iter("a"):
            if not (a.get("href") or "").startswith("#"):
                continue
            if _words_of(a).strip("↑↩ ") == "":
                a.text = ""  # a bare arrow: the page number says it instead (the aria-label stays)
                for child in list(a):
                    a.remove(child)
                a.set("class", ((a.get("class") or "") + " page-ref-only").strip())
            else:
                a.set("class", ((a.get("class") or "") + " page-ref").strip())


def _words_of(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _line(parent: etree._Element, tag: str, css_class: str, text: str) -> etree._Element:
    el = etree.SubElement(parent, tag, {"class": css_class})
    el.text = text
    return el


def title_page(root: etree._Element, facts: TitlePage) -> None:
    """The title page goes first in the article: the text, the edition, how to cite it."""
    article = next(iter(_select(root, "article.text-page")))
    page = etree.Element("section", {"class": "pdf-title-page", "aria-label": "Title page"})
    if facts.author:
        _line(page, "p", "tp-author", facts.author)
    heading = _line(page, "h1", "tp-title", facts.title)
    heading.set("id", "text-title")
    if facts.date_label:
        _line(page, "p", "tp-date", facts.date_label)
    # (a corpus has no version of its own: its title alone)
    _line(page, "p", "tp-edition", LABELS["edition_line"].format(title=facts.edition, version=facts.version)
          if facts.version else facts.edition)
    _line(page, "p", "tp-made-from", facts.made_from)
    cite = etree.SubElement(page, "div", {"class": "tp-cite"})
    _line(cite, "h2", "tp-cite-heading", LABELS["cite_heading"])
    _line(cite, "p", "citation", facts.citation)
    _line(cite, "p", "tp-hash", LABELS["tei_line"].format(path=facts.tei_path, sha256=facts.sha256))
    # The rights in full would not fit the page: their statement is in "About this text".
    rights = _line(page, "p", "tp-rights", "")
    link = etree.SubElement(rights, "a", href="#about-text")
    link.text = LABELS["rights"].format(status=facts.availability)
    article.insert(0, page)


def metadata(root: etree._Element, facts: TitlePage) -> None:
    """The PDF's document information: WeasyPrint reads it from these elements."""
    head = root.find("head")
    for meta in list(head):
        if meta.tag == "meta" and (meta.get("name") or "").lower() in ("author", "dcterms.created",
                                                                          "dcterms.modified", "keywords"):
            head.remove(meta)
    head.find("title").text = facts.title
    if facts.author:
        etree.SubElement(head, "meta", name="author", content=facts.author)
    if facts.changed:
        # The text's own date of last change: the same PDF whenever and wherever it is made.
        etree.SubElement(head, "meta", name="dcterms.created", content=facts.changed)
        etree.SubElement(head, "meta", name="dcterms.modified", content=facts.changed)


def paged_html(page: bytes, facts: TitlePage) -> str:
    """The text page, rearranged for paper (see the module's docstring)."""
    root = lxml.html.document_fromstring(page.decode("utf-8"))
    drop_screen_chrome(root)
    footnotes_at_their_markers(root)
    title_page(root, facts)
    running_heads(root)
    links_for_print(root)
    metadata(root, facts)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
