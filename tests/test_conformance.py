"""The edition's schema is a strict subset of TEI: every document it accepts, tei_all accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

VALID_FIXTURES = sorted((Path(__file__).parent / "fixtures" / "schema" / "valid").glob("*.xml"))


def test_every_tei_file_is_valid_against_tei_all(tei_all, edition):
    for doc in edition.documents:
        assert tei_all.validate(doc.tree), f"{doc.rel}: {tei_all.error_log.filter_from_errors()[:5]}"


@pytest.mark.parametrize("path", VALID_FIXTURES, ids=lambda p: p.stem)
def test_valid_fixtures_are_valid_against_tei_all(tei_all, path):
    assert tei_all.validate(etree.parse(str(path))), tei_all.error_log
