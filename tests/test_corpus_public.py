"""`build --corpus DIR --public`: a corpus published on the open web publishes no words of a text
whose rights are not free, as the edition's public build does (ria/model/rights.py). Its page keeps
what its header says; its TEI and its images stay out; the register and chronology pages list its
mentions and dates by their place, without the sentence. A text is free if its header says so, or
names only licences that let anyone publish it (CC0, CC BY, CC BY-SA)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT
from lxml import html
from test_wild_tei import HEADER, TEI_NS, corpus, tei

from ria.corpus import build_corpus
from ria.model.texts import availability_status
from ria.xmlio import parse_bytes

SECRET = "Niemand darf diesen Satz lesen"
OPEN = "Jeder darf diesen Satz lesen"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def letter(title: str, availability: str, body: str) -> str:
    header = HEADER.format(title=title, profile="").replace(
        "<publicationStmt><p>t</p></publicationStmt>", f"<publicationStmt>{availability}</publicationStmt>")
    return f'<TEI xmlns="{TEI_NS}" xml:lang="de">{header}<text>{body}</text></TEI>\n'


def licence(target: str) -> str:
    return f'<availability><licence target="{target}">a licence</licence></availability>'


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = corpus(tmp_path_factory.mktemp("rights") / "briefe", {
        "register.xml": tei('<body><listPerson><person xml:id="anna"><persName>Anna</persName></person>'
                            '</listPerson></body>', title="Register"),
        "offen.xml": letter("Offen", licence("https://creativecommons.org/licenses/by/4.0/"),
                            f'<body><p>{OPEN}, sagte <persName ref="#anna">Anna</persName> am '
                            '<date when="1900-01-02">2. Jänner 1900</date>.</p></body>'),
        "geheim.xml": letter("Geheim", '<availability status="restricted"><p>Nur zum Studium.</p></availability>',
                             f'<body><pb facs="seite.png"/><p>{SECRET}, schrieb <persName ref="#anna">Anna</persName> '
                             'am <date when="1900-03-04">4. März 1900</date>.</p></body>'),
        "seite.png": PNG})
    return folder


def built(folder, public: bool):
    return build_corpus(folder, None, ROOT, jobs=1, write=False, search=False, public=public)


def page(result, name: str) -> html.HtmlElement:
    return html.fromstring(result.files[name])


def test_a_public_build_publishes_no_word_of_a_text_that_is_not_free(letters):
    result = built(letters, public=True)
    assert result.withheld == {"geheim"}
    assert [name for name, data in result.files.items() if SECRET.encode() in data] == []
    assert "tei/geheim.xml" not in result.files and "tei/offen.xml" in result.files
    assert not any(name.endswith(".png") for name in result.files)  # its facsimile stays out too
    text = page(result, "texts/geheim.html")
    assert "does not publish the words of this text" in text.text_content()
    assert not text.xpath("//a[@href='../tei/geheim.xml']")


def test_its_mentions_and_dates_are_listed_by_their_place_without_their_sentence(letters):
    result = built(letters, public=True)
    entry = page(result, "persons/anna.html")
    [withheld] = entry.find_class("withheld")
    assert withheld.xpath("a/@href") == ["../texts/geheim.html"]
    assert "not published" in withheld.text_content()
    assert OPEN in entry.text_content()
    year = page(result, "chronology-1900.html").text_content()
    assert "4. März 1900" in year and "not published" in year and OPEN in year


def test_a_build_for_private_study_publishes_every_text(letters):
    result = built(letters, public=False)
    assert result.withheld == set()
    assert SECRET in page(result, "persons/anna.html").text_content()
    assert "tei/geheim.xml" in result.files and any(name.endswith(".png") for name in result.files)


@pytest.mark.parametrize("availability, status", [
    (licence("https://creativecommons.org/licenses/by/4.0/deed.de"), "free"),
    (licence("https://creativecommons.org/licenses/by-sa/4.0/"), "free"),
    (licence("https://creativecommons.org/publicdomain/zero/1.0/"), "free"),
    (licence("https://creativecommons.org/licenses/by-nc/4.0/"), "unknown"),
    (licence("https://creativecommons.org/licenses/by-nd/4.0/"), "unknown"),
    ('<availability status="restricted"><licence target="https://creativecommons.org/licenses/by/4.0/"/></availability>',
     "restricted"),
    ("<availability><p>Alle Rechte vorbehalten.</p></availability>", "unknown"),
])
def test_a_text_is_free_as_its_header_says_or_as_every_licence_it_names_is(availability, status):
    root = parse_bytes(letter("t", availability, "<body><p>t</p></body>").encode(), "t.xml").getroot()
    assert availability_status(root.find(f".//{{{TEI_NS}}}availability")) == status


def test_the_command_line_says_how_many_texts_it_withheld(letters, tmp_path):
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--corpus", str(letters), "--out",
                             str(out), "--public", "--no-cache"], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 texts whose rights are not free are published without their words" in result.stdout
    assert not (out / "tei" / "geheim.xml").exists() and (out / "tei" / "offen.xml").exists()


def test_a_licence_stated_in_sentences_is_read_as_text_with_its_address_linked_after_it(letters):
    # schnitzler-briefe's headers give a licence's terms, paragraphs of them, in <licence target="…">.
    terms = ("<availability><licence target='https://creativecommons.org/licenses/by/4.0/deed.de'><p>Sie dürfen: "
             "Teilen — das Material in jedwedem Format oder Medium vervielfältigen.</p><p>Unter folgenden "
             "Bedingungen: Namensnennung.</p></licence></availability>")
    named = licence("https://creativecommons.org/publicdomain/zero/1.0/").replace("a licence", "CC0 1.0")
    folder = corpus(letters.parent / "terms", {"t.xml": letter("T", terms, "<body><p>Text.</p></body>"),
                                              "short.xml": letter("S", named, "<body><p>Text.</p></body>")})
    result = built(folder, public=False)
    [rights] = page(result, "texts/t.html").xpath("//dt[starts-with(., 'Rights')]/following-sibling::dd[1]")
    [link] = rights.xpath(".//a")
    assert (link.text, link.get("href")) == ("creativecommons.org/licenses/by/4.0/deed.de",
                                             "https://creativecommons.org/licenses/by/4.0/deed.de")
    assert "Sie dürfen" in rights.text_content() and "Sie dürfen" not in link.text_content()
    [short] = page(result, "texts/short.html").xpath("//dt[starts-with(., 'Rights')]/following-sibling::dd[1]//a")
    assert short.text == "CC0 1.0"  # a licence named in a few words is its own link
