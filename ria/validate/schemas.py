"""Validate stage: RelaxNG, XSD and Schematron over every loaded document.

The schemas are compiled once (:class:`Schemas`) and applied to each document.
RelaxNG is the primary grammar; the derived XSD is run as well, and a document
on which the two disagree is itself reported, so their equivalence is checked on
every run. Schematron failures are enriched with hints (the nearest existing
identifier, the first place a duplicate id was defined).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..cache import BuildCache, NoCache, digest
from ..model.load import Document, Edition
from ..problems import Problem
from ..xmlio import XML_ID, parse_file

_ID_TOKEN = re.compile(r"'#([^']+)'")


class Schemas:
    """The edition's RelaxNG and Schematron, compiled once; the XSD is compiled when first used."""

    def __init__(self, schema_dir: Path, rng: etree.RelaxNG, processor, cache: BuildCache | None = None):
        self.schema_dir = schema_dir
        self._cache = cache or NoCache()
        self.rng = rng
        self.rng_digest = digest((schema_dir / "edition.rng").read_bytes())
        self.sch_digest = digest((schema_dir / "edition.sch").read_bytes())
        xsd_path = schema_dir / "edition.xsd"
        self.xsd_digest = digest(xsd_path.read_bytes()) if xsd_path.is_file() else ""
        self._processor = processor
        self._schematron = None
        self._xsd = None

    @classmethod
    def load(cls, schema_dir: Path, processor, cache: BuildCache | None = None) -> "Schemas":
        """``cache`` keeps the compiled XSD between runs: unpickling it is several times faster."""
        return cls(schema_dir, etree.RelaxNG(parse_file(schema_dir / "edition.rng")), processor, cache)

    @property
    def schematron(self):
        """Compiled when first needed: a build whose documents are all cached never needs it."""
        if self._schematron is None:
            from .schematron import Schematron
            self._schematron = Schematron(self._processor, self.schema_dir / "edition.sch")
        return self._schematron

    @property
    def xsd(self):
        if self._xsd is None:
            import xmlschema
            self._xsd = self._cache.fetch("xsd-schema", (self.xsd_digest, xmlschema.__version__),
                                          lambda: xmlschema.XMLSchema(str(self.schema_dir / "edition.xsd")))
        return self._xsd


@dataclass
class IdIndex:
    """Every xml:id in the edition, where it is defined and on what element."""

    first: dict[str, tuple[Document, etree._Element]]
    # Ids defined again in another file: (document, element) of each later definition.
    again: list[tuple[str, Document, etree._Element]]

    @classmethod
    def build(cls, edition: Edition) -> "IdIndex":
        first: dict[str, tuple[Document, etree._Element]] = {}
        again = []
        for doc in edition.documents:
            for el in doc.tree.iter():
                xml_id = el.get(XML_ID) if isinstance(el.tag, str) else None
                if not xml_id:
                    continue
                if xml_id not in first:
                    first[xml_id] = (doc, el)
                elif first[xml_id][0] is not doc:
                    again.append((xml_id, doc, el))
        return cls(first, again)

    def token_list(self, excluding: Document | None) -> str:
        """The "kind:id" list Schematron's $edition-id-list expects: the shared ids of the other files.

        Only the corpus header's and the registers' ids are passed, so the list does not grow
        with the number of texts (and is the same for every text); ids repeated between texts
        are found by :meth:`duplicates`.
        """
        shared_doc = excluding if excluding is not None and excluding.kind != "text" else None
        key = shared_doc.rel if shared_doc else ""
        if key not in self._token_lists:
            self._token_lists[key] = " ".join(
                f"{etree.QName(el).localname}:{xml_id}" for xml_id, doc, el in self._shared
                if doc is not shared_doc)
        return self._token_lists[key]

    def kinds(self, excluding: Document | None) -> dict[str, str]:
        """The ids of :meth:`token_list` as Schematron's $edition-ids map: id → kind, the first kept."""
        tokens = self.token_list(excluding)
        if tokens not in self._kinds:
            kinds: dict[str, str] = {}
            for token in tokens.split():
                kind, _, xml_id = token.partition(":")
                kinds.setdefault(xml_id, kind)
            self._kinds[tokens] = kinds
        return self._kinds[tokens]

    def __post_init__(self) -> None:
        self._shared = [(xml_id, doc, el) for xml_id, (doc, el) in self.first.items()
                        if doc.kind in ("corpus", "register")]
        self._token_lists: dict[str, str] = {}  # by the file left out ("" for any text)
        self._kinds: dict[str, dict[str, str]] = {}  # by token list

    def duplicates(self, only: set[Path] | None = None) -> list[Problem]:
        problems = []
        for xml_id, doc, el in self.again:
            if only is not None and doc.path.resolve() not in only:
                continue
            if self.first[xml_id][0].kind != "text" and doc.kind == "text":
                continue  # a text reusing a register id: Schematron reports it with the same hint
            line, col = doc.locator.attribute(el, XML_ID)
            problems.append(Problem(doc.rel, line, col, "error",
                                    f"duplicate xml:id '{xml_id}': it is also defined in another file of the edition",
                                    hint=f"first at {self.where(xml_id)}", rule="id-unique-in-edition"))
        return problems

    def where(self, xml_id: str) -> str:
        doc, el = self.first[xml_id]
        line, col = doc.locator.element(el)
        return f"{doc.rel}:{line}:{col}"


