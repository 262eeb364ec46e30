"""What the outside world's checkers read from the built edition.

Every JSON-LD block is JSON that expands with schema.org's terms offline (pyld); every
page describes itself (a description, Dublin Core, Open Graph) and every <meta> says
what it is; reference managers, reading a text's page as they do (extruct's Open Graph,
Dublin Core and JSON-LD, and the Highwire meta tags), find its title, author, date,
publisher and addresses; and a site with a public address tells crawlers its pages
(sitemap.xml, robots.txt). Every build has a 404.html in the site's shell.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import required
from lxml import etree, html

from ria.cache import BuildCache
from ria.model.indexer import build_index
from ria.publish.build import CACHE_DIR, Project, build
from ria.publish.render import Renderer

extruct = required("extruct")
jsonld = required("pyld.jsonld")

BASE_URL = "https://example.org/ria/"
SCHEMA_ORG = "http://schema.org/"  # what schema.org's own context expands its terms to
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}

# The sitemap protocol of sitemaps.org, as its page states it: a <urlset> of at most 50,000
# <url>s, each with a <loc> (an absolute URL of at most 2,048 characters) and optionally a
# <lastmod> (a W3C datetime), <changefreq> and <priority>.
SITEMAP_PROTOCOL = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="{SITEMAP_NS}" xmlns="{SITEMAP_NS}" elementFormDefault="qualified">
  <xs:element name="urlset">
    <xs:complexType><xs:sequence>
      <xs:element name="url" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType><xs:all>
          <xs:element name="loc">
            <xs:simpleType><xs:restriction base="xs:anyURI">
              <xs:minLength value="12"/><xs:maxLength value="2048"/>
              <xs:pattern value="https?://.+"/>
            </xs:restriction></xs:simpleType>
          </xs:element>
          <xs:element name="lastmod" minOccurs="0">
            <xs:simpleType><xs:union memberTypes="xs:date xs:dateTime xs:gYearMonth xs:gYear"/></xs:simpleType>
          </xs:element>
          <xs:element name="changefreq" minOccurs="0">
            <xs:simpleType><xs:restriction base="xs:string">
              <xs:enumeration value="always"/><xs:enumeration value="hourly"/><xs:enumeration value="daily"/>
              <xs:enumeration value="weekly"/><xs:enumeration value="monthly"/><xs:enumeration value="yearly"/>
              <xs:enumeration value="never"/>
            </xs:restriction></xs:simpleType>
          </xs:element>
          <xs:element name="priority" minOccurs="0">
            <xs:simpleType><xs:restriction base="xs:decimal">
              <xs:minInclusive value="0"/><xs:maxInclusive value="1"/>
            </xs:restriction></xs:simpleType>
          </xs:element>
        </xs:all></xs:complexType>
      </xs:element>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>"""


@pytest.fixture(scope="session")
def published_site(tmp_path_factory, root) -> Path:
    """The edition built for the open web, at its public address."""
    out = tmp_path_factory.mktemp("published") / "edition"
    build(Project.at(root, out), base_url=BASE_URL)
    return out


@pytest.fixture(scope="session")
def index(edition):
    return build_index(edition)


def pages_of(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0].startswith("pagefind"))


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def json_ld_blocks(document: str) -> list[str]:
    return html.fromstring(document).xpath("//script[@type='application/ld+json']/text()")


def meta_tags(document: str) -> dict[str, list[str]]:
    """Every named <meta> of a page, as a reference manager reads the Highwire tags: name → contents."""
    tags: dict[str, list[str]] = {}
    for meta in html.fromstring(document).xpath("//meta[@name or @property]"):
        tags.setdefault(meta.get("name") or meta.get("property"), []).append(meta.get("content"))
    return tags


def offline(url, options=None):
    raise AssertionError(f"the JSON-LD needed a document from the network: {url}")


def expanded_types(node) -> set[str]:
    if isinstance(node, list):
        return set().union(*(expanded_types(n) for n in node)) if node else set()
    if not isinstance(node, dict):
        return set()
    return set(node.get("@type", [])).union(*(expanded_types(v) for k, v in node.items() if k != "@type"))


