"""An EPUB 3 of the whole edition: the reading text of every text, its notes as linked footnotes.

The package is written here with lxml and zipfile rather than an e-book library so
that its bytes are reproducible: ``mimetype`` first and stored, the other entries in
a fixed order with a fixed date, and ``dcterms:modified`` and the identifier derived
from the edition (its version and latest change), never from the time of the run.
Each note reference (``epub:type="noteref"``) links to its footnote
(``epub:type="footnote"``), and each footnote links back to where it is referred to.
"""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass

from lxml import etree

from .text import Block, NoteRef, PageMark, TextModel

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
H = f"{{{XHTML_NS}}}"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
CSS = b"""body { font-family: serif; line-height: 1.4; }
h1, h2, h3, h4 { font-family: sans-serif; }
.page { color: #666; font-size: 0.8em; }
.rights { font-size: 0.9em; border-top: 1px solid #999; border-bottom: 1px solid #999; }
a.noteref { vertical-align: super; font-size: 0.75em; text-decoration: none; }
aside.footnote { font-size: 0.9em; margin: 0.5em 0; }
"""


@dataclass
class Chapter:
    """One text of the edition as the EPUB shows it."""

    id: str
    title: str
    author: str
    date_label: str
    rights: str
    model: TextModel


def _page(title: str, lang: str = "en") -> tuple[etree._Element, etree._Element]:
    html = etree.Element(H + "html", nsmap={None: XHTML_NS, "epub": EPUB_NS})
    html.set("lang", lang)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    head = etree.SubElement(html, H + "head")
    etree.SubElement(head, H + "title").text = title
    etree.SubElement(head, H + "link", rel="stylesheet", type="text/css", href="style.css")
    body = etree.SubElement(html, H + "body")
    return html, body


XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _xhtml(html: etree._Element) -> bytes:
    return XML_DECLARATION + etree.tostring(html, encoding="UTF-8", xml_declaration=False,
                                            doctype="<!DOCTYPE html>") + b"\n"


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inline(parent: etree._Element, pieces) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            _append_text(parent, piece)
        elif isinstance(piece, PageMark):
            span = etree.SubElement(parent, H + "span", {EPUB_TYPE: "pagebreak"}, role="doc-pagebreak")
            span.set("id", f"page-{piece.xml_id or piece.n}")
            span.set("title", piece.n)
            span.set("class", "page")
            span.text = f"[p. {piece.n}]"
        elif isinstance(piece, NoteRef):
            note = piece.note
            a = etree.SubElement(parent, H + "a", {EPUB_TYPE: "noteref"}, role="doc-noteref")
            a.set("id", f"ref-{note.key}")
            a.set("href", f"#note-{note.key}")
            a.set("class", "noteref")
            a.text = f"[{note.label}]"


def _block(parent: etree._Element, block: Block) -> None:
    if block.kind == "break":  # a break between sections: HTML's thematic break
        etree.SubElement(parent, H + "hr", {"class": "section-break"})
        return
    tag = f"h{min(max(block.level, 2), 6)}" if block.kind == "head" else "p"  # h1: the text's title
    el = etree.SubElement(parent, H + tag)
    if block.xml_id:
        el.set("id", block.xml_id)
    _inline(el, block.pieces)
    el.text = (el.text or "").lstrip()
    if len(el):
        el[-1].tail = (el[-1].tail or "").rstrip()
    else:
        el.text = el.text.rstrip()


def chapter_xhtml(chapter: Chapter) -> bytes:
    html, body = _page(chapter.title)
    section = etree.SubElement(body, H + "section", {EPUB_TYPE: "chapter"}, id=chapter.id)
    etree.SubElement(section, H + "h1").text = chapter.title
    byline = " · ".join(v for v in (chapter.author, chapter.date_label) if v)
    if byline:
        etree.SubElement(section, H + "p", {"class": "byline"}).text = byline
    if chapter.rights:
        etree.SubElement(section, H + "p", {"class": "rights"}).text = chapter.rights
    for block in chapter.model.blocks:
        _block(section, block)
    if chapter.model.notes:
        notes = etree.SubElement(section, H + "section", {EPUB_TYPE: "footnotes"}, role="doc-endnotes")
        etree.SubElement(notes, H + "h2").text = "Notes"
        for note in chapter.model.notes:
            aside = etree.SubElement(notes, H + "aside", {EPUB_TYPE: "footnote"}, role="doc-footnote")
            aside.set("id", f"note-{note.key}")
            aside.set("class", "footnote")
            for i, block in enumerate(note.blocks):
                p = etree.SubElement(aside, H + "p")
                if i == 0:
                    back = etree.SubElement(p, H + "a", href=f"#ref-{note.key}", role="doc-backlink")
                    back.text = f"[{note.label}]"
                    back.tail = " "
                _inline(p, block.pieces)
    return _xhtml(html)


def title_xhtml(title: str, subtitle: str, version: str, statement: str) -> bytes:
    html, body = _page(title)
    section = etree.SubElement(body, H + "section", {EPUB_TYPE: "titlepage"}, id="titlepage")
    etree.SubElement(section, H + "h1").text = title
    if subtitle:
        etree.SubElement(section, H + "p").text = subtitle
    if version:
        etree.SubElement(section, H + "p").text = f"Version {version}"
    if statement:
        etree.SubElement(section, H + "p", {"class": "rights"}).text = statement
    return _xhtml(html)


