"""The serve command: build, serve on localhost, rebuild when a file is saved, reload the page.

``python build.py serve [--host 127.0.0.1] [--port 8000]`` builds the edition into
``edition/`` and serves that folder. It watches ``tei/``, ``xslt/``, ``theme/`` and
``schema/`` (by polling modification times: no dependencies) and rebuilds when a
file there changes. Each HTML page it serves gets one extra line,
``<script src="/__ria/reload.js" defer></script>``, which polls ``/__ria/version``
and reloads the page after each rebuild; the built files on disk are never
changed, and the script is external, so the pages' Content-Security-Policy
(``script-src 'self'; connect-src 'self'``) allows it.

Only well-formed requests for the site's files are served: a target that is not a
path (``http://host/…``, ``*``), that is overlong, holds a control character or a
backslash, is not valid percent-encoded UTF-8 or climbs with ``..`` gets a 4xx
answer; a method other than GET and HEAD gets 405; a link that leads out of the served
folder is not followed (404); a folder is answered with its index.html, or 404 (never a
listing).

A build with errors does not touch ``edition/`` (the previous good site stays);
instead every HTML request is answered with an error page listing the problems
as ``path:line:col: severity: message``, until a save fixes them. Ctrl-C stops the
server cleanly. ``serve --corpus DIR`` (ria/commands/serve_corpus.py) serves a corpus's site the same way.
"""

from __future__ import annotations

import html
import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote_to_bytes

from ..cache import BuildCache
from ..problems import EditionError, Problem
from ..publish.build import CACHE_DIR, Project, build

WATCHED = ("tei", "xslt", "theme", "schema")
PREFIX = "/__ria/"
RELOAD_TAG = b'<script src="/__ria/reload.js" defer></script>\n'
RELOAD_JS = b"""// Added by `build.py serve` only: reloads the page when the edition has been rebuilt.
(function () {
  "use strict";
  var seen = null;
  function poll() {
    fetch("/__ria/version", {cache: "no-store"}).then(function (response) {
      return response.json();
    }).then(function (state) {
      if (seen === null) { seen = state.version; }
      else if (state.version !== seen) { window.location.reload(); return; }
      window.setTimeout(poll, 700);
    }).catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
"""
ERROR_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'"
MAX_TARGET = 2048  # characters; the site's longest address is a fraction of it
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def request_path(target: str) -> tuple[int, str] | str:
    """The decoded path of a request target, or the status it is refused with and why."""
    if not target.startswith("/") or target.startswith("//"):
        return 400, "Only a path is served here, not an absolute or authority target"
    if len(target) > MAX_TARGET:
        return 414, "Request target too long"
    if _CONTROL.search(target):
        return 400, "Control character in the request target"
    raw = target.split("?", 1)[0].split("#", 1)[0]
    if _BAD_ESCAPE.search(raw):
        return 400, "Malformed percent-encoding"
    try:
        path = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return 400, "The path is not UTF-8"
    # Decoded, a path may name what its encoding hid: a NUL, a Windows separator, a climb out.
    if _CONTROL.search(path) or "\\" in path:
        return 400, "Control character or backslash in the path"
    if ".." in path.split("/"):
        return 400, "The path climbs out of the site"
    return path


@dataclass
class State:
    """What the server shows: the build version and the errors of the last build, if any."""

    version: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, errors: list[Problem], warnings: int = 0) -> None:
        with self.lock:
            self.version += 1
            self.errors = list(errors)
            self.warnings = warnings

    def snapshot(self) -> tuple[int, list[Problem]]:
        with self.lock:
            return self.version, list(self.errors)


EDITION_FAILED = ("The edition could not be built", "The last good build is unchanged in <code>edition/</code>.")


