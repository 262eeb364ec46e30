"""Every page passes the W3C Nu Html Checker: the edition's, and those of corpus sites of letters
and plays that nobody here wrote. The checker is vnu.jar from npm (tools/package.json, installed
by `npm ci --ignore-scripts --prefix tools`), run with Debian's Java; the test reads back what it reports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import JAVA, unavailable
from lxml import etree, html
from test_corpus import make_corpus

from ria.corpus import build_corpus
from ria.model.readings import block_reading
from ria.xmlio import TEI_NS, XML_ID

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SHARED_CORPORA = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def nu_checker() -> Path:
    if not VNU.exists():
        unavailable(f"W3C Nu Html Checker not run: {VNU} is missing (npm ci --ignore-scripts --prefix tools)")
    if not shutil.which("java"):
        unavailable("W3C Nu Html Checker not run: no Java (apt-get install default-jre-headless)")
    return VNU


def nu_errors(checker: Path, *folders: Path) -> list[str]:
    """What the checker reports as errors on the HTML pages under ``folders``, one line each."""
    result = subprocess.run([*JAVA, "-jar", str(checker), "--format", "json", "--skip-non-html",
                             *map(str, folders)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr)
    return [f"{m['url']}:{m.get('lastLine', '?')}: {m['message']}" for m in report["messages"]
            if m["type"] in ("error", "non-document-error")]


def _copies(source: Path, folder: Path, names: list[Path]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in names:
        shutil.copyfile(path, folder / path.name)


def test_every_page_of_the_edition_passes_the_w3c_checker(nu_checker, built_site):
    assert nu_errors(nu_checker, built_site) == []


@pytest.fixture(scope="module")
def real_sites(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Sites of real letters (60 of schnitzler-briefe, with its registers) and plays (every 30th
    of rusdracor), each built once for this module: name -> (corpus, site)."""
    schnitzler, plays = SHARED_CORPORA / "schnitzler-briefe", SHARED_CORPORA / "rusdracor"
    if not (schnitzler.is_dir() and plays.is_dir()):
        unavailable(f"real corpora not checked: {SHARED_CORPORA} is not present (../shared is optional)")
    folder = tmp_path_factory.mktemp("real")
    _copies(schnitzler, folder / "schnitzler" / "editions", sorted((schnitzler / "editions").glob("*.xml"))[:60])
    _copies(schnitzler, folder / "schnitzler" / "indices", sorted((schnitzler / "indices").glob("*.xml")))
    _copies(plays, folder / "plays" / "tei", sorted((plays / "tei").glob("*.xml"))[::30])
    sites = {}
    for name in ("schnitzler", "plays"):
        build_corpus(folder / name, folder / f"{name}-site", ROOT, jobs=2, search=False)
        sites[name] = (folder / name, folder / f"{name}-site")
    return sites


def test_every_page_of_corpus_sites_of_letters_and_plays_passes_the_w3c_checker(nu_checker, tmp_path, real_sites):
    letters = make_corpus(tmp_path / "letters")
    build_corpus(letters, tmp_path / "letters-site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "letters-site", *(site for _, site in real_sites.values())) == []


# What a reader of the reading text does not read as the text's words: the diplomatic view's
# readings, what was struck out, the marks of pages, notes, permalinks and damaged stretches.
NOT_THE_WORDS = etree.XPath(
    ".//*[contains(concat(' ', @class, ' '), ' app ')]/*[@class = 'original'] | .//del"
    " | .//*[@class][contains(concat(' ', @class, ' '), ' pb ') or contains(concat(' ', @class, ' '), ' permalink ')"
    " or contains(concat(' ', @class, ' '), ' noteref ') or contains(concat(' ', @class, ' '), ' app-ref ')"
    " or contains(concat(' ', @class, ' '), ' damage ')]")


def test_every_word_of_real_letters_and_plays_is_on_their_pages(real_sites):
    """The words of each text's body, as the reading model reads them (which the search index, the
    registers' excerpts and the exports share), are on its page's reading text: none lost, none
    run into its neighbour (schnitzler-briefe's "Stimmung", written Sti<c rendition="#gemination-m"/>ung,
    read "Stiung" on the page until its signs were read)."""
    checked, lost = 0, {}
    for corpus, site in real_sites.values():
        for path in sorted([*corpus.glob("editions/*.xml"), *corpus.glob("tei/*.xml")]):  # (the texts)
            tree = etree.parse(str(path))
            body = tree.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
            page = site / "texts" / f"{tree.getroot().get(XML_ID) or path.stem}.html"
            if body is None or not page.exists():
                continue
            text = html.parse(str(page)).getroot().get_element_by_id("text")
            for element in NOT_THE_WORDS(text):
                element.drop_tree()
            on_page = re.sub(r"\s+", "", text.text_content())
            words = re.findall(r"\w+", block_reading(body, frozenset())[0])
            missing = sorted({word for word in words if word not in on_page})
            checked += 1
            if missing:
                lost[path.name] = missing[:10]
    assert checked >= 60 and not lost, lost
