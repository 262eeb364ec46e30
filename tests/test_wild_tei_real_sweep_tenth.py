"""A tenth sweep of whole real TEI letters: the Engels family's letters (Wuppertal), Joseph von Laßberg's
letters and a French edition of a bishop's correspondence, each rebuilt with `build.py build --corpus`
and read for a crash, the W3C Nu checker's errors and the words of its <text>.

What a reader relies on, reproduced below by a snippet of our own:
- A reference in the header written as an address and nothing else, with no @target (a printed edition's
  <bibl>… S. 12<ref>https://…</ref></bibl> among a manuscript's surrogates) is a link to that address in
  "About this text", not text that leads nowhere; a reference of words without a target stays words.
- Words the page shows in an <orig>, <sic> or <abbr> that stands alone, not one side of a <choice> (an
  ediarum letter's <seg type="comment"><orig>words</orig><note>…</note></seg>), are words of the
  reading text too: the search index and the plain-text export keep them. In a choice the reading
  still takes the other side.
"""

from __future__ import annotations

import pytest
from test_wild_tei import ROOT, corpus, page, tei

from lxml import etree

from ria.corpus import build_corpus
from ria.export.text import flatten, plain_text
from ria.model import readings

SCAN = "https://example.org/books?id=A1b2"
SURROGATES = f"""<sourceDesc><msDesc><msIdentifier><settlement>Bern</settlement><repository>Archiv</repository>
<idno>Ms. 7</idno></msIdentifier><additional><surrogates><bibl type="printed">Briefe an einen Freund,
Bd. 2, S. 12<ref>{SCAN}</ref></bibl><bibl>Auch in: <ref>Sammlung Huber</ref></bibl></surrogates></additional>
</msDesc></sourceDesc>"""
LETTER = tei("<body><p>Lieber Freund, das Buch kommt zurück.</p></body>", title="Ein Brief", lang="de").replace(
    "<sourceDesc><p>t</p></sourceDesc>", SURROGATES)


ALONE = tei("""<body><p><seg type="comment"><orig>Voici la lettre</orig><note>Nicht erhalten.</note></seg>,
reçue <orig>hier</orig> avec <sic>regrett</sic> et <abbr>p.</abbr> <choice><orig>ainsy</orig><reg>ainsi</reg></choice>
<choice><abbr>Mr.</abbr><expan>Monsieur</expan></choice>.</p></body>""", lang="fr")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("sweep") / "c", {"letter.xml": LETTER})
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)


def surrogates(built):
    about = page(built, "letter").get_element_by_id("about-text")
    return next(dt.xpath("following-sibling::dd[1]")[0] for dt in about.iter("dt") if dt.text_content() == "Surrogates")


def test_a_header_reference_that_is_only_an_address_is_a_link_to_it(built):
    [printed, other] = surrogates(built).iter("li")
    [link] = printed.iter("a")
    assert (link.get("href"), link.text) == (SCAN, SCAN)
    assert " ".join(printed.text_content().split()) == f"Briefe an einen Freund, Bd. 2, S. 12{SCAN}"
    assert not list(other.iter("a"))
    assert " ".join(other.text_content().split()) == "Auch in: Sammlung Huber"


def test_a_copy_text_form_standing_alone_is_read_and_a_choice_still_reads_its_other_side():
    tree = etree.ElementTree(etree.fromstring(ALONE.encode()))
    expected = "Voici la lettre, reçue hier avec regrett et p. ainsi Monsieur."
    assert " ".join(readings.reading(tree).flow.split()) == expected
    exported = " ".join(plain_text(flatten(tree, "reading"), []).split())
    assert "Voici la lettre [*], reçue hier avec regrett et p. ainsi Monsieur." in exported
