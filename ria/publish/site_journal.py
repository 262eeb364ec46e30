"""Put a rebuild's changed files into the site in place, under a journal that makes it recoverable.

A rebuild after a small change alters a few files of a large site. Staging the whole site
(a hard link for every unchanged file in a new folder, then removing the old folder) costs
work in proportion to the site; an update in place (ria/publish/site.py, StagedSite with ``in_place``)
stages only the files that changed, and its commit moves them into the site:

1. Under the lock of the output's parent folder, the names of the site's files are listed
   (no file is read) and the commit is decided: the staged files are put in place, the
   site's files the new site does not have are dropped.
2. That decision, the journal, is written into the staging folder and synced: from then on
   the commit is decided, and what is left is to carry it out.
3. The dropped files and the folders left empty are removed, each staged file is renamed
   over its place (each rename is atomic, and never through a link out of the site), and
   last the site's marker file is replaced by the staged one: the marker's inode and
   modification time are the *stamp* of the site's state, by which a build tells whether
   another build committed meanwhile.
4. The staging folder is removed, the journal with it.

Every step of 3 can be done twice, so a commit that was interrupted is carried out again
from its journal by the next build of the folder (site._clean_stale) before anything else:
the site is the previous one (no journal yet: nothing in it was touched) or, once the
journal is replayed, the new one. A journal is replayed only onto the site it was written
for (its stamp is the one before the commit or the one after); a site another build put in
place since is left alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

JOURNAL = ".ria-journal"  # in the staging folder
_SIGNATURE = "ria site journal 1"


def stamp(site: Path, marker: str) -> tuple[int, int] | None:
    """The stamp of the site's state: its marker file's inode and modification time."""
    try:
        status = os.lstat(site / marker)
    except OSError:
        return None
    return status.st_ino, status.st_mtime_ns


def listing(site: Path) -> list[str]:
    """Every file of ``site`` (anything that is not a folder, links included), relative, by name only."""
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, prefix + entry.name + "/")
                else:
                    found.append(prefix + entry.name)

    walk(str(site), "")
    return found


def commit(staging: Path, site: Path, marker: str, staged: set[str], kept: dict[str, tuple],
           stamp_before: tuple[int, int] | None) -> None:
    """Steps 1–3: ``staged`` (relative names in ``staging``) put into ``site``, whose files
    ``kept`` (name → size, modification time, inode as found) stay; every other file dropped."""
    if stamp(site, marker) != stamp_before and not _still(site, kept):
        raise OSError(f"another build put a site in {site} during this one, whose files this one kept: "
                      "it was left as it is; build again")
    new_site = staged | kept.keys() | {marker}
    drops = sorted(rel for rel in listing(site) if rel not in new_site)
    write(staging, site, marker, sorted(staged), drops)
    replay(staging, site, marker)


def _still(site: Path, kept: dict[str, tuple]) -> bool:
    """Whether every file kept is the one found (another build's commit may have replaced it)."""
    for rel, found in kept.items():
        try:
            status = os.lstat(site / rel)
        except OSError:
            return False
        if (status.st_size, status.st_mtime_ns, status.st_ino) != found:
            return False
    return True


def write(staging: Path, site: Path, marker: str, puts: list[str], drops: list[str]) -> None:
    """Decide the commit: the journal is complete on disk, or absent (written aside, synced, renamed)."""
    record = {"signature": _SIGNATURE, "before": stamp(site, marker), "after": stamp(staging, marker),
              "puts": puts, "drops": drops}
    aside = staging / (JOURNAL + ".partial")
    with open(aside, "w", encoding="ascii") as handle:
        json.dump(record, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.rename(aside, staging / JOURNAL)
    _sync_folder(staging)


def holds_journal(staging: Path) -> bool:
    return _read(staging) is not None


def replay(staging: Path, site: Path, marker: str) -> bool:
    """Carry out the journal in ``staging`` onto ``site``; False where there is none to carry out
    (none written, or the site is no longer the one it was written for)."""
    record = _read(staging)
    if record is None or stamp(site, marker) not in (_stamp_of(record["before"]), _stamp_of(record["after"])):
        return False
    puts, drops = (_plain(record[part]) for part in ("puts", "drops"))
    # Dropped first: a link put where a folder was (listed as a file) is gone before files go there.
    emptied: set[Path] = set()
    for rel in drops:
        try:
            os.unlink(site / rel)
        except FileNotFoundError:
            pass
        emptied.update(parent for parent in (site / rel).parents if parent != site and parent.is_relative_to(site))
    for folder in sorted(emptied, key=lambda path: len(path.parts), reverse=True):
        try:
            os.rmdir(folder)  # only if empty: a clean build leaves no empty folder
        except OSError:
            pass
    inside = os.path.realpath(site)
    for rel in puts:
        source = staging / rel
        if os.path.lexists(source):  # (moved already, where the commit is replayed)
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            if os.path.commonpath([inside, os.path.realpath((site / rel).parent)]) != inside:
                raise OSError(f"{site / rel} leads out of the site: a folder of it is a link")
            os.replace(source, site / rel)
    if os.path.lexists(staging / marker):
        os.replace(staging / marker, site / marker)  # the new stamp: the commit is done
    return True


def _plain(names) -> list[str]:
    """The relative names of a journal that stay inside their folder (it is ours, but read from disk)."""
    return [name for name in names if isinstance(name, str) and name and not os.path.isabs(name)
            and ".." not in Path(name).parts]


def _stamp_of(value) -> tuple[int, int] | None:
    return tuple(value) if value is not None else None


def _read(staging: Path) -> dict | None:
    try:
        with open(staging / JOURNAL, encoding="ascii") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("signature") == _SIGNATURE else None


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # (a system that cannot open folders: the rename is as durable as it makes it)
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
