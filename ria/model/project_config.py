"""A project's identity: what names it, its files and its editors, read from its folder.

A project is a folder of TEI and an optional ``ria-corpus.json`` in it (issue 19). The
edition and any corpus built with ``build --corpus DIR`` read the same file, in the same
format, through this module, so a setting means the same in both; the edition is a
corpus too (its export is a teiCorpus). What the TEI already says is read from the TEI,
not repeated in the file: the edition's title, its editors (the corpus header's
``titleStmt/respStmt``), the ``xml:id`` their ``@resp`` points to, its publisher and the licence
of its own work (``publicationStmt/availability/licence/@target``) come from ``tei/edition.xml``. The file holds what the TEI does not say:

    {"id": "letters-1900"}

The edition's file may set ``id``, which names its files (``ID.epub``, ``ID-tei.zip``, the
teiCorpus ``ID.xml``) and its calendar entries; by default it is made from the title
("Letters, 1900": ``letters-1900``), and the file pins it so that a new title does not
rename files already published. ``editors_id`` names the editors' ``xml:id`` where the
header's respStmt gives them none. A corpus's file may set its ``title`` (by default the
folder's name) and the ``texts`` and ``registers`` patterns ria/corpus/load.py reads. Either may
set which problems stop its build (``checks``: "report", the default for a corpus, lists them and
publishes; "errors", the edition's default, stops at an error; "strict" at any problem, as
``--strict``) and what it publishes (``rights``: "private-study" by default, or "public", as
``--public``): ``{"checks": "errors", "rights": "public"}``. A file that cannot be read, or a setting that is unknown, not for this kind of project or of the
wrong kind, is an error at its ``path:line:col``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..problems import EditionError, Problem
from ..safenames import safe_name
from ..xmlio import TEI as T
from ..xmlio import XML_ID

CONFIG_NAME = "ria-corpus.json"
CHECKS = ("report", "errors", "strict")

# Each setting and what it must be. The edition takes from its header what a corpus sets here.
SETTINGS = {"id": "a file name: letters, digits, '.', '_', '-' or '~'", "editors_id": "an xml:id",
            "title": "a text", "texts": "a pattern or a list of patterns",
            "registers": "a pattern or a list of patterns",
            "checks": '"report" (problems are listed and the site published), "errors" (an error stops the '
                      'build) or "strict" (any problem stops it)',
            "rights": '"private-study" (every text\'s words are published) or "public" (only the words of '
                      'texts whose rights are free, as --public)'}
EDITION_SETTINGS = {"id": "", "editors_id": "", "checks": "", "rights": "",
                    "title": "the edition's title is its header's (tei/edition.xml, titleStmt/title)",
                    "texts": "the edition's texts are the files of tei/texts/",
                    "registers": "the edition's registers are the files of tei/registers/"}
# A corpus names no files of its own (it has no export) and its editors in no one header.
CORPUS_SETTINGS = {"title": "", "texts": "", "registers": "", "checks": "", "rights": "",
                   "id": "a corpus has no export whose files it would name",
                   "editors_id": "a corpus's texts name their editors in their own headers"}
_NCNAME = re.compile(r"[^\W\d][\w.-]*")
_WHITESPACE = re.compile(r"\s*")
_ARTICLE = re.compile(r"the\s+", re.IGNORECASE)
# The Creative Commons licences, named from their address as their own pages name them.
_CC = re.compile(r"https?://creativecommons\.org/(?:licenses/(by(?:-nc)?(?:-sa|-nd)?)/4\.0|publicdomain/zero/1\.0)"
                 r"/?(?:legalcode(?:\.[a-z-]+)?)?", re.IGNORECASE)
_CC_TERMS = {"by": "Attribution", "nc": "NonCommercial", "sa": "ShareAlike", "nd": "NoDerivatives"}


@dataclass(frozen=True)
class ProjectConfig:
    """Who and what a project is, for every output that names it."""

    id: str  # names its files and calendar entries
    title: str
    editors: str = ""  # as its header names them, in running prose: "the … editorial team"
    editors_id: str = ""  # the xml:id their @resp points to
    editors_kind: str = "Organization"  # schema.org's type for them: a persName names a Person
    publisher: str = ""
    licence: str = ""  # the address of the licence its own work is under ("" where its header names none)

    @property
    def licence_name(self) -> str:
        """The licence as a sentence names it: a Creative Commons licence by its name, any other by its address."""
        cc = _CC.fullmatch(self.licence)
        if cc is None:
            return f"the licence at {self.licence}" if self.licence else ""
        if cc.group(1) is None:
            return "the Creative Commons CC0 1.0 Universal public domain dedication (CC0 1.0)"
        code = cc.group(1).lower()
        terms = "-".join(_CC_TERMS[term] for term in code.split("-"))
        return f"the Creative Commons {terms} 4.0 International licence ({self.licence_short})"

    @property
    def licence_short(self) -> str:
        """The licence as a line names it in passing: "CC BY 4.0", "CC0 1.0", or its address."""
        cc = _CC.fullmatch(self.licence)
        if cc is None:
            return self.licence
        return f"CC {cc.group(1).upper()} 4.0" if cc.group(1) else "CC0 1.0"

    @property
    def editors_name(self) -> str:
        """The editors as a name stands alone (schema.org, Dublin Core): a header names a body
        as prose does ("edited by the X team"), with an article a name does not carry."""
        return _ARTICLE.sub("", self.editors, count=1) if _ARTICLE.match(self.editors) else self.editors

    @property
    def corpus_file(self) -> str:
        return f"{self.id}.xml"

    @property
    def zip_file(self) -> str:
        return f"{self.id}-tei.zip"

    @property
    def epub_file(self) -> str:
        return f"{self.id}.epub"


@dataclass(frozen=True)
class Settings:
    """What a config file says, with where each setting stands in it."""

    path: Path
    values: dict
    places: dict  # setting → (line, col) of its value

    def problem(self, key: str, message: str) -> EditionError:
        line, col = self.places.get(key, (1, 1))
        return EditionError(Problem(str(self.path), line, col, "error", message, rule="config"))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _places(text: str, path: Path) -> dict:
    """Where each top-level value stands; a setting given twice is an error at its second place."""
    decoder, places = json.JSONDecoder(), {}
    at = _WHITESPACE.match(text, text.index("{") + 1).end()
    while text.startswith('"', at):
        key, at = json.decoder.scanstring(text, at + 1)
        value_at = _WHITESPACE.match(text, _WHITESPACE.match(text, at).end() + 1).end()
        if key in places:
            raise EditionError(Problem(str(path), *_line_col(text, value_at), "error",
                                       f"'{key}' is set twice", rule="config"))
        places[key] = _line_col(text, value_at)
        _, at = decoder.raw_decode(text, value_at)
        at = _WHITESPACE.match(text, at).end()
        at = _WHITESPACE.match(text, at + 1).end() if text.startswith(",", at) else at
    return places


def _is_patterns(value) -> bool:
    return isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value)


def read_settings(path: Path, allowed: dict[str, str]) -> Settings:
    """The settings of a config file, each checked; raises EditionError at its place if one is wrong.

    ``allowed`` maps each setting this kind of project reads to "", and each it does not to why."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise EditionError(Problem(str(path), 1, 1, "error", f"not UTF-8 (byte {err.start})",
                                   rule="config")) from None
    try:
        values = json.loads(text)
    except json.JSONDecodeError as err:
        raise EditionError(Problem(str(path), err.lineno, err.colno, "error", f"not JSON: {err.msg}",
                                   rule="config")) from None
    if not isinstance(values, dict):
        start = _WHITESPACE.match(text).end()
        raise EditionError(Problem(str(path), *_line_col(text, start), "error",
                                   'the config must be a JSON object: {"id": "…"}', rule="config"))
    settings = Settings(path, values, _places(text, path))
    checks = {"id": lambda v: isinstance(v, str) and v != "" and safe_name(v) == v,
              "editors_id": lambda v: isinstance(v, str) and bool(_NCNAME.fullmatch(v)),
              "title": lambda v: isinstance(v, str), "texts": _is_patterns, "registers": _is_patterns,
              "checks": lambda v: v in CHECKS, "rights": lambda v: v in ("private-study", "public")}
    for key, value in values.items():
        if allowed.get(key, "unknown"):
            known = ", ".join(k for k, why in allowed.items() if not why)
            reason = f"it is not set here: {allowed[key]}" if key in allowed else "it is unknown"
            raise settings.problem(key, f"'{key}': {reason}; the settings here are: {known}")
        if not checks[key](value):
            shown = json.dumps(value, ensure_ascii=False)
            raise settings.problem(key, f"'{key}' must be {SETTINGS[key]}, not {shown}")
    return settings


