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

from .load import Document, Edition
from .problems import Problem
from .xmlio import XML_ID, parse_file

_ID_TOKEN = re.compile(r"'#([^']+)'")


class Schemas:
    """The edition's RelaxNG and Schematron, compiled once; the XSD is compiled when first used."""

    def __init__(self, schema_dir: Path, rng: etree.RelaxNG, schematron):
        self.schema_dir = schema_dir
        self.rng = rng
        self.schematron = schematron
        self._xsd = None

    @classmethod
    def load(cls, schema_dir: Path, processor) -> "Schemas":
        from .schematron import Schematron

        rng = etree.RelaxNG(parse_file(schema_dir / "edition.rng"))
        return cls(schema_dir, rng, Schematron(processor, schema_dir / "edition.sch"))

    @property
    def xsd(self):
        if self._xsd is None:
            import xmlschema
            self._xsd = xmlschema.XMLSchema(str(self.schema_dir / "edition.xsd"))
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
        with the number of texts; ids repeated between texts are found by :meth:`duplicates`.
        """
        return " ".join(f"{etree.QName(el).localname}:{xml_id}"
                        for xml_id, (doc, el) in self.first.items()
                        if doc is not excluding and doc.kind in ("corpus", "register"))

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


def _grammar_problems(doc: Document, schemas: Schemas, with_xsd: bool) -> list[Problem]:
    problems = []
    rng_ok = schemas.rng.validate(doc.tree)
    if not rng_ok:
        for entry in schemas.rng.error_log:
            if entry.path:
                line, col = doc.locator.xpath(entry.path)
            else:
                line, col = entry.line, max(entry.column, 1)
            problems.append(Problem(doc.rel, line, col, "error", f"RelaxNG: {entry.message}",
                                    rule="relaxng"))
    if not with_xsd:
        return problems
    xsd_errors = list(schemas.xsd.iter_errors(doc.tree))
    if bool(xsd_errors) == rng_ok:
        # The two grammars must agree on every document; a disagreement is a schema bug.
        detail = xsd_errors[0].reason if xsd_errors else "RelaxNG rejects what XSD accepts"
        el = getattr(xsd_errors[0], "elem", None) if xsd_errors else None
        line, col = doc.locator.element(el) if el is not None else (1, 1)
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


def schematron_problems(doc: Document, schemas: Schemas, ids: IdIndex) -> list[Problem]:
    failures = schemas.schematron.validate(doc.text, doc.path.resolve().as_uri(),
                                           {"edition-id-list": ids.token_list(excluding=doc)})
    problems = []
    for failure in failures:
        line, col = doc.locator.xpath(failure.path)
        problems.append(Problem(doc.rel, line, col, failure.role, failure.message,
                                hint=_hint(failure, ids), rule=failure.rule))
    return problems


def validate(edition: Edition, schemas: Schemas, only: set[Path] | None = None,
             with_xsd: bool = True) -> list[Problem]:
    """All problems of the edition's documents (or of ``only`` those files).

    ``with_xsd=False`` leaves out the derived XSD, which accepts exactly what the RelaxNG
    accepts (``check`` and the tests prove it on every file) but costs most of the time.
    """
    ids = IdIndex.build(edition)
    problems: list[Problem] = []
    for doc in edition.documents:
        if only is not None and doc.path.resolve() not in only:
            continue
        problems += _grammar_problems(doc, schemas, with_xsd)
        problems += schematron_problems(doc, schemas, ids)
    problems += ids.duplicates(only)
    from .lint import lint  # warnings beyond the schemas: unmarked names, unused entries, notes
    problems += lint(edition, only)
    return sorted(set(problems))
