"""`build --corpus` on real TEI, fourteenth round: trial records as the Old Bailey Proceedings
Online keep them (TEI P4, each name, offence and verdict classified by interp children, linked by
join), transcribed speech as ISO 24624 has it (EXMARaLDA's and the CLARIN corpora's timeline,
annotationBlock, spanGrp), account books (DEPCHA's bookkeeping: measure, num, a table of entries
with page breaks between its rows), diaries (entries named by their datelines, several a day) and
early printed books as EEBO-TCP keyed them (g, gap with its placeholder marks, tcp: facsimiles);
and what else such files hold that failed: dates TEI allows beyond a day (a day of no year, a
moment, a year before the common era), a caesura, a name's parts one against the next, a
bibliography's structured entries and lists of events or persons standing in a text.

Each snippet is written here to reproduce one phenomenon met in those projects' files."""

from __future__ import annotations

from test_html_checker import nu_checker, nu_errors  # noqa: F401 (nu_checker is a fixture)
from test_wild_tei import HEADER, ROOT, TEI_NS, built, corpus, page, tei
from test_wild_tei_second_round import printed

from ria.corpus import build_corpus

# ------------------------------------------------------------------ the Old Bailey Proceedings

# A sessions paper as the Proceedings Online distribute it: TEI P4 without a header, ids that are
# numbers, each interp and join on a line of its own.
OLD_BAILEY = """<?xml version="1.0" encoding="UTF-8"?>
<TEI.2>
<text><body>
<div0 type="sessionsPaper" id="17280717">
<interp inst="17280717" type="collection" value="BAILEY"/>
<interp inst="17280717" type="year" value="1728"/>
<xptr type="transcription" doc="17280717"/>
<div1 type="trialAccount" id="t17280717-3">
<interp inst="t17280717-3" type="year" value="1728"/>
<join result="criminalCharge" id="t17280717-3-c36" targOrder="Y" targets="t17280717-3-defend40 t17280717-3-off10"/>
<p>
<xptr type="pageFacsimile" doc="172807170002"/>
<persName id="t17280717-3-defend40" type="defendantName">
Nathaniel
Mercy
<interp inst="t17280717-3-defend40" type="surname" value="Mercy"/>
<interp inst="t17280717-3-defend40" type="gender" value="male"/>
</persName>
, of <placeName id="t17280717-3-defloc9">St. James's Westminster</placeName>
<interp inst="t17280717-3-defloc9" type="type" value="defendantHome"/>
<join result="persNamePlace" targOrder="Y" targets="t17280717-3-defend40 t17280717-3-defloc9"/>, was indicted for <rs id="t17280717-3-off10" type="offenceDescription">
<interp inst="t17280717-3-off10" type="offenceCategory" value="theft"/>
<interp inst="t17280717-3-off10" type="offenceSubcategory" value="grandLarceny"/>
stealing a Coach Wheel
</rs>, the Goods of
<persName id="t17280717-3-victim41" type="victimName">
Thomas West
<interp inst="t17280717-3-victim41" type="gender" value="male"/>
<join result="offenceVictim" targOrder="Y" targets="t17280717-3-off10 t17280717-3-victim41"/>
</persName>
, on the <rs id="t17280717-3-cd15" type="crimeDate">first of May</rs>
<join result="offenceCrimeDate" targOrder="Y" targets="t17280717-3-off10 t17280717-3-cd15"/> last; he <rs id="t17280717-3-verdict11" type="verdictDescription">
<interp inst="t17280717-3-verdict11" type="verdictCategory" value="guilty"/>
pleaded guilty
</rs>.</p>
</div1>
</div0>
</body></text>
</TEI.2>
"""


def old_bailey(tmp_path):
    return page(built(corpus(tmp_path / "c", {"t17280717.xml": OLD_BAILEY})), "t17280717")


def test_a_sessions_paper_whose_p4_ids_are_numbers_is_published(tmp_path):
    # id="17280717" is no NCName: made an xml:id, it failed the build when the P4 file was read again.
    text = old_bailey(tmp_path).get_element_by_id("text")
    assert text.get_element_by_id("17280717").get("class") == "div div-sessionsPaper"
    assert text.get_element_by_id("t17280717-3").tag == "section"


