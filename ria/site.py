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


def write_site(files: dict[str, bytes], out_dir: Path,
               finish: Callable[[Path], None] | None = None) -> None:
    """Write ``files`` under ``out_dir``; ``finish`` completes the staged site (the search index) first."""
    out_dir = out_dir.resolve()
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _clean_stale(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{out_dir.name}-", dir=parent))
    except OSError as err:
        raise EditionError(Problem(str(out_dir), 1, 1, "error",
                                   f"cannot write the site: {err.strerror}", rule="io")) from None
    try:
        for rel, data in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if finish:
            finish(staging)
        os.chmod(staging, 0o755)
        with _uninterrupted():
            _swap(staging, out_dir)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise EditionError(Problem(str(out_dir), 1, 1, "error",
                                   f"cannot write the site: {err.strerror}", rule="io")) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


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
