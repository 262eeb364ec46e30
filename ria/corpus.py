"""Corpus build: a browsable site from a TEI corpus no one here wrote (``build.py build --corpus DIR``).

A corpus is a folder of TEI files. Its texts and registers are found by
convention, or named in an optional ``ria-corpus.json`` in the folder:

    {"title": "…", "texts": ["editions/*.xml"], "registers": ["indices/list*.xml"]}

By convention every ``*.xml`` below the folder is read; a TEI document whose
``standOff`` holds a ``listPerson``, ``listPlace``, ``listOrg`` (or ``listBibl``,
``listEvent``), or whose body holds mainly such lists, is a register, and any
other TEI document is a text; files whose root is not ``TEI`` are skipped and
counted. Folders named ``indices``/``registers`` and ``editions``/``texts`` only
break ties (a TEI file with an empty body).

Every file must be well-formed (``path:line:col`` errors otherwise, and nothing
is written); the edition's RelaxNG is not required, but what it would reject is
reported (ria/schema_report.py). Each document is parsed once by lxml, and that
tree serves the well-formedness check, the schema report and the index; the
XSLT stage (Saxon, in a process pool: ria/workers.py) reads the file itself.
Every stage is linear in the number of documents and mentions: entries and
mentions are looked up in dictionaries, never searched for.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from . import readings
from .index import _BLOCK_TAGS, Entry, Mention, TextInfo, _sentence, _text
from .problems import EditionError, Problem
from .progress import Progress, Quiet
from .safenames import PageNames
from .teidates import document_date, span_of
from .xmlio import LANGUAGE_TAG, TEI as T, XML_ID, XML_LANG, parse_bytes

if TYPE_CHECKING:
    from .schema_report import SchemaReport

CONFIG = "ria-corpus.json"
LISTS = {T + "listPerson", T + "listPlace", T + "listOrg", T + "listBibl", T + "listEvent"}
# What a register's body may hold besides its lists: relations between the entries, and the framing.
REGISTER_BODY = frozenset(LISTS | {T + "listRelation"})
_FRAMING = frozenset({T + "head", T + "note"})
NAME_TAGS = frozenset({T + "rs", T + "persName", T + "placeName", T + "orgName"})
# The entries a register holds, the page they go on, the heading of that page.
KINDS = {T + "person": "person", T + "place": "place", T + "org": "org", T + "bibl": "work",
         T + "event": "event"}
PAGES = {"person": ("persons", "Persons"), "place": ("places", "Places"),
         "org": ("organisations", "Organisations"), "work": ("works", "Works"),
         "event": ("events", "Events")}
_CONTEXT_TAGS = _BLOCK_TAGS | frozenset(T + t for t in ("addrLine", "l", "opener", "closer", "postscript",
                                                        "ab", "seg", "cit", "div"))
_REGISTER_HINTS = {"indices", "indexes", "registers", "register"}
_TEXT_HINTS = {"editions", "texts", "letters"}
_YEAR = re.compile(r"^-?\d{4}")


# ---------------------------------------------------------------- discover and load

@dataclass
class Layout:
    """Where a corpus's parts are, as found by convention or named in its config file."""

    root: Path
    title: str
    candidates: list[Path]  # files to read, in a stable order
    texts_named: set[Path] | None = None  # given by the config, else classified by content
    registers_named: set[Path] | None = None
    links_out: list[str] = field(default_factory=list)  # links that lead out of the corpus: not read


@dataclass
class CorpusDocument:
    path: Path
    rel: str
    kind: str  # "text" or "register"
    data: bytes
    tree: etree._ElementTree
    why: str = ""  # why it was classified so

    @property
    def id(self) -> str:
        return self.tree.getroot().get(XML_ID) or self.path.stem

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class Corpus:
    root: Path
    title: str
    texts: list[CorpusDocument]
    registers: list[CorpusDocument]
    skipped: list[str] = field(default_factory=list)  # files that are not TEI
    links_out: list[str] = field(default_factory=list)  # links that lead out of the corpus: not read
    problems: list[Problem] = field(default_factory=list)  # files that could not be read: left out, reported

    @property
    def documents(self) -> list[CorpusDocument]:
        return self.registers + self.texts


