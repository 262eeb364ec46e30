"""Fidelity: every word of a copy-text is in the TEI's diplomatic reading or a documented omission.

Words are maximal runs of letters or of digits (Unicode, NFC, case kept);
punctuation, white space and the copy-text's own markup (Markdown syntax, HTML
tags such as ``<sup>``) are not words. The comparison removes the documented
omissions (``list[@type='omissions']//quote`` in the header) and each source
note printed apart from the running text from the copy-text's words, then aligns
what remains with the diplomatic main flow. Every difference is reported with
its context.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..model import readings
from ..xmlio import NS

_WORD = re.compile(r"[^\W\d_]+|\d+")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\s*/?>")


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text))


def copy_text_words(text: str) -> list[str]:
    return words(_HTML_TAG.sub(" ", text))


def omissions(tree: etree._ElementTree) -> list[str]:
    """The quoted passages the header documents as omitted from the copy-text."""
    quotes = tree.xpath("/tei:TEI/tei:teiHeader//tei:list[@type='omissions']//tei:quote",
                        namespaces=NS)
    return ["".join(q.itertext()) for q in quotes]


@dataclass
class Difference:
    kind: str  # "missing" (in copy-text, not in TEI), "added" (in TEI, not in copy-text), "changed"
    copy_words: list[str]
    tei_words: list[str]
    context: str

    def __str__(self) -> str:
        if self.kind == "changed":
            what = f"copy-text has «{' '.join(self.copy_words)}», TEI has «{' '.join(self.tei_words)}»"
        elif self.kind == "missing":
            what = f"copy-text words not in the TEI: «{' '.join(self.copy_words)}»"
        else:
            what = f"TEI words not in the copy-text: «{' '.join(self.tei_words)}»"
        return f"{what} — near «{self.context}»"


@dataclass
class FidelityReport:
    text_id: str
    copy_word_count: int
    omitted_word_count: int
    note_count: int
    differences: list[Difference] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences and not self.problems


def _find(haystack: list[str], used: list[bool], needle: list[str]) -> int:
    """Index of the first occurrence of ``needle`` in unused words of ``haystack``."""
    if not needle:
        return -1
    first = needle[0]
    n = len(needle)
    start = 0
    while True:
        try:
            i = haystack.index(first, start)
        except ValueError:
            return -1
        if haystack[i:i + n] == needle and not any(used[i:i + n]):
            return i
        start = i + 1


def compare(text_id: str, copy_text: str, tree: etree._ElementTree) -> FidelityReport:
    copy = copy_text_words(copy_text)
    used = [False] * len(copy)
    report = FidelityReport(text_id, len(copy), 0, 0)

    for quote in omissions(tree):
        needle = words(quote)
        i = _find(copy, used, needle)
        if i < 0:
            report.problems.append(f"documented omission not found in the copy-text: «{quote.strip()[:80]}»")
            continue
        used[i:i + len(needle)] = [True] * len(needle)
        report.omitted_word_count += len(needle)

    dip = readings.diplomatic(tree)
    flow = words(dip.flow)
    for note in dip.notes:
        needle = words(note.text)
        i = _find(copy, used, needle)
        if i < 0:
            # Left in the flow's place so that the alignment shows what differs.
            flow.extend(needle)
            report.problems.append(f"note {note.note_id or note.n} is not found word for word in the copy-text")
            continue
        used[i:i + len(needle)] = [True] * len(needle)
        report.note_count += 1

    remaining = [w for w, u in zip(copy, used) if not u]
    if remaining == flow:
        # A faithful text, the usual case: the alignment would find no difference, and aligning
        # a long text's words costs seconds.
        return report
    matcher = difflib.SequenceMatcher(None, remaining, flow, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        context = " ".join(remaining[max(0, a1 - 6):a2 + 6])
        kind = {"replace": "changed", "delete": "missing", "insert": "added"}[op]
        report.differences.append(Difference(kind, remaining[a1:a2], flow[b1:b2], context))
    return report


def check_text(text_id: str, root: Path) -> FidelityReport:
    from ..xmlio import parse_file
    tree = parse_file(root / "tei" / "texts" / f"{text_id}.xml", f"tei/texts/{text_id}.xml")
    copy_text = (root / "sources" / f"{text_id}.txt").read_text(encoding="utf-8")
    return compare(text_id, copy_text, tree)
