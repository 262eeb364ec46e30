"""TEI other projects write renders as what it is: plays, letters, facsimiles, highlighting,
alternatives, tables, lists and figures, each a small snippet through the real stylesheet
(xslt/text.xsl, as the builds run it), and the HTML is valid where a reader's
browser would otherwise rebuild it: no block inside a phrase (checked on the snippets, on
real plays and letters, and on the edition's own texts)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SHARED, unavailable
from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
RUSDRACOR = SHARED / "corpus" / "rusdracor" / "tei"
SCHNITZLER = SHARED / "corpus" / "schnitzler-briefe" / "editions"

# HTML's content model, as far as the stylesheets can break it: these hold phrasing content only,
# these are blocks, and these are transparent (they take their parent's content model).
PHRASING_ONLY = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "em", "i", "b", "q", "cite", "time",
                 "code", "sup", "sub", "small", "strong", "abbr", "label", "u", "s", "mark", "dfn"}
TRANSPARENT = {"a", "del", "ins"}
BLOCKS = {"div", "p", "ul", "ol", "dl", "li", "dt", "dd", "table", "tbody", "tr", "td", "th", "caption",
          "blockquote", "figure", "figcaption", "section", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre"}


def html_problems(root: etree._Element) -> list[str]:
    """Blocks inside phrasing content, links inside links, list children that are not items, ids given twice."""
    problems = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "a" and any(a.tag == "a" for a in el.iterancestors()):
            problems.append(f"<a href={el.get('href')!r}> inside a link")
        if el.tag in BLOCKS:
            holder = el.getparent()
            while holder is not None and holder.tag in TRANSPARENT:
                holder = holder.getparent()
            if holder is not None and holder.tag in PHRASING_ONLY:
                problems.append(f"<{el.tag} class={el.get('class')!r}> inside <{holder.tag} class={holder.get('class')!r}>")
        if el.tag in ("ul", "ol"):
            problems += [f"<{child.tag}> in <{el.tag}>" for child in el if isinstance(child.tag, str) and child.tag != "li"]
        if el.tag == "dl":
            problems += [f"<{child.tag}> in <dl>" for child in el if isinstance(child.tag, str) and child.tag not in ("dt", "dd")]
    ids = [el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")]
    problems += [f"id {i!r} twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    return problems


class Page:
    """The parts of one transformed text (as XML, which HTML parsers would silently repair)."""

    def __init__(self, result: str):
        root = etree.fromstring(result.encode("utf-8"))
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag.startswith(XHTML):
                el.tag = el.tag[len(XHTML):]
        self.root = root
        self.parts = {part.get("name"): part for part in root}
        self.text = self.parts["text"]
        self.about = self.parts["about"]

    def one(self, xpath: str, part: str = "text") -> etree._Element:
        found = self.all(xpath, part)
        assert len(found) == 1, f"{xpath}: {len(found)} found in {etree.tostring(self.parts[part], encoding='unicode')}"
        return found[0]

    def all(self, xpath: str, part: str = "text") -> list:
        """Matches of an XPath inside one part ("//x" searches that part, not the whole page)."""
        return self.parts[part].xpath("." + xpath if xpath.startswith("/") else xpath)

    def ids(self) -> set[str]:
        return {el.get("id") for el in self.root.iter() if isinstance(el.tag, str) and el.get("id")}


def words(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


@pytest.fixture(scope="module")
def transform(processor):
    """Transform TEI text through a stylesheet of xslt/ (text.xsl unless named), as the builds do."""
    compiled = {}

    def run(tei: str, stylesheet: str = "text.xsl") -> Page:
        if stylesheet not in compiled:
            compiled[stylesheet] = processor.new_xslt30_processor().compile_stylesheet(
                stylesheet_file=str(ROOT / "xslt" / stylesheet))
        executable = compiled[stylesheet]
        executable.clear_parameters()
        executable.set_parameter("root", processor.make_string_value("../"))
        result = executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=tei))
        assert result is not None, executable.exception_message
        page = Page(result)
        assert html_problems(page.root) == []
        return page

    return run


def tei(body: str, front: str = "", profile: str = "", facsimile: str = "", lang: str = "de") -> str:
    return f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{lang}"><teiHeader><fileDesc>
<titleStmt><title>Test</title></titleStmt><publicationStmt><p>t</p></publicationStmt>
<sourceDesc><p>t</p></sourceDesc></fileDesc><profileDesc>{profile}</profileDesc></teiHeader>
{facsimile}<text><front>{front}</front><body>{body}</body></text></TEI>"""


