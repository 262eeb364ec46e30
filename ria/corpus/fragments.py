"""A file whose root is a TEI element that is no document: an entry, or a part of a text.

Editions such as the Carl Maria von Weber edition (WeGA) keep each diary day in a file of its
own whose root is an <ab>, each person in one whose root is a <person>, each book or article of
its bibliography in one whose root is a <biblStruct>. Another file may
xi:include such a file (then it is published within that file); one that no file includes is
published on its own: an entry as a register of one entry, a part of a text as a text, read
as if a minimal TEI document were around it. That document says no more than the element
does: its title is the element's own heading, its @n or the file's name, its date the
element's @n or @when where that is an ISO date, and its source description says that the
file is a fragment without a header. Whether a file is included is known once every file is
read (survey.py, build.py), so the survey makes the document and the build decides.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from ..model.entries import KINDS
from ..xmlio import TEI as T

# Where a text-like root goes in the document around it.
_IN_BODY = frozenset({"ab", "div", *(f"div{n}" for n in range(1, 8)), "p", "lg", "sp", "floatingText"})
_IN_TEXT = frozenset({"body", "front", "back"})
_LISTS = frozenset({"listPerson", "listPlace", "listOrg", "listBibl", "listEvent"})
_ISO_DATE = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?")


@dataclass
class Fragment:
    kind: str  # "text" or "register"
    why: str
    tree: etree._ElementTree  # the minimal TEI document around it
    source: bytes  # that document's bytes, which the stylesheets read and the site offers


def fragment_document(root: etree._Element, rel: str, stem: str) -> Fragment | None:
    """The document a fragment is read as; None for an element that is neither an entry nor a part of a text."""
    name = etree.QName(root).localname
    if root.tag in KINDS:
        # a bibl or biblStruct is a work of a register only in a listBibl (model.entries.register_entries)
        listed = {"person": "listPerson", "place": "listPlace", "org": "listOrg", "work": "listBibl",
                  "event": "listEvent"}[KINDS[root.tag]]
        body = etree.Element(T + "body")
        etree.SubElement(body, T + listed).append(copy.deepcopy(root))
        tree = _document(_title(root) or stem, "", rel, name, body)
        return Fragment("register", f"its root is a {name} entry (a file no other file includes)", tree,
                        _bytes(tree))
    if name in _LISTS and root.tag.startswith(T) and any(child.tag in KINDS for child in root):
        # ParlaMint's speakers and parties, each list a file its corpus header includes
        body = etree.Element(T + "body")
        body.append(copy.deepcopy(root))
        tree = _document(_title(root) or stem, "", rel, name, body)
        return Fragment("register", f"its root is a {name} (a file no TEI document includes)", tree, _bytes(tree))
    if name not in _IN_BODY | _IN_TEXT | {"text"} or not root.tag.startswith(T):
        return None
    element = copy.deepcopy(root)
    if name in _IN_BODY:
        text = etree.Element(T + "text")
        etree.SubElement(text, T + "body").append(element)
    elif name in _IN_TEXT:
        text = etree.Element(T + "text")
        text.append(element)
    else:
        text = element
    date = next((value for value in (root.get("when"), root.get("n")) if value and _ISO_DATE.fullmatch(value)), "")
    tree = _document(_title(root) or (root.get("n") or "").strip() or stem, date, rel, name, text)
    return Fragment("text", f"its root is a TEI <{name}> without a header (a fragment no other file includes)",
                    tree, _bytes(tree))


def _title(root: etree._Element) -> str:
    """The element's own heading: its head, or its title (an entry's, a work's, a biblStruct's
    article's or book's)."""
    for path in ("head", "title", "analytic/title", "monogr/title"):
        found = root.find("/".join(T + step for step in path.split("/")))
        if found is not None:
            words = " ".join("".join(found.itertext()).split())
            if words:
                return words
    return ""


def _document(title: str, date: str, rel: str, name: str, content: etree._Element) -> etree._ElementTree:
    tei = etree.Element(T + "TEI", nsmap={None: T[1:-1]})
    header = etree.SubElement(tei, T + "teiHeader")
    file_desc = etree.SubElement(header, T + "fileDesc")
    etree.SubElement(etree.SubElement(file_desc, T + "titleStmt"), T + "title").text = title
    etree.SubElement(etree.SubElement(file_desc, T + "publicationStmt"), T + "p").text = "Not stated."
    etree.SubElement(etree.SubElement(file_desc, T + "sourceDesc"), T + "p").text = (
        f"The file {rel} is a fragment without a TEI header: its root element is <{name}>. The title and "
        "date given here are taken from that element or the file's name.")
    if date:
        creation = etree.SubElement(etree.SubElement(header, T + "profileDesc"), T + "creation")
        etree.SubElement(creation, T + "date", when=date).text = date
    if content.tag == T + "text":
        tei.append(content)
    else:
        etree.SubElement(tei, T + "text").append(content)
    return etree.ElementTree(tei)


def _bytes(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