def _relaxng_errors(doc: Document, schemas: Schemas) -> list[tuple[str, str, int, int]]:
    if schemas.rng.validate(doc.tree):
        return []
    return [(entry.message, entry.path, entry.line, entry.column) for entry in schemas.rng.error_log]


def _xsd_rejection(doc: Document, schemas: Schemas) -> tuple:
    """(reason, line, col) of the first error the XSD finds; () if it accepts the document."""
    for error in schemas.xsd.iter_errors(doc.tree):
        el = getattr(error, "elem", None)
        line, col = doc.locator.element(el) if el is not None else (1, 1)
        return (error.reason, line, col)
    return ()


def _grammar_problems(doc: Document, schemas: Schemas, with_xsd: bool, cache: BuildCache) -> list[Problem]:
    problems = []
    errors = cache.fetch("relaxng", (schemas.rng_digest, doc.sha256), lambda: _relaxng_errors(doc, schemas))
    rng_ok = not errors
    for message, path, line, column in errors:
        if path:
            line, col = doc.locator.xpath(path)
        else:
            col = max(column, 1)
        problems.append(Problem(doc.rel, line, col, "error", f"RelaxNG: {message}", rule="relaxng"))
    if not with_xsd:
        return problems
    rejection = cache.fetch("xsd", (schemas.xsd_digest, doc.sha256), lambda: _xsd_rejection(doc, schemas))
    if bool(rejection) == rng_ok:
        # The two grammars must agree on every document; a disagreement is a schema bug.
        detail, line, col = rejection or ("RelaxNG rejects what XSD accepts", 1, 1)
        problems.append(Problem(doc.rel, line, col, "error",
                                f"the RelaxNG and XSD schemas disagree on this file: {detail}",
                                hint="regenerate schema/edition.xsd with `python build.py schema`",
                                rule="schema-equivalence"))
    return problems


def _hint(failure, ids: IdIndex) -> str:
    if failure.rule == "pointer-resolves":
        match = _ID_TOKEN.search(failure.message)
        if match:
            close = difflib.get_close_matches(match.group(1), list(ids.first), n=1, cutoff=0.75)
            if close:
                return f"did you mean '#{close[0]}'?"
        return "add an entry to tei/registers/ or correct the pointer"
    if failure.rule == "id-unique-in-edition":
        match = re.search(r"xml:id '([^']+)'", failure.message)
        if match and match.group(1) in ids.first:
            return f"first at {ids.where(match.group(1))}"
    return ""


def schematron_problems(doc: Document, schemas: Schemas, ids: IdIndex,
                        cache: BuildCache | None = None) -> list[Problem]:
    shared_ids = ids.token_list(excluding=doc)
    failures = (cache or NoCache()).fetch(
        "schematron", (schemas.sch_digest, doc.rel, doc.sha256, shared_ids),
        lambda: schemas.schematron.validate(doc.text, doc.path.resolve().as_uri(),
                                            {"edition-id-list": shared_ids,
                                             "edition-ids": ids.kinds(excluding=doc)}))
    problems = []
    for failure in failures:
        line, col = doc.locator.xpath(failure.path)
        problems.append(Problem(doc.rel, line, col, failure.role, failure.message,
                                hint=_hint(failure, ids), rule=failure.rule))
    return problems


def grammar_problems(edition: Edition, schemas: Schemas, only: set[Path] | None = None,
                     with_xsd: bool = True, cache: BuildCache | None = None) -> list[Problem]:
    """What the grammars reject: RelaxNG, and the derived XSD unless ``with_xsd=False``.

    The XSD accepts exactly what the RelaxNG accepts (``check`` and the tests prove it on
    every file) but costs most of the time, so the build leaves it out.
    """
    cache = cache or NoCache()
    return [problem for doc in edition.documents
            if only is None or doc.path.resolve() in only
            for problem in _grammar_problems(doc, schemas, with_xsd, cache)]


def rule_problems(edition: Edition, schemas: Schemas, only: set[Path] | None = None,
                  cache: BuildCache | None = None) -> list[Problem]:
    """What the rules find: ids unique across files, Schematron, and the lint warnings."""
    cache = cache or NoCache()
    ids = IdIndex.build(edition)
    problems = [problem for doc in edition.documents
                if only is None or doc.path.resolve() in only
                for problem in schematron_problems(doc, schemas, ids, cache)]
    problems += ids.duplicates(only)
    from .lint import lint
    problems += lint(edition, only, cache)
    return problems


def validate(edition: Edition, schemas: Schemas, only: set[Path] | None = None,
             with_xsd: bool = True, cache: BuildCache | None = None) -> list[Problem]:
    """All problems of the edition's documents (or of ``only`` those files), sorted."""
    cache = cache or NoCache()
    return sorted(set(grammar_problems(edition, schemas, only, with_xsd, cache)
                      + rule_problems(edition, schemas, only, cache)))
