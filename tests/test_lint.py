"""Lint warnings of `python build.py check`: unmarked names, wrong @ref, unused entries, notes."""

from __future__ import annotations

import codecs
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import unavailable
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ria.model.load import load_edition  # noqa: E402
from ria.publish.build import CACHE_DIR  # noqa: E402
from ria.validate.lint import lint, normalise

TUK = "tei/texts/tukhachevsky-1921.xml"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    return tmp_path


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def warnings(project: Path, rule: str | None = None):
    edition, problems = load_edition(project)
    assert not problems
    found = lint(edition)
    assert all(p.severity == "warning" and p.rule and p.hint for p in found)
    return [p for p in found if rule is None or p.rule == rule]


def position(project: Path, rel: str, needle: str, nth: int = 0) -> tuple[int, int]:
    text = (project / rel).read_text(encoding="utf-8")
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_the_real_edition_is_lint_clean():
    # Every warning was fixed or carries the editor's verdict (a `lint: checked` comment).
    edition, _ = load_edition(ROOT)
    assert lint(edition) == []


def test_unmarked_register_name_is_reported_where_it_stands(project):
    before = {(p.path, p.line, p.col) for p in warnings(project, "name-unmarked")}
    # Unmark one <persName ref="#trotsky">Trotsky</persName> of Tukhachevsky's running text
    # (the text links Trotsky elsewhere, so the entry is looked for).
    marked = '<persName ref="#lenin">Lenin</persName> and <persName ref="#trotsky">Trotsky</persName>'
    edit(project, TUK, marked, '<persName ref="#lenin">Lenin</persName> and Trotsky')
    line, col = position(project, TUK, "</persName> and Trotsky")
    col += len("</persName> and ")
    found = [p for p in warnings(project, "name-unmarked") if (p.path, p.line, p.col) not in before]
    assert [(p.path, p.line, p.col) for p in found] == [(TUK, line, col)]
    assert "'Trotsky'" in found[0].message and "'#trotsky'" in found[0].message
    assert 'persName ref="#trotsky"' in found[0].hint
    summary = [p for p in warnings(project, "name-unmarked-summary") if p.path == TUK]
    assert len(summary) == 1 and "unmarked occurrence" in summary[0].message


def test_names_inside_names_titles_and_editorial_notes_are_not_reported(project):
    base = len(warnings(project, "name-unmarked"))
    # Put Lenin's name in a title, a commentary note and a choice: none is an unmarked mention.
    edit(project, TUK, '<head>Defense and Attack</head>',
         '<head>Defense and Attack <title level="m">Lenin and Trotsky</title></head>')
    edit(project, TUK, '<note xml:id="tuk-c8" type="commentary" resp="#ria">',
         '<note xml:id="tuk-c8" type="commentary" resp="#ria">Lenin. ')
    edit(project, TUK, '<p xml:id="tuk-p6" n="3">', '<p xml:id="tuk-p6" n="3"><choice><sic>Lenim</sic><corr resp="#ria" type="print">Lenin</corr></choice> ')
    # Word boundaries: 'Leninist' is not 'Lenin'.
    edit(project, TUK, '<p xml:id="tuk-p7" n="4">', '<p xml:id="tuk-p7" n="4">Leninist ')
    assert len(warnings(project, "name-unmarked")) == base
    # The same name in the running text is reported: the check looked for it above.
    edit(project, TUK, '<p xml:id="tuk-p7" n="4">Leninist ', '<p xml:id="tuk-p7" n="4">Leninist and Lenin ')
    assert len(warnings(project, "name-unmarked")) == base + 1


def test_short_and_common_forms_are_not_looked_for(project):
    base = len(warnings(project, "name-unmarked"))
    edit(project, "tei/registers/persons.xml", '<persName type="variant">Ilyich</persName>',
         '<persName type="variant">Ilyich</persName><persName type="variant">VIL</persName>'
         '<persName type="variant">Party</persName>')
    edit(project, TUK, '<p xml:id="tuk-p7" n="4">', '<p xml:id="tuk-p7" n="4">VIL and the Party ')
    assert len(warnings(project, "name-unmarked")) == base
    # A longer form of the same entry beside them is looked for, and reported.
    edit(project, TUK, 'VIL and the Party ', 'VIL and the Party of Ilyich ')
    assert len(warnings(project, "name-unmarked")) == base + 1


