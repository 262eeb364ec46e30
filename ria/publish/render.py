"""Render stage: place the HTML parts in the jinja2 page shells of ``theme/templates``.

Returns the site as a mapping of relative paths to bytes; nothing is written here.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from ..cache import digest
from ..model.datewords import spoken
from ..model.index import Index, TextInfo
from ..model.project_config import ProjectConfig
from ..model.rights import unlink_missing_anchors
from . import chronology_filters
from .chronology_page import ChronologyPage
from .home import Source, introduction_contents, split_front
from .shells import template_environment

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
# (form-action 'self': the search box in every page's header goes to the search page.)

# Pagefind's client compiles WebAssembly; only the search page allows it.
SEARCH_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")

# The kind of page each page is filed under in the search filters; pages not listed are not indexed.
SEARCH_KINDS = {"text": "Text", "persons": "Index of persons", "places": "Index of places",
                "organisations": "Index of organisations", "events": "Events",
                "chronology": "Chronology", "about": "About the edition"}

REGISTER_PAGES = (("persons", "person", "Persons"), ("places", "place", "Places"),
                  ("organisations", "org", "Organisations"), ("events", "event", "Events"))

PAGE_LANGUAGE = "en"  # the language of the edition's own pages: shell.html's <html lang>
EDITION_RIGHTS = ("The edition's encoding, commentary and registers: Creative Commons Attribution 4.0 "
                  "International; each source text: the rights stated for it.")

# An inline context: the JSON-LD expands with schema.org's terms offline, where a remote
# "https://schema.org" context would have to be fetched first. Its terms become the IRIs
# schema.org's own context gives them (http://schema.org/…); the pages and the exported
# registers share it.
SCHEMA_ORG = {"@vocab": "http://schema.org/"}

# The territory CLDR's likely subtags give a bare language, for og:locale (language_TERRITORY).
LIKELY_TERRITORY = {"en": "US", "de": "DE", "fr": "FR", "ru": "RU", "cs": "CZ", "it": "IT", "es": "ES"}


@dataclass(frozen=True)
class PageMetadata:
    """What a page says of itself to reference managers, harvesters and link previews;
    base.html writes it out as a description, Dublin Core and Open Graph."""

    title: str
    description: str
    url: str = ""  # the public address: only with a base URL, as relative ones mean nothing elsewhere
    creators: tuple[str, ...] | None = None  # None: the edition's editors (the Renderer fills them in)
    contributors: tuple[str, ...] = ()
    date: str = ""
    language: str = PAGE_LANGUAGE
    rights: str = EDITION_RIGHTS
    og_type: str = "website"  # a text's page is an "article"

    @property
    def og_locale(self) -> str:
        language, *subtags = self.language.replace("_", "-").split("-")
        territory = next((t for t in subtags if len(t) == 2 and t.isalpha()), None)
        territory = territory or LIKELY_TERRITORY.get(language.lower(), "")
        return f"{language.lower()}_{territory.upper()}" if territory else ""


def _basemap_source():
    """The data the map's base is drawn from: another version of it draws the map again."""
    from .basemap import source
    return source()


def json_ld(data: dict) -> Markup:
    """JSON-LD as the content of its <script>: JSON as it is, never HTML-escaped, with '<', '>'
    and '&' as JSON escapes, so that no '</script>' or '<!--' in the data can end or bend it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


@dataclass
class Planned:
    """Files of the site not made yet, as both page sets plan them: ``make`` makes them, ``inputs``
    gives all they are made from (the edition's cache compares these, a corpus's their ``recipe``)."""

    names: tuple[str, ...]
    make: Callable[[], dict[str, bytes]]
    inputs: Callable[[], tuple]

    @functools.cached_property
    def recipe(self) -> str:
        """The digest of what the files are made from: equal recipes, equal bytes."""
        return digest(*self.inputs())


@dataclass(frozen=True)
class TextPage:
    """What text.html shows of a text besides its parts, the same for the edition's page set and a
    corpus's; what a project has not (downloads, a rights policy, legends) is left empty."""

    shell: str  # the page set's shell: base.html, corpus/base.html
    citation: str
    permalink: str  # the page's address (relative where the site has no public address)
    public_url: str = ""  # absolute addresses, for reference managers: none without a public address
    tei_url: str = ""
    tei_href: str = ""  # the link to its TEI from the page
    source_file: str = ""  # the file it was published from, where a corpus names it
    publisher: str = ""
    correspondents: str = ""  # "sender → addressee", where a letter's header says
    before: object = None  # the texts before and after it in the project's order (id, title)
    after: object = None
    downloads: tuple[str, ...] = ()
    pdf_urls: tuple[str, ...] = ()
    withheld: bool = False
    private_study: bool = False  # the edition's rights policy: a build for private study says so
    legends: bool = False  # the keys to the edition's own notes and apparatus
    source_filter: bool = False  # search may be narrowed to this text (a project of few texts)

    def context(self, text: TextInfo, page_language: str = "en") -> dict:
        # The text's language where it is not the page's: its title, text and notes are marked with it.
        text_lang = text.lang if text.lang and text.lang.split("-")[0].lower() != page_language else ""
        return {**{f.name: getattr(self, f.name) for f in dataclasses.fields(self)}, "text_lang": text_lang}


