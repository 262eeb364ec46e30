"""Names on the map that never cover one another: beside the dot, farther out on a leader
line, or, where even that finds no room, as a number explained in the panel's key.

Placement is greedy and deterministic: areas (countries, seas, rivers) are named first, at
their point, then the places by how often they are mentioned, each at the first free spot
of a fixed sequence of directions and distances. Text widths are estimated from the
widths of a broad sans-serif face (DejaVu Sans, Chromium's fallback on Linux), a little
generously, so that the browser's narrower faces only leave more room.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FONT = 12.0  # a place's name
AREA_FONT = 11.5  # the name of a country, region, sea or river (italic)
NUMBER_FONT = 11.0  # a number explained in the key
ASCENT, DESCENT = 0.8, 0.26  # of the em, above and below the baseline
PAD = 1.5  # free space kept around every label
# From the dot's edge; beyond 0, a leader line. Farther than this, a reader loses the thread:
# a place with no room within it stays unnamed on the map and is named in the table under it.
DISTANCES = (0, 10, 22, 36, 52, 72, 96)
ANGLES = tuple(math.radians(a) for a in (0, 180, -35, 35, -145, 145, -90, 90, -60, 60, -120, 120,
                                          -15, 15, -165, 165))
AREA_SHIFTS = ((0, 0), (0, -9), (0, 9), (0, -18), (0, 18), (-20, 0), (20, 0), (0, -28), (0, 28))

_WIDTHS = {**dict.fromkeys("ijl.,:;'’!|", 0.31), **dict.fromkeys("ft()-/", 0.41), "r": 0.43, " ": 0.33,
           **dict.fromkeys("mw", 0.98), **dict.fromkeys("MW", 1.0), **dict.fromkeys("0123456789", 0.64)}


def text_width(text: str, size: float) -> float:
    """A generous estimate of the width of ``text`` at ``size`` in a sans-serif face."""
    em = sum(_WIDTHS.get(c, 0.75 if c.isupper() else 0.63) for c in text)
    return em * size * 1.04


Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass
class Mark:
    """A thing to name: a place's dot (``r`` > 0) or an area named at its point (``r`` = 0)."""

    key: str
    name: str
    x: float
    y: float
    r: float


@dataclass
class Label:
    key: str
    text: str
    x: float  # the start of the baseline
    y: float
    size: float
    box: Box
    leader: tuple[float, float, float, float] | None = None  # from the dot's edge to the label
    number: int = 0  # a number in the key instead of the name


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(segment: tuple[float, float, float, float], box: Box) -> bool:
    """Whether a segment passes through a box (Liang–Barsky)."""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            t0 = max(t0, q / p)
        else:
            t1 = min(t1, q / p)
        if t0 > t1:
            return False
    return True


class _Grid:
    """Things with a bounding box, found by the cells of a square grid they cover: a label is
    tested against what lies near it, not against every name of a dense corpus's map."""

    CELL = 48.0

    def __init__(self):
        self._cells: dict[tuple[int, int], list] = {}

    def _span(self, box: Box):
        size = self.CELL
        for column in range(math.floor(box[0] / size), math.floor(box[2] / size) + 1):
            for row in range(math.floor(box[1] / size), math.floor(box[3] / size) + 1):
                yield column, row

    def add(self, box: Box, item) -> None:
        for cell in self._span(box):
            self._cells.setdefault(cell, []).append(item)

    def near(self, box: Box):
        """Every item whose cells meet ``box``'s (an item may come more than once)."""
        for cell in self._span(box):
            yield from self._cells.get(cell, ())


def _bounds(segment: tuple[float, float, float, float]) -> Box:
    x0, y0, x1, y1 = segment
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


