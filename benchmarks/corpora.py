"""The corpora the benchmarks build: copies of real letters, and copies of this edition's texts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHNITZLER = ROOT.parent / "shared" / "corpus" / "schnitzler-briefe"
EDITION_PREFIXES = ("tuk", "hra", "loo", "ser", "zie")
_LETTER_ID = re.compile(rb'xml:id="([^"]+)"')


def letters(source: Path, size: int, target: Path) -> Path:
    """A corpus of ``size`` letters: the source corpus's letters copied round until there are
    enough, each copy's own id made unique, with the source's registers, as a larger edition of
    the same kind would be."""
    (target / "editions").mkdir(parents=True)
    shutil.copytree(source / "indices", target / "indices")
    originals = sorted((source / "editions").glob("*.xml"))
    for n in range(size):
        original = originals[n % len(originals)]
        data = original.read_bytes()
        round_ = n // len(originals)
        if round_:
            data = _LETTER_ID.sub(lambda m: b'xml:id="' + m.group(1) + b"-c%d" % round_ + b'"', data, count=1)
        (target / "editions" / f"{original.stem}-c{round_}.xml").write_bytes(data)
    return target


def edition_copies(size: int, target: Path) -> Path:
    """This edition with ``size`` texts cloned from its own, with new ids, and its registers."""
    for part in ("schema", "xslt", "theme"):
        shutil.copytree(ROOT / part, target / part)
    (target / "tei" / "texts").mkdir(parents=True)
    shutil.copytree(ROOT / "tei" / "registers", target / "tei" / "registers")
    shutil.copy(ROOT / "tei" / "edition.xml", target / "tei" / "edition.xml")
    sources = sorted((ROOT / "tei" / "texts").glob("*.xml"))
    pattern = re.compile(r'(xml:id="|#)(' + "|".join(EDITION_PREFIXES) + r")-")
    for n in range(size):
        source = sources[n % len(sources)]
        text = pattern.sub(lambda m: f"{m.group(1)}s{n}-{m.group(2)}-", source.read_text(encoding="utf-8"))
        copy_id = f"{source.stem}-s{n}"
        text = text.replace(f'xml:id="{source.stem}"', f'xml:id="{copy_id}"', 1)
        (target / "tei" / "texts" / f"{copy_id}.xml").write_text(text, encoding="utf-8")
    return target


def project_copy(target: Path) -> Path:
    """This edition's sources, to edit and build without touching the project's own."""
    for part in ("tei", "schema", "xslt", "theme"):
        shutil.copytree(ROOT / part, target / part)
    return target
