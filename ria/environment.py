"""The environment the toolchain runs in: the packages it needs, at the versions it was built for.

A missing package or one of another major version is reported as one clear
message before any work starts, rather than as a traceback halfway through.
"""

from __future__ import annotations

from importlib import metadata

# Kept equal to requirements.txt (a test checks it).
REQUIRED = {"lxml": "6.1.3", "saxonche": "13.1.1", "jinja2": "3.1.6", "xmlschema": "4.3.2",
            "pagefind-bin": "1.5.2"}


def installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


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