def publisher_in_tei(edition) -> str:
    return edition.corpus.tree.xpath("string(//t:publicationStmt/t:publisher)", namespaces=TEI).strip()


def text_parts() -> dict[str, str]:
    return {"text": "<p>The words.</p>", "toc": "", "notes": "", "apparatus": "", "about": ""}


# ---------------------------------------------------------------- JSON-LD

def test_every_json_ld_block_is_json_that_expands_with_schema_org_types_offline(built_site, published_site):
    for site in (built_site, published_site):
        for page in pages_of(site):
            for block in json_ld_blocks(read(site, page)):
                assert "&#" not in block and "&quot;" not in block, f"{page}: HTML-escaped JSON-LD"
                expanded = jsonld.expand(json.loads(block), {"documentLoader": offline})
                types = expanded_types(expanded)
                assert types and all(t.startswith(SCHEMA_ORG) for t in types), (page, types)
        home = jsonld.expand(json.loads(*json_ld_blocks(read(site, "index.html"))), {"documentLoader": offline})
        assert {SCHEMA_ORG + "Collection", SCHEMA_ORG + "CreativeWork", SCHEMA_ORG + "Person"} <= expanded_types(home)
        for page in (p for p in pages_of(site) if p.startswith("texts/")):
            block, = json_ld_blocks(read(site, page))
            work = jsonld.expand(json.loads(block), {"documentLoader": offline})
            assert work[0]["@type"] == [SCHEMA_ORG + "CreativeWork"], page
            assert {SCHEMA_ORG + "Person", SCHEMA_ORG + "Organization"} <= expanded_types(work), page


def test_json_ld_stays_inside_its_script_whatever_the_data_says(root, index):
    hostile = 'A </script><script src="x.js"></script> & <!-- "quoted" -->'
    text = dataclasses.replace(index.texts[0], title=hostile, author="Q. </SCRIPT> Author")
    page = Renderer(root / "theme", dataclasses.replace(index, texts=[text]), BASE_URL).text_page(text, text_parts())
    document = html.fromstring(page)
    assert len(document.xpath("//script")) == 2  # the JSON-LD and static/edition.js, no more
    block, = json_ld_blocks(page.decode("utf-8"))
    work = json.loads(block)
    assert work["name"] == hostile and work["author"]["name"] == "Q. </SCRIPT> Author"


# ---------------------------------------------------------------- citation metadata

def test_every_page_describes_itself_and_every_meta_says_what_it_is(built_site, published_site):
    for site in (built_site, published_site):
        for page in pages_of(site):
            document = html.fromstring(read(site, page))
            unnamed = [etree.tostring(m, encoding="unicode") for m in document.xpath("//meta")
                       if not any(m.get(a) for a in ("name", "property", "http-equiv", "charset", "itemprop"))]
            assert not unnamed, (page, unnamed)
            tags = meta_tags(read(site, page))
            description, = tags["description"]
            assert len(description) > 40, (page, description)
            for name in ("DC.title", "DC.publisher", "DC.rights", "DC.language", "DC.format",
                         "og:title", "og:type", "og:site_name", "og:description", "og:locale"):
                assert len(tags.get(name, [])) == 1 and tags[name][0].strip(), (page, name)
            assert document.xpath("//link[@rel='schema.DC']/@href") == [DUBLIN_CORE], page
            public_url = BASE_URL + page if site == published_site and page != "404.html" else None
            for name in ("og:url", "DC.identifier"):
                assert tags.get(name) == ([public_url] if public_url else None), (page, name)
            assert document.xpath("//link[@rel='canonical']/@href") == ([public_url] if public_url else []), page


