"""Three gaps of `build.py build --corpus` on other people's TEI, closed.

What users rely on:
- An abbreviation written as a choice of its mark and the editor's letters, without abbr and
  expan (Menota-like and charter editions: <choice><am>ꝑ</am><ex>per</ex></choice>), reads as an
  abbreviation: the reading text shows the expansion (in italics, as an expan's ex), the
  diplomatic view the mark, the apparatus says "abbreviation expanded", and a heading's contents
  entry reads the expansion. It was shown as two alternative readings, "ꝑ per".
- A text of a group named only in the header (the Arkiv for Dansk Litteratur's volumes:
  <text decls="#biblid…">, its title in the bibl the @decls points to) is headed and listed in the
  contents by that title, unless it has a heading of its own. It was listed as "Text 1", unheaded.
- A root xml:id that more than one document of a corpus has (every ADL file's is "root") names
  none of their pages, whatever order the files are read in: each is named by its file, and that
  is said once, as a warning. The first file's page was "root.html", the others' their file names.
"""

from __future__ import annotations

import pytest

from test_wild_tei import ROOT, TEI_NS, corpus, page, tei, words
from test_wild_tei_long_tail_second import viewed

from ria.corpus import build_corpus
from ria.problems import EditionError


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


# ------------------------------------------------------------------ a text named in the header

def adl(texts: str, bibls: str, root_id: str = "root") -> str:
    return (f'<TEI xmlns="{TEI_NS}" xml:id="{root_id}" xml:lang="da"><teiHeader><fileDesc><titleStmt>'
            "<title>Samlede Skrifter, V</title></titleStmt><publicationStmt><p>t</p></publicationStmt>"
            f"<sourceDesc><listBibl>{bibls}</listBibl></sourceDesc></fileDesc></teiHeader>"
            f'<text><front><pb n="a"/></front><group>{texts}</group></text></TEI>\n')


VOLUME = adl("""<pb n="361"/><text xml:id="w1" decls="#b1"><body><pb n="362"/><p/></body></text>
<text xml:id="w2" decls="#b2"><body><div><pb n="364"/><p>Kjære Christian!</p></div></body></text>
<text xml:id="w3" decls="#b3"><body><head>Egen overskrift</head><p>Tekst.</p></body></text>
<text xml:id="w4" decls="#b4"><body><div><head>DEN STILLE GLÆDE.</head><p>Vers.</p></div></body></text>""",
             """<bibl xml:id="b1"><title>Et Riimbrev</title></bibl>
<biblStruct xml:id="b2"><analytic><title>Kjære Christian</title></analytic><monogr><title>Breve</title>
<imprint><date>1976</date></imprint></monogr></biblStruct>
<bibl xml:id="b3"><title>Header title</title></bibl><bibl xml:id="b4"><title>Den stille Glæde.</title></bibl>""")


def test_a_text_named_only_in_the_header_is_headed_and_listed_by_that_title(tmp_path):
    shown = page(built(tmp_path, {"aarestrup05.xml": VOLUME}), "root")
    texts = shown.xpath("//section[@class='group-text']")
    assert [[words(h) for h in text.xpath("h2 | */h2 | */*/h2")] for text in texts] == [
        ["Et Riimbrev"],  # the bibl's title
        ["Kjære Christian"],  # the piece's own title in a biblStruct, not the book's
        ["Egen overskrift"],  # its own heading, and no other
        ["DEN STILLE GLÆDE."]]  # its division's heading says the title already
    contents = [words(a) for a in shown.xpath("//nav[contains(@class, 'toc')]/ol/li/a")]
    assert contents == ["Et Riimbrev", "Kjære Christian", "Egen overskrift", "DEN STILLE GLÆDE."]


def test_a_pointer_to_what_has_no_title_gives_no_heading(tmp_path):
    volume = adl('<text xml:id="w1" decls="#d1"><body><p>Ord.</p></body></text>',
                 '<bibl xml:id="d1"><author>Emil Aarestrup</author></bibl>')
    shown = page(built(tmp_path, {"vol.xml": volume}), "root")
    assert not shown.xpath("//section[@class='group-text']//h2")
    assert [words(a) for a in shown.xpath("//nav[contains(@class, 'toc')]//a")] == ["Text 1"]


# ------------------------------------------------------------------ one root id in many files

ONE = adl('<text decls="#b1"><body><p>En.</p></body></text>', '<bibl xml:id="b1"><title>En</title></bibl>')


def test_a_root_id_several_documents_share_names_none_of_their_pages(tmp_path):
    result = built(tmp_path, {"aare01val.xml": ONE, "aarestrup05.xml": ONE, "later/bang01val.xml": ONE,
                              "other.xml": adl("", "", root_id="unique")})
    assert sorted(name for name in result.files if name.startswith("texts/")) == [
        "texts/aare01val.html", "texts/aarestrup05.html", "texts/bang01val.html", "texts/unique.html"]
    assert [str(p) for p in result.problems if p.rule == "page-name"] == [
        'aare01val.xml:1:1: warning: its xml:id "root" would name the pages of 3 documents of the corpus '
        "(also aarestrup05.xml, later/bang01val.xml): it names none of them; each is named by its file"]


def test_which_file_comes_first_does_not_decide_which_page_takes_a_shared_id(tmp_path):
    for files in ({"a.xml": ONE, "b.xml": ONE}, {"b.xml": ONE, "c.xml": ONE}):
        result = built(tmp_path / next(iter(files)), files)
        assert "texts/root.html" not in result.files
        assert sorted(name for name in result.files if name.startswith("texts/")) == [
            f"texts/{name.removesuffix('.xml')}.html" for name in sorted(files)]


def test_two_files_of_one_name_and_no_id_are_still_the_clash_they_were(tmp_path):
    plain = tei("<body><p>x</p></body>")
    with pytest.raises(EditionError) as raised:
        built(tmp_path, {"a/x.xml": plain, "b/x.xml": plain})
    assert [str(p) for p in raised.value.problems] == [
        "b/x.xml:1:1: error: its text page would be the same file as that of a/x.xml (x.html): "
        "give one of them another xml:id"]
