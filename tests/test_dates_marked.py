"""Times of day and relative dates are marked with the moment or day they stand for, Old Style
values keep their Julian reading, and the register's life dates and front references are right.

The lists below are the edition's reading of each passage (EDITING.md, "Times of day and
relative dates"): a reader of the chronology or of the TEI relies on exactly these values.
"""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"

# (text, the words marked, @when, @when-custom or None): clock times, each on its certain day.
TIMES = [
    ("ziemke-2004", "seven o’clock the next morning", "1917-11-04T07:00:00", None),
    ("ziemke-2004", "midnight", "1917-11-07T00:00:00", None),
    ("ziemke-2004", "2:00 a.m.", "1917-11-07T02:00:00", None),
    ("ziemke-2004", "7:00 a.m.", "1917-11-07T07:00:00", None),
    ("ziemke-2004", "2:30 p.m.", "1917-11-07T14:30:00", None),
    ("ziemke-2004", "9:00 p.m.", "1917-11-07T21:00:00", None),
    ("ziemke-2004", "10:40 p.m.", "1917-11-07T22:40:00", None),
    ("ziemke-2004", "3:00 a.m.", "1917-11-08T03:00:00", None),
    ("ziemke-2004", "8:40 p.m.", "1917-11-08T20:40:00", None),
    ("serge-1930", "six o’clock", "1917-11-07T18:00:00", "1917-10-25T18:00:00"),
    ("serge-1930", "eight o’clock", "1917-11-07T20:00:00", "1917-10-25T20:00:00"),
    ("serge-1930", "nine o’clock in the evening", "1917-11-07T21:00:00", "1917-10-25T21:00:00"),
    ("serge-1930", "midnight", "1917-11-10T00:00:00", "1917-10-28T00:00:00"),
    ("serge-1930", "four in the afternoon", "1917-11-15T16:00:00", "1917-11-02T16:00:00"),
]
# Ziemke's two noons: the Council of the Republic on the 6th, the fortress gun on the 7th.
NOONS = ["1917-11-06T12:00:00", "1917-11-07T12:00:00"]

# (text, the words marked, @when): days named only by their relation to a day the text gives.
RELATIVE_DAYS = [
    ("ziemke-2004", "four days earlier", "1917-03-08"),
    ("ziemke-2004", "Two days later", "1917-03-27"),
    ("ziemke-2004", "Ten days later", "1917-09-22"),
    ("ziemke-2004", "The next day", "1917-10-26"),
    ("ziemke-2004", "That night", "1917-11-05"),
    ("ziemke-2004", "the next morning", "1917-11-06"),
    ("ziemke-2004", "that morning", "1917-11-07"),
    ("ziemke-2004", "the day before", "1917-11-06"),
    ("ziemke-2004", "the day after the success at Pulkovo", "1917-11-13"),
    ("ziemke-2004", "The next morning", "1917-11-15"),
    ("ziemke-2004", "the next afternoon", "1917-12-03"),
    ("ziemke-2004", "Two days earlier", "1917-12-29"),
    ("ziemke-2004", "the following afternoon", "1918-01-18"),
]
# Words that stand for two days in the same text, each in its own passage.
REPEATED_DAYS = [
    ("ziemke-2004", "A day later", ["1917-03-14", "1917-11-13"]),
    ("ziemke-2004", "the next day", ["1917-11-07", "1917-11-08"]),
]

# (text, the words of the name, its @ref): fronts and headquarters, read against the passages.
FRONT_REFERENCES = [
    # Minsk was the Western Front's headquarters: the text's "North Front" there is its slip.
    ("ziemke-2004", "North Front", "#west-front", "headquarters, a veteran Bolshevik"),
    ("ziemke-2004", "North Front", "#north-front", "headquarters in Pskov"),
    ("ziemke-2004", "North Front", "#north-front", "(army group)"),
    ("ziemke-2004", "North Front", "#north-front", ", the army group headquarters closest to"),
    ("ziemke-2004", "West Front", "#west-front", ", served as his part-time deputy"),
    ("ziemke-2004", "Southwest Front", "#southwest-front", ", and several other counterrevolutionary"),
    ("trotsky-1918", "Northern Front", "#northern-front", ". The Czechoslovaks continued"),
    ("trotsky-1918", "Czechoslovak front", "#eastern-front", "as agitators"),
]


SKIPPED = (TEI + "note", TEI + "sic", TEI + "orig", TEI + "abbr")  # not in the reading text


def reading(el: etree._Element, mark: etree._Element | None = None) -> str:
    """An element's words as the reading text gives them (no notes, corrections applied);
    with ``mark``, the words after that descendant only."""
    parts = []

    def walk(node):
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag not in SKIPPED:
                walk(child)
            if child is mark:
                parts.clear()
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return " ".join("".join(parts).split())


def words(el: etree._Element) -> str:
    return reading(el)


def words_after(el: etree._Element) -> str:
    """The reading text of the paragraph (or note) after a name: what the name is read with."""
    block = next(a for a in el.iterancestors() if a.tag in (TEI + "p", TEI + "note", TEI + "item"))
    return reading(block, mark=el)


@pytest.fixture(scope="module")
def texts(root):
    return {p.stem: etree.parse(str(p)) for p in (root / "tei" / "texts").glob("*.xml")}


