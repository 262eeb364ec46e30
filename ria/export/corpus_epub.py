"""The EPUB of any corpus (``export --corpus``): one book, the corpus's texts in its order (the
site's: by date where the texts are dated), each text a chapter made by the edition's EPUB builder
(epub.py) from its reading text, its notes as footnotes, its letter's or play's parts classed as
they read (a speaker, a stage direction, a verse line, a closer).

The book is written as the texts are read: each chapter goes into the zip as it is made, and only
its line of the table of contents is kept, so memory grows by a line a text. The contents and the
package document, which need every chapter, come last in the zip (only ``mimetype`` must come
first). A big corpus's contents are grouped, so that no level lists more than ``GROUP`` lines:
by year where the texts are dated, a year of more by month, else in runs of ``GROUP`` texts.

What the package says is derived from the corpus alone: its title; its languages; the authors and
the editors its texts' headers name (the ``MAX_NAMED`` of most texts); the licences the headers
state; ``dcterms:modified`` and the identifier from the latest change the corpus records.

A public export's book (``export --corpus DIR --public``) gives a text whose rights are not free a
chapter of its header's data and a line saying why its words are not there, as the site's page does;
its title page says how many texts that is.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections import Counter
from typing import BinaryIO

from lxml import etree

from ..model.index import Index, TextInfo
from ..model.texts import writing_direction
from ..xmlio import TEI as T
from .epub import (CSS, MIMETYPE, ROLES_CSS, BookInfo, Chapter, DeterministicZip, NavEntry, chapter_page,
                   container_xml, nav_xhtml, package_opf, title_xhtml)
from .text import Block, TextModel

GROUP = 100  # lines of one level of the contents, at most, where the texts' dates or number allow
MAX_NAMED = 10  # authors and editors the package names, those of most texts first
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")  # a language tag as EPUBCheck takes it
_YEAR = re.compile(r"-?\d{4}")
_MONTH = re.compile(r"-?\d{4}-\d{2}")


def rights_statement(index: Index) -> str:
    """The licences the texts' headers state, each with the number of texts under it."""
    counts = Counter(licence for _, licence in index.publication.values())
    counts.update({"": len(index.texts) - len(index.publication)})
    stated = sorted((licence for licence in counts if licence and counts[licence]),
                    key=lambda licence: (-counts[licence], licence))
    unstated = counts[""]
    if len(stated) == 1 and not unstated:
        return f"Licence, as every text's header states it: {stated[0]}"
    parts = [f"{licence} ({_texts(counts[licence])})" for licence in stated]
    if unstated:
        parts.append(f"none stated ({_texts(unstated)})")
    return "Licences, as the texts' headers state them: " + "; ".join(parts) + "." if stated else ""


def _texts(n: int) -> str:
    return f"{n:,} text" + ("" if n == 1 else "s")


def _most_named(counts: Counter) -> tuple[str, ...]:
    return tuple(sorted(counts, key=lambda name: (-counts[name], name))[:MAX_NAMED])


def editors_of(tree: etree._ElementTree) -> list[str]:
    """The editors a text's title statement names: each name an editor element holds, else its words."""
    names = []
    for editor in tree.getroot().iterfind(f"{T}teiHeader/{T}fileDesc/{T}titleStmt/{T}editor"):
        parts = [p for p in editor if p.tag in (T + "name", T + "persName", T + "orgName")] or [editor]
        names += [" ".join("".join(part.itertext()).split()) for part in parts]
    return [name for name in names if name]


def _anchored(model: TextModel) -> TextModel:
    """The model with an id on each heading of the first level of the body's divisions (a play's
    acts), so that the contents can list them where the TEI gives them none."""
    blocks = [dataclasses.replace(block, xml_id=f"head-{n}")
              if block.kind == "head" and block.level == 2 and not block.xml_id else block
              for n, block in enumerate(model.blocks, 1)]
    return TextModel(blocks, model.notes)


def withheld_notice(info: TextInfo) -> TextModel:
    """What a public export's chapter of a withheld text holds instead of its words."""
    notice = (f"This public export does not include the words of this text: its rights ({info.availability}) "
              "are not free. The export's registers count its mentions and its chronology lists its dates, "
              "without its sentences.")
    return TextModel([Block("p", 1, [notice], role="withheld")], [])


