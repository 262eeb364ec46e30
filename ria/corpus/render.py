"""Render stage of the corpus build: the corpus's index and HTML parts in the page shells of ``theme/templates/corpus``.

Returns pages as relative path → bytes, the many-paged parts (registers, chronology) one
page at a time; nothing is written here. Every entry the
texts mention has a page of its own (persons/pmb3394.html) listing each mention in
its sentence; the alphabetical lists, one page per initial, link to them, so no
page grows with the size of a register; every loop is over an entry's own mentions.
"""

from __future__ import annotations

import html
import json
from itertools import groupby
from pathlib import Path
from typing import Iterator

import jinja2

from ..index import TextInfo
from ..render import CSP, SCHEMA_ORG, PageMetadata, json_ld
from ..safenames import safe_name
from ..schema_report import SchemaReport
from .entries import PAGES, initial_of, page_of
from .index import CorpusIndex


def _one_or_all(items: list):
    """One item as itself, several as a list, none as nothing: as schema.org's examples write them."""
    return items[0] if len(items) == 1 else items


def _year_of(iso: str) -> str:
    return iso[:5] if iso.startswith("-") else iso[:4]


def _year_number(year: str) -> int:
    try:
        return int(year)
    except ValueError:
        return 0


class _MentionedPlaces:
    """The part of a corpus's index the map draws: the places the texts mention."""

    def __init__(self, index: CorpusIndex):
        self._index = index

    def entries_of(self, kind: str):
        return [entry for entry in self._index.entries_of(kind)
                if entry.id in self._index.mentions and entry.id in self._index.pages]

    def mentions_of(self, entry_id: str):
        return self._index.mentions.get(entry_id, [])


