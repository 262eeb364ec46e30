"""The map page (issue 6): every located place once, inside the drawing, linked, and shipped as data.

Places and their coordinates are read from places.xml here, not from ``ria.geo``.
"""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree, html

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def map_page(built_site) -> html.HtmlElement:
    return html.parse(str(built_site / "map.html")).getroot()


@pytest.fixture(scope="module")
def svg(built_site) -> etree._Element:
    """The inline SVG, re-read as XML: it must be well-formed on its own."""
    source = (built_site / "map.html").read_text(encoding="utf-8")
    return etree.fromstring(re.search(r"<svg\b.*?</svg>", source, re.S).group(0))


@pytest.fixture(scope="module")
def places(edition) -> dict[str, tuple[float, float] | None]:
    found = {}
    for doc in edition.registers:
        for place in doc.tree.getroot().iter(TEI + "place"):
            geo = place.find(f"{TEI}location/{TEI}geo")
            found[place.get(XML_ID)] = tuple(map(float, geo.text.split())) if geo is not None else None
    return found


def translation(el: etree._Element) -> tuple[float, float]:
    x = y = 0.0
    for node in [el, *el.iterancestors()]:
        match = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", node.get("transform", ""))
        if match:
            x, y = x + float(match.group(1)), y + float(match.group(2))
    return x, y


def test_every_place_with_coordinates_is_drawn_once_as_a_link_to_its_entry(svg, places, built_site):
    located = {k for k, v in places.items() if v}
    assert len(located) > 100
    hrefs = [a.get("href") for a in svg.iter("a")]
    assert sorted(hrefs) == sorted(f"places.html#{k}" for k in located)
    entries = set(html.parse(str(built_site / "places.html")).getroot().xpath("//article/@id"))
    assert located <= entries
    for a in svg.iter("a"):
        assert a.find("title") is not None and a.findtext("title").strip(), "each dot is named"
        assert a.find("circle") is not None


def test_every_point_lies_inside_the_drawing_and_its_panel(svg):
    _, _, width, height = map(float, svg.get("viewBox").split())
    for circle in svg.iter("circle"):
        dx, dy = translation(circle)
        x, y, r = float(circle.get("cx")) + dx, float(circle.get("cy")) + dy, float(circle.get("r"))
        assert 0 <= x <= width and 0 <= y <= height, (x, y)
        panel = circle.xpath("ancestor::g[@class='panel']")
        if panel:
            frame = panel[0].find("rect[@class='frame']")
            assert 0 <= float(circle.get("cx")) <= float(frame.get("width"))
            assert 0 <= float(circle.get("cy")) <= float(frame.get("height"))


def test_positions_keep_the_geography(svg, places):
    """West lies left of east and north above south, within a panel."""
    spots = {}
    for a in svg.iter("a"):
        circle = a.find("circle")
        panel = a.xpath("ancestor::g[@class='panel']/@id")[0]
        spots[a.get("href").split("#")[1]] = (panel, float(circle.get("cx")), float(circle.get("cy")))
    berlin, moscow, archangel = spots["berlin"], spots["moscow"], spots["archangel"]
    assert berlin[0] == moscow[0] == archangel[0]
    assert berlin[1] < moscow[1] and archangel[2] < moscow[2]
    assert spots["vladivostok"][0] != moscow[0], "the Far East is an inset, not a stretched main map"


def test_larger_dots_for_more_mentions(svg):
    sizes = {a.get("href").split("#")[1]: float(a.find("circle").get("r")) for a in svg.iter("a")}
    assert sizes["petrograd"] > sizes["moscow"] > sizes["zimmerwald"]


def test_the_map_has_a_labelled_graticule_and_no_outside_resources(svg, built_site):
    assert len(svg.xpath("//g[@class='graticule']/polyline")) >= 8
    labels = svg.xpath("//g[@class='graticule-labels']/text/text()")
    assert any(t.endswith("N") for t in labels) and any(t.endswith("E") for t in labels)
    text = etree.tostring(svg, encoding="unicode")
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")
    assert svg.find("title") is not None and svg.find("desc") is not None


def test_the_table_lists_the_same_places_and_counts_those_without(map_page, places):
    rows = map_page.xpath("//table[@class='places-table']/tbody/tr")
    located = {k for k, v in places.items() if v}
    assert {r.xpath("string(th/a/@href)") for r in rows} == {f"places.html#{k}" for k in located}
    for row in rows:
        place = row.xpath("string(th/a/@href)").split("#")[1]
        lat, lon = places[place]
        assert f"{abs(lat):.4f}" in row.xpath("string(td[1])") and f"{abs(lon):.4f}" in row.xpath("string(td[1])")
    missing = {k for k, v in places.items() if v is None}
    listed = map_page.xpath("//ul[@class='without']/li/a/@href")
    assert sorted(listed) == sorted(f"places.html#{k}" for k in missing)
    assert f"{len(missing)} have none" in map_page.xpath("string(//main/p[1])")


def test_the_geojson_is_valid_and_matches_the_register(map_page, places, built_site):
    assert map_page.xpath("//a[@href='static/places.geojson']")
    data = json.loads((built_site / "static" / "places.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    features = {f["id"]: f for f in data["features"]}
    assert set(features) == set(places) and len(data["features"]) == len(places)
    for place, geo in places.items():
        feature = features[place]
        assert feature["type"] == "Feature" and feature["properties"]["name"]
        assert feature["properties"]["entry"] == f"places.html#{place}"
        if geo is None:
            assert feature["geometry"] is None
        else:  # GeoJSON orders longitude before latitude (RFC 7946, 3.1.1)
            assert feature["geometry"] == {"type": "Point", "coordinates": [geo[1], geo[0]]}
