"""What every page says of a text, read from its header: title, authors, date, language,
rights, sources, publisher and licence, and a letter's sender and addressee. The same
reading for this edition's texts and for any corpus's: letters, plays, editions of manuscripts.
"""

from __future__ import annotations

import copy
import re
from collections import Counter

from lxml import etree

from ..xmlio import LANGUAGE_TAG, TEI_NS, XML_ID, XML_LANG
from ..xmlio import TEI as T
from .records import TextInfo
from .records import name_words
from .records import words as _text
from .scripts import script_language
from .teidates import document_date, lists_letters

_AGENTS = frozenset(("persName", "orgName", "name", "rs"))  # who sends and receives


def _agents(action: etree._Element) -> list[str]:
    """The names of who sent or received, whatever namespace a hand-written CMIF file left them in."""
    return [name_words(el) for el in action if isinstance(el.tag, str) and etree.QName(el).localname in _AGENTS]


def _actions(desc: etree._Element, kinds: tuple[str, ...] = ()) -> list[etree._Element]:
    """A correspDesc's correspActions, also those written outside TEI's namespace (xmlns="")."""
    return [el for el in desc if isinstance(el.tag, str) and etree.QName(el).localname == "correspAction"
            and (not kinds or el.get("type") in kinds)]


# ISO 639-2 codes (bibliographic and terminological) of languages that ISO 639-1 names in two
# letters: BCP 47, which HTML's lang follows, takes the two-letter code ("eng" is not a valid tag;
# EEBO-TCP and the DTA write "eng" and "deu").
_TWO_LETTER = {
    "ara": "ar", "bul": "bg", "cat": "ca", "ces": "cs", "cze": "cs", "cym": "cy", "wel": "cy", "dan": "da",
    "deu": "de", "ger": "de", "ell": "el", "gre": "el", "eng": "en", "spa": "es", "est": "et", "eus": "eu",
    "baq": "eu", "fas": "fa", "per": "fa", "fin": "fi", "fra": "fr", "fre": "fr", "gle": "ga", "heb": "he",
    "hin": "hi", "hrv": "hr", "hun": "hu", "isl": "is", "ice": "is", "ita": "it", "jpn": "ja", "kor": "ko",
    "lat": "la", "lit": "lt", "lav": "lv", "nld": "nl", "dut": "nl", "nor": "no", "pol": "pl", "por": "pt",
    "ron": "ro", "rum": "ro", "rus": "ru", "san": "sa", "slk": "sk", "slo": "sk", "slv": "sl", "srp": "sr",
    "swe": "sv", "tur": "tr", "ukr": "uk", "urd": "ur", "yid": "yi", "zho": "zh", "chi": "zh"}


def bcp47(tag: str) -> str:
    """A language tag with its primary subtag in the shortest form ISO 639 gives ("eng-GB" → "en-GB")."""
    primary, _, rest = tag.partition("-")
    short = _TWO_LETTER.get(primary.lower())
    return f"{short}-{rest}" if short and rest else short or tag


def text_language(root: etree._Element) -> str:
    """The language a TEI text states for itself: on <text> or <TEI>, else the header's first langUsage."""
    stated = next((el.get(XML_LANG) for el in (root.find(T + "text"), root)
                   if el is not None and el.get(XML_LANG)), None)
    if stated is None:
        language = root.find(f"{T}teiHeader/{T}profileDesc/{T}langUsage/{T}language")
        # P5 names the language by @ident; TEI P4 by @id, which reading P4 made an xml:id (load.py).
        stated = (language.get("ident") or language.get(XML_ID) or "").strip() if language is not None else ""
    return bcp47(stated) if LANGUAGE_TAG.fullmatch(stated) else ""


# Scripts written from right to left (ISO 15924: Syriac in its three forms too, Estrangela, Serto
# and East Syriac, as gazetteers tag their spellings: syr-Syrj), and languages written in one of
# them unless their tag names another script ("ar-Latn" is Arabic in Latin letters, written left to right).
# The stylesheets' table is the same (xslt/common.xsl, ria:direction).
_RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "syre", "syrj", "syrn", "thaa", "samr", "nkoo", "adlm", "mand",
                          "rohg"})