def _corpus_files(root: Path) -> tuple[list[str], list[str]]:
    """Every file in ``root`` (relative POSIX paths), and the links that lead out of it.

    Links are not followed out of the corpus: a link to a file inside it is read, a link to
    a folder is not walked (its files are reached by their own paths), and a link that leads
    outside is listed, not read.
    """
    files, links_out = [], []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        for name in sorted(subfolders):
            if (here / name).is_symlink():
                subfolders.remove(name)
                if not (here / name).resolve().is_relative_to(root):
                    links_out.append((here / name).relative_to(root).as_posix())
        for name in names:
            path = here / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                links_out.append(rel)
            elif path.is_file():
                files.append(rel)
    return sorted(files), sorted(links_out)


def _matches(parts: list[str], pattern: list[str]) -> bool:
    """Glob matching by path segments: ``*``, ``?`` and ``[…]`` within a segment, ``**`` for any folders."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_matches(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _matches(parts[1:], pattern[1:])


def _glob(root: Path, files: list[str], patterns: list, config_path: Path) -> list[Path]:
    found = set()
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern:
            raise EditionError(Problem(str(config_path), 1, 1, "error", f"a pattern must be a text: {pattern!r}",
                                       rule="config"))
        parts = pattern.replace("\\", "/").split("/")
        if pattern.startswith(("/", "\\", "~")) or ":" in parts[0] or ".." in parts:
            raise EditionError(Problem(str(config_path), 1, 1, "error",
                                       f"the pattern {pattern!r} reaches outside the corpus folder; patterns "
                                       "are relative to it and may not climb out of it", rule="config"))
        found.update(rel for rel in files if _matches(rel.split("/"), [p for p in parts if p not in ("", ".")]))
    return [root / rel for rel in sorted(found)]


def _listed(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def layout(root: Path) -> Layout:
    root = Path(root).resolve()
    if not root.is_dir():
        raise EditionError(Problem(str(root), 1, 1, "error", "no corpus folder here", rule="io"))
    files, links_out = _corpus_files(root)
    config_path = root / CONFIG
    if config_path.is_file() and CONFIG in files:
        try:
            config = json.loads(config_path.read_text(encoding="utf-8"))
            texts = _glob(root, files, _listed(config.get("texts", [])), config_path)
            registers = _glob(root, files, _listed(config.get("registers", [])), config_path)
            title = str(config.get("title", "") or root.name)
        except (ValueError, TypeError, AttributeError) as err:
            raise EditionError(Problem(str(config_path), 1, 1, "error", f"cannot read the corpus config: {err}",
                                       rule="config")) from None
        if not texts:
            raise EditionError(Problem(str(config_path), 1, 1, "error", "the corpus config names no text files",
                                       rule="config"))
        return Layout(root, title, sorted(set(texts) | set(registers)), set(texts), set(registers), links_out)
    candidates = [root / rel for rel in files
                  if rel.endswith(".xml") and not any(part.startswith(".") for part in rel.split("/"))]
    return Layout(root, root.name, candidates, links_out=links_out)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_list(el: etree._Element) -> bool:
    """A register's list, or a division that holds only such lists (after its heading)."""
    if el.tag in REGISTER_BODY:
        return True
    content = [c for c in el if isinstance(c.tag, str) and c.tag not in _FRAMING]
    return el.tag == T + "div" and bool(content) and all(_is_list(c) for c in content)


def classify(root: etree._Element, path: Path) -> tuple[str, str]:
    """("register" or "text", why): a register is a document whose body is lists of entries.

    What the body is decides, not what the standOff holds: a play keeps the dates of its
    writing and premiere in a standOff listEvent and is a text. Only a document with no
    body of its own is a register because of its standOff's lists, or, failing those,
    because of its folder's name.
    """
    body = root.find(f"{T}text/{T}body")
    content = [c for c in body if isinstance(c.tag, str) and c.tag not in _FRAMING] if body is not None else []
    if content:
        lists = [c for c in content if _is_list(c)]
        if lists and len(lists) * 2 >= len(content):
            held = sorted({_local(g.tag) for c in lists for g in c.iter(*REGISTER_BODY)})
            return "register", "its body holds " + ", ".join(held)
        return "text", "its body holds " + ", ".join(dict.fromkeys(_local(c.tag) for c in content))
    standoff = sorted({_local(c.tag) for so in root.iterfind(T + "standOff") for c in so if c.tag in LISTS})
    if standoff:
        return "register", "it has no body text, and its standOff holds " + ", ".join(standoff)
    hints = {part for part in path.parent.parts}
    if hints & _REGISTER_HINTS and not hints & _TEXT_HINTS:
        return "register", "its body is empty, and it is in a folder of registers"
    return "text", "its body is empty"