def test_reference_managers_read_title_author_date_publisher_and_addresses_of_every_text(
        published_site, index, edition):
    publisher = publisher_in_tei(edition)
    for text in index.texts:
        url = f"{BASE_URL}texts/{text.id}.html"
        page = read(published_site, f"texts/{text.id}.html")
        read_back = extruct.extract(page, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)

        og, = read_back["opengraph"]
        assert (og["og:title"], og["article:author"], og["article:published_time"], og["og:site_name"], og["og:url"]) \
            == (text.title, text.author, text.date, publisher, url)

        # Read as they are, with the namespaces the page's schema link declares.
        dublin_core, = extruct.extract(page, base_url=url, syntaxes=["dublincore"], uniform=False)["dublincore"]
        assert dublin_core["namespaces"] == {"DC": DUBLIN_CORE}
        dc = {}
        for element in dublin_core["elements"]:
            dc.setdefault(element["URI"].removeprefix(DUBLIN_CORE), []).append(element["content"])
        assert (dc["title"], dc["creator"], dc["date"], dc["publisher"], dc["identifier"]) \
            == ([text.title], [text.author], [text.date], [publisher], [url])

        work, = read_back["json-ld"]
        assert (work["name"], work["author"]["name"], work["dateCreated"], work["publisher"]["name"], work["url"]) \
            == (text.title, text.author, text.date, publisher, url)

        highwire = meta_tags(page)
        assert (highwire["citation_title"], highwire["citation_author"], highwire["citation_date"],
                highwire["citation_publisher"], highwire["citation_public_url"]) \
            == ([text.title], [text.author], [text.date[:4]], [publisher], [url])
        tei_url, = highwire["citation_xml_url"]
        assert tei_url == work["encoding"]["contentUrl"] and tei_url.startswith(BASE_URL)
        assert (published_site / tei_url.removeprefix(BASE_URL)).read_bytes() == \
            next(doc.data for doc in edition.texts if doc.id == text.id)
        assert "citation_pdf_url" not in highwire  # the edition publishes no PDF


def test_a_text_withheld_from_a_public_build_names_no_tei_file_to_download(root, index):
    text = index.texts[0]
    page = Renderer(root / "theme", index, BASE_URL, public=True).text_page(text, text_parts(), withheld=True)
    tags = meta_tags(page.decode("utf-8"))
    assert "citation_xml_url" not in tags and tags["citation_title"] == [text.title]
    block, = json_ld_blocks(page.decode("utf-8"))
    assert "contentUrl" not in json.loads(block)["encoding"]


# ---------------------------------------------------------------- harvesting

def test_the_sitemap_follows_the_protocol_and_lists_every_page_once_at_its_public_address(published_site):
    sitemap = etree.parse(str(published_site / "sitemap.xml"))
    etree.XMLSchema(etree.fromstring(SITEMAP_PROTOCOL)).assertValid(sitemap)
    listed = sitemap.xpath("//s:loc/text()", namespaces={"s": SITEMAP_NS})
    assert len(listed) == len(set(listed)) <= 50_000
    assert sorted(listed) == sorted(BASE_URL + page for page in pages_of(published_site) if page != "404.html")


def test_a_text_page_was_last_modified_when_its_tei_records_its_latest_revision(published_site, edition):
    sitemap = etree.parse(str(published_site / "sitemap.xml"))
    lastmod = {url.findtext(f"{{{SITEMAP_NS}}}loc"): url.findtext(f"{{{SITEMAP_NS}}}lastmod")
               for url in sitemap.getroot()}
    for doc in edition.texts:
        revisions = doc.tree.xpath("//t:revisionDesc//t:change/@when", namespaces=TEI)
        assert lastmod[f"{BASE_URL}texts/{doc.id}.html"] == max(revisions, default=None)
    # No date in the TEI says when an index page last changed: they have none.
    assert all(date is None for url, date in lastmod.items() if "/texts/" not in url)


def test_robots_txt_names_the_sitemap(published_site):
    lines = read(published_site, "robots.txt").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {BASE_URL}sitemap.xml" in lines


def test_without_a_public_address_there_is_neither_sitemap_nor_robots_txt(built_site):
    # A sitemap admits absolute addresses only; robots.txt would have nothing to add.
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "robots.txt").exists()