def test_a_trial_reads_as_printed_without_the_layout_of_its_classification(tmp_path):
    # "Mercy⏎<interp/>⏎</persName>⏎, of": "Nathaniel Mercy , of St. James's Westminster , was …".
    trial = old_bailey(tmp_path).get_element_by_id("t17280717-3")
    for page_break in trial.find_class("pb"):
        page_break.drop_tree()
    assert printed(trial) == (
        "Nathaniel Mercy, of St. James's Westminster, was indicted for stealing a Coach Wheel, the Goods of "
        "Thomas West, on the first of May last; he pleaded guilty.")


def test_the_editors_classification_of_a_phrase_is_its_title(tmp_path):
    text = old_bailey(tmp_path).get_element_by_id("text")
    assert text.get_element_by_id("t17280717-3-defend40").get("title") == "Defendant name — surname: Mercy; gender: male"
    assert text.get_element_by_id("t17280717-3-off10").get("title") == (
        "Offence description — offence category: theft; offence subcategory: grand larceny")
    assert text.get_element_by_id("t17280717-3-cd15").get("title") is None
    assert "BAILEY" not in text.text_content() and "defendantHome" not in text.text_content()


def test_a_page_facsimile_pointer_is_where_a_page_begins(tmp_path):
    text = old_bailey(tmp_path).get_element_by_id("text")
    (page_break,) = text.find_class("pb")
    assert page_break.get("aria-label") == "page break, facsimile 172807170002"


# ------------------------------------------------------------------ ISO 24624 transcribed speech

# As EXMARaLDA's ISO export writes an interview: a timeline of when elements, blocks whose @who
# names a participant (once without the #, as TEI-CORPO writes it), words one against the next,
# a translation tier and a tier pointing to a word.
SPOKEN = f"""<TEI xmlns="{TEI_NS}" xml:lang="de">
<teiHeader><fileDesc><titleStmt><title>Interview 7</title></titleStmt><publicationStmt><p>t</p></publicationStmt>
<sourceDesc><recordingStmt><recording type="audio"><media mimeType="audio/wav" url="interview7.wav"/></recording></recordingStmt></sourceDesc></fileDesc>
<profileDesc><particDesc><listPerson>
<person xml:id="SPK0" n="INT"><persName><abbr>INT</abbr></persName></person>
<person xml:id="SPK1" n="ML"><persName><forename>Max</forename><surname>Lenz</surname></persName></person>
</listPerson></particDesc></profileDesc></teiHeader>
<text>
<timeline unit="s" origin="#T_START">
<when xml:id="T_START" absolute="00:00:00.0"/>
<when xml:id="T0" interval="0.0" since="#T_START"/>
<when xml:id="T1" interval="1.52" since="#T_START"/>
<when xml:id="T2" interval="2.3" since="#T1"/>
<when xml:id="T3" interval="65.25" since="#T_START"/>
</timeline>
<body>
<annotationBlock who="#SPK0" start="#T0" end="#T1" xml:id="ab1"><u xml:id="u1"><seg type="utterance" subtype="interrogative"><anchor synch="#T0"/><w xml:id="w1">wie</w><w xml:id="w2">war</w><w>das</w><pc>?</pc><anchor synch="#T1"/></seg></u>
<spanGrp type="en"><span from="#T0" to="#T1">how was it?</span></spanGrp>
<spanGrp type="akz"><span from="#w2" to="#w2">!</span></spanGrp></annotationBlock>
<annotationBlock who="#SPK1" start="#T2" end="#T3" xml:id="ab2"><u xml:id="u2"><seg type="utterance"><anchor synch="#T2"/><w>naja</w><pause dur="PT0.8S" type="long"/><w>schwierig</w><incident><desc>lacht</desc></incident><pc>.</pc></seg></u>
<spanGrp type="en"><span from="#T2" to="#T3">well, difficult.</span></spanGrp></annotationBlock>
<annotationBlock who="SPK0" start="#T3" end="#T3"><u><seg type="utterance"><w>hm</w></seg></u></annotationBlock>
</body></text></TEI>
"""


def spoken(tmp_path):
    return page(built(corpus(tmp_path / "c", {"interview.xml": SPOKEN})), "interview").get_element_by_id("text")


def test_an_annotation_block_is_led_by_its_speaker_and_the_time_it_starts_at(tmp_path):
    # Its @who named nobody: the utterances in it have none of their own.
    text = spoken(tmp_path)
    assert [printed(speaker) for speaker in text.find_class("speaker")] == ["INT 0:00.0", "Max Lenz 0:03.8", "INT 1:05.3"]
    assert text.xpath(".//time[@class = 'block-time']/@datetime") == ["PT0S", "PT3.82S", "PT65.25S"]
    assert text.xpath(".//p[@class = 'speaker']/a/@href") == ["#SPK0", "#SPK1"]
    assert "00:00:00" not in text.text_content()  # the timeline is no text


