"""Where an element or attribute stands in its file: ``line:col`` for messages.

lxml knows the line of each element but not its column; the column is found by
looking for the element's start tag on that line in the raw text.
"""

from __future__ import annotations

import functools
import re

from lxml import etree

from .encoding import UnreadableEncoding, decode_xml


class Locator:
    """Positions in one file. A column is looked for only when a message asks for it,
    since most files have no problem to report."""

    def __init__(self, data: bytes, tree: etree._ElementTree):
        self._data = data
        self._tree = tree

    @functools.cached_property
    def _lines(self) -> list[str]:
        try:
            text = decode_xml(self._data)  # in the file's own encoding, whatever it is
        except UnreadableEncoding:
            text = self._data.decode("utf-8", errors="replace")
        return text.split("\n")

    @functools.cached_property
    def _on_line(self) -> dict[int, list[etree._Element]]:
        """Line → the elements that start on it, in document order."""
        on_line: dict[int, list[etree._Element]] = {}
        for el in self._tree.getroot().iter():
            if isinstance(el.tag, str) and el.sourceline is not None:
                on_line.setdefault(el.sourceline, []).append(el)
        return on_line

    def _column(self, el: etree._Element) -> int:
        qname = self._qname(el)
        same = [other for other in self._on_line.get(el.sourceline, []) if self._qname(other) == qname]
        # The nth start tag of that name on the line is the nth such element there.
        return self._find_tag(el.sourceline, qname, same.index(el)) if el in same else 1

    @staticmethod
    def _qname(el: etree._Element) -> str:
        local = etree.QName(el).localname
        prefix = el.prefix
        return f"{prefix}:{local}" if prefix else local

    def _find_tag(self, line: int, qname: str, nth: int) -> int:
        text = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        matches = [m.start() for m in re.finditer(rf"<{re.escape(qname)}(?=[\s/>])", text)]
        if nth < len(matches):
            return matches[nth] + 1
        return matches[-1] + 1 if matches else 1

    def element(self, el: etree._Element) -> tuple[int, int]:
        if not isinstance(el.tag, str) or el.sourceline is None:
            return (el.sourceline or 1, 1)
        return (el.sourceline, self._column(el))

    def attribute(self, el: etree._Element, name: str) -> tuple[int, int]:
        line, col = self.element(el)
        local = name.split("}")[-1]
        prefix = "xml:" if name.startswith("{http://www.w3.org/XML/1998/namespace}") else ""
        for offset in range(0, 6):
            index = line - 1 + offset
            if index >= len(self._lines):
                break
            text = self._lines[index]
            start = col - 1 if offset == 0 else 0
            match = re.compile(rf"(?<![\w:.-]){re.escape(prefix + local)}\s*=").search(text, start)
            if match:
                return index + 1, match.start() + 1
            if ">" in text[start:]:
                break
        return line, col

    def xpath(self, path: str) -> tuple[int, int]:
        """Position of the node that an XPath 3 ``path()`` or an lxml error path names."""
        attribute = None
        if "/@" in path:
            path, attribute = path.rsplit("/@", 1)
            attribute = re.sub(r"^Q\{(.*?)\}", r"{\1}", attribute)
        node = self._resolve(path)
        if node is None:
            return (1, 1)
        return self.attribute(node, attribute) if attribute else self.element(node)

    def _resolve(self, path: str):
        if path in ("", "/"):
            return self._tree.getroot()
        if "Q{" not in path:
            try:
                found = self._tree.xpath(path)
            except etree.XPathError:
                return None
            return found[0] if found else None
        node = None
        for step in re.findall(r"Q\{([^}]*)\}([^/\[]+)\[(\d+)\]", path):
            ns, local, index = step
            tag = f"{{{ns}}}{local}" if ns else local
            if node is None:
                root = self._tree.getroot()
                node = root if root.tag == tag else None
            else:
                children = [c for c in node if c.tag == tag]
                node = children[int(index) - 1] if int(index) <= len(children) else None
            if node is None:
                return None
        return node