def test_a_404_page_in_the_sites_shell_links_home_and_to_search(built_site, published_site):
    for site, root in ((built_site, ""), (published_site, BASE_URL)):
        document = html.fromstring(read(site, "404.html"))
        links = document.xpath("//main//a/@href")
        assert f"{root}index.html" in links and f"{root}search.html" in links, links
        assert document.xpath("//header[@class='site-header']//nav//a/@href")[0] == f"{root}index.html"
        # Served at any missing address, at any depth: with a public address every link is absolute.
        assert document.xpath("//link[@rel='stylesheet']/@href") == [f"{root}static/edition.css"]
        assert meta_tags(read(site, "404.html"))["robots"] == ["noindex"]


def test_a_published_site_built_incrementally_is_the_site_a_clean_build_makes(project):
    def site_files(out: Path) -> dict[str, bytes]:
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    build(Project.at(project), base_url=BASE_URL, cache=BuildCache(project / CACHE_DIR))
    text = project / "tei" / "texts" / "tukhachevsky-1921.xml"
    tei = text.read_text(encoding="utf-8")
    assert tei.count("to the smallest detail.</p>") == 1
    text.write_text(tei.replace("to the smallest detail.</p>", "to the very smallest detail.</p>"), encoding="utf-8")
    build(Project.at(project), base_url=BASE_URL, cache=BuildCache(project / CACHE_DIR))
    build(Project.at(project, project / "clean"), base_url=BASE_URL)
    incremental = site_files(project / "edition")
    assert {"sitemap.xml", "robots.txt", "404.html"} <= set(incremental)
    assert incremental == site_files(project / "clean")


# ---------------------------------------------------------------- a corpus build's pages

@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory, root):
    """A corpus of real letters (schnitzler-briefe) built at a public address."""
    import shutil

    from conftest import unavailable

    from ria.corpus import build_corpus
    source = root.parent / "shared" / "corpus" / "schnitzler-briefe"
    if not source.is_dir():
        unavailable(f"real-corpus test skipped: {source} is not present (../shared is optional)")
    folder = tmp_path_factory.mktemp("letters") / "schnitzler-briefe"
    for part, count in (("editions", 25), ("indices", None)):
        (folder / part).mkdir(parents=True)
        for path in sorted((source / part).glob("*.xml"))[:count]:
            shutil.copyfile(path, folder / part / path.name)
    site = tmp_path_factory.mktemp("letters-site") / "site"
    result = build_corpus(folder, site, root, jobs=2, search=False, base_url=BASE_URL)
    # The build writes its pages as it makes them: they are read back from the site.
    result.files.update({name: (site / name).read_bytes() for name in result.paths})
    return result


def test_reference_managers_read_the_citation_of_every_text_of_a_corpus(corpus_site):
    publisher = corpus_site.index.publisher
    assert publisher == "Austrian Centre for Digital Humanities and Cultural Heritage"
    for text in corpus_site.index.texts:
        url = f"{BASE_URL}texts/{text.id}.html"
        page = corpus_site.files[f"texts/{text.id}.html"].decode()
        read_back = extruct.extract(page, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)
        og, = read_back["opengraph"]
        assert (og["og:title"], og["og:url"], og["og:site_name"]) == (text.title, url, corpus_site.index.title)
        work, = read_back["json-ld"]
        authors = work["author"] if isinstance(work["author"], list) else [work["author"]]
        assert (work["name"], [a["name"] for a in authors], work["dateCreated"], work["publisher"]["name"],
                work["url"]) == (text.title, text.author.split("; "), text.date, publisher, url)
        tags = meta_tags(page)
        assert (tags["citation_title"], tags["citation_author"], tags["citation_publisher"],
                tags["citation_public_url"], tags["citation_xml_url"]) \
            == ([text.title], text.author.split("; "), [publisher], [url], [f"{BASE_URL}tei/{text.id}.xml"])
        assert tags["citation_date"] == [text.date[:4]]
        expanded = jsonld.expand(json.loads(*json_ld_blocks(page)), {"documentLoader": offline})
        assert expanded_types(expanded) <= {SCHEMA_ORG + t for t in ("CreativeWork", "Person", "Organization",
                                                                      "Collection", "MediaObject")}
    for name, data in corpus_site.files.items():
        if name.endswith(".html"):
            tags = meta_tags(data.decode())
            assert len(tags["description"][0]) > 40 and tags["DC.publisher"] == [publisher], name
