"""A register's entries as every page shows them: name, spellings, dates, identification,
authority records, coordinates, read the same way for this edition's registers and any corpus's.

An entry is a person, place, organisation, event or work (a ``bibl`` or ``biblStruct`` of a
``listBibl``) with an ``xml:id``; its preferred name is the one typed ``reg`` or ``pref``, else the
first; a place may name itself through its parts (``place/settlement/placeName``). A
``biblStruct`` (the Weber edition's bibliography, a Zotero export) is named by the title of its
``analytic`` part, else of its ``monogr``, dated by its imprint and authored by that part's authors.
"""

from __future__ import annotations

import re

from lxml import etree

from ..xmlio import LANGUAGE_TAG, XML_ID, XML_LANG
from ..xmlio import TEI as T
from .records import Entry
from .records import words as _text

KINDS = {T + "person": "person", T + "place": "place", T + "org": "org", T + "bibl": "work",
         T + "biblStruct": "work", T + "event": "event"}
_LISTED_WORKS = frozenset({T + "bibl", T + "biblStruct"})  # entries only in a listBibl
_YEAR = re.compile(r"^-?\d{4}")
_RECORD_URI = re.compile(r"https?://[^/\s]+/([^?#\s]+?)/?")
_YEAR_IN_WORDS = re.compile(r"(?<!\d)\d{4}(?!\d)")
# Where an authority record's number alone is given, the address it stands for.
_AUTHORITY_URLS = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "geonames": "https://www.geonames.org/{}",
    "gnd": "https://d-nb.info/gnd/{}",
}
# How the authorities are written where a page names a record by them (header.xsl's authority-records
# too); the data exports keep the file's own word.
AUTHORITY_NAMES = {"wikidata": "Wikidata", "viaf": "VIAF", "gnd": "GND", "geonames": "GeoNames",
                    "wikipedia": "Wikipedia", "pmb": "PMB", "lccn": "LCCN", "isni": "ISNI", "orcid": "ORCID"}
# The dates an event (or any entry) carries on itself, with their other-calendar values (an Old Style date).
_OWN_DATES = ("when", "from", "to", "when-custom", "from-custom", "to-custom")


def _year(el: etree._Element | None) -> str:
    """The year a birth, death or work's date gives, as a reader writes it: 335 for 0335, 44 BC for -0044."""
    if el is None:
        return ""
    dated = [el] + el.findall(T + "date")
    for node in dated:
        for attr in ("when", "when-iso", "notBefore", "notBefore-iso", "from", "from-iso"):
            value = node.get(attr) or ""
            if _YEAR.match(value):
                year = int(value[:5] if value.startswith("-") else value[:4])
                return f"{-year} BC" if year < 0 else str(year)
    return ""


def _described(el: etree._Element, limit: int = 80) -> str:
    """What an entry without a name of its own says of itself (an attestation's words), cut short."""
    for tag in ("desc", "p", "note"):
        words = _text(el.find(T + tag))
        if words:
            return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"
    return ""


def _geo(text: str | None) -> tuple[float, float] | None:
    """Coordinates as the register writes them: "lat lon", decimal points or (German) commas."""
    if not text:
        return None
    tokens = text.split()
    if len(tokens) == 1 and tokens[0].count(",") == 1:
        tokens = tokens[0].split(",")
    if len(tokens) != 2:
        return None
    try:
        return float(tokens[0].replace(",", ".")), float(tokens[1].replace(",", "."))
    except ValueError:
        return None


def _is_headword(name: etree._Element) -> bool:
    """A name a gazetteer marks as its headword (Syriaca.org: srophe:tags="#syriaca-headword")."""
    return any(token.endswith("headword") for value in name.attrib.values() for token in value.split())


def _preferred(names: list[etree._Element]) -> etree._Element | None:
    """The name an entry is listed by: its headword, else the regularised or preferred one, else the first."""
    headword = next((name for name in names if _is_headword(name)), None)
    if headword is not None:
        return headword
    for wanted in ("reg", "pref", None):
        for name in names:
            if name.get("type") == wanted:
                return name
    return names[0] if names else None


