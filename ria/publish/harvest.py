"""Harvesting: ``sitemap.xml`` and ``robots.txt`` for a site whose public address is known.

The sitemap protocol (sitemaps.org) admits absolute URLs only, so a build without
``--base-url`` writes neither file: a site read from a folder or served on localhost has
nothing to tell crawlers, and a robots.txt that only allows everything says what crawlers
assume anyway. The sitemap lists every page but ``404.html``; a text's page carries a
``lastmod`` only where its TEI records a dated change (``revisionDesc``), the one date that
is the same in every build and says when the text was last revised. The index pages have
none: no date in the TEI says when they last changed.

Crawlers read a robots.txt only at the root of a host: where the edition is published under
a path (https://example.org/ria/), the ``Sitemap:`` line belongs in the host's own robots.txt.
"""

from __future__ import annotations

from typing import Iterable
from urllib.parse import quote, urlsplit

from lxml import etree

from ..model.texts import last_revision

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = frozenset({"404.html"})  # served for missing addresses, not a page to be found
MAX_URLS = 50_000  # in one sitemap, as the protocol allows; beyond, a sitemap index names several


def publishable(base_url: str) -> bool:
    """Whether ``base_url`` is an address crawlers can be given: absolute, http(s)."""
    parts = urlsplit(base_url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def listed_pages(files: Iterable[str]) -> list[str]:
    """The pages a sitemap lists, the home page first."""
    return sorted((path for path in files if path.endswith(".html") and path not in NOT_LISTED),
                  key=lambda path: (path != "index.html", path))


def sitemap_names(pages: int) -> tuple[str, ...]:
    """The files of the sitemap of ``pages`` pages: sitemap.xml, and beyond MAX_URLS the sitemaps
    a sitemap.xml index names (sitemaps/1.xml, …), with robots.txt."""
    count = -(-pages // MAX_URLS)
    return (SITEMAP, ROBOTS, *(f"sitemaps/{n}.xml" for n in range(1, count + 1) if count > 1))


def site_files(files: Iterable[str], base_url: str, last_changes: dict[str, str]) -> dict[str, bytes]:
    """sitemap.xml and robots.txt for the site of ``files`` published at ``base_url``; nothing
    without an absolute http(s) base URL. ``last_changes``: page → the date it was last revised.
    A site of more pages than a sitemap may list (MAX_URLS) gets a sitemap index and its parts."""
    if not publishable(base_url):
        return {}
    base = base_url.rstrip("/") + "/"
    pages = listed_pages(files)
    made = {ROBOTS: robots(base).encode("utf-8")}
    if len(pages) <= MAX_URLS:
        made[SITEMAP] = sitemap(base, pages, last_changes)
        return made
    index = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for number, start in enumerate(range(0, len(pages), MAX_URLS), 1):
        name = f"sitemaps/{number}.xml"
        made[name] = sitemap(base, pages[start:start + MAX_URLS], last_changes)
        etree.SubElement(etree.SubElement(index, f"{{{SITEMAP_NS}}}sitemap"), f"{{{SITEMAP_NS}}}loc").text = base + name
    made[SITEMAP] = etree.tostring(index, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return made


def sitemap(base: str, pages: list[str], last_changes: dict[str, str]) -> bytes:
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for page in pages:
        url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = base + quote(page)
        if last_changes.get(page):
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = last_changes[page]
    return etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def robots(base: str) -> str:
    return ("# Every page of this site may be crawled; the sitemap lists them.\n"
            "# Crawlers read this file only at the root of a host: where the site is published\n"
            "# under a path, copy the Sitemap line into the host's own robots.txt.\n"
            "User-agent: *\n"
            "Allow: /\n"
            "\n"
            f"Sitemap: {base}{SITEMAP}\n")


def last_change(tree: etree._ElementTree) -> str:
    """The latest date of the changes a TEI document's revisionDesc records, or ''."""
    return last_revision(tree.getroot())

