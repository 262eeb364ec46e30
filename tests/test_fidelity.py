"""Nothing lost: every word of each copy-text is in the TEI's diplomatic reading or a documented omission."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from ria.model.readings import diplomatic, reading
from ria.validate.fidelity import compare, copy_text_words, words

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted(p.stem for p in (ROOT / "tei" / "texts").glob("*.xml"))


def load(text_id):
    tree = etree.parse(str(ROOT / "tei" / "texts" / f"{text_id}.xml"))
    copy = (ROOT / "sources" / f"{text_id}.txt").read_text(encoding="utf-8")
    return tree, copy


def test_every_text_has_its_copy_text():
    assert TEXTS, "no texts in tei/texts"
    for text_id in TEXTS:
        assert (ROOT / "sources" / f"{text_id}.txt").exists(), text_id


@pytest.mark.parametrize("text_id", TEXTS)
def test_diplomatic_reading_reproduces_the_copy_text(text_id):
    tree, copy = load(text_id)
    report = compare(text_id, copy, tree)
    details = report.problems + [str(d) for d in report.differences[:20]]
    assert report.ok, f"{text_id}: " + "\n".join(details)


@pytest.mark.parametrize("text_id", TEXTS)
def test_a_lost_word_is_caught(text_id):
    tree, copy = load(text_id)
    p = tree.find(".//{http://www.tei-c.org/ns/1.0}body//{http://www.tei-c.org/ns/1.0}p")
    first_text = next(t for t in p.xpath(".//text()[normalize-space()]") if words(t))
    parent = first_text.getparent()
    lost = words(first_text)[0]
    if first_text.is_text:
        parent.text = parent.text.replace(lost, "", 1)
    else:
        parent.tail = parent.tail.replace(lost, "", 1)
    assert not compare(text_id, copy, tree).ok


@pytest.mark.parametrize("text_id", TEXTS)
def test_an_added_or_changed_word_is_caught(text_id):
    tree, copy = load(text_id)
    p = tree.find(".//{http://www.tei-c.org/ns/1.0}body//{http://www.tei-c.org/ns/1.0}p")
    p.text = (p.text or "") + " Kerenskiy "
    assert not compare(text_id, copy, tree).ok


def test_corrections_keep_the_copy_text_reading_in_the_diplomatic_view():
    tree = etree.parse(str(Path(__file__).parent / "fixtures" / "schema" / "valid" / "minimal-text.xml"))
    dip, read = diplomatic(tree).flow, reading(tree).flow
    assert "infallibilty" in dip and "infallibility" not in dip
    assert "infallibility" in read and "infallibilty" not in read
    assert "of the text" not in " ".join(dip.split()) and "of the text" in " ".join(read.split())


def test_copy_text_markup_is_not_words():
    assert copy_text_words("the *International*<sup>2</sup>, **History** --- state.'5 1916.4") == \
        ["the", "International", "2", "History", "state", "5", "1916", "4"]
