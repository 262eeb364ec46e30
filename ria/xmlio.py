"""Safe XML parsing: no network, no DTD loading, no external or expanded entities.

Every XML file the toolchain reads goes through :func:`parse_file`, so a hostile
document cannot read local files, fetch URLs or expand entity bombs.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .files import read_regular
from .problems import EditionError, Problem

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI = f"{{{TEI_NS}}}"  # a TEI element's name in lxml is TEI + its local name
XML_NS = "http://www.w3.org/XML/1998/namespace"
NS = {"tei": TEI_NS}
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
XI_INCLUDE = "{http://www.w3.org/2001/XInclude}include"  # XInclude: never followed in the edition (a corpus: ria/corpus/xinclude.py)
# The shape of a BCP 47 tag, for xml:lang values put into pages: its language an ISO 639 code of two
# or three letters (no language has a longer subtag registered; a header's ident="italiano" names none).
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")

# A DOCTYPE, and the entity declarations it holds, can stand only in the prolog: after the XML
# declaration, comments, processing instructions and white space. Elsewhere (in a comment or
# CDATA section) the same characters are text.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
# lxml's parser refuses elements nested deeper than this (it would take more with huge_tree,
# which this parser does not set); Saxon is given the same bound (ria/publish/transform.py).
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


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    return data.count(b"\n", 0, offset) + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _doctype_end(data: bytes, start: int) -> int:
    """The offset after the DOCTYPE declaration at ``start``: its closing ``>`` outside quotes,
    comments and the internal subset's brackets (len(data) if it never closes)."""
    depth, quote, i = 0, None, start + len(b"<!DOCTYPE")
    while i < len(data):
        char = data[i:i + 1]
        if quote:
            quote = None if char == quote else quote
        elif data.startswith(b"<!--", i):
            end = data.find(b"-->", i + 4)
            i = len(data) if end < 0 else end + 2
        elif char in (b'"', b"'"):
            quote = char
        elif char == b"[":
            depth += 1
        elif char == b"]":
            depth -= 1
        elif char == b">" and depth <= 0:
            return i + 1
        i += 1
    return len(data)


# An entity declaration: a general one (&name; in the text) or a parameter one (%name; in the DTD),
# and what it stands for: a literal or an outside resource.
_ENTITY_DECL = re.compile(rb"""<!ENTITY\s+(%\s+)?([^\s"'>]+)\s+("[^"]*"|'[^']*'|SYSTEM|PUBLIC)""")
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


def _declared_entity(data: bytes, start: int, end: int) -> tuple[int, str] | None:
    """(offset, name) of the first general entity (``&name;`` in the text) that the DOCTYPE at
    ``start``…``end`` declares. Parameter entities (``%name;``, TEI P4's ``<!ENTITY %
    TEI.dictionaries "INCLUDE">``, Menota's entity table) only shape a DTD, which is never read."""
    subset = _COMMENT.sub(lambda m: b" " * len(m.group()), data[start:end])
    for match in _ENTITY_DECL.finditer(subset):
        if not match.group(1):
            return start + match.start(), match.group(2).decode("utf-8", "replace")
    return None


# A reference to an entity, and what is text already (comments, CDATA, processing instructions).
_ENTITY_REF = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|&([A-Za-z_:][\w.:-]*);", re.DOTALL)
_PREDEFINED = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def _inert_doctype(data: bytes, path: str, prolog: int, warnings: list[Problem] | None) -> bytes:
    """``data`` with its DOCTYPE blanked (line breaks kept, so every position stays) and each
    reference to an entity that only its DTD declares escaped: libxml2 reads a DTD named by a
    DOCTYPE's external identifier even when told not to load one, so it never sees the DOCTYPE.

    A DOCTYPE that declares general entities is refused. Each entity left unresolved (``&nbsp;``
    is then text reading "&nbsp;") is reported in ``warnings`` once, at its first path:line:col."""
    end = _doctype_end(data, prolog)
    declared = _declared_entity(data, prolog, end)
    if declared:
        line, col = _line_col(data, prolog)
        raise EditionError(Problem(
            path, line, col, "error",
            f"a DOCTYPE that declares entities is not read: it declares the entity {declared[1]!r} "
            f"(line {_line_col(data, declared[0])[0]}); a DOCTYPE is accepted only if it declares none, "
            "and its DTD is never loaded", rule="safe-parsing"))

    first: dict[bytes, int] = {}  # each entity's first reference, and how many there are
    count: dict[bytes, int] = {}

    def escape(match: re.Match) -> bytes:
        name = match.group(1)
        if name is None or name in _PREDEFINED:
            return match.group()
        first.setdefault(name, end + match.start())
        count[name] = count.get(name, 0) + 1
        return b"&amp;" + name + b";"

    blank = bytes(c if c in b"\r\n" else 0x20 for c in data[prolog:end])
    inert = data[:prolog] + blank + _ENTITY_REF.sub(escape, data[end:])
    for name, offset in first.items():
        if warnings is not None:
            line, col = _line_col(data, offset)
            times = f" ({count[name]} times)" if count[name] > 1 else ""
            warnings.append(Problem(path, line, col, "warning",
                                    f"the entity &{name.decode('utf-8', 'replace')};{times} is declared only in a "
                                    "DTD that is not read: shown as written", rule="safe-parsing"))
    return inert