def error_page(errors: list[Problem], failed: tuple[str, str] = EDITION_FAILED) -> bytes:
    """The page every HTML request gets while the last build has errors; ``failed``: its
    heading, and what became of the site (HTML)."""
    items = "\n".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in errors)
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    heading, kept = failed
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Build failed: {count}</title>
<link rel="stylesheet" href="/static/edition.css">
<script src="/__ria/reload.js" defer></script>
</head>
<body>
<main id="main">
<h1>{heading}: {count}</h1>
<p>{kept} Fix the files and save:
this page reloads by itself.</p>
<ol class="build-errors">
{items}
</ol>
</main>
</body>
</html>
""".encode("utf-8")


def inject_reload(page: bytes) -> bytes:
    """The page with the reload script added before ``</head>`` (or at the end)."""
    marker = page.find(b"</head>")
    if marker < 0:
        return page + RELOAD_TAG
    return page[:marker] + RELOAD_TAG + page[marker:]


class Handler(SimpleHTTPRequestHandler):
    state: State  # set on a subclass per server
    failed: tuple[str, str] = EDITION_FAILED  # what the error page says
    site_path = "/"  # the decoded path of the request, once parse_request has accepted it
    # A request line too malformed to name its version is answered with a status line too
    # (the base class answers such a line as HTTP/0.9: a bare page, no status).
    default_request_version = "HTTP/1.0"
    timeout = 30  # seconds a connection may stay silent: one that never finishes its request is closed

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # quiet: the terminal is for build messages

    def parse_request(self) -> bool:
        """The base class's checks, then the target's: a malformed one is answered 4xx here."""
        if not super().parse_request():
            return False
        if self.command not in ("GET", "HEAD"):
            self._refuse_method()
            return False
        checked = request_path(self.path)
        if isinstance(checked, tuple):
            status, why = checked
            self.send_error(status, explain=why)
            return False
        self.site_path = checked
        return True

    def _refuse_method(self) -> None:
        body = b"Only GET and HEAD are answered here.\n"
        self.close_connection = True
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Connection", "close")
        self._send_body(body, "text/plain; charset=utf-8")

    def _outside_site(self) -> bool:
        """Whether the request's file, its links followed, lies outside the served folder."""
        site = Path(self.directory).resolve()
        return not Path(self.translate_path(self.path)).resolve().is_relative_to(site)

    def send_head(self):
        if self._outside_site():
            self.send_error(404, "Not found")  # a link in the site that leads out of it is not followed
            return None
        folder = Path(self.translate_path(self.path))
        if folder.is_dir() and not (folder / "index.html").is_file():
            self.send_error(404, "Not found")  # rather than the base class's listing of the folder
            return None
        return super().send_head()

    def list_directory(self, path):
        self.send_error(404, "Not found")  # never a listing, whichever way a folder is reached
        return None

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _send(self, status: int, body: bytes, content_type: str, csp: str | None = None,
              head_only: bool = False) -> None:
        self.send_response(status)
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self._send_body(body, content_type, head_only)

    def _send_body(self, body: bytes, content_type: str, head_only: bool = False) -> None:
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def _route(self, head_only: bool) -> bool:
        """Serve what the server itself adds; True if the request was answered."""
        path = self.site_path
        if path == PREFIX + "version":
            version, errors = self.state.snapshot()
            body = json.dumps({"version": version, "ok": not errors, "errors": len(errors)}).encode()
            self._send(200, body, "application/json", head_only=head_only)
            return True
        if path == PREFIX + "reload.js":
            self._send(200, RELOAD_JS, "text/javascript; charset=utf-8", head_only=head_only)
            return True
        if path.startswith(PREFIX):
            self._send(404, b"not found\n", "text/plain; charset=utf-8", head_only=head_only)
            return True
        is_html = path.endswith("/") or path.endswith(".html") or path.endswith(".htm")
        if not is_html:
            return False
        _, errors = self.state.snapshot()
        if errors:
            self._send(500, error_page(errors, self.failed), "text/html; charset=utf-8", ERROR_CSP, head_only)
            return True
        if self._outside_site():
            return False  # the base class answers 404
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        try:
            page = file.read_bytes()
        except OSError:
            return False  # the base class answers 404
        self._send(200, inject_reload(page), "text/html; charset=utf-8", head_only=head_only)
        return True

    def do_GET(self):
        if not self._route(head_only=False):
            super().do_GET()

    def do_HEAD(self):
        if not self._route(head_only=True):
            super().do_HEAD()


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that leaves mid-answer (a reload, a closed tab) is no error; anything else
        # is one line on the terminal, not a traceback between the build messages.
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"serve: a request from {client_address[0]} failed: {error!r}", file=sys.stderr, flush=True)


def make_server(directory: Path, state: State, host: str = "127.0.0.1", port: int = 0,
                failed: tuple[str, str] = EDITION_FAILED) -> Server:
    """A server (not yet serving) of ``directory`` that shows ``state``'s build (``failed``: see error_page)."""
    handler = type("BoundHandler", (Handler,), {"state": state, "failed": failed})
    return Server((host, port), partial(handler, directory=str(directory)))


