"""A third sweep of whole real TEI files from projects not tried before, each project's files built
as one corpus with `build.py build --corpus`, then read for a crash, the problems reported, the W3C
Nu checker's errors and whether the words of each TEI <text> are on its page.

Swept: the ACDH's Schnitzler diary (a day's entry), Schnitzler interviews (an interview with
commentary notes, a poem, empty pointers, its back's lists of persons and works) and the Bahr–Schnitzler
edition (a diary day, a letter with opener, closer, postscript, anchors holding words); Coptic
Scriptorium (an apophthegm tokenised into s, phr, w); Open Greek and Latin's First1KGreek
(Euripides' fragments, divisions of bare verse lines, page breaks with facs); DraCor's Shakespeare
(The Tempest: a cast list with empty items, a stage direction inside a stage direction); the
Hanslick edition's concordance (a list of paragraphs, a table of witnesses); VICAV's Egyptian
Arabic dictionary (entries with Arabic and transliterated spellings, feature structures).

What it found: (1) an empty c the Schnitzler editions use for a row of dots
(<c rendition="#dots" n="4"/>) printed nothing, and made every whitespace of its paragraph
"layout" (the rule for texts whose spaces are <c> </c>), so names with only a space between them
ran together."""

from __future__ import annotations

from test_wild_tei import ROOT, corpus, page, tei

from ria.corpus import build_corpus


def built_page(tmp_path, name: str, document: str):
    result = build_corpus(corpus(tmp_path / "c", {f"{name}.xml": document}), None, ROOT, jobs=1, write=False,
                          search=False)
    return result, page(result, name)


def text_of(shown) -> str:
    """The words of the text as a reader reads them (no space where the markup alone parts them)."""
    return " ".join("".join(shown.get_element_by_id("text").itertext()).split())


# ------------------------------------------------------------------ a row of dots as an empty c

DOTTED = tei("""<body><div><p>Er sprach von <rs type="person">Emil</rs> <rs type="person">Brandt</rs>
und schwieg<c rendition="#dots" n="4"/> Dann lachte er<c rendition="#dots"/></p>
<p>Ein Wort<c> </c>und<c> </c>noch eins</p></div></body>""", title="Gespräch", lang="de")


def test_an_empty_c_called_dots_is_its_row_of_dots(tmp_path):
    _, shown = built_page(tmp_path, "gespraech", DOTTED)
    assert "und schwieg.... Dann lachte er..." in text_of(shown)


def test_an_empty_c_is_no_space_so_the_whitespace_of_its_paragraph_stays(tmp_path):
    _, shown = built_page(tmp_path, "gespraech", DOTTED)
    assert "von Emil Brandt und" in text_of(shown)
    # (spaces encoded as c elements still make the whitespace around them layout)
    assert "Ein Wort und noch eins" in text_of(shown)