def nav_xhtml(title: str, chapters: list[Chapter]) -> bytes:
    html, body = _page(title)
    nav = etree.SubElement(body, H + "nav", {EPUB_TYPE: "toc"}, id="toc")
    etree.SubElement(nav, H + "h1").text = "Contents"
    ol = etree.SubElement(nav, H + "ol")
    etree.SubElement(etree.SubElement(ol, H + "li"), H + "a", href="title.xhtml").text = title
    for chapter in chapters:
        li = etree.SubElement(ol, H + "li")
        etree.SubElement(li, H + "a", href=f"{chapter.id}.xhtml").text = chapter.title
        heads = [b for b in chapter.model.blocks if b.kind == "head" and b.level <= 2 and b.xml_id]
        if heads:
            sub = etree.SubElement(li, H + "ol")
            for head in heads:
                link = etree.SubElement(etree.SubElement(sub, H + "li"), H + "a",
                                        href=f"{chapter.id}.xhtml#{head.xml_id}")
                link.text = head.bare()
    landmarks = etree.SubElement(body, H + "nav", {EPUB_TYPE: "landmarks"}, hidden="hidden")
    ol = etree.SubElement(landmarks, H + "ol")
    etree.SubElement(etree.SubElement(ol, H + "li"), H + "a", {EPUB_TYPE: "titlepage"},
                     href="title.xhtml").text = "Title page"
    if chapters:
        etree.SubElement(etree.SubElement(ol, H + "li"), H + "a", {EPUB_TYPE: "bodymatter"},
                         href=f"{chapters[0].id}.xhtml").text = "Texts"
    return _xhtml(html)


def package_opf(title: str, identifier: str, modified: str, chapters: list[Chapter],
                rights: str) -> bytes:
    package = etree.Element(f"{{{OPF_NS}}}package", nsmap={None: OPF_NS}, version="3.0")
    package.set("unique-identifier", "pub-id")
    package.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    metadata = etree.SubElement(package, f"{{{OPF_NS}}}metadata", nsmap={"dc": DC_NS})
    etree.SubElement(metadata, f"{{{DC_NS}}}identifier", id="pub-id").text = identifier
    etree.SubElement(metadata, f"{{{DC_NS}}}title").text = title
    etree.SubElement(metadata, f"{{{DC_NS}}}language").text = "en"
    etree.SubElement(metadata, f"{{{DC_NS}}}publisher").text = title
    if rights:
        etree.SubElement(metadata, f"{{{DC_NS}}}rights").text = rights
    etree.SubElement(metadata, f"{{{OPF_NS}}}meta", property="dcterms:modified").text = modified
    manifest = etree.SubElement(package, f"{{{OPF_NS}}}manifest")
    items = [("nav", "nav.xhtml", "application/xhtml+xml", "nav"),
             ("css", "style.css", "text/css", None),
             ("title", "title.xhtml", "application/xhtml+xml", None)]
    items += [(f"t-{c.id}", f"{c.id}.xhtml", "application/xhtml+xml", None) for c in chapters]
    for item_id, href, media, props in items:
        item = etree.SubElement(manifest, f"{{{OPF_NS}}}item", id=item_id, href=href)
        item.set("media-type", media)
        if props:
            item.set("properties", props)
    spine = etree.SubElement(package, f"{{{OPF_NS}}}spine")
    for item_id in ["title", "nav"] + [f"t-{c.id}" for c in chapters]:
        etree.SubElement(spine, f"{{{OPF_NS}}}itemref", idref=item_id)
    return XML_DECLARATION + etree.tostring(package, encoding="UTF-8", pretty_print=True)


def container_xml() -> bytes:
    container = etree.Element(f"{{{CONTAINER_NS}}}container", nsmap={None: CONTAINER_NS}, version="1.0")
    rootfiles = etree.SubElement(container, f"{{{CONTAINER_NS}}}rootfiles")
    rootfile = etree.SubElement(rootfiles, f"{{{CONTAINER_NS}}}rootfile")
    rootfile.set("full-path", "OEBPS/package.opf")
    rootfile.set("media-type", "application/oebps-package+xml")
    return XML_DECLARATION + etree.tostring(container, encoding="UTF-8", pretty_print=True)


def deterministic_zip(entries: list[tuple[str, bytes]], stored_first: str | None = None) -> bytes:
    """A zip whose bytes depend only on ``entries``: fixed dates and modes, in the order given."""
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            stored = name == stored_first
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=None if stored else 9)
    return buffer.getvalue()


def epub(title: str, subtitle: str, version: str, modified_date: str, rights: str,
         chapters: list[Chapter], project_id: str) -> bytes:
    """The EPUB's bytes. ``modified_date`` (ISO date) is the edition's, not today's; the book's
    identifier is derived from the project's id and the version, so each version has its own."""
    identifier = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{project_id}:{version}')}"
    modified = f"{modified_date}T00:00:00Z"
    files = [("mimetype", b"application/epub+zip"),
             ("META-INF/container.xml", container_xml()),
             ("OEBPS/package.opf", package_opf(title, identifier, modified, chapters, rights)),
             ("OEBPS/nav.xhtml", nav_xhtml(title, chapters)),
             ("OEBPS/style.css", CSS),
             ("OEBPS/title.xhtml", title_xhtml(title, subtitle, version, rights))]
    files += [(f"OEBPS/{c.id}.xhtml", chapter_xhtml(c)) for c in chapters]
    return deterministic_zip(files, stored_first="mimetype")
