"""`build.py export --corpus DIR --pdf`: each text of a corpus as a PDF, set as the edition's are
(ria/export/pdf.py, print_page.py) from the corpus's own text page (ria/export/corpus_pdf.py).

A corpus written here (a letter, a play, a letter whose rights are not free) is exported with its
PDFs in this process, again on a pool of two workers, and for the open web; pypdf reads the PDFs
back: every word of each text's plain text is in its PDF, the title page gives the corpus, the
citation and the TEI's sha256, a letter's and a play's parts are set as the site sets them, the
same corpus gives the same bytes, and a public export has no PDF of a text that is not free."""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections import Counter

import pypdf
import pytest
from conftest import ROOT
from test_export_corpus import files_in

from ria.export.corpus import export_corpus
from ria.export.text import NOTES_HEADING, NOTES_RULE, RULE

TEI_NS = "http://www.tei-c.org/ns/1.0"
FREE = '<availability><licence target="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</licence></availability>'
RESTRICTED = '<availability status="restricted"><p>Nur zum Studium.</p></availability>'
SECRET = "Kellerschlüsselversteck"  # a word of the restricted letter, and of no other text
PAGE_TOP, PAGE_BOTTOM = 842 - 22 / 25.4 * 72, 24 / 25.4 * 72  # print.css: A4, its top and bottom margins


def tei(title: str, body: str, author: str, when: str, availability: str = FREE) -> str:
    return (f'<TEI xmlns="{TEI_NS}" xml:lang="de"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
            f"<author>{author}</author></titleStmt><publicationStmt><publisher>Archiv</publisher>{availability}"
            f'</publicationStmt><sourceDesc><p>Handschrift</p></sourceDesc></fileDesc><profileDesc><creation>'
            f'<date when="{when}"/></creation></profileDesc><revisionDesc><change when="2022-03-01">erfasst'
            f"</change></revisionDesc></teiHeader><text>{body}</text></TEI>\n")


LETTER = tei("An Marie", '<body><div type="letter"><opener><dateline>Graz, 3. März 1902</dateline>'
             "<salute>Liebe Marie,</salute></opener>"
             "<p>gestern <choice><sic>kam</sic><corr>kamen</corr></choice> die Bücher"
             '<note place="foot">Drei Bände Goethe, in Leinen.</note> an.<pb n="2"/> Ich danke dir sehr.</p>'
             "<closer>Herzlich grüßt <signed>Dein Franz</signed></closer></div></body>",
             "Franz Huber", "1902-03-03")

WORDS = "wer hat die Laterne im Garten gelassen als der Regen kam und alle schliefen".split()
SPEAKERS = ("Iwan.", "Olga.")


def _speech(n: int) -> str:
    """A speech of a length that varies, so that the pages end at every kind of line."""
    words = " ".join(WORDS[(n + k) % len(WORDS)] for k in range(3 + n * 7 % 23))
    stage = "<stage>(leise)</stage>" if n % 5 == 0 else ""
    return f"<sp><speaker>{SPEAKERS[n % 2]}</speaker>{stage}<p>{words}.</p></sp>"


PLAY = tei("Die Laterne", '<front><castList><head>Personen</head><castItem>Iwan, ein Gärtner</castItem>'
           "<castItem>Olga, seine Schwester</castItem></castList></front>"
           '<body><div type="act"><head>Erster Akt</head><stage>Ein Garten am Abend.</stage>'
           + "".join(_speech(n) for n in range(50)) + "</div></body>", "Olga Stein", "1911")

SECRET_LETTER = tei("Geheim", f"<body><p>Das {SECRET} kennt nur Marie.</p></body>", "Franz Huber",
                    "1902-04-01", RESTRICTED)

TEXTS = {"marie": LETTER, "laterne": PLAY, "geheim": SECRET_LETTER}


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf") / "nachlass"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.xml").write_text(text, encoding="utf-8")
    made = {}
    for name, options in {"study": {"jobs": 1}, "pooled": {"jobs": 2}, "public": {"jobs": 1, "public": True}}.items():
        export_corpus(folder, folder.parent / name, ROOT, pdf=True, **options)
        made[name] = folder.parent / name
    return folder, made


