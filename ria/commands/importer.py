"""The import command: a plain-text or Markdown transcription → a TEI skeleton to edit by hand.

``python build.py import COPYTEXT --id ID --title TITLE [--author AUTHOR] [--prefix P]``
writes ``tei/texts/ID.xml`` and copies the transcription, as received, to
``sources/ID.txt``. The skeleton has:

* a header from the arguments, with the two ``<?xml-model?>`` instructions, and the
  licence the corpus header (``tei/edition.xml``) gives the edition's own work;
* divisions from headings: Markdown ``#`` heads (nested by level) or, in plain
  text, short title-like lines standing alone;
* a paragraph for every other block of lines (the lines joined by a space);
* footnote markers (``<sup>N</sup>``, ``[N]``, ``[^N]``) as ``note`` elements with
  ``@n``, holding the note's text where the copy-text gives it (a block starting
  with the same marker, ``[^N]:`` or ``N.``) or ``<gap reason="not-in-copy-text"/>``;
* Markdown ``*emphasis*`` and ``**strong**`` as ``hi``;
* the names the registers know pre-marked for review: ``persName``/``placeName``/
  ``orgName`` with ``@ref`` and ``cert="low"``;
* an ``xml:id`` on every ``div``, ``p`` and ``note``, with the text's prefix.

Before anything is written the skeleton is validated (RelaxNG, XSD, Schematron,
with the rest of the edition) and compared word by word with the copy-text (the
fidelity test); a failure writes nothing. Existing files are never overwritten.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from ..files import durable_temp_file
from ..model.project_config import ProjectConfig, edition_config
from ..problems import EditionError
from ..xmlio import TEI_NS
from .transcription import MARKER, Block, blocks, nest_safely, pair_notes

if TYPE_CHECKING:
    from ..validate.lint import FormFinder

_TEXT_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_PREFIX = re.compile(r"^[a-z][a-z0-9]*$")
# The tags that the fidelity test does not count as words (ria.validate.fidelity._HTML_TAG).
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\s*/?>")
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_TAG_FOR = {"person": "persName", "place": "placeName", "org": "orgName"}
# Characters XML 1.0 does not allow (form feeds of PDF extractions …): white space instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Counters:
    prefix: str
    div: int = 0
    p: int = 0
    note: int = 0

    def next(self, kind: str) -> str:
        setattr(self, kind, getattr(self, kind) + 1)
        letter = {"div": "d", "p": "p", "note": "n"}[kind]
        return f"{self.prefix}-{letter}{getattr(self, kind)}"


@dataclass
class Skeleton:
    xml: str
    names_marked: int = 0
    notes: int = 0
    notes_with_text: int = 0
    divs: int = 0
    paragraphs: int = 0
    warnings: list[str] = field(default_factory=list)


# --- writing TEI -----------------------------------------------------------------------------


class Writer:
    def __init__(self, counters: Counters, names: FormFinder, forms: dict, annotator: str):
        self.counters = counters
        self.names = names
        self.forms = forms
        self.annotator = annotator
        self.names_marked = 0
        self.notes = 0
        self.notes_with_text = 0
        self.definitions: dict[str, list[str]] = {}

    def plain(self, text: str) -> str:
        """Escaped text with register names pre-marked."""
        out, pos = [], 0
        for start, form in self.names.find(text):
            entry = self.forms[form]
            tag = _TAG_FOR[entry.kind]
            out.append(escape(text[pos:start]))
            out.append(f'<{tag} ref="#{entry.id}" cert="low">{escape(form)}</{tag}>')
            self.names_marked += 1
            pos = start + len(form)
        out.append(escape(text[pos:]))
        return "".join(out)

    def phrases(self, text: str) -> str:
        """Text without note markers: emphasis as hi, other HTML tags dropped, names marked."""
        out, pos = [], 0
        for match in _EMPHASIS.finditer(text):
            out.append(self._untagged(text[pos:match.start()]))
            if match.group(1) is not None:
                out.append(f'<hi rend="bold">{self.phrases(match.group(1))}</hi>')
            else:
                out.append(f'<hi rend="italic">{self.phrases(match.group(2))}</hi>')
            pos = match.end()
        out.append(self._untagged(text[pos:]))
        return "".join(out)

    def _untagged(self, text: str) -> str:
        # As the fidelity test reads them: a tag between two letters separates two words.
        def drop(match: re.Match) -> str:
            before, after = text[match.start() - 1:match.start()], text[match.end():match.end() + 1]
            return " " if before.isalnum() and after.isalnum() else ""
        return self.plain(_HTML_TAG.sub(drop, text))

    def content(self, text: str, notes: bool = True) -> str:
        """Paragraph content: phrases, and a note at each marker."""
        if not notes:
            return self.phrases(text)
        out, pos = [], 0
        for match in MARKER.finditer(text):
            n = next(g for g in match.groups() if g is not None)
            out.append(self.phrases(text[pos:match.start()]))
            out.append(self.note(n))
            pos = match.end()
        out.append(self.phrases(text[pos:]))
        return "".join(out)

    def note(self, n: str) -> str:
        self.notes += 1
        xml_id = self.counters.next("note")
        queue = self.definitions.get(n)
        if queue:
            body = self.phrases(queue.pop(0))
            self.notes_with_text += 1
        else:
            body = '<gap reason="not-in-copy-text"/>'
        return (f'<note xml:id="{xml_id}" n="{escape(n, {chr(34): "&quot;"})}" type="authorial" '
                f'resp="#{self.annotator}" place="foot">{body}</note>')


def body_xml(items: list[Block], writer: Writer, markdown: bool) -> tuple[str, int, int]:
    """The <body> content; returns (xml, divisions, paragraphs)."""
    out: list[str] = []
    open_levels: list[int] = []
    divs = paragraphs = 0
    base = 3
    for block in items:
        if block.kind == "rule":
            continue
        if block.kind == "head":
            level = block.level if markdown else 1
            while open_levels and open_levels[-1] >= level:
                open_levels.pop()
                out.append("  " * (base + len(open_levels)) + "</div>")
            indent = "  " * (base + len(open_levels))
            out.append(f'{indent}<div xml:id="{writer.counters.next("div")}">')
            out.append(f"{indent}  <head>{writer.content(block.text)}</head>")
            open_levels.append(level)
            divs += 1
            continue
        indent = "  " * (base + len(open_levels))
        paragraphs += 1  # numbered through the body: the skeleton's divisions carry no number
        out.append(f'{indent}<p xml:id="{writer.counters.next("p")}" n="{paragraphs}">{writer.content(block.text)}</p>')
    while open_levels:
        open_levels.pop()
        out.append("  " * (base + len(open_levels)) + "</div>")
    return "\n".join(out), divs, paragraphs


def _author_xml(author: str, forms: dict) -> str:
    if not author:
        return ""
    entry = forms.get(author)
    if entry is not None and entry.kind == "person":
        return f'        <author><persName ref="#{entry.id}" cert="low">{escape(author)}</persName></author>\n'
    return f"        <author>{escape(author)}</author>\n"


def _licence_xml(project: ProjectConfig) -> str:
    """The licence of what the edition adds to a text: the one its header gives its own work (none where it gives none)."""
    if not project.licence:
        return ""
    return (f"          <licence target={quoteattr(project.licence)}>The markup, notes and "
            f"apparatus that this edition adds to the text are licensed under {escape(project.licence_name)}. "
            "The licence does not extend to the source text, whose rights are stated above.</licence>\n")


def skeleton(copy_text: str, text_id: str, title: str, author: str, prefix: str,
             forms: dict, today: str, project: ProjectConfig) -> Skeleton:
    """The TEI of a new text; its encoding is attributed to ``project``'s editors, by their xml:id."""
    from ..validate.lint import FormFinder

    items, markdown = blocks(_NOT_XML.sub(" ", copy_text))
    items, definitions = pair_notes(items)
    annotator = f"{prefix}-annotator"
    writer = Writer(Counters(prefix), FormFinder(forms), forms, annotator)
    writer.definitions = definitions
    body, divs, paragraphs = body_xml(nest_safely(items, markdown), writer, markdown)
    if not body.strip():
        body = f'      <p xml:id="{prefix}-p1" n="1"/>'
    year = re.search(r"-(\d{4})$", text_id)
    creation = (f'<date when="{year.group(1)}">{year.group(1)}</date> (from the text’s id: to be checked)'
                if year else "<date>not yet established</date>")
    source_name = f"sources/{text_id}.txt"
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="../../schema/edition.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="../../schema/edition.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
<TEI xmlns="{TEI_NS}" xml:id="{text_id}" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main">{escape(title)}</title>
        <title type="sub">A digital critical edition in TEI P5</title>
{_author_xml(author, forms)}        <respStmt>
          <resp>Notes of the copy-text (whose they are is to be established) by</resp>
          <name xml:id="{annotator}">the notes’ author, not yet identified</name>
        </respStmt>
        <respStmt>
          <resp>TEI encoding (an imported skeleton, to be reviewed) by</resp>
          <orgName ref="#{project.editors_id}">{escape(project.editors)}</orgName>
        </respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher><orgName ref="#{project.editors_id}">{escape(project.publisher)}</orgName></publisher>
        <idno type="text-id">{text_id}</idno>
        <availability status="unknown">
          <p>The rights in this text have not yet been established.</p>
{_licence_xml(project)}        </availability>
      </publicationStmt>
      <sourceDesc>
        <bibl type="witness">The copy-text: <ref target="../../{source_name}">{source_name}</ref>, imported on <date when="{today}">{today}</date>.</bibl>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <editorialDecl>
        <p>Skeleton made by “build.py import”: divisions from the copy-text’s headings, a paragraph for each block of lines, note markers as notes with their printed number, and the names the registers know marked with cert="low" for review. Nothing is corrected or omitted yet.</p>
      </editorialDecl>
    </encodingDesc>
    <profileDesc>
      <creation>{creation}</creation>
    </profileDesc>
    <revisionDesc>
      <change when="{today}" who="#{project.editors_id}">Imported from {source_name} by build.py import: a skeleton to be reviewed.</change>
    </revisionDesc>
  </teiHeader>
  <text>
    <body>
{body}
    </body>
  </text>