class Renderer:
    # The anchors text.html itself provides, which the parts may link to.
    TEXT_PAGE_IDS = frozenset({"main", "text", "about-text", "notes-title", "apparatus-title", "cite-title",
                               "annotations-title"})

    def __init__(self, theme_dir: Path, index: Index, base_url: str = "",
                 downloads: list[str] | None = None, public: bool = False,
                 env: jinja2.Environment | None = None, sources: tuple[Source, ...] = (),
                 project: ProjectConfig | None = None, withheld: set[str] | frozenset[str] = frozenset()):
        self.env = env or template_environment(theme_dir)
        self.index = index
        self.withheld = frozenset(withheld)  # the texts a public build does not publish (ria/model/rights.py)
        # Who the edition is (ria/model/project_config.py); without one, pages name no editors.
        self.project = project or ProjectConfig(id="", title=index.title)
        self.editors = (self.project.editors_name,) if self.project.editors else ()
        # What the home page lists of each text (ria/publish/home.py), in the texts' order.
        by_id = {source.id: source for source in sources}
        self.sources = tuple(by_id[t.id] for t in index.texts if t.id in by_id)
        self.base_url = base_url.rstrip("/") + "/" if base_url else ""
        # The edition publishes itself: its publicationStmt names the edition as the publisher.
        self.edition = {"title": index.title, "subtitle": index.subtitle, "version": index.version,
                        "public": public, "publisher": index.title, "licence": self.project.licence_short}
        self.downloads = [d for d in (downloads or []) if d != "downloads/manifest.json"]
        # A text's own downloads are named after it: downloads/<kind>/<text id>.<…>.
        self._downloads_by_text: dict[str, list[str]] = {}
        for d in self.downloads:
            self._downloads_by_text.setdefault(d.rsplit("/", 1)[-1].split(".", 1)[0], []).append(d)

    def _page(self, template: str, root: str, meta: PageMetadata, csp: str = CSP,
              structured_data: dict | None = None, **context) -> bytes:
        if meta.creators is None:
            meta = dataclasses.replace(meta, creators=self.editors)
        html = self.env.get_template(template).render(
            edition=self.edition, root=root, csp=csp, meta=meta,
            json_ld=json_ld(structured_data) if structured_data else "",
            search_kind=SEARCH_KINDS.get(context["page_kind"], ""), **context)
        return html.encode("utf-8")

    def url(self, path: str) -> str:
        return self.base_url + path

    def public_url(self, path: str) -> str:
        """The page's address for the world outside the site: none without a base URL."""
        return self.base_url + path if self.base_url else ""

    def citation(self, text: TextInfo) -> str:
        year = text.date[:4] if text.date else "n.d."
        edited = f"ed. by {self.project.editors}, " if self.project.editors else ""
        return (f"{text.author}, {text.title} ({year}), in {self.index.title}, "
                f"{edited}version {self.index.version}, "
                f"{self.url(f'texts/{text.id}.html')} (TEI: sha256:{text.sha256[:16]}).")

    def _work(self, text: TextInfo) -> dict:
        """A text as schema.org describes a work: what the home page's list and its own page share
        (the home page is made from the texts' metadata alone, not from the registers)."""
        work = {"@type": "CreativeWork", "name": text.title, "inLanguage": text.lang or PAGE_LANGUAGE}
        if text.author:
            work["author"] = {"@type": "Person", "name": text.author}
        if text.date:
            work["dateCreated"] = text.date
        if self.base_url:
            work["@id"] = work["url"] = self.url(f"texts/{text.id}.html")
        return work

    def _editors_json_ld(self) -> dict:
        return {"@type": self.project.editors_kind, "name": self.project.editors_name}

    def _edition_json_ld(self) -> dict:
        edition = {"@type": "Collection", "name": self.index.title, "version": self.index.version,
                   "publisher": {"@type": "Organization", "name": self.edition["publisher"]}}
        if self.editors:
            edition["creator"] = self._editors_json_ld()
        if self.base_url:
            edition["@id"] = edition["url"] = self.url("index.html")
        return edition

    def text_page(self, text: TextInfo, parts: dict[str, str], withheld: bool = False) -> bytes:
        """A text's page from its HTML parts; a withheld text's parts' links to what they left out unwrapped."""
        withheld = withheld or text.id in self.withheld
        if withheld:
            parts = unlink_missing_anchors(parts, self.TEXT_PAGE_IDS)
        permalink = self.url(f"texts/{text.id}.html")
        tei_url = self.url(f"tei/texts/{text.id}.xml")
        downloads = self._downloads_by_text.get(text.id, [])
        # The TEI's hash identifies the text even where a public build does not publish the file.
        encoding = {"@type": "MediaObject", "encodingFormat": "application/tei+xml", "sha256": text.sha256}
        if self.base_url and not withheld:
            encoding["contentUrl"] = tei_url
        structured_data = {"@context": SCHEMA_ORG, **self._work(text), "version": self.index.version,
                           "publisher": {"@type": "Organization", "name": self.edition["publisher"]},
                           "isPartOf": self._edition_json_ld(), "encodingFormat": "text/html",
                           "encoding": encoding}
        if self.editors:
            structured_data["contributor"] = self._editors_json_ld()
        author_entry = self.index.entries.get(text.author_ref)
        if text.author and author_entry is not None and author_entry.authorities:
            structured_data["author"]["sameAs"] = [url for _, _, url in author_entry.authorities]
        year = text.date[:4] if text.date else "n.d."
        by = f"{text.author}, " if text.author else ""
        meta = PageMetadata(
            title=text.title, url=self.public_url(f"texts/{text.id}.html"),
            description=f"{by}{text.title} ({year}), edited in {self.index.title}: {self.index.subtitle}.",
            creators=(text.author,) if text.author else (), contributors=self.editors, date=text.date,
            language=text.lang or PAGE_LANGUAGE, rights=text.availability_note or EDITION_RIGHTS,
            og_type="article")
        # The register entries this text names, for the cards shown beside a name (events excepted).
        mentioned = dict.fromkeys(m.entry_id for m in self.index.mentions_in_text(text.id))
        name_cards = [self.index.entries[e] for e in mentioned
                      if e in self.index.entries and self.index.entries[e].kind != "event"]
        position = next(n for n, t in enumerate(self.index.texts) if t.id == text.id)
        page = TextPage(
            "base.html", self.citation(text), permalink, public_url=permalink if self.base_url else "",
            tei_url=tei_url, tei_href=f"../tei/texts/{text.id}.xml", publisher=self.edition["publisher"],
            before=self.index.texts[position - 1] if position else None,
            after=self.index.texts[position + 1] if position + 1 < len(self.index.texts) else None,
            downloads=tuple(downloads), pdf_urls=tuple(self.url(d) for d in downloads if d.endswith(".pdf")),
            withheld=withheld, private_study=True, legends=True, source_filter=True)
        return self._page("text.html", "../", meta, structured_data=structured_data,
                          page_title=text.title, page_kind="text", text=text, name_cards=name_cards,
                          parts=parts, **page.context(text, PAGE_LANGUAGE))

    def home(self, introduction: str = "") -> bytes:
        """The home page: the sources, each with what a reader weighs before opening it, and
        ``introduction``, the corpus header's front matter as the stylesheets render it."""
        title = self.index.title
        meta = PageMetadata(
            title=title, url=self.public_url("index.html"),
            description=f"{title}: {self.index.subtitle}. The texts, with indices of persons, places, "
                        "organisations and events, a chronology and a map.")
        structured_data = {"@context": SCHEMA_ORG, **self._edition_json_ld(), "description": self.index.subtitle,
                           "inLanguage": PAGE_LANGUAGE, "hasPart": [self._work(t) for t in self.index.texts]}
        return self._page("home.html", "", meta, structured_data=structured_data,
                          page_title="Texts", page_kind="home", sources=self.sources,
                          introduction=introduction, contents=introduction_contents(introduction))

    def about(self, parts: dict[str, str], tei_files: list[str]) -> bytes:
        meta = PageMetadata(
            title="About the edition", url=self.public_url("about.html"),
            description=f"About {self.index.title}: its editorial principles, the texts and their rights, "
                        "and the validated TEI and exports to download.")
        return self._page("about.html", "", meta, page_title="About", page_kind="about",
                          texts=self.index.texts, parts=parts, tei_files=tei_files,
                          downloads=self.downloads)

    def search(self, merged: list[str]) -> bytes:
        """``merged``: the search bundles the page merges into the primary one (ria/publish/search.py)."""
        meta = PageMetadata(
            title="Search", url=self.public_url("search.html"),
            description=f"Search {self.index.title}: the words of the texts as printed and as corrected, "
                        "their notes, and the names of the indices in every recorded spelling.")
        return self._page("search.html", "", meta, csp=SEARCH_CSP, page_title="Search", page_kind="search",
                          merged_bundles=merged)

    def not_found(self) -> bytes:
        # A static host serves this page at any missing address, at any depth of the site: only
        # absolute links hold everywhere, so with a base URL they are absolute.
        meta = PageMetadata(
            title="Page not found",
            description=f"There is no page at this address in {self.index.title}; "
                        "its texts, indices and search are linked from here.")
        return self._page("404.html", self.base_url, meta, page_title="Page not found", page_kind="not-found")

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
        meta = PageMetadata(
            title=f"Index of {heading.lower()}", url=self.public_url(f"{page}.html"),
            description=f"Index of {heading.lower()} of {self.index.title}: {len(entries)} entries, each "
                        "with the forms of its name in each source and every mention in its sentence.")
        return self._page("register.html", "", meta, page_title=heading, page_kind=page, heading=heading,
                          entries=entries, groups=list(groups.items()),
                          mentions_by_text=mentions_by_text, mention_counts=counts)

    def chronology(self, chronology: ChronologyPage) -> bytes:
        meta = PageMetadata(
            title="Chronology", url=self.public_url("chronology.html"),
            description=f"Chronology of {self.index.title}: {chronology.total} dates marked in the "
                        f"{len(chronology.texts)} texts on one time line, Old Style dates in both calendars, "
                        "and what each source says of the same event side by side.")
        return self._page("chronology.html", "", meta, page_title="Chronology", page_kind="chronology",
                          chronology=chronology, spoken=spoken)

    def map(self, places_map) -> bytes:
        meta = PageMetadata(
            title="Map of places", url=self.public_url("map.html"),
            description=f"Map of the places named in {self.index.title}: {len(places_map.points)} of the "
                        f"{len(places_map.entries)} places of the index, drawn from the register's coordinates.")
        return self._page("map.html", "", meta, page_title="Map of places", page_kind="map",
                          places_map=places_map)

    def site_pages(self, chronology: ChronologyPage, about_parts: dict[str, str],
                   tei_files: list[str]) -> list[Planned]:
        """Every page but the texts' and the search page, and the map's places as GeoJSON, planned by
        group. Besides the build's options, a group's pages are a function of what it is made from alone,
        so an incremental build renders again only the groups whose part of the index changed."""
        from . import geo  # (the map's code is loaded only where a site is built)
        index = self.index
        edition = (index.title, index.subtitle, index.version)

        def of_kind(kind: str) -> tuple:
            entries = index.entries_of(kind)
            return edition, index.texts, entries, [index.mentions_of(entry.id) for entry in entries]

        def register(page: str, kind: str, heading: str) -> Callable[[], dict[str, bytes]]:
            return lambda: {f"{page}.html": self.register(page, kind, heading)}

        def places_map() -> dict[str, bytes]:
            places = geo.places_map(index)
            return {"map.html": self.map(places), geo.GEOJSON_PATH: geo.geojson(places)}

        # The corpus header's introduction goes on the home page, the rest of its text on the about page.
        introduction, about_text = split_front(about_parts.get("text", ""))
        return [Planned(("index.html", "about.html", "404.html"), lambda: {
                    "index.html": self.home(introduction), "about.html": self.about({**about_parts, "text": about_text}, tei_files),
                    "404.html": self.not_found()}, lambda: (edition, index.texts, self.sources, tei_files)),
                *(Planned((f"{page}.html",), register(page, kind, heading), lambda kind=kind: of_kind(kind))
                  for page, kind, heading in REGISTER_PAGES),
                Planned(("chronology.html", chronology_filters.FILTERS_CSS),
                        lambda: {"chronology.html": self.chronology(chronology), **chronology_filters.files(chronology)},
                        lambda: (edition, chronology)),
                Planned(("map.html", geo.GEOJSON_PATH), places_map,
                        lambda: (edition, index.entries_of("place"),  # the places and how often each is named
                                 [len(index.mentions_of(entry.id)) for entry in index.entries_of("place")],
                                 _basemap_source()))]

    def search_planned(self, merged: list[str]) -> Planned:
        """The search page, planned once the bundles it merges are known."""
        return Planned(("search.html",), lambda: {"search.html": self.search(merged)},
                       lambda: (self.index.title, merged))