_PLACE_PARTS = frozenset(T + tag for tag in ("settlement", "country", "region", "district", "bloc", "geogName"))


def _entry_names(el: etree._Element, tag: str) -> list[etree._Element]:
    """An entry's names; a place may name itself through its parts (place/settlement/placeName)."""
    names = el.findall(T + tag)
    if not names and tag == "placeName":
        names = [name for part in el if part.tag in _PLACE_PARTS for name in (part.findall(T + tag) or [part])]
    return names


def _pieces(el: etree._Element):
    """The words of a name element piece by piece: its text, each part's words, each part's tail."""
    yield el.text or ""
    for part in el:
        yield _text(part)
        yield part.tail or ""


def _work_parts(el: etree._Element) -> list[etree._Element]:
    """A biblStruct's article, chapter or poem (``analytic``), then the book or journal it is in
    (its first ``monogr``); nothing for any other entry."""
    if el.tag != T + "biblStruct":
        return []
    return [part for part in (el.find(T + "analytic"), el.find(T + "monogr")) if part is not None]


def _imprint_year(el: etree._Element) -> str:
    """The year a biblStruct was published: its imprint's date, as an attribute or in its words
    (a Zotero export writes <date>2012</date>, WeGA <date when="1840">Juli 1840</date>)."""
    for imprint in el.iterfind(f"{T}monogr/{T}imprint"):
        for date in imprint.findall(T + "date"):
            year = _year(date) or next(iter(_YEAR_IN_WORDS.findall(_text(date))), "")
            if year:
                return year
    return ""


def _agent_name(el: etree._Element) -> str:
    """An author's name as words, its parts apart where the file writes them together
    (<author><forename>Ted</forename><surname>Example</surname></author>)."""
    name = el.find(T + "persName")
    name = name if name is not None else el
    return " ".join(" ".join(piece.split()) for piece in _pieces(name) if piece.strip())


def entry_aliases(entries) -> dict[str, str]:
    """The addresses that name one entry and no other (the URI of its record in an authority
    file or a gazetteer: idno type="URI", a GND or GeoNames address) → its id. A text may point to
    the entry by one (ref="http://syriaca.org/person/13"), as it may by ref="#id"."""
    named: dict[str, set[str]] = {}
    for entry in entries:
        for _, value, url in entry.authorities:
            for address in {value, url}:
                if address.startswith(("http://", "https://")):
                    named.setdefault(address, set()).add(entry.id)
    return {address: next(iter(ids)) for address, ids in named.items() if len(ids) == 1}


def _id_of_uri(el: etree._Element) -> str:
    """An id for an entry that has none but the URI of its record (Syriaca.org's places):
    the URI's path ("place-78" for http://syriaca.org/place/78), which the texts point to by the URI."""
    for idno in el.findall(T + "idno"):
        match = _RECORD_URI.fullmatch((idno.text or "").strip()) if idno.get("type", "").lower() == "uri" else None
        if match:
            return re.sub(r"[^\w.-]+", "-", match.group(1)).strip("-.")
    return ""


def register_entries(root: etree._Element, source: str) -> list[Entry]:
    """The entries of a register (or of a text's own lists), in document order."""
    entries = []
    for el in root.iter(*KINDS):
        if el.tag in _LISTED_WORKS and (el.getparent() is None or el.getparent().tag != T + "listBibl"):
            continue  # a bibl inside an entry is its source, not a work of the register
        entry = register_entry(el, KINDS[el.tag], source)
        if entry is not None:
            entries.append(entry)
    return entries


