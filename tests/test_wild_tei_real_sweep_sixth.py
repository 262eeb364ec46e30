"""A sixth sweep of whole real TEI files, each project's files built as one corpus with `build.py
build --corpus` (and once with --no-cache), then read for a crash, the problems reported, the W3C
Nu checker's errors and whether the words of each TEI <text> are on its page; and the leftovers of
the fifth sweep, built again from its files.

Swept: the Reading Cookbooks project (Loyola University Chicago's encoding of the Picayune's Creole
Cook Book, 1910: two chapters, a recipe a div, its ingredients in a namespace of the project's own,
saved as excerpts) and Desenrollando el Cordel (Geneva's Spanish chapbooks printed by José María
Moreno: a chapbook of verse, titles of lines broken by lb, letters supplied at a cut margin).
Again: the Tillich letters, the Letters of 1916 and Bertolucci's manuscripts.

What it found, each reproduced below by a snippet of our own: (1) a Tillich letter's names point
by @ref at the persons its own back lists (no register holds them): they were marked, not linked;
only a name pointing by @corresp was. (2) The Letters of 1916's seg type="unclear" and
type="closer" (type="foreign" too) were plain spans: now an unclear stretch is marked as an
unclear is, a closer stands on a line of its own, a foreign word is set as one. (3) An apparatus
entry gave a reading's words alone: a title one witness underlines read as the other's. (4) A
cookbook chapter gives one xml:id to a recipe and to the names of it in the text: the page had the
id five times (an error of the Nu checker); it is given once, to the division. (5) A recipe named
in a sentence is a div inside a p: a section inside a paragraph. It is a phrase of it. (6) The
chapbooks' hi rend="cursiva" and "negrita" were classes of no look: they are italic and bold, as
are the words for highlighting of other languages.
"""

from __future__ import annotations

import pytest
from test_wild_tei import ROOT, corpus, page, tei

from ria.corpus import build_corpus

# A letter whose names point by @ref at the persons its back lists, with no register in the corpus.
OWN_LIST = tei("""<body><p>Love to <persName ref="#p7">Grete</persName> and <rs type="place" ref="#nowhere">home</rs>.</p></body>
<back><listPerson><person xml:id="p7"><persName>Brandt, Grete</persName><note>The writer's niece</note></person>
</listPerson></back>""", title="Love", lang="de")

# A transcribed letter whose doubtful word, farewell and foreign word are segs typed by what they are.
SEGS = tei("""<body><ab>I return <seg type="unclear">Thee</seg> many thanks. <seg type="foreign" xml:lang="de">Feldpost</seg>
arrived. <seg type="closer">Yours ever, Tom</seg> P.S. the parcel came.</ab></body>""", title="Thanks")

# Two witnesses of a title, one of them underlined, and no lemma.
UNDERLINED = tei("""<front><div><listWit><witness xml:id="fair">Fair copy</witness><witness xml:id="rough">Rough copy</witness>
</listWit></div></front><body><head><app><rdg wit="#fair">Evening  light</rdg><rdg wit="#rough"><hi rend="underline">Evening</hi>
light</rdg></app></head><p>Words.</p></body>""", title="Poem", lang="it")

# A chapter whose recipe's id is given to the names of the recipe too, and a recipe named as a div in a sentence.
RECIPES = tei("""<body><div type="chapter"><head>Salads</head>
<p>The <name xml:id="mayo">Mayonnaise</name> and the <name xml:id="mayo">sauce</name> are the
<foreign xml:id="fr">sauces</foreign> of <foreign xml:id="fr">Creole</foreign> homes.</p>
<div type="recipe"><head>Mustard Dressing</head><p>Use it for <div type="recipe_addition">celery salad</div>, fish, tomatoes.</p></div>
<div type="recipe" xml:id="mayo"><head>Mayonnaise Dressing</head><p>Beat the yolks.</p></div></div></body>""",
                  title="Salads")

# A chapbook's highlighting named in Spanish, and one named in French.
CHAPBOOK = tei("""<body><div><head><hi rend="negrita">DEVOTAS COPLAS</hi></head><lg><l><hi rend="cursiva">Número</hi> 68,
<hi rend="souligné">oid</hi></l></lg></div></body>""", title="Coplas", lang="es")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("sweep") / "c", {
        "own.xml": OWN_LIST, "segs.xml": SEGS, "underlined.xml": UNDERLINED, "recipes.xml": RECIPES,
        "chapbook.xml": CHAPBOOK})
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)