def test_mention_per_entry_is_capped_but_counted(project):
    edit(project, TUK, '<p xml:id="tuk-p7" n="4">', '<p xml:id="tuk-p7" n="4">' + "Lenin, " * 7)
    found = [p for p in warnings(project, "name-unmarked") if p.path == TUK and "#lenin" in p.message]
    assert len(found) == 3
    summary = next(p for p in warnings(project, "name-unmarked-summary") if p.path == TUK)
    assert "'#lenin' 7" in summary.message


def test_wrong_ref_is_reported(project):
    assert not [p for p in warnings(project, "name-form-mismatch") if p.path == TUK]
    edit(project, TUK, '<persName ref="#stalin">Stalin</persName>', '<persName ref="#lenin">Stalin</persName>')
    line, col = position(project, TUK, 'ref="#lenin">Stalin')
    found = [p for p in warnings(project, "name-form-mismatch") if p.path == TUK]
    assert [(p.line, p.col) for p in found] == [(line, col)]
    assert "'Stalin' matches no known form of '#lenin'" in found[0].message


def test_a_checked_comment_records_the_editors_verdict_on_the_warning_after_it(project):
    unmarked = '<persName ref="#lenin">Lenin</persName> and Trotsky'
    edit(project, TUK, '<persName ref="#lenin">Lenin</persName> and <persName ref="#trotsky">Trotsky</persName>',
         unmarked)
    edit(project, TUK, '<persName ref="#stalin">Stalin</persName>', '<persName ref="#lenin">Stalin</persName>')

    def about(rule: str, words: str) -> int:
        return sum(words in p.message for p in warnings(project, rule) if p.path == TUK)

    assert about("name-unmarked", "'Trotsky'") == 1 and about("name-form-mismatch", "'Stalin'") == 1
    # Words between the verdict and what it is about: it is about nothing, and both stay.
    edit(project, TUK, unmarked, '<persName ref="#lenin">Lenin</persName> <!-- lint: checked --> and Trotsky')
    edit(project, TUK, '<persName ref="#lenin">Stalin', '<!-- lint: checked --> the <persName ref="#lenin">Stalin')
    assert about("name-unmarked", "'Trotsky'") == 1 and about("name-form-mismatch", "'Stalin'") == 1
    # Right before the words or the name, with a reason or without: both are taken as checked.
    edit(project, TUK, '<!-- lint: checked --> and Trotsky', 'and <!-- lint: checked, not a mention --> Trotsky')
    edit(project, TUK, '<!-- lint: checked --> the <persName', 'the <!-- lint: checked --><persName')
    assert about("name-unmarked", "'Trotsky'") == 0 and about("name-form-mismatch", "'Stalin'") == 0


def test_possessives_surnames_and_corrections_match(project):
    edit(project, TUK, '<persName ref="#stalin">Stalin</persName>’s', '<persName ref="#stalin">J. V. Stalin’s</persName>')
    edit(project, TUK, '<persName ref="#lenin">Lenin</persName>',
         '<persName ref="#lenin"><choice><sic>Lenim</sic><corr resp="#ria" type="print">Lenin</corr></choice></persName>')
    assert not [p for p in warnings(project, "name-form-mismatch") if p.path == TUK]
    assert normalise("Trotsky’s") == normalise("TROTSKY") == "trotsky"


def test_unused_register_entry(project):
    assert not warnings(project, "entry-unused")
    edit(project, "tei/registers/persons.xml", "</listPerson>",
         '<person xml:id="nobody-at-all"><persName type="reg">Nobody Atall</persName></person>\n</listPerson>')
    line, col = position(project, "tei/registers/persons.xml", '<person xml:id="nobody-at-all">')
    found = warnings(project, "entry-unused")
    assert [(p.path, p.line, p.col) for p in found] == [("tei/registers/persons.xml", line, col)]
    assert "'nobody-at-all'" in found[0].message


def test_unanchored_note_needs_its_textual_note(project):
    rel = "tei/texts/trotsky-1918.xml"
    assert not warnings(project, "note-unanchored")
    text = (project / rel).read_text(encoding="utf-8")
    start = text.index('<note xml:id="hra-t2"')
    end = text.index("</note>", start) + len("</note>")
    (project / rel).write_text(text[:start] + text[end:], encoding="utf-8")
    found = warnings(project, "note-unanchored")
    assert len(found) == 1 and found[0].path == rel
    assert (found[0].line, found[0].col) == position(project, rel, 'anchored="false"')


