"""Reading and writing the masters: only regular files are read, and writes are durable.

A write's data reaches the disk in a temporary file first, so a crash can never leave a
truncated TEI file: the temporary file is renamed over the old one (``format``) or linked
to a new name (``import``) only once it is complete.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def durable_temp_file(folder: Path, name: str, data: bytes, mode: int) -> str:
    """Write ``data`` to a new temporary file in ``folder``, fsync it, and return its path."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file ``path`` (links followed); OSError for anything else.

    A FIFO would block the read until something writes to it and a device such as /dev/zero
    never ends: neither is a document, whatever its name. The file is opened without
    blocking and looked at once open, so what is read is what was looked at.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a folder, a pipe or a device)", str(path))
        return handle.read()
