"""The map of places: an SVG drawn at build time from the coordinates of the places register.

No tiles, no web fonts, no requests: the map is an inline SVG of points and a
graticule, made here from ``location/geo`` of each place, and the same data is
shipped as GeoJSON. There are no coastlines, because the edition has no outline
data of its own to draw them from.

The places fall into panels. The main map holds the largest group of places
along the longitudes; groups far to the west or east (the Americas, the Far East)
get insets of their own rather than stretching the main map across the globe.
Where several places lie close around a much-mentioned one (the sites of a
city), they get an inset at a larger scale; the city itself stays on the map it
belongs to, with a square marking the inset's area. Every place with coordinates
is drawn exactly once. Each panel uses an equidistant conic projection with
standard parallels at a sixth and five sixths of its latitudes, which keeps both
the Baltic and the Urals in proportion.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from lxml import etree

from .index import EditionIndex, Entry

GEOJSON_PATH = "static/places.geojson"
WIDTH = 1000.0  # the SVG's user units; it scales to the page
GAP = 24.0
TITLE_SPACE = 22.0
LEGEND_SPACE = 56.0
INSET_MAX_HEIGHT = 300.0
# Places more than this many degrees of longitude from the next one start another group.
LONGITUDE_GAP = 25.0
# A city inset: at least this many places within this distance of a more-mentioned place.
CITY_RADIUS_KM = 20.0
CITY_MIN_SITES = 3
LABELS_MAIN = 24
LABELS_INSET = 8
FONT = 13.0


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
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0


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
    ordered = sorted(points, key=lambda p: p.lon)
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
    west = [g for g in groups if g[0].lon < main[0].lon]
    east = [g for g in groups if g[0].lon > main[-1].lon]
    panels = [Panel("A", "Main map", list(main))]
    panels += [Panel("", "West of map A", g) for g in west]
    panels += [Panel("", "East of map A", g) for g in east]
    cities = []
    for parent in panels:
        taken: set[str] = set()
        for hub in sorted(parent.points, key=lambda p: (-p.mentions, p.id)):
            if hub.id in taken:
                continue
            sites = [p for p in parent.points if p is not hub and p.id not in taken
                     and p.mentions <= hub.mentions and _km(hub, p) <= CITY_RADIUS_KM]
            if len(sites) >= CITY_MIN_SITES:
                taken.update(p.id for p in sites)
                taken.add(hub.id)
                cities.append(Panel("", f"{hub.name} (within {CITY_RADIUS_KM:g} km)", sites, hub))
                parent.points = [p for p in parent.points if p not in sites]
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


# ---------------------------------------------------------------- projection

class Conic:
    """Equidistant conic projection on the unit sphere; y grows southwards, as in SVG."""

    def __init__(self, south: float, north: float, lon0: float):
        p1 = math.radians(south + (north - south) / 6)
        p2 = math.radians(north - (north - south) / 6)
        self.n = math.sin(p1) if abs(p2 - p1) < 1e-6 else (math.cos(p1) - math.cos(p2)) / (p2 - p1)
        self.g = math.cos(p1) / self.n + p1
        self.lon0 = lon0

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        rho = self.g - math.radians(lat)
        theta = self.n * math.radians(lon - self.lon0)
        return rho * math.sin(theta), rho * math.cos(theta)


@dataclass
class Frame:
    """A panel's bounds in degrees, its projection and the fit of it into the panel's box."""

    south: float
    north: float
    west: float
    east: float
    conic: Conic
    scale: float = 1.0
    dx: float = 0.0
    dy: float = 0.0

    @classmethod
    def around(cls, points: list[Point], min_span: float) -> "Frame":
        lats, lons = [p.lat for p in points], [p.lon for p in points]
        south, north, west, east = min(lats), max(lats), min(lons), max(lons)
        # No flatter or taller than 2:1 on the ground, so that an inset stays legible.
        shrink = math.cos(math.radians((north + south) / 2))
        lat_span = max(north - south, min_span, (east - west) * shrink / 2)
        lon_span = max(east - west, min_span / shrink, (north - south) / shrink / 2)
        lat_pad = max(lat_span * 0.08, (lat_span - (north - south)) / 2)
        lon_pad = max(lon_span * 0.08, (lon_span - (east - west)) / 2)
        south, north, west, east = south - lat_pad, north + lat_pad, west - lon_pad, east + lon_pad
        return cls(south, north, west, east, Conic(south, north, (west + east) / 2))

    def outline(self, steps: int = 24) -> list[tuple[float, float]]:
        edges = []
        for i in range(steps + 1):
            t = i / steps
            lat = self.south + (self.north - self.south) * t
            lon = self.west + (self.east - self.west) * t
            edges += [(lat, self.west), (lat, self.east), (self.south, lon), (self.north, lon)]
        return [self.conic(lat, lon) for lat, lon in edges]

    def fit(self, width: float, max_height: float) -> tuple[float, float]:
        """Scale the frame into ``width`` (less, if it would be taller than ``max_height``)."""
        xs, ys = zip(*self.outline())
        w, h = max(xs) - min(xs), max(ys) - min(ys)
        self.scale = min(width / w, max_height / h)
        self.dx, self.dy = -min(xs) * self.scale, -min(ys) * self.scale
        return w * self.scale, h * self.scale

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = self.conic(lat, lon)
        return x * self.scale + self.dx, y * self.scale + self.dy


def _step(span: float, room: float) -> float:
    """A round interval that draws no more lines than ``room`` (SVG units) has space for labels."""
    most = max(2, min(7, int(room // 55)))
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= most:
            return step
    return 45.0


def _degrees(value: float, step: float, positive: str, negative: str) -> str:
    decimals = 0 if step >= 1 else 1 if step >= 0.1 else 2
    return f"{abs(value):.{decimals}f}°{positive if value >= 0 else negative}"


# ---------------------------------------------------------------- drawing

def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def radius(mentions: int) -> float:
    """Dot area grows with the number of mentions."""
    return 3.0 + 1.4 * math.sqrt(max(mentions, 1))


def _graticule(group: etree._Element, frame: Frame, width: float, height: float) -> None:
    lines = _sub(group, "g", class_="graticule", aria_hidden="true")
    labels = _sub(group, "g", class_="graticule-labels", aria_hidden="true")
    lat_step = _step(frame.north - frame.south, height)
    lon_step = _step(frame.east - frame.west, width)
    samples = 40

    def inside(x: float, y: float) -> bool:
        return -0.5 <= x <= width + 0.5 and -0.5 <= y <= height + 0.5

    def graticule(first: float, last: float, step: float, line, label_end, hemispheres, dy: float) -> None:
        """Grid lines every ``step`` degrees from ``first`` to ``last``, each labelled where it enters."""
        value = math.ceil(first / step) * step
        while value <= last + 1e-9:
            pts = [line(value, i / samples) for i in range(samples + 1)]
            _sub(lines, "polyline", points=" ".join(f"{_f(x)},{_f(y)}" for x, y in pts))
            shown = [p for p in pts if inside(*p)]
            if shown:
                x, y = label_end(shown)
                _sub(labels, "text", _degrees(value, step, *hemispheres), x=_f(x + 3), y=_f(y - dy))
            value += step

    # Meridians are labelled at their lowest point on the map, parallels at their leftmost.
    graticule(frame.west, frame.east, lon_step,
              lambda lon, t: frame(frame.south + (frame.north - frame.south) * t, lon),
              lambda pts: max(pts, key=lambda p: p[1]), ("E", "W"), 4)
    graticule(frame.south, frame.north, lat_step,
              lambda lat, t: frame(lat, frame.west + (frame.east - frame.west) * t),
              lambda pts: min(pts, key=lambda p: p[0]), ("N", "S"), 3)


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_labels(group: etree._Element, points: list[Point], count: int, width: float,
                  height: float, taken: list) -> None:
    """Name the most-mentioned places where a name fits without covering another or a dot."""
    layer = _sub(group, "g", class_="labels", aria_hidden="true")
    dots = [(p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r, p.id) for p in points]
    for point in sorted(points, key=lambda p: (-p.mentions, p.name))[:count]:
        w, h = len(point.name) * FONT * 0.62, FONT
        pad = point.r + 2
        candidates = [(point.x + pad, point.y + h / 3, "start"), (point.x - pad, point.y + h / 3, "end"),
                      (point.x, point.y - pad - 1, "middle"), (point.x, point.y + pad + h - 2, "middle")]
        for x, y, anchor in candidates:
            left = {"start": x, "end": x - w, "middle": x - w / 2}[anchor]
            box = (left, y - h + 2, left + w, y + 2)
            if box[0] < 0 or box[2] > width or box[1] < 0 or box[3] > height:
                continue
            if any(_boxes_overlap(box, t) for t in taken):
                continue
            if any(_boxes_overlap(box, d[:4]) for d in dots if d[4] != point.id):
                continue
            taken.append(box)
            _sub(layer, "text", point.name, x=_f(x), y=_f(y), text_anchor=anchor)
            break


def _draw_panel(svg: etree._Element, panel: Panel, frame: Frame, insets: list[Panel],
                hub_frames: dict[str, Frame], links: dict[str, str]) -> None:
    group = _sub(svg, "g", id=f"panel-{panel.id}", class_="panel",
                 transform=f"translate({_f(panel.x)} {_f(panel.y)})")
    _sub(group, "text", f"{panel.id}. {panel.title}", class_="panel-title", x="0", y="-7")
    clip = _sub(group, "clipPath", id=f"clip-{panel.id}")
    _sub(clip, "rect", x="0", y="0", width=_f(panel.width), height=_f(panel.height))
    _sub(group, "rect", class_="frame", x="0", y="0", width=_f(panel.width), height=_f(panel.height))
    inner = _sub(group, "g", clip_path=f"url(#clip-{panel.id})")
    _graticule(inner, frame, panel.width, panel.height)
    points_layer = _sub(inner, "g", class_="places")
    for point in sorted(panel.points, key=lambda p: (-p.mentions, p.name)):  # small dots on top
        link = _sub(points_layer, "a", href=links.get(point.id) or f"places.html#{point.id}", class_="place",
                    id=f"map-{point.id}")
        plural = "s" if point.mentions != 1 else ""
        _sub(link, "title", f"{point.name} ({point.mentions} mention{plural})")
        _sub(link, "circle", cx=_f(point.x), cy=_f(point.y), r=_f(point.r))
    taken: list = []
    for inset in insets:  # the area a city inset shows, marked on the map it lies on
        if inset.hub is not None and inset.hub.panel == panel.id:
            sub = hub_frames[inset.id]
            corners = [frame(lat, lon) for lat in (sub.south, sub.north) for lon in (sub.west, sub.east)]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            size = max(max(xs) - min(xs), max(ys) - min(ys), 12.0)
            cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
            _sub(inner, "rect", class_="inset-area", x=_f(cx - size / 2), y=_f(cy - size / 2),
                 width=_f(size), height=_f(size))
            label = (cx + size / 2 + 2, cy + size / 2 + 2, cx + size / 2 + 14, cy + size / 2 + 16)
            _sub(inner, "text", inset.id, class_="inset-key", x=_f(label[0]), y=_f(label[3] - 2),
                 aria_hidden="true")
            taken.append(label)
    _place_labels(inner, panel.points, LABELS_MAIN if panel.id == "A" else LABELS_INSET,
                  panel.width, panel.height, taken)


def _legend(svg: etree._Element, y: float) -> None:
    group = _sub(svg, "g", class_="legend", transform=f"translate(0 {_f(y)})", aria_hidden="true")
    _sub(group, "text", "Dot area by number of mentions:", x="0", y="30")
    x = 290.0
    for mentions in (1, 10, 50, 100):
        r = radius(mentions)
        _sub(group, "circle", class_="key", cx=_f(x + r), cy=_f(26 - r + 8), r=_f(r))
        _sub(group, "text", str(mentions), x=_f(x + 2 * r + 5), y="30")
        x += 2 * r + 50


def places_map(index: EditionIndex, links: dict[str, str] | None = None) -> PlacesMap:
    """The map of the places with coordinates; ``links`` gives each place's address where
    it is not an anchor of the edition's places.html (a corpus's entries have pages of their own)."""
    links = links or {}
    entries = index.entries_of("place")
    points = [Point(e, e.geo[0], e.geo[1], len(index.mentions_of(e.id))) for e in entries if e.geo]
    without = [(e, len(index.mentions_of(e.id))) for e in entries if not e.geo]
    if not points:
        return PlacesMap("", [], [], without, 0, 0, entries, links)
    panels = _panels(points)
    frames: dict[str, Frame] = {}
    main = panels[0]
    frames[main.id] = Frame.around(main.points, 4.0)
    main.width, main.height = frames[main.id].fit(WIDTH, WIDTH)
    main.y = TITLE_SPACE
    insets = panels[1:]
    for inset in insets:
        span = 0.04 if inset.hub is not None else 4.0
        frames[inset.id] = Frame.around(inset.points, span)
    if insets:
        cell = (WIDTH - GAP * (len(insets) - 1)) / len(insets)
        x = 0.0
        for inset in insets:
            inset.width, inset.height = frames[inset.id].fit(cell, INSET_MAX_HEIGHT)
            inset.x, inset.y = x, main.y + main.height + GAP + TITLE_SPACE
            x += cell + GAP
        bottom = max(i.y + i.height for i in insets)
    else:
        bottom = main.y + main.height
    for panel in panels:
        frame = frames[panel.id]
        for point in panel.points:
            point.x, point.y = frame(point.lat, point.lon)
            point.r = radius(point.mentions)
    height = bottom + LEGEND_SPACE
    # No namespace: the SVG is written inline into HTML, whose parser puts it in the SVG namespace.
    svg = etree.Element("svg", {"class": "places-map",
                                "viewBox": f"0 0 {_f(WIDTH)} {_f(height)}",
                                "aria-labelledby": "map-svg-title map-svg-desc"})
    _sub(svg, "title", "Map of the places named in the texts", id="map-svg-title")
    _sub(svg, "desc", f"{len(points)} places with coordinates, each a link to its index entry, "
         f"in {len(panels)} panels: " + "; ".join(f"{p.id}. {p.title}" for p in panels) + ".",
         id="map-svg-desc")
    for panel in panels:
        _draw_panel(svg, panel, frames[panel.id], insets, frames, links)
    _legend(svg, bottom)
    text = etree.tostring(svg, encoding="unicode")
    return PlacesMap(text, panels, sorted(points, key=lambda p: (p.entry.sort_key.casefold(), p.id)),
                     without, WIDTH, height, entries, links)


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
