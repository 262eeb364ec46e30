"""`build --corpus` on TEI as the Carl Maria von Weber edition (WeGA) writes it: a name points to
its entry with @key, the entry's id as it stands (<persName key="A002068">), not with ref="#…",
on persName, placeName, orgName, rs, name and on WeGA's settlement and workName; each book or
article of its bibliography is a <biblStruct>, in a file of its own whose root it is, as a
Zotero export lists them in a listBibl.

A @key is read as a @ref would be: the name is a mention of the entry (numbered with the others,
listed on the entry's page) and links to it; a @key that names no entry links nowhere. The
snippets are written here after WeGA's patterns; the ids follow its scheme."""

from __future__ import annotations

from pathlib import Path

from lxml import etree, html
from test_wild_tei import TEI_NS, built, corpus, page, tei

from ria.corpus.fragments import fragment_document

ROOT = Path(__file__).resolve().parent.parent


def register_file(element: str) -> str:
    """A file whose root is one register entry, as WeGA keeps each person, place and book."""
    return element.replace(">", f' xmlns="{TEI_NS}">', 1) + "\n"


PERSON = register_file('<person xml:id="A002068"><persName type="reg"><forename>Carl Maria</forename> '
                       '<surname>Weber</surname></persName></person>')
SINGER = register_file('<person xml:id="A000914"><persName type="reg"><forename>Lina</forename> '
                       '<surname>Brandt</surname></persName></person>')
TOWN = register_file('<place xml:id="A130003"><placeName>Dresden</placeName></place>')
THEATRE = register_file('<org xml:id="A080001"><orgName>Court theatre</orgName></org>')
ARTICLE = register_file(
    '<biblStruct xml:id="A110001" type="article"><analytic><author key="A002068">Weber, Carl Maria</author>'
    '<title level="a">Notes on a <q>romantic</q>\n opera</title><idno type="WeGA">A030001</idno></analytic>'
    '<monogr><title level="j">A musical gazette</title><editor>Someone Else</editor>'
    '<imprint><date when="1817-03">March 1817</date></imprint></monogr></biblStruct>')
# A Zotero export: authors by parts written together, the date in words only.
ZOTERO = tei('<body><listBibl>'
             '<biblStruct type="book" xml:id="zotero-book-1"><monogr><title level="m">A life in letters</title>'
             '<author><forename>Anna</forename><surname>Example</surname></author>'
             '<author><forename>Ben</forename><surname>Sample</surname></author>'
             '<imprint><pubPlace>Mainz</pubPlace><date>[1998]</date></imprint></monogr></biblStruct>'
             '</listBibl></body>', title="Bibliography")
WORKS = tei('<body><listBibl><bibl xml:id="A020062"><title>An opera in three acts</title></bibl></listBibl></body>',
            title="Works")
LETTER = tei(
    '<body><div><opener><salute>Dear <persName key="A000914">Lina</persName>!</salute></opener>'
    '<p>Back in <settlement key="A130003">Dresden</settlement>, the <orgName key="A080001">theatre</orgName> '
    'rehearses <workName key="A020062">my opera</workName>; <rs type="person" key="A000914 A002068">we both</rs> '
    'read <rs type="work" key="A110001">the article</rs>. <persName key="A001234">A stranger</persName> came, '
    'and <name key="A130003">the town</name> was glad.</p>'
    '<closer>Your <persName key="A002068">Weber</persName></closer></div></body>',
    title="Weber to Lina", profile='<profileDesc><creation><date when="1817-03-09"/></creation></profileDesc>')


def wega(folder: Path, **more: str) -> Path:
    return corpus(folder, {"A002068.xml": PERSON, "A000914.xml": SINGER, "A130003.xml": TOWN,
                           "A080001.xml": THEATRE, "A110001.xml": ARTICLE, "works.xml": WORKS,
                           "zotero.xml": ZOTERO, "A040001.xml": LETTER, **more})


