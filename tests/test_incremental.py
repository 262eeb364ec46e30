"""Incremental builds: saving one file redoes only what depends on it, and the site is
byte-for-byte the site a clean build makes."""

from __future__ import annotations

from pathlib import Path

from conftest import edit_one_paragraph

from ria.cache import BuildCache
from ria.publish.build import CACHE_DIR, Project, build
from ria.publish.site import MARKER

TEXT = "tei/texts/tukhachevsky-1921.xml"


def site_files(out: Path) -> dict[str, bytes]:
    """The site's files; the marker that says the toolchain wrote the folder is written anew each time."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MARKER}


def clean_build(project: Path, out: Path) -> dict[str, bytes]:
    build(Project.at(project, out))
    return site_files(out)


# The clean builds of the unchanged edition (`clean_site`) and of the edition with
# `edit_one_paragraph` made (`clean_edited_site`) are made once per run (conftest.py).


def test_a_one_paragraph_edit_redoes_only_that_text_and_matches_a_clean_build(built_project, clean_edited_site):
    project = built_project  # built once with its cache (conftest.py)
    edit_one_paragraph(project)
    cache = BuildCache(project / CACHE_DIR)  # a new process: the results come from disk
    build(Project.at(project), cache=cache)
    for step in ("relaxng", "schematron", "text-record", "html-parts"):
        assert cache.misses[step] == 1, (step, cache.misses)
        assert cache.hits[step] >= 4, (step, cache.hits)
    for step in ("lint-facts", "lint-text"):  # lint compares the texts, but rescans only this one
        assert cache.misses[step] == 1 and cache.hits[step] >= 4, (step, cache.misses, cache.hits)
    assert cache.misses["search-index"] == 1
    # The paragraph names no one and dates nothing: the index pages stay as they were.
    assert not cache.misses["index-pages"], (cache.hits, cache.misses)
    incremental = site_files(project / "edition")
    assert "very smallest detail" in incremental["texts/tukhachevsky-1921.html"].decode()
    assert incremental == site_files(clean_edited_site)


def test_an_edit_beside_a_name_redoes_the_index_pages_that_quote_it(built_project, monkeypatch):
    from ria.publish.render import Renderer
    project = built_project  # built once with its cache (conftest.py)
    rendered = []
    for method in ("home", "register", "chronology", "map"):
        def recorded(self, *args, _method=getattr(Renderer, method), _name=method):
            rendered.append(args[0] if _name == "register" else _name)
            return _method(self, *args)
        monkeypatch.setattr(Renderer, method, recorded)
    path = project / TEXT
    sentence = "even demand the immediate establishment of the militia system in"
    text = path.read_text(encoding="utf-8")
    assert text.count(sentence) == 1  # the sentence that names Soviet Russia in tuk-p6
    path.write_text(text.replace(sentence, sentence.replace("immediate", "instant")), encoding="utf-8")
    cache = BuildCache(project / CACHE_DIR)
    build(Project.at(project), cache=cache)
    # Only the index of places quotes the sentence; the map counts the mentions, which stay as many.
    assert rendered == ["places"] and cache.misses["index-pages"] == 1, (rendered, cache.misses)
    incremental = site_files(project / "edition")
    assert "demand the instant establishment" in incremental["places.html"].decode()
    assert incremental == clean_build(project, project / "clean")


def test_a_warm_cache_across_rebuilds_matches_a_clean_build(project, clean_edited_site):
    cache = BuildCache()  # as `serve` keeps it: in memory, with the compiled stylesheets
    build(Project.at(project), cache=cache)
    edit_one_paragraph(project)
    build(Project.at(project), cache=cache)
    assert cache.misses["html-parts"] == 1
    assert site_files(project / "edition") == site_files(clean_edited_site)


def test_an_unchanged_edition_is_rebuilt_entirely_from_the_cache(built_project, clean_site):
    project = built_project  # built once with its cache (conftest.py)
    cache = BuildCache(project / CACHE_DIR)
    build(Project.at(project), cache=cache)
    assert not cache.misses, cache.misses
    assert site_files(project / "edition") == site_files(clean_site)


def test_a_clean_build_neither_uses_nor_touches_the_cache_of_earlier_builds(built_project, clean_edited_site):
    from ria.commands.cli import main
    project = built_project  # built once with its cache (conftest.py)
    stored = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (project / CACHE_DIR).iterdir()}
    edit_one_paragraph(project)  # a build that used the cache would find every other text in it
    assert main(["--root", str(project), "build", "--no-cache", "--out", str(project / "clean-cli")]) == 0
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (project / CACHE_DIR).iterdir()} == stored
    assert site_files(project / "clean-cli") == site_files(clean_edited_site)
    assert "very smallest detail" in site_files(project / "clean-cli")["texts/tukhachevsky-1921.html"].decode()


def test_a_changed_stylesheet_retransforms_every_text(built_project):
    project = built_project  # built once with its cache (conftest.py)
    stylesheet = project / "xslt" / "body.xsl"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8").replace(
        "'Link to this paragraph'", "'Permalink to this paragraph'"), encoding="utf-8")
    cache = BuildCache(project / CACHE_DIR)
    build(Project.at(project), cache=cache)
    texts = len(list((project / "tei" / "texts").glob("*.xml")))
    assert cache.misses["html-parts"] == texts + 1  # and the corpus header, for the about page
    assert cache.misses["relaxng"] == 0
    assert site_files(project / "edition") == clean_build(project, project / "clean")


def test_a_damaged_cache_is_recomputed_not_trusted(built_project, clean_site):
    project = built_project  # built once with its cache (conftest.py)
    for entry in (project / CACHE_DIR).glob("html-parts-*.pickle"):
        entry.write_bytes(b"not a pickle")
    cache = BuildCache(project / CACHE_DIR)
    build(Project.at(project), cache=cache)
    assert cache.misses["html-parts"] >= 5
    assert site_files(project / "edition") == site_files(clean_site)


def test_the_cache_keeps_only_the_last_builds_results(built_project):
    project = built_project  # built once with its cache (conftest.py)
    before = len(list((project / CACHE_DIR).glob("*.pickle")))
    edit_one_paragraph(project)
    build(Project.at(project), cache=BuildCache(project / CACHE_DIR))
    assert len(list((project / CACHE_DIR).glob("*.pickle"))) == before


def test_a_cache_folder_that_cannot_be_written_only_costs_time(project, clean_site):
    (project / CACHE_DIR).write_text("a file where the cache folder should be")
    build(Project.at(project), cache=BuildCache(project / CACHE_DIR))
    assert site_files(project / "edition") == site_files(clean_site)


def test_a_rebuild_links_the_files_it_did_not_change_and_never_writes_into_the_previous_site(built_project):
    import os
    project = built_project  # built once with its cache (conftest.py)
    site = project / "edition"
    before = {rel: ((site / rel).stat().st_ino, data) for rel, data in site_files(site).items()}
    kept = project / "kept"  # a second name for each file of the previous site, to read it after the swap
    for rel in before:
        (kept / rel).parent.mkdir(parents=True, exist_ok=True)
        os.link(site / rel, kept / rel)
    edit_one_paragraph(project)
    build(Project.at(project), cache=BuildCache(project / CACHE_DIR))
    after = site_files(site)
    unchanged = {rel for rel, data in after.items() if rel in before and before[rel][1] == data}
    assert "texts/tukhachevsky-1921.html" not in unchanged and len(unchanged) > len(after) / 2
    for rel in after:
        linked = (site / rel).stat().st_ino == before.get(rel, (None,))[0]
        assert linked == (rel in unchanged), rel
    assert {rel: (kept / rel).read_bytes() for rel in before} == {rel: data for rel, (_, data) in before.items()}
