"""Where a corpus export keeps its PDFs for the next export of the same corpus (corpus_pdf.py).

Setting a text takes WeasyPrint about half a second, its page a few milliseconds: the export
makes every page afresh and takes a PDF from here when everything WeasyPrint is given is what it
was given for it before. The key is the digest of those inputs, not of the text's TEI: the
paged HTML (the text's page as the transform and the renderer made it, with whatever it shows of
the other texts and the registers, and its title page's data), the PDF's identifier, the print
stylesheets as WeasyPrint gets them, the versions of WeasyPrint and its PDF writer, and the
toolchain's code. So a changed text, register, corpus title, stylesheet or release sets the
PDFs it changes again, and nothing else does. (The fonts installed are not in the key, as for the
edition's PDFs: ``--no-cache`` after installing others.)

The PDFs live in a corpus build's cache folder (ria/corpus/cache.py: one SQLite file, tagged,
never inside the corpus or the export; by default ``<out>.ria-cache`` beside the export), which
proves each row belongs to its key. A folder that is not a place for a cache is refused as the
build refuses it; a cache that cannot be read or written is ignored (every PDF is set, as with
``--no-cache``) and the export says so, for it never fails an export nor changes a byte of it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from ..corpus.cache import CorpusCache, check_cache

STEP = "corpus-pdf"


class PdfCache:
    """The PDFs of earlier exports, by the digest of what set them; ``None`` for no cache."""

    def __init__(self, folder: Path | None, inputs: list[Path], out: Path):
        self.folder = folder
        self.trouble: str | None = None  # why the cache was not used, if it could not be
        self._cache: CorpusCache | None = None
        if folder is None:
            return
        check_cache(folder, inputs, out)  # (a folder that may not hold it: refused, as the build refuses it)
        try:
            self._cache = CorpusCache(folder, out)
        except (OSError, sqlite3.Error) as err:
            self._give_up(err)

    def get(self, inputs: tuple[str, ...]) -> bytes | None:
        """The PDF set from these inputs before (the key ``put`` stored it under), or None."""
        if self._cache is None:
            return None
        try:
            pdf = self._cache.get(self._cache.flat_key(STEP, *inputs))
        except (OSError, sqlite3.Error) as err:
            self._give_up(err)
            return None
        return pdf if isinstance(pdf, bytes) and pdf.startswith(b"%PDF-") else None

    def put(self, inputs: tuple[str, ...], pdf: bytes) -> None:
        if self._cache is None:
            return
        try:
            self._cache.put(self._cache.flat_key(STEP, *inputs), pdf)
        except (OSError, sqlite3.Error) as err:
            self._give_up(err)

    def finish(self, out: Path) -> None:
        """Once the export is in place: forget the PDFs it did not use (the folder holds one export's)."""
        if self._cache is None:
            return
        try:
            self._cache.commit(out, {}, [])
        except (OSError, sqlite3.Error) as err:
            self._give_up(err)

    def close(self) -> None:
        if self._cache is not None:
            cache, self._cache = self._cache, None
            try:
                cache.close()
            except (OSError, sqlite3.Error):
                pass

    def _give_up(self, err: Exception) -> None:
        self.trouble = f"the cache {self.folder} could not be used ({err}): the PDFs not taken from it were set"
        self.close()


def html_digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()
