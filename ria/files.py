"""Durable file writes for the masters: the data reaches the disk in a temporary file first.

A crash can then never leave a truncated TEI file: the temporary file is renamed over
the old one (``format``) or linked to a new name (``import``) only once it is complete.
"""

from __future__ import annotations

import os
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