def load_corpus(root: Path, progress: Progress | None = None) -> Corpus:
    """Parse every file once (safely, no network, no entities).

    A file that cannot be read or parsed is left out and reported in ``problems``: the
    others are published. EditionError only if no text is left.
    """
    progress = progress or Quiet()
    found = layout(root)
    problems: list[Problem] = []
    texts, registers, skipped = [], [], []
    progress.stage("parsing", len(found.candidates))
    for path in found.candidates:
        rel = str(path.relative_to(found.root))
        progress.advance()
        try:
            data = path.read_bytes()
            # Registers of real corpora repeat an xml:id now and then: that is for the schema
            # report, not a reason to refuse the file.
            tree = parse_bytes(data, rel, collect_ids=False)
        except OSError as err:
            problems.append(Problem(rel, 1, 1, "error", f"cannot read file: {err.strerror}", rule="io"))
            continue
        except EditionError as err:
            problems.extend(err.problems)
            continue
        root_el = tree.getroot()
        if root_el.tag != T + "TEI":
            if found.texts_named and path in found.texts_named:
                problems.append(Problem(rel, root_el.sourceline or 1, 1, "error",
                                        f"not a TEI document: the root element is {root_el.tag}",
                                        rule="corpus"))
            else:
                skipped.append(rel)
            continue
        if found.texts_named is not None:
            kind = "register" if path in (found.registers_named or set()) else "text"
            why = f"{CONFIG} names it among the {kind}s"
        else:
            kind, why = classify(root_el, path.relative_to(found.root))
        (registers if kind == "register" else texts).append(CorpusDocument(path, rel, kind, data, tree, why))
    if not texts:
        # Nothing to publish: every reason at once.
        raise EditionError(sorted(problems) + [Problem(str(found.root), 1, 1, "error", "no TEI texts found in the "
                                                       "corpus", rule="corpus")])
    return Corpus(found.root, found.title, texts, registers, skipped, found.links_out, sorted(problems))


# ---------------------------------------------------------------- index

def initial_of(sort_key: str) -> str:
    """The page an entry's name files under: a–z (accents folded), or 'other'."""
    for char in sort_key:
        if char.isalnum():
            folded = unicodedata.normalize("NFKD", char)[0].lower()
            return folded if "a" <= folded <= "z" else "other"
    return "other"


def _year(el: etree._Element | None) -> str:
    if el is None:
        return ""
    dated = [el] + el.findall(T + "date")
    for node in dated:
        for attr in ("when", "when-iso", "notBefore", "notBefore-iso", "from", "from-iso"):
            value = node.get(attr) or ""
            if _YEAR.match(value):
                return value[:4] if not value.startswith("-") else value[:5]
    return ""


def _geo(text: str | None) -> tuple[float, float] | None:
    """Coordinates as the register writes them: "lat lon", decimal points or (German) commas."""
    if not text:
        return None
    tokens = text.split()
    if len(tokens) == 1 and tokens[0].count(",") == 1:
        tokens = tokens[0].split(",")
    if len(tokens) != 2:
        return None
    try:
        return float(tokens[0].replace(",", ".")), float(tokens[1].replace(",", "."))
    except ValueError:
        return None


def _preferred(names: list[etree._Element]) -> etree._Element | None:
    for wanted in ("reg", "pref", None):
        for name in names:
            if name.get("type") == wanted:
                return name
    return names[0] if names else None


_AGENTS = frozenset(T + tag for tag in ("persName", "orgName", "name", "rs"))
_PLACE_PARTS = frozenset(T + tag for tag in ("settlement", "country", "region", "district", "bloc", "geogName"))