def snapshot(project: Project) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file in the watched folders."""
    return snapshot_of([project.root / name for name in WATCHED])


def snapshot_of(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file in ``folders``."""
    found = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.name.startswith(".") or path.name.endswith("~"):
                continue  # editors' temporary and backup files
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def rebuild(project: Project, state: State, out=print, cache: BuildCache | None = None) -> bool:
    started = time.monotonic()
    try:
        _, problems = build(project, cache=cache)
    except EditionError as err:
        errors = err.problems or [Problem(str(project.root), 1, 1, "error", str(err), rule="build")]
        state.update(errors)
        out(f"build failed with {len(errors)} error{'s' if len(errors) != 1 else ''} "
            f"(the previous site is kept; the browser shows them):")
        for problem in errors[:20]:
            out(f"  {problem}")
        if len(errors) > 20:
            out(f"  … and {len(errors) - 20} more")
        return False
    except Exception as err:  # a crash of a stage must not stop the server
        state.update([Problem(str(project.root), 1, 1, "error", f"the build crashed: {err!r}",
                              rule="build")])
        out(f"build crashed: {err!r}")
        return False
    warnings = sum(p.severity == "warning" for p in problems)
    state.update([], warnings)
    out(f"built in {time.monotonic() - started:.2f} s"
        + (f" ({warnings} warnings: `python build.py check` lists them)" if warnings else ""))
    return True


def run_serve(root: Path, host: str = "127.0.0.1", port: int = 8000, *,
              stop: threading.Event | None = None, max_seconds: float | None = None,
              interval: float = 0.5, on_ready: Callable[[str], None] | None = None,
              out: Path | None = None) -> int:
    """Serve until Ctrl-C, ``stop`` is set or ``max_seconds`` have passed; returns the exit code."""
    project = Project.at(Path(root), out)
    state, say = State(), partial(print, flush=True)
    # One cache for the session: compiled schemas and stylesheets, and every unchanged result.
    cache = BuildCache(project.root / CACHE_DIR)
    return serve_and_watch(
        project.out, state, lambda: rebuild(project, state, say, cache), lambda: snapshot(project), project.root,
        ", ".join(w + "/" for w in WATCHED), host=host, port=port, stop=stop, max_seconds=max_seconds,
        interval=interval, on_ready=on_ready)


def serve_and_watch(site: Path, state: State, rebuild_now: Callable[[], object],
                    take_snapshot: Callable[[], dict], names_under: Path, watching: str, *,
                    host: str, port: int, stop: threading.Event | None, max_seconds: float | None,
                    interval: float, on_ready: Callable[[str], None] | None,
                    failed: tuple[str, str] = EDITION_FAILED, say: Callable[[str], None] | None = None) -> int:
    """Build, serve ``site`` and build again whenever ``take_snapshot`` changes, until Ctrl-C,
    ``stop`` or ``max_seconds``; the loop of the edition's serve and a corpus's."""
    stop, say = stop or threading.Event(), say or partial(print, flush=True)
    say("building …")
    rebuild_now()
    site.mkdir(parents=True, exist_ok=True)

    try:
        server = make_server(site, state, host, port, failed)
    except OSError as err:
        print(f"error: cannot serve on {host}:{port}: {err.strerror}", file=sys.stderr)
        return 1
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="ria-serve", daemon=True)
    thread.start()
    say(f"serving {site} at {url} (watching {watching}; Ctrl-C to stop)")
    if on_ready:
        on_ready(url)
    deadline = time.monotonic() + max_seconds if max_seconds else None
    last = take_snapshot()
    try:
        while not stop.is_set():
            if deadline is not None and time.monotonic() >= deadline:
                break
            stop.wait(interval)
            current = take_snapshot()
            if current == last:
                continue
            # Let a save finish (editors write in several steps) before building.
            time.sleep(min(interval, 0.3))
            settled = take_snapshot()
            if settled != current:
                continue
            changed = sorted(set(current.items()) ^ set(last.items()))
            last = settled
            names = sorted({str(Path(p).relative_to(names_under)) for p, _ in changed})
            say(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}; rebuilding …")
            rebuild_now()
    except KeyboardInterrupt:
        say("stopping …")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    say("stopped")
    return 0
