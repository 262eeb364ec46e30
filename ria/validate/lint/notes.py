"""The rules on notes: ``note-unanchored`` (a note with ``anchored="false"`` without the
textual note that explains it) and ``note-anchor-target`` (a ``ptr``/``ref`` of type
``noteAnchor`` without ``@target``, or pointing to a note that says it has no anchor; that
the target is a note is already Schematron's rule ``anchor-has-note``)."""

from __future__ import annotations

from lxml import etree

from ...model.load import Document
from ...problems import Problem
from ...xmlio import TEI as T
from ...xmlio import XML_ID
from .registers import pointers


def _next_element(el: etree._Element):
    sib = el.getnext()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getnext()
    return sib


def _previous_element(el: etree._Element):
    sib = el.getprevious()
    while sib is not None and not isinstance(sib.tag, str):
        sib = sib.getprevious()
    return sib


def note_problems(doc: Document) -> list[Problem]:
    root = doc.tree.getroot()
    text_el = root.find(T + "text")
    if text_el is None:
        return []
    problems = []
    notes = {n.get(XML_ID): n for n in text_el.iter(T + "note") if n.get(XML_ID)}
    explained = set()
    for note in text_el.iter(T + "note"):
        if note.get("type") == "textual":
            explained.update(pointers(note.get("target")))
    for note in text_el.iter(T + "note"):
        if note.get("anchored") != "false":
            continue
        beside = (_next_element(note), _previous_element(note))
        if note.get(XML_ID) in explained or any(
                n is not None and n.tag == T + "note" and n.get("type") == "textual" for n in beside):
            continue
        line, col = doc.locator.attribute(note, "anchored")
        problems.append(Problem(
            doc.rel, line, col, "warning",
            "a note without an anchor (anchored=\"false\") needs a textual note that explains it",
            hint="add <note type=\"textual\" resp=\"#ria\">…</note> right after it "
                 "(or one anywhere with target=\"#its-id\")",
            rule="note-unanchored"))
    for el in text_el.iter(T + "ptr", T + "ref"):
        if el.get("type") != "noteAnchor":
            continue
        targets = pointers(el.get("target"))
        line, col = doc.locator.element(el)
        if not el.get("target"):
            problems.append(Problem(doc.rel, line, col, "warning",
                                    f"{etree.QName(el).localname} of type noteAnchor has no @target",
                                    hint="point it to its note: target=\"#note-id\"",
                                    rule="note-anchor-target"))
            continue
        for target in targets:
            note = notes.get(target)
            if note is not None and note.get("anchored") == "false":
                problems.append(Problem(
                    doc.rel, line, col, "warning",
                    f"note anchor points to '#{target}', which says it has no anchor (anchored=\"false\")",
                    hint="remove anchored=\"false\" from the note, or the anchor",
                    rule="note-anchor-target"))
    return problems
