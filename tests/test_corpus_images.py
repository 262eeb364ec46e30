"""Images a corpus keeps beside its TEI (issue #19): a text that gives its page facsimiles or its
figures by a path relative to its file has them published with it, copied once into the site
and shown where they belong; a path that leads out of the corpus, an absolute one, a symbolic
link out, a missing file, an SVG image are not copied, and each is reported at its line."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from lxml import html
from PIL import Image
from conftest import unavailable
from test_html_checker import VNU, nu_errors

from ria.corpus import build_corpus

ROOT = Path(__file__).resolve().parent.parent

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L1">
  <teiHeader><fileDesc>
    <titleStmt><title level="a">Bahr an Schnitzler</title></titleStmt>
    <publicationStmt><p>Test</p></publicationStmt>
    <sourceDesc><p>Test</p></sourceDesc>
  </fileDesc></teiHeader>
  <facsimile>
    <surface xml:id="f1"><graphic url="images/page%201.png"/></surface>
    <surface xml:id="f2"><graphic url="images/Page-2.JPG"/></surface>
  </facsimile>
  <text><body>
    <pb n="1" facs="#f1"/>
    <p>Lieber Freund, anbei die Karte.</p>
    <figure><graphic url="images/fort.png"/><figDesc>A map of the fort</figDesc></figure>
    <pb n="2" facs="#f2"/>
    <p>Dein Hermann</p>
    {more}
  </body></text>
</TEI>
"""


def image_bytes(size: tuple[int, int], kind: str = "PNG", colour: str = "white") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


def corpus_with_images(folder: Path, more: str = "") -> Path:
    (folder / "editions" / "images").mkdir(parents=True)
    (folder / "editions" / "L1.xml").write_text(LETTER.replace("{more}", more), encoding="utf-8")
    images = folder / "editions" / "images"
    (images / "page 1.png").write_bytes(image_bytes((800, 1200)))
    (images / "Page-2.JPG").write_bytes(image_bytes((100, 50), "JPEG"))
    (images / "fort.png").write_bytes(image_bytes((20, 10)))
    return folder


def build(corpus: Path, site: Path, cache: Path | None = None):
    return build_corpus(corpus, site, ROOT, jobs=1, search=False, cache_dir=cache)


def test_an_image_beside_its_page_is_copied_and_shown_there(tmp_path):
    corpus = corpus_with_images(tmp_path / "corpus")
    result = build(corpus, tmp_path / "site")
    site = tmp_path / "site"
    assert not [p for p in result.problems if p.rule == "image"]
    copied = sorted(str(p.relative_to(site)) for p in (site / "facsimiles").rglob("*") if p.is_file())
    assert copied == ["facsimiles/editions/images/Page-2.jpg", "facsimiles/editions/images/fort.png",
                      "facsimiles/editions/images/page_1-" + copied[2].split("page_1-")[1]]
    assert (site / copied[2]).read_bytes() == (corpus / "editions/images/page 1.png").read_bytes()
    page = html.fromstring((site / "texts" / "L1.html").read_bytes())
    first = page.xpath("//span[@class='pb'][@data-n='1']/following-sibling::a[1]/img")[0]
    # the page's facsimile small beside its page break, linking to the whole image; its shape kept
    assert first.get("src") == "../" + copied[2] and first.getparent().get("href") == first.get("src")
    assert (first.get("alt"), first.get("loading"), first.get("width"), first.get("height")) == (
        "Facsimile of page 1", "lazy", "160", "240")
    second = page.xpath("//span[@class='pb'][@data-n='2']/following-sibling::a[1]/img")[0]
    assert (second.get("src"), second.get("width"), second.get("height")) == (
        "../facsimiles/editions/images/Page-2.jpg", "100", "50")
    figure = page.xpath("//figure//img")[0]
    assert (figure.get("src"), figure.get("alt"), figure.get("width")) == (
        "../facsimiles/editions/images/fort.png", "A map of the fort", "20")
    assert "not published" not in page.text_content()


