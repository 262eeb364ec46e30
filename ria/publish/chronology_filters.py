"""The chronology's filters by kind and by source, as a style sheet: they work without script.

The page has a radio button per kind of date (``#kind-event``, …, ``#kind-all``) and
a ``<select id="source-filter">`` of the sources; a rule per choice hides what the
choice leaves out (``:has()`` reads the checked control). Each dated entry says its
``data-kind`` and ``data-source``; each year, month and event section lists in
``data-has`` (``kind/source`` tokens, ria/model/chronology.py, ``filter_tokens``) or
``data-sources`` what it holds, so that a heading with nothing left under it goes
too. The sources differ from edition to edition, so the sheet is written by the
build, beside the page. A browser without ``:has()`` shows every date.
"""

from __future__ import annotations

from ..model.chronology import KINDS

FILTERS_CSS = "static/chronology-filters.css"
ALL = "all"


def _kind(kind: str) -> str:
    return f":has(#kind-{kind}:checked)"


def _source(source: str) -> str:
    return f':has(#source-filter option[value="{"" if source == ALL else source}"]:checked)'


def filter_css(text_ids: list[str]) -> bytes:
    """The rules for these sources (their ids are XML names: no quote or backslash to escape)."""
    hidden = [f'main{_kind(kind)} li.dated:not([data-kind="{kind}"])' for kind in KINDS]
    for source in text_ids:
        hidden += [f'main{_source(source)} li.dated:not([data-source="{source}"])',
                   f'main{_source(source)} .event:not([data-sources~="{source}"])',
                   f'main{_source(source)} .event .column:not([data-source="{source}"])']
    hidden += [f'main{_kind(kind)}{_source(source)} [data-has]:not([data-has~="{kind}/{source}"])'
               for kind in (*KINDS, ALL) for source in (*text_ids, ALL)]
    return ("/* Written by the build (ria/publish/chronology_filters.py): the chronology's filters. */\n"
            + ",\n".join(hidden) + " { display: none; }\n").encode("utf-8")


def files(page) -> dict[str, bytes]:
    """The style sheet for a chronology page (ria/model/chronology.py, ``ChronologyPage``), by its path."""
    return {FILTERS_CSS: filter_css([text.id for text in page.texts])}