class Layout:
    """The labels of one panel and what they must keep clear of."""

    def __init__(self, width: float, height: float, marks: list[Mark], obstacles: list[Box]):
        self.width, self.height = width, height
        self.labels: list[Label] = []
        self.last_resort = False  # a number may then cover another place's dot, its leader cross a name
        self._boxes, self._dots, self._leaders = _Grid(), _Grid(), _Grid()
        for box in obstacles:
            self._boxes.add(box, box)
        for m in marks:
            if m.r:
                dot = (m.x - m.r, m.y - m.r, m.x + m.r, m.y + m.r)
                self._dots.add(dot, (m.key, dot))

    def _free(self, key: str, box: Box, leader) -> bool:
        padded = (box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD)
        if padded[0] < 0 or padded[1] < 0 or padded[2] > self.width or padded[3] > self.height:
            return False
        if any(_overlaps(padded, b) for b in self._boxes.near(padded)):
            return False
        if not self.last_resort and any(_overlaps(padded, d) for k, d in self._dots.near(padded) if k != key):
            return False
        if any(_crosses(line, padded) for line in self._leaders.near(padded)):
            return False
        # A leader line may pass over a dot (it is drawn under none), never through a name.
        return (leader is None or self.last_resort
                or not any(_crosses(leader, b) for b in self._boxes.near(_bounds(leader))))

    def _take(self, mark: Mark, text: str, size: float, box: Box, leader, number: int = 0) -> Label:
        label = Label(mark.key, text, box[0], box[3] - DESCENT * size, size, box, leader, number)
        self._boxes.add(box, box)
        if leader is not None:
            self._leaders.add(_bounds(leader), leader)
        self.labels.append(label)
        return label

    def beside(self, mark: Mark, text: str, size: float, distances=DISTANCES, number: int = 0) -> Label | None:
        """The first free spot for ``text`` around a dot, nearest first."""
        w, h = text_width(text, size), (ASCENT + DESCENT) * size
        for distance in distances:
            for angle in ANGLES:
                c, s = math.cos(angle), math.sin(angle)
                reach = mark.r + 2 + distance
                px, py = mark.x + reach * c, mark.y + reach * s
                left = px if c > 0.3 else px - w if c < -0.3 else px - w / 2
                top = py if s > 0.3 else py - h if s < -0.3 else py - h / 2
                box = (left, top, left + w, top + h)
                leader = ((mark.x + mark.r * c, mark.y + mark.r * s, px, py) if distance else None)
                if self._free(mark.key, box, leader):
                    return self._take(mark, text, size, box, leader, number)
        return None

    def at(self, mark: Mark, text: str, size: float) -> Label | None:
        """An area's name, centred on its point or shifted a little from it."""
        w, h = text_width(text, size), (ASCENT + DESCENT) * size
        for dx, dy in AREA_SHIFTS:
            left, top = mark.x + dx - w / 2, mark.y + dy - h / 2
            box = (left, top, left + w, top + h)
            if self._free(mark.key, box, None):
                return self._take(mark, text, size, box, None)
        return None


def place(width: float, height: float, areas: list[Mark], dots: list[Mark],
          obstacles: list[Box]) -> list[Label]:
    """A label for every mark that has room for one, in the order given (most important first); a
    name with no room becomes a number, and the numbers run in reading order, top to bottom,
    left to right."""
    layout = Layout(width, height, areas + dots, obstacles)
    numbered: list[tuple[Mark, Label]] = []
    placeholder = "8" * len(str(len(areas) + len(dots)))  # as wide as the widest number
    # In rounds, so that no far-flung name walls in a cluster before its own names are placed:
    # first every name beside its dot (an area's at its point).
    waiting = []
    for mark in areas + dots:
        label = layout.at(mark, mark.name, AREA_FONT) if not mark.r else None
        if not (label or layout.beside(mark, mark.name, FONT, DISTANCES[:1])):
            waiting.append(mark)
    # Then near leaders for names, near numbers, farther names, and numbers at any distance:
    # a number close to its dot reads better than a name at the end of a long line.
    rounds = (("name", (10, 22)), ("number", (0, 10, 22)), ("name", (36, 52)), ("number", DISTANCES))
    for text, distances in rounds:
        for distance in distances:
            for mark in list(waiting):
                if text == "name":
                    label = layout.beside(mark, mark.name, FONT, (distance,))
                else:
                    label = layout.beside(mark, placeholder, NUMBER_FONT, (distance,), number=-1)
                    if label:
                        numbered.append((mark, label))
                if label:
                    waiting.remove(mark)
    layout.last_resort = True
    for mark in list(waiting):
        label = layout.beside(mark, placeholder, NUMBER_FONT, DISTANCES, number=-1)
        if label:
            numbered.append((mark, label))
            waiting.remove(mark)
    # What is still waiting has no room even for a number (a corpus with hundreds of sites in one
    # city): its dot stays a named link, and the table under the map lists it.
    for n, (mark, label) in enumerate(sorted(numbered, key=lambda ml: (round(ml[0].y), ml[0].x, ml[0].key)), 1):
        label.number, label.text = n, str(n)
    return layout.labels