def corpus_with_refused_images(folder: Path) -> Path:
    """A corpus whose letter names six images the build does not publish, each for its own reason."""
    outside = folder / "outside.png"
    outside.write_bytes(image_bytes((5, 5)))
    more = "\n".join(f'<figure><graphic url="{url}"/></figure>' for url in (
        "../../outside.png", str(outside), "images/link.png", "images/missing.png", "images/drawing.svg",
        "images/fake.png")) + '<pb n="3" facs="1894_AS_RBH_2_00012 HS.NZ85.1.3571_0001"/>'
    corpus = corpus_with_images(folder / "corpus", more)
    images = corpus / "editions" / "images"
    os.symlink(outside, images / "link.png")
    (images / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (images / "fake.png").write_text("<html>not an image</html>")
    return corpus


def test_images_outside_the_corpus_or_not_shown_by_browsers_are_not_copied_and_are_reported(tmp_path):
    corpus = corpus_with_refused_images(tmp_path)
    result = build(corpus, tmp_path / "site")
    reported = sorted((p.line, p.severity, p.message) for p in result.problems if p.rule == "image")
    line = LETTER.count("\n", 0, LETTER.index("{more}")) + 1
    assert [(n - line, severity) for n, severity, _ in reported] == [(k, "warning") for k in range(6)]
    reasons = [message for _, _, message in reported]
    assert "'../../outside.png'" in reasons[0] and "outside the corpus folder" in reasons[0]
    assert "absolute path" in reasons[1]
    assert "'images/link.png'" in reasons[2] and "outside the corpus folder" in reasons[2]
    assert "no such file" in reasons[3]
    assert "SVG" in reasons[4] and "scripts" in reasons[4]
    assert "not a GIF, JPEG, PNG, WEBP image" in reasons[5]
    assert all(p.path == "editions/L1.xml" for p in result.problems if p.rule == "image")
    # (a name without an extension that is no file here is an image's identifier elsewhere, not a path: not reported)
    site = tmp_path / "site"
    copied = sorted(p.name for p in (site / "facsimiles").rglob("*") if p.is_file())
    assert len(copied) == 3 and not {"outside.png", "link.png", "drawing.svg", "fake.png"} & set(copied)
    page = (site / "texts" / "L1.html").read_text(encoding="utf-8")
    assert page.count("Image (not published with this text)") == 6


def test_check_reports_the_images_the_build_would_not_publish_in_the_builds_words(tmp_path):
    from ria.corpus.check import check_corpus
    corpus = corpus_with_refused_images(tmp_path)
    built = sorted((p.path, p.line, p.col, p.severity, p.message) for p in build(corpus, tmp_path / "site").problems
                   if p.rule == "image")
    checked = sorted((p.path, p.line, p.col, p.severity, p.message) for p in check_corpus(corpus, ROOT, jobs=1).problems
                     if p.rule == "image")
    assert len(built) == 6
    # at the same places, shown under the corpus folder as it was given
    assert checked == [(f"{corpus}/{path}", *rest) for path, *rest in built]


def test_check_of_a_corpus_whose_images_are_all_there_reports_none(tmp_path):
    from ria.corpus.check import check_corpus
    corpus = corpus_with_images(tmp_path / "corpus")
    assert not [p for p in check_corpus(corpus, ROOT, jobs=1).problems if p.rule == "image"]


def test_a_rebuild_after_an_image_changed_replaces_it_as_a_clean_build_would(tmp_path):
    from test_corpus_incremental import assert_same_site
    corpus = corpus_with_images(tmp_path / "corpus")
    site, cache = tmp_path / "site", tmp_path / "site.ria-cache"
    build(corpus, site, cache)
    (corpus / "editions/images/fort.png").write_bytes(image_bytes((30, 15), colour="black"))
    (corpus / "editions/images/Page-2.JPG").unlink()
    rebuilt = build(corpus, site, cache)
    assert rebuilt.reused["pages kept"] > 0  # an incremental build, which kept what did not change
    assert (site / "facsimiles/editions/images/fort.png").read_bytes() == image_bytes((30, 15), colour="black")
    assert not (site / "facsimiles/editions/images/Page-2.jpg").exists()
    page = (site / "texts/L1.html").read_text(encoding="utf-8")
    assert 'width="30"' in page and "Page-2.jpg" not in page
    build(corpus, tmp_path / "clean")
    assert_same_site(site, tmp_path / "clean")


def test_a_page_with_images_passes_the_w3c_checker(tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        unavailable(f"W3C Nu Html Checker not run: {VNU} or Java is missing")
    corpus = corpus_with_images(tmp_path / "corpus", '<p>In <ref target="#x"><figure><graphic url="images/fort.png"/>'
                                                     '</figure></ref> a link.</p>')
    build(corpus, tmp_path / "site")
    assert (tmp_path / "site" / "texts" / "L1.html").read_text(encoding="utf-8").count("<img ") == 4
    assert nu_errors(VNU, tmp_path / "site" / "texts") == []


@pytest.mark.parametrize("url", ["images/fort.png", "./images/fort.png"])
def test_one_image_named_twice_is_copied_once(tmp_path, url):
    corpus = corpus_with_images(tmp_path / "corpus", f'<figure><graphic url="{url}"/></figure>')
    build(corpus, tmp_path / "site")
    assert len([p for p in (tmp_path / "site" / "facsimiles").rglob("fort*")]) == 1


BASED = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L2" xml:base="https://id.example.org/letters/">
  <teiHeader><fileDesc>
    <titleStmt><title level="a">Schnitzler an Bahr</title></titleStmt>
    <publicationStmt><p>Test</p></publicationStmt>
    <sourceDesc><p>Test</p></sourceDesc>
  </fileDesc></teiHeader>
  <facsimile xml:base="images/">
    <surface xml:id="s1" xml:base="scans/"><graphic url="p1.png"/></surface>
    <surface xml:id="s2"><graphic url="fort.png"/></surface>
    <surface xml:id="s3" xml:base="https://scans.example.org/L2/"><graphic url="p3.jpg"/></surface>
  </facsimile>
  <text><body>
    <pb n="1" facs="#s1"/><p>Eins.</p>
    <pb n="2" facs="#s2"/><p>Zwei.</p>
    <pb n="3" facs="#s3"/><p>Drei.</p>
    <figure xml:base="../../"><graphic url="outside.png"/></figure>
    <figure xml:base="./"><graphic xml:base="../" url="images/missing.png"/></figure>
  </body></text>
</TEI>
"""


def test_images_under_a_relative_xml_base_are_published_and_those_under_a_web_base_linked(tmp_path):
    corpus = corpus_with_images(tmp_path / "corpus")
    (tmp_path / "outside.png").write_bytes(image_bytes((5, 5)))
    (corpus / "editions/images/scans").mkdir()
    (corpus / "editions/images/scans/p1.png").write_bytes(image_bytes((40, 60)))
    (corpus / "editions/L2.xml").write_text(BASED, encoding="utf-8")
    site = tmp_path / "site"
    result = build(corpus, site)
    page = html.fromstring((site / "texts" / "L2.html").read_bytes())

    def facsimile_of(n: str):
        return page.xpath(f"//span[@class='pb'][@data-n='{n}']/following-sibling::a[1]")[0]

    # nested relative bases combine, resolved against the TEI file's folder (not against the TEI's own base)
    assert facsimile_of("1").find("img").get("src") == "../facsimiles/editions/images/scans/p1.png"
    assert (site / "facsimiles/editions/images/scans/p1.png").read_bytes() == image_bytes((40, 60))
    # the same file as L1's "images/fort.png": one copy
    assert facsimile_of("2").find("img").get("src") == "../facsimiles/editions/images/fort.png"
    assert len(list((site / "facsimiles").rglob("fort*"))) == 1
    # under a base on the web: a link there, nothing copied or reported
    assert facsimile_of("3").get("href") == "https://scans.example.org/L2/p3.jpg"
    reported = sorted((p.line, p.message) for p in result.problems if p.rule == "image")
    line = BASED[:BASED.index("outside.png")].count("\n") + 1
    assert [n - line for n, _ in reported] == [0, 1]
    assert "'../../outside.png'" in reported[0][1] and "outside the corpus folder" in reported[0][1]
    # (reported by its address relative to the TEI file: its bases and its url, joined)
    assert "'./../images/missing.png'" in reported[1][1] and "no such file" in reported[1][1]
    assert not (site / "facsimiles" / "outside.png").exists()
    assert len(page.xpath("//span[@class='graphic'][starts-with(., '[Image (not published')]")) == 2


@pytest.mark.parametrize("url, base, address", [
    ("p1.png", "", "p1.png"),
    ("p1.png", "img/", "img/p1.png"),
    ("p1.png", "img/scan", "img/p1.png"),  # a base's last segment is replaced, as in any URL
    ("p1.png", "scan", "p1.png"),
    ("/p1.png", "img/", "/p1.png"),  # an absolute path stays one (and is refused)
    ("https://x.org/p1.png", "img/", "https://x.org/p1.png"),
    ("p1.png", "https://x.org/a/", "https://x.org/a/p1.png"),
    ("../p1.png", "https://x.org/a/b/", "https://x.org/a/p1.png"),
    ("p1.png", "urn:x:scans", "urn:x:scans"),  # neither the corpus's nor the web's: never published
])
def test_an_address_under_a_base_is_resolved_as_in_a_url_and_a_relative_one_stays_relative(url, base, address):
    from ria.corpus.images import with_base
    assert with_base(url, base) == address