@dataclass(frozen=True)
class Policy:
    """What a project's builds do by default: which problems stop one (``checks``: "report",
    "errors" or "strict") and whether it publishes for the open web (``public``: its ``rights``)."""

    checks: str
    public: bool

    def stops(self, problems: list[Problem], strict: bool = False) -> list[Problem]:
        """The problems that stop a build (``strict``: --strict, whatever the config says)."""
        checks = "strict" if strict else self.checks
        return [] if checks == "report" else problems if checks == "strict" else [
            p for p in problems if p.severity == "error"]


def policy(settings: Settings | None, edition: bool) -> Policy:
    """The ``checks`` and ``rights`` a config sets, or the defaults: the edition's grammar and rules
    are errors, a corpus's problems a report; both publish every text for private study."""
    values = settings.values if settings is not None else {}
    checks = values.get("checks", "errors" if edition else "report")
    if edition and checks == "report":
        raise settings.problem("checks", "'checks': the edition's grammar and rules are always errors (its "
                                         "validated TEI is what it publishes): \"errors\" or \"strict\"")
    return Policy(checks, values.get("rights") == "public")


def edition_policy(root: Path) -> Policy:
    return policy(_settings_in(root, EDITION_SETTINGS), edition=True)


def _settings_in(folder: Path, allowed: dict[str, str]) -> Settings:
    path = folder / CONFIG_NAME
    return read_settings(path, allowed) if path.is_file() else Settings(path, {}, {})