</TEI>
"""
    return Skeleton(xml, writer.names_marked, writer.notes, writer.notes_with_text, divs, paragraphs)


# --- the command -----------------------------------------------------------------------------


def _default_prefix(text_id: str, taken: set[str]) -> str:
    words = [p for p in text_id.split("-") if p[:1].isalpha()] or ["t"]
    candidates = [w[:3] for w in words] + words
    candidates += [f"{w[:3]}{i}" for i in range(2, 100) for w in words[:1]]
    for candidate in candidates:
        if _PREFIX.match(candidate) and not any(t == candidate or t.startswith(candidate + "-") for t in taken):
            return candidate
    raise EditionError(f"no free xml:id prefix for '{text_id}': give one with --prefix")


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (never replacing a file): temporary file, fsync, then a hard link."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = durable_temp_file(path.parent, path.name, data, 0o644)
    try:
        os.link(tmp, path)  # fails if path exists: nothing is overwritten, even in a race
    finally:
        os.unlink(tmp)


def run_import(root: Path, copytext: Path, text_id: str, title: str, author: str = "",
               prefix: str | None = None, today: str | None = None) -> int:
    from ..model.load import Document, load_edition
    from ..publish.build import Project, saxon
    from ..validate.fidelity import compare
    from ..validate.lint import candidate_forms
    from ..validate.schemas import Schemas, validate
    from ..xmlio import XML_ID, parse_bytes

    project = Project.at(Path(root))
    copytext = Path(copytext)
    target = project.tei / "texts" / f"{text_id}.xml"
    source = project.root / "sources" / f"{text_id}.txt"

    def fail(message: str) -> int:
        print(f"error: {message}", file=sys.stderr)
        return 1

    if not _TEXT_ID.fullmatch(text_id or ""):  # fullmatch: "$" alone lets a final line break through
        return fail(f"--id '{text_id}' is not a text id: lower-case letters, digits and hyphens, "
                    "author-year (e.g. lenin-1917)")
    if prefix is not None and not _PREFIX.fullmatch(prefix):
        return fail(f"--prefix '{prefix}' must be lower-case letters and digits (e.g. len)")
    if not title.strip():
        return fail("--title must not be empty")
    try:
        raw = copytext.read_bytes()
    except OSError as err:
        return fail(f"cannot read the copy-text {copytext}: {err.strerror}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return fail(f"{copytext}: not UTF-8 (byte {err.start}); convert it to UTF-8 first")
    if target.exists():
        return fail(f"{target.relative_to(project.root)} already exists; it is never overwritten "
                    "(choose another --id, or move the file away first)")
    if source.exists() and source.read_bytes() != raw:
        return fail(f"{source.relative_to(project.root)} already exists with other contents; "
                    "it is never overwritten (choose another --id)")

    edition, problems = load_edition(project.root, project.tei)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise EditionError(errors)
    identity = edition_config(project.root, edition.corpus.tree if edition.corpus else None)
    if not identity.editors_id:
        return fail("the corpus header (tei/edition.xml) names no editors with an xml:id in its titleStmt's "
                    "respStmt, to whom the new text's encoding would be attributed")
    taken = {el.get(XML_ID) for doc in edition.documents for el in doc.tree.iter()
             if isinstance(el.tag, str) and el.get(XML_ID)}
    if text_id in taken:
        return fail(f"xml:id '{text_id}' is already used in the edition; choose another --id")
    if prefix is None:
        prefix = _default_prefix(text_id, taken)
    elif any(t.startswith(prefix + "-") for t in taken):
        return fail(f"--prefix '{prefix}' is already used by other ids (e.g. "
                    f"{next(t for t in sorted(taken) if t.startswith(prefix + '-'))}); choose another")

    forms = candidate_forms(edition)
    result = skeleton(text, text_id, title, author, prefix, forms,
                      today or datetime.date.today().isoformat(), identity)
    data = result.xml.encode("utf-8")

    # Prove it: valid with the rest of the edition, and faithful to the copy-text.
    rel = str(target.relative_to(project.root))
    doc = Document(target, rel, "text", data, parse_bytes(data, rel))
    edition.texts.append(doc)
    schemas = Schemas.load(project.schema, saxon())
    found = validate(edition, schemas, only={target.resolve()})
    errors = [p for p in found if p.severity == "error"]
    report = compare(text_id, text, doc.tree)
    if errors or not report.ok:
        for problem in errors:
            print(problem, file=sys.stderr)
        for line in report.problems + [str(d) for d in report.differences[:20]]:
            print(f"{rel}: fidelity: {line}", file=sys.stderr)
        return fail("the skeleton did not pass validation or the fidelity test; nothing was written "
                    "(please report this with the copy-text)")

    try:
        if not source.exists():
            _write_new(source, raw)
        _write_new(target, data)
    except FileExistsError as err:
        return fail(f"{err.filename} appeared while importing; nothing was overwritten")
    warnings = [p for p in found if p.severity == "warning"]
    print(f"wrote {rel} ({result.divs} divisions, {result.paragraphs} paragraphs, {result.notes} notes "
          f"({result.notes_with_text} with their text), {result.names_marked} names pre-marked with "
          f"cert=\"low\"; xml:id prefix '{prefix}') and {source.relative_to(project.root)}")
    print(f"the skeleton is valid and passes the fidelity test; {len(warnings)} warnings: "
          f"run `python build.py check {rel}`")
    return 0
