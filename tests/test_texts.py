"""What each encoded source promises its readers, beyond the schema: structures specific to each text."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from lxml import etree

from ria.model.readings import block_reading, reading
from ria.validate.fidelity import copy_text_words, words

ROOT = Path(__file__).resolve().parent.parent
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
TEI = "{http://www.tei-c.org/ns/1.0}"
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
         "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi"]


def text(text_id: str) -> etree._ElementTree:
    path = ROOT / "tei" / "texts" / f"{text_id}.xml"
    assert path.exists(), f"{path} is missing"
    return etree.parse(str(path))


def string(el) -> str:
    return " ".join("".join(el.itertext()).split())


# --------------------------------------------------------------------- all texts
TEXTS = sorted(p.stem for p in (ROOT / "tei" / "texts").glob("*.xml"))


@pytest.mark.parametrize("text_id", TEXTS)
def test_old_style_dates_carry_both_calendars(text_id):
    for el in text(text_id).iter(TEI + "date"):
        if el.get("calendar") != "#julian":
            continue
        for gregorian, julian in (("when", "when-custom"), ("from", "from-custom"), ("to", "to-custom")):
            g, j = el.get(gregorian), el.get(julian)
            if g and j and len(g) == 10 and len(j) == 10:
                assert date.fromisoformat(j) + timedelta(days=13 if j >= "1900-03-01" else 12) \
                    == date.fromisoformat(g), f"{text_id}: {etree.tostring(el)[:200]}"
        assert el.get("when-custom") or el.get("from-custom") or el.get("to-custom")


@pytest.mark.parametrize("text_id", TEXTS)
def test_header_states_rights_and_sources(text_id):
    tree = text(text_id)
    availability = tree.find(".//tei:publicationStmt/tei:availability", NS)
    assert availability is not None and availability.get("status") in ("free", "restricted", "unknown")
    assert string(availability), "availability gives no evidence"
    assert tree.findall(".//tei:sourceDesc//tei:bibl", NS), "no source described"
    assert tree.find(".//tei:profileDesc/tei:creation/tei:date", NS) is not None


# --------------------------------------------------------------------- Trotsky 1918
def test_trotsky_1918_documents_have_heads_datelines_and_publication_references():
    tree = text("trotsky-1918")
    documents = tree.findall(".//tei:body//tei:div[@type='document']", NS)
    assert len(documents) >= 8
    for div in documents:
        assert div.find("tei:head", NS) is not None, div.get("{http://www.w3.org/XML/1998/namespace}id")
    bibls = [b for b in tree.findall(".//tei:body//tei:bibl", NS) if "Izv" in string(b)]
    assert len(bibls) >= 4
    for bibl in bibls:
        assert bibl.find(".//tei:date[@when]", NS) is not None, string(bibl)
    supplied = tree.findall(".//tei:body//tei:head/tei:supplied", NS)
    assert supplied and all(s.get("resp") == "#ria" for s in supplied)


def test_trotsky_1918_endnotes_keep_their_original_numbers():
    tree = text("trotsky-1918")
    endnotes = tree.xpath("//tei:text//tei:note[@place='end']", namespaces=NS)
    assert [n.get("n") for n in endnotes] == ["79", "80", "81"]
    n79 = endnotes[0]
    assert n79.get("anchored") == "false"
    explanation = n79.xpath("following-sibling::tei:note[@type='textual'][1]", namespaces=NS)
    assert explanation and "79" in string(explanation[0])
    # The anchored ones stand where the copy-text prints their numbers: after the same words.
    copy = " ".join((ROOT / "sources" / "trotsky-1918.txt").read_text().split())
    for note in endnotes[1:]:
        paragraph = note.getparent()
        before = [paragraph.text or ""]
        for child in paragraph:
            if child is note:
                break
            before += ["".join(child.itertext()) if isinstance(child.tag, str) else "", child.tail or ""]
        last_words = " ".join("".join(before).split()[-2:])
        assert f"{last_words} [{note.get('n')}]" in copy, last_words


def test_trotsky_1918_interpolations_are_the_english_editors_notes():
    tree = text("trotsky-1918")
    inline = tree.xpath("//tei:text//tei:note[@place='inline']", namespaces=NS)
    assert len(inline) >= 3
    assert any("July 4" in string(n) for n in inline)
    for note in inline:
        own_words = " ".join(block_reading(note, frozenset())[0].split())
        assert own_words.startswith("[") and own_words.endswith("]"), own_words


def test_trotsky_1918_resolution_is_a_numbered_list():
    tree = text("trotsky-1918")
    items = tree.xpath("//tei:body//tei:list/tei:item[@n]", namespaces=NS)
    assert len(items) >= 3


# --------------------------------------------------------------------- Serge 1930
def test_serge_dates_of_1917_are_old_style_with_gregorian_equivalents():
    tree = text("serge-1930")
    dates_1917 = [d for d in tree.xpath("//tei:text//tei:date", namespaces=NS)
                  if any((d.get(a) or "").startswith("1917") for a in ("when", "from", "to"))]
    assert len(dates_1917) >= 50
    julian = [d for d in dates_1917 if d.get("calendar") == "#julian"]
    assert len(julian) >= 0.9 * len(dates_1917)
    october_25 = [d for d in julian if d.get("when-custom") == "1917-10-25"]
    assert october_25 and all(d.get("when") == "1917-11-07" for d in october_25)


def test_serge_front_keeps_the_editors_introduction_apart():
    tree = text("serge-1930")
    editorial = tree.findall(".//tei:front/tei:div[@type='editorial']", NS)
    assert editorial and editorial[0].get("resp")
    assert tree.xpath("//tei:titleStmt/tei:respStmt[contains(tei:resp, 'ransla')]", namespaces=NS)


def test_serge_quotations_name_their_speakers():
    tree = text("serge-1930")
    assert len(tree.xpath("//tei:text//tei:q[@who] | //tei:text//tei:quote[@source]", namespaces=NS)) >= 5


# --------------------------------------------------------------------- The Lessons of October
def test_lessons_of_october_paragraphs_are_rejoined():
    tree = text("trotsky-1924")
    unfinished = []
    for p in tree.xpath("//tei:body//tei:p[not(ancestor::tei:note)]", namespaces=NS):
        content, _ = block_reading(p, frozenset())
        content = re.sub(r"\s*\[\d+\]\s*$", "", content.strip())
        if content and not re.search(r"[.!?:;…”’\"')\]—–-]$", content):
            unfinished.append(content[-60:])
    assert not unfinished, unfinished[:5]


def test_lessons_of_october_notes_stand_at_their_markers_in_original_numbering():
    tree = text("trotsky-1924")
    copy = (ROOT / "sources" / "trotsky-1924.txt").read_text()
    # A marker in the running text follows a word; a note's own text begins a line with its marker.
    anchors = [(m.group(1), copy_text_words(copy[max(0, m.start() - 200):m.start()])[-1])
               for m in re.finditer(r"(?<!\n)<sup>(\d+)</sup>", copy)]
    notes = tree.xpath("//tei:text//tei:note[@n][not(@type='commentary' or @type='textual')]", namespaces=NS)
    assert [n.get("n") for n in notes] == [n for n, _ in anchors]
    for note, (n, word_before) in zip(notes, anchors):
        preceding = "".join(note.xpath("preceding::text()[not(ancestor::tei:note)][position() <= 4]",
                                       namespaces=NS))
        assert word_before in words(preceding)[-3:], \
            f"note {n}: after «{preceding[-40:]}», the copy-text's marker follows «{word_before}»"


def test_lessons_of_october_afterword_is_the_authors():
    tree = text("trotsky-1924")
    afterword = tree.xpath("//tei:div[@type='afterword']", namespaces=NS)
    assert afterword and "Brief Comment" in string(afterword[0].find("tei:head", NS))


# --------------------------------------------------------------------- Ziemke 2004
def test_ziemke_pages_are_numbered_in_sequence():
    tree = text("ziemke-2004")
    numbers = [pb.get("n") for pb in tree.iter(TEI + "pb")]
    assert numbers == ROMAN + [str(n) for n in range(1, 26)]


def test_ziemke_running_heads_stay_out_of_the_reading_text():
    tree = text("ziemke-2004")
    fws = list(tree.iter(TEI + "fw"))
    assert len([fw for fw in fws if fw.get("type") == "header"]) >= 20
    for number, fw in enumerate(fws):
        fw.text, fw[:] = f"RUNNINGHEAD{number}", []
    flow = reading(tree).flow
    assert "RUNNINGHEAD" not in flow
    # The page break itself stays in the paragraph: a sentence broken by a page end is one p.
    broken = tree.xpath("//tei:p[tei:pb]", namespaces=NS)
    assert broken, "no paragraph flows across a page end"


def test_ziemke_contents_keep_their_page_numbers():
    tree = text("ziemke-2004")
    contents = [lst for lst in tree.iter(TEI + "list") if lst.get("type") == "contents"]
    assert contents, "no list type='contents'"
    items = contents[0].findall(".//tei:item", NS)
    assert len(items) >= 10
    for item in items:
        assert re.search(r"\b([ivx]+|\d+)\s*$", string(item)), string(item)


def test_ziemke_excerpt_ends_with_a_gap():
    tree = text("ziemke-2004")
    gaps = tree.xpath("//tei:body//tei:gap[@reason='preview-ends']", namespaces=NS)
    assert len(gaps) == 1
    later_text = gaps[0].xpath("following::text()[normalize-space()][not(ancestor::tei:note)]", namespaces=NS)
    assert not later_text
    assert tree.find(".//tei:availability[@status='restricted']", NS) is not None


def test_ziemke_note_anchors_are_numbers_not_part_of_dates():
    tree = text("ziemke-2004")
    notes = tree.xpath("//tei:text//tei:note[@type='authorial']", namespaces=NS)
    assert len(notes) >= 20
    for note in notes:
        assert note.get("n", "").isdigit()
        assert note.find("tei:gap", NS) is not None