def text_of(result, text_id: str) -> html.HtmlElement:
    return page(result, text_id).get_element_by_id("text")


# ------------------------------------------------------------------ @key as a pointer

def test_a_name_with_a_key_is_a_mention_of_that_entry_numbered_with_the_others(tmp_path):
    result = built(wega(tmp_path / "c"))
    assert not result.problems
    mentions = [(m.anchor, m.entry_id, m.form) for m in result.index.mentions_in_text("A040001")]
    assert mentions == [
        ("m1", "A000914", "Lina"), ("m2", "A130003", "Dresden"), ("m3", "A080001", "theatre"),
        ("m4", "A020062", "my opera"),
        # several keys, separated by spaces, are several pointers of one mention
        ("m5", "A000914", "we both"), ("m5", "A002068", "we both"),
        ("m6", "A110001", "the article"),
        ("m7", "A001234", "A stranger"),  # a key to no entry: a mention still, its link nowhere
        ("m8", "A130003", "the town"), ("m9", "A002068", "Weber")]
    assert [m.text_id for m in result.index.mentions["A130003"]] == ["A040001", "A040001"]


def test_a_name_with_a_key_links_to_its_entry_and_one_to_no_entry_is_marked_not_linked(tmp_path):
    result = built(wega(tmp_path / "c"))
    text = text_of(result, "A040001")
    links = [(a.get("id"), a.get("href"), a.text_content()) for a in text.xpath(".//a[@data-ref]")]
    assert links == [
        ("m1", "../persons/A000914.html", "Lina"), ("m2", "../places/A130003.html", "Dresden"),
        ("m3", "../organisations/A080001.html", "theatre"), ("m4", "../works/A020062.html", "my opera"),
        ("m5", "../persons/A000914.html", "we both"),  # the first of several keys, as of several refs
        ("m6", "../works/A110001.html", "the article"), ("m8", "../places/A130003.html", "the town"),
        ("m9", "../persons/A002068.html", "Weber")]
    stranger = text.get_element_by_id("m7")
    assert (stranger.tag, stranger.get("class"), stranger.get("href")) == ("span", "name", None)
    assert not text.xpath(".//a[not(@href) or @href = '' or contains(@href, 'A001234')]")


def test_an_entry_lists_the_names_that_point_to_it_by_key(tmp_path):
    result = built(wega(tmp_path / "c"))
    weber = result.files["persons/A002068.html"].decode()
    assert '<a href="../texts/A040001.html#m5">' in weber and "<mark>we both</mark>" in weber
    assert '<a href="../texts/A040001.html#m9">Your <mark>Weber</mark></a>' in weber
    town = result.files["places/A130003.html"].decode()
    assert "Back in <mark>Dresden</mark>, the theatre rehearses" in town and "<mark>the town</mark>" in town
    assert "<mark>my opera</mark>" in result.files["works/A020062.html"].decode()


def test_a_ref_is_read_before_a_key_and_names_without_either_point_nowhere(tmp_path):
    letter = tei('<body><p><persName ref="#A000914" key="A002068">Lina</persName>, '
                 '<persName key="A002068">Weber</persName> and <persName>someone</persName> in '
                 '<settlement>a town</settlement> with <persName key=" ">nobody</persName>.</p></body>')
    result = built(wega(tmp_path / "c", **{"A040002.xml": letter}))
    assert [(m.anchor, m.entry_id) for m in result.index.mentions_in_text("A040002")] == [
        ("m1", "A000914"), ("m2", "A002068")]
    assert text_of(result, "A040002").xpath(".//a[@data-ref]/@href") == [
        "../persons/A000914.html", "../persons/A002068.html"]


