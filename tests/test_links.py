"""Every internal link of the built site leads somewhere: to a file that exists and, where it
names a fragment, to an element with that id. External addresses are not fetched."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html

EXTERNAL = ("http", "https", "mailto", "tel", "data")


def parse(path: Path):
    return html.parse(str(path)).getroot()


def internal_links(page) -> list[tuple[str, str]]:
    """(attribute, address) of every href and src that stays inside the site."""
    links = []
    for el in page.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("href", "src"):
            value = el.get(attr)
            if value is None:
                continue
            parts = urlsplit(value.strip())
            if parts.scheme in EXTERNAL or value.startswith("//"):
                continue
            links.append((attr, value.strip()))
    return links


def broken_links(site: Path) -> list[str]:
    pages = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    ids = {p: set(page.xpath("//@id")) for p, page in pages.items()}
    broken = []
    for path, page in sorted(pages.items()):
        where = path.relative_to(site.resolve())
        for attr, address in internal_links(page):
            parts = urlsplit(address)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file():
                broken.append(f"{where}: {attr}={address} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{where}: {attr}={address} (no element #{parts.fragment})")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site):
    broken = broken_links(built_site)
    targets = Counter(line.split("=", 1)[1].split(" ")[0].split("/")[-1] for line in broken)
    assert not broken, f"{len(broken)} broken links to {dict(targets)}:\n" + "\n".join(broken[:60])


def test_the_checker_finds_a_missing_file_and_a_missing_anchor(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="texts/a.html#here">ok</a> <a href="texts/a.html#gone">anchor</a>'
        ' <img src="static/none.png" alt=""> <a href="https://example.org/x">out</a>'
        ' <a href="mailto:x@example.org">mail</a> <a href="#top">self</a>')
    (tmp_path / "texts" / "a.html").write_text('<p id="here">text</p><a href="../index.html">up</a>')
    assert broken_links(tmp_path) == [
        "index.html: href=texts/a.html#gone (no element #gone)",
        "index.html: src=static/none.png (no such file)",
        "index.html: href=#top (no element #top)",
    ]


def test_no_page_repeats_an_id(built_site):
    """A repeated id makes a fragment link ambiguous."""
    repeated = {}
    for path in built_site.rglob("*.html"):
        counts = Counter(parse(path).xpath("//@id"))
        twice = sorted(i for i, n in counts.items() if n > 1)
        if twice:
            repeated[str(path.relative_to(built_site))] = twice[:10]
    assert not repeated, repeated