def _entry_names(el: etree._Element, tag: str) -> list[etree._Element]:
    """An entry's names; a place may name itself through its parts (place/settlement/placeName)."""
    names = el.findall(T + tag)
    if not names and tag == "placeName":
        names = [name for part in el if part.tag in _PLACE_PARTS for name in (part.findall(T + tag) or [part])]
    return names


def register_entry(el: etree._Element, kind: str, source: str) -> Entry | None:
    entry_id = el.get(XML_ID)
    if not entry_id:
        return None
    if kind == "work":
        titles = el.findall(T + "title")
        reg = next((t for t in titles if t.get("type") == "main"), titles[0] if titles else None)
        name = _text(reg)
        variants: list[str] = []
    else:
        tag = {"person": "persName", "place": "placeName", "org": "orgName", "event": "label"}[kind]
        names = _entry_names(el, tag)
        reg = _preferred(names)
        name = _text(reg)
        variants = [v for v in dict.fromkeys(_text(n) for n in names if n is not reg)
                    if v and v != name and not v.startswith("http")]
    sort_key = name
    if kind == "person" and reg is not None and reg.find(T + "surname") is not None:
        surname, forename = _text(reg.find(T + "surname")), _text(reg.find(T + "forename"))
        name = f"{forename} {surname}".strip()
        sort_key = f"{surname}, {forename}".strip(", ")
    name = name or entry_id
    sort_key = sort_key or name
    dates = ""
    if kind == "person":
        years = [_year(el.find(T + "birth")), _year(el.find(T + "death"))]
        if any(years):
            dates = "–".join(y or "?" for y in years)
    elif kind == "work":
        dates = _year(el.find(T + "date"))
    geo = None
    if kind == "place":
        geo_el = el.find(f"{T}location[@type='coords']/{T}geo")
        if geo_el is None:
            geo_el = el.find(f"{T}location/{T}geo")
        geo = _geo(geo_el.text if geo_el is not None else None)
    described = (el.findall(f"{T}note[@type='identification']") or el.findall(f"{T}desc[@type='entity_type']")
                 or el.findall(T + "occupation") or el.findall(T + "desc"))
    identification = "; ".join(t for t in dict.fromkeys(_text(d) for d in described) if t)
    if kind == "work":
        authors = "; ".join(_text(a) for a in el.findall(T + "author"))
        identification = "; ".join(x for x in (authors, identification) if x)
    authorities = []
    for idno in el.findall(T + "idno"):
        value = (idno.text or "").strip()
        if value:
            label = idno.get("subtype") or idno.get("type") or "id"
            authorities.append((label, value, value if value.startswith(("http://", "https://")) else ""))
    return Entry(entry_id, kind, name, sort_key, variants, dates, identification, authorities, geo,
                 {}, source)


@dataclass
class CorpusIndex:
    title: str
    entries: dict[str, Entry]
    pages: dict[str, str]  # entry id → the entry's own page (without .html): persons/pmb3394
    texts: list[TextInfo]  # in order of date, then id
    mentions: dict[str, list[Mention]]  # entry id → mentions, in text order, then document order
    refs: dict[str, list[str]]  # text id → the entry ids it points to (for the XSLT's links)
    correspondents: dict[str, str]  # text id → "sender → recipient"
    unresolved: int = 0  # pointers to no entry of the registers
    language: str = "en"  # the language most texts are in (primary subtag), for the search index
    dated: list["DatedPassage"] = field(default_factory=list)  # the dates the texts mark, in order
    publication: dict[str, tuple[str, str]] = field(default_factory=dict)  # text id → (publisher, licence)

    @property
    def publisher(self) -> str:
        """The publisher most texts name: the corpus's, as far as its headers say."""
        counts = Counter(publisher for publisher, _ in self.publication.values() if publisher)
        return min(counts, key=lambda name: (-counts[name], name)) if counts else ""

    def entries_of(self, kind: str) -> list[Entry]:
        return sorted((e for e in self.entries.values() if e.kind == kind),
                      key=lambda e: (e.sort_key.casefold(), e.id))


