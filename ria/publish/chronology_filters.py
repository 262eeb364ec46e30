"""The chronology's filters by kind and by source, as a style sheet: they work without script.

The page has a radio button per kind of date (``#kind-event``, …, ``#kind-all``) and
a ``<select id="source-filter">`` of the sources; a rule per choice hides what the
choice leaves out (``:has()`` reads the checked control). Each dated entry says its
``data-kind`` and ``data-source``; each year, month and event section lists in
``data-has`` (``kind/source`` tokens, ria/model/chronology.py, ``filter_tokens``) or
``data-sources`` what it holds, so that a heading with nothing left under it goes
too. The sources differ from edition to edition, so the sheet is written by the
build, beside the page. A browser without ``:has()`` shows every date.

A ``:has()`` is asked of the filters' own box (``div.chronology-filters``), whose later
siblings are the year list and the dates, and of the events side by side only through a
fixed path of children down to the source's option: a browser that works out one element's
style on its own (a date the screen has not reached, as content-visibility skips it, read
by a screen reader or a checker) matches the ``:has()`` anew each time, and one asked of
``main`` walked the whole page for each, 5 of 6 seconds to read every element's style.
"""

from __future__ import annotations

from ..model.chronology import KINDS

FILTERS_CSS = "static/chronology-filters.css"
ALL = "all"


FILTERS = "div.chronology-filters"
# The events side by side follow the dates' section; the source's option, by a path of children.
EVENTS = f"section.dates-list:has(> {FILTERS} > p.source-filter > select > option{{}}:checked) ~ section.events-side"


def _kind(kind: str) -> str:
    return f":has(#kind-{kind}:checked)"


def _option(source: str) -> str:
    return f'[value="{"" if source == ALL else source}"]'


def _source(source: str) -> str:
    return f":has(#source-filter option{_option(source)}:checked)"


def filter_css(text_ids: list[str]) -> bytes:
    """The rules for these sources (their ids are XML names: no quote or backslash to escape)."""
    hidden = [f'{FILTERS}{_kind(kind)} ~ .timeline li.dated:not([data-kind="{kind}"])' for kind in KINDS]
    for source in text_ids:
        events = EVENTS.format(_option(source))
        hidden += [f'{FILTERS}{_source(source)} ~ .timeline li.dated:not([data-source="{source}"])',
                   f'{events} .event:not([data-sources~="{source}"])',
                   f'{events} .event .column:not([data-source="{source}"])']
    hidden += [f'{FILTERS}{_kind(kind)}{_source(source)} ~ * [data-has]:not([data-has~="{kind}/{source}"])'
               for kind in (*KINDS, ALL) for source in (*text_ids, ALL)]
    return ("/* Written by the build (ria/publish/chronology_filters.py): the chronology's filters. */\n"
            + ",\n".join(hidden) + " { display: none; }\n").encode("utf-8")


def files(page) -> dict[str, bytes]:
    """The style sheet for a chronology page (ria/model/chronology.py, ``ChronologyPage``), by its path."""
    return {FILTERS_CSS: filter_css([text.id for text in page.texts])}
