"""When a TEI document was made, read from wherever real corpora record it.

Letters date their sending (``correspDesc``), manuscripts their origin (``origDate``),
plays their writing, printing and premiere (DraCor's ``standOff/listEvent``), transcripts
their sitting (``settingDesc``), books their first edition (``sourceDesc``), and others their
``creation``. Every one may use ``@when``, ``@notBefore``/``@notAfter``,
``@from``/``@to`` or the ``-iso`` forms, and an ISO interval (``1894-02-17/1894-02-20``).
They are all read alike, and shown as a reader writes dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..xmlio import TEI as T
from ..xmlio import TEI_NS
from .datewords import spoken

_ISO = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?")
# A day as ISO 8601's basic form writes it, without hyphens (the Bahr–Schnitzler edition's "18931107").
_BASIC_DAY = re.compile(r"(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])")
# A year as library catalogues write it in an imprint: "1666." (with the record's full stop), "[1666]"
# (supplied by the cataloguer). An uncertain one ("1590?]") is not a date to sort by.
_CATALOGUED_YEAR = re.compile(r"(?P<year>\d{4})\.?|\[(?P<supplied>\d{4})\]\.?")
_STARTS = ("when", "when-iso", "from", "from-iso", "notBefore", "notBefore-iso")
_ENDS = ("to", "to-iso", "notAfter", "notAfter-iso")
# Where a document's own date stands, most telling first.
_WHERE = (
    "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date",
    "tei:teiHeader/tei:profileDesc/tei:creation/tei:date",
    "tei:teiHeader/tei:profileDesc/tei:creation/tei:origDate",
    # The Office of the Historian's documents say when they were written beside when they were posted.
    "tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:date[@type = 'created' or @type = 'creation']",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:origDate",
    "tei:standOff/tei:listEvent/tei:event[@type = 'written']",
    "tei:standOff/tei:listEvent/tei:event[@type = 'print']",
    "tei:standOff/tei:listEvent/tei:event[@type = 'premiere']",
    "tei:standOff/tei:listEvent/tei:event",
    # A transcript's sitting (Parla-CLARIN), a novel's first edition (ELTeC), a play's print in its
    # source (DLINA), a book's publication (the DTA's biblFull).
    "tei:teiHeader/tei:profileDesc/tei:settingDesc/tei:setting/tei:date",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:bibl[@type = 'firstEdition' or @type = 'originalSource']//tei:date",
    "tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:biblFull/tei:publicationStmt/tei:date",
    "tei:teiHeader/tei:profileDesc/tei:correspDesc/tei:correspAction/tei:date",
    # The correspondence SIG's first draft, before correspAction: a letter's dateSender (HBAS keeps
    # its correspDesc in the sourceDesc).
    "tei:teiHeader//tei:correspDesc/tei:dateSender/tei:date",
    "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type = 'iso-date']",
)
_FINDERS = [etree.XPath(path, namespaces={"tei": TEI_NS}) for path in _WHERE]
# A list of letters' sendings, as letters.xsl sorts them: CMIF's drafts call them "sending", a file
# written by hand leaves correspAction and its date out of TEI's namespace.
_LISTED_SENDINGS = etree.XPath(
    "tei:teiHeader/tei:profileDesc/tei:correspDesc/*[local-name() = 'correspAction']"
    "[@type = 'sent' or @type = 'sending' or not(@type)]/*[local-name() = 'date']", namespaces={"tei": TEI_NS})


@dataclass(frozen=True)
class DocumentDate:
    start: str  # ISO, for sorting; "" if undated
    end: str  # ISO, or "" for a single date
    label: str  # as a reader writes it

    @property
    def iso(self) -> str:
        return f"{self.start}/{self.end}" if self.end and self.end != self.start else self.start


UNDATED = DocumentDate("", "", "")


def extended(value: str) -> str:
    """A day in ISO 8601's basic form ("18931107") in its extended form ("1893-11-07"); any other
    value as it is. The same rule as common.xsl's ria:extended-date."""
    day = _BASIC_DAY.fullmatch(value)
    return "-".join(day.groups()) if day else value


def is_iso_date(value: str) -> bool:
    """Whether ``value`` is a year, a month or a day as ISO 8601 writes it (a year BC with "-")."""
    return bool(_ISO.fullmatch(value))


def span_of(el: etree._Element) -> tuple[str, str]:
    """The ISO start and end an element's dating attributes give ("" where they give none)."""
    start = next((extended(el.get(a)) for a in _STARTS if _ISO.fullmatch(extended(el.get(a) or ""))), "")
    end = next((extended(el.get(a)) for a in _ENDS if _ISO.fullmatch(extended(el.get(a) or ""))), "")
    for name in ("when-iso", "when"):
        value = el.get(name) or ""
        if "/" in value:  # an ISO interval
            first, _, last = value.partition("/")
            if _ISO.fullmatch(first) and _ISO.fullmatch(last):
                return first, last
    if not start and end:
        return "", end
    return start, end


def spoken_span(start: str, end: str) -> str:
    if start and end and end != start:
        return f"{spoken(start)} – {spoken(end)}"
    if start:
        return spoken(start)
    return f"before {spoken(end)}" if end else ""


def lists_letters(root: etree._Element) -> bool:
    """Whether the document is a list of letters' records and no text (correspSearch's CMIF: many
    correspDesc in its header, none a division's): its letters are its text (letters.xsl)."""
    descs = root.findall(f"{T}teiHeader/{T}profileDesc/{T}correspDesc")
    text = root.find(T + "text")
    return (len(descs) > 1 and text is not None and not "".join(text.itertext()).strip()
            and not any(el.get("decls") for el in text.iter()))


def document_date(root: etree._Element) -> DocumentDate:
    """The first date found where documents record their own, or UNDATED; a list of letters
    spans from its first letter's sending to its last's."""
    if lists_letters(root):
        spans = [span_of(el) for el in _LISTED_SENDINGS(root)]
        starts = sorted(start for start, _ in spans if start)
        ends = sorted(end or start for start, end in spans if end or start)
        if starts:
            return DocumentDate(starts[0], ends[-1], spoken_span(starts[0], ends[-1]))
    for find in _FINDERS:
        for el in find(root):
            start, end = span_of(el)
            written = "".join(el.itertext()).strip()
            if not (start or end) and el.tag == T + "date" and _ISO.fullmatch(written):
                return DocumentDate(written, "", spoken(written))  # <date>1908</date>: its words are the date
            catalogued = _CATALOGUED_YEAR.fullmatch(written) if not (start or end) and el.tag == T + "date" else None
            if catalogued:  # EEBO-TCP's imprints: <date>1666.</date>
                year = catalogued["year"] or catalogued["supplied"]
                return DocumentDate(year, "", year if catalogued["year"] else f"[{year}]")
            if not (start or end):
                continue
            words = " ".join("".join(el.itertext()).split()) if el.tag != T + "event" else ""
            if words and not all(_ISO.fullmatch(part) for part in words.split("/")):  # "1548/49 oder 1553" is words
                label = words  # as the encoder wrote it
            elif start and not end and not (el.get("when") or el.get("when-iso") or el.get("from")):
                label = f"{spoken(start)} or later"
            else:
                label = spoken_span(start, end)
            return DocumentDate(start or end, end, label)
    return UNDATED
