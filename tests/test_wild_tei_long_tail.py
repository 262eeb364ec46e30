"""A sweep with whole real TEI files from the long tail: course projects, theses, small letter
and manuscript editions, teaching material, each project's files built as one corpus with
`build.py build --corpus`, then read for a crash, the problems reported, the W3C Nu checker's
errors over the whole site, and whether the words of each TEI <text> are on its page.

Swept (files per project, 8 files from 8 projects of 8 owners): Digital Mitford's letters, a
letter with two xml-model instructions, comments in the text and a pb inside a p (1); a course
project's Baudelaire poem with @rhyme on each l (1); the Lili Elbe Digital Archive, a letter with
its translation, salute and closer loose in divs and a comment after the root (1, shortened); a
one-term Frankenstein manuscript edition, add inside del and metamark inside head (1); a folio of
Clm 10058 whose xml:id is "fol154r.xml", with @next on its TEI and msIdentifier bare in
sourceDesc (1); a letter of the La Roche–Gerning edition with no teiHeader at all (1); the
Thuringia edition's title page, a facsimile of zones and a standOff of registers (1); an Image
Markup Tool file from a TEI course, with oasis-schema and oxygen instructions and its image given
by a Windows path "..\\images\\kawkab\\…" (1). Then a corpus of two of them beside a truncated file
and an HTML page named .xml. Every corpus built with no crash, no Nu error and no word of a text
missing from its page.

What it found: an image given by a path written on Windows ("img\\p1.png") was refused as "an
absolute path", so a facsimile beside its TEI file was not published, and one whose ".." leads out
of the corpus was said to be absolute. A backslash is now a folder separator, as browsers read it.
A page number a hand wrote beside a chapter's heading (metamark in head) was part of the chapter's
name in the contents ("Chapter 7 th 75").
The truncated file is reported at its path, line and column, the HTML page as not TEI, and the
others are published: as it should be, kept here as a check."""

from __future__ import annotations

import io

from lxml import html
from PIL import Image
from test_wild_tei import HEADER, ROOT, TEI_NS, corpus, page, tei

from ria.corpus import build_corpus


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


# An image tool's file as written on Windows: the facsimile beside the TEI file, a figure's image
# two folders up, and one on a network share.
WINDOWS_PATHS = f"""<TEI xmlns="{TEI_NS}">{HEADER.format(title="Kawkab America", profile="")}
<facsimile><surface xml:id="s1"><graphic url="scans\\p1.png"/></surface></facsimile>
<text><body><pb n="1" facs="#s1"/><p>Kawkab America</p>
<figure><graphic url="..\\images\\kawkab\\p2.png"/></figure>
<figure><graphic url="\\\\server\\share\\p3.png"/></figure></body></text></TEI>
"""


def built_windows_paths(tmp_path):
    folder = corpus(tmp_path / "corpus", {"imt.xml": WINDOWS_PATHS})
    (folder / "scans").mkdir()
    (folder / "scans" / "p1.png").write_bytes(png(30, 40))
    (tmp_path / "images" / "kawkab").mkdir(parents=True)
    (tmp_path / "images" / "kawkab" / "p2.png").write_bytes(png(5, 5))
    return build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)


def test_a_facsimile_given_by_a_windows_path_beside_its_file_is_published_and_shown(tmp_path):
    result = built_windows_paths(tmp_path)
    text = html.fromstring((tmp_path / "site" / "texts" / "imt.html").read_bytes())
    image = text.xpath("//span[@class='pb'][@data-n='1']/following-sibling::a[1]/img")[0]
    assert (image.get("src"), image.get("width")) == ("../facsimiles/scans/p1.png", "30")
    assert (tmp_path / "site" / "facsimiles" / "scans" / "p1.png").read_bytes() == png(30, 40)
    assert not [p for p in result.problems if p.rule == "image" and "p1.png" in p.message]


def test_a_windows_path_out_of_the_corpus_is_said_to_lead_out_and_a_share_to_be_absolute(tmp_path):
    result = built_windows_paths(tmp_path)
    reasons = {p.message.split(" is not published: ")[1]: p.line for p in result.problems if p.rule == "image"}
    line = WINDOWS_PATHS[:WINDOWS_PATHS.index("kawkab")].count("\n") + 1
    assert reasons == {"its '..' leads outside the corpus folder": line,
                       "an absolute path names a file outside the corpus; give a path relative to the TEI file": line + 1}
    assert not list((tmp_path / "site" / "facsimiles").rglob("p2.png"))


def test_a_truncated_file_is_reported_where_it_breaks_an_html_page_is_not_tei_and_the_others_are_published(tmp_path):
    letter = tei("<body><div><p>ich will Ihnen theurer Neffe! heute</p></div></body>", title="Brief 1")
    folder = corpus(tmp_path / "corpus", {
        "brief1.xml": letter, "cut.xml": letter[:letter.index("<p>") + 12],
        "page.xml": "<html><body><p>not tei</p></body></html>\n"})
    result = build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)
    broken = [p for p in result.problems if p.path == "cut.xml"]
    assert [(p.severity, p.line > 0, p.col > 0) for p in broken] == [("error", True, True)]
    assert "not well-formed" in broken[0].message
    assert "page.xml" in result.corpus.skipped
    assert "theurer Neffe" in page(result, "brief1").text_content()


# The Frankenstein mini-edition's leaf: the page number the hand wrote beside the chapter's heading
# is a metamark inside the head; the contents named the chapter "Chapter 7 th 75".
FRANKENSTEIN = tei("""<body><div type="chapter" xml:id="ch7"><head>Chapter 7<metamark rend="margin">th 75</metamark></head>
<p>It was on a dreary night of November.</p></div><div type="chapter" xml:id="ch8"><head>Chapter 8</head>
<p>Morning came.</p></div></body>""", title="Frankenstein, a leaf", lang="en")


def test_a_mark_written_beside_a_heading_is_no_word_of_the_division_s_name_in_the_contents(tmp_path):
    result = build_corpus(corpus(tmp_path / "c", {"21r.xml": FRANKENSTEIN}), None, ROOT, jobs=1, write=False,
                          search=False)
    shown = page(result, "21r")
    contents = shown.xpath("//a[@href = '#ch7' or @href = '#ch8'][not(ancestor::*[@id = 'text'])]")
    assert [" ".join(a.text_content().split()) for a in contents] == ["Chapter 7", "Chapter 8"]
    assert "th 75" in shown.get_element_by_id("text").text_content()  # (the mark is kept on the page)
