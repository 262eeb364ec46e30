"""Where a passage is, in words a reader can cite: "ch. 2, ¶ 14", "doc. 5, ¶ 3", "p. 7, ch. 1, ¶ 14".

The numbers are the TEI's own: each paragraph's ``@n`` counts within its citable unit
and each numbered division's ``@n`` is its printed (or the edition's) number, recorded
once so that a paragraph added later does not renumber the ones after it (EDITING.md,
"Paragraph numbers"). This module only puts them into words, in one place for every
output: the text page's margin and ``data-loc`` (through the stylesheets' ``locations``
parameter), the registers' mention lists, the chronology and search (``Mention.location``).

A paragraph's unit is its nearest division with ``@n`` (a chapter, a document, a numbered
section); in the front or back matter, the division it belongs to there (a preface, an
editorial introduction); otherwise the body as a whole. A paragraph in a note counts
within its note. Other passages (headings, list items, closers, notes) are placed by the
numbered paragraphs around them, and the printed page leads where the source has pages.
"""

from __future__ import annotations

from lxml import etree

from ..xmlio import TEI as T
from ..xmlio import XML_ID

# How a numbered division is named in a location; a type not listed is written out.
UNIT_ABBREVIATIONS = {"chapter": "ch.", "document": "doc.", "section": "§", "part": "pt.",
                      "book": "bk.", "volume": "vol.", "act": "act", "scene": "sc.",
                      "letter": "letter", "article": "art."}
# How a division of the front or back matter is named (by @subtype, else @type); a kind not
# listed is its type in words.
MATTER_LABELS = {"editorial": "editorial introduction",
                 "series-editor-preface": "series editor’s preface",
                 "source-information": "source information", "series": "series page",
                 "maps": "list of maps", "illustrations": "list of illustrations"}
TITLE_MATTER = frozenset(T + t for t in ("titlePage", "docTitle", "docAuthor", "docDate",
                                         "docImprint", "byline", "docEdition", "epigraph"))
PARAGRAPH_MARK = "¶"

_P, _DIV, _NOTE, _HEAD, _PB = T + "p", T + "div", T + "note", T + "head", T + "pb"
_PARTS = frozenset({T + "front", T + "body", T + "back"})
_MATTER = frozenset({T + "front", T + "back"})


def _pages(first: str, last: str) -> str:
    if not first:
        return ""
    return f"p. {first}" if last in ("", first) else f"pp. {first}–{last}"


def _span(numbers: list[str]) -> str:
    return numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