def register_entry(el: etree._Element, kind: str, source: str) -> Entry | None:
    """The entry ``el`` is, as a ``kind`` ("person", "place", "org", "event", "work"); None without an id."""
    entry_id = el.get(XML_ID) or _id_of_uri(el)
    if not entry_id:
        return None
    variant_langs: dict[str, str] = {}
    if kind == "work":
        titles = el.findall(T + "title") or next(
            (part.findall(T + "title") for part in _work_parts(el) if part.find(T + "title") is not None), [])
        reg = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
        name = _text(reg)
        variants: list[str] = []
    else:
        tag = {"person": "persName", "place": "placeName", "org": "orgName", "event": "label"}[kind]
        names = _entry_names(el, tag)
        reg = _preferred(names)
        name = _text(reg)
        others = [n for n in names if n is not reg]
        variants = [v for v in dict.fromkeys(_text(n) for n in others)
                    if v and v != name and not v.startswith("http")]
        # the language of a spelling, where it is not the edition's (a Russian name in Cyrillic)
        variant_langs = {_text(n): n.get(XML_LANG) for n in others if LANGUAGE_TAG.fullmatch(n.get(XML_LANG) or "")}
    # An English article does not file a name: "The April days" under A.
    sort_key = re.sub(r"^(the|The) ", "", name)
    if kind == "person" and reg is not None and reg.find(T + "surname") is not None:
        surname = _text(reg.find(T + "surname"))
        forename = " ".join(_text(f) for f in reg.findall(T + "forename"))
        sort_key = f"{surname}, {forename}".strip(", ")
        parts = [child.tag for child in reg if child.tag in (T + "surname", T + "forename")]
        if not name or (parts[0] == T + "surname" and T + "forename" in parts):  # "Schnitzler Arthur"
            name = f"{forename} {surname}".strip()
        else:  # its parts as words, written together or not (<forename>Hermann</forename><surname>Bahr</surname>)
            name = " ".join(" ".join(piece.split()) for piece in _pieces(reg) if piece.strip())
    name = name or (_described(el) if kind == "event" else "") or entry_id
    sort_key = sort_key or name
    dates = ""
    if kind == "person":
        years = [_year(el.find(T + "birth")), _year(el.find(T + "death"))]
        if any(years):
            dates = "–".join(y or "?" for y in years)
    elif kind == "work" and el.tag == T + "biblStruct":
        dates = _imprint_year(el)
    elif kind == "work":
        dates = _year(el.find(T + "date"))
    elif kind == "event":
        dates = " – ".join(v for v in (el.get("when"), el.get("from"), el.get("to")) if v)
    geo = None
    if kind == "place":
        geo_el = el.find(f"{T}location[@type='coords']/{T}geo")
        if geo_el is None:
            geo_el = el.find(f"{T}location/{T}geo")
        geo = _geo(geo_el.text if geo_el is not None else None)
    described = (el.findall(f"{T}note[@type='identification']") or el.findall(f"{T}desc[@type='entity_type']")
                 or el.findall(T + "occupation") or el.findall(T + "desc"))
    identification = "; ".join(t for t in dict.fromkeys(_text(d) for d in described) if t)
    if kind == "work" and el.tag == T + "biblStruct":  # the authors of its article, else of its book
        authored = next((part.findall(T + "author") for part in _work_parts(el)
                         if part.find(T + "author") is not None), [])
        authors = "; ".join(_agent_name(a) for a in authored)
        identification = "; ".join(x for x in (authors, identification) if x)
    elif kind == "work":
        authors = "; ".join(_text(a) for a in el.findall(T + "author"))
        identification = "; ".join(x for x in (authors, identification) if x)
    authorities = []
    for idno in el.findall(T + "idno") + [i for part in _work_parts(el) for i in part.findall(T + "idno")]:
        value = (idno.text or "").strip()
        if value:
            label = idno.get("subtype") or idno.get("type") or "id"
            url = value if value.startswith(("http://", "https://")) else \
                _AUTHORITY_URLS.get(idno.get("type", ""), "").format(value)
            authorities.append((label, value, url))
    # What kind of place it is, for the map (an area, a country, a river is named where a town
    # gets a dot): the place's @type, or the corpus's entity type (a GeoNames or PMB feature code).
    category = ""
    if kind == "place":
        category = el.get("type", "") or _text(el.find(f"{T}desc[@type='entity_type']"))
    when = {k: v for k, v in el.attrib.items() if k in _OWN_DATES}
    return Entry(entry_id, kind, name, sort_key, variants, dates, identification, authorities, geo,
                 when, source, variant_langs, category=category)


def authority_name(label: str) -> str:
    """An authority as a page names it: "Wikidata" for the file's "wikidata"; any other as written."""
    return AUTHORITY_NAMES.get(label.lower(), label)
