"""A build that fails, is killed or runs out of room leaves the previous site exactly as it was."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import dead_pid

from ria.publish.build import CACHE_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path) -> Path:
    for part in ("tei", "schema", "xslt", "theme", "sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def build_command(project: Path, *args: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--root", str(project), *args]


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[Path]:
    return list(project.glob(".building-*")) + list(project.glob(".replaced-*"))


def test_requirements_and_the_runtime_check_pin_the_same_versions():
    from ria.environment import REQUIRED
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    pins = {name.lower(): version for name, version in pins.items()}
    for package, version in REQUIRED.items():
        assert pins[package] == version, package


def test_the_installed_versions_are_read_as_the_packages_record_them():
    from importlib import metadata

    from ria.environment import REQUIRED, installed_version
    for package in REQUIRED:
        assert installed_version(package) == metadata.version(package), package
    assert installed_version("no-such-package-anywhere") is None


def test_killed_builds_leave_the_previous_site_whole(project):
    assert subprocess.run(build_command(project), capture_output=True).returncode == 0
    site = project / "edition"
    before = tree_digest(site)
    started = time.monotonic()
    assert subprocess.run(build_command(project, "--out", str(project / "timing")),
                          capture_output=True).returncode == 0
    duration = time.monotonic() - started
    pilot = project / "tei" / "texts" / "tukhachevsky-1921.xml"
    pilot.write_text(pilot.read_text().replace("infallibility", "infallibility (changed)", 1))
    assert subprocess.run(build_command(project, "--out", str(project / "reference")),
                          capture_output=True).returncode == 0
    complete = tree_digest(project / "reference")
    current = before
    kills = 0
    for fraction in (0.2, 0.45, 0.7, 0.9):
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            # (a SIGKILLed build's folder stays until a later build starts staging: one signalled
            # before that point, on a slow machine, has not yet removed it)
            earlier = set(leftovers(project))
            process = subprocess.Popen(build_command(project), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            time.sleep(duration * fraction)
            process.send_signal(sig)
            process.wait(timeout=120)
            after = tree_digest(site)
            if process.returncode == 0:  # finished before the signal: the new site, complete
                assert after == complete
            else:
                kills += 1
                # Killed before the swap: the previous site; after it (while the cache is being
                # tidied): the new one. Never anything in between.
                assert after in (current, complete), f"site mixed after {sig.name} at {fraction:.0%}"
            current = after
            if sig != signal.SIGKILL:
                assert not set(leftovers(project)) - earlier, f"{sig.name} left a temporary folder"
    assert kills >= 6, "the build finished before most signals: the test did not exercise a kill"
    result = subprocess.run(build_command(project), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not leftovers(project)
    assert "infallibility (changed)" in (site / "texts" / "tukhachevsky-1921.html").read_text()


def test_a_build_killed_while_writing_is_recovered(project):
    assert subprocess.run(build_command(project), capture_output=True).returncode == 0
    before = tree_digest(project / "edition")
    process = subprocess.Popen(build_command(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(project.glob(".building-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.005)
    process.kill()
    process.wait()
    assert tree_digest(project / "edition") in (before, tree_digest(project / "edition"))
    assert (project / "edition" / "index.html").exists()
    assert subprocess.run(build_command(project), capture_output=True).returncode == 0
    assert not leftovers(project)


def test_interrupted_swap_is_undone_by_the_next_build(project, tmp_path):
    from ria.publish.site import write_site
    out = project / "edition"
    write_site({"index.html": b"old"}, out)
    # A build killed between its two renames: the old site is parked, the new one not yet in place.
    dead = dead_pid()
    parked = project / f".replaced-edition-{dead}-x"
    parked.mkdir()
    os.rename(out, parked / "site")
    (project / f".building-edition-{dead}-y").mkdir()
    assert not out.exists()
    write_site({"index.html": b"new"}, out)
    assert (out / "index.html").read_bytes() == b"new"
    assert not leftovers(project)


def test_full_disk_fails_cleanly(project, monkeypatch, capsys):
    from ria.commands import cli
    assert cli.main(["--root", str(project)]) == 0
    before = tree_digest(project / "edition")
    real_write = Path.write_bytes
    written = []

    def write_until_full(self, data):
        if len(written) >= 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        written.append(self)
        return real_write(self, data)

    def no_room_for_a_link(source, target, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))

    monkeypatch.setattr(Path, "write_bytes", write_until_full)
    monkeypatch.setattr(os, "link", no_room_for_a_link)  # the unchanged files are linked, not written
    assert cli.main(["--root", str(project)]) == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "No space left on device" in errors[0], err
    assert tree_digest(project / "edition") == before
    assert not leftovers(project)


def test_unwritable_output_folder_is_one_message(project):
    blocker = project / "not-a-folder"
    blocker.write_text("a file where the output's parent should be")
    result = subprocess.run(build_command(project, "--out", str(blocker / "edition")),
                            capture_output=True, text=True)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "cannot write the site" in errors[0], result.stderr
    assert "Traceback" not in result.stderr


def test_missing_dependency_is_one_message(project):
    code = ("import sys; sys.modules['saxonche'] = None; sys.path.insert(0, %r); "
            "from ria.commands.cli import main; sys.exit(main(['--root', %r]))") % (str(ROOT), str(project))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert "saxonche" in result.stderr and "requirements.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "edition").exists()


def test_wrong_major_version_is_one_message(project, monkeypatch, capsys):
    from ria import environment
    from ria.commands import cli
    monkeypatch.setattr(environment, "installed_version",
                        lambda package: "5.0.0" if package == "lxml" else environment.REQUIRED[package])
    assert cli.main(["--root", str(project)]) == 2
    err = capsys.readouterr().err
    assert "lxml 5.0.0 is installed; the edition needs lxml==6.1.3" in err
    assert not (project / "edition").exists()


def test_no_command_but_format_and_import_writes_into_tei(project, export_cache):
    shutil.copytree(export_cache, project / CACHE_DIR)  # (the PDFs need not be set again for this)
    before = tree_digest(project / "tei")
    for args in (["check"], ["fidelity"], ["export"], [], ["schema", "--check"]):
        result = subprocess.run(build_command(project, *args), capture_output=True, text=True)
        assert result.returncode == 0, (args, result.stderr[-500:])
    assert tree_digest(project / "tei") == before


def test_two_clean_builds_are_byte_identical(project, clean_site):
    """`build.py` in a process of its own (its own hash seed: no set or dict order may leak into a
    file) makes the site that the run's clean build of another copy made in the tests' process."""
    out = project / "edition"
    assert subprocess.run(build_command(project, "--no-cache", "--out", str(out)), capture_output=True).returncode == 0
    assert tree_digest(out) == tree_digest(clean_site)


def test_ctrl_c_while_the_new_site_is_put_in_place_lets_it_finish_first(tmp_path, monkeypatch):
    from ria.publish import site
    out = tmp_path / "edition"
    site.write_site({"index.html": b"old", "old-only.html": b"old"}, out)
    swap = site._swap

    def interrupted_swap(staging, out_dir):
        os.kill(os.getpid(), signal.SIGINT)  # arrives in the middle of putting the site in place
        swap(staging, out_dir)

    monkeypatch.setattr(site, "_swap", interrupted_swap)
    with pytest.raises(KeyboardInterrupt):
        site.write_site({"index.html": b"new"}, out)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != site.MARKER} == {"index.html": b"new"}
    assert not leftovers(tmp_path)
