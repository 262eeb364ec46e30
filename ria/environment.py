"""The environment the toolchain runs in: the packages it needs, at the versions it was built for.

A missing package or one of another major version is reported as one clear
message before any work starts, rather than as a traceback halfway through.
"""

from __future__ import annotations

import functools
import os
import re
import sys

# Kept equal to requirements.txt (a test checks it).
REQUIRED = {"lxml": "6.1.3", "saxonche": "13.1.1", "jinja2": "3.1.6", "xmlschema": "4.3.2",
            "pagefind-bin": "1.5.2", "cbor2": "6.2.1", "elementpath": "5.1.4"}


def installed_version(package: str) -> str | None:
    """The version of ``package`` that the import path finds first.

    A wheel installs its metadata as ``<name>-<version>.dist-info`` (the name normalised), so
    the version is read from the folder's name: importing ``importlib.metadata`` to read it
    would cost every command a few hundredths of a second. Other installs are left to it.
    """
    found = _wheel_versions().get(re.sub(r"[-_.]+", "_", package).lower())
    if found:
        return found
    from importlib import metadata
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


@functools.cache
def _wheel_versions() -> dict[str, str]:
    versions: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and "-" in name:
                package, _, version = name[:-len(".dist-info")].partition("-")
                versions.setdefault(package.lower(), version)  # the first on the path is imported
    return versions


def environment_problems() -> list[str]:
    """One sentence per package that is missing or of an incompatible (other major) version."""
    problems = []
    for package, pinned in REQUIRED.items():
        found = installed_version(package)
        if found is None:
            problems.append(f"{package} is not installed; the edition needs {package}=={pinned}")
        elif found.split(".")[0] != pinned.split(".")[0]:
            problems.append(f"{package} {found} is installed; the edition needs {package}=={pinned}")
    return problems