# ---------------------------------------------------------------- drama

PLAY_FRONT = """<castList><head>Persons</head>
<castItem><role xml:id="hamlet">Hamlet</role><roleDesc>Prince of Denmark</roleDesc></castItem>
<castItem><role xml:id="horatio">Horatio</role>, <roleDesc>his friend</roleDesc></castItem>
<castGroup rend="braced"><castItem><role xml:id="bernardo">Bernardo</role></castItem>
  <castItem><role xml:id="francisco">Francisco</role></castItem><roleDesc>soldiers</roleDesc></castGroup>
<castItem>Ghost of Hamlet's father</castItem>
</castList>
<set><head>Scene</head><p>Elsinore.</p></set>"""

PLAY_BODY = """<div type="act"><head>Act I</head><div type="scene"><head>Scene 1</head>
<stage>A platform before the castle.</stage>
<sp who="#bernardo"><speaker>Bernardo</speaker><l>Who's there?</l></sp>
<sp who="#francisco"><speaker>Francisco</speaker><stage>(challenging)</stage>
  <l>Nay, answer me. Stand <stage>(raising his pike)</stage> and unfold yourself.</l></sp>
<sp who="#hamlet"><speaker>Hamlet</speaker><p>A prose line, <stage>aside</stage> spoken.</p>
  <lg><l part="I">Half a line,</l></lg></sp>
<sp who="#horatio"><speaker>Horatio</speaker><l part="F">and the rest.</l></sp>
<sp who="#bernardo #francisco"><speaker>Both</speaker><l>Long live the king!</l></sp>
<sp who="#ghost"><speaker>Ghost</speaker><l>Remember me.</l></sp>
<sp who="#nobody"><speaker>Somebody</speaker><l>Unlisted.</l></sp>
</div></div>"""

PLAY_PROFILE = """<particDesc><listPerson><person xml:id="ghost"><persName>The Ghost</persName></person>
<person xml:id="hamlet-p"><persName>Hamlet</persName></person></listPerson></particDesc>"""


@pytest.fixture(scope="module")
def play(transform) -> Page:
    return transform(tei(PLAY_BODY, PLAY_FRONT, PLAY_PROFILE, lang="en"))


def test_the_cast_list_is_a_list_of_roles_with_their_descriptions(play):
    cast = play.one("//div[@class='castList']")
    assert words(cast.find("h2")) == "Persons"
    hamlet = play.one("//ul[@class='cast']/li[span[@class='role']/@id='hamlet']")
    assert words(hamlet.find("span[@class='roleDesc']")) == "Prince of Denmark"
    # A description right after its role gets a separator; one the source separates keeps its own.
    assert words(hamlet) == "Hamlet, Prince of Denmark"
    assert words(play.one("//li[span/@id='horatio']")) == "Horatio, his friend"
    group = play.one("//li[contains(@class, 'castGroup')]")
    assert "braced" in group.get("class").split()
    assert [r.get("id") for r in group.xpath("ul[@class='cast']/li/span[@class='role']")] == ["bernardo", "francisco"]
    assert words(group.find("span[@class='roleDesc']")) == "soldiers"
    assert "Ghost of Hamlet's father" in words(cast)


def test_a_speech_sets_its_speaker_apart_from_its_verse_and_prose(play):
    speeches = play.all("//div[@class='sp']")
    assert len(speeches) == 7
    for speech in speeches:
        speaker = speech[0]
        assert (speaker.tag, speaker.get("class")) == ("p", "speaker")
        assert not speaker.xpath(".//*[contains(concat(' ', @class, ' '), ' l ')]")
    bernardo = speeches[0]
    assert [(el.tag, el.get("class"), words(el)) for el in bernardo] == [
        ("p", "speaker", "Bernardo"), ("div", "l", "Who's there?")]
    hamlet = play.one("//div[@class='sp'][@data-who='hamlet']")
    assert hamlet.xpath("p[not(@class)][contains(., 'A prose line')]")
    assert hamlet.xpath("div[@class='lg']/div[@class='l part-I']")
    assert play.one("//div[@data-who='horatio']/div[contains(@class, 'l')]").get("class") == "l part-F"


