"""What a second look at the gaps closed for the ACDH's letters, Kanripo's classics, the Huygens
letters and charters' abbreviations found, now kept:

- An annotation that both ends at an element of the text (its @target) and is pointed to
  (<ptr target="#a1"/>) has one mark with the id its back link leads to: the end mark and the
  first pointer both took it, an id twice on a page.
- An empty code block (<ab type="code"/>) is an empty block like an empty paragraph: no rule of
  the stylesheets matches it as well as another (Saxon warned of an ambiguous rule match).
- The search index and the plain-text export read what the page shows: a row of dots as many as
  the page prints for any @n ("²" stopped the build), a choice of an abbreviation's mark and its
  expansion as the mark or the expansion (not "ꝑper"), and Kanripo's line ends (<pc n="lb"/>) in
  the export, where the words of two lines ran together.
"""

from __future__ import annotations

import pytest
from lxml import etree
from test_wild_tei import ROOT, TEI_NS, corpus, page, tei
from test_wild_tei_gaps import CHARTER
from test_wild_tei_long_tail_second import viewed

from ria.corpus import build_corpus
from ria.export.text import flatten, plain_text
from ria.model import readings


def built(tmp_path, files: dict[str, str]):
    return build_corpus(corpus(tmp_path / "c", files), None, ROOT, jobs=1, write=False, search=False)


ANNOTATED = tei("""<body><p xml:id="w1">Worte <ptr target="#a1"/> dort.</p></body>""", title="Annotated").replace(
    "</text>", """</text><standOff><listAnnotation><annotation xml:id="a1" target="#w1"><note>Eine Anmerkung.</note>
</annotation></listAnnotation></standOff>""")


def test_an_annotation_both_ended_at_and_pointed_to_has_one_mark_its_back_link_leads_to(tmp_path):
    shown = page(built(tmp_path, {"annotated.xml": ANNOTATED}), "annotated")
    marks = shown.get_element_by_id("text").find_class("annotation-ref")
    assert [mark.get("href") for mark in marks] == ["#annotation-a1", "#annotation-a1"]  # the pointer, the end
    assert [mark.get("id") for mark in marks] == [None, "annotation-a1-ref"]
    [back] = shown.find_class("annotation-backlink")
    assert back.get("href") == "#annotation-a1-ref"


def test_an_empty_code_block_is_left_out_as_an_empty_paragraph_is_and_no_rule_is_ambiguous(tmp_path, capfd):
    shown = page(built(tmp_path, {"code.xml": tei('<body><ab type="code"/><ab type="code" xml:id="c2"/><p>Text.</p></body>')}), "code")
    assert "Ambiguous rule match" not in capfd.readouterr().err
    text = shown.get_element_by_id("text")
    assert not text.xpath(".//code | .//pre")
    assert text.get_element_by_id("c2").tag == "span"  # (its id still a place to link to)


DOTS = ["", "4", " 5 ", "+2", "-2", "0", "²", "x"]


def test_a_row_of_dots_is_as_long_in_the_readings_as_on_the_page_whatever_its_n(tmp_path):
    cs = "|".join(f'<c rendition="#dots" n="{n}"/>' for n in DOTS)
    shown = page(built(tmp_path, {"dots.xml": tei(f"<body><p>{cs}</p></body>")}), "dots")
    on_page = [len(span.text) for span in shown.get_element_by_id("text").find_class("dots")]
    assert on_page == [3, 4, 5, 2, 1, 1, 3, 3]
    root = etree.fromstring(tei(f"<body><p>{cs}</p></body>").encode())
    assert [len(row) for row in readings.reading(root).flow.strip().split("|")] == on_page


def test_a_choice_of_a_mark_and_its_expansion_is_read_by_the_index_and_the_export_as_on_the_page(tmp_path):
    paragraph = page(built(tmp_path, {"carta.xml": CHARTER}), "carta").get_element_by_id("text").find(".//p")
    root = etree.fromstring(CHARTER.encode())
    assert "Ego per manum pro anima perpetuo." in viewed(paragraph, "original").replace("°", "")
    assert "Ego per manum pro anima perpetuo." in " ".join(readings.reading(root).flow.split())
    assert "Ego ꝑ manum ꝓ anima ꝑpetuo." in " ".join(readings.diplomatic(root).flow.split())
    assert "Ego per manum pro anima perpetuo." in plain_text(flatten(etree.ElementTree(root), "reading"), [])
    assert "Ego ꝑ manum ꝓ anima ꝑpetuo." in plain_text(flatten(etree.ElementTree(root), "diplomatic"), [])


@pytest.mark.parametrize("view", ["reading", "diplomatic"])
def test_the_lines_of_a_print_marked_by_empty_pc_stay_apart_in_the_plain_text(view):
    root = etree.fromstring(f'<TEI xmlns="{TEI_NS}"><text><body><p>南山經<pc n="lb"/>臨於西海</p></body></text></TEI>'.encode())
    assert "南山經 臨於西海" in plain_text(flatten(etree.ElementTree(root), view), [])