def manifest(out) -> dict:
    return json.loads((out / "manifest.json").read_bytes())


def reader(out, text_id: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO((out / f"pdf/{text_id}.pdf").read_bytes()))


def pdf_text(out, text_id: str) -> str:
    # Hyphenation breaks words at line ends with its own hyphen (U+2010, not the text's "-"): joined again.
    return re.sub("\u2010\n", "", "\n".join(page.extract_text() for page in reader(out, text_id).pages))


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text))


def plain_words(out, text_id: str) -> Counter:
    """The words of the text's plain text, without its header and its own furniture (the notes'
    heading and labels, where the pages turn: the PDF has these in its own way)."""
    body = (out / f"text/{text_id}.reading.txt").read_text(encoding="utf-8").split(RULE + "\n", 1)[1]
    body = body.replace(f"{NOTES_RULE}\n{NOTES_HEADING}\n", "")
    return words(re.sub(r"\[[^\]]*\]", " ", body))


def lines(page) -> list[tuple[float, float, str, str]]:
    """Each piece of text on a page in the text's area: where it starts (x, y in points), its words
    and its font's name."""
    pieces = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and PAGE_BOTTOM < y < PAGE_TOP:
            pieces.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], y, text.strip(),
                           str(font.get("/BaseFont", "")) if font else ""))

    page.extract_text(visitor_text=visit)
    return pieces


