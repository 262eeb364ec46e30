"""The character encoding of an XML file, found as the XML rules find it (XML 1.0, 4.3.3 and appendix F).

A byte order mark decides first. Without one, the first bytes tell UTF-16 or UTF-32
from an ASCII-compatible encoding, and the encoding declaration names the encoding
(UTF-8 if there is none). Lint counts lines and columns in the decoded characters,
and format writes a file back in the encoding it came in: both need the encoding
the parser read, whatever it is, not UTF-8.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# UTF-32's little-endian mark begins with UTF-16's, so it is looked for first.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Without a mark, how the first '<?' is written shows the width and byte order of the characters.
_WIDE_STARTS = ((b"<\0\0\0", "utf-32-le"), (b"\0\0\0<", "utf-32-be"),
                (b"<\0?\0", "utf-16-le"), (b"\0<\0?", "utf-16-be"))
_DECLARATION = re.compile(
    r"""<\?xml\s+version\s*=\s*(["'])[^"']*\1\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._\-]*)\2""")


class UnreadableEncoding(ValueError):
    """The file's encoding is one Python has no codec for, or its bytes are not valid in it."""


@dataclass(frozen=True)
class XmlEncoding:
    codec: str  # Python's name of the codec, the byte order explicit ("utf-16-le")
    byte_order_mark: bytes  # the mark the file begins with, or b""
    declared: str | None  # the name in the encoding declaration, as written

    @property
    def name(self) -> str:
        """The name an encoding declaration gives it."""
        if self.declared:
            return self.declared
        if self.codec == "utf-8":
            return "UTF-8"
        family = "UTF-16" if "16" in self.codec else "UTF-32"
        # A byte order mark tells the order; without one, the name must.
        return family if self.byte_order_mark else family + self.codec[-2:].upper()

    def decode(self, data: bytes) -> str:
        """The file's characters, without the byte order mark."""
        try:
            return data[len(self.byte_order_mark):].decode(self.codec)
        except UnicodeDecodeError as err:
            raise UnreadableEncoding(f"the file is not valid {self.name}: {err.reason} at byte "
                                     f"{err.start + len(self.byte_order_mark)}") from None

    def encode(self, text: str) -> bytes:
        """``text`` in this encoding, after the same byte order mark.

        A character the encoding lacks becomes a character reference: in a well-formed
        file it can only stand in text or an attribute value, where it came from one.
        """
        return self.byte_order_mark + text.encode(self.codec, "xmlcharrefreplace")


def detect_encoding(data: bytes) -> XmlEncoding:
    """The encoding of the XML file ``data``; raises UnreadableEncoding if Python cannot read it."""
    mark, codec = next(((m, c) for m, c in _BYTE_ORDER_MARKS if data.startswith(m)), (b"", None))
    if codec is None:
        codec = next((c for start, c in _WIDE_STARTS if data.startswith(start)), None)
    # The declaration is ASCII, and reads the same in every ASCII-compatible encoding.
    head = data[len(mark):len(mark) + 512].decode(codec or "latin-1", errors="replace")
    match = _DECLARATION.match(head)
    declared = match.group(3) if match else None
    try:
        codec = codecs.lookup(codec or declared or "utf-8").name
    except LookupError:
        raise UnreadableEncoding(f"the encoding '{declared}' is not one this tool can read") from None
    return XmlEncoding(codec, mark, declared)


def decode_xml(data: bytes) -> str:
    """The characters of the XML file ``data``, decoded as the XML rules say."""
    return detect_encoding(data).decode(data)


def utf8_text(data: bytes) -> str | None:
    """The characters of ``data`` if it is a UTF-8 XML file by the XML rules, without its byte
    order mark; None if it is in another encoding, or not valid UTF-8.

    Saxon is handed a document as a string: a byte order mark left in it is content before the
    root, and a file that declares Latin-1 may be valid UTF-8 and read wrongly as such.
    """
    try:
        encoding = detect_encoding(data)
        return encoding.decode(data) if encoding.codec == "utf-8" else None
    except UnreadableEncoding:
        return None
