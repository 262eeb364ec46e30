"""`python build.py serve`: build, serve, rebuild on save, show errors in the page, stop on Ctrl-C;
refuse malformed requests with a 4xx answer and never list a folder."""

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
from pathlib import Path

import pytest
from conftest import fetch, running

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ria.commands.serve import State, error_page, inject_reload, make_server  # noqa: E402
from ria.problems import Problem  # noqa: E402

TIMEOUT = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]



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
    # A malformed request is refused, and the server goes on (the cases are below).
    assert raw_request(("127.0.0.1", int(url.rsplit(":", 1)[1].strip("/"))), b"/%00")[0] == 400

    # A save is rebuilt and served.
    text_url = url + "texts/tukhachevsky-1921.html"
    assert "Prefatory Note, as edited" not in fetch(text_url)[1]
    page.write_text(original.replace("<head>Prefatory Note</head>", "<head>Prefatory Note, as edited</head>", 1))
    wait_for(lambda: "Prefatory Note, as edited" in fetch(text_url)[1], "the rebuilt page")
    # The version moves once the new site is in place (after the page, never before it).
    wait_for(lambda: json.loads(fetch(url + "__ria/version")[1])["version"] > version["version"],
             "the new version")

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
    assert not any("Traceback" in line for line in rest), rest


def test_reload_script_goes_before_head_end():
    page = b"<html><head><title>x</title></head><body></body></html>"
    assert inject_reload(page) == (b'<html><head><title>x</title><script src="/__ria/reload.js" defer>'
                                   b"</script>\n</head><body></body></html>")


def test_error_page_escapes_messages():
    body = error_page([Problem("tei/texts/a.xml", 3, 4, "error", "bad <script>alert(1)</script> & co")]).decode()
    assert "tei/texts/a.xml:3:4: error: bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in body
    assert "<script>alert" not in body


# ---------------------------------------------------------------- requests the server refuses

@pytest.fixture
def site_server(tmp_path):
    """The server of `serve`, in this process, on a small site with a folder with and one without an index."""
    site = tmp_path / "site"
    (site / "with-index").mkdir(parents=True)
    (site / "without-index").mkdir()
    (site / "index.html").write_text("<html><head></head><body>home</body></html>")
    (site / "with-index" / "index.html").write_text("<html><head></head><body>folder home</body></html>")
    (site / "without-index" / "secret-name.html").write_text("<html><body>a page</body></html>")
    (site / "café.html").write_text("<html><head></head><body>accented</body></html>")
    with running(make_server(site, State())) as address:
        yield address


def raw_request(address, target: bytes, method: bytes = b"GET") -> tuple[int | None, bytes]:
    """The status and body of a request sent as these bytes, unnormalised by any client."""
    with socket.create_connection(address, timeout=10) as connection:
        connection.sendall(method + b" " + target + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    if not answer:
        return None, b""  # the connection was dropped without an answer
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


MALFORMED = {
    "an encoded NUL": b"/%00",
    "an encoded NUL in a page's name": b"/index.html%00.txt",
    "a raw NUL": b"/\x00",
    "a raw control character": b"/index\x01.html",
    "an encoded line break": b"/index.html%0d%0aSet-Cookie:%20a=b",
    "an encoded DEL": b"/%7f",
    "a percent sign without digits": b"/%zz",
    "a percent sign at the end": b"/index.html%",
    "an encoding that is not UTF-8": b"/%ff%fe.html",
    # Climbs that, cut short at the site's root, would name one of its pages.
    "a climb out with dots": b"/../index.html",
    "a climb out from a folder": b"/with-index/../../index.html",
    "a climb out with encoded dots": b"/%2e%2e/%2e%2e/index.html",
    "a climb out with encoded dots and slashes": b"/with-index%2f%2E%2E%2f%2E%2E%2findex.html",
    "a climb out with an encoded backslash": b"/..%5c..%5cindex.html",
    "an overlong path": b"/" + b"a" * 5000,
    "an overlong path of short folders": b"/a" * 3000,
    "an absolute-form target": b"http://localhost/index.html",
    "an absolute-form target to another host": b"http://example.com/",
    "an authority-like target": b"//example.com/index.html",
    "an asterisk": b"*",
}


@pytest.mark.parametrize("method", [b"GET", b"HEAD"])
@pytest.mark.parametrize("target", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_request_gets_a_4xx_answer_and_the_server_goes_on(site_server, capfd, target, method):
    status, _ = raw_request(site_server, target, method)
    assert status is not None, "the connection was dropped without an answer"
    assert 400 <= status < 500, status
    assert raw_request(site_server, b"/index.html")[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_a_folder_without_an_index_is_not_found_and_never_listed(site_server):
    for target in (b"/without-index/", b"/without-index"):
        status, body = raw_request(site_server, target)
        assert status == 404, (target, status)
        assert b"secret-name" not in body and b"Directory listing" not in body


def test_a_folder_with_an_index_is_answered_with_it(site_server):
    status, body = raw_request(site_server, b"/with-index/")
    assert status == 200 and b"folder home" in body and b"/__ria/reload.js" in body


def test_well_formed_paths_are_still_served(site_server):
    assert raw_request(site_server, b"/")[0] == 200
    assert raw_request(site_server, b"/caf%C3%A9.html")[1].endswith(b"accented</body></html>")
    assert raw_request(site_server, b"/index.html?q=%zz&x=../..")[0] == 200  # the query is not a path
    assert raw_request(site_server, b"/./index.html")[0] == 200