class Locator:
    """The location labels of one text's passages (``of``), computed from one walk of its <text>."""

    def __init__(self, text_el: etree._Element):
        self.text_el = text_el
        self.order: dict[etree._Element, int] = {}
        self.page: dict[etree._Element, str] = {}  # the printed page an element starts on
        self.last_page: dict[etree._Element, str] = {}  # … and the last one it reaches
        self.units: dict[etree._Element, list[etree._Element]] = {}  # unit → its numbered paragraphs
        # A letter's one writing session, numbered 1, is no unit a reader cites: a division numbered
        # "1" counts only where another division of its type is numbered too.
        numbered: dict[str | None, int] = {}
        for div in text_el.iter(_DIV):
            if div.get("n"):
                numbered[div.get("type")] = numbered.get(div.get("type"), 0) + 1
        self._lone = frozenset(kind for kind, count in numbered.items() if count == 1)
        current = ""
        for position, el in enumerate(text_el.iter(etree.Element)):
            self.order[el] = position
            if el.tag == _PB and el.get("n"):
                current = el.get("n")
                for ancestor in el.iterancestors():
                    if ancestor is text_el:
                        break
                    self.last_page[ancestor] = current
                    # A page that turns before any of an element's words is where it starts.
                    if not _words_before(ancestor, el):
                        self.page[ancestor] = current
            self.page[el] = current
            if el.tag == _P and el.get("n") and next(el.iterancestors(_NOTE), None) is None:
                self.units.setdefault(self.unit(el), []).append(el)

    def unit(self, el: etree._Element) -> etree._Element:
        """The citable unit a passage counts in: a numbered division, a division of the front or
        back matter, or the front, body or back itself."""
        for ancestor in el.iterancestors():
            if ancestor.tag == _DIV and (self.numbered(ancestor) or ancestor.getparent().tag in _MATTER):
                return ancestor
            if ancestor.tag in _PARTS or ancestor is self.text_el:
                return ancestor
        return self.text_el

    def numbered(self, div: etree._Element) -> bool:
        """Whether a division is a numbered unit of the text (a chapter 2, a document 5)."""
        return bool(div.get("n")) and not (div.get("n") == "1" and div.get("type") in self._lone)

    def unit_name(self, unit: etree._Element) -> str:
        if unit.tag == _DIV and self.numbered(unit):
            return f"{_abbreviation(unit.get('type'))} {unit.get('n')}"
        if unit.tag == _DIV:
            kind = unit.get("subtype") if unit.get("subtype") in MATTER_LABELS else unit.get("type")
            if kind:
                return MATTER_LABELS.get(kind, kind.replace("-", " "))
            unit = unit.getparent()
        return {T + "front": "front matter", T + "back": "back matter"}.get(unit.tag, "")

    def of(self, el: etree._Element) -> str:
        """The location of any element of the text, as a reader cites it."""
        if el not in self.order:
            return ""
        last = self.last_page.get(el, "") if el.tag in (_P, _DIV) else ""
        return ", ".join(part for part in (_pages(self.page.get(el, ""), last), *self._words(el)) if part)

    def _words(self, el: etree._Element) -> list[str]:
        if el.tag == _P and el.get("n"):
            note = next(el.iterancestors(_NOTE), None)
            if note is None:
                return [self.unit_name(self.unit(el)), f"{PARAGRAPH_MARK} {el.get('n')}"]
            several = len(note.findall(f".//{_P}")) > 1
            return [*self._words(note), *([f"{PARAGRAPH_MARK} {el.get('n')}"] if several else [])]
        if el.tag == _DIV:
            return self._division(el)
        # A note printed in the running text (an editor's bracketed reference) is where it stands.
        note = ([f"n. {el.get('n')}" if el.get("n") else "note"]
                if el.tag == _NOTE and el.get("place") != "inline" else [])
        for ancestor in el.iterancestors():
            if ancestor.tag == _NOTE or (ancestor.tag == _P and ancestor.get("n")):
                return [*self._words(ancestor), *note]
            if ancestor.tag == _DIV or ancestor is self.text_el:
                break
        return [*self._between(el), *note]

    def _division(self, div: etree._Element) -> list[str]:
        unit = self.unit(div)
        if self.numbered(div) or div.getparent().tag in _MATTER:
            return [self.unit_name(div)]
        numbered = [d for d in div.iterdescendants(_DIV) if self.numbered(d) and self.unit(d) is unit]
        if numbered:
            return [f"{_abbreviation(numbered[0].get('type'))} {_span([d.get('n') for d in numbered])}"]
        paragraphs = [p.get("n") for p in self.units.get(unit, ()) if div in p.iterancestors(_DIV)]
        return [self.unit_name(unit), f"{PARAGRAPH_MARK} {_span(paragraphs)}" if paragraphs else ""]

    def _between(self, el: etree._Element) -> list[str]:
        """A heading, list item, closer … outside any paragraph: placed by the paragraphs around it."""
        chain = [el, *el.iterancestors()]
        if any(a.tag in TITLE_MATTER for a in chain) and not any(a.tag == _DIV for a in chain):
            return ["title page"]
        unit = self.unit(el)
        name = self.unit_name(unit)
        head = next((a for a in chain if a.tag == _HEAD), None)
        if head is not None and head.getparent() is unit:
            return [name, "heading"]
        position = self.order[el]
        paragraphs = self.units.get(unit, [])
        after = next((p for p in paragraphs if self.order[p] > position), None)
        if head is not None:
            return [name, f"heading before {PARAGRAPH_MARK} {after.get('n')}" if after is not None else "heading"]
        before = [p for p in paragraphs if self.order[p] < position]
        if before:
            return [name, f"after {PARAGRAPH_MARK} {before[-1].get('n')}"]
        if after is not None:
            return [name, f"before {PARAGRAPH_MARK} {after.get('n')}"]
        return [name]


def _abbreviation(kind: str | None) -> str:
    kind = kind or "section"
    return UNIT_ABBREVIATIONS.get(kind, kind.replace("-", " "))


def _words_before(ancestor: etree._Element, pb: etree._Element) -> bool:
    """Whether ``ancestor`` prints any words before ``pb``, which it contains."""
    if (ancestor.text or "").strip():
        return True
    enclosing = set(pb.iterancestors())
    for node in ancestor.iterdescendants():
        if node is pb:
            return False
        if isinstance(node.tag, str) and (node.text or "").strip():
            return True
        # A tail follows everything inside its element: before the page break unless that holds it.
        if node not in enclosing and (node.tail or "").strip():
            return True
    return False


def locator(tree: etree._ElementTree | etree._Element) -> Locator | None:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    text_el = root.find(T + "text")
    return Locator(text_el) if text_el is not None else None


def stylesheet_parameter(tree: etree._ElementTree | etree._Element) -> str:
    """The ``locations`` parameter of the text stylesheets: "id<TAB>label" lines for every
    paragraph, note, division and piece of title matter with an id, and each heading by the id
    its page gives it."""
    found = locator(tree)
    if found is None:
        return ""
    lines = []
    for el in found.text_el.iter(_P, _NOTE, _DIV, _HEAD, *TITLE_MATTER):
        key = el.get(XML_ID)
        if key is None and el.tag == _HEAD and el.getparent().tag == _DIV and el.getparent().get(XML_ID):
            key = el.getparent().get(XML_ID) + "-head"
        label = found.of(el) if key else ""
        if label:
            lines.append(f"{key}\t{label}")
    return "\n".join(lines)