def text_language(root: etree._Element) -> str:
    """The language a TEI text states for itself: on <text> or <TEI>, else the header's first langUsage."""
    stated = next((el.get(XML_LANG) for el in (root.find(T + "text"), root)
                   if el is not None and el.get(XML_LANG)), None)
    if stated is None:
        language = root.find(f"{T}teiHeader/{T}profileDesc/{T}langUsage/{T}language")
        stated = language.get("ident", "") if language is not None else ""
    return stated if LANGUAGE_TAG.fullmatch(stated) else ""


def main_language(texts: list[TextInfo]) -> str:
    """The primary language subtag most texts share ("de" for de-AT and de-DE); English if none is stated."""
    counts = Counter(text.lang.split("-")[0].lower() for text in texts if text.lang)
    return min(counts, key=lambda language: (-counts[language], language)) if counts else "en"


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
        name = names[kind].claim([entry_id] + [f"{entry_id}-{n}" for n in range(2, 100)], entry_id)
        if not isinstance(name, Problem):
            pages[entry_id] = f"{PAGES[kind][0]}/{name}"
    return pages


def _publication(root: etree._Element) -> tuple[str, str]:
    """(publisher, licence) as the text's header states them: the licence's address, else its words."""
    statement = root.find(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt")
    if statement is None:
        return "", ""
    publisher = _text(statement.find(T + "publisher"))
    licence = statement.find(f"{T}availability/{T}licence")
    return publisher, (licence.get("target") or _text(licence))[:300] if licence is not None else ""


def _letter_info(doc: CorpusDocument) -> tuple[TextInfo, str]:
    root = doc.tree.getroot()
    header = root.find(T + "teiHeader")
    find = (lambda path: header.find(path)) if header is not None else (lambda path: None)
    title_stmt = find(f"{T}fileDesc/{T}titleStmt")
    titles = title_stmt.findall(T + "title") if title_stmt is not None else []
    title_el = next((t for wanted in (lambda t: t.get("level") == "a", lambda t: t.get("type") == "main",
                                      lambda t: t.get("type") != "iso-date")
                     for t in titles if wanted(t)), None)
    authors = title_stmt.findall(T + "author") if title_stmt is not None else []
    sent = find(f"{T}profileDesc/{T}correspDesc/{T}correspAction[@type='sent']")
    received = find(f"{T}profileDesc/{T}correspDesc/{T}correspAction[@type='received']")
    dated = document_date(root)
    who = [" & ".join(_text(p) for p in action if p.tag in _AGENTS) for action in (sent, received)
           if action is not None]
    info = TextInfo(
        id=doc.id, path=doc.rel, title=_text(title_el) or doc.id,
        author="; ".join(_text(a) for a in authors), author_ref="", date=dated.start,
        date_label=dated.label, availability="unknown", availability_note="",
        sources=[], sha256=doc.sha256, prefix="", lang=text_language(root))
    return info, " → ".join(w for w in who if w)


def _in_own_register(el: etree._Element) -> bool:
    # As corpus.xsl: the copies of register entries in a text's back matter are not its reading.
    parent = el.getparent()
    while parent is not None:
        if parent.tag in LISTS and parent.getparent() is not None and parent.getparent().tag == T + "back":
            return True
        parent = parent.getparent()
    return False


_WATCHED = NAME_TAGS | {T + "date"}


class _Contexts:
    """The sentence around a name or date of one text, each block read once for all in it."""

    def __init__(self):
        self._blocks: dict[etree._Element, tuple[str, dict]] = {}

    def around(self, el: etree._Element) -> tuple[str, str, str, str]:
        """(the element's words, the sentence before and after them, the nearest passage id)."""
        block = el.getparent()
        while block is not None and block.tag not in _CONTEXT_TAGS:
            block = block.getparent()
        block = block if block is not None else el.getparent()
        if block not in self._blocks:
            self._blocks[block] = readings.block_reading(block, _WATCHED)
        content, spans = self._blocks[block]
        span = spans.get(el)
        if span is None:  # inside something the reading leaves out (a commentary note in a paragraph)
            form, before, after = _text(el), "", ""
        else:
            form = " ".join(content[span[0]:span[1]].split())
            before, after = _sentence(content, *span)
        passage = ""
        node = block
        while node is not None and not passage:
            passage = node.get(XML_ID) or ""
            node = node.getparent() if node.tag != T + "text" else None
        return form or _text(el), before, after, passage


def mentions_of_text(doc: CorpusDocument, text_id: str, contexts: _Contexts | None = None) -> list[Mention]:
    """Every name with a pointer in the text, numbered m1, m2 … in document order, as corpus.xsl numbers them."""
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is None:
        return []
    contexts = contexts or _Contexts()
    mentions = []
    ordinal = 0
    for el in text_el.iter(*NAME_TAGS):
        if not el.get("ref") or _in_own_register(el):
            continue
        ordinal += 1
        form, before, after, passage = contexts.around(el)
        for ref in el.get("ref").split():
            if ref.startswith("#") and len(ref) > 1:
                mentions.append(Mention(ref[1:], text_id, f"m{ordinal}", passage, form, before, after))
    return mentions


@dataclass(frozen=True)
class DatedPassage:
    """A date the text marks (``date`` with a normalised value), in its sentence."""

    start: str  # ISO
    end: str
    form: str  # the date as the text words it
    text_id: str
    passage: str  # the nearest id, for a link to the passage
    before: str
    after: str

    @property
    def year(self) -> str:
        return self.start[:5] if self.start.startswith("-") else self.start[:4]


def dated_passages(doc: CorpusDocument, text_id: str, contexts: _Contexts | None = None) -> list[DatedPassage]:
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is None:
        return []
    contexts = contexts or _Contexts()
    dated = []
    for el in text_el.iter(T + "date"):
        start, end = span_of(el)
        if not start or _in_own_register(el):
            continue
        form, before, after, passage = contexts.around(el)
        dated.append(DatedPassage(start, end, form, text_id, passage, before, after))
    return dated


def build_corpus_index(corpus: Corpus, progress: Progress | None = None) -> CorpusIndex:
    progress = progress or Quiet()
    entries: dict[str, Entry] = {}
    progress.stage("indexing registers", len(corpus.registers))
    for doc in corpus.registers:
        for el in doc.tree.getroot().iter(*KINDS):
            if el.tag == T + "bibl" and (el.getparent() is None or el.getparent().tag != T + "listBibl"):
                continue  # a bibl inside an entry is its source, not a work of the register
            entry = register_entry(el, KINDS[el.tag], doc.rel)
            if entry is not None:
                entries.setdefault(entry.id, entry)
        progress.advance()
    pages = entry_pages(entries)
    infos, by_entry, refs, correspondents = [], {}, {}, {}
    dated: list[DatedPassage] = []
    publication: dict[str, tuple[str, str]] = {}
    unresolved = 0
    progress.stage("indexing texts", len(corpus.texts))
    page_names = PageNames("text")
    clashes = []
    for doc in corpus.texts:
        info, who = _letter_info(doc)
        # A text's page is named by its xml:id, made safe; two files with one id (or ids that
        # one file system takes for one) are kept apart by the file's name.
        name = page_names.claim([info.id, doc.path.stem], doc.rel, doc.tree.getroot().sourceline or 1)
        if isinstance(name, Problem):
            clashes.append(name)
            continue
        info.id = name
        infos.append(info)
        correspondents[info.id] = who
        publication[info.id] = _publication(doc.tree.getroot())
        contexts = _Contexts()
        mentions = mentions_of_text(doc, info.id, contexts)
        dated.extend(dated_passages(doc, info.id, contexts))
        own = []
        for mention in mentions:
            if mention.entry_id in entries:
                by_entry.setdefault(mention.entry_id, []).append(mention)
                own.append(mention.entry_id)
            else:
                unresolved += 1
        refs[info.id] = sorted(set(own))
        progress.advance()
    if clashes:
        raise EditionError(clashes)
    order = {info.id: n for n, info in enumerate(sorted(infos, key=lambda t: (t.date, t.id)))}
    for mentions in by_entry.values():
        # Mentions were gathered text by text in file order; the pages list them by date.
        mentions.sort(key=lambda m: (order[m.text_id], int(m.anchor[1:])))
    texts = sorted(infos, key=lambda t: (t.date, t.id))
    dated.sort(key=lambda d: (d.start, order[d.text_id]))
    return CorpusIndex(corpus.title, entries, pages, texts, by_entry, refs, correspondents, unresolved,
                       main_language(texts), dated, publication)


# ---------------------------------------------------------------- the build

@dataclass
class CorpusBuild:
    files: dict[str, bytes]
    corpus: Corpus
    index: CorpusIndex
    report: "SchemaReport"
    stages: dict[str, float]  # wall seconds per stage
    problems: list[Problem] = field(default_factory=list)  # documents left out or not transformed

    @property
    def failed(self) -> bool:
        return any(problem.severity == "error" for problem in self.problems)


def build_corpus(corpus_dir: Path, out: Path | None, project_root: Path, jobs: int | None = None,
                 progress: Progress | None = None, write: bool = True, search: bool = True,
                 base_url: str = "") -> CorpusBuild:
    """Parse, check, report, index, transform, render, write (with the search index).

    A document that cannot be parsed or transformed is reported in ``problems`` of the
    result and the others are published: a text that failed to transform gets a page that
    says so. EditionError (nothing written) only where nothing can be published.

    ``stages`` of the result gives the wall time of each stage; ``write=False`` builds the
    pages in memory only (and so without the search index, which Pagefind makes on disk).
    """
    import time

    from .corpus_render import CorpusRenderer
    from .schema_report import schema_report
    from .site import check_output, write_site
    from .workers import Job, transform_all

    progress = progress or Quiet()
    inputs = [corpus_dir] + [project_root / part for part in ("schema", "xslt", "theme")]
    if write and out is not None:
        check_output(out, inputs, project_root)
    stages: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        stages[name] = stages.get(name, 0.0) + now - started
        started = now

    corpus = load_corpus(corpus_dir, progress)
    lap("parse")
    progress.stage("schema report", len(corpus.documents))
    report = schema_report(project_root / "schema" / "edition.rng",
                           [(doc.rel, doc.tree) for doc in corpus.documents], progress.advance)
    lap("schema report")
    index = build_corpus_index(corpus, progress)
    lap("index")
    by_path = {doc.rel: doc for doc in corpus.texts}
    job_list = [Job(by_path[text.path].path, text.path,
                    {"root": "../", "entry_pages": " ".join(f"{e}={index.pages[e]}" for e in index.refs[text.id])})
                for text in index.texts]
    progress.stage("transforming", len(job_list))
    failures: list[Problem] = []
    parts = transform_all(project_root / "xslt" / "corpus.xsl", job_list, jobs, progress.advance,
                          failures=failures)
    lap("xslt")
    use_search = search and _search_available()
    renderer = CorpusRenderer(project_root / "theme", index, search=use_search, base_url=base_url)
    files: dict[str, bytes] = {}
    progress.stage("rendering", len(index.texts))
    failed = {problem.path: problem for problem in failures}
    for text in index.texts:
        files[f"tei/{text.id}.xml"] = by_path[text.path].data  # the text's TEI, as the corpus has it
    for text, text_parts in zip(index.texts, parts):
        files[f"texts/{text.id}.html"] = renderer.text_page(text, text_parts or renderer.failed_parts(
            failed.get(text.path)))
        progress.advance()
    files["index.html"] = renderer.home(len(corpus.skipped))
    files.update(renderer.registers())
    files.update(renderer.places_map())
    files.update(renderer.chronology())
    files.update(renderer.schema_report(report))
    static = project_root / "theme" / "static"
    for asset in sorted(static.rglob("*")):
        if asset.is_file():
            files["static/" + str(asset.relative_to(static))] = asset.read_bytes()
    if use_search:
        files["search.html"] = renderer.search()
    lap("render")
    if write and out is not None:
        progress.stage("writing", 0)
        finish = None
        if use_search:
            from .search import index_site

            def finish(staging: Path) -> None:
                lap("write")
                progress.stage("search index", 0)
                index_site(staging, language=index.language)
                lap("search index")
        write_site(files, out, finish=finish, inputs=inputs, project=project_root)
        lap("write")
    progress.finish()
    return CorpusBuild(files, corpus, index, report, stages, sorted(corpus.problems + failures))


def _search_available() -> bool:
    try:
        from .search import pagefind_executable
        pagefind_executable()
    except (ImportError, EditionError):
        return False
    return True

