"""Licences and citation: what may be reused, on which terms, and how to cite it.

The toolchain is under the MIT licence (LICENSE); the edition's own contribution
(markup, notes, registers, apparatus) under CC BY 4.0 (LICENSE-edition.md), which
every TEI header states in its availability; the source texts keep their own rights,
recorded per text beside that licence. CITATION.cff is valid Citation File Format.
"""

from __future__ import annotations

import tomllib

import pytest
from conftest import ROOT
from lxml import etree

from ria.xmlio import TEI_NS

CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
NS = {"tei": TEI_NS}
TEI_FILES = sorted([ROOT / "tei" / "edition.xml", *(ROOT / "tei" / "texts").glob("*.xml"),
                    *(ROOT / "tei" / "registers").rglob("*.xml")])
TEXTS = sorted((ROOT / "tei" / "texts").glob("*.xml"))


def availability(path) -> etree._Element:
    [found] = etree.parse(str(path)).xpath("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:availability",
                                           namespaces=NS)
    return found


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_there_are_tei_files_to_check():
    assert len(TEXTS) >= 5 and len(TEI_FILES) > len(TEXTS)


@pytest.mark.parametrize("path", TEI_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_tei_header_licenses_the_editions_own_contribution_under_cc_by_4(path):
    found = availability(path)
    licences = found.findall(f"{{{TEI_NS}}}licence")
    assert [licence.get("target") for licence in licences] == [CC_BY_4]
    assert " ".join("".join(licences[0].itertext()).split()), "the licence is named in words too"
    assert found.get("status") in {"free", "restricted", "unknown"}


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_a_texts_own_rights_stay_recorded_beside_the_licence_and_the_licence_excludes_them(path):
    found = availability(path)
    evidence = found.findall(f"{{{TEI_NS}}}p")
    assert evidence and all(" ".join("".join(p.itertext()).split()) for p in evidence)
    licence = " ".join("".join(found.find(f"{{{TEI_NS}}}licence").itertext()).split())
    assert "does not extend to the source text" in licence


def test_the_toolchain_is_under_the_mit_licence():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 The Revolution in Arms editors" in text
    assert "Permission is hereby granted, free of charge" in text


def test_the_editions_licence_links_cc_by_4_and_leaves_the_source_texts_out():
    text = (ROOT / "LICENSE-edition.md").read_text(encoding="utf-8")
    assert CC_BY_4 in text and f"{CC_BY_4}legalcode" in text
    assert "What it does not cover" in text and "publicationStmt/availability" in text


def test_pyproject_names_both_licences():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "CC-BY-4.0" in project["license"]["text"] and "MIT" in project["license"]["text"]


def test_citation_cff_is_valid_citation_file_format_for_this_version():
    from cffconvert import Citation
    citation = Citation((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    citation.validate()  # raises jsonschema's ValidationError, naming the property
    cff = citation.cffobj
    assert cff["cff-version"] == "1.2.0"
    assert cff["authors"] == [{"name": "Revolution in Arms editors"}]
    assert cff["version"] == project_version()
    assert cff["license"] == "CC-BY-4.0"
    assert cff["title"].startswith("Revolution in Arms")
