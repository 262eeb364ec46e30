"""Shared fixtures: the edition's own files, compiled schemas and one built site per test run."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import signal
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from ria.build import Project, build, saxon  # noqa: E402
from ria.load import load_edition  # noqa: E402
from ria.validate import IdIndex, Schemas  # noqa: E402


def unavailable(message: str):
    """A checker, schema or corpus a test needs is missing: a skip on a developer's machine,
    a failure under CI=true, where every checker must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: every checker must run)")
    pytest.skip(message)


def dead_pid() -> int:
    """The pid of a process that has ended: what a killed build's temporary folders are named by."""
    import subprocess
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.fixture(scope="session", autouse=True)
def ctrl_c_as_in_a_terminal():
    """Ctrl-C reaches the tests and the commands they start, as in a terminal.

    A shell starts a background job with SIGINT ignored, and a command inherits that;
    the tests of interrupted builds and of stopping `serve` rely on Ctrl-C arriving.
    """
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path, root) -> Path:
    """A copy of the edition (TEI, schemas, stylesheets, theme) that a test may edit and build."""
    for part in ("tei", "schema", "xslt", "theme"):
        shutil.copytree(root / part, tmp_path / part)
    return tmp_path


@pytest.fixture(scope="session")
def processor():
    return saxon()


@pytest.fixture(scope="session")
def schemas(processor) -> Schemas:
    return Schemas.load(ROOT / "schema", processor)


@pytest.fixture(scope="session")
def edition():
    edition, problems = load_edition(ROOT)
    assert not problems, "\n".join(map(str, problems))
    return edition


@pytest.fixture(scope="session")
def edition_ids(edition) -> str:
    return IdIndex.build(edition).token_list(excluding=None)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole edition, built once into a temporary folder."""
    out = tmp_path_factory.mktemp("site") / "edition"
    build(Project.at(ROOT, out))
    return out


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all.rng, compiled once; the tests that need it skip where ../shared is absent."""
    path = SHARED / "tei-schema" / "tei_all.rng"
    if not path.exists():
        unavailable(f"TEI conformance not checked: {path} is not present (../shared is optional)")
    from lxml import etree
    return etree.RelaxNG(etree.parse(str(path)))


# ---------------------------------------------------------------- the site in a real browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(built_site):
    with serving(built_site) as address:
        yield address


@pytest.fixture(scope="session")
def subpath_server(built_site):
    """The built site under a path of its host (/edition/), as many hosts publish it."""
    with serving(built_site.parent) as address:
        yield f"{address}/{built_site.name}"


@contextlib.contextmanager
def serving(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        unavailable("browser tests not run: Chromium is not installed (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.violations = []
    page.on("console", lambda message: page.violations.append(message.text)
            if "Content Security Policy" in message.text or message.type == "error" else None)
    page.on("pageerror", lambda error: page.violations.append(str(error)))
    yield page
    context.close()
