"""An EPUB 3 of the whole edition (``epub``) or of any corpus (corpus_epub.py): the reading text of
every text, its notes as linked footnotes.

The package is written here with lxml and zipfile rather than an e-book library so
that its bytes are reproducible: ``mimetype`` first and stored, the other entries in
a fixed order with a fixed date, and ``dcterms:modified`` and the identifier derived
from the edition (its version and latest change), never from the time of the run.
Each note reference (``epub:type="noteref"``) links to its footnote
(``epub:type="footnote"``), and each footnote links back to where it is referred to. Every id a
page gets is an XML name, once in its page: an id the TEI gives that is one already stays as it is.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from .text import Block, NoteRef, PageMark, TextModel, page_mark

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
H = f"{{{XHTML_NS}}}"
EPUB_TYPE = f"{{{EPUB_NS}}}type"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
MIMETYPE = b"application/epub+zip"
CSS = b"""body { font-family: serif; line-height: 1.4; }
h1, h2, h3, h4 { font-family: sans-serif; }
.page { color: #666; font-size: 0.8em; }
.rights { font-size: 0.9em; border-top: 1px solid #999; border-bottom: 1px solid #999; }
a.noteref { vertical-align: super; font-size: 0.75em; text-decoration: none; }
aside.footnote { font-size: 0.9em; margin: 0.5em 0; }
"""
# What a letter's and a play's parts look like, by the TEI element each block comes from (text.py's roles).
ROLES_CSS = b"""p.speaker { font-weight: bold; margin-bottom: 0; }
p.stage { font-style: italic; }
p.l { margin: 0 0 0 1.5em; }
p.dateline, p.closer, p.signed { text-align: right; }
p.castItem { margin: 0; }
nav span { font-weight: bold; }
"""


@dataclass
class Chapter:
    """One text as the EPUB shows it: its page is ``{id}.xhtml``."""

    id: str
    title: str
    author: str
    date_label: str
    rights: str
    model: TextModel
    lang: str = "en"
    direction: str = ""  # "rtl" for a language written from right to left


@dataclass
class NavEntry:
    """A line of the table of contents: a link, or (``href`` None) the heading of a group of lines."""

    label: str
    href: str | None
    children: list["NavEntry"] = field(default_factory=list)


@dataclass
class BookInfo:
    """What the package says of the book."""

    title: str
    identifier: str
    modified: str  # dcterms:modified: the sources' latest change, never the time of the run
    rights: str
    languages: tuple[str, ...] = ("en",)
    publisher: str = ""
    creators: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")


class _Ids:
    """The ids of one page: each an XML name without a colon (as EPUBCheck requires), each once."""

    def __init__(self):
        self._taken: set[str] = set()

    def claim(self, wanted: str) -> str:
        name = wanted if _NAME.fullmatch(wanted) else "_" + _NOT_NAME.sub("_", wanted)
        unique, n = name, 1
        while unique in self._taken:
            n += 1
            unique = f"{name}-{n}"
        self._taken.add(unique)
        return unique


def _page(title: str, lang: str = "en", direction: str = "") -> tuple[etree._Element, etree._Element]:
    html = etree.Element(H + "html", nsmap={None: XHTML_NS, "epub": EPUB_NS})
    html.set("lang", lang)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    if direction:
        html.set("dir", direction)
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


def _inline(parent: etree._Element, pieces, ids: _Ids, anchors: dict[str, tuple[str, str]]) -> None:
    """``anchors``: each note's key → the ids of its reference and of the note."""
    for piece in pieces:
        if isinstance(piece, str):
            _append_text(parent, piece)
        elif isinstance(piece, PageMark):
            span = etree.SubElement(parent, H + "span", {EPUB_TYPE: "pagebreak"}, role="doc-pagebreak")
            span.set("id", ids.claim(f"page-{piece.xml_id or piece.n}"))
            if piece.n:
                span.set("title", piece.n)
            span.set("class", "page")
            span.text = page_mark(piece.n)
        elif isinstance(piece, NoteRef):
            note = piece.note
            ref_id, note_id = anchors[note.key]
            a = etree.SubElement(parent, H + "a", {EPUB_TYPE: "noteref"}, role="doc-noteref")
            a.set("id", ref_id)
            a.set("href", f"#{note_id}")
            a.set("class", "noteref")
            a.text = f"[{note.label}]"


def _block(parent: etree._Element, block: Block, ids: _Ids, anchors: dict[str, tuple[str, str]],
           roles: bool) -> etree._Element | None:
    """The block's element (a heading's, for the table of contents); ``roles``: classed by its role."""
    if block.kind == "break":  # a break between sections: HTML's thematic break
        etree.SubElement(parent, H + "hr", {"class": "section-break"})
        return None
    tag = f"h{min(max(block.level, 2), 6)}" if block.kind == "head" else "p"  # h1: the text's title
    el = etree.SubElement(parent, H + tag)
    if block.xml_id:
        el.set("id", ids.claim(block.xml_id))
    if roles and block.role and tag == "p":  # (a heading is one by its tag)
        el.set("class", block.role)
    _inline(el, block.pieces, ids, anchors)
    el.text = (el.text or "").lstrip()
    if len(el):
        el[-1].tail = (el[-1].tail or "").rstrip()
    else:
        el.text = el.text.rstrip()
    return el


def chapter_page(chapter: Chapter, roles: bool = False) -> tuple[bytes, NavEntry]:
    """The chapter's page, and its line of the table of contents: the text, and under it its
    headings of the first two levels that have an id. ``roles``: each block classed by its role."""
    ids = _Ids()
    section_id = ids.claim(chapter.id)
    anchors = {note.key: (ids.claim(f"ref-{note.key}"), ids.claim(f"note-{note.key}"))
               for note in chapter.model.notes}
    html, body = _page(chapter.title, chapter.lang, chapter.direction)
    section = etree.SubElement(body, H + "section", {EPUB_TYPE: "chapter"}, id=section_id)
    etree.SubElement(section, H + "h1").text = chapter.title
    byline = " · ".join(v for v in (chapter.author, chapter.date_label) if v)
    if byline:
        etree.SubElement(section, H + "p", {"class": "byline"}).text = byline
    if chapter.rights:
        etree.SubElement(section, H + "p", {"class": "rights"}).text = chapter.rights
    href = f"{chapter.id}.xhtml"
    entry = NavEntry(chapter.title, href)
    for block in chapter.model.blocks:
        el = _block(section, block, ids, anchors, roles)
        if block.kind == "head" and block.level <= 2 and block.xml_id:
            entry.children.append(NavEntry(block.bare(), f"{href}#{el.get('id')}"))
    if chapter.model.notes:
        notes = etree.SubElement(section, H + "section", {EPUB_TYPE: "footnotes"}, role="doc-endnotes")
        etree.SubElement(notes, H + "h2").text = "Notes"
        for note in chapter.model.notes:
            aside = etree.SubElement(notes, H + "aside", {EPUB_TYPE: "footnote"}, role="doc-footnote")
            ref_id, note_id = anchors[note.key]
            aside.set("id", note_id)
            aside.set("class", "footnote")
            for i, block in enumerate(note.blocks):
                p = etree.SubElement(aside, H + "p")
                if i == 0:
                    back = etree.SubElement(p, H + "a", href=f"#{ref_id}", role="doc-backlink")
                    back.text = f"[{note.label}]"
                    back.tail = " "
                _inline(p, block.pieces, ids, anchors)
    return _xhtml(html), entry


def title_xhtml(title: str, subtitle: str, version: str, statement: str, lang: str = "en") -> bytes:
    html, body = _page(title, lang)
    section = etree.SubElement(body, H + "section", {EPUB_TYPE: "titlepage"}, id="titlepage")
    etree.SubElement(section, H + "h1").text = title
    if subtitle:
        etree.SubElement(section, H + "p").text = subtitle
    if version:
        etree.SubElement(section, H + "p").text = f"Version {version}"
    if statement:
        etree.SubElement(section, H + "p", {"class": "rights"}).text = statement
    return _xhtml(html)


def _nav_list(parent: etree._Element, entries: list[NavEntry]) -> None:
    ol = etree.SubElement(parent, H + "ol")
    for entry in entries:
        li = etree.SubElement(ol, H + "li")
        if entry.href is None:
            etree.SubElement(li, H + "span").text = entry.label
        else:
            etree.SubElement(li, H + "a", href=entry.href).text = entry.label
        if entry.children:
            _nav_list(li, entry.children)


def nav_xhtml(title: str, entries: list[NavEntry], first_chapter: str | None, lang: str = "en") -> bytes:
    """The table of contents: the title page, then ``entries``; ``first_chapter``: where the texts begin."""
    html, body = _page(title, lang)
    nav = etree.SubElement(body, H + "nav", {EPUB_TYPE: "toc"}, id="toc")
    etree.SubElement(nav, H + "h1").text = "Contents"
    _nav_list(nav, [NavEntry(title, "title.xhtml"), *entries])
    landmarks = etree.SubElement(body, H + "nav", {EPUB_TYPE: "landmarks"}, hidden="hidden")
    ol = etree.SubElement(landmarks, H + "ol")
    etree.SubElement(etree.SubElement(ol, H + "li"), H + "a", {EPUB_TYPE: "titlepage"},
                     href="title.xhtml").text = "Title page"
    if first_chapter:
        etree.SubElement(etree.SubElement(ol, H + "li"), H + "a", {EPUB_TYPE: "bodymatter"},
                         href=f"{first_chapter}.xhtml").text = "Texts"
    return _xhtml(html)


def package_opf(book: BookInfo, chapter_ids: list[str]) -> bytes:
    """The package document: the book's metadata, its files, and its reading order (the title page,
    the contents, the chapters in ``chapter_ids``' order)."""
    package = etree.Element(f"{{{OPF_NS}}}package", nsmap={None: OPF_NS}, version="3.0")
    package.set("unique-identifier", "pub-id")
    package.set("{http://www.w3.org/XML/1998/namespace}lang", book.languages[0])
    metadata = etree.SubElement(package, f"{{{OPF_NS}}}metadata", nsmap={"dc": DC_NS})
    etree.SubElement(metadata, f"{{{DC_NS}}}identifier", id="pub-id").text = book.identifier
    etree.SubElement(metadata, f"{{{DC_NS}}}title").text = book.title
    for n, name in enumerate(book.creators, 1):
        etree.SubElement(metadata, f"{{{DC_NS}}}creator", id=f"creator-{n}").text = name
    for n, name in enumerate(book.editors, 1):
        etree.SubElement(metadata, f"{{{DC_NS}}}contributor", id=f"editor-{n}").text = name
    for language in book.languages:
        etree.SubElement(metadata, f"{{{DC_NS}}}language").text = language
    if book.publisher:
        etree.SubElement(metadata, f"{{{DC_NS}}}publisher").text = book.publisher
    if book.rights:
        etree.SubElement(metadata, f"{{{DC_NS}}}rights").text = book.rights
    etree.SubElement(metadata, f"{{{OPF_NS}}}meta", property="dcterms:modified").text = book.modified
    for kind, names, role in (("creator", book.creators, "aut"), ("editor", book.editors, "edt")):
        for n in range(1, len(names) + 1):
            meta = etree.SubElement(metadata, f"{{{OPF_NS}}}meta", refines=f"#{kind}-{n}", property="role")
            meta.set("scheme", "marc:relators")
            meta.text = role
    manifest = etree.SubElement(package, f"{{{OPF_NS}}}manifest")
    items = [("nav", "nav.xhtml", "application/xhtml+xml", "nav"),
             ("css", "style.css", "text/css", None),
             ("title", "title.xhtml", "application/xhtml+xml", None)]
    items += [(f"t-{c}", f"{c}.xhtml", "application/xhtml+xml", None) for c in chapter_ids]
    for item_id, href, media, props in items:
        item = etree.SubElement(manifest, f"{{{OPF_NS}}}item", id=item_id, href=href)
        item.set("media-type", media)
        if props:
            item.set("properties", props)
    spine = etree.SubElement(package, f"{{{OPF_NS}}}spine")
    for item_id in ["title", "nav"] + [f"t-{c}" for c in chapter_ids]:
        etree.SubElement(spine, f"{{{OPF_NS}}}itemref", idref=item_id)
    return XML_DECLARATION + etree.tostring(package, encoding="UTF-8", pretty_print=True)


def container_xml() -> bytes:
    container = etree.Element(f"{{{CONTAINER_NS}}}container", nsmap={None: CONTAINER_NS}, version="1.0")
    rootfiles = etree.SubElement(container, f"{{{CONTAINER_NS}}}rootfiles")
    rootfile = etree.SubElement(rootfiles, f"{{{CONTAINER_NS}}}rootfile")
    rootfile.set("full-path", "OEBPS/package.opf")
    rootfile.set("media-type", "application/oebps-package+xml")
    return XML_DECLARATION + etree.tostring(container, encoding="UTF-8", pretty_print=True)


class DeterministicZip:
    """A zip written entry by entry into ``file``, its bytes depending only on the entries: fixed
    dates and modes, in the order added; the entry named ``stored`` (an EPUB's mimetype) uncompressed."""

    def __init__(self, file: BinaryIO, stored: str | None = None):
        self._archive = zipfile.ZipFile(file, "w")
        self._stored = stored

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
        info.external_attr = 0o644 << 16
        info.create_system = 3
        stored = name == self._stored
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        self._archive.writestr(info, data, compresslevel=None if stored else 9)

    def close(self) -> None:
        self._archive.close()


def deterministic_zip(entries: list[tuple[str, bytes]], stored_first: str | None = None) -> bytes:
    """A zip whose bytes depend only on ``entries``: fixed dates and modes, in the order given."""
    buffer = io.BytesIO()
    archive = DeterministicZip(buffer, stored_first)
    for name, data in entries:
        archive.add(name, data)
    archive.close()
    return buffer.getvalue()


def epub(title: str, subtitle: str, version: str, modified_date: str, rights: str,
         chapters: list[Chapter], project_id: str) -> bytes:
    """The edition's EPUB's bytes. ``modified_date`` (ISO date) is the edition's, not today's; the
    book's identifier is derived from the project's id and the version, so each version has its own."""
    identifier = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{project_id}:{version}')}"
    book = BookInfo(title, identifier, f"{modified_date}T00:00:00Z", rights, publisher=title)
    pages = [chapter_page(c) for c in chapters]
    files = [("mimetype", MIMETYPE),
             ("META-INF/container.xml", container_xml()),
             ("OEBPS/package.opf", package_opf(book, [c.id for c in chapters])),
             ("OEBPS/nav.xhtml", nav_xhtml(title, [entry for _, entry in pages],
                                           chapters[0].id if chapters else None)),
             ("OEBPS/style.css", CSS),
             ("OEBPS/title.xhtml", title_xhtml(title, subtitle, version, rights))]
    files += [(f"OEBPS/{c.id}.xhtml", page) for c, (page, _) in zip(chapters, pages)]
    return deterministic_zip(files, stored_first="mimetype")
