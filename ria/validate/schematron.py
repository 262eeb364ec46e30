"""ISO Schematron for the edition: compile ``schema/edition.sch`` to XSLT 3.0 and run it with Saxon.

Only the parts of ISO Schematron the edition uses are compiled: ``ns``, global and
rule-level ``let``, ``pattern``, ``rule`` (the first matching rule of a pattern
fires, as the standard says), ``assert``, ``report``, ``name`` and ``value-of``,
plus ``xsl:function`` and ``xsl:key`` copied through. Global ``let``s become
stylesheet parameters, so the toolchain can hand in the edition-wide lists that
an XML editor computes with ``doc()``. Each failure comes back with the XPath
``path()`` of its node, which :mod:`ria.locate` turns into ``line:col``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..xmlio import parse_file

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
_S = f"{{{SCH}}}"


@dataclass(frozen=True)
class Failure:
    rule: str
    role: str  # "error" or "warning"
    path: str
    message: str


def _message(assertion: etree._Element, out: etree._Element) -> None:
    """Copy an assert/report message into ``out``, turning name/value-of into xsl:value-of."""
    out.text = assertion.text
    for child in assertion:
        if child.tag == _S + "name":
            el = etree.SubElement(out, f"{{{XSL}}}value-of", select="name()")
        elif child.tag == _S + "value-of":
            el = etree.SubElement(out, f"{{{XSL}}}value-of", select=child.get("select"))
        else:
            raise ValueError(f"unsupported element in a Schematron message: {child.tag}")
        el.tail = child.tail


def compile_schematron(sch_path: Path) -> str:
    """The XSLT 3.0 stylesheet text that reports the failures of ``sch_path`` for a document."""
    schema = parse_file(sch_path).getroot()
    nsmap = {"xsl": XSL}
    for ns in schema.findall(_S + "ns"):
        nsmap[ns.get("prefix")] = ns.get("uri")
    xsl = etree.Element(f"{{{XSL}}}stylesheet", nsmap=nsmap, version="3.0")
    xsl.set("exclude-result-prefixes", " ".join(p for p in nsmap if p != "xsl"))
    etree.SubElement(xsl, f"{{{XSL}}}output", method="xml", indent="no")

    for let in schema.findall(_S + "let"):
        etree.SubElement(xsl, f"{{{XSL}}}param", name=let.get("name"), select=let.get("value"))
    for foreign in schema:
        if isinstance(foreign.tag, str) and foreign.tag.startswith(f"{{{XSL}}}"):
            xsl.append(etree.fromstring(etree.tostring(foreign)))

    patterns = schema.findall(_S + "pattern")
    root_template = etree.SubElement(xsl, f"{{{XSL}}}template", match="/")
    report = etree.SubElement(root_template, "failures")
    for index, pattern in enumerate(patterns):
        mode = f"pattern-{index}"
        etree.SubElement(report, f"{{{XSL}}}apply-templates", select=".", mode=mode)
        etree.SubElement(xsl, f"{{{XSL}}}mode", name=mode, **{"on-no-match": "shallow-skip"})
        rules = pattern.findall(_S + "rule")
        for position, rule in enumerate(rules):
            template = etree.SubElement(xsl, f"{{{XSL}}}template", match=rule.get("context"),
                                        mode=mode, priority=str(len(rules) - position))
            for let in rule.findall(_S + "let"):
                etree.SubElement(template, f"{{{XSL}}}variable", name=let.get("name"),
                                 select=let.get("value"))
            for check in rule:
                if check.tag not in (_S + "assert", _S + "report"):
                    continue
                test = check.get("test")
                condition = f"not({test})" if check.tag == _S + "assert" else test
                when = etree.SubElement(template, f"{{{XSL}}}if", test=condition)
                failure = etree.SubElement(when, "failure")
                failure.set("rule", check.get("id") or pattern.get("id") or mode)
                failure.set("role", "warning" if check.get("role") == "warning" else "error")
                failure.set("path", "{path()}")
                _message(check, failure)
            etree.SubElement(template, f"{{{XSL}}}apply-templates", select="@*, node()",
                             mode="#current")
    return etree.tostring(xsl, encoding="unicode")


class Schematron:
    """The edition's Schematron, compiled once and applied to many documents."""

    def __init__(self, processor, sch_path: Path):
        self._processor = processor
        self._maps: dict[tuple, object] = {}
        compiler = processor.new_xslt30_processor()
        self._executable = compiler.compile_stylesheet(stylesheet_text=compile_schematron(sch_path))
        if self._executable is None:
            raise RuntimeError(f"cannot compile {sch_path}")

    def validate(self, xml_text: str, base_uri: str, params: dict[str, str | dict[str, str]]) -> list[Failure]:
        """The failures of one document; ``params`` sets global lets, as strings or string maps."""
        node = self._processor.parse_xml(xml_text=xml_text)
        executable = self._executable
        executable.clear_parameters()
        for name, value in params.items():
            executable.set_parameter(name, self._value(value))
        executable.set_global_context_item(xdm_item=node)
        result = executable.transform_to_string(xdm_node=node)
        failures = etree.fromstring(result.encode("utf-8")) if result else None
        if failures is None:
            return []
        return [Failure(f.get("rule"), f.get("role"), f.get("path"), " ".join((f.text or "").split()))
                for f in failures]

    def _value(self, value: str | dict[str, str]):
        make = self._processor.make_string_value
        if isinstance(value, str):
            return make(value)
        # A map built once and handed to every document: Saxon takes milliseconds to build
        # one of a few hundred entries from a string, in each transformation.
        key = tuple(value.items())
        if key not in self._maps:
            self._maps[key] = self._processor.make_map({make(k): make(v) for k, v in value.items()})
        return self._maps[key]
