"""Safe XML parsing: no network, no DTD loading, no external or expanded entities.

Every XML file the toolchain reads goes through :func:`parse_file`, so a hostile
document cannot read local files, fetch URLs or expand entity bombs.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .problems import EditionError, Problem

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI = f"{{{TEI_NS}}}"  # a TEI element's name in lxml is TEI + its local name
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")  # the shape of a BCP 47 tag, for xml:lang values put into pages

# A DOCTYPE, and the entity declarations it holds, can stand only in the prolog: after the XML
# declaration, comments, processing instructions and white space. Elsewhere (in a comment or
# CDATA section) the same characters are text.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# lxml's parser refuses elements nested deeper than this (it would take more with huge_tree,
# which this parser does not set); Saxon is given the same bound (ria/transform.py).
MAX_DEPTH = 256


def safe_parser(collect_ids: bool = True) -> etree.XMLParser:
    return etree.XMLParser(
        collect_ids=collect_ids,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
    )


def parse_bytes(data: bytes, path: str, collect_ids: bool = True) -> etree._ElementTree:
    """Parse ``data`` (read from ``path``) or raise EditionError with path:line:col.

    ``collect_ids=False`` accepts a repeated ``xml:id`` (an error of validity, not of
    well-formedness), for foreign corpora whose registers repeat one.
    """
    prolog = _PROLOG.match(data).end()
    if _DOCTYPE.match(data, prolog):
        line = data.count(b"\n", 0, prolog) + 1
        col = prolog - (data.rfind(b"\n", 0, prolog) + 1) + 1
        raise EditionError(Problem(
            path, line, col, "error",
            "a DOCTYPE declaration is not allowed: the edition's TEI files may not declare or load "
            "entities or DTDs", rule="safe-parsing"))
    parser = safe_parser(collect_ids)
    try:
        root = etree.fromstring(data, parser, base_url=str(path))
    except etree.XMLSyntaxError as err:
        line, col = err.position if err.position else (1, 1)
        message = err.msg or str(err)
        message = "not well-formed XML: " + re.sub(r",? line \d+, column \d+$", "", message)
        if "Excessive depth" in message:
            message = f"elements nested deeper than {MAX_DEPTH} levels, more than the toolchain reads"
        raise EditionError(Problem(path, line or 1, max(col, 1), "error", message, rule="well-formed")) from None
    tree = root.getroottree()
    if tree.docinfo.doctype:
        # The byte scan above misses a DOCTYPE in another encoding (UTF-16); the parser does not.
        raise EditionError(Problem(path, 1, 1, "error",
                                   "a DOCTYPE declaration is not allowed: the edition's TEI files may not "
                                   "declare or load entities or DTDs", rule="safe-parsing"))
    return tree


def parse_file(path: Path | str, display_path: str | None = None) -> etree._ElementTree:
    path = Path(path)
    shown = display_path or str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise EditionError(Problem(shown, 1, 1, "error", f"cannot read file: {err.strerror}",
                                   rule="io")) from None
    return parse_bytes(data, shown)
