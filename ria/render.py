"""Render stage: place the HTML parts in the jinja2 page shells of ``theme/templates``.

Returns the site as a mapping of relative paths to bytes; nothing is written here.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path
from typing import Callable

import jinja2

from .chronology import ChronologyPage, spoken
from .index import EditionIndex, TextInfo
from .search import text_bundles

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'")

# Pagefind's client compiles WebAssembly; only the search page allows it.
SEARCH_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")

# The kind of page each page is filed under in the search filters; pages not listed are not indexed.
SEARCH_KINDS = {"text": "Text", "persons": "Index of persons", "places": "Index of places",
                "organisations": "Index of organisations", "events": "Events",
                "chronology": "Chronology", "about": "About the edition"}

REGISTER_PAGES = (("persons", "person", "Persons"), ("places", "place", "Places"),
                  ("organisations", "org", "Organisations"), ("events", "event", "Events"))


class _CompiledShells(jinja2.FileSystemBytecodeCache):
    """Page shells kept compiled between runs; a folder that cannot be used only costs time."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_environment(theme_dir: Path, bytecode_dir: Path | None = None) -> jinja2.Environment:
    """The page shells of ``theme_dir/templates``; ``bytecode_dir`` keeps them compiled between runs."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir / "templates")),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        bytecode_cache=_CompiledShells(str(bytecode_dir)) if bytecode_dir else None)


class Renderer:
    # The anchors text.html itself provides, which the parts may link to.
    TEXT_PAGE_IDS = frozenset({"main", "text", "about-text", "notes-title", "apparatus-title", "cite-title"})

    def __init__(self, theme_dir: Path, index: EditionIndex, base_url: str = "",
                 downloads: list[str] | None = None, public: bool = False,
                 env: jinja2.Environment | None = None):
        self.env = env or template_environment(theme_dir)
        self.index = index
        self.base_url = base_url.rstrip("/") + "/" if base_url else ""
        self.edition = {"title": index.title, "subtitle": index.subtitle, "version": index.version,
                        "public": public}
        self.downloads = [d for d in (downloads or []) if d != "downloads/manifest.json"]
        # A text's own downloads are named after it: downloads/<kind>/<text id>.<…>.
        self._downloads_by_text: dict[str, list[str]] = {}
        for d in self.downloads:
            self._downloads_by_text.setdefault(d.rsplit("/", 1)[-1].split(".", 1)[0], []).append(d)

    def _page(self, template: str, root: str, csp: str = CSP, **context) -> bytes:
        html = self.env.get_template(template).render(
            edition=self.edition, root=root, csp=csp,
            search_kind=SEARCH_KINDS.get(context["page_kind"], ""), **context)
        return html.encode("utf-8")

    def url(self, path: str) -> str:
        return self.base_url + path

    def citation(self, text: TextInfo) -> str:
        year = text.date[:4] if text.date else "n.d."
        return (f"{text.author}, {text.title} ({year}), in {self.index.title}, "
                f"ed. by the Revolution in Arms editorial team, version {self.index.version}, "
                f"{self.url(f'texts/{text.id}.html')} (TEI: sha256:{text.sha256[:16]}).")

    def text_page(self, text: TextInfo, parts: dict[str, str], withheld: bool = False) -> bytes:
        permalink = self.url(f"texts/{text.id}.html")
        json_ld = json.dumps({
            "@context": "https://schema.org", "@type": "CreativeWork",
            "name": text.title, "author": {"@type": "Person", "name": text.author},
            "dateCreated": text.date, "isPartOf": {"@type": "Collection", "name": self.index.title},
            "version": self.index.version, "url": permalink, "encodingFormat": "text/html",
            "sha256": text.sha256,
        }, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
        # The register entries this text names, for the cards shown beside a name (events excepted).
        mentioned = dict.fromkeys(m.entry_id for m in self.index.mentions_in_text(text.id))
        name_cards = [self.index.entries[e] for e in mentioned
                      if e in self.index.entries and self.index.entries[e].kind != "event"]
        return self._page("text.html", "../", page_title=text.title, page_kind="text", text=text,
                          name_cards=name_cards,
                          parts=parts, permalink=permalink, absolute=bool(self.base_url),
                          citation=self.citation(text), withheld=withheld,
                          tei_url=self.url(f"tei/texts/{text.id}.xml"), json_ld=json_ld,
                          downloads=self._downloads_by_text.get(text.id, []))

    def home(self) -> bytes:
        return self._page("home.html", "", page_title="Texts", page_kind="home",
                          texts=self.index.texts)

    def about(self, parts: dict[str, str], tei_files: list[str]) -> bytes:
        return self._page("about.html", "", page_title="About", page_kind="about",
                          texts=self.index.texts, parts=parts, tei_files=tei_files,
                          downloads=self.downloads)

    def search(self) -> bytes:
        # The texts' own search bundles, which the page merges into the primary one (ria/search.py).
        merged = sorted({f"{folder}/" for folder in text_bundles([t.id for t in self.index.texts]).values()})
        return self._page("search.html", "", csp=SEARCH_CSP, page_title="Search", page_kind="search",
                          merged_bundles=merged)

    def register(self, page: str, kind: str, heading: str) -> bytes:
        entries = self.index.entries_of(kind)
        groups: "OrderedDict[str, list]" = OrderedDict()
        for entry in entries:
            groups.setdefault(entry.initial, []).append(entry)
        mentions_by_text, counts = {}, {}
        for entry in entries:
            counts[entry.id] = len(self.index.mentions_of(entry.id))
            mentions_by_text[entry.id] = [(text, sorted({m.form for m in own if m.form}), own)
                                          for text, own in self.index.mentions_by_text(entry.id)]
        return self._page("register.html", "", page_title=heading, page_kind=page, heading=heading,
                          entries=entries, groups=list(groups.items()),
                          mentions_by_text=mentions_by_text, mention_counts=counts)

    def chronology(self, chronology: ChronologyPage) -> bytes:
        return self._page("chronology.html", "", page_title="Chronology", page_kind="chronology",
                          chronology=chronology, spoken=spoken)

    def map(self, places_map) -> bytes:
        return self._page("map.html", "", page_title="Map of places", page_kind="map",
                          places_map=places_map)

    def index_page_groups(self, chronology: ChronologyPage, about_parts: dict[str, str],
                          tei_files: list[str]) -> list[tuple[str, tuple, Callable[[], dict[str, bytes]]]]:
        """Every page but the texts', and the map's places as GeoJSON, by group: (name, what the
        group is made from, a function that renders its files).

        Besides the build's options, a group's pages are a function of what it is made from
        alone, so an incremental build renders again only the groups whose part of the
        index changed: an edit beside a place's name, the index of places.
        """
        index = self.index
        edition = (index.title, index.subtitle, index.version)

        def of_kind(kind: str) -> tuple:
            entries = index.entries_of(kind)
            return edition, index.texts, entries, [index.mentions_of(entry.id) for entry in entries]

        def register(page: str, kind: str, heading: str) -> Callable[[], dict[str, bytes]]:
            return lambda: {f"{page}.html": self.register(page, kind, heading)}

        def places_map() -> dict[str, bytes]:
            from . import geo  # imported when the map is drawn: a rebuild that keeps the map never needs it
            places = geo.places_map(index)
            return {"map.html": self.map(places), geo.GEOJSON_PATH: geo.geojson(places)}

        return [("home", (edition, index.texts, tei_files), lambda: {
                    "index.html": self.home(), "search.html": self.search(),
                    "about.html": self.about(about_parts, tei_files)}),
                *((page, of_kind(kind), register(page, kind, heading)) for page, kind, heading in REGISTER_PAGES),
                ("chronology", (edition, chronology), lambda: {"chronology.html": self.chronology(chronology)}),
                ("map", (edition, index.entries_of("place"),  # the places and how often each is named
                         [len(index.mentions_of(entry.id)) for entry in index.entries_of("place")]), places_map)]
