"""Shared fixtures: the edition's own files, compiled schemas and one built site per test run."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import shutil
import signal
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from ria.model.load import load_edition  # noqa: E402
from ria.publish.build import Project, build, saxon  # noqa: E402
from ria.validate.schemas import IdIndex, Schemas  # noqa: E402


def unavailable(message: str):
    """A checker, schema or corpus a test needs is missing: a skip on a developer's machine,
    a failure under CI=true, where every checker must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: every checker must run)")
    pytest.skip(message)


EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def epubcheck(book: Path) -> str:
    """What the W3C's EPUBCheck (Debian's epubcheck package, which .ci/run installs) says of ``book``;
    a test that asks fails unless it finds nothing."""
    import subprocess
    if not EPUBCHECK.exists():
        unavailable("EPUBCheck not run: /usr/share/java/epubcheck.jar is not installed (apt-get install epubcheck)")
    result = subprocess.run([*JAVA, "-jar", str(EPUBCHECK), str(book)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 fatals / 0 errors / 0 warnings" in result.stdout, result.stdout
    return result.stdout


def required(module: str):
    """A test tool's module, imported; if it is missing, `unavailable` (a failure under CI=true).
    Also at a test module's top, where a plain skip must be allowed to skip the whole module."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError:
        message = f"{module} is not installed (pip install -r requirements-test.txt)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: every checker must run)", pytrace=False)
        pytest.skip(message, allow_module_level=True)


def dead_pid() -> int:
    """The pid of a process that has ended: what a killed build's temporary folders are named by."""
    import subprocess
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


# Java as the outside checkers (vnu.jar, EPUBCheck) are run: each run is short, so the JVM's
# optimising compiler (C2) costs more than it earns; its quick compiler alone halves a run's CPU
# with the same report. Without C2 the HTML checker's deep recursion needs a larger stack than
# the default (it stops with a StackOverflowError at 1 MB).
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m"]


# The modules that take longest, started first so that the workers finish together (longest
# first, as measured on the 2-core machine; the others take a few seconds each). test_conformance
# follows the export to its worker (the first to be free), where tei_all is compiled already.
SLOW_FIRST = ("test_lighthouse", "test_export", "test_export_corpus_pdf_cache", "test_accessibility",
              "test_conformance", "test_reliability", "test_incremental", "test_search", "test_browser", "test_check",
              "test_scripts", "test_rules", "test_lint",
              "test_html_checker", "test_distributed", "test_metadata", "test_attacks", "test_pdf", "test_safety",
              "test_project_config", "test_import", "test_site", "test_home", "test_corpus")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The slowest modules first (SLOW_FIRST), so that the workers finish together. Each module
    runs on one worker (`--dist loadfile`, pyproject.toml), so a module-wide fixture (a site
    built for that module, say) is made once. The modules are handed out in this order only with
    `--no-loadscope-reorder` (pyproject.toml): by default pytest-xdist hands out the modules with
    the most tests first, which left the one long test of Lighthouse to the end of the run, on
    one worker, while the other had nothing left to do. (Marking such modules as an xdist_group under
    `--dist loadgroup` did nothing: pytest-xdist 3.8 writes the group into Item._nodeid, which
    pytest 9 no longer reads, so every such fixture was made on both workers.)"""
    def rank(item) -> int:
        name = item.module.__name__
        return SLOW_FIRST.index(name) if name in SLOW_FIRST else len(SLOW_FIRST)
    items.sort(key=rank)  # stable: each module's own order is kept


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


def made_once(tmp_path_factory, name: str, make) -> Path:
    """A folder that ``make(folder)`` fills once per test run, however many pytest-xdist workers
    ask for it: the first to ask makes it under a lock while the others wait, then all read it.

    A worker's temporary folder is gw0/, gw1/... inside the run's own; the run's folder is the
    one they share (pytest-xdist's documented recipe for session fixtures). A failed attempt
    leaves no mark, so the next worker to ask tries again and reports its own failure.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    folder, made = shared / f"made-{name}", shared / f"made-{name}.done"
    with open(shared / f"made-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole edition, built once per test run into a temporary folder (read-only to tests)."""
    return made_once(tmp_path_factory, "site", lambda folder: build(Project.at(ROOT, folder / "edition"))) / "edition"


@pytest.fixture(scope="session")
def warm_cache(tmp_path_factory, request) -> Path:
    """The cache folder (.ria-cache/) that a check and a build of the unchanged edition leave,
    made once per run. A test that edits one file and checks or builds a copy holding it
    revalidates only that file, as an editor's next check does (the verdicts are keyed by the
    files' bytes; tests/test_check.py proves the output the same as a fresh check's)."""
    from ria.commands.check import run_check
    from ria.publish.build import CACHE_DIR

    def make(folder: Path) -> None:
        copy = folder / "project"
        # The build is the run's one first build with a cache (`built_project`); then the check.
        shutil.copytree(request.getfixturevalue("_built_with_a_cache"), copy, symlinks=True)
        shutil.copytree(ROOT / "sources", copy / "sources")
        assert run_check(Project.at(copy)) == []
    return made_once(tmp_path_factory, "warm-cache", make) / "project" / CACHE_DIR


@pytest.fixture(scope="session")
def _built_with_a_cache(tmp_path_factory) -> Path:
    from ria.cache import BuildCache
    from ria.publish.build import CACHE_DIR

    def make(folder: Path) -> None:
        copy = folder / "project"
        for part in ("tei", "schema", "xslt", "theme"):
            shutil.copytree(ROOT / part, copy / part)
        build(Project.at(copy), cache=BuildCache(copy / CACHE_DIR))
    return made_once(tmp_path_factory, "built-with-a-cache", make) / "project"


@pytest.fixture
def built_project(tmp_path, _built_with_a_cache) -> Path:
    """A `project` copy of the edition after its first build with a cache folder: the site in
    edition/, the results in .ria-cache/, as ``build(Project.at(project),
    cache=BuildCache(project / CACHE_DIR))`` leaves them. That build is made once per run and
    copied here (its entries are keyed by the files' contents, not by where they are), for the
    tests of what the next build does with them."""
    shutil.copytree(_built_with_a_cache, tmp_path, symlinks=True, dirs_exist_ok=True)
    return tmp_path


# The edit that the incremental and cache tests make to one paragraph of the pilot text.
PILOT = "tei/texts/tukhachevsky-1921.xml"
ONE_PARAGRAPH_EDIT = ("plans worked out to the smallest detail.</p>", "plans worked out to the very smallest detail.</p>")


def edit_one_paragraph(project: Path) -> None:
    path = project / PILOT
    text = path.read_text(encoding="utf-8")
    assert text.count(ONE_PARAGRAPH_EDIT[0]) == 1
    path.write_text(text.replace(*ONE_PARAGRAPH_EDIT), encoding="utf-8")


def _clean_build_of_a_copy(tmp_path_factory, name: str, edit=None) -> Path:
    """A clean build (no cache) of a copy of the edition as the `project` fixture makes it,
    once per run: the site that incremental and cached builds of that copy must equal."""
    def make(folder: Path) -> None:
        copy = folder / "project"
        for part in ("tei", "schema", "xslt", "theme"):
            shutil.copytree(ROOT / part, copy / part)
        if edit:
            edit(copy)
        build(Project.at(copy, folder / "site"))
    return made_once(tmp_path_factory, name, make) / "site"


@pytest.fixture(scope="session")
def clean_site(tmp_path_factory) -> Path:
    """The unchanged edition's clean build (read-only to tests)."""
    return _clean_build_of_a_copy(tmp_path_factory, "clean-copy")


@pytest.fixture(scope="session")
def clean_edited_site(tmp_path_factory) -> Path:
    """The clean build of the edition with `edit_one_paragraph` made (read-only to tests)."""
    return _clean_build_of_a_copy(tmp_path_factory, "clean-edited-copy", edit_one_paragraph)


@pytest.fixture(scope="session")
def tei_all():
    """The official tei_all.rng, compiled once; the tests that need it skip where ../shared is absent."""
    path = SHARED / "tei-schema" / "tei_all.rng"
    if not path.exists():
        unavailable(f"TEI conformance not checked: {path} is not present (../shared is optional)")
    from lxml import etree
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.fixture(scope="session")
def validators(root, processor, request):
    """The export's validators, sharing the session's compiled schemas and tei_all."""
    from ria.export.validation import Validators
    try:
        tei_all = request.getfixturevalue("tei_all")
    except pytest.skip.Exception:
        tei_all = None  # the export's report says so, and test_export.py fails on that report
    return Validators.load(root, processor, tei_all)


@pytest.fixture(scope="session")
def _export_folder(tmp_path_factory, request) -> Path:
    from ria.cache import BuildCache
    from ria.export.run import run_export

    def export(folder: Path) -> None:
        # The validators (tei_all takes seconds to compile) only where the export is made: a
        # worker that finds it made by another reads it without them.
        validators = request.getfixturevalue("validators")
        assert run_export(ROOT, folder / "export", validators, cache=BuildCache(folder / "cache")) == 0
    return made_once(tmp_path_factory, "export", export)


@pytest.fixture(scope="session")
def exported(_export_folder) -> Path:
    """The edition's export (`build.py export`), made once per test run (read-only to tests)."""
    return _export_folder / "export"


@pytest.fixture(scope="session")
def export_cache(_export_folder) -> Path:
    """The cache folder that export filled, with its verdicts and PDFs (read-only to tests: copy it)."""
    return _export_folder / "cache"


# ---------------------------------------------------------------- the site in a real browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
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


@pytest.fixture(scope="session")
def browser():
    """One Chromium per test process: a launch costs seconds; each test has its own context."""
    if not Path(CHROMIUM).exists():
        unavailable("browser tests not run: Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("browser tests not run: Playwright is not installed (pip install -r requirements-test.txt)")
    with sync_playwright() as playwright:
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


@contextlib.contextmanager
def running(server):
    """``server`` (a socketserver) answering on a thread of its own: its address while it runs."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def fetch(url: str, timeout: float = 20) -> tuple[int, str]:
    """The status and body a test server answers ``url`` with, an error status included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")
