"""A register's entries as the pages show them: name, spellings, dates, identification,
authority records, coordinates; and the page each entry gets."""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from ..model.index import Entry, _text
from ..problems import Problem
from ..safenames import PageNames
from ..xmlio import TEI as T
from ..xmlio import XML_ID

# The entries a register holds, the page they go on, the heading of that page.
KINDS = {T + "person": "person", T + "place": "place", T + "org": "org", T + "bibl": "work",
         T + "event": "event"}
PAGES = {"person": ("persons", "Persons"), "place": ("places", "Places"),
         "org": ("organisations", "Organisations"), "work": ("works", "Works"),
         "event": ("events", "Events")}
_YEAR = re.compile(r"^-?\d{4}")


def initial_of(sort_key: str) -> str:
    """The page an entry's name files under: a–z (accents folded), or 'other'."""
    for char in sort_key:
        if char.isalnum():
            folded = unicodedata.normalize("NFKD", char)[0].lower()
            return folded if "a" <= folded <= "z" else "other"
    return "other"


def _year(el: etree._Element | None) -> str:
    if el is None:
        return ""
    dated = [el] + el.findall(T + "date")
    for node in dated:
        for attr in ("when", "when-iso", "notBefore", "notBefore-iso", "from", "from-iso"):
            value = node.get(attr) or ""
            if _YEAR.match(value):
                return value[:4] if not value.startswith("-") else value[:5]
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


def _preferred(names: list[etree._Element]) -> etree._Element | None:
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


def register_entry(el: etree._Element, kind: str, source: str) -> Entry | None:
    entry_id = el.get(XML_ID)
    if not entry_id:
        return None
    if kind == "work":
        titles = el.findall(T + "title")
        reg = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
        name = _text(reg)
        variants: list[str] = []
    else:
        tag = {"person": "persName", "place": "placeName", "org": "orgName", "event": "label"}[kind]
        names = _entry_names(el, tag)
        reg = _preferred(names)
        name = _text(reg)
        variants = [v for v in dict.fromkeys(_text(n) for n in names if n is not reg)
                    if v and v != name and not v.startswith("http")]
    sort_key = name
    if kind == "person" and reg is not None and reg.find(T + "surname") is not None:
        surname, forename = _text(reg.find(T + "surname")), _text(reg.find(T + "forename"))
        name = f"{forename} {surname}".strip()
        sort_key = f"{surname}, {forename}".strip(", ")
    name = name or entry_id
    sort_key = sort_key or name
    dates = ""
    if kind == "person":
        years = [_year(el.find(T + "birth")), _year(el.find(T + "death"))]
        if any(years):
            dates = "–".join(y or "?" for y in years)
    elif kind == "work":
        dates = _year(el.find(T + "date"))
    geo = None
    if kind == "place":
        geo_el = el.find(f"{T}location[@type='coords']/{T}geo")
        if geo_el is None:
            geo_el = el.find(f"{T}location/{T}geo")
        geo = _geo(geo_el.text if geo_el is not None else None)
    described = (el.findall(f"{T}note[@type='identification']") or el.findall(f"{T}desc[@type='entity_type']")
                 or el.findall(T + "occupation") or el.findall(T + "desc"))
    identification = "; ".join(t for t in dict.fromkeys(_text(d) for d in described) if t)
    if kind == "work":
        authors = "; ".join(_text(a) for a in el.findall(T + "author"))
        identification = "; ".join(x for x in (authors, identification) if x)
    authorities = []
    for idno in el.findall(T + "idno"):
        value = (idno.text or "").strip()
        if value:
            label = idno.get("subtype") or idno.get("type") or "id"
            authorities.append((label, value, value if value.startswith(("http://", "https://")) else ""))
    # A place's kind, as the corpus's entity type gives it (a GeoNames or PMB feature code): the map
    # names an area (a country, a river) where a town gets a dot.
    category = _text(el.find(f"{T}desc[@type='entity_type']")) if kind == "place" else ""
    return Entry(entry_id, kind, name, sort_key, variants, dates, identification, authorities, geo,
                 {}, source, category=category)


def page_of(entry: Entry) -> str:
    """The page of the alphabetical list the entry is filed on."""
    return f"{PAGES[entry.kind][0]}-{initial_of(entry.sort_key)}"


def entry_pages(entries: dict[str, Entry]) -> dict[str, str]:
    """Entry id → its own page, in its kind's folder, named by its id made safe.

    Ids that one file system takes for one (they differ only in case) are told apart by a
    number, in the order of the ids, so the same register always gives the same names.
    """
    pages: dict[str, str] = {}
    names = {kind: PageNames(kind) for kind in PAGES}
    for entry_id in sorted(entries):
        kind = entries[entry_id].kind
        # Last, a name ending in a hash of the id, which no other id gives: every entry gets a page
        # however many ids differ from it only in case.
        name = names[kind].claim([entry_id] + [f"{entry_id}-{n}" for n in range(2, 100)] + [entry_id + "\0"],
                                 entry_id)
        if not isinstance(name, Problem):
            pages[entry_id] = f"{PAGES[kind][0]}/{name}"
    return pages