_RTL_LANGUAGES = frozenset({"ar", "arc", "arz", "apc", "ary", "ckb", "dv", "fa", "he", "iw", "ota", "prs", "ps",
                            "sd", "syr", "ug", "ur", "yi"})


def writing_direction(lang: str) -> str:
    """"rtl" for a language tag written from right to left (ar, he-IL, fa-Arab), else ""."""
    subtags = lang.lower().split("-")
    public = subtags[:subtags.index("x")] if "x" in subtags else subtags  # private-use subtags say nothing
    script = next((tag for tag in public[1:] if len(tag) == 4 and tag.isalpha()), None)
    if script is not None:
        return "rtl" if script in _RTL_SCRIPTS else ""
    return "rtl" if public and public[0] in _RTL_LANGUAGES else ""


# Latin letters, with the diacritics and modifier letters of transliteration (ḫ, ʿ, ė).
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u0250-\u02FF\u1E00-\u1EFF]")


def as_written(root: etree._Element, lang: str) -> str:
    """The text's language tag, with its script where the tag alone would set the page right to left
    but the text is written in Latin letters (QHOD's Ottoman Turkish, "ota", in transliteration: "ota-Latn").
    The same test as xslt/languages.xsl's ria:written-direction, for a passage of the text."""
    if writing_direction(lang) != "rtl" or any(len(tag) == 4 and tag.isalpha() for tag in lang.split("-")[1:]):
        return lang
    body = root.find(f"{T}text/{T}body")
    words = "".join(t for t in body.xpath(".//text()[not(ancestor::t:note)]", namespaces={"t": TEI_NS})) if body is not None else ""
    letters = [c for c in words if c.isalpha()]
    latin = sum(1 for c in letters if _LATIN.match(c))
    primary, _, rest = lang.partition("-")  # (a script subtag follows the language's: ar-Latn-EG)
    return "-".join(filter(None, (primary, "Latn", rest))) if letters and latin * 2 > len(letters) else lang


def main_language(texts: list[TextInfo]) -> str:
    """The primary language subtag most texts share ("de" for de-AT and de-DE); English if none is stated
    (a text whose script alone is known, "und-Arab", states none)."""
    counts = Counter(text.lang.split("-")[0].lower() for text in texts if text.lang and not text.lang.startswith("und"))
    return min(counts, key=lambda language: (-counts[language], language)) if counts else "en"


