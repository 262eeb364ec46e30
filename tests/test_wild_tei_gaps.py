"""Gaps of `build.py build --corpus` on other people's TEI, closed.

What users rely on:
- An abbreviation written as a choice of its mark and the editor's letters, without abbr and
  expan (Menota-like and charter editions: <choice><am>ꝑ</am><ex>per</ex></choice>), reads as an
  abbreviation: the reading text shows the expansion (in italics, as an expan's ex), the
  diplomatic view the mark, the apparatus says "abbreviation expanded", and a heading's contents
  entry reads the expansion. It was shown as two alternative readings, "ꝑ per".
"""

from __future__ import annotations

from test_wild_tei import ROOT, corpus, page, tei, words
from test_wild_tei_long_tail_second import viewed

from ria.corpus import build_corpus


def built(tmp_path, files: dict[str, str]):
    for name in files:
        (tmp_path / "c" / name).parent.mkdir(parents=True, exist_ok=True)
    return build_corpus(corpus(tmp_path / "c", files), None, ROOT, jobs=1, write=False, search=False)


# ------------------------------------------------------------------ a choice of am and ex

CHARTER = tei("""<body><div><head>Carta <choice><am>ꝑ</am><ex>per</ex></choice> dominum</head>
<p>Ego <choice><am>ꝑ</am><ex>per</ex></choice> manum <choice><am>ꝓ</am><ex>pro</ex></choice> anima
<choice><am>ꝑ</am><ex>per</ex></choice>petuo.</p></div></body>""", title="Carta", lang="la")


def test_a_choice_of_a_mark_and_its_expansion_reads_as_an_abbreviation_in_each_view(tmp_path):
    shown = page(built(tmp_path, {"carta.xml": CHARTER}), "carta")
    paragraph = shown.get_element_by_id("text").find(".//p")
    assert viewed(paragraph, "original").startswith("Ego per° manum pro° anima per°petuo.")  # the reading text
    assert viewed(paragraph, "reading").startswith("Ego ꝑ° manum ꝓ° anima ꝑ°petuo.")  # the diplomatic view
    assert [words(i) for i in paragraph.xpath(".//i[@class='ex']")] == ["per", "pro", "per"]
    assert not shown.find_class("choice-alternatives")


def test_a_choice_of_a_mark_and_its_expansion_is_listed_as_an_abbreviation_expanded(tmp_path):
    shown = page(built(tmp_path, {"carta.xml": CHARTER}), "carta")
    entries = [words(li) for li in shown.xpath("//ol[@class='apparatus']/li")]
    assert entries[0].startswith("3 times: per · copy-text: ꝑ · abbreviation expanded")
    assert entries[1].startswith("the place in the text Ego per manum pro anima perpetuo. · copy-text: ꝓ · "
                                 "abbreviation expanded")
    assert [words(a) for a in shown.xpath("//nav[contains(@class, 'toc')]//li/a")] == ["Carta per dominum"]
