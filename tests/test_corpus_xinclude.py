"""`build --corpus` follows a text's xi:include to the files of the corpus, and to nothing else.

A header part, a chapter, a passage of plain text, each kept in a file of its own inside the
corpus folder, is read into the text that includes it (its page, and its TEI on the site, show
it); what cannot be included (a file outside the corpus, a URL, a loop, a missing file) falls
back to its xi:fallback or is reported where the include stands. A rebuild reads a text again
when a file it includes changes. A teiCorpus that only includes its texts is read as before.
The edition's TEI (tei/) still refuses every include (tests/test_security.py)."""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree
from test_corpus_incremental import assert_same_site, build, files_of
from test_wild_tei import HEADER, TEI_NS, built, page, tei, words

ROOT = Path(__file__).resolve().parent.parent
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


def corpus(folder: Path, files: dict[str, str | bytes]) -> Path:
    """test_wild_tei's corpus, whose files may be in folders of it."""
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def including(body: str, title_part: str = "") -> str:
    """A TEI text whose body (and title statement) may hold xi:includes."""
    header = HEADER.format(title="A book", profile="").replace("</title>", "</title>" + title_part, 1)
    return f'<TEI xmlns="{TEI_NS}" {XI}>{header}\n<text><body>\n{body}\n</body></text></TEI>\n'


def fragment(xml: str) -> str:
    return xml.replace(">", f' xmlns="{TEI_NS}">', 1)


def text_of(result, name: str = "book") -> str:
    return words(page(result, name).get_element_by_id("text"))


