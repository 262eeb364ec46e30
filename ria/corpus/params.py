"""What the stylesheet takes from a corpus's index (ria/model/index.Index, gathered by
ria/model/indexer.py as reading.py reads the corpus) for one text: ``text_params``.
"""

from __future__ import annotations

from ..model.index import TextInfo


def text_params(index, text: TextInfo, images: str = "", withheld: bool = False) -> dict:
    """The stylesheet's parameters for a text: the pages and names of the entries it points to, where
    the site has its images (images.py; none for a text without, whose parameters stay as they were),
    and ``withheld`` for a text a public build does not publish (ria/model/rights.py)."""
    published = [e for e in index.refs_of(text.id) if e in index.pages]
    # (the names for a pointer with no words of its own in the text: an utterance's speaker)
    params = {"root": "../", "entry_pages": index.addresses(published), "entry_names": index.names(published)}
    # A name that points by an entry's URI links to that entry (its id after the address, for its card).
    aliases = [f"{uri}={index.address(entry_id)}#{entry_id}" for uri, entry_id in index.source.pointers_in(text.id).items()
               if entry_id in index.pages and "=" not in uri]
    if aliases:
        params["entry_pages"] = " ".join([params["entry_pages"], *aliases]).strip()
    linked = index.texts_linked(text)  # (a text pointing to no other keeps its parameters as they were)
    if linked:
        params["text_pages"] = linked
    if text.taxonomies:  # (a text whose keywords name none of its teiCorpus's keeps its parameters as they were)
        params["corpus_taxonomies"] = text.taxonomies
    if withheld:
        params["withheld"] = True
    return {**params, "images": images} if images else params