def marked(texts, text_id: str, tag: str, text_words: str) -> list[etree._Element]:
    body = texts[text_id].getroot().find(TEI + "text")
    return [el for el in body.iter(TEI + tag) if words(el) == text_words]


def julian_to_gregorian(value: str) -> str:
    """The Gregorian moment of a Julian one, 1800–1918 (12 days behind until 1900, then 13)."""
    moment = dt.datetime.fromisoformat(value)
    return (moment + dt.timedelta(days=13 if moment.year >= 1900 else 12)).isoformat()


@pytest.mark.parametrize("text_id,text_words,when,julian", TIMES, ids=lambda v: str(v))
def test_a_time_of_day_is_marked_with_its_moment(texts, text_id, text_words, when, julian):
    found = marked(texts, text_id, "time", text_words)
    assert found, f"{text_id}: “{text_words}” is not marked as a time"
    assert when in [el.get("when") for el in found], [el.get("when") for el in found]
    if julian:
        el = next(el for el in found if el.get("when") == when)
        assert (el.get("when-custom"), el.get("calendar"), el.get("datingMethod")) == (
            julian, "#julian", "#julian"), "an Old Style time keeps its Julian value"


def test_noon_is_marked_on_each_of_its_days(texts):
    assert sorted(el.get("when") for el in marked(texts, "ziemke-2004", "time", "noon")) == NOONS


@pytest.mark.parametrize("text_id,text_words,when", RELATIVE_DAYS, ids=lambda v: str(v))
def test_a_relative_day_is_marked_with_its_date(texts, text_id, text_words, when):
    found = [el.get("when") for el in marked(texts, text_id, "date", text_words)]
    assert when in found, f"{text_id}: “{text_words}” should be dated {when}, found {found}"


@pytest.mark.parametrize("text_id,text_words,days", REPEATED_DAYS, ids=lambda v: str(v))
def test_the_same_words_take_the_day_of_their_own_passage(texts, text_id, text_words, days):
    assert sorted(el.get("when") for el in marked(texts, text_id, "date", text_words)) == days


def test_two_days_in_one_expression_are_a_range(texts):
    found = marked(texts, "ziemke-2004", "date", "That day and the next")
    assert [(el.get("from"), el.get("to")) for el in found] == [("1917-07-19", "1917-07-20")]


def test_every_time_is_a_moment_and_old_style_times_agree(texts):
    for text_id, tree in texts.items():
        for el in tree.getroot().iter(TEI + "time"):
            assert dt.datetime.fromisoformat(el.get("when")), f"{text_id}: {words(el)}"
            if el.get("datingMethod") == "#julian":
                assert julian_to_gregorian(el.get("when-custom")) == el.get("when"), words(el)


def test_old_style_texts_give_every_time_both_calendars(texts):
    """Serge dates by the Old Style throughout: a time without its Julian value would mislead."""
    times = list(texts["serge-1930"].getroot().iter(TEI + "time"))
    assert times and all(el.get("when-custom") and el.get("datingMethod") == "#julian" for el in times)


def test_a_self_contradicting_relative_day_is_left_undated_with_a_reason(texts):
    """Ziemke's "the following day" for the congress contradicts his own 10:40 p.m. on 7 November."""
    note = texts["ziemke-2004"].getroot().find(f".//{TEI}note[@{{http://www.w3.org/XML/1998/namespace}}id='zie-c17']")
    assert note is not None and note.get("type") == "commentary"
    assert "following day" in words(note.getparent()) and not marked(
        texts, "ziemke-2004", "date", "the following day")


# ---------------------------------------------------------------- the registers

@pytest.fixture(scope="module")
def persons(root):
    return etree.parse(str(root / "tei" / "registers" / "persons.xml"))


def test_life_dates_given_old_style_keep_both_values(persons):
    dated = [el for tag in ("birth", "death") for el in persons.getroot().iter(TEI + tag)]
    old_style = [el for el in dated if el.get("when-custom") or el.get("datingMethod")]
    assert old_style, "no life date records its Old Style value"
    for el in old_style:
        person = el.getparent().get("{http://www.w3.org/XML/1998/namespace}id")
        assert el.get("datingMethod") == "#julian", person
        assert el.get("when") == julian_to_gregorian(el.get("when-custom"))[:10], person


def test_kornilovs_birth_is_gregorian_with_its_julian_value(persons):
    kornilov = persons.getroot().find(f".//{TEI}person[@{{http://www.w3.org/XML/1998/namespace}}id='kornilov']")
    birth = kornilov.find(TEI + "birth")
    assert (birth.get("when"), birth.get("when-custom")) == ("1870-08-30", "1870-08-18")


@pytest.mark.parametrize("text_id,text_words,ref,after", FRONT_REFERENCES, ids=lambda v: str(v))
def test_a_front_is_linked_to_the_front_the_passage_is_about(texts, text_id, text_words, ref, after):
    names = [el for el in marked(texts, text_id, "orgName", text_words)
             if words_after(el).startswith(after)]
    assert names, f"{text_id}: no “{text_words}” followed by “{after}”"
    assert {el.get("ref") for el in names} == {ref}
