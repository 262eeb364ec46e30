"""What the pages need of a text: its title, authors, date, language, publisher and licence,
every name it links and every date it marks, each in its sentence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml import etree

from ..model import readings
from ..model.index import _BLOCK_TAGS, Mention, TextInfo, _sentence, _text
from ..model.mentions import MENTION_TAGS, in_own_register, mentions
from ..model.teidates import document_date, span_of
from ..xmlio import LANGUAGE_TAG, XML_ID, XML_LANG
from ..xmlio import TEI as T
from .load import CorpusDocument

_AGENTS = frozenset(T + tag for tag in ("persName", "orgName", "name", "rs"))  # who sends and receives
_CONTEXT_TAGS = _BLOCK_TAGS | frozenset(T + t for t in ("addrLine", "l", "opener", "closer", "postscript",
                                                        "ab", "seg", "cit", "div"))


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


# Scripts written from right to left (ISO 15924), and languages written in one of them unless
# their tag names another script ("ar-Latn" is Arabic in Latin letters, written left to right).
_RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "samr", "nkoo", "adlm", "mand", "rohg"})
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


def main_language(texts: list[TextInfo]) -> str:
    """The primary language subtag most texts share ("de" for de-AT and de-DE); English if none is stated."""
    counts = Counter(text.lang.split("-")[0].lower() for text in texts if text.lang)
    return min(counts, key=lambda language: (-counts[language], language)) if counts else "en"


def _publication(root: etree._Element) -> tuple[str, str]:
    """(publisher, licence) as the text's header states them: the licence's address, else its words."""
    statement = root.find(f"{T}teiHeader/{T}fileDesc/{T}publicationStmt")
    if statement is None:
        return "", ""
    publisher = _text(statement.find(T + "publisher"))
    licence = statement.find(f"{T}availability/{T}licence")
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


def _letter_info(doc: CorpusDocument) -> tuple[TextInfo, str]:
    root = doc.tree.getroot()
    header = root.find(T + "teiHeader")
    find = (lambda path: header.find(path)) if header is not None else (lambda path: None)
    title_stmt = find(f"{T}fileDesc/{T}titleStmt")
    titles = title_stmt.findall(T + "title") if title_stmt is not None else []
    title_el = next((t for wanted in (lambda t: t.get("level") == "a", lambda t: t.get("type") == "main",
                                      lambda t: t.get("type") != "iso-date")
                     for t in titles if wanted(t)), None)
    authors = title_stmt.findall(T + "author") if title_stmt is not None else []
    # An anthology of letters has a correspDesc for each: its senders, then its addressees, each once.
    descs = header.findall(f"{T}profileDesc/{T}correspDesc") if header is not None else []
    who = []
    for kind in ("sent", "received"):
        names = [" & ".join(_text(p) for p in action if p.tag in _AGENTS)
                 for desc in descs for action in desc.findall(f"{T}correspAction[@type='{kind}']")]
        who.append("; ".join(dict.fromkeys(name for name in names if name)))
    dated = document_date(root)
    info = TextInfo(
        id=doc.id, path=doc.rel, title=_text(title_el) or doc.id,
        author="; ".join(filter(None, map(_author_name, authors))), author_ref="", date=dated.start,
        date_label=dated.label, availability="unknown", availability_note="",
        sources=[], sha256=doc.sha256, prefix="", lang=text_language(root))
    return info, " → ".join(w for w in who if w)


_WATCHED = frozenset(MENTION_TAGS) | {T + "date"}


class _Contexts:
    """The sentence around a name or date of one text, each block read once for all in it."""

    def __init__(self):
        self._blocks: dict[etree._Element, tuple[str, dict]] = {}

    def around(self, el: etree._Element) -> tuple[str, str, str, str]:
        """(the element's words, the sentence before and after them, the nearest passage id)."""
        block = el.getparent()
        while block is not None and block.tag not in _CONTEXT_TAGS:
            block = block.getparent()
        block = block if block is not None else el.getparent()
        if block not in self._blocks:
            self._blocks[block] = readings.block_reading(block, _WATCHED)
        content, spans = self._blocks[block]
        span = spans.get(el)
        if span is None:  # inside something the reading leaves out (a commentary note in a paragraph)
            form, before, after = _text(el), "", ""
        else:
            form = " ".join(content[span[0]:span[1]].split())
            before, after = _sentence(content, *span)
        passage = ""
        node = block
        while node is not None and not passage:
            passage = node.get(XML_ID) or ""
            node = node.getparent() if node.tag != T + "text" else None
        return form or _text(el), before, after, passage


def mentions_of_text(doc: CorpusDocument, text_id: str, contexts: _Contexts | None = None) -> list[Mention]:
    """Every name with a pointer in the text, by the anchors of ria/model/mentions.py."""
    contexts = contexts or _Contexts()
    found = []
    for el, anchor in mentions(doc.tree.getroot()):
        form, before, after, passage = contexts.around(el)
        for ref in el.get("ref").split():
            if ref.startswith("#") and len(ref) > 1:
                found.append(Mention(ref[1:], text_id, anchor, passage, form, before, after))
    return found


@dataclass(frozen=True)
class DatedPassage:
    """A date the text marks (``date`` with a normalised value), in its sentence."""

    start: str  # ISO
    end: str
    form: str  # the date as the text words it
    text_id: str
    passage: str  # the nearest id, for a link to the passage
    before: str
    after: str

    @property
    def year(self) -> str:
        return self.start[:5] if self.start.startswith("-") else self.start[:4]


def dated_passages(doc: CorpusDocument, text_id: str, contexts: _Contexts | None = None) -> list[DatedPassage]:
    text_el = doc.tree.getroot().find(T + "text")
    if text_el is None:
        return []
    contexts = contexts or _Contexts()
    dated = []
    for el in text_el.iter(T + "date"):
        start, end = span_of(el)
        if not start or in_own_register(el):
            continue
        form, before, after, passage = contexts.around(el)
        dated.append(DatedPassage(start, end, form, text_id, passage, before, after))
    return dated
