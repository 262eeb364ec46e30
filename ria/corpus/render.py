"""Render stage of the corpus build: the corpus's index and HTML parts in the page shells of ``theme/templates/corpus``.

Returns pages as relative path → bytes, the many-paged parts (registers, chronology) one
page at a time; nothing is written here. Each page but a text's is first *planned*
(``Planned``): what it is made from is gathered, and its digest (``recipe``) tells an
incremental build whether the page in place is still the one it would render
(ria/corpus/incremental.py); the template is rendered only if it is not. Every entry the
texts mention has a page of its own (persons/pmb3394.html) listing each mention in
its sentence; the alphabetical lists, one page per initial, link to them. Lists that
grow with the corpus (the texts on the home page, an entry's mentions, a year's
chronology) are cut into pages of a bounded length (paging.py), so no page grows
with the corpus.
"""

from __future__ import annotations

import functools
import json
from itertools import groupby
from pathlib import Path
from typing import Iterator, NamedTuple


from ..cache import _toolchain_version, digest
from ..model.index import Index, TextInfo
from ..model.rights import unlink_missing_anchors
from ..publish.render import CSP, SCHEMA_ORG, PageMetadata, Planned, Renderer, TextPage, json_ld, template_environment
from ..safenames import safe_name
from ..validate.schema_report import SchemaReport
from . import paging
from .entries import PAGES, initial_of, page_of


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


