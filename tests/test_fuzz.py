"""Mutated TEI never crashes the toolchain: check and build end in success or a clear error."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ria.commands import cli

ROOT = Path(__file__).resolve().parent.parent
PILOT = "tei/texts/tukhachevsky-1921.xml"
PROBLEM_LINE = re.compile(r"^\S.*:\d+:\d+: (error|warning): .+")
ORIGINAL = (ROOT / PILOT).read_bytes()
STATS = {"cases": 0, "seconds": 0.0, "failed": 0}

# Edits a careless hand or a broken tool makes: cut, duplicate, insert markup characters,
# rename or unbalance a tag, flip a byte.
mutation = st.tuples(
    st.sampled_from(["delete", "duplicate", "insert", "flip", "retag"]),
    st.floats(min_value=0, max_value=1), st.integers(min_value=1, max_value=400),
    st.text(alphabet="<>&;\"'/=!?[]#x-aéЖ\x00 ", min_size=1, max_size=8))


def mutate(data: bytes, edits) -> bytes:
    for kind, where, size, text in edits:
        at = int(where * len(data))
        if kind == "delete":
            data = data[:at] + data[at + size:]
        elif kind == "duplicate":
            data = data[:at] + data[at:at + size] + data[at:]
        elif kind == "insert":
            data = data[:at] + text.encode("utf-8") + data[at:]
        elif kind == "flip" and data:
            data = data[:at] + bytes([data[min(at, len(data) - 1)] ^ (size % 255 + 1)]) + data[at + 1:]
        elif kind == "retag":
            data = re.sub(rb"<(/?)p\b", rb"<\1" + text.encode("ascii", "ignore").strip(b" <>/") + b"x", data, count=size % 5 + 1)
    return data


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A small edition (the pilot text and the registers) to mutate."""
    root = tmp_path_factory.mktemp("fuzz")
    for part in ("schema", "xslt", "theme", "sources"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copytree(ROOT / "tei", root / "tei", ignore=shutil.ignore_patterns("*.xml"))
    for path in [Path("tei/edition.xml"), Path(PILOT)] + [p.relative_to(ROOT) for p in (ROOT / "tei" / "registers").glob("*.xml")]:
        shutil.copy(ROOT / path, root / path)
    assert cli.main(["--root", str(root)]) == 0
    return root


def run_cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(args)
    return code, out.getvalue(), err.getvalue()


def site_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(site)).encode() + path.read_bytes())
    return digest.hexdigest()


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=st.lists(mutation, min_size=1, max_size=4), build=st.booleans())
def test_mutated_tei_ends_in_success_or_a_clear_error(project, edits, build):
    started = time.monotonic()
    (project / PILOT).write_bytes(mutate(ORIGINAL, edits))
    site = project / "edition"
    before = site_digest(site)
    try:
        code, out, err = run_cli(["--root", str(project)] + ([] if build else ["check"]))
    finally:
        STATS["cases"] += 1
        STATS["seconds"] += time.monotonic() - started
    assert code in (0, 1), (code, err[-500:])
    if code == 1:
        STATS["failed"] += 1
        lines = (err if build else out).strip().splitlines()
        reported = [line for line in lines if PROBLEM_LINE.match(line)]
        assert reported, f"no path:line:col message in: {lines[:3]}"
        if build:
            assert site_digest(site) == before, "a failed build changed the site"
    assert not list(project.glob(".building-*"))


def test_fuzz_statistics_are_reported(capsys):
    with capsys.disabled():
        print(f"\nfuzz: {STATS['cases']} mutated documents in {STATS['seconds']:.1f} s, "
              f"{STATS['failed']} rejected with a clear error, none crashed")
    assert STATS["cases"] >= 40