def slug(title: str) -> str:
    """A file name made from a title: its words, lower case, joined by hyphens ("" if it has none)."""
    words = re.findall(r"[^\W_]+", title.casefold())
    return safe_name("-".join(words)) if words else ""


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def edition_config(root: Path, header: etree._ElementTree | None) -> ProjectConfig:
    """The edition's identity: its header (``tei/edition.xml``) and the config file beside ``tei/``."""
    root = Path(root)
    settings = _settings_in(root, EDITION_SETTINGS)
    header_root = header.getroot() if header is not None else etree.Element(T + "TEI")
    title_stmt = header_root.find(f"{T}teiHeader/{T}fileDesc/{T}titleStmt")
    title_stmt = title_stmt if title_stmt is not None else etree.Element(T + "titleStmt")
    names = [el for stmt in title_stmt.iterfind(T + "respStmt")
             for el in stmt if el.tag in (T + "orgName", T + "persName", T + "name")]
    wanted = settings.values.get("editors_id", "")
    # The editors: the respStmt's name that has their id; where the config gives the id, the
    # header names them without one; else the first name with an id, else the first name.
    with_id = [el for el in names if el.get(XML_ID)]
    if wanted:
        chosen = [el for el in with_id if el.get(XML_ID) == wanted] or [el for el in names if not el.get(XML_ID)]
    else:
        chosen = with_id or names
    editors = chosen[0] if chosen else None
    title = _text(title_stmt.find(f"{T}title[@type='main']")) or _text(title_stmt.find(T + "title"))
    publisher = header_root.find(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt/{T}publisher")
    licence = header_root.find(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt/{T}availability/{T}licence")
    editors_id = wanted or (editors.get(XML_ID, "") if editors is not None else "")
    kind = "Person" if editors is not None and editors.tag == T + "persName" else "Organization"
    return ProjectConfig(id=settings.values.get("id") or slug(title) or safe_name(root.resolve().name),
                         title=title, editors=_text(editors), editors_id=editors_id, editors_kind=kind,
                         publisher=_text(publisher),
                         licence="".join((licence.get("target") or "").split()) if licence is not None else "")


def corpus_config(root: Path, settings: Settings | None) -> ProjectConfig:
    """A corpus's identity: its config file's title (``settings``, read with CORPUS_SETTINGS by
    ria/corpus/load.py, which reads the file only if it is inside the corpus), else its folder's name."""
    name = Path(root).resolve().name
    title = settings.values.get("title") if settings is not None else ""
    return ProjectConfig(id=slug(title or name) or safe_name(name), title=title or name)
