"""`build --corpus` on real TEI, twelfth round: what a speaker does around the words in a
parliament's transcript (ParlaMint and Parla-CLARIN: who coughs, who applauds), texts made of
groups of texts, linguistic stand-off annotation (TEI P5's standOff with spanGrp, interpGrp and
listAnnotation, as TEASys and the Serafin letters write it), and a teiCorpus written without the
TEI namespace.

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from lxml import html
from test_wild_tei import built, corpus, page, tei
from test_wild_tei_eighth_round import PARLAMINT_CORPUS, SPEAKERS
from test_wild_tei_second_round import printed

# ------------------------------------------------------------------ who coughs, who applauds

ACTED = tei("""<body><div type="debateSection">
<u who="#PAD_04476" xml:id="u1"><seg>Ich eröffne die Sitzung.</seg></u>
<vocal type="cough" who="#PAD_04476"><desc>(Husten.)</desc></vocal>
<kinesic type="applause" who="#PAD_04476 #opposition"><desc>(Beifall.)</desc></kinesic>
<incident who="#PAD_99999"><desc>(Verlässt den Saal.)</desc></incident>
<kinesic type="applause"><desc>(Beifall bei der FPÖ.)</desc></kinesic>
</div></body>""", lang="de")


def acted(tmp_path):
    return built(corpus(tmp_path / "c", {"ParlaMint-XX.xml": PARLAMINT_CORPUS, "ParlaMint-XX-listPerson.xml": SPEAKERS,
                                         "sitting.xml": ACTED}))


def test_who_coughs_or_applauds_is_named_after_what_they_do_and_linked_to_the_entry(tmp_path):
    # ParlaMint writes <vocal who="#PAD_04476"> and <kinesic who="#…">, Parla-CLARIN's own
    # guidelines <vocal who="#opposition">: the @who was shown nowhere.
    text = page(acted(tmp_path), "sitting").get_element_by_id("text")
    incidents = text.find_class("incident")
    assert [printed(i) for i in incidents] == [
        "(Husten.) (Barbara Prammer)", "(Beifall.) (Barbara Prammer, opposition)",
        "(Verlässt den Saal.) (PAD_99999)", "(Beifall bei der FPÖ.)"]
    assert [i.xpath(".//a/@href") for i in incidents] == [
        ["../persons/PAD_04476.html"], ["../persons/PAD_04476.html"], [], []]


def test_what_a_speaker_does_is_a_mention_the_entry_lists_as_it_lists_the_utterances(tmp_path):
    result = acted(tmp_path)
    sitting_page = page(result, "sitting")
    entry = html.fromstring(result.files["persons/PAD_04476.html"])
    listed = entry.find_class("mentions")[0].xpath(".//li/a")
    assert [printed(a) for a in listed] == ["Ich eröffne die Sitzung.", "(Husten.)", "(Beifall.)"]
    for link in listed:
        anchor = link.get("href").split("#")[1]
        assert sitting_page.get_element_by_id(anchor).get("href") == "../persons/PAD_04476.html"
