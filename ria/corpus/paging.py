"""Lists that grow with the corpus, cut into pages of a bounded length, and the numbered
navigation between those pages, so that no page of a corpus's site grows with the corpus
(issue #24): the home page's list of texts, a register entry's mentions, a year's texts and
dated passages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

# How much of a list one page shows: a page stays under a few hundred kilobytes.
HOME_TEXTS = 500  # texts on a page of the home page's list
ENTRY_MENTIONS = 200  # mentions, each in its sentence, on a page of a register entry
YEAR_ITEMS = 400  # texts and dated passages, each in its sentence, on a page of a chronology year
AROUND = 2  # numbered pages shown either side of the current one, besides the first and the last

Item = TypeVar("Item")


def cut(items: Sequence[Item], size: int) -> list[Sequence[Item]]:
    """``items`` in pages of ``size``; an empty list is one empty page."""
    return [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]


def continued(name: str, number: int) -> str:
    """The file (without .html) of page ``number`` of the page ``name``: the first is the page
    itself, the others are in a folder of its name (persons/pmb50.html, persons/pmb50/2.html),
    where no other page's name can take them."""
    return name if number == 1 else f"{name}/{number}"


def root_of(name: str) -> str:
    """The relative path from the page ``name`` (without .html) to the site's root."""
    return "../" * name.count("/")


@dataclass(frozen=True)
class PageLink:
    number: int
    href: str  # from the site's root
    current: bool = False


@dataclass(frozen=True)
class Pages:
    """The navigation of a page of ``count``: previous, next, and the numbered pages a reader
    can jump to (the first, the last and those around the current; None where some are left out)."""

    label: str  # what the pages are pages of, for the navigation's name
    number: int
    count: int
    numbered: tuple[PageLink | None, ...]
    previous: str = ""
    next: str = ""


def navigation(label: str, number: int, count: int, href_of: Callable[[int], str]) -> Pages | None:
    """Page ``number`` of ``count``'s navigation; None if there is one page only."""
    if count < 2:
        return None
    shown = sorted({1, count} | set(range(max(1, number - AROUND), min(count, number + AROUND) + 1)))
    numbered: list[PageLink | None] = []
    for n in shown:
        if numbered and numbered[-1] is not None and n > numbered[-1].number + 1:
            numbered.append(None)
        numbered.append(PageLink(n, href_of(n), n == number))
    return Pages(label, number, count, tuple(numbered),
                 href_of(number - 1) if number > 1 else "", href_of(number + 1) if number < count else "")