# ------------------------------------------------------------------ names and the text's own list

def test_a_name_pointing_by_ref_at_an_entry_of_its_text_s_list_links_there(built):
    text = page(built, "own").get_element_by_id("text")
    [link] = text.find_class("entry-link")
    assert (link.tag, link.get("href"), link.text) == ("a", "#p7", "Grete")
    assert text.get_element_by_id("p7").text_content().startswith("Brandt, Grete")
    # a pointer to no entry at all stays a marked name
    assert [n.tag for n in text.find_class("name") if n.text == "home"] == ["span"]


# ------------------------------------------------------------------ segs typed by what they are

def test_a_seg_typed_unclear_closer_or_foreign_is_shown_as_that_element(built):
    text = page(built, "segs").get_element_by_id("text")
    [unclear] = text.find_class("unclear")
    assert (unclear.text, unclear.get("title")) == ("Thee", "unclear in the source")
    [closer] = text.find_class("closer")
    assert (closer.tag, closer.text, "letter-part" in closer.classes) == ("span", "Yours ever, Tom", True)
    [foreign] = text.find_class("foreign")
    assert (foreign.tag, foreign.text, foreign.get("lang")) == ("i", "Feldpost", "de")
    assert not text.find_class("seg")


# ------------------------------------------------------------------ a reading's highlighting

def test_an_apparatus_reading_keeps_its_highlighting(built):
    [entry] = page(built, "underlined").find_class("app-entry")
    readings = entry.find_class("rdg")
    assert [r.text_content() for r in readings] == ["Evening light", "Evening light"]
    assert [[h.text for h in r.find_class("underline")] for r in readings] == [[], ["Evening"]]


# ------------------------------------------------------------------ an id given twice

def test_an_id_given_to_several_elements_is_on_the_page_once_and_the_division_has_it(built):
    shown = page(built, "recipes")
    ids = [e.get("id") for e in shown.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert shown.get_element_by_id("mayo").tag == "section"
    assert shown.get_element_by_id("fr").text == "sauces"


def test_a_division_inside_a_paragraph_is_a_phrase_of_it(built):
    text = page(built, "recipes").get_element_by_id("text")
    [inner] = text.find_class("div-recipe_addition")
    assert (inner.tag, inner.getparent().tag, inner.text) == ("span", "p", "celery salad")


# ------------------------------------------------------------------ highlighting in other languages

def test_highlighting_named_in_another_language_is_shown_as_what_it_names(built):
    text = page(built, "chapbook").get_element_by_id("text")
    assert [(h.tag, h.text) for h in text.find_class("hi")] == [
        ("b", "DEVOTAS COPLAS"), ("i", "Número"), ("span", "oid")]
    assert "underline" in text.find_class("hi")[2].classes


# ------------------------------------------------------------------ the reading model reads one reading of an app

def test_the_reading_model_reads_an_apps_one_reading_as_the_page_does():
    """The search index's passages, the registers' excerpts and the plain-text export read an app as
    the page's reading text does: its lemma, else the base witness's reading; the others are the
    apparatus's (papyri.info's <app type="BL"> ran the lemma and the earlier reading together,
    "ΝειλαναβατείῳἈδράστου")."""
    from lxml import etree

    from ria.export.text import flatten, plain_text
    from ria.model import readings

    with_lemma = etree.fromstring(tei(
        '<body><p>τοῦ <app><lem>Ἀδράστου Νειλαναβατείῳ</lem><rdg>Ἀδράστου, καὶ Ταναβατείῳ</rdg></app> τῷ</p></body>'))
    assert " ".join(readings.reading(with_lemma).flow.split()) == "τοῦ Ἀδράστου Νειλαναβατείῳ τῷ"
    assert "Ταναβατείῳ" not in plain_text(flatten(etree.ElementTree(with_lemma), "reading"), [])
    witnesses = etree.fromstring(tei(
        '<body><listWit><witness xml:id="A"/><witness xml:id="B" type="base"/></listWit>'
        '<p><app><rdg wit="#A">draft</rdg><rdg wit="#B">final</rdg></app> words</p></body>'))
    assert " ".join(readings.reading(witnesses).flow.split()) == "final words"
