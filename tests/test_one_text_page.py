"""One text page for the edition and any corpus (theme/templates/text.html, publish/render.TextPage):
each offers what its text has, whichever project it belongs to."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from ria.corpus import build_corpus
from ria.model.indexer import build_index

ROOT = Path(__file__).resolve().parent.parent
TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0">'
HEADER = ('<teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p/></publicationStmt>'
          '<sourceDesc><p/></sourceDesc></fileDesc><profileDesc><creation><date when="{date}"/></creation>'
          '</profileDesc></teiHeader>')


def test_an_edition_text_leads_to_the_texts_before_and_after_it_by_date(built_site, edition):
    order = [text.id for text in build_index(edition).texts]
    for n, text_id in enumerate(order):
        page = html.parse(str(built_site / "texts" / f"{text_id}.html")).getroot()
        before = page.xpath("//nav[@class = 'pager']/a[@rel = 'prev']/@href")
        after = page.xpath("//nav[@class = 'pager']/a[@rel = 'next']/@href")
        assert before == ([f"{order[n - 1]}.html"] if n else [])
        assert after == ([f"{order[n + 1]}.html"] if n + 1 < len(order) else [])


def test_an_edition_text_gives_its_date_to_machines(built_site):
    page = html.parse(str(built_site / "texts" / "tukhachevsky-1921.html")).getroot()
    assert page.xpath("//p[@class = 'text-date']/time/@datetime") == ["1921-01-11"]  # its creation date, as the header gives it


def test_a_corpus_text_has_its_contents_and_a_passage_citation_where_its_paragraphs_are_numbered(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "report.xml").write_text(
        TEI + HEADER.format(title="A report", date="1920-05-01")
        + '<text><body><div xml:id="d1" type="chapter" n="1"><head>The front</head><p xml:id="p1" n="1">Quiet.</p></div>'
        '<div xml:id="d2" type="chapter" n="2"><head>The rear</head><p xml:id="p2" n="1">Busy.</p></div>'
        '</body></text></TEI>', encoding="utf-8")
    (folder / "note.xml").write_text(
        TEI + HEADER.format(title="A note", date="1920-06-01") + "<text><body><p>Short.</p></body></text></TEI>",
        encoding="utf-8")
    result = build_corpus(folder, None, ROOT, jobs=1, write=False, search=False)
    report = html.fromstring(result.files["texts/report.html"])
    assert [a.text_content() for a in report.xpath("//nav[@class = 'toc']//a")][:2] == ["The front", "The rear"]
    assert "To cite a passage, add its location" in report.text_content()
    assert report.xpath("//nav[@class = 'pager']/a[@rel = 'next']/@href") == ["note.html"]
    note = html.fromstring(result.files["texts/note.html"])
    assert not note.xpath("//nav[@class = 'toc']") and "To cite a passage" not in note.text_content()
    # the edition's legends describe its own notes and apparatus: a corpus's page has none
    assert not report.xpath("//p[@class = 'legend']")