def test_an_annotation_block_s_tiers_follow_its_utterance_each_on_a_line(tmp_path):
    # The translation ran into the transcript: "wie war das? how was it? !".
    first = spoken(tmp_path).get_element_by_id("ab1")
    assert printed(first.find_class("u")[0]) == "wie war das?"
    assert [printed(tier) for tier in first.find_class("span-grp")] == ["en how was it?", "akz !"]


def test_a_pause_says_how_long_it_lasted(tmp_path):
    second = spoken(tmp_path).get_element_by_id("u2")
    assert printed(second) == "naja [pause 0.8 s] schwierig lacht."


# ------------------------------------------------------------------ account books

# A day book as DEPCHA encodes one: a table of entries with columns of pounds, shillings and pence,
# a page break between two rows, quantities measured for what they count.
ACCOUNTS = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="Day Book, 1828", profile="")}
<text><body><div type="page">
<table ana="bk:account">
<head>Cash Account</head>
<row role="label"><cell>Date</cell><cell>Entry</cell><cell>£</cell><cell>s</cell><cell>d</cell></row>
<row ana="bk:entry"><cell><date ana="bk:when" when="1828-03-04">March 4</date></cell>
 <cell><name ana="bk:from" type="person">John Smith</name> <measure ana="bk:commodity" commodity="wheat" unit="bushel" quantity="2">2 bu. wheat</measure></cell>
 <cell><measure ana="bk:money" unit="pound" quantity="1">1</measure></cell>
 <cell><measure ana="bk:money" unit="shilling" quantity="4">4</measure></cell>
 <cell><measure ana="bk:money" unit="pence" quantity="0">-</measure></cell></row>
<pb n="2"/>
<fw type="header">Cash</fw>
<lb/>
<row ana="bk:entry"><cell cols="2">Paid <name ana="bk:to" type="person">Mrs. Gray</name> for <measure commodity="butter" unit="lb" quantity="4"><num value="4">four</num> lb. butter</measure></cell>
 <cell/><cell><measure ana="bk:money" unit="shilling" quantity="6">6</measure></cell><cell/></row>