def test_inside_a_name_with_a_key_nothing_is_made_a_link_or_focusable(tmp_path):
    # a link cannot hold another, nor anything a keyboard stops at (a date's card is reached by its name's link)
    letter = tei('<body><p><rs type="work" key="A110001">the article of <date when="1817-03-01">March</date>'
                 '</rs>.</p></body>')
    result = built(wega(tmp_path / "c", **{"A040003.xml": letter}))
    link = text_of(result, "A040003").xpath(".//a[@data-ref = 'A110001']")[0]
    assert [(el.tag, el.get("tabindex")) for el in link.iter("time")] == [("time", None)]


# ------------------------------------------------------------------ biblStruct entries

def test_a_file_whose_root_is_a_biblstruct_is_a_register_of_one_work(tmp_path):
    result = built(wega(tmp_path / "c"))
    registers = {doc.rel: doc for doc in result.corpus.registers}
    assert registers["A110001.xml"].why == "its root is a biblStruct entry (a file no other file includes)"
    # the document read around it is titled by the article's own title
    around = fragment_document(etree.fromstring(ARTICLE.encode()), "A110001.xml", "A110001").tree
    assert around.findtext(f".//{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title") == "Notes on a romantic opera"
    article = result.index.entries["A110001"]
    # named by the article, not the journal; dated by the imprint; authored by the article's authors
    assert (article.kind, article.name, article.dates, article.identification) == (
        "work", "Notes on a romantic opera", "1817", "Weber, Carl Maria")
    assert ("WeGA", "A030001", "") in article.authorities
    assert "works/A110001.html" in result.files


def test_a_biblstruct_in_a_listbibl_is_a_work_named_by_its_book_with_its_authors_and_year(tmp_path):
    note = tei('<body><p>See <rs type="work" key="zotero-book-1">the letters</rs>.</p></body>')
    result = built(wega(tmp_path / "c", **{"A040004.xml": note}))
    assert "zotero.xml" in {doc.rel for doc in result.corpus.registers}
    book = result.index.entries["zotero-book-1"]
    assert (book.kind, book.name, book.dates, book.identification) == (
        "work", "A life in letters", "1998", "Anna Example; Ben Sample")
    entry = html.fromstring(result.files["works/zotero-book-1.html"]).get_element_by_id("zotero-book-1")
    assert " ".join(entry.findtext("h1").split()) == "A life in letters"
    assert entry.find_class("identification")[0].text == "Anna Example; Ben Sample"
    assert text_of(result, "A040004").xpath(".//a[@data-ref]/@href") == ["../works/zotero-book-1.html"]


def test_a_biblstruct_is_an_entry_in_a_listbibl_only(tmp_path):
    # a register's own source, described in its header, is not one of its works
    register = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Literature</title></titleStmt>'
                '<publicationStmt><p>t</p></publicationStmt><sourceDesc><biblStruct xml:id="source-1"><monogr>'
                '<title>A printed catalogue</title><imprint><date>1900</date></imprint></monogr></biblStruct>'
                '</sourceDesc></fileDesc></teiHeader><text><body><listBibl><biblStruct xml:id="A110002"><monogr>'
                '<title>A listed book</title><imprint><date when="1901"/></imprint></monogr></biblStruct>'
                '</listBibl></body></text></TEI>\n')
    result = built(wega(tmp_path / "c", **{"literature.xml": register}))
    assert (result.index.entries["A110002"].name, result.index.entries["A110002"].dates) == ("A listed book", "1901")
    assert "source-1" not in result.index.entries


def test_check_reports_a_key_that_names_no_entry_where_it_stands(tmp_path, capsys):
    import json

    from ria.commands.cli import main
    folder = wega(tmp_path / "c")
    main(["check", "--corpus", str(folder), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    dangling = [p for p in report["problems"] if p["rule"] == "pointer-dangling"]
    # the stranger's key names no entry; every other key names one of the registers' entries
    assert [(Path(p["path"]).name, p["message"].split(",")[0]) for p in dangling] == [
        ("A040001.xml", "@key points to A001234")]
    line = LETTER.split("\n")[dangling[0]["line"] - 1]
    assert line[dangling[0]["col"] - 1:].startswith('key="A001234"')