def test_note_anchor_without_target_or_to_an_unanchored_note(project):
    rel = "tei/texts/trotsky-1918.xml"
    edit(project, rel, '<head>THE CZECHOSLOVAK MUTINY',
         '<head>THE CZECHOSLOVAK MUTINY<ptr type="noteAnchor" target="#hra-n79"/><ref type="noteAnchor">x</ref>')
    messages = sorted(p.message for p in warnings(project, "note-anchor-target"))
    assert len(messages) == 2
    assert "has no @target" in messages[1] or "has no @target" in messages[0]
    assert any("'#hra-n79', which says it has no anchor" in m for m in messages)


def test_check_shows_lint_warnings_and_still_passes(project, warm_cache):
    for part in ("schema",):
        shutil.copytree(ROOT / part, project / part)
    # An editor's working copy, checked before: only the edited text is checked again (conftest.py).
    shutil.copytree(warm_cache, project / CACHE_DIR)
    edit(project, TUK, '<persName ref="#stalin">Stalin</persName>', '<persName ref="#lenin">Stalin</persName>')
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    lines = [m.groupdict() for m in map(LINE.match, result.stdout.splitlines()) if m]
    assert any(l["path"] == TUK and l["severity"] == "warning" and "matches no known form of '#lenin'" in l["message"]
               for l in lines)
    strict = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(project), "check", "--strict"],
                            capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1


FORMS = ["Kolchak", "Kolchak Army", "Army", "Army Group", "Kol-Ufa", "Ufa", "Ural", "Urals", "Éclair"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FORMS), min_size=1, unique=True),
       st.lists(st.tuples(st.sampled_from(FORMS + ["x", "Group"]),
                          st.sampled_from([" ", "", "-", "_", "s", "é", "9", ", ", "\n"])), max_size=8))
def test_forms_are_found_where_a_regex_of_them_finds_them(forms, pieces):
    # The specification: an alternation of the forms, longest first, each a whole word.
    from ria.validate.lint import FormFinder
    text = "".join(word + after for word, after in pieces)
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    regex = re.compile(rf"(?<![\w\-])(?:{alternation})(?![\w\-])")
    assert list(FormFinder(forms).find(text)) == [(m.start(), m.group(0)) for m in regex.finditer(text)]


# --- encodings: lint reads a file in the encoding it is written in ----------------------------

ENCODED_AS = {  # the name its declaration gives, Python's codec, the byte order mark it begins with
    "UTF-8 with a byte order mark": ("UTF-8", "utf-8", codecs.BOM_UTF8),
    "UTF-16 little-endian": ("UTF-16", "utf-16-le", codecs.BOM_UTF16_LE),
    "UTF-16 big-endian": ("UTF-16", "utf-16-be", codecs.BOM_UTF16_BE),
    "ISO-8859-1": ("ISO-8859-1", "iso-8859-1", b""),
    "windows-1251": ("windows-1251", "cp1251", b""),
}


def findings(project: Path, rel: str) -> list[tuple]:
    return sorted((p.rule, p.line, p.col, p.message) for p in warnings(project) if p.path == rel)


@pytest.mark.parametrize("encoding", ENCODED_AS)
def test_lint_reports_the_same_problems_at_the_same_places_whatever_the_files_encoding(project, encoding):
    declared, codec, mark = ENCODED_AS[encoding]
    # An unmarked name (found by a scan of the file's characters) after letters that take two
    # bytes in UTF-8 and one in the single-byte encodings, and a wrong @ref (found by element).
    edit(project, TUK, '<persName ref="#lenin">Lenin</persName> and <persName ref="#trotsky">Trotsky</persName>',
         '<persName ref="#lenin">Lenin</persName> and (café, Жуков) Trotsky')
    edit(project, TUK, '<persName ref="#stalin">Stalin</persName>', '<persName ref="#lenin">Stalin</persName>')
    path = project / TUK
    # What the encoding cannot hold becomes '?', in the UTF-8 file as well: both say the same.
    text = path.read_text(encoding="utf-8").encode(codec, errors="replace").decode(codec)
    path.write_text(text, encoding="utf-8")
    in_utf8 = findings(project, TUK)
    line, col = position(project, TUK, "Trotsky", nth=text[:text.index(") Trotsky")].count("Trotsky"))
    assert ("name-unmarked", line, col) in [found[:3] for found in in_utf8]
    assert {"name-unmarked", "name-unmarked-summary", "name-form-mismatch"} <= {found[0] for found in in_utf8}
    path.write_bytes(mark + text.replace('encoding="UTF-8"', f'encoding="{declared}"', 1).encode(codec))
    assert path.read_bytes() != text.encode("utf-8")
    assert findings(project, TUK) == in_utf8


