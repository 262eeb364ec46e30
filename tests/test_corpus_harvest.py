"""A corpus published at a public address (`build --corpus DIR --base-url URL`) tells crawlers
what it holds, as the edition does: a sitemap of every page at its address, each text's page
dated by the last change its TEI records, and a robots.txt naming it; a site of more pages than
one sitemap may list gets a sitemap index."""

from __future__ import annotations

from conftest import ROOT
from lxml import etree
from test_metadata import SITEMAP_NS, SITEMAP_PROTOCOL
from test_wild_tei import HEADER, TEI_NS, corpus, tei

from ria.corpus import build_corpus
from ria.publish import harvest

BASE = "https://example.org/briefe/"
S = {"s": SITEMAP_NS}


def revised_letter() -> str:
    header = HEADER.format(title="Revised", profile="<revisionDesc><change when='2024-05-06'>checked</change>"
                                                   "<change when='2023-01-02'>encoded</change></revisionDesc>")
    return f'<TEI xmlns="{TEI_NS}">{header}<text><body><p>Ein Brief.</p></body></text></TEI>'


def built(folder, base_url: str):
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False, base_url=base_url)


def test_a_corpus_at_a_public_address_lists_every_page_in_a_sitemap(tmp_path):
    folder = corpus(tmp_path / "c", {"revised.xml": revised_letter(), "plain.xml": tei("<body><p>Noch einer.</p></body>")})
    result = built(folder, BASE)
    sitemap = etree.fromstring(result.files["sitemap.xml"])
    etree.XMLSchema(etree.fromstring(SITEMAP_PROTOCOL)).assertValid(sitemap)
    listed = {url.findtext("s:loc", namespaces=S): url.findtext("s:lastmod", namespaces=S) for url in sitemap}
    pages = {BASE + name for name in result.files if name.endswith(".html") and name != "404.html"}
    assert set(listed) == pages and sitemap[0].findtext("s:loc", namespaces=S) == BASE + "index.html"
    assert listed[BASE + "texts/revised.html"] == "2024-05-06" and listed[BASE + "texts/plain.html"] is None
    assert f"Sitemap: {BASE}sitemap.xml" in result.files["robots.txt"].decode().splitlines()


def test_without_a_public_address_there_is_no_sitemap(tmp_path):
    result = built(corpus(tmp_path / "c", {"plain.xml": tei("<body><p>Noch einer.</p></body>")}), "")
    assert "sitemap.xml" not in result.files and "robots.txt" not in result.files


def test_more_pages_than_a_sitemap_may_list_are_listed_through_a_sitemap_index(monkeypatch):
    monkeypatch.setattr(harvest, "MAX_URLS", 2)
    pages = [f"texts/{n}.html" for n in range(5)]
    made = harvest.site_files(pages, BASE, {})
    assert sorted(made) == sorted(harvest.sitemap_names(len(pages)))
    assert sorted(made) == ["robots.txt", "sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml", "sitemaps/3.xml"]
    index = etree.fromstring(made["sitemap.xml"])
    assert etree.QName(index).localname == "sitemapindex"
    parts = index.xpath("s:sitemap/s:loc/text()", namespaces=S)
    assert parts == [f"{BASE}sitemaps/{n}.xml" for n in (1, 2, 3)]
    listed = [loc for n in (1, 2, 3) for loc in etree.fromstring(made[f"sitemaps/{n}.xml"]).xpath("//s:loc/text()", namespaces=S)]
    assert sorted(listed) == sorted(BASE + page for page in pages)
    for n in (1, 2, 3):
        etree.XMLSchema(etree.fromstring(SITEMAP_PROTOCOL)).assertValid(etree.fromstring(made[f"sitemaps/{n}.xml"]))