def test_speakers_link_to_the_role_on_the_page_where_there_is_one(play):
    links = {words(a): a.get("href") for a in play.all("//p[@class='speaker']//a[@class='who']")}
    assert links["Bernardo"] == "#bernardo"
    assert links["Hamlet"] == "#hamlet"
    assert links["Ghost"] == "#ghost"  # no role: the character the header lists, shown in the about part
    assert "Somebody" not in links and words(play.one("//div[@data-who='nobody']/p")) == "Somebody"
    ids = play.ids()
    for href in play.root.xpath("//a[@class='who']/@href"):
        assert href[1:] in ids, href
    assert play.one("//dd/ul[@class='characters']/li[@id='ghost']", "about").text == "The Ghost"
    # Two speakers at once: the speaker's words, then a link to each.
    both = play.one("//div[@data-who='bernardo francisco']/p[@class='speaker']")
    assert [a.get("href") for a in both.xpath(".//a")] == ["#bernardo", "#francisco"]
    assert words(both).startswith("Both Speakers: Bernardo, Francisco")


def test_a_role_that_points_to_a_character_is_where_its_speeches_link(transform):
    page = transform(tei("""<div><sp who="#ophelia"><speaker>Ophelia</speaker><p>My lord.</p></sp></div>""",
                         """<castList><castItem><role corresp="#ophelia">Ophelia</role>, daughter to Polonius</castItem></castList>""",
                         """<particDesc><listPerson><person xml:id="ophelia"><persName>Ophelia</persName></person></listPerson></particDesc>"""))
    role = page.one("//span[@class='role']")
    assert page.one("//a[@class='who']").get("href") == "#" + role.get("id")
    assert page.one("//ul[@class='characters']", "about").get("lang") == "de"


def test_stage_directions_are_blocks_between_speeches_and_phrases_inside_lines(play):
    between = play.one("//p[@class='stage'][contains(., 'platform')]")
    assert between.getparent().tag == "section"
    in_speech = play.one("//p[@class='stage'][. = '(challenging)']")
    assert in_speech.getparent().get("class") == "sp"
    in_line = play.one("//span[@class='stage'][. = '(raising his pike)']")
    assert in_line.getparent().get("class") == "l"
    assert play.one("//span[@class='stage'][. = 'aside']").getparent().tag == "p"


def test_acts_and_scenes_are_headed_sections_and_the_setting_is_a_block(play):
    act = play.one("//section[contains(@class, 'div-act')]")
    assert words(act.find("h2")).startswith("Act I")
    assert words(act.find("section[@class='div div-scene']/h3")).startswith("Scene 1")
    setting = play.one("//div[@class='set']")
    assert words(setting.find("h2")) == "Scene" and "Elsinore." in words(setting)


# ---------------------------------------------------------------- letters

LETTER_PROFILE = """<correspDesc>
<correspAction type="sent"><persName ref="#p1">Bahr, Hermann</persName><placeName>Wien</placeName>
  <date when="1900-03-02">2. 3. 1900</date></correspAction>
<correspAction type="received"><persName>Schnitzler, Arthur</persName><placeName>Berlin</placeName>
  <date when="1917-11-07"/></correspAction></correspDesc>"""

LETTER_BODY = """<div type="letter">
<opener><dateline>Wien, 2. 3. 1900</dateline><salute>Lieber Freund,</salute></opener>
<p><salute>Verehrter,</salute> ich schreibe Ihnen <hi rend="underline">heute</hi>.</p>
<closer><salute>Herzlich</salute> Ihr<lb/><signed>Hermann</signed></closer>
<postscript><p>PS: <subst><del>nicht</del><add place="above">doch</add></subst>.</p></postscript>
<address><addrLine>Herrn Dr. Arthur Schnitzler</addrLine><addrLine>Wien</addrLine></address>
<p>Adresse: <address><addrLine>Spöttelgasse 7</addrLine></address></p>
</div>"""


@pytest.fixture(scope="module")
def letter(transform) -> Page:
    return transform(tei(LETTER_BODY, profile=LETTER_PROFILE))