class CorpusRenderer:
    def __init__(self, theme_dir: Path, index: CorpusIndex, lang: str = "en", search: bool = False,
                 base_url: str = ""):
        self.base_url = base_url.rstrip("/") + "/" if base_url else ""
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(theme_dir / "templates")),
            autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True)
        self.index = index
        self.lang = lang
        self.texts = {text.id: text for text in index.texts}
        self._positions = {text.id: n for n, text in enumerate(index.texts)}  # the corpus's order: by date
        kinds = sorted({entry.kind for entry in index.entries.values()},
                       key=lambda kind: list(PAGES).index(kind))
        self.register_kinds = [kind for kind in kinds
                               if any(e.id in index.mentions for e in index.entries.values() if e.kind == kind)]
        self.corpus = {"title": index.title, "text_count": len(index.texts), "search": search,
                       "publisher": index.publisher or index.title,
                       "registers": [PAGES[kind] for kind in self.register_kinds],
                       "map": any(entry.geo for entry in _MentionedPlaces(index).entries_of("place")),
                       "chronology": bool(index.dated_years()) or any(text.date for text in index.texts)}

    def _page(self, template: str, root: str, search_kind: str = "", meta: PageMetadata | None = None,
              json_ld: str = "", **context) -> bytes:
        # Only texts and register pages carry data-pagefind-body: the search finds nothing else.
        meta = meta or PageMetadata(
            context["page_title"], f"{context['page_title']}: {self.index.title}, a corpus of "
            f"{len(self.index.texts)} TEI texts.", creators=(), rights=self._rights(""))
        return self.env.get_template(template).render(
            corpus=self.corpus, root=root, csp=CSP, lang=self.lang, search_kind=search_kind, meta=meta,
            json_ld=json_ld, **context).encode("utf-8")

    def _rights(self, licence: str) -> str:
        return licence or "As the corpus's own TEI headers state."

    def url(self, path: str) -> str:
        return self.base_url + path if self.base_url else ""

    def search(self, merged_bundles: list[str]) -> bytes:
        """The search page; ``merged_bundles``: the texts' search bundles, merged into the primary one."""
        return self._page("corpus/search.html", "", page_title="Search", page_kind="search",
                          merged_bundles=merged_bundles)

    def home(self, skipped: int) -> bytes:
        years = [(year, list(group)) for year, group in
                 groupby(self.index.texts, key=lambda t: t.date[:4] if t.date else "undated")]
        return self._page("corpus/home.html", "", page_title="Texts", page_kind="home",
                          texts=self.index.texts, years=years, skipped=skipped,
                          correspondents=self.index.correspondents)

    def text_page(self, text: TextInfo, parts: dict[str, str]) -> bytes:
        position = self._positions[text.id]
        before = self.index.texts[position - 1] if position > 0 else None
        after = self.index.texts[position + 1] if position + 1 < len(self.index.texts) else None
        cards = [self.index.entries[entry_id] for entry_id in self.index.refs_of(text.id)]
        publisher, licence = self.index.publication.get(text.id, ("", ""))
        meta = PageMetadata(
            text.title, " ".join(part for part in (f"{text.title}.", f"{text.author}." if text.author else "",
                                                   f"{text.date_label}." if text.date_label else "",
                                                   f"In: {self.index.title}.") if part),
            url=self.url(f"texts/{text.id}.html"), creators=tuple(a for a in text.author.split("; ") if a),
            date=text.date, language=text.lang or "en", rights=self._rights(licence), og_type="article")
        work = {"@context": SCHEMA_ORG, "@type": "CreativeWork", "name": text.title,
                "isPartOf": {"@type": "Collection", "name": self.index.title},
                "encoding": {"@type": "MediaObject", "encodingFormat": "application/tei+xml",
                             "contentUrl": self.url(f"tei/{text.id}.xml") or f"../tei/{text.id}.xml",
                             "sha256": text.sha256}}
        work.update({key: value for key, value in (
            ("author", _one_or_all([{"@type": "Person", "name": a} for a in meta.creators])), ("dateCreated", text.date),
            ("inLanguage", text.lang), ("publisher", publisher and {"@type": "Organization", "name": publisher}),
            ("license", licence if licence.startswith(("http://", "https://")) else ""), ("url", meta.url)) if value})
        return self._page("corpus/text.html", "../", page_title=text.title, page_kind="text", text=text,
                          search_kind="Text", parts=parts, before=before, after=after, name_cards=cards,
                          citation=self.citation(text), correspondents=self.index.correspondents.get(text.id, ""),
                          meta=meta, json_ld=json_ld(work), publisher=publisher)

    def citation(self, text: TextInfo) -> str:
        """Author, title, date, the corpus, and the file's content hash: what a reader cites."""
        parts = [text.author, text.title, text.date_label, f"in: {self.index.title}",
                 f"texts/{text.id}.html (TEI: sha256:{text.sha256[:16]})"]
        return ". ".join(part.rstrip(".") for part in parts if part) + "."

    @staticmethod
    def failed_parts(problem) -> dict[str, str]:
        """The parts of a text that could not be transformed: the reason, where its text would be."""
        reason = html.escape(str(problem) if problem else "the transformation failed")
        return {"toc": "", "notes": "", "apparatus": "", "about": "",
                "text": f'<p class="failed" role="alert">This text could not be shown: {reason}</p>'}

    def registers(self) -> Iterator[tuple[str, bytes]]:
        """The register pages: per kind an index of initials, a list per initial, and a page per entry."""
        for kind in self.register_kinds:
            page, heading = PAGES[kind]
            all_entries = self.index.entries_of(kind)
            mentioned = [e for e in all_entries if e.id in self.index.mentions and e.id in self.index.pages]
            by_initial: dict[str, list] = {}
            for entry in mentioned:
                by_initial.setdefault(initial_of(entry.sort_key), []).append(entry)
            initials = [(initial, f"{page}-{initial}", len(entries))
                        for initial, entries in sorted(by_initial.items(), key=lambda i: (i[0] == "other", i[0]))]
            yield f"{page}.html", self._page("corpus/register-index.html", "", page_title=heading,
                                             page_kind=page, heading=heading, initials=initials,
                                             mentioned=len(mentioned), total=len(all_entries))
            counts = {}
            for entry in mentioned:
                mentions = self.index.mentions[entry.id]
                counts[entry.id] = len(mentions)
                by_text = [(self.texts[text_id], list(group))
                           for text_id, group in groupby(mentions, key=lambda m: m.text_id)]
                yield f"{self.index.pages[entry.id]}.html", self._page(
                    "corpus/entry.html", "../", page_title=entry.name, page_kind=page, heading=heading,
                    search_kind=heading, entry=entry, list_page=page_of(entry), by_text=by_text,
                    count=len(mentions))
            for initial, name, _ in initials:
                rows = [(entry, self.index.pages[entry.id], counts[entry.id]) for entry in by_initial[initial]]
                yield f"{name}.html", self._page("corpus/register.html", "", page_title=f"{heading}: {initial}",
                                                 page_kind=page, heading=heading, initial=initial,
                                                 initials=initials, entries=rows)

    def chronology(self) -> Iterator[tuple[str, bytes]]:
        """The chronology: per year, the texts of that year and every date the texts mark in it.

        One page per year, so that no page grows with the corpus beyond one year's dates.
        """
        texts_of: dict[str, list] = {}
        for text in self.index.texts:
            if text.date:
                texts_of.setdefault(_year_of(text.date), []).append(text)
        dated = self.index.dated_years()
        years = sorted(set(texts_of) | set(dated), key=lambda year: (_year_number(year), year))
        if not years:
            return
        listing = [(year, f"chronology-{safe_name(year)}", len(texts_of.get(year, [])), dated.get(year, 0))
                   for year in years]
        yield "chronology.html", self._page("corpus/chronology.html", "", page_title="Chronology",
                                            page_kind="chronology", years=listing)
        for n, (year, page, _, _) in enumerate(listing):
            yield f"{page}.html", self._page(
                "corpus/chronology-year.html", "", page_title=f"Chronology: {year}", page_kind="chronology",
                year=year, texts=texts_of.get(year, []), dates=self.index.dated_in(year), titles=self.texts,
                before=listing[n - 1] if n else None, after=listing[n + 1] if n + 1 < len(listing) else None)

    def places_map(self) -> dict[str, bytes]:
        """The map of the mentioned places that have coordinates, and its GeoJSON; nothing if none has."""
        from .. import geo
        mentioned = _MentionedPlaces(self.index)
        if not any(entry.geo for entry in mentioned.entries_of("place")):
            return {}
        links = {entry_id: f"{page}.html" for entry_id, page in self.index.pages.items()}
        places = geo.places_map(mentioned, links)
        return {"map.html": self._page("corpus/map.html", "", page_title="Map of places", page_kind="map",
                                       places_map=places),
                geo.GEOJSON_PATH: geo.geojson(places)}

    def schema_report(self, report: SchemaReport) -> dict[str, bytes]:
        data = json.dumps(report.as_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        return {"schema-report.html": self._page("corpus/schema-report.html", "", page_title="Schema report",
                                                 page_kind="schema-report", report=report),
                "schema-report.json": data.encode("utf-8")}