def _templates_digest(folder: Path) -> str:
    return digest(*((str(p.relative_to(folder)), p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()))


class Listed(NamedTuple):
    """What a page that lists or links to a text shows of it."""

    id: str
    title: str
    author: str
    date: str
    date_label: str
    lang: str


class _MentionedPlaces:
    """The part of a corpus's index the map draws: the places the texts mention."""

    def __init__(self, index: Index):
        self._index = index

    def entries_of(self, kind: str):
        return [entry for entry in self._index.entries_of(kind)
                if entry.id in self._index.mentions and entry.id in self._index.pages]

    def mentions_of(self, entry_id: str):
        return self._index.mentions.get(entry_id, [])


class CorpusRenderer:
    def __init__(self, theme_dir: Path, index: Index, lang: str = "en", search: bool = False,
                 base_url: str = "", withheld: set[str] | frozenset[str] = frozenset(), skipped: int = 0,
                 report: SchemaReport | None = None):
        self.skipped, self.report = skipped, report  # the files left out, and what the schema says of all
        self.base_url = base_url.rstrip("/") + "/" if base_url else ""
        self.withheld = frozenset(withheld)  # the texts a public build does not publish (ria/model/rights.py)
        self._templates = theme_dir / "templates"
        self._entry_reprs: dict[str, str] = {}  # entry id → digest of its record (for the texts' recipes)
        self.env = template_environment(theme_dir)
        self.index = index
        self.lang = lang
        # What the pages that list or link to a text show of it: a text's page alone shows the rest
        # (so an edit to a letter changes the listings only if it changes these).
        self.texts = {text.id: Listed(text.id, text.title, text.author, text.date, text.date_label, text.lang)
                      for text in index.texts}
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
        meta = meta or self._meta(context["page_title"])
        return self.env.get_template(template).render(
            corpus=self.corpus, root=root, csp=CSP, lang=self.lang, search_kind=search_kind, meta=meta,
            json_ld=json_ld, **context).encode("utf-8")

    def _meta(self, page_title: str) -> PageMetadata:
        return PageMetadata(page_title, f"{page_title}: {self.index.title}, a corpus of "
                            f"{len(self.index.texts)} TEI texts.", creators=(), rights=self._rights(""))

    @functools.cached_property
    def _shared(self) -> str:
        """What every page is made from besides its own context: the code, the page shells, the
        corpus's description, the build's options."""
        return digest(_toolchain_version(), _templates_digest(self._templates), repr(self.corpus), self.lang,
                      CSP, self.base_url, sorted(self.withheld))

    def _plan(self, name: str, template: str, root: str, **arguments) -> Planned:
        """A page of ``_page``'s arguments, planned: its recipe is their digest (their reprs, as
        every value the templates are given is a plain record)."""
        return Planned((name,), lambda: {name: self._page(template, root, **arguments)},
                       lambda: (self._shared, name, template, root, repr(sorted(arguments.items()))))

    def _rights(self, licence: str) -> str:
        return licence or "As the corpus's own TEI headers state."

    def url(self, path: str) -> str:
        return self.base_url + path if self.base_url else ""

    def site_pages(self) -> Iterator[Planned]:
        """Every page but the texts' and the search page (which names the search bundles, made
        last), planned one at a time: the lists of texts, the registers, the chronology, the map
        and the schema report."""
        yield from self.home_pages(self.skipped)
        yield from self.register_pages()
        yield from self.chronology_pages()
        yield from filter(None, (self.map_planned(), self.report and self.schema_report_planned(self.report)))

    def search_planned(self, merged_bundles: list[str]) -> Planned:
        return self._plan("search.html", "corpus/search.html", "", page_title="Search", page_kind="search",
                          merged_bundles=merged_bundles)

    def home_pages(self, skipped: int) -> Iterator[Planned]:
        """The texts in order of date, HOME_TEXTS a page: index.html, then index-2.html, …; each
        year in the list of years links to the page where its texts begin."""
        def href(number: int) -> str:
            return "index" if number == 1 else f"index-{number}"

        def year_of(text: Listed) -> str:
            return text.date[:4] if text.date else "undated"

        pages = paging.cut(list(self.texts.values()), paging.HOME_TEXTS)
        years: list[tuple[str, str]] = []  # (year, the page its texts begin on)
        for number, page in enumerate(pages, 1):
            for year, _ in groupby(page, key=year_of):
                if not years or years[-1][0] != year:
                    years.append((year, href(number)))
        first = 1
        for number, page in enumerate(pages, 1):
            groups = []
            for year, group in groupby(page, key=year_of):
                # a year whose texts began on the page before is continued here
                groups.append((year, list(group), not groups and any(y == year and h != href(number) for y, h in years)))
            yield self._plan(f"{href(number)}.html", "corpus/home.html", "",
                             page_title="Texts" if number == 1 else f"Texts, page {number}", page_kind="home",
                             groups=groups, years=years, first=first, last=first + len(page) - 1,
                             skipped=skipped, correspondents={t.id: self.index.correspondents.get(t.id, "") for t in page},
                             pages=paging.navigation("the list of texts", number, len(pages), href))
            first += len(page)

    def text_page(self, text: TextInfo, parts: dict[str, str]) -> bytes:
        """A text's page from its HTML parts; a withheld text's parts' links to what they left out are unwrapped."""
        if text.id in self.withheld:
            parts = unlink_missing_anchors(parts, Renderer.TEXT_PAGE_IDS)
        return self._page("text.html", "../", parts=parts, **self._text_context(*self._text_inputs(text)))

    def text_recipe(self, text: TextInfo, parts_key: str) -> str:
        """The digest of what a text's page is made from, its HTML parts named by ``parts_key``
        (the digest of what they are made from)."""
        text, before, after, cards, *rest = self._text_inputs(text)
        return digest(self._shared, "text", parts_key, repr((text, before, after, *rest)),
                      [self._entry_digest(entry) for entry in cards])

    def _text_inputs(self, text: TextInfo) -> tuple:
        """All a text's page is made from but its parts (the page is a function of them)."""
        position = self._positions[text.id]
        before = self.texts[self.index.texts[position - 1].id] if position > 0 else None
        after = self.texts[self.index.texts[position + 1].id] if position + 1 < len(self.index.texts) else None
        cards = [self.index.entries[entry_id] for entry_id in self.index.refs_of(text.id)]
        return (text, before, after, cards, self.index.publication.get(text.id, ("", "")),
                self.index.correspondents.get(text.id, ""), self.index.title)

    def _text_context(self, text: TextInfo, before, after, cards, publication, correspondents, _title) -> dict:
        publisher, licence = publication
        meta = PageMetadata(
            text.title, " ".join(part for part in (f"{text.title}.", f"{text.author}." if text.author else "",
                                                   f"{text.date_label}." if text.date_label else "",
                                                   f"In: {self.index.title}.") if part),
            url=self.url(f"texts/{text.id}.html"), creators=tuple(a for a in text.author.split("; ") if a),
            date=text.date, language=text.lang or "en", rights=self._rights(licence), og_type="article")
        withheld = text.id in self.withheld
        # The TEI's hash identifies the text even where a public build does not publish the file.
        encoding = {"@type": "MediaObject", "encodingFormat": "application/tei+xml", "sha256": text.sha256}
        if not withheld:
            encoding["contentUrl"] = self.url(f"tei/{text.id}.xml") or f"../tei/{text.id}.xml"
        work = {"@context": SCHEMA_ORG, "@type": "CreativeWork", "name": text.title,
                "isPartOf": {"@type": "Collection", "name": self.index.title}, "encoding": encoding}
        work.update({key: value for key, value in (
            ("author", _one_or_all([{"@type": "Person", "name": a} for a in meta.creators])), ("dateCreated", text.date),
            ("inLanguage", text.lang), ("publisher", publisher and {"@type": "Organization", "name": publisher}),
            ("license", licence if licence.startswith(("http://", "https://")) else ""), ("url", meta.url)) if value})
        page = TextPage("corpus/base.html", self.citation(text), self.url(f"texts/{text.id}.html") or f"{text.id}.html",
                        public_url=meta.url, tei_url=self.url(f"tei/{text.id}.xml"), tei_href=f"../tei/{text.id}.xml",
                        source_file=text.path, publisher=publisher, correspondents=correspondents,
                        before=before, after=after, withheld=withheld)
        return dict(page_title=text.title, page_kind="text", text=text, search_kind="Text", name_cards=cards,
                    meta=meta, json_ld=json_ld(work), **page.context(text, self.lang))

    def citation(self, text: TextInfo) -> str:
        """Author, title, date, the corpus, and the file's content hash: what a reader cites."""
        parts = [text.author, text.title, text.date_label, f"in: {self.index.title}",
                 f"texts/{text.id}.html (TEI: sha256:{text.sha256[:16]})"]
        return ". ".join(part.rstrip(".") for part in parts if part) + "."

    def register_pages(self) -> Iterator[Planned]:
        """The register pages, planned."""
        counts = self.index.source.counts()
        for kind in self.register_kinds:
            page, heading = PAGES[kind]
            all_entries = self.index.entries_of(kind)
            mentioned = [e for e in all_entries if e.id in self.index.mentions and e.id in self.index.pages]
            by_initial: dict[str, list] = {}
            for entry in mentioned:
                by_initial.setdefault(initial_of(entry.sort_key), []).append(entry)
            initials = [(initial, f"{page}-{initial}", len(entries))
                        for initial, entries in sorted(by_initial.items(), key=lambda i: (i[0] == "other", i[0]))]
            yield self._plan(f"{page}.html", "corpus/register-index.html", "", page_title=heading,
                             page_kind=page, heading=heading, initials=initials,
                             mentioned=len(mentioned), total=len(all_entries))
            for entry in mentioned:
                yield self._entry_planned(entry, page, heading, counts[entry.id])
            for initial, name, _ in initials:
                rows = [(entry, self.index.pages[entry.id], counts[entry.id]) for entry in by_initial[initial]]
                yield self._plan(f"{name}.html", "corpus/register.html", "", page_title=f"{heading}: {initial}",
                                 page_kind=page, heading=heading, initial=initial, initials=initials, entries=rows)

    def _entry_planned(self, entry, page: str, heading: str, count: int) -> Planned:
        """An entry's pages, planned: the first (persons/pmb50.html) with what the register says of
        it and its first ENTRY_MENTIONS mentions, each in its sentence; the next in a folder of its
        name (persons/pmb50/2.html, …). The recipe is made from a digest of its mentions (the store
        keeps one for each text and entry), so only pages that are made read them."""
        own = self.index.pages[entry.id]
        count_of_pages = max(1, -(-count // paging.ENTRY_MENTIONS))
        names = tuple(f"{paging.continued(own, n)}.html" for n in range(1, count_of_pages + 1))

        def href(number: int) -> str:
            return paging.continued(own, number)

        def make() -> dict[str, bytes]:
            mentions = self.index.mentions[entry.id]
            texts = len({m.text_id for m in mentions})
            made, first = {}, 1
            for number, part in enumerate(paging.cut(mentions, paging.ENTRY_MENTIONS), 1):
                by_text = [(self.texts[text_id], list(group)) for text_id, group in groupby(part, key=lambda m: m.text_id)]
                made[f"{href(number)}.html"] = self._page(
                    "corpus/entry.html", paging.root_of(href(number)),
                    page_title=entry.name if number == 1 else f"{entry.name}, mentions {first}–{first + len(part) - 1}",
                    page_kind=page, heading=heading, search_kind=heading, entry=entry, list_page=page_of(entry),
                    own=own, by_text=by_text, count=count, texts=texts, first=first, last=first + len(part) - 1,
                    pages=paging.navigation(f"the mentions of {entry.name}", number, count_of_pages, href))
                first += len(part)
            return made

        return Planned(names, make, lambda: (self._shared, names, "entry", page, heading, repr(entry),
                                             page_of(entry), count, self._mentions_digests[entry.id]))

    @functools.cached_property
    def _mentions_digests(self) -> dict[str, str]:
        """Entry id → the digest of its mentions, each text's with what pages show of the text."""
        return self.index.source.entry_digests({text_id: digest(repr(listed)) for text_id, listed in self.texts.items()})

    def _entry_digest(self, entry) -> str:
        if entry.id not in self._entry_reprs:
            self._entry_reprs[entry.id] = digest(repr(entry))
        return self._entry_reprs[entry.id]

    def chronology_pages(self) -> Iterator[Planned]:
        """The chronology, planned: per year, the texts of that year and every date the texts
        mark in it, a page a year (cut into pages where a year holds more than YEAR_ITEMS)."""
        texts_of: dict[str, list] = {}
        for text in self.texts.values():
            if text.date:
                texts_of.setdefault(_year_of(text.date), []).append(text)
        dated = self.index.dated_years()
        years = sorted(set(texts_of) | set(dated), key=lambda year: (_year_number(year), year))
        if not years:
            return
        listing = [(year, f"chronology-{safe_name(year)}", len(texts_of.get(year, [])), dated.get(year, 0))
                   for year in years]
        yield self._plan("chronology.html", "corpus/chronology.html", "", page_title="Chronology",
                         page_kind="chronology", years=listing)
        for n, (year, page, _, _) in enumerate(listing):
            yield self._year_planned(year, page, texts_of.get(year, []), listing[n - 1] if n else None,
                                     listing[n + 1] if n + 1 < len(listing) else None)

    def _year_planned(self, year: str, page: str, texts: list[Listed], before, after) -> Planned:
        """A year's pages, planned: its texts, then the dates the texts mark in it, YEAR_ITEMS a
        page (chronology-1901.html, then chronology-1901/2.html, …)."""
        dates = self.index.dated_in(year)
        # the titles of the texts the dates are in: all the pages read of the corpus's texts
        titles = {d.text_id: self.texts[d.text_id] for d in dates}
        items = [("text", text) for text in texts] + [("date", d) for d in dates]
        parts = paging.cut(items, paging.YEAR_ITEMS)
        names = tuple(f"{paging.continued(page, n)}.html" for n in range(1, len(parts) + 1))

        def href(number: int) -> str:
            return paging.continued(page, number)

        def make() -> dict[str, bytes]:
            made, first = {}, 0
            for number, part in enumerate(parts, 1):
                on_page = [item for kind, item in part if kind == "text"]
                dated = [item for kind, item in part if kind == "date"]
                made[f"{href(number)}.html"] = self._page(
                    "corpus/chronology-year.html", paging.root_of(href(number)),
                    page_title=f"Chronology: {year}" if number == 1 else f"Chronology: {year}, page {number}",
                    page_kind="chronology", year=year, texts=on_page, dates=dated,
                    titles={d.text_id: titles[d.text_id] for d in dated}, before=before, after=after,
                    text_start=min(first, len(texts)) + 1, date_start=max(0, first - len(texts)) + 1,
                    pages=paging.navigation(f"the chronology of {year}", number, len(parts), href))
                first += len(part)
            return made

        return Planned(names, make, lambda: (self._shared, names, "chronology-year", year, repr(texts), repr(dates),
                                             repr(titles), repr(before), repr(after)))

    def map_planned(self) -> Planned | None:
        """The map and its GeoJSON, planned; None if no mentioned place has coordinates."""
        from ..publish import basemap, geo
        mentioned = _MentionedPlaces(self.index)
        places = mentioned.entries_of("place")
        if not any(entry.geo for entry in places):
            return None
        links = {entry_id: f"{page}.html" for entry_id, page in self.index.pages.items()}

        def make() -> dict[str, bytes]:
            drawn = geo.places_map(mentioned, links)
            return {"map.html": self._page("corpus/map.html", "", page_title="Map of places", page_kind="map",
                                           places_map=drawn),
                    geo.GEOJSON_PATH: geo.geojson(drawn)}

        # The map draws the mentioned places, each by how often it is mentioned, linked to its page
        # (the store's counts: reading every mention of every place only to count them grows with the corpus).
        counts = self.index.source.counts()
        return Planned(("map.html", geo.GEOJSON_PATH), make, lambda: (
            self._shared, "map", repr(basemap.source()), repr([(entry, counts.get(entry.id, 0), links[entry.id])
                                       for entry in places])))

    def schema_report_planned(self, report: SchemaReport) -> Planned:
        def make() -> dict[str, bytes]:
            data = json.dumps(report.as_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            return {"schema-report.html": self._page("corpus/schema-report.html", "", page_title="Schema report",
                                                     page_kind="schema-report", report=report),
                    "schema-report.json": data.encode("utf-8")}

        return Planned(("schema-report.html", "schema-report.json"), make,
                       lambda: (self._shared, "schema-report", repr(report)))
