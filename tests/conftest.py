"""Shared fixtures: the edition's own files, compiled schemas and one built site per test run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from ria.build import Project, build, saxon  # noqa: E402
from ria.load import load_edition  # noqa: E402
from ria.validate import IdIndex, Schemas  # noqa: E402


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def processor():
    return saxon()


@pytest.fixture(scope="session")
def schemas(processor) -> Schemas:
    return Schemas.load(ROOT / "schema", processor)


@pytest.fixture(scope="session")
def edition():
    edition, problems = load_edition(ROOT)
    assert not problems, "\n".join(map(str, problems))
    return edition


@pytest.fixture(scope="session")
def edition_ids(edition) -> str:
    return IdIndex.build(edition).token_list(excluding=None)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole edition, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "edition"
    build(Project.at(ROOT, out))
    return out


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all.rng, compiled once; the tests that need it skip where ../shared is absent."""
    path = SHARED / "tei-schema" / "tei_all.rng"
    if not path.exists():
        pytest.skip(f"TEI conformance not checked: {path} is not present (../shared is optional)")
    from lxml import etree
    return etree.RelaxNG(etree.parse(str(path)))