def test_each_text_has_its_pdf_listed_in_the_manifest_with_its_checksum_and_source(exports):
    folder, made = exports
    listed = {f["path"]: f for f in manifest(made["study"])["files"] if f["path"].startswith("pdf/")}
    assert sorted(listed) == ["pdf/geheim.pdf", "pdf/laterne.pdf", "pdf/marie.pdf"]
    for path, entry in listed.items():
        data = (made["study"] / path).read_bytes()
        assert data.startswith(b"%PDF-") and entry["media_type"] == "application/pdf"
        assert (entry["size"], entry["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
        source = folder / f"{path[4:-4]}.xml"
        checksum = hashlib.sha256(source.read_bytes()).hexdigest()
        assert entry["derived_from"] == [{"file": source.name, "sha256": checksum}]


def test_every_word_of_each_texts_plain_text_is_in_its_pdf(exports):
    _, made = exports
    for text_id in TEXTS:
        missing = plain_words(made["study"], text_id) - words(pdf_text(made["study"], text_id))
        assert not missing, (text_id, missing)


def test_the_title_page_gives_the_corpus_the_texts_citation_and_its_teis_sha256(exports):
    folder, made = exports
    sha256 = hashlib.sha256((folder / "marie.xml").read_bytes()).hexdigest()
    first = " ".join(reader(made["study"], "marie").pages[0].extract_text().split())
    for fact in ("Franz Huber", "An Marie", "3 March 1902", "nachlass",  # the corpus's title: its folder's
                 f"Franz Huber. An Marie. 3 March 1902. in: nachlass. texts/marie.html (TEI: sha256:{sha256[:16]}).",
                 f"TEI: marie.xml, sha256 {sha256}", "Rights: free", "Printed from the corpus's reading text"):
        assert fact in first, fact
    assert "version" not in first  # (a corpus has none)
    assert "Liebe Marie" not in first  # the text begins on the next page
    info = reader(made["study"], "marie").metadata
    assert (info.title, info.author, info["/CreationDate"][2:10]) == ("An Marie", "Franz Huber", "20220301")


def test_a_letters_dateline_salutation_closer_and_footnote_are_set_as_the_site_sets_them(exports):
    _, made = exports
    page = reader(made["study"], "marie").pages[1]
    placed = lines(page)
    at = {text: (x, y, font) for x, y, text, font in placed}
    body_x, first_line = at["gestern"][:2]
    # The opener's dateline and salutation each on a line of their own, above the text (the site sets
    # an opener's dateline to the left, a closer's to the right).
    assert at["Graz, 3. März 1902"][1] > at["Liebe Marie,"][1] > first_line
    assert at["Graz, 3. März 1902"][0] == at["Liebe Marie,"][0] == body_x
    assert at["Herzlich grüßt"][1] < first_line
    signed = at["Dein Franz"]
    assert signed[1] < at["Herzlich grüßt"][1] and signed[0] > body_x + 250 and "Italic" in signed[2]  # right, italic
    note = next(y for x, y, text, _ in placed if "Drei Bände Goethe" in text)
    assert note < min(y for x, y, text, _ in placed if "Dein Franz" in text)  # at the foot of the page


def test_a_plays_speakers_and_stage_directions_are_set_apart_and_no_page_ends_with_a_speaker(exports):
    _, made = exports
    pages = reader(made["study"], "laterne").pages
    assert len(pages) > 4  # (the play runs over several pages: its breaks are tested)
    fonts = Counter()
    for page in pages[1:]:
        placed = lines(page)
        fonts.update((text, font.split("+")[-1].replace("-", "")) for _, _, text, font in placed
                     if text in ("I", "O", "(leise)"))
        lowest = min(y for _, y, _, _ in placed)
        last_line = "".join(text for _, y, text, _ in placed if abs(y - lowest) < 1)
        assert "".join(last_line.split()) not in SPEAKERS, "a speaker's name ends the page, its speech on the next"
    # The speakers in bold (small capitals), the stage directions in italics, as the site's stylesheet has them.
    assert {font for (text, font) in fonts if text in ("I", "O")} == {"LiberationSerifBoldSmallCaps"}
    assert {font for (text, font) in fonts if text == "(leise)"} == {"LiberationSerifItalic"}


def test_the_same_corpus_gives_the_same_bytes_whether_set_here_or_on_the_pool(exports):
    _, made = exports
    study, pooled = files_in(made["study"]), files_in(made["pooled"])
    assert [rel for rel in study if rel.startswith("pdf/")] and study == pooled


def test_a_public_export_has_no_pdf_of_a_text_whose_rights_are_not_free(exports):
    _, made = exports
    public = files_in(made["public"])
    assert sorted(rel for rel in public if rel.startswith("pdf/")) == ["pdf/laterne.pdf", "pdf/marie.pdf"]
    assert not any(SECRET.encode() in data for data in public.values())
    assert SECRET in pdf_text(made["study"], "geheim")  # (the test can find it where it is)
    listed = manifest(made["public"])
    assert [w["text"] for w in listed["withheld"]] == ["geheim"]
    assert not [f for f in listed["files"] if "geheim" in f["path"]]
    # What it prints of the free texts, it prints as the export for study does.
    assert all(public[rel] == (made["study"] / rel).read_bytes() for rel in public if rel.startswith("pdf/"))


def test_pdfs_are_made_only_when_asked(exports, tmp_path):
    folder, _ = exports
    export_corpus(folder, tmp_path / "plain", ROOT, jobs=1)
    assert not (tmp_path / "plain" / "pdf").exists()
    assert not [f for f in manifest(tmp_path / "plain")["files"] if f["path"].endswith(".pdf")]


def test_a_text_that_cannot_be_transformed_gets_no_pdf_and_the_others_are_set(exports, tmp_path, monkeypatch):
    from ria.export import corpus_pdf
    from ria.problems import EditionError, Problem
    folder, made = exports
    real = corpus_pdf.compiled

    class FailingOnThePlay:
        def __init__(self, stylesheet):
            self._transformer = real(stylesheet)

        def transform(self, xml_text, display_path, **params):
            if display_path == "laterne.xml":
                raise EditionError(Problem(display_path, 7, 3, "error", "transformation failed: a test", rule="xslt"))
            return self._transformer.transform(xml_text, display_path, **params)

    monkeypatch.setattr(corpus_pdf, "compiled", FailingOnThePlay)
    exported = export_corpus(folder, tmp_path / "out", ROOT, jobs=1, pdf=True)
    assert [p.severity for p in exported.problems] == ["error"]
    assert [str(p) for p in exported.problems] == ["laterne.xml:7:3: error: transformation failed: a test"]
    assert not (tmp_path / "out" / "pdf" / "laterne.pdf").exists()
    assert (tmp_path / "out" / "pdf" / "marie.pdf").read_bytes() == (made["study"] / "pdf" / "marie.pdf").read_bytes()
    assert manifest(tmp_path / "out")["problems"] == ["laterne.xml:7:3: error: transformation failed: a test"]