def test_a_text_lint_cannot_decode_is_named_not_passed_over(project):
    path = project / TUK
    # VISCII: an encoding the XML parser knows and Python does not.
    text = path.read_text(encoding="utf-8").encode("ascii", errors="replace").decode("ascii")
    path.write_text(text.replace('encoding="UTF-8"', 'encoding="VISCII"', 1), encoding="ascii")
    edition, problems = load_edition(project)
    if problems:
        unavailable(f"this libxml2 cannot read VISCII either: {problems[0]}")
    found = [p for p in lint(edition) if p.path == TUK and p.rule == "lint-encoding"]
    assert len(found) == 1 and "VISCII" in found[0].message


# --- one typing policy, and the same error treated alike ------------------------------------------

SERGE, LOO = "tei/texts/serge-1930.xml", "tei/texts/trotsky-1924.xml"


def test_the_same_words_marked_as_another_kind_are_reported_where_they_depart_from_the_usual_kind(project):
    assert warnings(project, "kind-inconsistent") == []
    # The Second Congress of Soviets is an event in every text; mark it once as the organisation.
    event = '<name type="event" ref="#ev-second-congress">Congress of Soviets</name>'
    edit(project, SERGE, event, '<orgName ref="#congress-of-soviets">Congress of Soviets</orgName>')
    line, col = position(project, SERGE, '<orgName ref="#congress-of-soviets">Congress of Soviets')
    found = warnings(project, "kind-inconsistent")
    assert [(p.path, p.line, p.col) for p in found] == [(SERGE, line, col)]
    assert "'Congress of Soviets' is marked as an organisation here but as an event" in found[0].message
    assert "trotsky-1924" in found[0].message and "typing policy" in found[0].hint
    # The editor's verdict right before the name: it names something else here.
    edit(project, SERGE, '<orgName ref="#congress-of-soviets">Congress of Soviets',
         '<!-- lint: checked --><orgName ref="#congress-of-soviets">Congress of Soviets')
    assert warnings(project, "kind-inconsistent") == []


def test_one_register_entry_named_by_different_kinds_is_reported(project):
    # A place's entry pointed to by an event's name, with words no other name uses.
    edit(project, SERGE, '<name type="event" ref="#ev-second-congress">Soviet Congress</name>',
         '<name type="event" ref="#petrograd">the Soviet city</name>')
    found = warnings(project, "kind-inconsistent")
    assert len(found) == 1 and found[0].path == SERGE
    assert "register entry '#petrograd' is marked as an event here but as a place" in found[0].message


def test_a_reading_corrected_in_one_text_and_left_in_another_is_reported(project):
    assert warnings(project, "correction-inconsistent") == []
    # trotsky-1918 corrects the OCR's 'hook' to 'book'; undo the same correction in trotsky-1924.
    edit(project, LOO, '<choice><sic>hook</sic><corr type="transcription" resp="#ria">book</corr></choice>', "hook")
    line, col = position(project, LOO, "hook of etiquette")
    found = warnings(project, "correction-inconsistent")
    assert [(p.path, p.line, p.col) for p in found] == [(LOO, line, col)]
    assert "'hook' stands uncorrected here, but trotsky-1918 corrects it to 'book'" in found[0].message
    assert '<choice><sic>hook</sic><corr type="transcription" resp="#ria">book</corr></choice>' in found[0].hint
    # A misspelt name inside a marked name is found too, and a verdict before the name is heard.
    edit(project, TUK, '<persName ref="#lenin">Lenin</persName>', '<persName ref="#kornilov">Komilov</persName>')
    assert any("'Komilov'" in p.message and p.path == TUK for p in warnings(project, "correction-inconsistent"))
    edit(project, TUK, '<persName ref="#kornilov">Komilov', '<!-- lint: checked --><persName ref="#kornilov">Komilov')
    assert not any("'Komilov'" in p.message for p in warnings(project, "correction-inconsistent"))


def test_ordinary_words_corrected_for_their_context_are_not_looked_for(project):
    # Serge's copy-text has 'an' for 'as' once; 'an' elsewhere is the article, and is not reported,
    # nor is a correction of case or spacing alone.
    edit(project, TUK, '<persName ref="#lenin">Lenin</persName>', '<persName ref="#lenin">Lenin</persName> an Imminence them selves', 1)
    messages = [p.message for p in warnings(project, "correction-inconsistent")]
    assert not any("'an'" in m or "Imminence" in m for m in messages)
    assert any("'them selves'" in m for m in messages)