def test_a_letters_parts_are_blocks_and_phrases_of_the_right_kind(letter):
    opener = letter.one("//div[@class='opener']")
    assert [(el.tag, el.get("class")) for el in opener] == [("span", "dateline"), ("span", "salute")]
    assert letter.one("//p/span[@class='salute']").text == "Verehrter,"
    closer = letter.one("//div[@class='closer']")
    assert closer.xpath("span[@class='salute']") and words(closer.find("span[@class='signed']")) == "Hermann"
    postscript = letter.one("//div[@class='postscript']")
    assert postscript.xpath("p/del[@class='del'][. = 'nicht']")
    assert postscript.xpath("p/ins[@class='add'][@title='added above'][. = 'doch']")
    address = letter.one("//div[@class='address']")
    assert [words(line) for line in address.xpath("span[@class='addrLine']")] == ["Herrn Dr. Arthur Schnitzler", "Wien"]
    assert letter.one("//p/span[@class='address']/span[@class='addrLine']").text == "Spöttelgasse 7"
    assert letter.one("//span[contains(@class, 'underline')]").text == "heute"


def test_the_correspondence_is_in_the_about_part_after_the_title(letter):
    rows = [(el.tag, words(el)) for el in letter.one("//dl[@class='metadata']", "about")]
    assert rows[:4] == [("dt", "Title"), ("dd", "Test"), ("dt", "Correspondence"),
                        ("dd", "Bahr, Hermann → Schnitzler, Arthur, Wien, 2. 3. 1900")]
    assert rows[4] == ("dd", "received: Berlin, 7 November 1917")


def test_a_text_without_a_profile_has_the_about_part_header_xsl_makes(transform):
    page = transform(tei("<p>x</p>"))
    assert [words(el) for el in page.one("//dl", "about")] == ["Title", "Test", "Source", "t"]


# ---------------------------------------------------------------- facsimiles

FACSIMILE = """<facsimile xml:base="https://images.example.org/letter/">
<surface xml:id="s1"><graphic url="page1.jpg"/></surface>
<surface xml:id="s2"><graphic url="https://iiif.example.org/iiif/3/p2/info.json"/></surface>
<surface xml:id="s3" n="3"><graphic url="page3.jpg"/></surface></facsimile>"""

FACSIMILE_BODY = """<p><pb n="1" facs="#s1"/>One. <pb n="2" facs="#s2"/>Two.
<pb n="x" facs="https://iiif.example.org/iiif/2/p9/full/max/0/default.jpg"/>
<pb facs="MS-00037"/>Three.</p>
<list><item>a</item><pb n="4" facs="https://example.org/p4.png"/><item>b</item></list>"""


@pytest.fixture(scope="module")
def facsimiles(transform) -> Page:
    return transform(tei(FACSIMILE_BODY, facsimile=FACSIMILE))


def test_a_page_break_links_to_its_facsimile_beside_it(facsimiles):
    def link_after(page_number: str) -> etree._Element:
        pb = facsimiles.one(f"//span[@data-n='{page_number}']")
        return pb.getnext()

    first = link_after("1")
    assert (first.tag, first.get("class"), first.get("href")) == ("a", "facs", "https://images.example.org/letter/page1.jpg")
    assert first.get("aria-label") == "Facsimile of page 1"
    # A IIIF info.json is a description: the link is to the image it describes.
    assert link_after("2").get("href") == "https://iiif.example.org/iiif/3/p2/full/max/0/default.jpg"
    assert link_after("x").get("href") == "https://iiif.example.org/iiif/2/p9/full/max/0/default.jpg"
    # A bare file name leads nowhere the reader can go: kept, not linked.
    unnumbered = facsimiles.one("//span[contains(@class, 'pb-unnumbered')]").getnext()
    assert (unnumbered.get("class"), unnumbered.get("data-facs")) == ("facs-ref", "MS-00037")
    # A page break between list items stays in its list item, with its link.
    item = facsimiles.one("//ul/li[@class='list-break']")
    assert [el.get("class") for el in item] == ["pb", "facs"]


def test_facsimiles_no_page_break_points_to_are_listed_in_the_about_part(facsimiles):
    links = facsimiles.all("//ol[@class='facsimiles']/li/a", "about")
    assert [(a.get("href"), a.text) for a in links] == [("https://images.example.org/letter/page3.jpg", "3")]


def test_the_stylesheets_fetch_nothing():
    for stylesheet in (ROOT / "xslt").glob("*.xsl"):
        code = re.sub(r"<!--.*?-->", "", stylesheet.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"\b(doc|document|unparsed-text|unparsed-text-lines|json-doc|collection|doc-available)\s*\(",
                             code), stylesheet.name


# ---------------------------------------------------------------- phrases

