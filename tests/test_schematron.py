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


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.xml")), ids=lambda p: p.stem)
def test_fixture_fails_its_rule(path, schemas, edition_ids):
    failures = schemas.schematron.validate(path.read_text(), path.resolve().as_uri(),
                                           {"edition-id-list": edition_ids})
    assert path.stem in {f.rule for f in failures}, failures


def test_valid_fixture_breaks_no_rule(schemas, edition_ids):
    path = Path(__file__).parent / "fixtures" / "schema" / "valid" / "minimal-text.xml"
    assert schemas.schematron.validate(path.read_text(), path.resolve().as_uri(),
                                       {"edition-id-list": edition_ids}) == []


def test_the_edition_has_no_errors(root):
    from ria.build import Project, check_edition
    _, problems = check_edition(Project.at(root))
    errors = [str(p) for p in problems if p.severity == "error"]
    assert not errors, "\n".join(errors[:50])
