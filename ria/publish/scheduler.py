"""The build's one scheduler: every stage that runs on all cores goes through it.

A corpus build asks for it once, and runs its survey, its transforms and its search bundles
on it; it is the process pool of this machine (workers.py) or, given a scheduler's address,
the workers of a Dask cluster (distributed.py), with the same interface.
"""

from __future__ import annotations

from pathlib import Path

from .workers import Scheduler


def open_scheduler(workers: int, pooled: bool, address: str | None = None,
                   project_root: Path | None = None):
    """The build's workers: a pool on this machine, or with ``address`` the workers of the Dask
    cluster whose scheduler is there (ria/publish/distributed.py), which read the project's
    stylesheets and schema from ``project_root``. Both have the interface of :class:`Scheduler`."""
    if address is None:
        return Scheduler(workers, pooled)
    from .distributed import DaskScheduler  # imports Dask: only a build given an address needs it
    return DaskScheduler(address, project_root)
