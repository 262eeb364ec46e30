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
ran together. (2) A dictionary's spellings, roots and translations in languages of their own
(VICAV writes each headword in Arabic script and in a Latin transcription tagged "ar-…-x-…")
lost their xml:lang: the Arabic spelling stood in the English page unset, its brackets and the
comma after it open to reordering. They now say their language, and where it (or the one around
it) is written from right to left, take the direction of their own letters. (3) The
Bahr–Schnitzler edition dates in ISO 8601's basic form (when="18931107"): a body's date was no
<time>, its title the bare digits, the chronology's <time datetime="18931107"> a year eighteen
million; and a letter dated in its correspDesc's dateSender (the correspondence SIG's first draft,
kept in the sourceDesc) had no date at all. Both now read as the day they are.
The diary, the Greek fragments, the play, the concordance and the apophthegm built with no Nu
error and no word lost; the interview's back (its lists of persons and works) is left to the
register pages, as a back's listPerson is."""

from __future__ import annotations

from test_wild_tei import ROOT, TEI_NS, corpus, page, tei

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


# ------------------------------------------------------------------ a dictionary's languages

ENTRIES = tei("""<body><div type="entries"><entry xml:id="kitaab">
<form type="lemma"><orth xml:lang="ar-arz-x-cairo-vicav">kitāb</orth><orth xml:lang="ar">(ال)كتاب</orth></form>
<gramGrp><gram type="pos">noun</gram><gram type="root" xml:lang="ar">كتب</gram></gramGrp>
<sense><cit type="translation" xml:lang="de"><quote>Buch</quote></cit></sense></entry>
<entry xml:id="livre"><form><orth xml:lang="fr">livre</orth></form><sense><def>book</def></sense></entry>
</div></body>""", title="Wörterbuch")


def test_a_dictionary_s_spellings_say_their_language_and_take_their_letters_direction(tmp_path):
    _, shown = built_page(tmp_path, "dict", ENTRIES)
    spellings = shown.xpath("//*[@id='kitaab']//span[contains(@class, 'orth')]")
    assert [(s.text, s.get("lang"), s.get("dir")) for s in spellings] == [
        ("kitāb", "ar-arz-x-cairo-vicav", "auto"), ("(ال)كتاب", "ar", "auto")]
    root = shown.xpath("//*[@id='kitaab']//span[@class='gram'][@lang]")
    assert [(g.text, g.get("lang"), g.get("dir")) for g in root] == [("كتب", "ar", "auto")]
    # a language written left to right in a page written so needs no direction of its own
    french = shown.xpath("//*[@id='livre']//span[contains(@class, 'orth')]")[0]
    assert (french.get("lang"), french.get("dir")) == ("fr", None)


# ------------------------------------------------------------------ dates in ISO 8601's basic form

BASIC_DATES = f"""<TEI xmlns="{TEI_NS}" xml:lang="de"><teiHeader><fileDesc><titleStmt><title>Ein Brief</title>
</titleStmt><publicationStmt><p>t</p></publicationStmt><sourceDesc><correspDesc><sender><persName>A. S.</persName>
</sender><dateSender><date when="19020314">14. 3. 1902</date></dateSender></correspDesc></sourceDesc></fileDesc>
<revisionDesc><change when="20160101">angelegt</change></revisionDesc></teiHeader>
<text><body><div><p>Geschrieben am <date when="19020315">15. März</date>, nicht am <date when="19021345">Tag</date>.</p></div></body></text></TEI>
"""


def test_a_day_written_without_hyphens_is_that_day(tmp_path):
    result, shown = built_page(tmp_path, "brief", BASIC_DATES)
    body_dates = shown.xpath("//*[@id='text']//*[contains(@class, 'date')]")
    assert [(d.tag, d.get("datetime"), d.get("title")) for d in body_dates] == [
        ("time", "1902-03-15", "15 March 1902"), ("span", None, "19021345")]  # (no thirteenth month)
    assert [t.get("datetime") for t in shown.xpath("//ul[@class='revisions']//time")] == ["2016-01-01"]
    assert b'<time datetime="1902-03-15">' in result.files["chronology-1902.html"]


def test_a_letter_dated_by_its_date_sender_has_that_date(tmp_path):
    _, shown = built_page(tmp_path, "brief", BASIC_DATES)
    assert [(t.get("datetime"), t.text) for t in shown.xpath("//p[@class='text-date']/time")] == [
        ("1902-03-14", "14. 3. 1902")]