@pytest.mark.parametrize("rend, element, kinds", [
    ("italic", "i", {"italic"}), ("italics", "i", {"italic"}), ("bold", "b", {"bold"}),
    ("sup", "sup", {"superscript"}), ("superscript", "sup", {"superscript"}), ("subscript", "sub", {"subscript"}),
    ("underline", "span", {"underline"}), ("spaced_out", "span", {"letterspaced"}), ("letterspaced", "span", {"letterspaced"}),
    ("small_caps", "span", {"smallcaps"}), ("smallcaps", "span", {"smallcaps"}), ("strikethrough", "span", {"strikethrough"}),
    ("italic bold", "i", {"italic", "bold"}), ("font-style: italic", "i", {"italic"}),
    ("pre-print", "span", {"pre-print"}), ("latintype", "span", {"antiqua"}), ("capitals", "span", {"uppercase"}),
])
def test_highlighting_shows_what_its_rend_says_and_keeps_unknown_values_as_classes(transform, rend, element, kinds):
    page = transform(tei(f'<p>a <hi rend="{rend}">word</hi> b</p>'))
    hi = page.one("//p/*[. = 'word']")
    assert hi.tag == element
    assert "hi" in hi.get("class").split() and kinds <= set(hi.get("class").split())


def test_a_double_underline_is_marked_so(transform):
    hi = transform(tei('<p><hi rend="underline" n="2">x</hi></p>')).one("//span[. = 'x']")
    assert {"underline", "double"} <= set(hi.get("class").split())


@pytest.mark.parametrize("original, edited", [("sic", "corr"), ("abbr", "expan"), ("orig", "reg")])
def test_a_choice_keeps_both_readings_for_the_two_views_and_the_apparatus(transform, original, edited):
    page = transform(tei(f"<p>x <choice><{original}>A</{original}><{edited}>B</{edited}></choice> y</p>"))
    app = page.one("//span[contains(@class, 'app ')]")
    assert app.xpath("span[@class='reading'][. = 'B']") and app.xpath("span[@class='original'][. = 'A']")
    entry = page.one("//ol[@class='apparatus']/li", "apparatus")
    assert entry.xpath("span[@class='lem'][. = 'B']") and entry.xpath("span[@class='rdg'][. = 'A']")


def test_a_choice_of_alternatives_keeps_every_reading(transform):
    page = transform(tei("<p><choice><unclear>Haus</unclear><unclear>Hans</unclear></choice></p>"))
    assert [words(el) for el in page.all("//span[contains(concat(' ', @class, ' '), ' alternative ')]")] == ["Haus", "Hans"]
    assert "Haus" in words(page.one("//li", "apparatus")) and "Hans" in words(page.one("//li", "apparatus"))


def test_an_element_without_a_rule_keeps_its_text(transform):
    page = transform(tei("<p>a <unknownThing>kept <hi rend='italic'>too</hi></unknownThing> b</p><ab>anonymous block</ab>"
                         "<p><anchor xml:id='k1'/>point, <anchor xml:id='k2'>words<note xml:id='n1'>a note</note></anchor></p>"))
    assert words(page.one("//p[contains(., 'kept')]")).startswith("a kept too b")
    assert page.one("//p[@class='ab']").text == "anonymous block"
    # An anchor that holds words (which it should not) keeps them, and its note's marker.
    anchored = page.one("//p[span/@id='k2']")
    assert "point, words" in words(anchored) and anchored.xpath("a[@href='#n1']")


# ---------------------------------------------------------------- tables, lists, figures

def test_table_cells_say_what_they_head_and_span(transform):
    page = transform(tei("""<table><head>Strength</head>
<row role="label"><cell>Army</cell><cell>Men</cell></row>
<row><cell role="label" rows="2">Red</cell><cell>5,000</cell></row><row><cell>3,000</cell></row>
<row><cell cols="2">none</cell></row></table>
<p>In a paragraph: <table><row><cell role="label">a</cell><cell>b</cell></row></table></p>"""))
    table = page.one("//table")
    assert words(table.find("caption")) == "Strength"
    assert [(c.tag, c.get("scope")) for c in table.xpath("tbody/tr[1]/*")] == [("th", "col"), ("th", "col")]
    red = page.one("//th[. = 'Red']")
    assert (red.get("scope"), red.get("rowspan")) == ("row", "2")
    assert page.one("//td[. = 'none']").get("colspan") == "2"
    inline = page.one("//p/span[@class='table']")
    assert [c.get("class") for c in inline.xpath("span[@class='row']/span")] == ["cell label", "cell"]


