"""The map of places: an SVG drawn at build time from the coordinates of the places register.

No tiles, no web fonts, no requests: the map is an inline SVG, made here from
``location/geo`` of each place over a base map of land, sea, rivers and present-day
borders (``ria/publish/basemap.py``), and the same places are shipped as GeoJSON.

The places fall into panels. The main map holds the largest group of places
along the longitudes; groups far to the west or east (the Americas, the Far East)
get insets of their own rather than stretching the main map across the globe.
Where several places lie close around a much-mentioned one (the sites of a
city), they get an inset at a larger scale; the city itself stays on the map it
belongs to, with a square marking the inset's area. Every place with coordinates
is drawn exactly once, as a link to its entry: a town as a dot, an area that the
register calls a country, region, sea or river as its name alone. Every place is
named, beside its dot, on a leader line, or by a number in the panel's key
(``ria/publish/maplabels.py``).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass, field

from lxml import etree

from ..model.index import Index, Entry
from . import basemap, maplabels
from .mapframe import Frame, graticule
from .mapframe import svg_element as _sub
from .mapframe import svg_number as _f

GEOJSON_PATH = "static/places.geojson"
WIDTH = 1000.0  # the SVG's user units; it scales to the page
GAP = 24.0
TITLE_SPACE = 22.0
LEGEND_SPACE = 76.0
MAIN_ASPECT = 1.4  # the main map at least this tall for its width: room for the names
FAR_MAX_HEIGHT = 300.0  # an inset of places far to the west or east
CITY_PER_ROW = 2  # city insets side by side, large enough to name every site
CITY_MAX_HEIGHT = 440.0
KEY_LINE, KEY_COLUMN = 17.0, 230.0  # the rows and columns of a panel's numbered key
# Places more than this many degrees of longitude from the next one start another group.
LONGITUDE_GAP = 25.0
# A city inset: at least this many places within this distance of a more-mentioned place.
CITY_RADIUS_KM = 20.0
CITY_MIN_SITES = 3

# What a register may call a place that is an area rather than a point: the edition's
# place/@type, and the feature codes (GeoNames, PMB) that corpora give as its entity type.
AREA_TYPES = {"land": {"country", "continent", "region", "province", "state", "territory"},
              "water": {"sea", "ocean", "river", "lake", "gulf", "bay", "strait"}}
AREA_CODES = {"land": re.compile(r"A\.(PCL\w*|ADM[12]|LND|LNDX)|L\.\w+"),
              "water": re.compile(r"H\.\w+|N\.(FLS|SEE)")}


def area_of(entry: Entry) -> str:
    """'land' or 'water' for a place named as an area, '' for a place drawn as a dot."""
    category = entry.category.strip()
    code = re.search(r"\b[A-Z]\.[A-Z0-9]+\b", category)
    for area in ("land", "water"):
        if category.casefold() in AREA_TYPES[area] or (code and AREA_CODES[area].fullmatch(code.group(0))):
            return area
    return ""


@dataclass
class Point:
    entry: Entry
    lat: float
    lon: float
    mentions: int
    panel: str = ""
    x: float = 0.0
    y: float = 0.0
    r: float = 0.0
    area: str = ""
    number: int = 0  # its number in its panel's key, where the map names it by one

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def coordinates(self) -> str:
        return (f"{abs(self.lat):.4f}° {'N' if self.lat >= 0 else 'S'}, "
                f"{abs(self.lon):.4f}° {'E' if self.lon >= 0 else 'W'}")


@dataclass
class Panel:
    id: str  # a letter, as the captions and the table name it
    title: str
    points: list[Point]
    hub: Point | None = None  # the place a city inset surrounds (drawn on its parent panel)
    far: bool = False  # a group far to the west or east of the main map
    frame: Frame | None = None
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0
    key: list[tuple[int, Point]] = field(default_factory=list)  # the places named by a number
    unnamed: int = 0  # places without room for a name or a number (named in the table alone)

    @property
    def key_column(self) -> float:
        """As wide as the key's longest line, and at least KEY_COLUMN."""
        widest = max((maplabels.text_width(f"{n}  {p.name}", 13) for n, p in self.key), default=0.0)
        return max(KEY_COLUMN, widest + 16)

    @property
    def key_rows(self) -> int:
        return math.ceil(len(self.key) / max(1, int(self.width // self.key_column))) if self.key else 0

    @property
    def key_height(self) -> float:
        return self.key_rows * KEY_LINE + (KEY_LINE if self.key else 0)


@dataclass
class PlacesMap:
    svg: str
    panels: list[Panel]
    points: list[Point]  # every place with coordinates, by name
    without: list[tuple[Entry, int]]  # the places without coordinates, and their mentions
    width: float
    height: float
    entries: list[Entry] = field(default_factory=list)  # every place, by name
    links: dict[str, str] = field(default_factory=dict)  # place id → the address of its entry
    credit: str = ""  # where the base map's data comes from

    def link(self, entry_id: str) -> str:
        return self.links.get(entry_id) or f"places.html#{entry_id}"


# ---------------------------------------------------------------- grouping

def _km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _longitude_groups(points: list[Point]) -> list[list[Point]]:
    ordered = sorted(points, key=lambda p: (p.lon, p.id))
    groups: list[list[Point]] = []
    for point in ordered:
        if groups and point.lon - groups[-1][-1].lon <= LONGITUDE_GAP:
            groups[-1].append(point)
        else:
            groups.append([point])
    return groups


def _panels(points: list[Point]) -> list[Panel]:
    groups = _longitude_groups(points)
    main = max(groups, key=len)
    panels = [Panel("A", "Main map", list(main))]
    panels += [Panel("", "West of map A", g, far=True) for g in groups if g[0].lon < main[0].lon]
    panels += [Panel("", "East of map A", g, far=True) for g in groups if g[0].lon > main[-1].lon]
    cities = []
    # A great circle is never shorter than the difference in latitude of its ends: only the points
    # in a hub's band of latitude can be within the radius (a margin keeps rounding out of it).
    band = math.degrees(CITY_RADIUS_KM / 6371.0) * 1.001
    for parent in panels:
        taken: set[str] = set()
        position = {p.id: n for n, p in enumerate(parent.points)}  # (the sites keep the panel's order)
        by_latitude = sorted(parent.points, key=lambda p: p.lat)
        latitudes = [p.lat for p in by_latitude]
        for hub in sorted(parent.points, key=lambda p: (-p.mentions, p.id)):
            if hub.id in taken or hub.area:
                continue
            near = by_latitude[bisect.bisect_left(latitudes, hub.lat - band):
                               bisect.bisect_right(latitudes, hub.lat + band)]
            sites = sorted((p for p in near if p is not hub and p.id not in taken
                            and p.mentions <= hub.mentions and _km(hub, p) <= CITY_RADIUS_KM),
                           key=lambda p: position[p.id])
            if len(sites) >= CITY_MIN_SITES:
                taken.update(p.id for p in sites)
                taken.add(hub.id)
                cities.append(Panel("", f"{hub.name} (within {CITY_RADIUS_KM:g} km)", sites, hub))
                gone = {p.id for p in sites}
                parent.points = [p for p in parent.points if p.id not in gone]
    panels += cities
    for n, panel in enumerate(panels):
        panel.id = _panel_label(n)
        for point in panel.points:
            point.panel = panel.id
    return panels


def _panel_label(n: int) -> str:
    """A, B … Z, then AA, AB …: every panel of a map spread over many regions has a label of its own."""
    label = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


# ---------------------------------------------------------------- drawing

def radius(mentions: int) -> float:
    """Dot area grows with the number of mentions."""
    return 3.0 + 1.4 * math.sqrt(max(mentions, 1))


def _inset_marks(group: etree._Element, panel: Panel, panels: list[Panel]) -> list[maplabels.Box]:
    """The area each city inset shows, marked on the map it lies on, with the inset's letter."""
    boxes = []
    for inset in panels:
        if inset.hub is None or inset.hub.panel != panel.id:
            continue
        sub = inset.frame
        corners = [panel.frame(lat, lon) for lat in (sub.south, sub.north) for lon in (sub.west, sub.east)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        size = max(max(xs) - min(xs), max(ys) - min(ys), 12.0)
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        _sub(group, "rect", class_="inset-area", x=_f(cx - size / 2), y=_f(cy - size / 2),
             width=_f(size), height=_f(size))
        key = (cx + size / 2 + 1, cy + size / 2 + 1, cx + size / 2 + 3 + maplabels.text_width(inset.id, 13),
               cy + size / 2 + 16)
        _sub(group, "text", inset.id, class_="inset-key", x=_f(key[0] + 1), y=_f(key[3] - 3), aria_hidden="true")
        boxes.append(key)
    return boxes


def _draw_panel(svg: etree._Element, panel: Panel, panels: list[Panel], links: dict[str, str]) -> None:
    group = _sub(svg, "g", id=f"panel-{panel.id}", class_="panel")
    _sub(group, "text", f"{panel.id}. {panel.title}", class_="panel-title", x="0", y="-7")
    clip = _sub(group, "clipPath", id=f"clip-{panel.id}")
    _sub(clip, "rect", x="0", y="0", width=_f(panel.width), height=_f(panel.height))
    inner = _sub(group, "g", clip_path=f"url(#clip-{panel.id})")
    if panel.hub is None:  # at a city's scale the 1:50 million outlines would mislead
        basemap.draw(inner, panel.frame, panel.width, panel.height)
    else:
        _sub(inner, "rect", class_="ground", x="0", y="0", width=_f(panel.width), height=_f(panel.height))
    obstacles = graticule(inner, panel.frame, panel.width, panel.height)
    obstacles += _inset_marks(inner, panel, panels)
    _sub(group, "rect", class_="frame", x="0", y="0", width=_f(panel.width), height=_f(panel.height))
    ranked = sorted(panel.points, key=lambda p: (-p.mentions, p.name, p.id))
    marks = {p.id: maplabels.Mark(p.id, p.name, p.x, p.y, p.r) for p in ranked}
    labels = maplabels.place(panel.width, panel.height, [marks[p.id] for p in ranked if p.area],
                             [marks[p.id] for p in ranked if not p.area], obstacles)
    by_place = {label.key: label for label in labels}
    layer = _sub(group, "g", class_="places")
    for point in ranked:  # the most mentioned first, so that small dots lie on top
        label = by_place.get(point.id)
        link = _sub(layer, "a", href=links.get(point.id) or f"places.html#{point.id}",
                    class_=f"place area {point.area}" if point.area else "place", id=f"map-{point.id}")
        _sub(link, "title", point.name)
        _sub(link, "desc", f"{point.mentions} mention{'s' if point.mentions != 1 else ''}"
             + (f"; number {label.number} in the key of map {panel.id}" if label and label.number else ""))
        if not point.area or label is None:  # an area that finds no room for its name gets a dot
            _sub(link, "circle", cx=_f(point.x), cy=_f(point.y), r=_f(point.r or radius(point.mentions)))
        if label is None:
            panel.unnamed += 1
            continue
        if label.leader:
            x1, y1, x2, y2 = label.leader
            _sub(link, "line", class_="leader", x1=_f(x1), y1=_f(y1), x2=_f(x2), y2=_f(y2))
        _sub(link, "text", label.text, class_="number" if label.number else "label",
             x=_f(label.x), y=_f(label.y), font_size=_f(label.size))
    points = {p.id: p for p in panel.points}
    for label in labels:
        points[label.key].number = label.number
    panel.key = sorted((label.number, points[label.key]) for label in labels if label.number)
    if panel.key:
        key = _sub(group, "g", class_="key", aria_hidden="true")
        rows, column = panel.key_rows, panel.key_column
        for n, (number, point) in enumerate(panel.key):
            x, y = (n // rows) * column, panel.height + KEY_LINE * (n % rows + 1) + 4
            _sub(key, "text", f"{number}  {point.name}", x=_f(x), y=_f(y))


def _legend(svg: etree._Element, y: float) -> None:
    group = _sub(svg, "g", class_="legend", transform=f"translate(0 {_f(y)})", aria_hidden="true")
    _sub(group, "text", "Dot area by number of mentions:", x="0", y="30")
    x = 290.0
    for mentions in (1, 10, 50, 100):
        r = radius(mentions)
        _sub(group, "circle", class_="key", cx=_f(x + r), cy=_f(26 - r + 8), r=_f(r))
        _sub(group, "text", str(mentions), x=_f(x + 2 * r + 5), y="30")
        x += 2 * r + 50
    x = 0.0
    for kind, text in (("land", "land"), ("sea", "sea and lakes"), ("rivers", "major river"),
                       ("borders", "border of today")):
        if kind in ("land", "sea"):
            _sub(group, "rect", class_=f"swatch {kind}", x=_f(x), y="50", width="18", height="12")
        else:
            _sub(group, "path", class_=kind, d=f"M{_f(x)} 56h18")
        _sub(group, "text", text, x=_f(x + 24), y="61")
        x += 24 + maplabels.text_width(text, 13) + 24


def _layout(panels: list[Panel]) -> list[list[Panel]]:
    """Frame and project every panel; the rows of insets under the main map: the far groups,
    then the city insets, so many to a row."""
    main, far, cities = panels[0], [p for p in panels if p.far], [p for p in panels if p.hub is not None]
    main.frame = Frame.around([(p.lat, p.lon) for p in main.points], 4.0, MAIN_ASPECT)
    main.width, main.height = main.frame.fit(WIDTH, WIDTH)
    rows = [far] if far else []
    rows += [cities[i:i + CITY_PER_ROW] for i in range(0, len(cities), CITY_PER_ROW)]
    for row in rows:
        columns = CITY_PER_ROW if row[0].hub else len(row)
        cell = (WIDTH - GAP * (columns - 1)) / columns
        for n, panel in enumerate(row):
            max_height = CITY_MAX_HEIGHT if panel.hub else FAR_MAX_HEIGHT
            panel.frame = Frame.around([(p.lat, p.lon) for p in panel.points], 0.04 if panel.hub else 4.0,
                                       cell / max_height)
            panel.width, panel.height = panel.frame.fit(cell, max_height)
            panel.x = n * (cell + GAP)
    for panel in panels:
        for point in panel.points:
            point.x, point.y = panel.frame(point.lat, point.lon)
            point.r = 0.0 if point.area else radius(point.mentions)
    return rows


def places_map(index: Index, links: dict[str, str] | None = None) -> PlacesMap:
    """The map of the places with coordinates; ``links`` gives each place's address where
    it is not an anchor of the edition's places.html (a corpus's entries have pages of their own)."""
    links = links or {}
    entries = index.entries_of("place")
    points = [Point(e, e.geo[0], e.geo[1], len(index.mentions_of(e.id)), area=area_of(e))
              for e in entries if e.geo]
    without = [(e, len(index.mentions_of(e.id))) for e in entries if not e.geo]
    if not points:
        return PlacesMap("", [], [], without, 0, 0, entries, links)
    panels = _panels(points)
    rows = _layout(panels)
    # No namespace: the SVG is written inline into HTML, whose parser puts it in the SVG namespace.
    svg = etree.Element("svg", {"class": "places-map", "aria-labelledby": "map-svg-title map-svg-desc"})
    _sub(svg, "title", "Map of the places named in the texts", id="map-svg-title")
    _sub(svg, "desc", f"{len(points)} places with coordinates, each a link to its index entry, "
         f"in {len(panels)} panels: " + "; ".join(f"{p.id}. {p.title}" for p in panels) + ".",
         id="map-svg-desc")
    for panel in panels:  # placed once the keys under them have their heights
        _draw_panel(svg, panel, panels, links)
    main = panels[0]
    main.y = TITLE_SPACE
    bottom = main.y + main.height + main.key_height
    for row in rows:
        top = bottom + GAP + TITLE_SPACE
        for panel in row:
            panel.y = top
        bottom = top + max(p.height + p.key_height for p in row)
    for panel in panels:
        svg.find(f"g[@id='panel-{panel.id}']").set("transform", f"translate({_f(panel.x)} {_f(panel.y)})")
    _legend(svg, bottom)
    height = bottom + LEGEND_SPACE
    svg.set("viewBox", f"0 0 {_f(WIDTH)} {_f(height)}")
    text = etree.tostring(svg, encoding="unicode")
    return PlacesMap(text, panels, sorted(points, key=lambda p: (p.entry.sort_key.casefold(), p.id)),
                     without, WIDTH, height, entries, links, basemap.source().credit)


def geojson(places: PlacesMap) -> bytes:
    """Every place of the register as a GeoJSON Feature (RFC 7946); no coordinates, no geometry."""
    points = {p.id: p for p in places.points}
    counts = dict((e.id, n) for e, n in places.without)
    features = []
    for entry in places.entries:
        point = points.get(entry.id)
        geometry = {"type": "Point", "coordinates": [point.lon, point.lat]} if point else None
        features.append({
            "type": "Feature", "id": entry.id, "geometry": geometry,
            "properties": {"name": entry.name, "variants": [v for v in entry.variants if v != entry.name],
                           "mentions": point.mentions if point else counts.get(entry.id, 0),
                           "entry": places.link(entry.id),
                           "authorities": [url for _, _, url in entry.authorities if url]},
        })
    data = {"type": "FeatureCollection", "features": features}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
