"""`python build.py serve`: build, serve, rebuild on save, show errors in the page, stop on Ctrl-C."""

from __future__ import annotations

import json
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ria.problems import Problem  # noqa: E402
from ria.serve import error_page, inject_reload  # noqa: E402

TIMEOUT = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(condition, what: str, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = condition()
        if last:
            return last
        time.sleep(0.3)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def project(tmp_path) -> Path:
    for part in ("tei", "schema", "xslt", "theme"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


@pytest.fixture
def server(project):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--root", str(project), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in process.stdout], daemon=True).start()
    deadline = time.monotonic() + TIMEOUT
    url = None
    seen = []
    while time.monotonic() < deadline and url is None:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        if line.startswith("serving "):
            url = line.split(" at ", 1)[1].split(" ", 1)[0]
    if url is None:
        process.kill()
        pytest.fail("the server did not start:\n" + "".join(seen))
    assert url == f"http://127.0.0.1:{port}/"
    yield process, url, lines
    if process.poll() is None:
        process.kill()
        process.wait(10)


def test_serves_rebuilds_on_save_shows_errors_and_stops(project, server):
    process, url, lines = server
    page = project / "tei" / "texts" / "tukhachevsky-1921.xml"
    original = page.read_text()

    # The site is served, with the reload script added to the response only.
    status, home = fetch(url)
    assert status == 200
    assert '<script src="/__ria/reload.js" defer></script>' in home
    assert "__ria" not in (project / "edition" / "index.html").read_text()
    status, script = fetch(url + "__ria/reload.js")
    assert status == 200 and "/__ria/version" in script
    status, css = fetch(url + "static/edition.css")
    assert status == 200 and "__ria" not in css
    version = json.loads(fetch(url + "__ria/version")[1])
    assert version["ok"] is True

    # A save is rebuilt and served.
    text_url = url + "texts/tukhachevsky-1921.html"
    assert "Prefatory Note, as edited" not in fetch(text_url)[1]
    page.write_text(original.replace("<head>Prefatory Note</head>", "<head>Prefatory Note, as edited</head>", 1))
    wait_for(lambda: "Prefatory Note, as edited" in fetch(text_url)[1], "the rebuilt page")
    assert json.loads(fetch(url + "__ria/version")[1])["version"] > version["version"]

    # A broken file: every HTML request gets the error page; the good site stays on disk.
    page.write_text(page.read_text().replace('ref="#stalin"', 'ref="#stalin&lt;b&gt;"', 1))
    status, body = wait_for(lambda: (lambda r: r if r[0] == 500 else None)(fetch(text_url)), "the error page")
    assert "tei/texts/tukhachevsky-1921.xml:" in body and ": error: " in body
    assert "&lt;b&gt;" in body and "<b>" not in body  # the message is escaped
    assert fetch(url + "persons.html")[0] == 500
    assert json.loads(fetch(url + "__ria/version")[1])["ok"] is False
    assert "Prefatory Note, as edited" in (project / "edition" / "texts" / "tukhachevsky-1921.html").read_text()

    # Restored: the site is back.
    page.write_text(original)
    wait_for(lambda: fetch(text_url)[0] == 200, "the restored page")
    assert "Prefatory Note, as edited" not in fetch(text_url)[1]

    # Ctrl-C stops it cleanly.
    process.send_signal(signal.SIGINT)
    assert process.wait(20) == 0
    rest = []
    while not lines.empty():
        rest.append(lines.get())
    assert any("stopped" in line for line in rest), rest


def test_reload_script_goes_before_head_end():
    page = b"<html><head><title>x</title></head><body></body></html>"
    assert inject_reload(page) == (b'<html><head><title>x</title><script src="/__ria/reload.js" defer>'
                                   b"</script>\n</head><body></body></html>")


def test_error_page_escapes_messages():
    body = error_page([Problem("tei/texts/a.xml", 3, 4, "error", "bad <script>alert(1)</script> & co")]).decode()
    assert "tei/texts/a.xml:3:4: error: bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in body
    assert "<script>alert" not in body
