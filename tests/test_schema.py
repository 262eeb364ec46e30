"""The edition's grammars: RelaxNG is primary, the XSD is derived from it, and both agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from ria.validate.rng2xsd import convert

FIXTURES = Path(__file__).parent / "fixtures" / "schema"
VALID = sorted((FIXTURES / "valid").glob("*.xml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.xml"))


def test_xsd_is_derived_from_the_current_relaxng(root):
    assert (root / "schema" / "edition.xsd").read_bytes() == convert((root / "schema" / "edition.rng").read_bytes()), \
        "schema/edition.xsd is stale: run `python build.py schema`"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_passes_both_grammars(path, schemas):
    tree = etree.parse(str(path))
    assert schemas.rng.validate(tree), schemas.rng.error_log
    assert schemas.xsd.is_valid(tree)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_fails_both_grammars(path, schemas):
    tree = etree.parse(str(path))
    assert not schemas.rng.validate(tree)
    assert not schemas.xsd.is_valid(tree)


def test_every_tei_file_is_valid_against_both_grammars(edition, schemas):
    for doc in edition.documents:
        rng_ok = schemas.rng.validate(doc.tree)
        assert rng_ok, f"{doc.rel}: {schemas.rng.error_log}"
        assert schemas.xsd.is_valid(doc.tree), doc.rel


def test_every_tei_file_points_editors_to_the_schemas(edition):
    for doc in edition.documents:
        models = [pi for pi in doc.tree.xpath("/processing-instruction('xml-model')")]
        hrefs = " ".join(pi.text for pi in models)
        assert "edition.rng" in hrefs and "edition.sch" in hrefs, doc.rel
        for pi in models:
            target = (doc.path.parent / pi.get("href")).resolve()
            assert target.exists(), f"{doc.rel}: xml-model points to missing {pi.get('href')}"
