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

import re
from typing import Iterable
from urllib.parse import quote, urlsplit

from lxml import etree

from ..model.load import Edition
from ..xmlio import TEI_NS

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NOT_LISTED = frozenset({"404.html"})  # served for missing addresses, not a page to be found
# The W3C datetime forms a sitemap's lastmod takes that a TEI @when gives without a time of day.
_CALENDAR_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def site_files(files: Iterable[str], base_url: str, edition: Edition) -> dict[str, bytes]:
    """sitemap.xml and robots.txt for the site of ``files`` published at ``base_url``; nothing
    without an absolute http(s) base URL."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return {}
    base = base_url.rstrip("/") + "/"
    last_changes = {f"texts/{doc.id}.html": last_change(doc.tree) for doc in edition.texts}
    pages = sorted((path for path in files if path.endswith(".html") and path not in NOT_LISTED),
                   key=lambda path: (path != "index.html", path))  # the home page first
    return {SITEMAP: sitemap(base, pages, last_changes),
            ROBOTS: robots(base).encode("utf-8")}


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
    dates = [when for when in tree.xpath("/t:TEI/t:teiHeader/t:revisionDesc//t:change/@when",
                                         namespaces={"t": TEI_NS})
             if _CALENDAR_DATE.fullmatch(when)]
    # ISO dates sort as they follow in time (a day sorts after its bare year or month).
    return max(dates, default="")

