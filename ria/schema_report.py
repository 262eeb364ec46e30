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


def schema_report(schema_path: Path, documents: list[tuple[str, etree._ElementTree]],
                  progress=None) -> SchemaReport:
    """Validate each (display path, parsed tree) against the RelaxNG at ``schema_path``."""
    rng = etree.RelaxNG(etree.parse(str(schema_path)))
    report = SchemaReport(schema_path.name)
    grouped: dict[str, Finding] = {}
    for display, tree in documents:
        report.checked += 1
        if not rng.validate(tree):
            report.rejected += 1
            seen: set[str] = set()
            for error in rng.error_log:
                message = _NOISE.sub("", error.message)
                finding = grouped.get(message)
                if finding is None:
                    finding = grouped[message] = Finding(message)
                finding.count += 1
                if message not in seen:
                    seen.add(message)
                    finding.documents += 1
                if len(finding.examples) < EXAMPLES:
                    finding.examples.append(f"{display}:{max(error.line, 1)}:{max(error.column, 1)}")
        if progress:
            progress(1)
    report.findings = sorted(grouped.values(), key=lambda f: (-f.documents, -f.count, f.message))
    return report
