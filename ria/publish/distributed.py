"""Builds beyond one machine: the per-document work of a corpus build on a Dask cluster.

:class:`DaskScheduler` is the second backend of :class:`ria.publish.workers.Scheduler`'s interface
(``map``, ``pooled``, ``workers``, ``close``, ``bundle_indexer``): ``build.py build --corpus
DIR --scheduler tcp://host:port`` sends the survey of every file, the transforms and the
search bundles to the cluster's workers, and the build's own process does what needs the
whole corpus (the index, the register pages, writing the site), through the same code
as a build on one machine.

Workers need not share a file system with the build: a task takes data and gives back
data. Its items carry their documents' bytes (``self_contained()``), not paths; the
stylesheets and the schema go to every worker once, as bytes, and each worker unpacks
them into its own folder, under their digest, and compiles them on first use; a search
bundle's pages go out as bytes and its Pagefind files come back as bytes. A worker keeps
nothing between tasks but those compiled stylesheets. Workers run the project's Python
environment (``ria``, saxonche, lxml, pagefind-bin), one thread each (see README).
"""

from __future__ import annotations

import functools
import hashlib
import os
import socket
import subprocess
import tempfile
import threading
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..problems import EditionError
from .workers import chunk_size, chunked

CONNECT_TIMEOUT_S = 10
# The project's folders a task may name a file in: sent to every worker as bytes.
RESOURCE_FOLDERS = ("xslt", "schema")
# Chunks in flight a worker: enough that none waits for the next, few enough that the
# documents' bytes held for them here stay a small working set whatever the corpus's size.
AHEAD_PER_WORKER = 4
# A bundle's pages go to the cluster in parcels of this many, each dropped here once sent:
# a bundle of a large corpus holds tens of thousands of pages.
PAGES_PER_PARCEL = 256


@dataclass(frozen=True)
class Resources:
    """The project's stylesheets and schema as bytes, named by their digest."""

    digest: str
    files: tuple[tuple[str, bytes], ...]  # (path relative to the project, bytes)

    @classmethod
    def of(cls, root: Path, folders=RESOURCE_FOLDERS) -> "Resources":
        files = tuple((str(path.relative_to(root)), path.read_bytes())
                      for folder in folders for path in sorted((root / folder).rglob("*")) if path.is_file())
        digest = hashlib.sha256(repr([(rel, hashlib.sha256(data).hexdigest()) for rel, data in files])
                                .encode()).hexdigest()[:16]
        return cls(digest, files)


@dataclass(frozen=True)
class ResourcePath:
    """A file of the project, named relative to it: the worker reads its own copy."""

    rel: str


@dataclass(frozen=True)
class Parcel:
    """Some of a bundle's pages: (relative path, bytes)."""

    pages: tuple[tuple[str, bytes], ...]


# ---------------------------------------------------------------- inside a worker

_unpacking = threading.Lock()


def _local_copy(resources: Resources) -> Path:
    """The worker's copy of the resources, unpacked on its first task: the same folder for the
    same digest, so that the stylesheets compiled from it are reused (workers.py caches them by path)."""
    try:
        from distributed import get_worker
        parent = Path(get_worker().local_directory)  # removed with the worker
    except (ImportError, ValueError):
        parent = Path(tempfile.gettempdir())
    folder = parent / f"ria-resources-{resources.digest}"
    with _unpacking:
        if not folder.is_dir():
            partial = Path(tempfile.mkdtemp(prefix=folder.name + "-", dir=parent))
            for rel, data in resources.files:
                target = partial / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            os.replace(partial, folder)
    return folder


def _run_remote(resources: Resources, function: Callable, args: tuple, chunk: list) -> list:
    root = _local_copy(resources)
    return function(*(str(root / arg.rel) if isinstance(arg, ResourcePath) else arg for arg in args), chunk)


