"""A play's or a letter's header as DraCor writes it, read by a reader of the "About this text" list:

- an author named in parts (forename, patronym, surname) reads "Леонид Николаевич Андреев, …", with
  no space before the comma that parts it from the next name (the file's line break before
  </persName> stood there);
- an authority record's number beside the name (<idno type="wikidata">Q310866</idno>) is a link to
  the record, said with the authority's name: "Wikidata Q310866";
- a source's address given as an identifier (<idno type="URL">) is a link;
- a source's type written in camel case ("digitalSource") is said in words: "Source (digital source)";
- the file's revisions are a row of the list, "Revisions", not a list without a label below it;
- a register entry's authority records are named as the authorities name themselves ("Wikidata", "GND").
"""

from __future__ import annotations

from lxml import html
from test_wild_tei import ROOT, TEI_NS, corpus, page

from ria.corpus import build_corpus

PLAY = f"""<TEI xmlns="{TEI_NS}" xml:lang="ru"><teiHeader><fileDesc><titleStmt><title>Не убий</title>
<author>
  <persName>
    <forename>Леонид</forename>
    <forename type="patronym">Николаевич</forename>
    <surname>Андреев</surname>
  </persName>
  <persName xml:lang="en"><forename>Leonid</forename> <surname>Andreyev</surname></persName>
  <idno type="wikidata">Q310866</idno>
</author></titleStmt>
<publicationStmt><publisher>DraCor</publisher></publicationStmt>
<sourceDesc><bibl type="digitalSource"><name>lib.ru</name><idno type="URL">http://az.lib.ru/a/text_1330.shtml</idno></bibl></sourceDesc>
</fileDesc><revisionDesc><change when="2018-11-24">(im) convert from source</change></revisionDesc></teiHeader><text><body><div><p>Слова.</p></div></body></text></TEI>"""


def about(tmp_path) -> html.HtmlElement:
    result = build_corpus(corpus(tmp_path / "c", {"play.xml": PLAY}), None, ROOT, jobs=1, write=False, search=False)
    return page(result, "play").get_element_by_id("about-text")


def described(about: html.HtmlElement, term: str) -> html.HtmlElement:
    return about.xpath(f".//dt[. = '{term}']/following-sibling::dd[1]")[0]


def test_an_author_named_in_parts_and_by_an_authority_record(tmp_path):
    author = described(about(tmp_path), "Author")
    assert " ".join(author.text_content().split()) == "Леонид Николаевич Андреев, Leonid Andreyev, Wikidata Q310866"
    [record] = author.xpath(".//a")
    assert record.get("href") == "https://www.wikidata.org/wiki/Q310866"


def test_a_sources_type_in_words_and_its_address_a_link(tmp_path):
    source = described(about(tmp_path), "Source (digital source)")
    assert [a.get("href") for a in source.xpath(".//a")] == ["http://az.lib.ru/a/text_1330.shtml"]


def test_the_revisions_are_a_row_of_the_list(tmp_path):
    revisions = described(about(tmp_path), "Revisions")
    assert [" ".join(li.text_content().split()) for li in revisions.xpath("ul[@class = 'revisions']/li")] == [
        "2018-11-24: (im) convert from source"]


def test_an_entrys_authority_records_are_named_as_the_authorities_name_themselves(tmp_path):
    register = f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Personen</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson><person xml:id="andreyev"><persName>Леонид Андреев</persName>
<idno type="wikidata">Q310866</idno><idno type="gnd">118649418</idno><idno type="pmb">123</idno></person></listPerson></body></text></TEI>"""
    play = PLAY.replace("<p>Слова.</p>", '<p><persName ref="#andreyev">Андреев</persName>.</p>')
    result = build_corpus(corpus(tmp_path / "c", {"play.xml": play, "persons.xml": register}), None, ROOT,
                          jobs=1, write=False, search=False)
    entry = html.fromstring(result.files["persons/andreyev.html"])
    assert [a.text for a in entry.xpath("//p[@class = 'authorities']/a")] == ["Wikidata", "GND"]
    assert "PMB 123" in entry.xpath("string(//p[@class = 'authorities'])")
