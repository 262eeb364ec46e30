"""Problems found in the edition's files, reported as ``path:line:col: severity: message``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    severity: str  # "error" or "warning"
    message: str
    hint: str = field(default="", compare=False)
    rule: str = field(default="", compare=False)

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "rule": self.rule,
        }


class EditionError(Exception):
    """A failure that stops a command; carries the problems that caused it."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems if isinstance(problems, list) else []
        message = problems if isinstance(problems, str) else "\n".join(map(str, self.problems))
        super().__init__(message)
