"""Progress of a long build on an interactive terminal: one line, updated in place.

Nothing is shown when standard error is not a terminal (CI, logs, tests) or before
the build has run for :data:`DELAY` seconds, so short builds stay quiet.
"""

from __future__ import annotations

import sys
import time

DELAY = 1.0


class Progress:
    def __init__(self, stream=None, enabled: bool | None = None, delay: float = DELAY):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.delay = delay
        self.started = time.monotonic()
        self.stage_name = ""
        self.total = 0
        self.done = 0
        self._shown = False
        self._last = 0.0

    def stage(self, name: str, total: int = 0) -> None:
        """Start a stage of ``total`` steps (0: a stage without steps)."""
        self.stage_name, self.total, self.done = name, total, 0
        self._draw(force=True)

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        self._draw(force=self.done >= self.total > 0)

    def finish(self) -> None:
        """Clear the line, so the build's own summary starts on a clean line."""
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (not force and now - self._last < 0.1):
            return
        self._last = now
        line = f"{self.stage_name}"
        if self.total:
            width = 24
            filled = width * min(self.done, self.total) // self.total
            line += f" [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        self.stream.write(f"\r\033[K{line}")
        self.stream.flush()
        self._shown = True


class Quiet(Progress):
    """A progress line that never shows (library calls, tests)."""

    def __init__(self):
        super().__init__(enabled=False)
