"""The Schematron rules: each has a fixture that breaks it, and the edition breaks none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "schematron"


def rule_ids(root: Path) -> list[str]:
    return re.findall(r'<sch:assert id="([^"]+)"', (root / "schema" / "edition.sch").read_text())


def test_every_rule_has_a_failing_fixture(root):
    missing = set(rule_ids(root)) - {p.stem for p in FIXTURES.glob("*.xml")}
    assert not missing, f"rules without a failing fixture: {sorted(missing)}"


def id_params(edition_ids: str, handed_in: str) -> dict:
    """The edition's ids as an XML editor's Schematron computes them (a "kind:id" list) or as
    the toolchain hands them in (the list and the map built from it once per build)."""
    if handed_in == "list":
        return {"edition-id-list": edition_ids}
    kinds = {}
    for token in edition_ids.split():
        kind, _, xml_id = token.partition(":")
        kinds.setdefault(xml_id, kind)
    return {"edition-id-list": edition_ids, "edition-ids": kinds}


@pytest.mark.parametrize("handed_in", ["list", "map"])
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.xml")), ids=lambda p: p.stem)
def test_fixture_fails_its_rule(path, handed_in, schemas, edition_ids):
    failures = schemas.schematron.validate(path.read_text(), path.resolve().as_uri(),
                                           id_params(edition_ids, handed_in))
    assert path.stem in {f.rule for f in failures}, failures


@pytest.mark.parametrize("handed_in", ["list", "map"])
def test_valid_fixture_breaks_no_rule(handed_in, schemas, edition_ids):
    path = Path(__file__).parent / "fixtures" / "schema" / "valid" / "minimal-text.xml"
    assert schemas.schematron.validate(path.read_text(), path.resolve().as_uri(),
                                       id_params(edition_ids, handed_in)) == []


def test_the_edition_has_no_errors(root):
    from ria.publish.build import Project, check_edition
    _, problems = check_edition(Project.at(root))
    errors = [str(p) for p in problems if p.severity == "error"]
    assert not errors, "\n".join(errors[:50])
