"""The Deutsches Textarchiv's base format (DTABf) as its own texts write it, and a volume of the
Arkiv for Dansk Litteratur (kb-dk/public-adl-text-sources), each built as a corpus with
`build.py build --corpus` and read for a crash, the Nu checker's errors and the words on the page.

The DTA's typography pages give its @rendition ids a meaning ("#et" set in, "#et2", "#et3" further,
"#c" centred, "#right" flush right, "#aq" Antiqua, "#fr" Fraktur, "#s" struck through), and many DTA
files declare them in tagsDecl, but the DTA's own texts and the texts made from them often do not.
Found: undeclared, a paragraph's "#et" indented nothing and a hi's "#et", "#c", "#right", "#aq", "#s"
were bare classes ("hi et", "hi c") with no look. Now an undeclared DTA id means what the DTA means,
a block set in by @rendition or by @rend "indent"/"et" is indented by its level, a hi set in, centred
or flush right stands on a line of its own, and a declared rendition says its own look.

The ADL volume (aarestrup05.xml, Samlede Skrifter V: a front of page breaks, then a group of three
texts named by @decls, whose bodies are page breaks and an empty paragraph; saved as an excerpt,
the front's 360 page breaks cut to eight) built with no error, no Nu error and every page number on
the page. Its TEI root's xml:id "root", the same in every ADL file, named the first page "root" and
a second file's by its file name; now it names none of them (test_wild_tei_gaps).
"""

from __future__ import annotations

from test_wild_tei import ROOT, corpus, page, tei

from ria.corpus import build_corpus

CSS = (ROOT / "theme" / "static" / "edition.css").read_text(encoding="utf-8")


def text_of(tmp_path, document: str):
    result = build_corpus(corpus(tmp_path / "c", {"t.xml": document}), None, ROOT, jobs=1, write=False, search=False)
    return page(result, "t").get_element_by_id("text")


# ------------------------------------------------------------------ the DTA's undeclared renditions

SET_IN = tei("""<body><div><p rendition="#et">Eingerückt.</p><p rendition="#et2">Weiter.</p>
<p rendition="#et3">Am weitesten.</p><p rend="indent">Set in by rend.</p><head rendition="#et">Kopf</head>
<lg><l rendition="#et">Ein Vers</l><l rend="indent">Noch einer</l></lg></div></body>""", lang="de")


def test_a_block_the_dta_sets_in_is_indented_by_its_level(tmp_path):
    text = text_of(tmp_path, SET_IN)
    assert [p.get("class") for p in text.xpath(".//p")] == ["indent", "indent2", "indent3", "indent"]
    assert [h.get("class") for h in text.xpath(".//h2")] == ["indent"]
    # a verse line set in takes the verse's own indent, once
    assert [div.get("class") for div in text.xpath(".//div[contains(@class, 'l ')]")] == ["l indent", "l indent"]
    assert ".text .indent:not(.l) { margin-inline-start: 2em; }" in CSS
    assert ".text .indent3:not(.l) { margin-inline-start: 6em; }" in CSS


PHRASES = tei("""<body><p><hi rendition="#et"><hi rendition="#g">Heidelberg,</hi> den 15. Juli 1892.</hi></p>
<p><hi rendition="#right #b">E. Kraepelin.</hi></p>
<p>Ein <hi rendition="#aq">Wort</hi> in Antiqua, <hi rendition="#s">gestrichen</hi>, <hi rendition="#c">mittig</hi>.</p></body>""",
              lang="de")


def test_a_hi_with_the_dta_s_ids_takes_their_look_and_no_bare_id_class(tmp_path):
    text = text_of(tmp_path, PHRASES)
    assert [(hi.tag, hi.get("class")) for hi in text.xpath(".//*[contains(@class, 'hi')]")] == [
        ("span", "hi indent"), ("span", "hi letterspaced"), ("b", "hi bold align-right"),
        ("span", "hi antiqua"), ("span", "hi strikethrough"), ("span", "hi align-center")]
    assert ".text .hi.align-center, .text .hi.align-right { display: block; }" in CSS
    assert ".hi.antiqua { font-family: sans-serif; }" in CSS


DECLARED = tei("""<body><p rendition="#et">Declared deeper.</p><p><hi rendition="#aq">declared</hi></p></body>""", lang="de")
TAGS_DECL = ('<encodingDesc><tagsDecl><rendition xml:id="et" scheme="css">display:block; margin-left:4em</rendition>'
             '<rendition xml:id="aq" scheme="css">font-family:serif</rendition></tagsDecl></encodingDesc>')


def test_a_declared_rendition_says_its_own_look(tmp_path):
    text = text_of(tmp_path, DECLARED.replace("</fileDesc>", "</fileDesc>" + TAGS_DECL))
    # the declaration's 4em, not the DTA's usual 2em; its "aq" a serif type the page does not change
    assert [p.get("class") for p in text.xpath(".//p")] == ["indent2", None]
    assert [hi.get("class") for hi in text.xpath(".//span[contains(@class, 'hi')]")] == ["hi aq"]


# ------------------------------------------------------------------ an ADL volume: a group after front

ADL = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="root"><teiHeader xml:id="h1"><fileDesc xml:id="h2">
<titleStmt xml:id="h3"><title xml:id="h4">Samlede Skrifter, V</title></titleStmt>
<publicationStmt xml:id="h5"><idno xml:id="h6" xml:base="texts/aarestrup05.xml">001582980:05</idno></publicationStmt>
<sourceDesc xml:id="h7"><listBibl xml:id="h8"><bibl xml:id="biblid1"><title xml:id="h9">Kjære Christian</title></bibl>
</listBibl></sourceDesc></fileDesc></teiHeader>
<text xml:id="t0"><front xml:id="f0"><pb n="a" facs="adl/aare5fm001" xml:id="p1"/></front>
<group xml:id="g0"><pb n="361" xml:id="p2"/><text xml:id="workid1" decls="#biblid1"><body xml:id="b1">
<pb n="362" xml:id="p3"/><p xml:id="e1">Kjære Christian!</p></body></text></group></text></TEI>
"""


def test_an_adl_volume_builds_its_group_of_texts_with_every_word(tmp_path):
    text = text_of(tmp_path, ADL.replace('xml:id="root"', 'xml:id="t"'))
    assert text.xpath(".//div[@class='front']") and text.xpath(".//section[@class='group-text'][@id='workid1']")
    words = " ".join(" ".join(text.itertext()).split())
    assert "Kjære Christian!" in words and "361" in words and "362" in words


# An ADL volume's pages before its texts, and a catalogue record's body, are empty paragraphs:
# each was shown as a lone permalink mark, "¶".
EMPTY = tei("""<body><p/><p xml:id="blank">  </p><p>Words.</p></body>""", title="Empty pages", lang="da")


def test_an_empty_paragraph_is_no_paragraph_and_shows_no_permalink_mark(tmp_path):
    result = build_corpus(corpus(tmp_path / "c", {"empty.xml": EMPTY}), None, ROOT, jobs=1, write=False,
                          search=False)
    text = page(result, "empty").get_element_by_id("text")
    assert [" ".join(p.text_content().split()) for p in text.iter("p")] == ["Words.¶"]
    assert text.get_element_by_id("blank").tag == "span"  # (a place a link may still lead to)
