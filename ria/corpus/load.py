"""Finding and reading a corpus: its files, confined to its folder; which are texts and which registers.

A corpus is a folder of TEI files. Its texts and registers are found by content, or
named in an optional ``ria-corpus.json`` in the folder (patterns relative to it):

    {"title": "…", "texts": ["editions/*.xml"], "registers": ["indices/list*.xml"]}

A document whose body is lists of entries is a register; so is one with no body whose
``standOff`` holds such lists; any other TEI document is a text; other XML is skipped
and listed. Each file is parsed once, safely; one that cannot be is reported and left out.
"""

from __future__ import annotations

import copy
import fnmatch
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..model.project_config import CONFIG_NAME, CORPUS_SETTINGS, Policy, corpus_config, policy, read_settings
from ..model.texts import taxonomies_named
from ..problems import EditionError, Problem
from ..xmlio import TEI as T
from ..xmlio import XI_INCLUDE, XML_ID, XML_LANG, safe_parser

CONFIG = CONFIG_NAME
TEI_SUFFIXES = (".xml", ".tei")  # FreeDict's dictionaries, among others, are *.tei
LISTS = {T + "listPerson", T + "listPlace", T + "listOrg", T + "listBibl", T + "listEvent"}
# What a register's body may hold besides its lists: relations between the entries, and the framing.
REGISTER_BODY = frozenset(LISTS | {T + "listRelation"})
_FRAMING = frozenset({T + "head", T + "note"})
_BLANKABLE = frozenset({T + "p", T + "ab"})  # what is no content where it holds nothing
# What a register's lists hold: a list of anything else (CMIF's correspondence records, of
# another vocabulary, in a listBibl) is a text's content, not a register.
_ENTRIES = frozenset(T + tag for tag in ("person", "personGrp", "place", "org", "bibl", "biblStruct", "msDesc",
                                         "event", "relation"))
_REGISTER_HINTS = {"indices", "indexes", "registers", "register"}
_TEXT_HINTS = {"editions", "texts", "letters"}



@dataclass
class Layout:
    """Where a corpus's parts are, as found by convention or named in its config file."""

    root: Path
    title: str
    candidates: list[Path]  # files to read, in a stable order
    texts_named: set[Path] | None = None  # given by the config, else classified by content
    registers_named: set[Path] | None = None
    links_out: list[str] = field(default_factory=list)  # links that lead out of the corpus: not read
    policy: Policy = Policy("report", False)  # which problems stop its build, and what it publishes


@dataclass
class CorpusDocument:
    path: Path
    rel: str
    kind: str  # "text" or "register"
    data: bytes
    tree: etree._ElementTree
    why: str = ""  # why it was classified so
    # A document that is not its file as it stands (one TEI of a teiCorpus, a TEI without the
    # TEI namespace brought into it, a text with its includes followed): the bytes the
    # stylesheets read and the site offers.
    source: bytes | None = None
    name: str = ""  # what names it where it has no xml:id: its file's, and its place in the file
    # Its elements included from other files (xi:include followed): each → (that file, its line there);
    # and those files' bytes, so that a finding in them is said where it is (xinclude.py).
    origins: dict = field(default_factory=dict)
    included: dict[str, bytes] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.tree.getroot().get(XML_ID) or self.name or self.path.stem

    @property
    def tei(self) -> bytes:
        """The document's TEI: its file, or the document taken from it."""
        return self.data if self.source is None else self.source

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.tei).hexdigest()


@dataclass
class Corpus:
    """What a corpus holds, as its files were read: its documents (described, not their
    trees), the files that are not TEI, the links out of it, and the files that could not be read."""

    root: Path
    title: str
    texts: list = field(default_factory=list)  # DocumentRecord (survey.py), without their contents
    registers: list = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files that are not TEI
    links_out: list[str] = field(default_factory=list)  # links that lead out of the corpus: not read
    problems: list[Problem] = field(default_factory=list)  # files that could not be read: left out, reported
    titled_by_file: bool = False  # the title is a teiCorpus header's (the config names none)
    included: set[str] = field(default_factory=set)  # the files some text's xi:include reads
    parts: list[tuple[str, int, str]] = field(default_factory=list)  # TEI parts that are no document (survey.py)

    @property
    def documents(self) -> list:
        return self.registers + self.texts


def _resolved(link: Path) -> Path:
    # realpath, unlike Path.resolve, leaves a loop of links unresolved instead of raising:
    # such a link is no file (is_file() is False), so it is passed over like a broken one.
    return Path(os.path.realpath(link))


