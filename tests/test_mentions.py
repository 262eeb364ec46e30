"""Mentions (issue 19): decided and numbered once, in ria/model/mentions.py.

The index lists each entry's mentions by their anchors (m1, m2 …) and the page gives each
name that anchor as its id, because the transform writes the anchor the model chose onto
the element; the stylesheets count nothing. So an entry's page links to the very name,
whatever the text holds: an ``rs``, a name in a note, a copy of register entries in the
back matter, a name in the header.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ria.corpus import build_corpus
from ria.model.mentions import ANCHOR, marked, mentions
from ria.xmlio import parse_bytes

ROOT = Path(__file__).resolve().parent.parent

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L1">
<teiHeader><fileDesc><titleStmt><title>An <persName ref="#p1">Bahr</persName></title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><date when="1900-01-01">1900</date></correspAction>
</correspDesc></profileDesc></teiHeader>
<text><front><p>Für <persName ref="#p1">Hermann Bahr</persName></p></front>
<body><p>In <placeName ref="#w1">Wien</placeName> traf ich <rs type="person" ref="#p2">den Freund</rs><note>mit
<persName ref="#p1">Bahr</persName></note>, dann <persName>einen ohne Zeiger</persName> und
<orgName ref="#o1">die Burg</orgName>.</p></body>
<back><listPerson><person xml:id="c1"><persName ref="#p1">Bahr, Hermann</persName></person></listPerson>
<div><p>Nachschrift: <placeName ref="#w1">Wien</placeName>.</p></div></back>
</text></TEI>
"""

REGISTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Register</title></titleStmt>
<publicationStmt><p>t</p></publicationStmt><sourceDesc><p>t</p></sourceDesc></fileDesc></teiHeader>
<text><body><listPerson><person xml:id="p1"><persName>Hermann Bahr</persName></person>
<person xml:id="p2"><persName>Arthur Schnitzler</persName></person></listPerson>
<listPlace><place xml:id="w1"><placeName>Wien</placeName></place></listPlace>
<listOrg><org xml:id="o1"><orgName>Burgtheater</orgName></org></listOrg></body></text></TEI>
"""


def test_a_mention_is_a_name_with_a_pointer_in_the_text_numbered_in_document_order():
    root = parse_bytes(LETTER.encode(), "L1.xml").getroot()
    found = [(etree.QName(el).localname, el.text, anchor) for el, anchor in mentions(root)]
    assert found == [("persName", "Hermann Bahr", "m1"), ("placeName", "Wien", "m2"), ("rs", "den Freund", "m3"),
                     ("persName", "Bahr", "m4"), ("orgName", "die Burg", "m5"), ("placeName", "Wien", "m6")]


def test_the_transform_reads_each_anchor_on_its_element_at_its_own_line():
    original = parse_bytes(LETTER.encode(), "L1.xml").getroot()
    annotated = etree.fromstring(marked(LETTER, "L1.xml").encode())
    found = [(el.sourceline, el.get(ANCHOR)) for el in annotated.iter() if el.get(ANCHOR)]
    assert found == [(el.sourceline, anchor) for el, anchor in mentions(original)]
    assert marked("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text/></TEI>", "x.xml").startswith("<TEI")


def test_every_mention_an_entry_lists_is_the_name_the_page_marks(tmp_path):
    corpus = tmp_path / "letters"
    (corpus / "editions").mkdir(parents=True)
    (corpus / "indices").mkdir()
    (corpus / "editions" / "L1.xml").write_text(LETTER, encoding="utf-8")
    (corpus / "indices" / "register.xml").write_text(REGISTER, encoding="utf-8")
    files = build_corpus(corpus, None, ROOT, jobs=1, write=False).files
    page = etree.HTML(files["texts/L1.html"])
    listed = {(href.split("#")[1], path.split("/")[-1][:-len(".html")])
              for path, data in files.items() if re.match(r"(persons|places|organisations|orgs)/\w+\.html$", path)
              for href in etree.HTML(data).xpath("//a/@href") if href.startswith("../texts/L1.html#m")}
    # Each mention of the text is listed by its entry, and each lands on the name it lists.
    assert sorted(anchor for anchor, _ in listed) == ["m1", "m2", "m3", "m4", "m5", "m6"]
    for anchor, entry in listed:
        (name,) = page.xpath(f"//*[@id='{anchor}']")
        assert name.get("data-ref") == entry
    # The page marks no name the index does not list.
    assert sorted(page.xpath("//*[starts-with(@id, 'm') and @data-ref]/@id")) == ["m1", "m2", "m3", "m4", "m5", "m6"]
