"""The index's records, as every stage passes them on: a register entry, a text's metadata, a
mention of an entry in a text. Plain data, read from the TEI by ria/model/entries.py,
ria/model/texts.py and ria/model/passages.py, the same for this edition and for any corpus."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..xmlio import TEI as T

# The page of the alphabetical lists each kind of entry is listed on.
PAGES = {"person": "persons", "place": "places", "org": "organisations", "event": "events", "work": "works"}


_LINE_BREAKS = (T + "lb", T + "cb")


def words(el: etree._Element | None) -> str:
    """An element's words, a line break not marked as inside a word parting those either side of it
    (the Thun letters' titles: "Leo Thun<lb/>Prag, 20. Juli 1853")."""
    if el is None:
        return ""
    if any(b.get("break") != "no" for b in el.iter(*_LINE_BREAKS)):
        return " ".join("".join(_parted_text(el)).split())
    return " ".join("".join(el.itertext()).split())


def _parted_text(el: etree._Element):
    """The text itertext() gives, a space where a line breaks between words."""
    yield el.text or ""
    for child in el:
        if isinstance(child.tag, str):  # (a comment's or processing instruction's words are not the text's)
            if child.tag in _LINE_BREAKS and child.get("break") != "no":
                yield " "
            yield from _parted_text(child)
        yield child.tail or ""


_NAME_PARTS = frozenset({"forename", "surname", "addName", "roleName", "genName", "nameLink"})


def name_words(el: etree._Element) -> str:
    """A name's words, its parts never run together: a name written surname first with nothing
    or only whitespace between its parts reads "Muster, Erika" (as xslt/letters.xsl's
    ria:name-words and the header read it); words the writer put between parts are kept."""
    pieces = [el.text or ""]
    previous = None
    for child in el:
        if not isinstance(child.tag, str):
            pieces.append(child.tail or "")
            continue
        part = etree.QName(child).localname
        if previous in _NAME_PARTS and part in _NAME_PARTS and not pieces[-1].strip():
            pieces[-1] = ", " if (previous, part) == ("surname", "forename") else " "
        pieces.append(name_words(child) if len(child) else "".join(child.itertext()))
        pieces.append(child.tail or "")
        previous = part if not (child.tail or "").strip() else None
    return " ".join("".join(pieces).split())


@dataclass
class Entry:
    id: str
    kind: str  # person, place, org, event
    name: str  # normalised display name
    sort_key: str
    variants: list[str]
    dates: str
    identification: str
    authorities: list[tuple[str, str, str]]  # (type, value, url)
    geo: tuple[float, float] | None = None
    when: dict[str, str] = field(default_factory=dict)
    source: str = ""  # register file
    variant_langs: dict[str, str] = field(default_factory=dict)  # variant → its language, where not the edition's
    category: str = ""  # what kind of place the register says it is (place/@type), for the map

    @property
    def page(self) -> str:
        return PAGES[self.kind]

    @property
    def initial(self) -> str:
        first = self.sort_key[:1].upper()
        return first if first.isalpha() else "#"


@dataclass
class Mention:
    entry_id: str
    text_id: str
    anchor: str  # the mention's own id in the text page
    block_id: str  # the nearest citable passage (paragraph, note, item …)
    form: str  # the name as the reading text gives it
    before: str
    after: str
    page: str = ""  # the printed page the mention is on, where the source has page breaks
    withheld: bool = False  # context left out: the text is not published in this build
    location: str = ""  # where it is, as a reader cites it: "ch. 2, ¶ 14" (ria/model/locations.py)


@dataclass
class TextInfo:
    id: str
    path: str
    title: str
    author: str
    author_ref: str
    date: str  # ISO date of the work's creation, for ordering
    date_label: str
    availability: str  # free, restricted, unknown
    availability_note: str
    sources: list[str]
    sha256: str
    lang: str = ""  # the text's language (BCP 47), where its TEI states it
    revised: str = ""  # the latest calendar date its revisionDesc records a change on, or ""
    links: tuple[str, ...] = ()  # the other files its references point to, as written (texts.links_out)
    taxonomies: str = ""  # the schemes of its keywords a header above it declares (texts.taxonomies_named)