def _corpus_files(root: Path) -> tuple[list[str], list[str]]:
    """Every file in ``root`` (relative POSIX paths), and the links that lead out of it.

    Links are not followed out of the corpus: a link to a file inside it is read, a link to
    a folder is not walked (its files are reached by their own paths), and a link that leads
    outside is listed, not read.
    """
    files, links_out = [], []
    for folder, subfolders, names in os.walk(root):
        here = Path(folder)
        for name in sorted(subfolders):
            if (here / name).is_symlink():
                subfolders.remove(name)
                if not _resolved(here / name).is_relative_to(root):
                    links_out.append((here / name).relative_to(root).as_posix())
        for name in names:
            path = here / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink() and not _resolved(path).is_relative_to(root):
                links_out.append(rel)
            elif path.is_file():
                files.append(rel)
    return sorted(files), sorted(links_out)


def _matches(parts: list[str], pattern: list[str]) -> bool:
    """Glob matching by path segments: ``*``, ``?`` and ``[…]`` within a segment, ``**`` for any folders."""
    if not pattern:
        return not parts
    if pattern[0] == "**":
        return any(_matches(parts[i:], pattern[1:]) for i in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], pattern[0]) and _matches(parts[1:], pattern[1:])


def _glob(root: Path, files: list[str], patterns: list, config_path: Path) -> list[Path]:
    found = set()
    for pattern in patterns:
        if not isinstance(pattern, str) or not pattern:
            raise EditionError(Problem(str(config_path), 1, 1, "error", f"a pattern must be a text: {pattern!r}",
                                       rule="config"))
        parts = pattern.replace("\\", "/").split("/")
        if pattern.startswith(("/", "\\", "~")) or ":" in parts[0] or ".." in parts:
            raise EditionError(Problem(str(config_path), 1, 1, "error",
                                       f"the pattern {pattern!r} reaches outside the corpus folder; patterns "
                                       "are relative to it and may not climb out of it", rule="config"))
        found.update(rel for rel in files if _matches(rel.split("/"), [p for p in parts if p not in ("", ".")]))
    return [root / rel for rel in sorted(found)]


