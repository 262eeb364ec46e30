"""The built reading edition: linked through and through, notes both ways, names to their entries."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from ria.model.index import NAME_TAGS
from ria.model.passages import mentions_in

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="session")
def pages(built_site) -> dict[Path, html.HtmlElement]:
    return {p: html.parse(str(p)).getroot() for p in built_site.rglob("*.html")}


def ids_of(page) -> set[str]:
    return set(page.xpath("//@id"))


def test_site_has_the_expected_pages(built_site, edition):
    for name in ("index.html", "persons.html", "places.html", "organisations.html", "events.html",
                 "chronology.html", "map.html", "search.html", "about.html"):
        assert (built_site / name).exists(), name
    for doc in edition.texts:
        assert (built_site / "texts" / f"{doc.id}.html").exists()
        assert (built_site / "tei" / "texts" / f"{doc.id}.xml").read_bytes() == doc.data


def test_a_break_the_print_marks_between_sections_is_shown_where_it_stands(built_site):
    # Lessons of October: the rule the copy-text sets before the essay's last part (milestone rend="rule").
    page = html.fromstring((built_site / "texts" / "trotsky-1924.html").read_bytes())
    [rule] = page.xpath("//*[@id='text']//hr[contains(@class, 'milestone')]")
    assert rule.xpath("preceding::p[@id][1]/@id") == ["loo-p188"]
    assert rule.xpath("following::p[@id][1]/@id") == ["loo-p189"]


def test_every_marked_name_links_to_an_existing_index_entry(built_site, pages, edition):
    ids_in = functools.cache(lambda path: ids_of(pages[path]))  # each page's ids, gathered once
    for doc in edition.texts:
        page = pages[built_site / "texts" / f"{doc.id}.html"]
        links = {a.get("id"): a for a in page.xpath("//a[contains(@class, 'name')]")}
        anchors = ids_of(page)
        for mention in mentions_in(doc.tree.getroot(), doc.id):
            assert mention.anchor in anchors, f"{doc.id}: mention {mention.anchor} of {mention.entry_id} not in the page"
        names = [el for el in doc.tree.getroot().find(TEI + "text").iter(*NAME_TAGS) if el.get("ref")]
        for ordinal, el in enumerate(names, start=1):
            a = links.get(f"m{ordinal}")
            if a is None:  # a name inside a link (ref) is not a link itself
                assert el.xpath("ancestor::*[local-name()='ref']"), f"{doc.id}: m{ordinal}"
                continue
            href = a.get("href")
            page_name, entry = href.split("#")
            if not page_name:  # an agent defined in the text's own header
                assert entry == "about-text" and doc.tree.xpath(
                    "//*[@xml:id=$id]", id=el.get("ref").split()[0][1:]), f"{doc.id}: {href}"
                continue
            target = (built_site / "texts" / page_name).resolve()
            assert entry in ids_in(target), f"{doc.id}: {href}"
            assert entry == el.get("ref").split()[0][1:]


def test_every_note_is_reachable_from_its_anchor_and_back(built_site, pages, edition):
    for doc in edition.texts:
        page = pages[built_site / "texts" / f"{doc.id}.html"]
        for note in doc.tree.getroot().find(TEI + "text").iter(TEI + "note"):
            if note.get("place") == "inline":
                continue
            note_id = note.get(XML_ID)
            refs = page.xpath(f"//a[@class and contains(@class, 'noteref')][@href='#{note_id}']")
            assert len(refs) == 1, f"{doc.id}: anchor of {note_id}"
            entry = page.xpath(f"//li[@id='{note_id}']")
            assert entry, f"{doc.id}: note {note_id}"
            back = entry[0].xpath(".//a[@role='doc-backlink']/@href")
            assert back == [f"#{refs[0].get('id')}"], f"{doc.id}: backlink of {note_id}"


def test_every_index_entry_lists_its_mentions_in_context(built_site, pages, edition):
    from ria.model.indexer import build_index
    index = build_index(edition)
    persons = pages[built_site / "persons.html"]
    for entry_id in ("trotsky", "makhno", "kerensky"):
        article = persons.xpath(f"//article[@id='{entry_id}']")[0]
        listed = article.xpath(".//li/a[mark]")
        assert len(listed) == len(index.mentions_of(entry_id)) > 0, entry_id
        in_context = [a for a in listed if a.text_content().strip() != a.xpath("string(mark)").strip()]
        assert len(in_context) >= 0.9 * len(listed), f"{entry_id}: mentions without their sentence"
        for a in listed:
            assert a.get("href").startswith("texts/") and "#m" in a.get("href")
        sources = article.xpath(".//h4/cite/text()")
        assert len(sources) == len({m.text_id for m in index.mentions_of(entry_id)})


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="Ab1 .!?”’\"')]“‘([\nMärDG", max_size=60), st.data())
def test_a_mentions_sentence_is_the_one_reading_around_it_alone_finds(text, data):
    # The sentence ends of a block are found once for all its names (ria/model/passages.py); the
    # bounds must still be those that the text before the name and the text after it give (the
    # text after it read in place, where a day's number before it is seen: "6. 6. 91").
    from ria.model.passages import _ends, _sentence_bounds
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    ends = list(_ends(text[:start], 0, start))
    following = next(_ends(text, end, len(text)), None)
    expected = (ends[-1].end() if ends else 0, following.start() + 1 if following else len(text))
    assert _sentence_bounds(text, start, end) == expected


@pytest.mark.parametrize("text, name, sentence", [
    ("Gestern traf ich Dr. Freud und H. Bahr im Café. Er war froh.", "Bahr",
     ("Gestern traf ich Dr. Freud und H. ", " im Café.")),
    ("Es kamen z. B. Hofmannsthal und Salten. Dann ging ich.", "Salten", ("Es kamen z. B. Hofmannsthal und ", ".")),
    ("Then Gen. Brusilov attacked Lvov. The army held.", "Lvov", ("Then Gen. Brusilov attacked ", ".")),
    ("Colonel P. B. Valden took the city, vgl. Anm. 3. Then he left.", "city", ("Colonel P. B. Valden took the ", ", vgl. Anm. 3.")),
    ("It was on October 15. The army left.", "army", ("The ", " left.")),
])
def test_an_initial_a_title_or_an_abbreviation_ends_no_sentence(text, name, sentence):
    from ria.model.passages import _sentence
    start = text.index(name)
    assert _sentence(text, start, start + len(name)) == sentence


def test_a_spelling_in_another_language_is_read_in_that_language(built_site):
    # The register gives Russia's French form (from a cited French title) with xml:lang="fr".
    places = (built_site / "places.html").read_text(encoding="utf-8")
    assert '<span lang="fr">Russie</span>' in places


def test_every_mention_can_be_cited_by_its_passage(edition):
    from ria.model.indexer import build_index
    uncitable = [(m.text_id, m.form) for m in build_index(edition).source.all() if not m.block_id]
    assert not uncitable, f"mentions outside any element with an xml:id: {uncitable}"


def test_corrections_show_the_original_on_demand(built_site, pages):
    page = pages[built_site / "texts" / "tukhachevsky-1921.html"]
    app = [a for a in page.xpath("//span[contains(@class, 'app')]") if "infallibilty" in a.text_content()]
    assert app, "the correction of 'infallibilty' is not in the page"
    assert app[0].xpath("string(span[@class='reading'])") == "infallibility"
    assert app[0].xpath("string(span[@class='original'])") == "infallibilty"
    entry = page.xpath(f"//li[@id='{app[0].get('id')}-note']")
    assert entry and "infallibilty" in entry[0].text_content()


def test_text_pages_carry_citation_and_downloads(built_site, pages, edition):
    for doc in edition.texts:
        page = pages[built_site / "texts" / f"{doc.id}.html"]
        assert page.xpath("//meta[@name='citation_title']/@content")
        cite = page.xpath("string(//p[@class='citation'])")
        assert doc.sha256[:16] in cite and f"texts/{doc.id}.html" in cite
        assert page.xpath(f"//a[@href='../tei/texts/{doc.id}.xml']")


def test_pages_work_without_javascript_and_without_inline_code(pages):
    for path, page in pages.items():
        assert page.xpath("//meta[@http-equiv='Content-Security-Policy']"), path
        for script in page.xpath("//script"):
            assert script.get("src") or script.get("type") == "application/ld+json", path
        assert not page.xpath("//@style | //@*[starts-with(name(), 'on')]"), path
        assert not page.xpath("//style"), path


def test_build_never_writes_into_tei(root, tmp_path):
    from ria.publish.build import Project, build
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "tei").rglob("*") if p.is_file()}
    build(Project.at(root, tmp_path / "out"))
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "tei").rglob("*") if p.is_file()}
    assert before == after


def test_the_site_publishes_a_fresh_export_and_never_a_stale_one(root, tmp_path, exported, warm_cache, capsys):
    import shutil

    from ria.commands import cli
    from ria.publish.build import CACHE_DIR
    for part in ("tei", "schema", "xslt", "theme", "sources"):
        shutil.copytree(root / part, tmp_path / part)
    shutil.copytree(exported, tmp_path / "export")  # `build.py export` of the same TEI (conftest.py)
    # The builds an editor makes (`build.py`), from the cache an earlier build of this TEI left: the
    # export is judged fresh or stale on every build, whatever the cache holds.
    shutil.copytree(warm_cache, tmp_path / CACHE_DIR)

    def build() -> int:
        code = cli.main(["--root", str(tmp_path)])
        capsys.readouterr()
        return code
    assert build() == 0
    site = tmp_path / "edition"
    about = (site / "about.html").read_text()
    assert 'href="downloads/revolution-in-arms.epub"' in about
    assert (site / "downloads" / "revolution-in-arms.epub").read_bytes() == \
        (tmp_path / "export" / "revolution-in-arms.epub").read_bytes()
    text_page = (site / "texts" / "tukhachevsky-1921.html").read_text()
    assert "../downloads/text/tukhachevsky-1921.reading.txt" in text_page
    pilot = tmp_path / "tei" / "texts" / "tukhachevsky-1921.xml"
    pilot.write_text(pilot.read_text().replace("infallibility", "infallibility (edited)", 1))
    assert build() == 0
    assert not (site / "downloads").exists()
    assert "downloads/" not in (site / "about.html").read_text().split("<h2>Downloads</h2>")[1].split("</ul>")[0]
