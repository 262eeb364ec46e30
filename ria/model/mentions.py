"""Mentions: the names in a text that point to an entry, and the anchor of each.

They are decided and numbered here, once. The index lists an entry's mentions by these
anchors (model/passages.py), and the transform
writes each anchor onto its element (``ria:mention``, publish/transform.py), which the
stylesheets give the name in the page as its id (xslt/names.xsl), so that the page and the
index cannot disagree.

A mention is a name (``persName``, ``placeName``, ``orgName``, ``rs``) with a ``@ref``
inside the text's ``<text>`` (or an ``author`` or ``editor`` with one: a record of a work in its
body names its author so, as Syriaca.org's do), except in the copies of register entries a text may carry in
its back matter (``back/listPerson`` …), which are not part of its reading. A name without a
``@ref`` may point with ``@key`` instead, the entry's id as it stands, as the Carl Maria von
Weber edition (WeGA) writes ``<persName key="A002068">``; it is a mention as ``ref="#A002068"``
would be, and so are its ``settlement``, ``workName`` (a TEI-namespace element of its own) and
a plain ``name`` with a ``@key`` (a ``name`` with a ``@ref`` names an event: passages.py).
An utterance (``u``) whose ``@who`` points to a speaker the document does not itself list
mentions that speaker (ParlaMint's ``<u who="#PAD_35521">``, a person of the corpus's list of
speakers): the page leads the utterance by the speaker's name, linked to the entry, and the entry
lists the utterance. A speaker the document lists (its ``particDesc``, as a play's cast) is
shown on its own page, and is no mention (xslt/spoken.xsl decides so too). What a speaker does
around the words (``vocal``, ``kinesic``, ``incident`` with a ``@who``: ParlaMint's who coughs,
who applauds) mentions that speaker as an utterance does.
The mentions are numbered m1, m2 … in document order.
"""

from __future__ import annotations

from lxml import etree

from ..xmlio import TEI as T
from ..xmlio import parse_bytes

NAMESPACE = "urn:revolution-in-arms"  # the stylesheets' own namespace (prefix ria:)
ANCHOR = f"{{{NAMESPACE}}}mention"
_REF_TAGS = (T + "persName", T + "placeName", T + "orgName", T + "rs", T + "author", T + "editor")
MENTION_TAGS = (*_REF_TAGS, T + "name", T + "settlement", T + "workName")  # the elements a mention may be
_KEY_TAGS = frozenset(MENTION_TAGS)
UTTERANCE = T + "u"
# The speaker's own acts: the utterance, and what the speaker does around the words.
SPEAKING = (UTTERANCE, T + "vocal", T + "kinesic", T + "incident")
_OWN_REGISTERS = frozenset(T + name for name in ("listPerson", "listPlace", "listOrg", "listBibl", "listEvent"))


def mentions(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """Each mention of the document whose root element is ``root``, with its anchor, in document order."""
    return [(el, anchor) for el, anchor, _ in pointing(root)]


def pointing(root: etree._Element) -> list[tuple[etree._Element, str, list[str]]]:
    """Each mention of the document with its anchor and the entries it points to, in document order."""
    text = root.find(T + "text")
    if text is None:
        return []
    found: list[tuple[etree._Element, str, list[str]]] = []
    own_ids: set[str] | None = None  # the ids the document gives, read once if an utterance asks
    for el in text.iter(*MENTION_TAGS, *SPEAKING):
        if el.tag in SPEAKING:
            if own_ids is None:
                own_ids = set(root.xpath("//@xml:id"))
            entries = [entry for entry in _pointers(el.get("who") or "") if entry not in own_ids]
            if not entries:
                continue
        elif is_pointing(el) and not in_own_register(el):
            entries = entry_ids(el)
        else:
            continue
        found.append((el, f"m{len(found) + 1}", entries))
    return found


def is_pointing(el: etree._Element) -> bool:
    """Whether ``el`` is a name that points to an entry: with a ``@ref``, or with a ``@key`` and no ``@ref``."""
    if el.get("ref") is not None:
        return el.tag in _REF_TAGS and bool(el.get("ref"))
    return el.tag in _KEY_TAGS and bool((el.get("key") or "").split())


def entry_ids(el: etree._Element) -> list[str]:
    """The entries a name points to: each ``#id`` of its ``@ref`` (or an address on the web, which
    the index reads as the entry whose authority record it is), else each id of its ``@key``."""
    ref = el.get("ref")
    if ref is not None:
        return _pointers(ref)
    return (el.get("key") or "").split()


def _pointers(value: str) -> list[str]:
    return [pointer[1:] if pointer.startswith("#") else pointer for pointer in value.split()
            if (pointer.startswith("#") and len(pointer) > 1) or pointer.startswith(("http://", "https://"))]


def in_own_register(el: etree._Element) -> bool:
    """Whether ``el`` is in a copy of register entries in the back matter, not part of the reading."""
    for ancestor in el.iterancestors(*_OWN_REGISTERS):
        parent = ancestor.getparent()
        if parent is not None and parent.tag == T + "back":
            return True
    return False


def marked(xml_text: str, display_path: str) -> str:
    """The document with each mention's anchor on its element, for the stylesheets.

    Its lines stay where they were in the file, so that a message of the transform points
    into it. A document with no pointer at all is given back as it is.
    """
    if "ref=" not in xml_text and "key=" not in xml_text and "who=" not in xml_text:
        return xml_text
    # As the corpus build reads a file: a repeated xml:id or an inert DOCTYPE is not an error here.
    root = parse_bytes(xml_text.encode("utf-8"), display_path, collect_ids=False, doctype=True).getroot()
    found = mentions(root)
    if not found:
        return xml_text
    for el, anchor in found:
        el.set(ANCHOR, anchor)
    # The prolog (declaration, DOCTYPE without entities, processing instructions) says nothing
    # the stylesheets read; blank lines in its place keep the root on its own line.
    return "\n" * ((root.sourceline or 1) - 1) + etree.tostring(root, encoding="unicode")
