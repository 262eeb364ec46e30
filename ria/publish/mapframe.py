"""Where a map panel's degrees fall on the page: the projection, and the graticule drawn from it.

Each panel uses an equidistant conic projection with standard parallels at a sixth
and five sixths of its latitudes, which keeps both the Baltic and the Urals in
proportion; the frame fits it into the panel's box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import etree

from .maplabels import Box, text_width


class Conic:
    """Equidistant conic projection on the unit sphere; y grows southwards, as in SVG."""

    def __init__(self, south: float, north: float, lon0: float):
        p1 = math.radians(south + (north - south) / 6)
        p2 = math.radians(north - (north - south) / 6)
        self.n = math.sin(p1) if abs(p2 - p1) < 1e-6 else (math.cos(p1) - math.cos(p2)) / (p2 - p1)
        self.g = math.cos(p1) / self.n + p1
        self.lon0 = lon0

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        # Longitudes are taken the short way round from the centre, so that the cut of
        # the cone lies on the far side of the globe and never crosses a panel.
        delta = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        rho = self.g - math.radians(lat)
        theta = self.n * math.radians(delta)
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
    def around(cls, coordinates: list[tuple[float, float]], min_span: float, aspect: float = 0.0) -> "Frame":
        """The frame of these (latitude, longitude) pairs, widened or heightened to ``aspect``
        (width to height on the ground) where one is given, to fill the panel's box."""
        lats, lons = [lat for lat, _ in coordinates], [lon for _, lon in coordinates]
        south, north, west, east = min(lats), max(lats), min(lons), max(lons)
        # No flatter or taller than 2:1 on the ground, so that an inset stays legible.
        shrink = math.cos(math.radians((north + south) / 2))
        lat_span = max(north - south, min_span, (east - west) * shrink / 2)
        lon_span = max(east - west, min_span / shrink, (north - south) / shrink / 2)
        lat_pad = max(lat_span * 0.08, (lat_span - (north - south)) / 2)
        lon_pad = max(lon_span * 0.08, (lon_span - (east - west)) / 2)
        south, north, west, east = south - lat_pad, north + lat_pad, west - lon_pad, east + lon_pad
        if aspect:  # widen or heighten about the middle
            widen = max(0.0, (north - south) * aspect / shrink - (east - west)) / 2
            heighten = max(0.0, (east - west) * shrink / aspect - (north - south)) / 2
            south, north, west, east = south - heighten, north + heighten, west - widen, east + widen
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


def graticule_step(span: float, room: float) -> float:
    """A round interval that draws no more lines than ``room`` (SVG units) has space for labels."""
    most = max(2, min(7, int(room // 55)))
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= most:
            return step
    return 45.0


def degrees(value: float, step: float, positive: str, negative: str) -> str:
    decimals = 0 if step >= 1 else 1 if step >= 0.1 else 2
    return f"{abs(value):.{decimals}f}°{positive if value >= 0 else negative}"


# ---------------------------------------------------------------- drawing

def svg_number(value: float) -> str:
    """A coordinate to a tenth of a unit, without trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg_element(parent: etree._Element, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def graticule(group: etree._Element, frame: Frame, width: float, height: float) -> list[Box]:
    """Lines of latitude and longitude, each labelled where it enters; the labels' boxes."""
    lines = svg_element(group, "g", class_="graticule", aria_hidden="true")
    labels = svg_element(group, "g", class_="graticule-labels", aria_hidden="true")
    boxes: list[Box] = []
    samples = 40

    def inside(x: float, y: float) -> bool:
        return -0.5 <= x <= width + 0.5 and -0.5 <= y <= height + 0.5

    def lines_every(first: float, last: float, step: float, line, label_end, hemispheres, dy: float) -> None:
        value = math.ceil(first / step) * step
        while value <= last + 1e-9:
            pts = [line(value, i / samples) for i in range(samples + 1)]
            svg_element(lines, "polyline", points=" ".join(f"{svg_number(x)},{svg_number(y)}" for x, y in pts))
            shown = [p for p in pts if inside(*p)]
            if shown:
                x, y = label_end(shown)
                text = degrees(value, step, *hemispheres)
                x, y = min(x + 3, width - text_width(text, 10) - 2), max(y - dy, 10)
                svg_element(labels, "text", text, x=svg_number(x), y=svg_number(y))
                boxes.append((x, y - 8, x + text_width(text, 10), y + 3))
            value += step

    # Meridians are labelled at their lowest point on the map, parallels at their leftmost.
    lines_every(frame.west, frame.east, graticule_step(frame.east - frame.west, width),
                lambda lon, t: frame(frame.south + (frame.north - frame.south) * t, lon),
                lambda pts: max(pts, key=lambda p: p[1]), ("E", "W"), 4)
    lines_every(frame.south, frame.north, graticule_step(frame.north - frame.south, height),
                lambda lat, t: frame(lat, frame.west + (frame.east - frame.west) * t),
                lambda pts: min(pts, key=lambda p: p[0]), ("N", "S"), 3)
    return boxes
