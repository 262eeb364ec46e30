"""`build --corpus` on real TEI, fourth round: what the third round left (a header's fields run
together, Leiden signs EpiDoc editions use beyond the first ones, German quotation marks between
tokens, the DTA's initials) and corpora of kinds not tried yet (Perseus's canonical Greek and
Latin texts, cut into numbered books, chapters and sections).

Each snippet is written here to reproduce one phenomenon met in a real corpus."""

from __future__ import annotations

from test_wild_tei import TEI_NS, built, corpus, page, tei, words
from test_wild_tei_second_round import printed


def about_rows(tmp_path, document: str) -> dict[str, list[str]]:
    """The about part's rows: each label with its values, as read."""
    about = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").get_element_by_id("about-text")
    rows: dict[str, list[str]] = {}
    label = ""
    for row in about.find_class("metadata")[0]:
        if row.tag == "dt":
            label = printed(row)
        else:
            rows.setdefault(label, []).append(printed(row))
    return rows


# ------------------------------------------------------------------ a header's fields (EpiDoc, ELTeC, CMIF)

def with_source(source: str, profile: str = "", body: str = "<body><p>Text.</p></body>") -> str:
    return (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>A stone</title>{{resp}}</titleStmt>'
            f"<publicationStmt><p>t</p></publicationStmt><sourceDesc>{source}</sourceDesc></fileDesc>{profile}"
            f"</teiHeader><text>{body}</text></TEI>")


def test_the_place_and_date_of_an_origin_are_set_apart(tmp_path):
    # EpiDoc: <origin><origPlace>…</origPlace><origDate>…</origDate></origin>, nothing between them.
    source = ("<msDesc><msIdentifier><repository>Museum</repository></msIdentifier><history><origin>"
              "<origPlace>Old town</origPlace><origDate notBefore='0101' notAfter='0200'>Second century AD</origDate>"
              "</origin><provenance type='found'>Found <date>1890</date> in a field.</provenance></history></msDesc>")
    rows = about_rows(tmp_path, with_source(source).replace("{resp}", ""))
    assert rows["Origin"] == ["Old town, Second century AD"]
    assert rows["Provenance"] == ["Found 1890 in a field."]  # prose keeps its own words between the parts


def test_a_source_given_as_fields_reads_as_a_reference(tmp_path):
    # ELTeC's sourceDesc: a bibl of title, author, place and date, one per line of the file.
    source = """<bibl type="copy">
      <title>Der Hof</title>
      <author><forename>Anna</forename><surname>Muster</surname></author>
      <pubPlace>Berlin</pubPlace>
      <publisher>Verlag</publisher><date>1890</date>
    </bibl>"""
    rows = about_rows(tmp_path, with_source(source).replace("{resp}", ""))
    assert rows["Source (copy)"] == ["Der Hof, Anna Muster, Berlin, Verlag, 1890"]


def test_several_people_of_one_responsibility_are_named_apart(tmp_path):
    resp = ("<respStmt><resp>Transcription</resp><persName>Ada Roe</persName><persName>Ben Poe</persName></respStmt>"
            "<author><persName>Cleo</persName><persName>Dion</persName></author>"
            # Schnitzler's letters: names written surname first, one per line.
            "<editor>\n  <name>Roe, Ada</name>\n  <name>Poe, Ben</name>\n</editor>")
    source = "<bibl><respStmt><resp>translated by</resp><persName>Eva Loe</persName></respStmt></bibl>"
    rows = about_rows(tmp_path, with_source(source).replace("{resp}", resp))
    assert rows["Transcription"] == ["Ada Roe, Ben Poe"]
    assert rows["Author"] == ["Cleo, Dion"]
    assert rows["Editor"] == ["Roe, Ada; Poe, Ben"]
    assert rows["Source"] == ["translated by Eva Loe"]


def test_a_letter_record_in_the_text_reads_as_a_line_not_run_on_names(tmp_path):
    # CMIF: correspondence records in a listBibl, with two senders and an empty dated date.
    records = ('<listBibl xmlns:ct="urn:example:cmif"><ct:correspDesc><ct:correspAction type="sending">'
               "<persName>Weber</persName><persName>Stein</persName><placeName>Rome</placeName>"
               "<date when='1819-08-05'/></ct:correspAction><ct:correspAction type='receiving'>"
               "<persName>Anna</persName></ct:correspAction></ct:correspDesc></listBibl>")
    document = tei(f"<body>{records}</body>")
    text = page(built(corpus(tmp_path / "c", {"t.xml": document})), "t").get_element_by_id("text")
    assert [words(li) for li in text.xpath(".//ul/li")] == ["Weber & Stein → Anna, Rome, 5 August 1819"]


def test_the_correspondents_of_a_letter_header_are_named_apart(tmp_path):
    profile = ("<profileDesc><correspDesc><correspAction type='sent'><persName>Anna</persName><persName>Berta"
               "</persName><date when='1900-01-02'/></correspAction><correspAction type='received'><persName>Carl"
               "</persName></correspAction></correspDesc></profileDesc>")
    letter = tei("<body><p>Dear Carl.</p></body>", profile=profile)
    document = page(built(corpus(tmp_path / "letter", {"t.xml": letter})), "t")
    assert printed(document.find_class("text-author")[0]) == "Anna & Berta → Carl"
    assert about_rows(tmp_path, letter)["Correspondence"] == [
        "Anna & Berta → Carl, 2 January 1900"]