def test_lists_and_glossaries_keep_every_item_and_break(transform):
    page = transform(tei("""<list><item>one</item><item>two</item></list>
<list type="gloss"><label>A</label><item>first</item><pb n="9" xml:id="pg9"/><label>B</label><item>second</item></list>
<p>Namely: <list><item>x</item><item>y</item></list> and so on.</p>"""))
    assert [words(li) for li in page.all("//ul/li")] == ["one", "two"]
    glossary = page.one("//dl")
    assert [(el.tag, words(el)) for el in glossary] == [
        ("dt", "A"), ("dd", "first"), ("dd", "p. 9"), ("dt", "B"), ("dd", "second")]
    assert page.one("//dd[@class='list-break']/span[@class='pb']").get("id") == "pg9"
    assert [words(el) for el in page.all("//p/span[contains(@class, 'list')]/span[@class='item']")] == ["x", "y"]


def test_a_figure_has_its_caption_last_and_links_to_an_image_on_the_web(transform):
    page = transform(tei("""<figure><head>The Smolny</head><figDesc>A photograph of the institute</figDesc>
<graphic url="https://images.example.org/smolny.jpg"/></figure>
<figure><graphic url="img/local.png"/></figure>
<p>See <figure><graphic url="https://images.example.org/inline.jpg"/><figDesc>inline</figDesc></figure>.</p>"""))
    figure = page.one("//figure[.//figcaption]")
    assert figure[-1].tag == "figcaption"
    assert [words(el) for el in figure[-1]] == ["The Smolny", "A photograph of the institute"]
    link = figure.find("a")
    assert (link.get("class"), link.get("href")) == ("graphic", "https://images.example.org/smolny.jpg")
    assert not page.all("//img")  # images elsewhere are not loaded by the page
    assert "local.png" in words(page.one("//span[@class='graphic']"))
    assert page.one("//p/span[@class='figure']/a").get("href") == "https://images.example.org/inline.jpg"


def test_blocks_inside_paragraphs_become_phrases(transform):
    page = transform(tei("""<p>He wrote <cit><quote>a long quotation</quote><bibl>source</bibl></cit> then.</p>
<p>Verse: <lg><l>one</l><l>two</l></lg> and <stage>a stage <p>with a paragraph</p></stage>.</p>
<epigraph><cit><quote><lg><l>Line</l></lg></quote><bibl>Poet</bibl></cit></epigraph>"""))
    assert page.one("//p/span[@class='cit']/q[@class='quote']").text == "a long quotation"
    assert [el.tag for el in page.one("//p/span[@class='lg']")] == ["span", "br", "span", "br"]
    assert page.one("//span[@class='stage']/span[@class='p']").text == "with a paragraph"
    assert page.one("//div[@class='epigraph']/div[@class='cit']/blockquote/div[@class='lg']/div[@class='l']").text == "Line"


# ---------------------------------------------------------------- real texts

def real(folder: Path, names: list[str]) -> list[Path]:
    if not folder.exists():
        unavailable(f"real-corpus test skipped: {folder} is not present (../shared is optional)")
    return [folder / name for name in names]


@pytest.mark.parametrize("name", [
    "blok-balaganchik.xml", "prutkov-fantaziya.xml", "afinogenov-mashenka.xml", "bulgakov-beg.xml",
    "gumilyov-gondla.xml", "blok-neznakomka.xml"])
def test_real_plays_read_as_plays_in_valid_html(transform, name):
    [path] = real(RUSDRACOR, [name])
    page = transform(path.read_text(encoding="utf-8"))
    speeches = page.all("//div[@class='sp']")
    assert speeches and all(s[0].get("class") == "speaker" for s in speeches if s.xpath("p[@class='speaker']"))
    assert page.all("//div[@class='castList']//li")
    ids = page.ids()
    assert all(href[1:] in ids for href in page.root.xpath("//a[@class='who']/@href"))


@pytest.mark.parametrize("name", ["L00001.xml", "L00009.xml", "L00060.xml", "L00121.xml", "L00285.xml", "L00005.xml"])
def test_real_letters_read_as_letters_in_valid_html(transform, name):
    [path] = real(SCHNITZLER, [name])
    page = transform(path.read_text(encoding="utf-8"))
    assert page.all("//div[@class='closer']")
    assert page.one("//dd[@class='correspondence']", "about").text.count("→") == 1


def test_the_editions_own_texts_are_valid_html(transform):
    for path in sorted((ROOT / "tei" / "texts").glob("*.xml")):
        transform(path.read_text(encoding="utf-8"), "text.xsl")