def _index_remote(primary: bool, language: str, one_thread_each: bool,
                  parcels: list[Parcel]) -> tuple[int, str, dict[str, bytes]]:
    """One search bundle made by Pagefind on the worker: (return code, messages, its files)."""
    from ..safenames import inside
    from .search import SCRATCH_DIR, TIMEOUT_S, bundle_files, pagefind_command, pagefind_executable
    from .search_passages import bundle_extras
    pages = {page: data for parcel in parcels for page, data in parcel.pages}
    # Pagefind numbers the pages in the order it lists the folder, which a memory folder gives in
    # the order the files were made: the pages are made in the bundle's order, in the same kind
    # of folder as a build on one machine links them into, so that the bundle's bytes are the same.
    with tempfile.TemporaryDirectory(prefix="ria-bundle-", dir=SCRATCH_DIR) as scratch:
        site, output = Path(scratch) / "pages", Path(scratch) / "bundle"
        for page, data in pages.items():
            target = inside(site, page)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        environment = {**os.environ, "RAYON_NUM_THREADS": "1"} if one_thread_each else None
        try:
            done = subprocess.run(pagefind_command(pagefind_executable(), site, output, language),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=environment,
                                  timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            return 1, f"Pagefind took more than {TIMEOUT_S} s and was stopped", {}
        messages = done.stdout.decode("utf-8", "replace").strip()
        if done.returncode != 0:
            return done.returncode, messages or f"pagefind exited with {done.returncode}", {}
        return 0, messages, {**bundle_files(output, primary), **bundle_extras(pages)}


# ---------------------------------------------------------------- in the build

class DaskScheduler:
    """The build's workers on a Dask cluster (``address``: its scheduler's, e.g. tcp://host:8786)."""

    pooled = True  # every job goes to the cluster, however small the corpus

    def __init__(self, address: str, project_root: Path):
        try:
            from distributed import Client
        except ImportError as err:
            raise EditionError(f"--scheduler needs Dask ({err.name} is not installed): "
                               "pip install -r requirements.txt") from None
        self.address = address
        self._root = project_root.resolve()
        try:
            _probe(address)
            self._client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError, ValueError, TypeError) as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            raise EditionError(f"cannot reach the Dask scheduler at {address} ({reason}); "
                               "start one (`dask scheduler`) and its workers (`dask worker ADDRESS "
                               "--nthreads 1`), or leave out --scheduler to build on this machine") from None
        try:
            try:
                self._client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
            except TimeoutError:
                raise EditionError(f"the Dask scheduler at {address} has no workers: start them with "
                                   f"`dask worker {address} --nthreads 1`") from None
            self.workers = sum(self._client.nthreads().values())
            self._resources = self._client.scatter(Resources.of(self._root), broadcast=True, hash=False)
        except BaseException:
            self._client.close()
            raise

    # The interface of ria.publish.workers.Scheduler.

    def map(self, function: Callable[[list], list], items: list) -> Iterator[list]:
        """Each chunk's results, in the order of the items; a few chunks a worker in flight."""
        target, args = self._portable(function)
        pending: deque = deque()
        try:
            for chunk in chunked(items, chunk_size(len(items), self.workers)):
                pending.append(self._client.submit(_run_remote, self._resources, target, args,
                                                   [_self_contained(item) for item in chunk], pure=False))
                if len(pending) >= self.workers * AHEAD_PER_WORKER:
                    yield self._result(pending.popleft())
            while pending:
                yield self._result(pending.popleft())
        finally:
            for future in pending:
                future.cancel()

    @property
    def bundle_indexer(self) -> "DaskScheduler":
        return self

    def close(self) -> None:
        """Nothing to stop: the cluster's workers are not this build's, and its search bundles
        may still be on them; the build lets go of the cluster when it ends (``__exit__``)."""

    def __enter__(self) -> "DaskScheduler":
        return self

    def __exit__(self, *exc) -> None:
        self._client.close()

    # Search bundles (ria/publish/search.py, SearchIndexing's ``remote``).

    def index_bundle(self, bundle, pages: Mapping[str, bytes], language: str, one_thread_each: bool):
        """A future of (return code, messages, files) of ``bundle``, whose pages are read from ``pages``."""
        parcels = [self._client.scatter(Parcel(tuple((page, pages[page]) for page in group)), hash=False)
                   for group in chunked(list(bundle.pages), PAGES_PER_PARCEL)]
        return _Outcome(self._client.submit(_index_remote, bundle.primary, language, one_thread_each,
                                            parcels, pure=False), self)

    def _portable(self, function: Callable) -> tuple[Callable, tuple]:
        """The function and its arguments, with paths into the project named relative to it."""
        if not isinstance(function, functools.partial) or function.keywords:
            return function, ()
        args = []
        for arg in function.args:
            if isinstance(arg, (str, Path)) and os.path.isabs(arg):
                path = Path(arg).resolve()
                if not path.is_relative_to(self._root):
                    raise ValueError(f"{arg} is outside the project: a worker cannot read it")
                arg = ResourcePath(str(path.relative_to(self._root)))
            args.append(arg)
        return function.func, tuple(args)

    def _result(self, future):
        try:
            return future.result()
        except EditionError:
            raise
        except Exception as err:  # noqa: BLE001 - the cluster's failures, said in a sentence
            if type(err).__module__.split(".")[0] != "distributed":
                raise  # a fault of the build's own code keeps its traceback
            raise EditionError(f"the Dask cluster at {self.address} failed: "
                               f"{type(err).__name__}: {' '.join(str(err).split())}") from None


class _Outcome:
    """A search bundle on the cluster: ``result()`` waits for it, ``cancel()`` stops it."""

    def __init__(self, future, scheduler: DaskScheduler):
        self._future = future
        self._scheduler = scheduler

    def result(self) -> tuple[int, str, dict[str, bytes]]:
        return self._scheduler._result(self._future)

    def cancel(self) -> None:
        self._future.cancel()


def _probe(address: str) -> None:
    """Raise OSError at once where nothing listens at a tcp:// address: Dask's client would
    try again and again for CONNECT_TIMEOUT_S before it says so."""
    from distributed.comm.addressing import parse_address, parse_host_port
    protocol, location = parse_address(address)
    if protocol == "tcp":
        host, port = parse_host_port(location)
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S):
            pass


def _self_contained(item):
    """An item as a worker elsewhere can use it: with its document's bytes, not a path."""
    return item.self_contained() if hasattr(item, "self_contained") else item
