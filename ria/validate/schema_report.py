"""Schema report: what the edition's RelaxNG would reject in a foreign corpus, grouped by message.

A corpus that no one here wrote is built if it is well-formed; its documents are
still validated against ``schema/edition.rng`` (compiled once), and the errors are
reported, not raised: grouped by message (most widespread first), with how often each occurs, in how many
documents, and a few places where it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

EXAMPLES = 5


@dataclass
class Finding:
    message: str
    count: int = 0
    documents: int = 0
    examples: list[str] = field(default_factory=list)  # path:line:col


@dataclass
class SchemaReport:
    schema: str
    checked: int = 0
    rejected: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.count for f in self.findings)

    def as_dict(self) -> dict:
        return {"schema": self.schema, "documents_checked": self.checked,
                "documents_rejected": self.rejected, "errors": self.errors,
                "messages": [{"message": f.message, "count": f.count, "documents": f.documents,
                              "examples": f.examples} for f in self.findings]}

    def summary(self) -> str:
        if not self.rejected:
            return f"{self.schema}: all {self.checked} documents valid"
        return (f"{self.schema} would reject {self.rejected} of {self.checked} documents "
                f"({self.errors} errors, {len(self.findings)} distinct messages)")


# lxml's messages name the element and attribute; a few add positions we report apart.
_NOISE = re.compile(r",? line \d+(, column \d+)?")
_BASE_ATTRIBUTE = re.compile(r"\battribute base\b")


def findings_of(rng: etree.RelaxNG, tree: etree._ElementTree, display: str,
                origins: dict | None = None) -> list[tuple[str, str]]:
    """What the schema rejects in one document: (message, path:line:col), one per error.
    ``origins``: the file and line each element included from another file comes from (an
    xi:include followed), where its findings are then said to be."""
    if rng.validate(tree):
        return []
    found = []
    for error in rng.error_log:
        where = f"{display}:{max(error.line, 1)}:{max(error.column, 1)}"
        if origins and error.path:
            try:
                element = next(iter(tree.xpath(error.path)), None)
            except etree.XPathError:  # a path with a prefix the document does not declare at its root
                element = None
            if element in origins:
                if _BASE_ATTRIBUTE.search(error.message):
                    continue  # the xml:base the include gave it (xinclude.py), not its file's
                rel, line = origins[element]
                where = f"{rel}:{line}:1"
        found.append((_NOISE.sub("", error.message), where))
    return found


class ReportCollector:
    """A report gathered document by document (in a corpus build, as the surveys come back)."""

    def __init__(self, schema_name: str):
        self.report = SchemaReport(schema_name)
        self._grouped: dict[str, Finding] = {}

    def add(self, findings: list[tuple[str, str]]) -> None:
        self.report.checked += 1
        if not findings:
            return
        self.report.rejected += 1
        seen: set[str] = set()
        for message, where in findings:
            finding = self._grouped.get(message)
            if finding is None:
                finding = self._grouped[message] = Finding(message)
            finding.count += 1
            if message not in seen:
                seen.add(message)
                finding.documents += 1
            if len(finding.examples) < EXAMPLES:
                finding.examples.append(where)

    def finish(self) -> SchemaReport:
        self.report.findings = sorted(self._grouped.values(), key=lambda f: (-f.documents, -f.count, f.message))
        return self.report


def schema_report(schema_path: Path, documents: list[tuple[str, etree._ElementTree]],
                  progress=None) -> SchemaReport:
    """Validate each (display path, parsed tree) against the RelaxNG at ``schema_path``."""
    rng = etree.RelaxNG(etree.parse(str(schema_path)))
    collector = ReportCollector(schema_path.name)
    for display, tree in documents:
        collector.add(findings_of(rng, tree, display))
        if progress:
            progress(1)
    return collector.finish()