def publication(root: etree._Element) -> tuple[str, str]:
    """(publisher, licence) as the text's header states them: the licence's address, else its words."""
    statement = root.find(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt")
    if statement is None:
        return "", ""
    publisher = _text(statement.find(T + "publisher"))
    licence = next(iter(licences(statement.find(T + "availability"))), None)
    return publisher, (licence.get("target") or _text(licence))[:300] if licence is not None else ""


def _author_name(author: etree._Element) -> str:
    """An author as the header names them: their first name form, forenames (a patronym among
    them) before the surname (DraCor gives one form per language, and an idno beside), else the
    element's own words."""
    name = author.find(T + "persName")
    if name is None:
        name = author.find(T + "name")
    if name is None:
        return " ".join(t for t in (" ".join(author.xpath("text()")).split()) if t) or _text(author)
    forenames = " ".join(_text(f) for f in name.findall(T + "forename"))
    surname = _text(name.find(T + "surname"))
    return f"{forenames} {surname}".strip() if surname else _text(name)


# Titles that name what holds the work, not the work: a series' or journal's (level "s", "j"), a
# volume's or collection's (the Karl Barth edition names each sermon's volume first, type="volume").
_HOLDER_TYPES = frozenset({"volume", "series", "collection", "journal"})


def _names_the_work(title: etree._Element) -> bool:
    """A title that is neither a machine date, a subtitle, nor the name of what holds the work."""
    kind = (title.get("type") or "").lower()
    return (kind not in _HOLDER_TYPES | {"iso-date", "sub", "subtitle"}
            and title.get("level") not in ("s", "j"))


def _title(title_stmt: etree._Element | None) -> str:
    """The work's title: an article's (level="a", a letter's in a collection), the main one, the
    first that names the work itself, else the first that is not a machine date."""
    # (a title of no words names nothing: QHOD's header opens with an empty English and Turkish
    # title before the German one; nor does "Title", the placeholder oXygen's TEI template writes)
    titles = [t for t in title_stmt.findall(T + "title") if _text(t) not in ("", "Title")] if title_stmt is not None else []
    chosen = next((t for wanted in (lambda t: t.get("level") == "a", lambda t: t.get("type") == "main",
                                    _names_the_work, lambda t: t.get("type") != "iso-date")
                   for t in titles if wanted(t)), None)
    # FromThePage's title holds its parts as titles (type="full": a "main" and a "desc"): the
    # work's is chosen among them, not all their words run together.
    return _title(chosen) if chosen is not None and chosen.find(T + "title") is not None else _text(chosen)


_DIVISIONS = tuple(T + tag for tag in ("div", "div0", "div1", "div2", "div3", "div4", "div5", "div6", "div7"))


def _untitled(root: etree._Element) -> str:
    """What names a text whose header gives no title (the Old Bailey's trial files, whose header is
    empty or missing): its first division's heading, else that division as its type and id say
    ("Trial account t17280717-3"); '' where it has neither."""
    body = root.find(f"{T}text/{T}body")
    divisions = list(body.iter(*_DIVISIONS)) if body is not None else []
    heading = next((_text(head) for div in divisions for head in div.iterchildren(T + "head") if _text(head)), "")
    if heading:
        return heading
    named = next((div for div in divisions if div.get(XML_ID)), None)
    if named is None:
        return ""
    kind = re.sub(r"([a-z])([A-Z])", r"\1 \2", named.get("type") or "").replace("-", " ").replace("_", " ").strip()
    return " ".join(filter(None, (kind.capitalize(), named.get(XML_ID))))


def _author_ref(author: etree._Element | None) -> str:
    """The register entry of the first author, where the header points to one."""
    if author is None:
        return ""
    named = author.find(T + "persName")
    return ((named.get("ref") if named is not None else None) or author.get("ref") or "").lstrip("#")


def correspondents(header: etree._Element | None) -> str:
    """"sender → addressee" as the letter's correspDesc names them; an anthology of letters has a
    correspDesc for each: its senders, then its addressees, each once."""
    descs = header.findall(f"{T}profileDesc/{T}correspDesc") if header is not None else []
    if header is not None and lists_letters(header.getparent()):
        # a list of letters (CMIF): its correspondents, each once, none of them "the" sender
        names = [name for desc in descs for action in _actions(desc) for name in _agents(action)]
        return "; ".join(dict.fromkeys(name for name in names if name))
    who = []
    for kind in ("sent", "received"):
        names = [" & ".join(name for name in _agents(action) if name)
                 for desc in descs for action in _actions(desc, (kind,))]
        who.append("; ".join(dict.fromkeys(name for name in names if name)))
    return " → ".join(w for w in who if w)


# What TEI lets stand in an availability beside its licences, or that links elsewhere.
_AVAILABILITY_PROSE = frozenset(T + name for name in ("p", "ab", "ref", "ptr"))


def licences(availability: etree._Element | None) -> list[etree._Element]:
    """An availability's licences: its <licence>s, else an element TEI does not define standing where
    one would with an address (Ambuda's <license target="…">, the word misspelt)."""
    if availability is None:
        return []
    named = list(availability.iter(T + "licence"))
    return named or [child for child in availability if isinstance(child.tag, str) and child.get("target")
                     and child.tag not in _AVAILABILITY_PROSE]


# The licences that let anyone publish a text (the Open Definition's): Creative Commons' CC0, BY and
# BY-SA, and its public domain mark. One with NC or ND restricts what may be done with the text.
_FREE_LICENCE = re.compile(r"creativecommons\.org/(?:publicdomain/(?:zero|mark)/|licenses/by(?:-sa)?/)", re.I)


def availability_status(availability: etree._Element | None) -> str:
    """A text's rights: free, restricted or unknown, as ``availability/@status`` says, or, where it
    says nothing, free if every licence it names (``licence/@target``) is a free one."""
    if availability is None:
        return "unknown"
    if availability.get("status"):
        return availability.get("status")
    targets = [licence.get("target") or "" for licence in licences(availability)]
    return "free" if targets and all(_FREE_LICENCE.search(target) for target in targets) else "unknown"


_CALENDAR_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")  # a W3C date without a time of day


def last_revision(root: etree._Element) -> str:
    """The latest date of the changes a TEI document's revisionDesc records, or ''."""
    dates = [when for when in root.xpath("t:teiHeader/t:revisionDesc//t:change/@when", namespaces={"t": T[1:-1]})
             if _CALENDAR_DATE.fullmatch(when)]
    # ISO dates sort as they follow in time (a day sorts after its bare year or month).
    return max(dates, default="")


def text_info(root: etree._Element, text_id: str, rel: str, sha256: str) -> TextInfo:
    """The metadata of the text whose TEI element is ``root``, found at ``rel``."""
    header = root.find(T + "teiHeader")
    find = (lambda path: header.find(path)) if header is not None else (lambda path: None)
    title_stmt = find(f"{T}fileDesc/{T}titleStmt")
    authors = title_stmt.findall(T + "author") if title_stmt is not None else []
    if not authors and header is not None:
        # GROBID's articles name their authors only in the source described (sourceDesc/biblStruct).
        authors = header.findall(f"{T}fileDesc/{T}sourceDesc/{T}biblStruct/{T}analytic/{T}author")
    dated = document_date(root)
    availability = find(f"{T}fileDesc/{T}publicationStmt/{T}availability")
    sources = [_text(b) for b in header.iterfind(f"{T}fileDesc/{T}sourceDesc//{T}bibl")] if header is not None else []
    return TextInfo(
        id=text_id, path=rel, title=_title(title_stmt) or _untitled(root) or text_id,
        author="; ".join(filter(None, map(_author_name, authors))),
        author_ref=_author_ref(authors[0] if authors else None), date=dated.start, date_label=dated.label,
        availability=availability_status(availability),
        availability_note=_text(availability), sources=sources, sha256=sha256, lang=as_written(root, text_language(root) or script_language(root)),
        revised=last_revision(root), links=links_out(root))


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # a URL's (http:, mailto:) or a private one's (tcp:, psn:)


def links_out(root: etree._Element) -> tuple[str, ...]:
    """The files beside this one that the text's references point to (``other.xml`` of
    ``<ref target="other.xml#v2">``), and a letter's previous and next letters (its header's
    correspContext), as written, each once: not a pointer within the file, nor a URL."""
    body = root.find(T + "text")
    refs = [*root.iterfind(f"{T}teiHeader/{T}profileDesc/{T}correspDesc/{T}correspContext/{T}ref"),
            *(body.iter(T + "ref", T + "ptr") if body is not None else ())]
    files = (token.split("#", 1)[0] for el in refs
             for token in (el.get("target") or "").split() if not token.startswith("#") and not _SCHEME.match(token))
    return tuple(dict.fromkeys(name for name in files if name))


def taxonomies_named(text: etree._Element, headers) -> str:
    """The taxonomies of the headers above a text (its teiCorpus's, the edition's corpus header:
    ``headers``, the nearest first) that the text's keywords name by @scheme and its own TEI does not
    hold, as a TEI classDecl: the stylesheets name those keywords by them (xslt/header.xsl). Each
    taxonomy without its categories, which name no scheme; "" where there is none."""
    own = {taxonomy.get(XML_ID) for taxonomy in text.iter(T + "taxonomy")}
    named = {scheme[1:] for keywords in text.iterfind(f"{T}teiHeader/{T}profileDesc/{T}textClass/{T}keywords")
             for scheme in [(keywords.get("scheme") or "").strip()] if scheme.startswith("#")} - own
    found: dict[str, etree._Element] = {}
    for header in headers:
        for taxonomy in header.iter(T + "taxonomy"):
            if taxonomy.get(XML_ID) in named:
                found.setdefault(taxonomy.get(XML_ID), taxonomy)
    if not found:
        return ""
    declared = etree.Element(T + "classDecl", nsmap={None: TEI_NS})
    for scheme, taxonomy in found.items():
        described = etree.SubElement(declared, T + "taxonomy", {XML_ID: scheme})
        for part in taxonomy:
            if part.tag in (T + "gloss", T + "desc", T + "bibl"):
                described.append(copy.deepcopy(part))
                described[-1].tail = None
    return etree.tostring(declared, encoding="unicode")