class CorpusBook:
    """The corpus's EPUB, written into ``file`` a chapter at a time: ``add`` each text in the
    corpus's order, then ``finish``. ``withheld``: the texts a public export gives without their words."""

    def __init__(self, file: BinaryIO, index: Index, publisher: str = "", withheld: set[str] = frozenset()):
        self.index = index
        counts = Counter(text.lang.split("-")[0].lower() for text in index.texts
                         if _LANGUAGE.fullmatch(text.lang))
        self.languages = _most_named(counts) if counts else (index.language,)
        self.rights = rights_statement(index)
        if withheld:
            what = "its chapter gives what its header says" if len(withheld) == 1 else \
                "their chapters give what their headers say"
            left_out = (f"This public export leaves out the words of {_texts(len(withheld))} whose rights are "
                        f"not free ({what}).")
            self.rights = f"{self.rights} {left_out}" if self.rights else left_out
        self.publisher = publisher
        self._zip = DeterministicZip(file, stored="mimetype")
        self._zip.add("mimetype", MIMETYPE)
        self._zip.add("META-INF/container.xml", container_xml())
        self._zip.add("OEBPS/style.css", CSS + ROLES_CSS)
        subtitle = ", ".join(part for part in (index.subtitle or _texts(len(index.texts)),
                                               publisher and f"published by {publisher}") if part)
        self._zip.add("OEBPS/title.xhtml", title_xhtml(index.title, subtitle, index.version, self.rights,
                                                       self.languages[0]))
        self._lines: list[tuple[str, NavEntry]] = []  # each chapter's date and line of the contents
        self._editors: Counter = Counter()

    def add(self, info: TextInfo, tree: etree._ElementTree, model: TextModel | None) -> None:
        """The text's chapter, from its reading ``model`` (text.flatten) and its TEI ``tree``;
        ``model`` None: a text withheld from a public export, whose chapter says so."""
        model = withheld_notice(info) if model is None else model
        chapter_id = f"text-{len(self._lines) + 1:05d}"
        _, licence = self.index.publication.get(info.id, ("", ""))
        statement = licence or info.availability_note
        rights = f"Rights ({info.availability}): {statement}" if statement else f"Rights: {info.availability}"
        lang = info.lang if _LANGUAGE.fullmatch(info.lang) else self.languages[0]
        chapter = Chapter(chapter_id, info.title or info.id, info.author, info.date_label, rights,
                          _anchored(model), lang, writing_direction(lang))
        page, line = chapter_page(chapter, roles=True)
        self._zip.add(f"OEBPS/{chapter_id}.xhtml", page)
        self._lines.append((info.date, line))
        self._editors.update(dict.fromkeys(editors_of(tree), 1))

    def finish(self, modified_day: str, name: str) -> None:
        """The contents and the package, and the zip closed. ``modified_day``: the corpus's latest
        recorded change (ISO date); ``name``: the corpus's (its folder's), for the identifier."""
        seed = f"corpus:{name}:{self.index.title}:{self.index.version}:{modified_day}"
        # (a text of several authors names them joined by "; ": model/texts.py)
        authors = Counter(name for text in self.index.texts for name in text.author.split("; ") if name)
        book = BookInfo(self.index.title, f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}",
                        f"{modified_day}T00:00:00Z", self.rights, self.languages, self.publisher,
                        _most_named(authors), _most_named(self._editors))
        ids = [f"text-{n:05d}" for n in range(1, len(self._lines) + 1)]
        self._zip.add("OEBPS/nav.xhtml", nav_xhtml(self.index.title, contents(self._lines),
                                                    ids[0] if ids else None, self.languages[0]))
        self._zip.add("OEBPS/package.opf", package_opf(book, ids))
        self._zip.close()


def contents(lines: list[tuple[str, NavEntry]]) -> list[NavEntry]:
    """The chapters' lines (each with its text's ISO date), grouped where they are more than ``GROUP``:
    by year (a year of more by month), the undated in runs of ``GROUP``."""
    if len(lines) <= GROUP:
        return [line for _, line in lines]
    if not any(_YEAR.match(date) for date, _ in lines):
        return _runs([line for _, line in lines], "Texts")
    grouped = []
    for year, in_year in _by(lines, _YEAR, ""):
        if not year:
            grouped += _runs([line for _, line in in_year], "Undated texts")
        elif len(in_year) <= GROUP:
            grouped.append(NavEntry(year, None, [line for _, line in in_year]))
        else:
            months = [NavEntry(month, None, _runs([line for _, line in in_month], month))
                      if len(in_month) > GROUP else NavEntry(month, None, [line for _, line in in_month])
                      for month, in_month in _by(in_year, _MONTH, year)]
            grouped.append(NavEntry(year, None, months))
    return grouped


def _by(lines: list[tuple[str, NavEntry]], pattern: re.Pattern, default: str) -> list[tuple[str, list]]:
    """The lines in runs of one date prefix (a year, a month; ``default`` where the date has none)."""
    runs: list[tuple[str, list]] = []
    for date, line in lines:
        found = pattern.match(date)
        key = found.group() if found else default
        if not runs or runs[-1][0] != key:
            runs.append((key, []))
        runs[-1][1].append((date, line))
    return runs


def _runs(lines: list[NavEntry], label: str, first: int = 1) -> list[NavEntry]:
    """``lines`` in numbered runs of at most ``GROUP``, runs of runs where those would be more."""
    if len(lines) <= GROUP:
        return lines
    size = GROUP
    while len(lines) > size * GROUP:
        size *= GROUP
    return [NavEntry(f"{label} {first + start:,}–{first + min(start + size, len(lines)) - 1:,}", None,
                     _runs(lines[start:start + size], label, first + start))
            for start in range(0, len(lines), size)]
