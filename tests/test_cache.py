"""The incremental build cache on disk: an entry is used only if it proves it belongs to its key.

Anything else found at an entry's name (another key's entry, a file cut short or altered,
a folder, a symlink, a FIFO, a pickle that no longer loads) is a miss: the step is computed
again and the entry written anew. It never fails a build and never changes the site.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

import pytest
from conftest import edit_one_paragraph

from ria.cache import BuildCache
from ria.publish.build import CACHE_DIR, Project, build

# ---------------------------------------------------------------- one cache, one step

def entry_files(folder: Path, step: str = "step") -> list[Path]:
    return sorted(folder.glob(f"{step}-*.pickle"))


def stored(folder: Path, *values: str) -> dict[str, Path]:
    """Each value stored by a cache in ``folder`` under its own key, and the file it went to."""
    cache = BuildCache(folder)
    files = {}
    for value in values:
        before = set(entry_files(folder))
        cache.put("step", (value,), value)
        (files[value],) = set(entry_files(folder)) - before
    return files


def fetched(folder: Path, value: str) -> tuple[str, BuildCache]:
    """What a new process's cache gives for ``value``'s key, and that cache (for its counts)."""
    cache = BuildCache(folder)
    return cache.fetch("step", (value,), lambda: value), cache


def test_an_entry_under_another_keys_name_is_a_miss_and_is_rewritten(tmp_path):
    files = stored(tmp_path, "first", "second")
    first, second = files["first"].read_bytes(), files["second"].read_bytes()
    files["first"].write_bytes(second)
    files["second"].write_bytes(first)
    value, cache = fetched(tmp_path, "first")
    assert value == "first" and cache.misses["step"] == 1
    assert files["first"].read_bytes() == first
    assert fetched(tmp_path, "first")[1].hits["step"] == 1


@pytest.mark.parametrize("damage", [
    pytest.param(lambda data: data[: len(data) // 2], id="cut short"),
    pytest.param(lambda data: b"", id="emptied"),
    pytest.param(lambda data: data.replace(b"original", b"ORIGINAL"), id="altered in its pickle"),
    pytest.param(lambda data: b"not a cache entry", id="not an entry at all"),
])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path, damage):
    files = stored(tmp_path, "the original value")
    entry = files["the original value"]
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    value, cache = fetched(tmp_path, "the original value")
    assert value == "the original value" and cache.misses["step"] == 1
    assert entry.read_bytes() == good


def test_a_folder_at_an_entrys_name_is_a_miss_and_is_replaced_by_the_entry(tmp_path):
    entry = stored(tmp_path, "value")["value"]
    good = entry.read_bytes()
    entry.unlink()
    entry.mkdir()
    (entry / "inside").write_text("something")
    value, cache = fetched(tmp_path, "value")
    assert value == "value" and cache.misses["step"] == 1
    assert entry.is_file() and entry.read_bytes() == good


def test_a_folder_at_the_name_of_an_entry_no_longer_used_is_removed_without_an_error(tmp_path):
    files = stored(tmp_path, "kept", "dropped")
    files["dropped"].unlink()
    files["dropped"].mkdir()
    (files["dropped"] / "inside").write_text("something")
    cache = BuildCache(tmp_path)
    cache.start_build()
    cache.fetch("step", ("kept",), lambda: "kept")
    cache.finish_build()
    assert entry_files(tmp_path) == [files["kept"]]


def test_a_symlink_at_an_entrys_name_is_a_miss_even_to_a_good_entry(tmp_path):
    entry = stored(tmp_path, "value")["value"]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(entry, elsewhere / entry.name)
    entry.unlink()
    entry.symlink_to(elsewhere / entry.name)
    value, cache = fetched(tmp_path, "value")
    assert value == "value" and cache.misses["step"] == 1
    assert not entry.is_symlink() and entry.read_bytes() == (elsewhere / entry.name).read_bytes()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_at_an_entrys_name_is_a_miss_without_waiting_for_a_writer(tmp_path):
    entry = stored(tmp_path, "value")["value"]
    entry.unlink()
    os.mkfifo(entry)
    answers = []
    reading = threading.Thread(target=lambda: answers.append(fetched(tmp_path, "value")), daemon=True)
    reading.start()
    reading.join(timeout=10)
    assert answers, "the cache waits for a writer to open the FIFO"
    value, cache = answers[0]
    assert value == "value" and cache.misses["step"] == 1
    assert entry.is_file()


class Kept:
    """A value whose class a later toolchain no longer has (the test removes it)."""


def test_an_entry_whose_pickle_no_longer_loads_is_a_miss(tmp_path, monkeypatch):
    cache = BuildCache(tmp_path)
    cache.put("step", ("value",), Kept())
    monkeypatch.delattr(sys.modules[__name__], "Kept")
    value, cache = fetched(tmp_path, "value")
    assert value == "value" and cache.misses["step"] == 1


def test_a_value_that_cannot_be_pickled_is_kept_in_memory_and_computed_again_by_the_next_process(tmp_path):
    def unpicklable():
        return "computed"  # a local function cannot be pickled

    cache = BuildCache(tmp_path)
    assert cache.fetch("step", ("value",), lambda: unpicklable) is unpicklable
    assert cache.fetch("step", ("value",), lambda: None) is unpicklable
    assert not entry_files(tmp_path)
    assert fetched(tmp_path, "value")[1].misses["step"] == 1


# ---------------------------------------------------------------- a whole build

def site_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


# The clean builds of the unchanged edition (`clean_site`) and of the edition with one paragraph
# edited (`clean_edited_site`) are made once per run (conftest.py).


def cached_build(project: Path) -> BuildCache:
    cache = BuildCache(project / CACHE_DIR)  # a new process: the results come from disk
    build(Project.at(project), cache=cache)
    return cache


def html_parts(project: Path) -> list[Path]:
    return entry_files(project / CACHE_DIR, "html-parts")


def test_a_build_with_two_entries_swapped_makes_the_site_a_clean_build_makes(built_project, clean_site):
    project = built_project  # after its first build with a cache (conftest.py)
    first, second = html_parts(project)[:2]
    swapped = project / "swapped"
    first.rename(swapped)
    second.rename(first)
    swapped.rename(second)
    cache = cached_build(project)
    assert site_files(project / "edition") == site_files(clean_site)
    assert cache.misses["html-parts"] == 2, cache.misses


def test_a_build_with_an_entry_altered_inside_its_pickle_makes_the_site_a_clean_build_makes(built_project, clean_site):
    project = built_project  # after its first build with a cache (conftest.py)
    entry = next(p for p in html_parts(project) if b"smallest detail" in p.read_bytes())
    entry.write_bytes(entry.read_bytes().replace(b"smallest detail", b"LARGEST  detail"))
    cache = cached_build(project)
    assert site_files(project / "edition") == site_files(clean_site)
    assert cache.misses["html-parts"] == 1, cache.misses


def test_a_build_with_an_entry_linked_to_another_makes_the_site_a_clean_build_makes(built_project, clean_site):
    project = built_project  # after its first build with a cache (conftest.py)
    first, second = html_parts(project)[:2]
    first.unlink()
    first.symlink_to(second)
    cache = cached_build(project)
    assert site_files(project / "edition") == site_files(clean_site)
    assert cache.misses["html-parts"] == 1, cache.misses


def entries(project: Path) -> dict[str, bytes]:
    return {entry.name: entry.read_bytes() for entry in html_parts(project) if entry.is_file()}


def test_a_build_with_entries_cut_short_makes_the_site_a_clean_build_makes_and_rewrites_them(built_project, clean_site):
    project = built_project  # after its first build with a cache (conftest.py)
    good = entries(project)
    for entry in html_parts(project):
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    cache = cached_build(project)
    assert site_files(project / "edition") == site_files(clean_site)
    assert cache.misses["html-parts"] == len(good), cache.misses
    assert entries(project) == good


def test_a_build_with_folders_in_place_of_entries_succeeds_and_replaces_them(built_project, clean_edited_site):
    project = built_project  # after its first build with a cache (conftest.py)
    good = entries(project)
    edited = next(name for name, data in good.items() if b"smallest detail" in data)
    for entry in html_parts(project):
        entry.unlink()
        entry.mkdir()
        (entry / "inside").write_text("something")
    # The edited text's entry is no longer used, and goes; the others are written again.
    edit_one_paragraph(project)
    cached_build(project)
    assert site_files(project / "edition") == site_files(clean_edited_site)
    assert all(entry.is_file() for entry in html_parts(project))
    rewritten = entries(project)
    assert edited not in rewritten
    assert {name: data for name, data in rewritten.items() if name in good} == {
        name: data for name, data in good.items() if name != edited}