def problems(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_a_header_part_and_a_chapter_are_read_into_the_text_that_includes_them(tmp_path):
    folder = corpus(tmp_path / "c", {
        "book.xml": including('<p>Before.</p>\n<xi:include href="chapters/one.xml" xpointer="element(ch1)"/>\n'
                              '<xi:include href="chapters/one.xml" xpointer="ch2"/>',
                              title_part='<xi:include href="shared/respStmt.xml"/>')})
    (folder / "shared").mkdir()
    (folder / "shared" / "respStmt.xml").write_text(
        fragment("<respStmt><resp>edited by</resp><name>Ada Editor</name></respStmt>"))
    (folder / "chapters").mkdir()
    (folder / "chapters" / "one.xml").write_text(
        tei('<body><div xml:id="ch1"><head>Chapter one</head><p>The first words.</p></div>'
            '<div xml:id="ch2"><p>The second words.</p></div></body>', title="Chapters"))
    result = built(folder)
    assert problems(result) == []
    assert "Chapter one" in text_of(result) and "The first words." in text_of(result)
    assert "The second words." in text_of(result)
    assert "Ada Editor" in words(page(result, "book"))
    # The TEI the site offers is the one the page shows: nothing in it points at a file it does not have.
    offered = etree.fromstring(result.files["tei/book.xml"])
    assert offered.find(f".//{{{TEI_NS}}}respStmt/{{{TEI_NS}}}name").text == "Ada Editor"
    assert b"xi:include" not in result.files["tei/book.xml"]
    # The header's part is published within the text that includes it, not on its own; a whole TEI
    # document a text takes a chapter from stays a text of its own.
    assert sorted(doc.rel for doc in result.corpus.texts) == ["book.xml", "chapters/one.xml"]
    assert result.corpus.skipped == []


def test_plain_text_is_included_in_its_encoding_and_a_fallback_stands_for_a_missing_part(tmp_path):
    folder = corpus(tmp_path / "c", {
        "book.xml": including('<p>Quote: <xi:include href="quote.txt" parse="text" encoding="ISO-8859-1"/> end.</p>\n'
                              '<xi:include href="gone.xml"><xi:fallback><p>A part lost.</p></xi:fallback></xi:include>'),
        "quote.txt": "Grüße aus Köln".encode("latin-1")})
    result = built(folder)
    assert problems(result) == []
    assert "Quote: Grüße aus Köln end." in text_of(result)
    assert "A part lost." in text_of(result)


def test_nothing_outside_the_corpus_folder_is_read_and_each_reason_is_said_where_it_first_stands(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("ria-secret-words")
    folder = corpus(tmp_path / "c", {
        "book.xml": including('<p>A.</p>\n'
                              '<p><xi:include href="../secret.txt" parse="text"/></p>\n'
                              f'<p><xi:include href="{secret}" parse="text"/></p>\n'
                              f'<p><xi:include href="{secret.as_uri()}" parse="text"/></p>\n'
                              '<p><xi:include href="out.txt" parse="text"/></p>\n'
                              '<p><xi:include href="http://127.0.0.1:9/x.xml"/></p>')})
    os.symlink(secret, folder / "out.txt")
    result = built(folder)
    said = "is not followed ({}): the page says that part is not published here"
    assert problems(result) == [
        "book.xml:4:4: warning: xi:include of '../secret.txt' " + said.format("outside the corpus folder"),
        f"book.xml:5:4: warning: xi:include of '{secret}' "
        + said.format("an absolute path: only a path relative to the file is followed"),
        f"book.xml:6:4: warning: xi:include of '{secret.as_uri()}' (and 1 more) "
        + said.format("a URL, which the build never reads"),
        "book.xml:7:4: warning: xi:include of 'out.txt' " + said.format("a link that leads outside the corpus folder")]
    assert "ria-secret-words" not in "".join(data.decode("utf-8", "replace") for data in result.files.values())
    assert len(page(result, "book").find_class("included")) == 5


def test_a_loop_of_includes_is_cut_and_said_in_the_file_that_closes_it(tmp_path):
    folder = corpus(tmp_path / "c", {
        "book.xml": including('<xi:include href="parts/a.xml"/>'),
        "parts/a.xml": "",
        "parts/b.xml": ""})
    (folder / "parts" / "a.xml").write_text(fragment('<div><p>Part A.</p>\n<xi:include href="b.xml"/></div>')
                                            .replace("<div ", f"<div {XI} ", 1))
    (folder / "parts" / "b.xml").write_text(fragment('<div><p>Part B.</p>\n<xi:include href="a.xml"/></div>')
                                            .replace("<div ", f"<div {XI} ", 1))
    result = built(folder)
    assert "Part A. ¶ Part B." in text_of(result).replace("¶", " ¶").replace("  ", " ")
    assert problems(result) == [
        "parts/b.xml:2:1: warning: xi:include of 'a.xml' is not followed (parts/a.xml includes itself, through "
        "book.xml → parts/a.xml → parts/b.xml): the page says that part is not published here"]
    assert result.corpus.skipped == []  # both parts are published within the text


def test_an_unreadable_part_or_pointer_is_said_with_the_position_of_its_fault(tmp_path):
    folder = corpus(tmp_path / "c", {
        "book.xml": including('<xi:include href="broken.xml"/>\n<xi:include href="ok.xml" xpointer="xpointer(//p)"/>\n'
                              '<xi:include href="ok.xml" xpointer="nowhere"/>'),
        "broken.xml": fragment("<div>\n<p>unclosed</div>"),
        "ok.xml": fragment("<div><p>Fine.</p></div>")})
    result = built(folder)
    found = problems(result)
    # the broken file is reported for itself, and where it is included, with the position of its fault
    assert found[0] == "book.xml:3:1: warning: xi:include of 'broken.xml' is not followed (broken.xml is not read " \
        "as XML: broken.xml:2:18: error: not well-formed XML: Opening and ending tag mismatch: p line 2 and div): " \
        "the page says that part is not published here"
    assert found[1:3] == [
        "book.xml:4:1: warning: xi:include of 'ok.xml' is not followed (the xpointer 'xpointer(//p)' is not "
        "followed: only an id, or element() of an id "
        "or a child sequence, is): the page says that part is not published here",
        "book.xml:5:1: warning: xi:include of 'ok.xml' is not followed (ok.xml has no element with the xml:id "
        "'nowhere'): the page says that part is not published here"]
    assert found[3:] == ["broken.xml:2:18: error: not well-formed XML: Opening and ending tag mismatch: p line 2 and div"]
    # ok.xml is a part the text includes: what went wrong is said at the include, not again for the part
    assert result.corpus.skipped == []


def test_a_page_that_a_transcription_includes_is_published_within_it(tmp_path):
    leaf = fragment('<surface xml:id="f1v">\n<zone><line>A leaf</line></zone></surface>')
    notebook = (f'<TEI xmlns="{TEI_NS}" {XI}>{HEADER.format(title="A notebook", profile="")}<sourceDoc>'
                '<xi:include href="leaves/f1v.xml"/></sourceDoc></TEI>')
    folder = corpus(tmp_path / "c", {"notebook.xml": notebook, "leaves/f1v.xml": "", "loose.xml": leaf})
    (folder / "leaves" / "f1v.xml").write_text(leaf)
    result = built(folder)
    assert words(page(result, "notebook").get_element_by_id("f1v")).endswith("A leaf")
    assert result.corpus.skipped == ["loose.xml"]
    assert problems(result) == [
        "loose.xml:1:1: warning: a TEI <surface> without a TEI document around it, which no file of the corpus "
        "includes: not published on its own"]


def test_a_rebuild_reads_a_text_again_when_only_a_file_it_includes_changed(tmp_path):
    folder = corpus(tmp_path / "c", {
        "book.xml": including('<p>Before.</p>\n<xi:include href="chapters/one.xml"/>'),
        "other.xml": tei("<body><p>Another text.</p></body>", title="Other"),
        "chapters/one.xml": ""})
    chapter = folder / "chapters" / "one.xml"
    chapter.write_text(fragment("<div><p>The first version.</p></div>"))
    site, cache = tmp_path / "site", tmp_path / "site.ria-cache"
    build(folder, site, cache)
    assert "The first version." in (site / "texts" / "book.html").read_text()
    chapter.write_text(fragment("<div><p>The second version.</p></div>"))
    result = build(folder, site, cache)
    assert result.reused["files read"] == 2  # the text and the part it includes; not the other text
    assert "The second version." in (site / "texts" / "book.html").read_text()
    assert "The second version." in (site / "tei" / "book.xml").read_text()
    clean = tmp_path / "clean"
    build(folder, clean, None)
    assert_same_site(site, clean)
    # and unchanged, nothing is read again
    assert build(folder, site, cache).reused["files read"] == 0
    assert files_of(site) == files_of(clean)


def test_a_teicorpus_that_only_includes_its_texts_reads_each_text_on_its_own_as_before(tmp_path):
    corpus_file = (f'<teiCorpus xmlns="{TEI_NS}" {XI}>{HEADER.format(title="Corpus", profile="")}'
                   '\n<xi:include href="sitting.xml"/></teiCorpus>')
    folder = corpus(tmp_path / "c", {"corpus.xml": corpus_file,
                                     "sitting.xml": tei("<body><p>The sitting.</p></body>", title="Sitting")})
    result = built(folder)
    assert [doc.rel for doc in result.corpus.texts] == ["sitting.xml"]
    assert problems(result) == [
        "corpus.xml:1:1: warning: a teiCorpus that holds no TEI of its own (its texts are included from other files, "
        "which are read as they stand; xi:include is not followed): its header is not published"]


def test_check_says_a_part_is_published_within_the_text_that_includes_it(tmp_path):
    from ria.corpus.check import check_corpus
    folder = corpus(tmp_path / "c", {
        "book.xml": including("<p>Text.</p>", title_part='<xi:include href="shared/respStmt.xml"/>'),
        "shared/respStmt.xml": fragment("<respStmt><resp>edited by</resp><name>Ada Editor</name></respStmt>"),
        "shared/unused.xml": fragment("<respStmt><resp>read by</resp><name>Nobody</name></respStmt>")})
    checked = check_corpus(folder, ROOT, jobs=1)
    assert {Path(c.path).name: (c.kind, c.why) for c in checked.classified if c.kind == "skipped"} == {
        "respStmt.xml": ("skipped", "it is a TEI <respStmt> that another file includes: published within it"),
        "unused.xml": ("skipped", f"its root element is {{{TEI_NS}}}respStmt, not TEI, TEI.2 or teiCorpus")}
    assert [p.message for p in checked.problems if p.rule == "corpus"] == [
        "a TEI <respStmt> without a TEI document around it, which no file of the corpus includes: not published "
        "on its own"]


def test_a_worker_that_cannot_read_the_corpus_folder_is_given_the_files_a_text_includes(tmp_path):
    from ria.corpus.survey import FileTask, survey_file
    folder = corpus(tmp_path / "c", {"book.xml": including('<xi:include href="parts/one.xml"/>'),
                                     "parts/one.xml": fragment("<div><p>The part.</p></div>")})
    task = FileTask(str(folder / "book.xml"), "book.xml").self_contained()  # as ria/publish/distributed.py sends it
    (folder / "parts" / "one.xml").unlink()
    (folder / "book.xml").unlink()
    survey = survey_file(task, None)
    assert survey.problems == []
    assert b"The part." in survey.documents[0].source
    assert [rel for rel, _ in survey.includes] == ["parts/one.xml"]


def test_the_schema_report_points_into_the_included_file_for_what_it_finds_there(tmp_path):
    folder = corpus(tmp_path / "c", {
        "book.xml": including('<p>Before.</p>\n<xi:include href="chapters/one.xml" xpointer="ch1"/>\n<oddity/>'),
        "chapters/one.xml": tei('<body>\n<div xml:id="ch1">\n<p>First.</p>\n<strangeness/>\n</div></body>',
                                title="Chapters")})
    result = built(folder)
    examples = {finding.message.split(" there")[0]: finding.examples for finding in result.report.findings}
    # the element in the included chapter, on its own line there; the one in the book, where it is in the book
    assert "chapters/one.xml:4:1" in examples["Did not expect element strangeness"]
    book = (folder / "book.xml").read_text().split("\n")
    oddity = next(n for n, line in enumerate(book, 1) if "<oddity/>" in line)
    assert any(e.startswith(f"book.xml:{oddity}:") for e in examples["Did not expect element oddity"])


def test_an_image_of_an_included_part_is_found_beside_the_file_it_is_in(tmp_path):
    from test_corpus_images import image_bytes
    folder = corpus(tmp_path / "c", {
        "book.xml": including('<p>Before.</p>\n<xi:include href="chapters/one.xml" xpointer="ch1"/>'),
        "chapters/one.xml": tei('<body><div xml:id="ch1"><p>A map:</p><figure><graphic url="img/map.png"/>'
                                '</figure></div></body>', title="Chapters"),
        "chapters/img/map.png": image_bytes((30, 20))})
    result = built(folder)
    assert not [p for p in result.problems if p.rule == "image"]
    figure = page(result, "book").xpath("//figure//img")[0]
    assert figure.get("src") == "../facsimiles/chapters/img/map.png"
    assert result.files["facsimiles/chapters/img/map.png"] == image_bytes((30, 20))
    # the TEI the site offers says so too, as an XInclude processor's base URI fixup does
    tei_on_site = etree.fromstring(result.files["tei/book.xml"])
    assert tei_on_site.xpath("//*[@xml:id = 'ch1']/@xml:base") == ["chapters/one.xml"]