_WIDE_DECLARATION = re.compile(r"""^(\ufeff?<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2""")


def _ascii_compatible(data: bytes) -> bytes:
    """``data`` itself, or, for a file in UTF-16 or UTF-32, the same characters in UTF-8 with its
    declaration saying so: the byte scans for a DOCTYPE, and its positions, then hold for every
    encoding XML allows. A file that is not valid in its encoding is left for the parser to report."""
    from .encoding import UnreadableEncoding, detect_encoding
    try:
        encoding = detect_encoding(data)
        if not encoding.codec.startswith("utf-16") and not encoding.codec.startswith("utf-32"):
            return data
        text = encoding.decode(data).lstrip("\ufeff")
    except (UnreadableEncoding, UnicodeError, LookupError):
        return data
    return _WIDE_DECLARATION.sub(lambda m: f"{m.group(1)}{m.group(2)}UTF-8{m.group(2)}", text, count=1).encode("utf-8")


def has_doctype(data: bytes) -> bool:
    """Whether ``data`` has a DOCTYPE declaration, in whatever encoding it is."""
    data = _ascii_compatible(data)
    return bool(_DOCTYPE.match(data, _PROLOG.match(data).end()))


def parse_bytes(data: bytes, path: str, collect_ids: bool = True, doctype: bool = False,
                warnings: list[Problem] | None = None) -> etree._ElementTree:
    """Parse ``data`` (read from ``path``) or raise EditionError with path:line:col.

    ``collect_ids=False`` accepts a repeated ``xml:id`` (an error of validity, not of
    well-formedness), for foreign corpora whose registers repeat one. ``doctype=True``, for
    foreign corpora too, accepts a DOCTYPE that declares no entities (``<!DOCTYPE TEI SYSTEM
    "tei_all.dtd">``), which is never read (:func:`_inert_doctype`); what it leaves unresolved
    is appended to ``warnings``.
    """
    data = _ascii_compatible(data)
    prolog = _PROLOG.match(data).end()
    if _DOCTYPE.match(data, prolog):
        if not doctype:
            line, col = _line_col(data, prolog)
            raise EditionError(Problem(
                path, line, col, "error",
                "a DOCTYPE declaration is not allowed: the edition's TEI files may not declare or load "
                "entities or DTDs", rule="safe-parsing"))
        data = _inert_doctype(data, path, prolog, warnings)
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
        # The byte scan above reads every encoding; the parser is the second line of defence.
        raise EditionError(Problem(path, 1, 1, "error",
                                   "a DOCTYPE declaration is not allowed: the edition's TEI files may not "
                                   "declare or load entities or DTDs", rule="safe-parsing"))
    return tree


def parse_generated(data: bytes, path: str) -> etree._ElementTree:
    """Parse a file the toolchain made from files :func:`parse_bytes` read (the export's
    teiCorpus): it wraps each text in one more level than its source has, so the depth bound
    is lifted (Saxon is given MAX_DEPTH + 1, ria/publish/transform.py); nothing else is."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    return etree.fromstring(data, parser, base_url=str(path)).getroottree()


def parse_file(path: Path | str, display_path: str | None = None) -> etree._ElementTree:
    path = Path(path)
    shown = display_path or str(path)
    try:
        data = read_regular(path)
    except OSError as err:
        raise EditionError(Problem(shown, 1, 1, "error", f"cannot read file: {err.strerror}",
                                   rule="io")) from None
    return parse_bytes(data, shown)
