"""Corpus build: a browsable site from a TEI corpus no one here wrote (``build.py build --corpus DIR``).

One module per job: ``load`` (the corpus's files, confined to its folder, and which are texts
and which registers), ``entries`` (a register's entries and their pages), ``texts`` (what the
pages need of a text: metadata, mentions, dated passages), ``survey`` (each file read once,
in the worker pool, into plain records), ``index`` and ``store`` (those records gathered, what
grows with the corpus kept on disk), ``render`` (the pages, in the shells of
theme/templates/corpus), ``dts`` (the DTS endpoints, text by text) and ``build`` (the stages in
order, streaming, and the write).
"""

from .build import CorpusBuild, build_corpus
from .entries import initial_of
from .load import Corpus, CorpusDocument, classify
from .survey import load_corpus
from ..model.texts import text_language

__all__ = ["Corpus", "CorpusBuild", "CorpusDocument", "build_corpus", "classify", "initial_of", "load_corpus",
           "text_language"]
