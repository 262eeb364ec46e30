"""A transcription read as blocks: paragraphs, headings, rules, and the notes' own text.

What the import command (importer.py) makes a TEI skeleton from: plain text, where a short
title-like line standing alone is a heading, or Markdown, where ``#`` heads nest by level;
footnote markers in the running text (``<sup>N</sup>``, ``[N]``, ``[^N]``) paired with the
blocks that give their text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MD_HEAD = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
# Note markers in running text. [N] only with digits: other brackets are interpolations.
MARKER = re.compile(r"<sup>\s*([\d*†‡§]{1,4})\s*</sup>|\[\^([^\]\s]{1,12})\]|\[(\d{1,3})\]")
# Blocks that give a note's text.
DEFINITION = re.compile(r"^\s*(?:<sup>\s*([\d*†‡§]{1,4})\s*</sup>|\[\^([^\]\s]{1,12})\]:?|\[(\d{1,3})\]|(\d{1,3})\.)\s*")
# What a heading does not end with.
_TITLE_END = tuple(".,;:!?\"”’'")


@dataclass
class Block:
    kind: str  # "head", "p", "rule"
    text: str
    level: int = 1
    line: int = 0


def _title_like(line: str) -> bool:
    words = line.split()
    return (0 < len(words) <= 10 and len(line) <= 80 and not line.endswith(_TITLE_END)
            and any(ch.isalpha() for ch in line)
            and (line[0].isupper() or re.match(r"^[\dIVXLC]+[.:]?\s+\S", line) is not None)
            and MARKER.search(line) is None)


def blocks(text: str) -> tuple[list[Block], bool]:
    """The copy-text as blocks (paragraphs, headings, rules), and whether it is Markdown."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    markdown = any(MD_HEAD.match(line) for line in lines)
    result: list[Block] = []
    current: list[str] = []
    start = 0

    def flush():
        if current:
            joined = " ".join(part.strip() for part in current)
            if not markdown and len(current) == 1 and _title_like(joined):
                result.append(Block("head", joined, 1, start))
            else:
                result.append(Block("p", joined, 1, start))
            current.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            flush()
            continue
        head = MD_HEAD.match(line) if markdown else None
        if head or RULE.match(line):
            flush()
            if head:
                result.append(Block("head", head.group(2), len(head.group(1)), number))
            else:
                result.append(Block("rule", line.strip(), 1, number))
            continue
        if not current:
            start = number
        current.append(line)
    flush()
    return result, markdown


def _definition(block: Block) -> tuple[str, str] | None:
    """(n, text) if the block gives a note's text."""
    if block.kind != "p":
        return None
    match = DEFINITION.match(block.text)
    if not match:
        return None
    n = next(g for g in match.groups() if g is not None)
    return n, block.text[match.end():]


def pair_notes(items: list[Block]) -> tuple[list[Block], dict[str, list[str]]]:
    """Take out the blocks that give the text of a note marked in the running text."""
    wanted: dict[str, int] = {}
    for block in items:
        if block.kind in ("p", "head") and _definition(block) is None:
            for match in MARKER.finditer(block.text):
                n = next(g for g in match.groups() if g is not None)
                wanted[n] = wanted.get(n, 0) + 1
    definitions: dict[str, list[str]] = {}
    kept = []
    for block in items:
        found = _definition(block)
        if found and wanted.get(found[0], 0) > len(definitions.get(found[0], [])):
            definitions.setdefault(found[0], []).append(found[1])
            continue
        kept.append(block)
    return kept, definitions


def nest_safely(items: list[Block], markdown: bool) -> list[Block]:
    """Keep the grammar's rule that a div's paragraphs come before its subdivisions.

    In Markdown, text after a subdivision that returns to a shallower level always
    starts with a heading, so nesting by level is safe, except for paragraphs before
    the first heading, which stay in <body> ahead of the divisions. Heads that skip
    levels (# then ###) are nested one level deeper only.
    """
    if not markdown:
        return items
    fixed, stack = [], []
    for block in items:
        if block.kind == "head":
            while stack and stack[-1][0] >= block.level:
                stack.pop()
            level = (stack[-1][1] + 1) if stack else 1
            stack.append((block.level, level))
            fixed.append(Block("head", block.text, level, block.line))
        else:
            fixed.append(block)
    return fixed