def _listed(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def layout(root: Path) -> Layout:
    root = Path(root).resolve()
    if not root.is_dir():
        raise EditionError(Problem(str(root), 1, 1, "error", "no corpus folder here", rule="io"))
    files, links_out = _corpus_files(root)
    config_path = root / CONFIG
    # The file's format is the edition's too (ria/model/project_config.py); one that is a link out is not read.
    settings = read_settings(config_path, CORPUS_SETTINGS) if CONFIG in files else None
    title = corpus_config(root, settings).title
    if settings is not None and {"texts", "registers"} & settings.values.keys():
        texts = _glob(root, files, _listed(settings.values.get("texts", [])), config_path)
        registers = _glob(root, files, _listed(settings.values.get("registers", [])), config_path)
        if not texts:
            raise settings.problem("texts", "the corpus config names no text files")
        return Layout(root, title, sorted(set(texts) | set(registers)), set(texts), set(registers), links_out,
                      policy(settings, edition=False))
    candidates = [root / rel for rel in files
                  if rel.endswith(TEI_SUFFIXES) and not any(part.startswith(".") for part in rel.split("/"))]
    return Layout(root, title, candidates, links_out=links_out, policy=policy(settings, edition=False))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_list(el: etree._Element) -> bool:
    """A register's list, or a division that holds only such lists (after its heading).

    A list of entries none of which is identified (by an xml:id, or an idno as Syriaca.org's URIs)
    is no register's: nothing can point to them (a papyrus's record in papyri.info, whose body is
    the bibliography of its editions)."""
    if el.tag in REGISTER_BODY:
        held = [c for c in el if isinstance(c.tag, str) and c.tag not in _FRAMING]
        if not held:
            return True
        entries = [entry for entry in el.iter(*_ENTRIES) if entry.tag != T + "relation"]
        if entries:
            return any(map(_identified, entries))
        return any(True for _ in el.iter(T + "relation"))
    content = [c for c in el if isinstance(c.tag, str) and c.tag not in _FRAMING]
    return el.tag == T + "div" and bool(content) and all(_is_list(c) for c in content)


def _identified(entry: etree._Element) -> bool:
    return entry.get(XML_ID) is not None or entry.find(T + "idno") is not None


# What a text's standOff may hold that is read: the registers' lists (here), the annotations and
# spans, and the categories their @ana points to, that its page lists (xslt/standoff.xsl).
_READ_STANDOFF = frozenset(REGISTER_BODY | {T + "listAnnotation", T + "spanGrp", T + "interpGrp"})


def unread_standoff(root: etree._Element, rel: str) -> list[Problem]:
    """A warning, once for a document, naming what its standOff holds that is neither published
    nor read (a linkGrp of syntactic links, a timeline): left out, but never silently."""
    unread = [c for so in root.iterfind(T + "standOff") for c in so
              if isinstance(c.tag, str) and c.tag not in _READ_STANDOFF]
    if not unread:
        return []
    names = ", ".join(dict.fromkeys(_local(c.tag) for c in unread))
    return [Problem(rel, unread[0].sourceline or 1, 1, "warning",
                    f"the standOff's {names} ({len(unread)} element{'s' if len(unread) != 1 else ''}) "
                    "is not shown on the text's page", rule="corpus")]


def classify(root: etree._Element, path: Path) -> tuple[str, str]:
    """("register" or "text", why): a register is a document whose body is lists of entries.

    What the body is decides, not what the standOff holds: a play keeps the dates of its
    writing and premiere in a standOff listEvent and is a text. Only a document with no
    body of its own is a register because of its standOff's lists, or, failing those,
    because of its folder's name.
    """
    body = root.find(f"{T}text/{T}body")
    # (an include that could not be followed stands for a part it does not say: not the body's content)
    content = [c for c in body if isinstance(c.tag, str) and c.tag not in _FRAMING and c.tag != XI_INCLUDE
               and not _blank(c)] if body is not None else []
    if content:
        lists = [c for c in content if _is_list(c)]
        if lists and len(lists) * 2 >= len(content):
            held = sorted({_local(g.tag) for c in lists for g in c.iter(*REGISTER_BODY)})
            return "register", "its body holds " + ", ".join(held)
        return "text", "its body holds " + ", ".join(dict.fromkeys(_local(c.tag) for c in content))
    standoff = sorted({_local(c.tag) for so in root.iterfind(T + "standOff") for c in so if c.tag in LISTS})
    if standoff:
        return "register", "it has no body text, and its standOff holds " + ", ".join(standoff)
    hints = {part for part in path.parent.parts}
    if hints & _REGISTER_HINTS and not hints & _TEXT_HINTS:
        return "register", "its body is empty, and it is in a folder of registers"
    text = root.find(f"{T}text")
    if body is not None and root.find(f"{T}teiHeader/{T}fileDesc/{T}sourceDesc/{T}msDesc") is not None:
        # A manuscript catalogue's record (the Bodleian's: <body><p/></body>): its header's description is what it says.
        return "text", "its body is empty: a record of the manuscript its header describes"
    if text is None and root.find(T + "sourceDoc") is not None:
        return "text", "it has no text, and a sourceDoc (a transcription of its pages as they lie)"
    if text is None and any("".join(line.itertext()).strip() for line in root.iterfind(f"{T}facsimile//{T}line")):
        return "text", "it has no text, and its facsimile's zones hold the lines (an embedded transcription)"
    if text is None:
        return "text", "it has a header and no text (a record of its source)"
    if body is None:
        held = [child for child in text if isinstance(child.tag, str)]
        if held:
            return "text", "its text holds " + ", ".join(dict.fromkeys(_local(c.tag) for c in held))
    return "text", "its body is empty"


def _blank(el: etree._Element) -> bool:
    """A paragraph with nothing in it (a catalogue record's <p/>, kept for the schema's sake)."""
    return el.tag in _BLANKABLE and not (el.text or "").strip() and not any(
        isinstance(child.tag, str) or (child.tail or "").strip() for child in el)


_P4_ROOTS = ("TEI", "TEI.2", "teiCorpus", "teiCorpus.2")


def tei_documents(tree: etree._ElementTree, rel: str,
                  stem: str) -> list[tuple[str, etree._ElementTree, bytes | None, str, str]]:
    """The TEI documents a file holds: (shown path, tree, bytes to transform or None, name, the
    taxonomies its keywords name that only the headers of the teiCorpus around it hold).

    A TEI file is one. A teiCorpus holds a TEI for each of its texts, each taken out as a
    document of its own. A TEI or teiCorpus without the TEI namespace (TEI P4's TEI.2, or a P5
    file that does not declare it, as the Fontenay charters' teiCorpus) is brought into the
    namespace; anything else holds none.
    """
    root = tree.getroot()
    if root.tag == T + "TEI":
        bodied = _with_text(root)
        return [(rel, tree, None, stem, "")] if bodied is None else [(rel, bodied, _serialised(bodied), stem, "")]
    if root.tag == T + "teiCorpus":
        found = []
        for n, tei in enumerate(root.iter(T + "TEI"), start=1):
            part = etree.ElementTree(copy.deepcopy(tei))
            headers = [corpus.find(T + "teiHeader") for corpus in tei.iterancestors(T + "teiCorpus")]
            found.append((f"{rel}#{tei.get(XML_ID) or n}", part, _serialised(part), f"{stem}-{n}",
                          taxonomies_named(tei, [header for header in headers if header is not None])))
        return found
    own = own_tei_namespace(root)
    if own:
        moved = copy.deepcopy(root)
        for el in moved.iter():
            if isinstance(el.tag, str) and el.tag.startswith("{%s}" % own):
                el.tag = T + etree.QName(el).localname
        etree.cleanup_namespaces(moved, top_nsmap={None: T[1:-1]})
        # (its lines kept where the file has them, for what is said about them)
        lines_before = b"\n" * ((root.sourceline or 1) - 1)
        namespaced = etree.ElementTree(etree.fromstring(lines_before + etree.tostring(moved), safe_parser()))
        if namespaced.getroot().tag == T + "teiCorpus":
            return tei_documents(namespaced, rel, stem)
        return [(rel, namespaced, _serialised(namespaced), stem, "")]
    if isinstance(root.tag, str) and root.tag in _P4_ROOTS:
        moved = copy.deepcopy(root)
        p4 = root.tag == "TEI.2"
        for el in moved.iter():
            if isinstance(el.tag, str) and not el.tag.startswith("{"):
                el.tag = T + (el.tag[:-2] if el.tag in ("TEI.2", "teiCorpus.2") else el.tag)
                if p4:  # P4's id and lang are P5's xml:id and xml:lang
                    for name, xml_name in (("id", XML_ID), ("lang", XML_LANG)):
                        if name in el.attrib:
                            el.set(xml_name, el.attrib.pop(name))
        etree.cleanup_namespaces(moved, top_nsmap={None: T[1:-1]})
        # Read as the file was: P4's ids were never checked (the Old Bailey's <div0 id="17280717">
        # is no NCName, as a P5 xml:id must be), so their xml:id is not either.
        namespaced = etree.ElementTree(etree.fromstring(etree.tostring(moved), safe_parser(collect_ids=False)))
        if namespaced.getroot().tag == T + "teiCorpus":
            return tei_documents(namespaced, rel, stem)
        return [(rel, namespaced, _serialised(namespaced), stem, "")]
    return []


# What a TEI holds beside its text; anything else after the header with no <text> is the text.
_TEI_PARTS = frozenset(T + name for name in ("teiHeader", "text", "facsimile", "sourceDoc", "standOff", "fsdDecl"))


def _with_text(root: etree._Element) -> etree._ElementTree | None:
    """A TEI whose words follow its header with no <text> around them (Tolstoy.Digital's stories:
    <p> straight in <TEI>) as it would be with one: those elements are its text's body, not a
    header alone with nothing to show. None for any other TEI."""
    stray = [child for child in root if isinstance(child.tag, str) and child.tag not in _TEI_PARTS]
    if root.find(T + "text") is not None or not stray:
        return None
    bodied = copy.deepcopy(root)
    body = etree.SubElement(etree.Element(T + "text"), T + "body")
    first = next(child for child in bodied if isinstance(child.tag, str) and child.tag not in _TEI_PARTS)
    first.addprevious(body.getparent())
    for child in [c for c in bodied if isinstance(c.tag, str) and c.tag not in _TEI_PARTS]:
        body.append(child)
    return etree.ElementTree(bodied)


def own_tei_namespace(root: etree._Element) -> str | None:
    """The namespace of a TEI (or teiCorpus) a project put in a namespace of its own, TEI's elements
    with it (the Women Writers Project's textbase): read as TEI, brought into TEI's namespace."""
    if not isinstance(root.tag, str) or not root.tag.startswith("{") or root.tag.startswith(T):
        return None
    name = etree.QName(root)
    return name.namespace if name.localname in ("TEI", "teiCorpus") else None


def _serialised(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True)
