"""Write stage: put the built site in place atomically, and only where it may go.

The site is written into a temporary folder beside the output folder and swapped
in with renames only once it is complete, so a failed or interrupted build
leaves the previous site exactly as it was. Temporary folders of earlier builds
that died are removed by the next build. A rebuild that changes a few files of a
large site (an incremental corpus build) stages only those and moves them into the
site in place, under a journal that the next build completes if the commit was
interrupted (``in_place``; ria/publish/site_journal.py).

Nothing is removed that this toolchain did not write: every site and export it
writes holds a marker file (MARKER), and an output folder is replaced only if it
is new, empty or holds that marker; it may never be an input, inside one or a
parent of one (:func:`check_output`). Every path written into the site is a plain
relative path inside it (ria/safenames.py).
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from pathlib import Path
from typing import Callable, Iterable

from ..problems import EditionError, Problem
from ..safenames import inside
from . import site_journal

try:
    import fcntl
except ImportError:  # not POSIX: builds into one parent folder are not serialised
    fcntl = None

# A relative path of plain names (letters, digits, "_", "~", "-" and dots, not leading): inside any folder.
_PLAIN = re.compile(r"(?:[\w~-][\w.~-]*/)*[\w~-][\w.~-]*", re.ASCII)
_PREFIX = ".building-"  # + the output folder's name, the pid of the build, a random part
_OLD = ".replaced-"
MARKER = ".ria-site"
_SIGNATURE = b"Written by the Revolution in Arms toolchain (build.py); "
_MARKER_TEXT = _SIGNATURE + b"it replaces this folder whole at its next build or export.\n"


def is_ours(folder: Path) -> bool:
    """Whether ``folder`` is a site or export this toolchain wrote: its marker is there."""
    marker = folder / MARKER
    try:
        if marker.is_symlink() or not marker.is_file():
            return False
        with open(marker, "rb") as handle:
            return handle.read(len(_SIGNATURE)) == _SIGNATURE
    except OSError:
        return False


def mark(folder: Path) -> None:
    """Leave the marker that lets a later build or export replace ``folder``."""
    (folder / MARKER).write_bytes(_MARKER_TEXT)


def _problem(out: Path, message: str) -> EditionError:
    return EditionError(Problem(str(out), 1, 1, "error", message, rule="output-folder"))


def check_output(out: Path, inputs: Iterable[Path] = (), project: Path | None = None) -> None:
    """Raise EditionError unless the build may replace ``out``; called before any work.

    ``out`` may not be an input, inside one or a parent of one, nor the project's folder
    or a parent of it; if it exists it must be a folder that is empty or that this
    toolchain wrote.
    """
    out = Path(out).resolve()
    for source in inputs:
        source = Path(source).resolve()
        if out == source or out.is_relative_to(source) or source.is_relative_to(out):
            raise _problem(out, f"the output folder may not be an input, inside one or hold one ({source}): "
                                "choose another --out")
    if project is not None and Path(project).resolve().is_relative_to(out):
        raise _problem(out, "the output folder may not be the project's folder or a parent of it: "
                            "choose another --out")
    if out.is_symlink() or out.exists() and not out.is_dir():
        raise _problem(out, "the output folder is a file, not a folder: choose another --out")
    # The nearest folder that exists above it, where the build would make it: a file there
    # would stop the build only once all its work is done.
    above = next(folder for folder in out.parents if folder.exists() or folder.is_symlink())
    if not above.is_dir():
        raise _problem(out, f"cannot write the site: {above} is a file, not a folder, so the output folder "
                            "cannot be made in it: choose another --out")
    try:
        if out.is_dir() and not is_ours(out) and any(out.iterdir()):
            raise _problem(out, f"the output folder holds files this toolchain did not write (it has no "
                                f"{MARKER} file), and a build replaces its output folder whole: "
                                "choose a new or empty folder, or remove it yourself")
    except OSError as err:
        raise _problem(out, f"cannot read the output folder: {err.strerror or err}") from None


def process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # elsewhere os.kill ends a process instead of asking after it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: alive, and not ours to remove
        return True
    return True


_TEMPORARY = re.compile(r"-(\d+)-[a-z0-9_]+")  # what follows the prefix and the folder's name


def _clean_stale(out_dir: Path) -> None:
    """Remove the temporary folders of builds of ``out_dir`` that died; put back a site one parked."""
    parent = out_dir.parent

    def dead_and_ours(folder: Path, site: Path) -> bool:
        prefix = _OLD if folder.name.startswith(_OLD) else _PREFIX
        pid = _TEMPORARY.fullmatch(folder.name[len(prefix) + len(out_dir.name):])
        if pid is None or process_alive(int(pid.group(1))):
            return False  # another build's, at work now, or not named as this toolchain names them
        try:
            # Ours, or a build killed before its marker was whole or while removing its folder:
            # nothing in it but markers and empty folders (see remove_ours).
            return is_ours(site) or _nothing_but_markers(folder)
        except OSError:
            return False

    name = glob.escape(out_dir.name)  # a folder named "[s]" or "?" names itself, not others
    retired = [f for f in sorted(parent.glob(f"{_OLD}{name}-*")) if dead_and_ours(f, f / "site")]
    if not out_dir.exists():
        # A build killed between its two renames: put the previous site back.
        for folder in retired:
            if (folder / "site").is_dir():
                os.rename(folder / "site", out_dir)
                break
    building = [f for f in sorted(parent.glob(f"{_PREFIX}{name}-*"))
                if dead_and_ours(f, f) or site_journal.holds_journal(f) and dead_and_ours(f, out_dir)]
    for stale in building:
        # A build killed while it moved its files into the site in place: its commit is carried out.
        site_journal.replay(stale, out_dir, MARKER)
    for stale in building + retired:
        remove_ours(stale)


def _nothing_but_markers(folder: Path) -> bool:
    return all(name == MARKER for _, _, names in os.walk(folder) for name in names)


def remove_ours(folder: Path) -> None:
    """Remove a folder this toolchain wrote, its markers last.

    A build killed in the middle of it leaves a folder that still carries a marker, or holds
    nothing but markers and empty folders: either way the next build knows it for its own.
    """
    markers = []
    for here, _, names in os.walk(folder, topdown=False):
        for name in names:
            path = Path(here) / name
            if name == MARKER:
                markers.append(path)
                continue
            with contextlib.suppress(OSError):
                path.unlink()
    for marker in markers:
        with contextlib.suppress(OSError):
            marker.unlink()
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _exclusive(parent: Path):
    """Builds writing into one parent folder take turns here, so one never takes another's folders."""
    if fcntl is None:
        yield
        return
    handle = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock


