"""`build --corpus` on real TEI, fifth round: TEI Publisher's demo data (letters, sermons, aligned
texts in a group, TEI embedding music notation), the TEI Consortium's own test files (transcribed
speech, feature structures, facsimiles, a teiCorpus of groups, Chinese verse in nested groups, a
DOCTYPE naming a DTD that is not there), the Weber edition's letters and diary days, and the
Bullinger letters (sentences as <s>).

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from test_wild_tei import built, corpus, page, tei, words


def rendered(tmp_path, body: str):
    return page(built(corpus(tmp_path / "c", {"t.xml": tei(body)})), "t")


# ------------------------------------------------------------------ superscript on elements other than hi

def test_an_edition_number_set_superscript_after_a_year_is_not_run_into_it(tmp_path):
    # Sermons: a note's reference ends "… Berlin 1890<edition rend="sup">3</edition>, p. 7".
    note = 'A book, Berlin 1890<edition rend="sup">3</edition>, p. 7.'
    text = rendered(tmp_path, f"<body><p>Words<note>{note}</note> go on.</p></body>")
    (edition,) = text.xpath("//*[@id='notes' or contains(@class, 'notes')]//sup | //li[contains(@class, 'note')]//sup")
    assert words(edition) == "3"
    assert "Berlin 1890" in words(edition.getparent())


def test_any_phrase_may_be_raised_or_lowered_by_its_rend_rendition_or_style(tmp_path):
    body = ('<body><p>The 1<num rend="superscript">st</num> of them, H<seg style="vertical-align: sub">2</seg>O, '
            'and x<abbr rendition="simple:superscript">n</abbr>.</p></body>')
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body)})), "t").get_element_by_id("text")
    assert [words(s) for s in text.iter("sup")] == ["st", "n"]
    assert [words(s) for s in text.iter("sub")] == ["2"]


def test_a_block_or_a_plain_phrase_is_not_raised(tmp_path):
    body = '<body><p rend="sup">A paragraph.</p><p>A <num rend="bold">2</num> and <name>a name</name>.</p></body>'
    text = page(built(corpus(tmp_path / "c", {"t.xml": tei(body)})), "t").get_element_by_id("text")
    assert list(text.iter("sup")) == []


# ------------------------------------------------------------------ notes kept apart from the text they annotate

NOTES_APART = ('<body><div type="letter"><p>First words<anchor xml:id="a1"/> and later words<anchor xml:id="a2"/>.</p></div>'
               '<div type="notes"><note n="1" target="#a1"><p>On the first words.</p></note>'
               '<note n="2" target="#a2"><p>On the later ones.</p></note></div></body>')


def test_a_note_gathered_apart_is_marked_at_the_anchor_it_points_to(tmp_path):
    # Letters: a division of notes after the text, each note's @target naming an anchor in it.
    text = rendered(tmp_path, NOTES_APART).get_element_by_id("text")
    (paragraph,) = text.xpath(".//p")
    markers = paragraph.xpath(".//a[contains(@class, 'noteref')]")
    assert [(words(marker), marker.getprevious().get("id")) for marker in markers] == [("1", "a1"), ("2", "a2")]
    assert len(text.xpath(".//a[contains(@class, 'noteref')]")) == 2


def test_a_note_gathered_apart_is_still_read_in_the_notes(tmp_path):
    notes = rendered(tmp_path, NOTES_APART).find_class("notes")[0]
    assert [words(note.find_class("note-body")[0]) for note in notes] == ["On the first words.", "On the later ones."]
    assert [note.find("a").get("href") for note in notes] == ["#noteref-" + note.get("id") for note in notes]


def test_a_note_whose_target_is_no_anchor_stays_where_it_is_written(tmp_path):
    body = ('<body><p>Words<note target="#elsewhere">A note.</note> and <seg xml:id="s1">a phrase</seg>'
            '<note target="#s1">On it.</note>.</p></body>')
    text = rendered(tmp_path, body).get_element_by_id("text")
    assert [words(marker) for marker in text.xpath(".//p//a[contains(@class, 'noteref')]")] == ["1", "2"]