</table>
<p ana="bk:entry">Recd <measure unit="shilling" quantity="12">12</measure> shillings for <num value="0.5">½</num> cord of wood.</p>
</div></body></text></TEI>
"""


def accounts(tmp_path):
    return page(built(corpus(tmp_path / "c", {"daybook.xml": ACCOUNTS})), "daybook").get_element_by_id("text")


def test_a_page_break_between_a_table_s_rows_is_a_row_across_the_table(tmp_path):
    # Only rows were read: the page break and the running head between them were lost.
    rows = accounts(tmp_path).xpath(".//table/tbody/tr")
    assert [[printed(cell) for cell in row] for row in rows] == [
        ["Date", "Entry", "£", "s", "d"], ["March 4", "John Smith 2 bu. wheat", "1", "4", "-"], ["p. 2"], ["Cash"],
        ["Paid Mrs. Gray for four lb. butter", "", "6", ""]]
    assert [row.get("class") for row in rows] == [None, None, "table-break", "table-break", None]
    assert rows[2].xpath("td/@colspan") == ["5"]


def test_a_forme_work_of_no_type_is_classed_as_forme_work_alone(tmp_path):
    # An untyped fw was classed "fw fw-": a class naming no type.
    text = page(built(corpus(tmp_path / "c", {"fw.xml": tei(
        '<body><p>ends here <fw>12</fw> <fw type="catch">and</fw> and goes on</p></body>')})), "fw")
    assert [span.get("class") for span in text.find_class("fw")] == ["fw", "fw fw-catch"]


def test_a_quantity_is_titled_with_what_it_counts(tmp_path):
    text = accounts(tmp_path)
    assert [(m.text_content(), m.get("title")) for m in text.find_class("measure")] == [
        ("2 bu. wheat", "2 bushel wheat"), ("1", "1 pound"), ("4", "4 shilling"), ("-", "0 pence"),
        ("four lb. butter", "4 lb butter"), ("6", "6 shilling"), ("12", "12 shilling")]
    assert [(n.text, n.get("title")) for n in text.find_class("num")] == [("four", "4"), ("½", "0.5")]


# ------------------------------------------------------------------ diaries

DIARY = f"""<TEI xmlns="{TEI_NS}" xml:lang="en">{HEADER.format(title="Journal, 1814", profile="")}
<text><body>
<div type="entry" xml:id="d1"><dateline><date when="1814-07-28">Thursday, July 28</date></dateline><p>Leave London at five.</p></div>
<div type="entry" xml:id="d2"><dateline><seg rend="left">Dover</seg><seg rend="right"><date when="1814-07-28">Evening</date></seg></dateline><p>Arrive.</p></div>
<div type="entry" xml:id="d3"><opener><dateline>Paris<lb/><date when="1814-08-02">August 2</date></dateline></opener><p>Rain.</p></div>
<div type="entry" xml:id="d4"><p>No date.</p><dateline>Signed at Paris</dateline></div>
<div type="scene" xml:id="d5"><stage>They leave.</stage><dateline>1851</dateline></div>
</body></text></TEI>
"""


def test_a_diary_s_entries_are_listed_by_their_datelines(tmp_path):
    # The contents listed "Entry", "Entry", "Entry" …: each entry is named by the dateline it opens
    # with, its lines' and parts' words apart; one without is named by its type still, as is a
    # scene by the date it ends with (rusdracor's Turgenev: "1851 г.").
    contents = page(built(corpus(tmp_path / "c", {"journal.xml": DIARY})), "journal").find_class("toc")[0]
    assert [(a.text, a.get("href")) for a in contents.iter("a")] == [
        ("Thursday, July 28", "#d1"), ("Dover Evening", "#d2"), ("Paris August 2", "#d3"), ("Entry", "#d4"), ("Scene", "#d5")]


# ------------------------------------------------------------------ EEBO-TCP

EEBO = f"""<TEI xmlns="{TEI_NS}" xml:id="A01234">{HEADER.format(title="A sermon", profile="")}
<text xml:lang="eng"><body><div type="sermon"><pb facs="tcp:12345:2" rendition="simple:additions"/>
<head><g ref="char:leaf">❧</g> THE SERMON.</head>
<p>The peo<g ref="char:EOLhyphen"/>ple were glad<g ref="char:punc">▪</g> and the king <gap reason="illegible" resp="#PDCC" extent="1 letter"><desc>•</desc></gap>aid,
<gap reason="illegible" resp="#APEX" extent="2 words"><desc>〈◊◊〉</desc></gap> for co<g ref="char:cmbAbbrStroke">̄</g>fort.</p>
<p><gap reason="foreign"><desc>〈 in non-Latin alphabet 〉</desc></gap></p>
</div></body></text></TEI>
"""


def test_a_tcp_gap_shows_the_keyers_marks_where_the_letters_stood(tmp_path):
    # "<gap extent="1 letter"><desc>•</desc></gap>aid" read "[…] •aid": a word cut in two.
    text = page(built(corpus(tmp_path / "c", {"A01234.xml": EEBO})), "A01234").get_element_by_id("text")
    first, foreign = text.xpath(".//p")
    assert printed(first) == "The people were glad▪ and the king •aid, 〈◊◊〉 for co\u0304fort."
    assert [gap.get("title") for gap in first.find_class("gap")] == ["Omitted: illegible, 1 letter", "Omitted: illegible, 2 words"]
    # a description in words stays one, after the mark of what is left out
    assert printed(foreign) == "[…] 〈 in non-Latin alphabet 〉"
    assert not text.xpath(".//a[starts-with(@href, 'tcp:')]")  # a TCP image number is no address


# ------------------------------------------------------------------ what else such files hold

# Dates as TEI's @when may write them besides a day, month or year: a letter dated without its
# year, a moment, a date with its time zone, a year before the common era (EpiDoc), a month alone.
DATES = tei("""<body><p><date when="--05-12">12 May</date>, <date when="1917-11-07T22:40:00">that night</date>,
<date when="1705-05-12+01:00">the 12th</date>, <date when="-0044-03-15">the Ides of March</date>,
<date from="--05" to="--06">May to June</date>.</p></body>""")


def test_a_date_of_any_form_tei_allows_is_said_in_words_and_the_text_published(tmp_path):
    # Each of these failed the whole text ("Cannot convert zero-length string to an integer").
    text = page(built(corpus(tmp_path / "c", {"dates.xml": DATES})), "dates").get_element_by_id("text")
    assert [date.get("title") for date in text.find_class("date")] == [
        "12 May", "7 November 1917, 22:40", "12 May 1705", "15 March 44 BCE", "May–June"]


# A caesura written between the half-lines with nothing around it (Old English verse, CBETA's
# gathas), a name's parts one against the next.
VERSE = tei("""<body><lg><l>Hwæt we Gardena<caesura/>in geardagum</l><l xml:lang="zh">如是我聞<caesura/>一時佛住</l></lg>
<p><persName><roleName>King</roleName> <forename>Charles</forename><genName>II</genName></persName> and
<persName><forename>Barbara</forename><nameLink>von</nameLink><surname>Prammer</surname></persName>.</p></body>""")


def test_a_caesura_parts_the_half_lines_and_a_name_s_parts_are_words(tmp_path):
    # "Gardenain geardagum", "Charles II" as "CharlesII".
    text = page(built(corpus(tmp_path / "c", {"verse.xml": VERSE})), "verse").get_element_by_id("text")
    first, second = text.find_class("l")
    assert first.text_content() == "Hwæt we Gardena\u2003in geardagum"
    assert second.text_content() == "如是我聞\u3000一時佛住"
    assert printed(text.find(".//p")) == "King Charles II and Barbara von Prammer."


# A journal article's works cited as biblStruct entries, and a diary's events and persons listed
# in its text.
CITED = tei("""<body><p>As Smith argued <ref target="#smith1800">(1800)</ref>.</p><p>And Doe.</p><p>The journey:</p>
<div type="chronology"><listEvent><head>Events</head><event when="1814-07-28" xml:id="ev1"><label>Departure</label><desc>Leaves
<placeName>London</placeName>.</desc></event></listEvent>
<listPerson><person xml:id="pp1"><persName>Mary Godwin</persName><birth>1797</birth><occupation>writer</occupation></person></listPerson></div></body>
<back><div type="bibliography"><head>Works cited</head><listBibl>
<biblStruct xml:id="smith1800" type="book"><monogr><author>Smith, J.</author><title level="m">A Book</title><imprint><pubPlace>London</pubPlace><publisher>Murray</publisher><date when="1800">1800</date></imprint></monogr></biblStruct>
<biblStruct type="journalArticle"><analytic><author><surname>Doe</surname>, <forename>Jane</forename></author><title level="a">An Article</title></analytic>
<monogr><title level="j">Notes and Queries</title><imprint><biblScope unit="volume">3</biblScope><biblScope unit="page">1-10</biblScope><date>1900</date></imprint></monogr>
<idno type="DOI">10.1093/nq/3.1</idno></biblStruct>
</listBibl></div></back>""")


def test_a_structured_entry_of_works_cited_reads_as_a_citation_and_is_where_its_reference_leads(tmp_path):
    # "Smith, J.A BookLondonMurray1800", and the reference to #smith1800 led nowhere.
    text = page(built(corpus(tmp_path / "c", {"article.xml": CITED})), "article").get_element_by_id("text")
    book, article = text.find_class("bibl-struct")
    assert printed(book) == "Smith, J. A Book. London: Murray, 1800."
    assert printed(article) == "Doe, Jane. An Article. In: Notes and Queries. vol. 3, pp. 1-10, 1900. 10.1093/nq/3.1."
    assert text.xpath(".//a[. = '(1800)']/@href") == ["#smith1800"] and book.get("id") == "smith1800"
    assert article.xpath(".//a/@href") == ["https://doi.org/10.1093/nq/3.1"]


def test_a_list_of_events_or_persons_in_a_text_is_an_entry_a_line(tmp_path):
    # "DepartureLeaves London." and "Mary Godwin1797writer" ran on as one line.
    text = page(built(corpus(tmp_path / "c", {"article.xml": CITED})), "article").get_element_by_id("text")
    assert [printed(p) for p in text.xpath(".//p[@class = 'caption']")] == ["Events"]
    assert [(li.get("id"), printed(li)) for li in text.xpath(".//ul[contains(@class, 'list-entries')]/li")] == [
        ("ev1", "28 July 1814: Departure; Leaves London."), ("pp1", "Mary Godwin; 1797; writer")]


# ------------------------------------------------------------------ the W3C checker

def test_this_round_s_texts_pass_the_w3c_checker(nu_checker, tmp_path):  # noqa: F811
    folder = corpus(tmp_path / "c", {"t17280717.xml": OLD_BAILEY, "interview.xml": SPOKEN, "daybook.xml": ACCOUNTS,
                                     "journal.xml": DIARY, "A01234.xml": EEBO, "dates.xml": DATES, "verse.xml": VERSE,
                                     "article.xml": CITED})
    build_corpus(folder, tmp_path / "site", ROOT, jobs=1, search=False)
    assert nu_errors(nu_checker, tmp_path / "site" / "texts") == []