class StagedSite:
    """A site written file by file into a folder beside ``out_dir``, put in place by :meth:`commit`.

    Used as a context manager: leaving the block without committing, by an error or an
    interruption, removes what was staged and leaves the previous site as it was.

    ``in_place``: where a site of ours is in place, only the files written are staged, the
    files :meth:`link_previous` keeps stay where they are, and :meth:`commit` moves the
    staged files into the site and removes the files it no longer has (site_journal.py);
    the work is in proportion to what changed, not to the site. Else the staged folder
    becomes the site whole.
    """

    def __init__(self, out_dir: Path, inputs: Iterable[Path] = (), project: Path | None = None,
                 in_place: bool = False):
        self.out_dir = out_dir.resolve()
        self._folders: set[Path] = set()  # made already
        self._staged: set[str] = set()
        self._linked_into: set[str] = set()  # folders made for link_previous (as strings)
        self._kept: dict[str, tuple[int, int, int]] = {}  # in place: files left where they are, as found
        self.in_place, self._stamp = False, None
        check_output(self.out_dir, inputs, project)
        self.path = None
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            # Ctrl-C waits while stale folders are removed and this one is made, and then, raised
            # here, before the block that would remove it has begun, removes it below.
            with _uninterrupted(), _exclusive(self.out_dir.parent):
                _clean_stale(self.out_dir)
                self.path = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{self.out_dir.name}-{os.getpid()}-",
                                                  dir=self.out_dir.parent))
                mark(self.path)
                if in_place and self.out_dir.is_dir() and is_ours(self.out_dir):
                    self.in_place, self._stamp = True, site_journal.stamp(self.out_dir, MARKER)
        except BaseException as err:
            if self.path is not None:
                remove_ours(self.path)
            if isinstance(err, OSError):
                raise self._failure(err) from None
            raise

    def write(self, files: dict[str, bytes]) -> None:
        """Stage ``files``; one the current site already has, byte for byte, is linked, not written.

        A rebuild after a small edit changes few files: linking the others into the staged
        site spares the disk a copy of the whole site.
        """
        for rel, data in sorted(files.items()):
            target = inside(self.path, rel)
            folder = target.parent
            if folder not in self._folders:
                folder.mkdir(parents=True, exist_ok=True)
                self._folders.add(folder)
            if rel in self._staged:
                target.unlink()  # staged before, perhaps as a link: never write through to the current site
            self._kept.pop(rel, None)
            if self.in_place:
                kept = self._unchanged_in_place(rel, data)
                if kept is not None:  # already in the site, byte for byte: left there
                    self._staged.discard(rel)
                    self._kept[rel] = kept
                    continue
            self._staged.add(rel)
            if not self._link_unchanged(rel, data, target):
                target.write_bytes(data)

    def link_previous(self, rel: str, written: tuple[int, int, int]) -> bool:
        """Stage the current site's ``rel`` by a hard link (in place: leave it where it is), unread,
        if it is still the file a build wrote: ``written`` is its (size, modification time in ns,
        inode) as recorded then (ria/corpus/cache.py). False, and nothing staged, where it is not
        or cannot be linked."""
        if _PLAIN.fullmatch(rel) and all(len(part.encode()) <= 255 for part in rel.split("/")):
            # the common case, checked cheaply (as strings): tens of thousands of pages are linked this way
            current, target = os.path.join(self.out_dir, rel), os.path.join(self.path, rel)
        else:
            current, target = str(inside(self.out_dir, rel)), str(inside(self.path, rel))
        try:
            status = os.lstat(current)
            if not stat.S_ISREG(status.st_mode) or (status.st_size, status.st_mtime_ns, status.st_ino) != written:
                return False
            if self.in_place:  # it stays where it is
                if rel in self._staged:
                    os.unlink(target)
                    self._staged.discard(rel)
                self._kept[rel] = written
                return True
            folder = os.path.dirname(target)
            if folder not in self._linked_into:
                os.makedirs(folder, exist_ok=True)
                self._linked_into.add(folder)
            if rel in self._staged:
                os.unlink(target)
                self._staged.discard(rel)
            os.link(current, target)
        except OSError:
            return False
        self._staged.add(rel)
        return True

    def site_file(self, rel: str) -> Path:
        """Where the new site's ``rel`` is until the commit: staged, or (in place) kept in the site."""
        return (self.out_dir if rel in self._kept else self.path) / rel

    def _unchanged_in_place(self, rel: str, data: bytes) -> tuple[int, int, int] | None:
        """The status of the site's ``rel`` if it holds ``data`` already."""
        current = inside(self.out_dir, rel)
        try:
            status = os.lstat(current)
            if not stat.S_ISREG(status.st_mode) or status.st_size != len(data) or current.read_bytes() != data:
                return None
        except OSError:
            return None
        return status.st_size, status.st_mtime_ns, status.st_ino

    def _link_unchanged(self, rel: str, data: bytes, target: Path) -> bool:
        current = inside(self.out_dir, rel)
        try:
            if current.is_symlink() or current.stat().st_size != len(data) or current.read_bytes() != data:
                return False
            os.link(current, target)
        except OSError:  # no such file, or a file system without hard links: write it
            return False
        return True

    def commit(self) -> None:
        os.chmod(self.path, 0o755)
        with _uninterrupted(), _exclusive(self.out_dir.parent):
            if self.out_dir.is_dir() and not is_ours(self.out_dir) and any(self.out_dir.iterdir()):
                # Checked before the build too: this is a folder someone filled meanwhile.
                raise self._failure(OSError(f"{self.out_dir} was made by someone else during the build; "
                                            "it was left as it is"))
            if self.in_place:
                self._commit_in_place()
            else:
                _swap(self.path, self.out_dir)

    def _commit_in_place(self) -> None:
        """Move the staged files into the site in place (under the lock, uninterrupted)."""
        _clean_stale(self.out_dir)  # a commit of a build that died is carried out first
        try:
            site_journal.commit(self.path, self.out_dir, MARKER, self._staged, self._kept, self._stamp)
        except OSError as err:
            raise self._failure(err) from None
        remove_ours(self.path)

    def __enter__(self) -> "StagedSite":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is None:
            return
        with _uninterrupted():
            if self.in_place and site_journal.holds_journal(self.path):
                # The commit was decided: carried out now, or (failing again) by the next build.
                site_journal.replay(self.path, self.out_dir, MARKER)
            remove_ours(self.path)
        if isinstance(error, OSError):
            raise self._failure(error) from None

    def _failure(self, err: OSError) -> EditionError:
        return EditionError(Problem(str(self.out_dir), 1, 1, "error",
                                    f"cannot write the site: {err.strerror or err}", rule="io"))


def write_site(files: dict[str, bytes], out_dir: Path, finish: Callable[[Path], None] | None = None,
               inputs: Iterable[Path] = (), project: Path | None = None) -> None:
    """Write ``files`` under ``out_dir``; ``finish`` completes the staged site (the search index) first."""
    with StagedSite(out_dir, inputs, project) as site:
        site.write(files)
        if finish:
            finish(site.path)
        site.commit()


def _swap(staging: Path, out_dir: Path) -> None:
    """Put the staged site in place of the previous one, which is then removed."""
    retired = None
    try:
        if out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f"{_OLD}{out_dir.name}-{os.getpid()}-", dir=out_dir.parent))
            os.rename(out_dir, retired / "site")
        os.rename(staging, out_dir)
    finally:
        if retired is not None:
            if not out_dir.exists() and (retired / "site").is_dir():
                os.rename(retired / "site", out_dir)  # the second rename failed: the previous site stays
            remove_ours(retired)


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
