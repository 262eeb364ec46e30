"""Write stage: put the built site in place atomically.

The site is written into a temporary folder beside the output folder and swapped
in with renames only once it is complete, so a failed or interrupted build
leaves the previous site exactly as it was. Stale temporary folders of earlier,
interrupted builds are removed by the next build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from pathlib import Path
from typing import Callable

from .problems import EditionError, Problem

_PREFIX = ".building-"
_OLD = ".replaced-"


def _clean_stale(out_dir: Path) -> None:
    parent = out_dir.parent
    if not out_dir.exists():
        # A build killed between its two renames: put the previous site back.
        for retired in sorted(parent.glob(f"{_OLD}{out_dir.name}-*")):
            if (retired / "site").is_dir():
                os.rename(retired / "site", out_dir)
                break
    for stale in list(parent.glob(f"{_PREFIX}{out_dir.name}-*")) + list(parent.glob(f"{_OLD}{out_dir.name}-*")):
        shutil.rmtree(stale, ignore_errors=True)


class StagedSite:
    """A site written file by file into a folder beside ``out_dir``, put in place by :meth:`commit`.

    Used as a context manager: leaving the block without committing, by an error or an
    interruption, removes what was staged and leaves the previous site as it was.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir.resolve()
        self._folders: set[Path] = set()  # made already
        self._staged: set[str] = set()
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            _clean_stale(self.out_dir)
            self.path = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{self.out_dir.name}-", dir=self.out_dir.parent))
        except OSError as err:
            raise self._failure(err) from None

    def write(self, files: dict[str, bytes]) -> None:
        """Stage ``files``; one the current site already has, byte for byte, is linked, not written.

        A rebuild after a small edit changes few files: linking the others into the staged
        site spares the disk a copy of the whole site.
        """
        for rel, data in sorted(files.items()):
            target = self.path / rel
            folder = target.parent
            if folder not in self._folders:
                folder.mkdir(parents=True, exist_ok=True)
                self._folders.add(folder)
            if rel in self._staged:
                target.unlink()  # staged before, perhaps as a link: never write through to the current site
            self._staged.add(rel)
            if not self._link_unchanged(rel, data, target):
                target.write_bytes(data)

    def _link_unchanged(self, rel: str, data: bytes, target: Path) -> bool:
        current = self.out_dir / rel
        try:
            if current.is_symlink() or current.stat().st_size != len(data) or current.read_bytes() != data:
                return False
            os.link(current, target)
        except OSError:  # no such file, or a file system without hard links: write it
            return False
        return True

    def commit(self) -> None:
        os.chmod(self.path, 0o755)
        with _uninterrupted():
            _swap(self.path, self.out_dir)

    def __enter__(self) -> "StagedSite":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is None:
            return
        shutil.rmtree(self.path, ignore_errors=True)
        if isinstance(error, OSError):
            raise self._failure(error) from None

    def _failure(self, err: OSError) -> EditionError:
        return EditionError(Problem(str(self.out_dir), 1, 1, "error",
                                    f"cannot write the site: {err.strerror or err}", rule="io"))


def write_site(files: dict[str, bytes], out_dir: Path,
               finish: Callable[[Path], None] | None = None) -> None:
    """Write ``files`` under ``out_dir``; ``finish`` completes the staged site (the search index) first."""
    with StagedSite(out_dir) as site:
        site.write(files)
        if finish:
            finish(site.path)
        site.commit()


def _swap(staging: Path, out_dir: Path) -> None:
    """Put the staged site in place of the previous one, which is then removed."""
    retired = None
    try:
        if out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f"{_OLD}{out_dir.name}-", dir=out_dir.parent))
            os.rename(out_dir, retired / "site")
        os.rename(staging, out_dir)
    finally:
        if retired is not None:
            if not out_dir.exists() and (retired / "site").is_dir():
                os.rename(retired / "site", out_dir)  # the second rename failed: the previous site stays
            shutil.rmtree(retired, ignore_errors=True)


@contextlib.contextmanager
def _uninterrupted():
    """Ctrl-C and SIGTERM wait until the block is done, then take effect as usual.

    Interrupting the swap would leave the previous site half removed beside the new one.
    Only the main thread can set signal handlers; elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, frame: caught.append(number))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if caught:
            signal.raise_signal(caught[0])
