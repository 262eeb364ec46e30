"""Validation of every exported TEI file before it is written, and the report of what was checked.

A standalone text is checked against the edition's own grammar (RelaxNG and the
derived XSD), its Schematron rules and the official ``tei_all``; the teiCorpus,
which the edition's grammar does not describe, against the Schematron and
``tei_all``, and each TEI inside it against the edition's RelaxNG. What is
validated is the exact bytes that will be written, parsed again. Errors are
reported at the line of the edition's own file that the offending element was
copied from (the file a person would fix), naming the export that failed.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..locate import Locator
from ..problems import Problem
from ..validate.schemas import Schemas
from ..xmlio import TEI as T
from ..xmlio import parse_bytes, parse_file, parse_generated
from .tei import Built


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Validators:
    """The compiled schemas (each compiled once per run) and the checksums of their files."""

    root: Path
    schemas: Schemas
    tei_all: etree.RelaxNG | None
    tei_all_path: Path
    versions: dict[str, str]  # schema file (as shown) → sha256

    @classmethod
    def load(cls, root: Path, processor=None, tei_all: etree.RelaxNG | None = None) -> "Validators":
        """Compile the edition's schemas and ``../shared/tei-schema/tei_all.rng`` when present.

        ``processor`` and a compiled ``tei_all`` may be handed in, as the tests do, so that
        the slow compilation of tei_all happens once per session rather than once per export.
        """
        from ..publish.build import saxon
        root = Path(root).resolve()
        schema_dir = root / "schema"
        schemas = Schemas.load(schema_dir, processor or saxon())
        versions = {f"schema/{name}": sha256((schema_dir / name).read_bytes())
                    for name in ("edition.rng", "edition.xsd", "edition.sch")}
        tei_all_path = (root.parent / "shared" / "tei-schema" / "tei_all.rng").resolve()
        if tei_all_path.exists():
            versions["tei_all.rng"] = sha256(tei_all_path.read_bytes())
            if tei_all is None:
                tei_all = etree.RelaxNG(parse_file(tei_all_path))
        else:
            tei_all = None
        return cls(root, schemas, tei_all, tei_all_path, versions)

    @property
    def tei_all_note(self) -> str:
        shown = os.path.relpath(self.tei_all_path, self.root)
        if self.tei_all is not None:
            return f"checked against {shown} (sha256 {self.versions['tei_all.rng']})"
        return (f"TEI conformance not checked: {shown} is not present "
                "(put the official tei_all.rng there to check it)")


@dataclass
class Verdict:
    """What was checked on one exported file, and the problems found."""

    path: str
    checks: dict[str, str] = field(default_factory=dict)  # check → "valid" / "invalid" / "not checked: …"
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def as_dict(self) -> dict:
        return {"path": self.path, "valid": self.ok, "checks": self.checks,
                "errors": [str(p) for p in self.problems if p.severity == "error"],
                "warnings": [str(p) for p in self.problems if p.severity != "error"]}


class _Place:
    """Turns an element of the re-parsed export into the place to report it: its origin if known."""

    def __init__(self, export_path: str, data: bytes, parsed: etree._ElementTree, built: Built):
        self.export_path = export_path
        self.locator = Locator(data, parsed)
        self.origin = {}
        for new, made in zip(parsed.getroot().iter(), built.tree.getroot().iter()):
            if made in built.origin:
                self.origin[new] = built.origin[made]

    def problem(self, el: etree._Element | None, severity: str, message: str, rule: str,
                line: int = 1, col: int = 1, attribute: str | None = None) -> Problem:
        if el is not None and el in self.origin:
            doc, original = self.origin[el]
            line, col = (doc.locator.attribute(original, attribute) if attribute
                         else doc.locator.element(original))
            return Problem(doc.rel, line, col, severity, f"{message} [in the export {self.export_path}]",
                           rule=rule)
        if el is not None:
            line, col = self.locator.attribute(el, attribute) if attribute else self.locator.element(el)
        return Problem(self.export_path, line, col, severity, message, rule=rule)


def _relaxng(name: str, schema: etree.RelaxNG, tree, place: _Place, verdict: Verdict,
             element_of) -> None:
    if schema.validate(tree):
        verdict.checks.setdefault(name, "valid")
        return
    verdict.checks[name] = "invalid"
    for entry in schema.error_log:
        el = element_of(entry)
        verdict.problems.append(place.problem(el, "error", f"{name}: {entry.message}", name.lower(),
                                              entry.line or 1, max(entry.column, 1)))


def _by_path(tree):
    def element_of(entry):
        found = tree.xpath(entry.path) if entry.path else []
        return found[0] if found and isinstance(found[0], etree._Element) else None
    return element_of


def _xsd(xsd, tree, place: _Place, verdict: Verdict) -> None:
    errors = list(xsd.iter_errors(tree))
    verdict.checks.setdefault("XSD (schema/edition.xsd)", "valid")
    if errors:
        verdict.checks["XSD (schema/edition.xsd)"] = "invalid"
    for error in errors:
        el = getattr(error, "elem", None)
        verdict.problems.append(place.problem(el if isinstance(el, etree._Element) else None, "error",
                                              f"XSD: {error.reason}", "xsd"))


def _schematron(validators: Validators, data: bytes, parsed, place: _Place, verdict: Verdict,
                base_uri: str) -> None:
    # Everything a standalone file points to is inside it: no other file's ids are needed.
    failures = validators.schemas.schematron.validate(data.decode("utf-8"), base_uri,
                                                      {"edition-id-list": ""})
    errors = [f for f in failures if f.role == "error"]
    verdict.checks["Schematron (schema/edition.sch)"] = "invalid" if errors else "valid"
    for failure in failures:
        path, _, attribute = failure.path.partition("/@")
        attribute = re.sub(r"^Q\{(.*?)\}", r"{\1}", attribute) or None
        node = place.locator._resolve(path)  # the element, to find the file it was copied from
        verdict.problems.append(place.problem(node, failure.role, failure.message, failure.rule,
                                              attribute=attribute))


def _tei_all(validators: Validators, parsed, place: _Place, verdict: Verdict) -> None:
    if validators.tei_all is None:
        verdict.checks["tei_all"] = "not checked: " + validators.tei_all_note
        return
    _relaxng("tei_all", validators.tei_all, parsed, place, verdict, _by_path(parsed))


def validate_standalone(validators: Validators, export_path: str, data: bytes, built: Built,
                        base_uri: str) -> Verdict:
    """RelaxNG, XSD, Schematron and tei_all over the bytes of one standalone TEI document."""
    verdict = Verdict(export_path)
    parsed = parse_bytes(data, export_path)
    place = _Place(export_path, data, parsed, built)
    _relaxng("RelaxNG (schema/edition.rng)", validators.schemas.rng, parsed, place, verdict,
             _by_path(parsed))
    _xsd(validators.schemas.xsd, parsed, place, verdict)
    _schematron(validators, data, parsed, place, verdict, base_uri)
    _tei_all(validators, parsed, place, verdict)
    verdict.problems = sorted(set(verdict.problems))
    return verdict


def validate_corpus(validators: Validators, export_path: str, data: bytes, built: Built,
                    base_uri: str) -> Verdict:
    """Schematron and tei_all over the teiCorpus, the edition's RelaxNG over each TEI in it."""
    verdict = Verdict(export_path)
    parsed = parse_generated(data, export_path)  # a level deeper than its texts
    place = _Place(export_path, data, parsed, built)
    for member in parsed.getroot().iterchildren(T + "TEI"):
        # RelaxNG only: the derived XSD gives the same verdicts (checked on every build) and
        # running it again over the whole edition would double the time of an export.
        alone = etree.ElementTree(copy.deepcopy(member))
        members = dict(zip(alone.getroot().iter(), member.iter()))
        _relaxng("RelaxNG (schema/edition.rng), each TEI", validators.schemas.rng, alone, place,
                 verdict, lambda entry: members.get(_by_path(alone)(entry)))
    _schematron(validators, data, parsed, place, verdict, base_uri)
    _tei_all(validators, parsed, place, verdict)
    verdict.problems = sorted(set(verdict.problems))
    return verdict
