"""The pages a corpus's register entries get: the alphabetical list each is filed on, and its own."""

from __future__ import annotations

import unicodedata

from ..model.records import Entry
from ..problems import Problem
from ..safenames import PageNames

# The page each kind of entry goes on, the heading of that page.
PAGES = {"person": ("persons", "Persons"), "place": ("places", "Places"),
         "org": ("organisations", "Organisations"), "work": ("works", "Works"),
         "event": ("events", "Events")}


def initial_of(sort_key: str) -> str:
    """The page an entry's name files under: a–z (accents folded), or 'other'."""
    for char in sort_key:
        if char.isalnum():
            folded = unicodedata.normalize("NFKD", char)[0].lower()
            return folded if "a" <= folded <= "z" else "other"
    return "other"


def page_of(entry: Entry) -> str:
    """The page of the alphabetical list the entry is filed on."""
    return f"{PAGES[entry.kind][0]}-{initial_of(entry.sort_key)}"


def entry_pages(entries: dict[str, Entry]) -> dict[str, str]:
    """Entry id → its own page, in its kind's folder, named by its id made safe.

    Ids that one file system takes for one (they differ only in case) are told apart by a
    number, in the order of the ids, so the same register always gives the same names.
    """
    pages: dict[str, str] = {}
    names = {kind: PageNames(kind) for kind in PAGES}
    for entry_id in sorted(entries):
        kind = entries[entry_id].kind
        # Last, a name ending in a hash of the id, which no other id gives: every entry gets a page
        # however many ids differ from it only in case.
        name = names[kind].claim([entry_id] + [f"{entry_id}-{n}" for n in range(2, 100)] + [entry_id + "\0"],
                                 entry_id)
        if not isinstance(name, Problem):
            pages[entry_id] = f"{PAGES[kind][0]}/{name}"
    return pages
