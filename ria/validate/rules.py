"""Rules stage: what the grammar and the rules find (RelaxNG, Schematron, ids across
files, lint), found while the build goes on.

They need only the parsed edition, so a build forks a process that checks them
meanwhile, at a lower priority than the build's own work, and asks for its findings
before it puts the site in place. The findings are those of
:func:`ria.validate.schemas.validate` without the XSD (which gives the RelaxNG's verdicts at
many times the cost, and is left to `check` and the tests) in this process, and the
child's use of the build cache (what it found there, what it stored in the cache
folder) is counted as this process's.

Forking is safe only where the platform forks at all, in a process that runs no
other thread (a lock another thread holds would never be released in the child)
and has not started Saxon (whose runtime's threads do not survive a fork): a
command-line build. Otherwise, and should the child fail in any way, the rules
are checked here when their findings are asked for.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from typing import Callable

from ..cache import BuildCache
from ..model.load import Edition
from ..problems import Problem
from .schemas import Schemas, validate

NICENESS = 10  # added to the child's priority value: it runs when the build leaves a core idle


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1 and "saxonche" not in sys.modules


class RuleCheck:
    """The grammar's and the rules' problems of an edition: started now, in a forked process when that is safe."""

    def __init__(self, edition: Edition, schemas: Callable[[BuildCache], Schemas], cache: BuildCache):
        self._edition = edition
        self._schemas = schemas
        self._cache = cache
        self._child: tuple[int, int] | None = None  # (pid, read end of the pipe)
        if can_fork():
            self._fork()

    def _fork(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: check, send the findings, and leave without any clean-up of the parent's
            os.close(read)
            os.nice(NICENESS)  # the build's own work is the longer path: it keeps its core
            try:
                self._cache.start_build()  # count only the child's own use of the cache
                found = self._check()
                payload = ("ok", found, self._cache.usage())
            except BaseException as err:  # noqa: BLE001 - the parent checks again itself
                payload = ("failed", repr(err), None)
            try:
                with os.fdopen(write, "wb") as out:
                    pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
            finally:
                os._exit(0)
        os.close(write)
        self._child = (pid, read)

    def result(self) -> list[Problem]:
        """The findings: the child's if it delivered them, else checked here and now."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            try:
                with os.fdopen(read, "rb") as incoming:
                    status, found, usage = pickle.load(incoming)
            except (OSError, EOFError, pickle.UnpicklingError):
                status = "failed"
            finally:
                os.waitpid(pid, 0)
            if status == "ok":
                self._cache.add_usage(usage)
                return found
        return self._check()

    def _check(self) -> list[Problem]:
        return validate(self._edition, self._schemas(self._cache), with_xsd=False, cache=self._cache)

    def cancel(self) -> None:
        """Stop a child whose findings are no longer wanted (the build failed before asking)."""
        if self._child is not None:
            pid, read = self._child
            self._child = None
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read)
