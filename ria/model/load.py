"""Load stage: find the edition's TEI files and parse each one safely, once.

A corpus is a folder: ``edition.xml`` (the corpus header), ``texts/*.xml`` and
``registers/**/*.xml``. Files that cannot be parsed become problems; the rest load.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..encoding import utf8_text
from ..files import read_regular
from ..locate import Locator
from ..problems import EditionError, Problem
from ..safenames import PageNames, safe_name
from ..xmlio import XML_ID, parse_bytes


@dataclass
class Document:
    path: Path
    rel: str  # the path shown in messages, relative to the edition's root
    kind: str  # "corpus", "text" or "register"
    data: bytes
    tree: etree._ElementTree
    _locator: Locator | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.tree.getroot().get(XML_ID) or self.path.stem

    @property
    def text(self) -> str:
        """The document as a string for Saxon: its own bytes, or re-serialised if not UTF-8."""
        text = utf8_text(self.data)  # without a byte order mark, which Saxon takes for content
        return text if text is not None else etree.tostring(self.tree, encoding="unicode")

    @functools.cached_property
    def sha256(self) -> str:
        """The hash of the file's bytes, computed once: the build cache keys every step of a document by it."""
        return hashlib.sha256(self.data).hexdigest()

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.data, self.tree)
        return self._locator


@dataclass
class Edition:
    root: Path
    tei_dir: Path
    corpus: Document | None
    texts: list[Document]
    registers: list[Document]

    @property
    def documents(self) -> list[Document]:
        return ([self.corpus] if self.corpus else []) + self.registers + self.texts


def discover(tei_dir: Path) -> list[tuple[Path, str]]:
    found = []
    if (tei_dir / "edition.xml").exists():
        found.append((tei_dir / "edition.xml", "corpus"))
    found += [(p, "register") for p in sorted((tei_dir / "registers").rglob("*.xml"))]
    found += [(p, "text") for p in sorted((tei_dir / "texts").glob("*.xml"))]
    return found


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def load_document(path: Path, kind: str, root: Path) -> Document:
    rel = _display(path, root)
    try:
        data = read_regular(path)  # a FIFO or a device named *.xml is an error, not a hang
    except OSError as err:
        raise EditionError(Problem(rel, 1, 1, "error", f"cannot read file: {err.strerror}", rule="io"))
    return Document(path, rel, kind, data, parse_bytes(data, rel))


def load_edition(root: Path, tei_dir: Path | None = None) -> tuple[Edition, list[Problem]]:
    root = Path(root)
    tei_dir = Path(tei_dir) if tei_dir else root / "tei"
    problems: list[Problem] = []
    corpus, texts, registers = None, [], []
    if not tei_dir.is_dir():
        raise EditionError(Problem(_display(tei_dir, root), 1, 1, "error",
                                   "no TEI folder here: expected edition.xml, texts/ and registers/",
                                   rule="io"))
    for path, kind in discover(tei_dir):
        try:
            doc = load_document(path, kind, root)
        except EditionError as err:
            problems.extend(err.problems)
            continue
        if kind == "corpus":
            corpus = doc
        elif kind == "text":
            texts.append(doc)
        else:
            registers.append(doc)
    return Edition(root, tei_dir, corpus, texts, registers), problems + _page_name_problems(texts)


def _page_name_problems(texts: list[Document]) -> list[Problem]:
    """A text's id names its page: it must be a safe file name, and no other text's in any case."""
    problems = []
    names = PageNames("text")
    for doc in texts:
        line = doc.tree.getroot().sourceline or 1
        if safe_name(doc.id) != doc.id:
            problems.append(Problem(doc.rel, line, 1, "error",
                                    f"the text's xml:id {doc.id!r} cannot name its page: use letters, digits, "
                                    "'.', '_' and '-' only, at most 100", rule="page-name"))
            continue
        claimed = names.claim([doc.id], doc.rel, line)
        if isinstance(claimed, Problem):
            problems.append(claimed)
    return problems
