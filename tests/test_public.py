"""Rights-aware publishing: a public build publishes no sentence of a text that is not free.

`build.py build --public` keeps a restricted or unknown text's header, contents,
the edition's own notes and its index entries (cited by page and paragraph), and
leaves out its words everywhere: pages, search index and downloads. The same
sentence detector, run on the default private-study build, must find them there.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

from ria.model import readings
from ria.model.indexer import build_index
from ria.publish.build import Project, build

ROOT = Path(__file__).resolve().parent.parent
MIN_WORDS = 6


def normal(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).casefold()


def bibliographic(edition) -> set[str]:
    """What a public page may show of any text: its header (bibliographic data, rights, credits),
    title page and division titles."""
    tei = "{http://www.tei-c.org/ns/1.0}"
    allowed = set()
    for doc in edition.texts:
        for el in doc.tree.getroot().iter(tei + "teiHeader", tei + "head", tei + "titlePage"):
            allowed.add(normal(" ".join(el.itertext())))
    return allowed


def sentences_of(doc, allowed: set[str]) -> set[str]:
    found = set()
    for view in (readings.reading, readings.diplomatic):
        for segment in view(doc.tree).segments():
            for sentence in re.split(r"(?<=[.!?;:])\s+", segment.text):
                sentence = normal(sentence)
                if len(sentence.split()) >= MIN_WORDS and not any(sentence in h for h in allowed):
                    found.add(sentence)
    return found


class Readable:
    """A normalised text (words between single spaces) in which ``sentence in readable`` is
    ``sentence in text``, found without scanning megabytes for each of thousands of sentences:
    each word of a sentence but its first and last stands whole between two spaces, so the
    sentence can start only where its rarest such word occurs as a word of the text, that
    word's distance before it."""

    def __init__(self, text: str):
        self.text = text
        self.starts: dict[str, list[int]] = {}
        at = 0
        for word in text.split(" "):
            self.starts.setdefault(word, []).append(at)
            at += len(word) + 1

    def __contains__(self, sentence: str) -> bool:
        words = sentence.split(" ")
        assert len(words) >= 3, sentence
        inner = min(range(1, len(words) - 1), key=lambda i: len(self.starts.get(words[i], ())))
        before = sum(len(word) + 1 for word in words[:inner])
        return any(self.text.startswith(sentence, at - before) for at in self.starts.get(words[inner], ())
                   if at >= before)


def published_text(site: Path) -> Readable:
    """Everything a reader or a crawler can read in the built site, as one normalised text."""
    chunks = []

    def add(name: str, data: bytes) -> None:
        if name.endswith((".zip", ".epub")):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    add(member, archive.read(member))
        elif name.endswith((".pf_fragment", ".pf_meta", ".pf_filter", ".pf_index")):
            chunks.append(gzip.decompress(data).decode("utf-8", "replace"))
        elif name.endswith((".html", ".xhtml")):
            document = html.fromstring(data)
            chunks.append(document.text_content())
            chunks.extend(str(value) for value in document.xpath("//@*"))
        elif name.endswith((".xml", ".json", ".jsonld", ".csv", ".ics", ".txt", ".js", ".opf", ".ncx")):
            text = data.decode("utf-8", "replace")
            chunks.append(text)
            if name.endswith(".xml"):
                chunks.append(" ".join(etree.fromstring(data).itertext()))
    for path in sorted(site.rglob("*")):
        if path.is_file():
            add(path.name, path.read_bytes())
    return Readable(normal(" ".join(chunks)))


@pytest.fixture(scope="module")
def withheld(edition):
    index = build_index(edition)
    not_free = {text.id for text in index.texts if text.availability != "free"}
    allowed = bibliographic(edition)
    return {doc.id: sentences_of(doc, allowed) for doc in edition.texts if doc.id in not_free}


@pytest.fixture(scope="module")
def public_site(tmp_path_factory, root, exported):
    """A public build of a copy of the project that has a fresh export for the build to publish
    (the session's export of the same TEI: its manifest matches the copy's files)."""
    project = tmp_path_factory.mktemp("public") / "project"
    for part in ("tei", "schema", "xslt", "theme"):
        shutil.copytree(root / part, project / part)
    shutil.copytree(exported, project / "export")
    build(Project.at(project), public=True)
    return project / "edition"


def test_the_edition_has_texts_that_are_not_free(withheld):
    assert withheld, "no text is restricted or unknown: this test would prove nothing"
    assert all(len(sentences) > 20 for sentences in withheld.values())


def test_the_detector_finds_the_sentences_of_a_private_study_build(built_site, withheld):
    published = published_text(built_site)
    for text_id, sentences in withheld.items():
        assert sum(sentence in published for sentence in sentences) > len(sentences) // 2, text_id


def test_a_public_build_publishes_no_sentence_of_a_text_that_is_not_free(public_site, withheld):
    published = published_text(public_site)
    leaks = {text_id: sorted(s for s in sentences if s in published)[:5]
             for text_id, sentences in withheld.items()}
    assert not any(leaks.values()), leaks


def test_a_public_build_keeps_the_bibliography_contents_notes_and_index_entries(public_site):
    page = html.parse(str(public_site / "texts" / "ziemke-2004.html")).getroot()
    assert "does not publish the words of this text" in page.text_content()
    assert page.xpath("//nav[contains(@class, 'toc')]//a"), "the table of contents is gone"
    assert page.xpath("//section[@id='about-text']//text()[normalize-space()]")
    assert page.xpath("//li[contains(@class, 'note-commentary')]"), "the edition's notes are gone"
    assert not page.xpath("//input[@name='view']"), "a view switch with no text to switch"
    persons = html.parse(str(public_site / "persons.html")).getroot()
    cited = persons.xpath("//article[@id='trotsky']//li[contains(@class, 'withheld')]")
    # Each is cited by where it stands, as a reader cites it ("p. 7, ch. 1, ¶ 16", "p. v, contents"), not by an id.
    places = [re.search(r": (.+) \(text not published", " ".join(li.text_content().split())) for li in cited]
    assert cited and all(places), [li.text_content() for li in cited]
    assert not [p.group(1) for p in places if re.fullmatch(r"[a-z]+-[a-z]*\d+", p.group(1))]
    assert any("¶" in p.group(1) for p in places)
    assert any("p. " in li.text_content() for li in cited), "no mention is cited by page"


def test_a_public_build_publishes_only_the_downloads_made_from_free_texts(public_site, withheld):
    import json
    manifest = public_site / "downloads" / "manifest.json"
    published = json.loads(manifest.read_text())["files"] if manifest.exists() else []
    for entry in published:
        assert not any(f"tei/texts/{text_id}.xml" == source["file"]
                       for source in entry.get("derived_from", []) for text_id in withheld), entry["path"]
    on_disk = {str(p.relative_to(public_site / "downloads")) for p in (public_site / "downloads").rglob("*")
               if p.is_file()} if (public_site / "downloads").exists() else set()
    assert on_disk <= {entry["path"] for entry in published} | {"manifest.json"}


def test_a_public_build_leaves_out_the_tei_of_texts_that_are_not_free(public_site, withheld):
    assert not any((public_site / "tei" / "texts" / f"{text_id}.xml").exists() for text_id in withheld)
    assert (public_site / "tei" / "edition.xml").exists()
    assert (public_site / "tei" / "registers" / "persons.xml").exists()


def test_a_public_build_has_no_broken_link_or_anchor(public_site):
    from test_links import broken_links
    assert not broken_links(public_site)
