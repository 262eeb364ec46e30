"""What the search page needs beside Pagefind's index, made from the same pages, bundle by bundle.

Pagefind indexes the reading text once (ria/publish/search.py leaves out NOT_INDEXED), so that a
result reads as the page does. Beside each bundle go two files:

* ``ria-search.json``: each numbered paragraph's location as the page labels it
  (``data-loc="ch. 2, ¶ 14"``, by the paragraph's id) and the copy-text's readings that the
  edition corrected, each with the reading that replaced it (``makhno`` → ``Makhin``), so
  that the search page finds a passage by either without showing the copy-text's words;
* ``ria-offline.js``: the bundle's pages as passages (reading text, the corrected readings
  apart, location, heading), a script that the search page loads where Pagefind cannot,
  from a folder (file://). A bundle larger than OFFLINE_LIMIT has none: the search page
  then says that search needs the site served over HTTP.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Callable

from lxml import etree
from lxml import html as lxml_html

# What Pagefind leaves out besides data-pagefind-ignore: the copy-text's reading of a
# corrected passage (the reading text shows the correction), and the page's markers
# (a correction's °, a note's number, a permalink's ¶ or §, a source page's number).
NOT_INDEXED = (".app > .original", ".app-ref", ".sic-mark", ".permalink", ".noteref", ".pb",
               ".note-backlink")
EXTRAS = "ria-search.json"
OFFLINE = "ria-offline.js"
OFFLINE_LIMIT = 8_000_000  # bytes of HTML in a bundle, above which it has no offline index
# The elements a passage is: the smallest of these that holds the words.
PASSAGE_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th",
                          "blockquote", "figcaption", "caption"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_LOC = re.compile(r'\sdata-loc="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')
_APP_START = re.compile(r'<span class="app app-[^"]*"[^<>]*>')
_SPAN = re.compile(r'<(/?)span\b[^<>]*>')
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case (the search page's comparison also ignores diacritics)."""
    return _WORD.findall(text.lower())


def _balanced_span(page: str, start: int) -> int:
    """The end of the <span> that opens at ``start`` (the serialiser's output: spans are balanced)."""
    depth = 0
    for tag in _SPAN.finditer(page, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return len(page)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^<>]*>", "", fragment)).split())


def _part(span: str, class_name: str) -> str:
    start = span.find(f'<span class="{class_name}')
    return _text(span[start:_balanced_span(span, start)]) if start >= 0 else ""


def variants(page: str, indexed_words: Callable[[], set[str]]) -> dict[str, list[str]]:
    """Each word of a copy-text reading that its correction does not keep → the corrections.

    Read from the interventions as the apparatus stylesheet writes them: a span ``app`` with
    the reading text (``reading``) and the copy-text's (``original``). A word that the indexed
    text has elsewhere (``indexed_words``) finds its own passages, and is left out.
    """
    found: dict[str, list[str]] = {}
    for match in _APP_START.finditer(page):
        span = page[match.start():_balanced_span(page, match.start())]
        reading, original = _part(span, "reading"), _part(span, "original")
        kept = set(words(reading))
        for word in words(original):
            if word not in kept and reading and reading not in found.setdefault(word, []):
                found[word].append(reading)
    found = {word: readings for word, readings in found.items() if readings}
    if not found:
        return found
    elsewhere = indexed_words()
    return {word: readings for word, readings in found.items() if word not in elsewhere}


def locations(page: str) -> dict[str, str]:
    """Paragraph id → the location the page gives it (``data-loc``)."""
    found = {}
    at = page.find(' data-loc="')
    while at >= 0:
        tag = page[page.rfind("<", 0, at):page.find(">", at) + 1]
        label, ident = _LOC.search(tag), _ID.search(tag)
        if label and ident:
            found[html.unescape(ident.group(1))] = html.unescape(label.group(1))
        at = page.find(' data-loc="', at + 1)
    return found


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _not_indexed(element) -> bool:
    if element.get("data-pagefind-ignore") is not None:
        return True
    classes = _classes(element)
    if classes & {"app-ref", "sic-mark", "permalink", "noteref", "pb", "note-backlink"}:
        return True
    parent = element.getparent()
    return "original" in classes and parent is not None and "app" in _classes(parent)


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# What may be NOT_INDEXED or data-pagefind-ignore, in one pass in C (a walk in Python is slow);
# _not_indexed decides.
_MAY_DROP = etree.XPath(".//*[@data-pagefind-ignore or " + " or ".join(
    f"contains(@class, '{c}')" for c in ("app-ref", "sic-mark", "permalink", "noteref", "pb", "note-backlink")) + "]")


def _dropped(body) -> list:
    return [element for element in _MAY_DROP(body) if _not_indexed(element)]


_ORIGINALS = etree.XPath(f".//*[{_has_class('app')}]/*[{_has_class('original')}]")
_PASSAGES = etree.XPath(" | ".join(f".//{tag}" for tag in sorted(PASSAGE_TAGS)))
_LOOSE_TEXT = etree.XPath(".//text()" + "".join(f"[not(ancestor::{tag})]" for tag in sorted(PASSAGE_TAGS)))
_OWN_ID = etree.XPath("string(ancestor-or-self::*[@id][1]/@id)")


def indexed_text(tree) -> str:
    """The words of a page that Pagefind indexes: its data-pagefind-body, less what it leaves out."""
    bodies = tree.xpath("//*[@data-pagefind-body]")
    for body in bodies:
        for element in _dropped(body) + _ORIGINALS(body):
            if element.getparent() is not None:
                element.drop_tree()
    return " ".join(body.text_content() for body in bodies)


def _meta(tree, name: str) -> str:
    found = tree.xpath(f"//meta[@name='{name}']/@content")
    return found[0] if found else ""


def _passages(body, own_locations: dict[str, str]) -> list[dict]:
    """A page's passages in order: the smallest element of PASSAGE_TAGS round its words (the reading
    text), its address, its location and the heading before it, and the copy-text's readings apart."""
    also: dict = {}
    for original in _ORIGINALS(body):
        holder = next((a for a in original.iterancestors(*PASSAGE_TAGS)), body)
        also.setdefault(holder, []).append(original.text_content())
    for element in _dropped(body) + _ORIGINALS(body):
        if element.getparent() is not None:
            element.drop_tree()
    # (The elements themselves, not their id(): lxml's proxies live only while referenced.)
    holders = {ancestor for element in _PASSAGES(body) for ancestor in element.iterancestors()}
    loose = " ".join("".join(_LOOSE_TEXT(body)).split())
    # Words outside every passage (a loose line) are the page's own passage.
    passages = [{"id": "", "heading": "", "text": loose}] if loose else []
    heading = ""
    for element in _PASSAGES(body):
        text = " ".join(element.text_content().split())
        if element in holders:
            # Its words outside the passages it holds (a list item's own words before its paragraphs).
            text = " ".join("".join(t for t in element.xpath("text()")).split())
        if not text:
            continue
        ident = _OWN_ID(element)
        passage = {"id": ident, "heading": heading, "text": text}
        if element.get("id") in own_locations:
            passage["loc"] = own_locations[element.get("id")]
        if element in also:
            passage["also"] = " ".join(" ".join(also[element]).split())
        passages.append(passage)
        if element.tag in HEADINGS:
            heading = text
    return passages


def page_record(path: str, tree, own_locations: dict[str, str]) -> dict | None:
    """An indexed page as the offline search reads it: its address, title, filters and passages."""
    [body] = tree.xpath("//*[@data-pagefind-body]") or [None]
    if body is None:
        return None
    title = " ".join(tree.xpath("string(//h1)").split())
    return {"url": path, "title": title, "kind": _meta(tree, "search-kind"),
            "source": _meta(tree, "search-source"), "passages": _passages(body, own_locations)}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def bundle_extras(pages: Mapping[str, bytes]) -> dict[str, bytes]:
    """The files that go beside a bundle's Pagefind index (see the module's docstring)."""
    offline = sum(len(page) for page in pages.values()) <= OFFLINE_LIMIT
    merged_variants: dict[str, list[str]] = {}
    merged_locations: dict[str, dict[str, str]] = {}
    records = []
    for path in sorted(pages):  # one page at a time: ``pages`` may read them from disk as asked
        page = pages[path]
        text = page.decode("utf-8")
        own_locations = locations(text)
        if own_locations:
            merged_locations[path] = own_locations
        record = page_record(path, lxml_html.fromstring(page), own_locations) if offline else None
        if record:
            records.append(record)

        def indexed_words(record=record, page=page) -> set[str]:
            if record is not None:
                return {w for passage in record["passages"] for w in words(passage["text"])}
            return set(words(indexed_text(lxml_html.fromstring(page))))

        for word, readings in variants(text, indexed_words).items():
            merged_variants.setdefault(word, [])
            merged_variants[word] += [r for r in readings if r not in merged_variants[word]]
    files = {EXTRAS: _json({"variants": merged_variants, "locations": merged_locations}).encode("utf-8")}
    if offline:
        # A script, not JSON: a page opened from a folder may load a script but not fetch a file.
        files[OFFLINE] = ("(self.riaSearchPages = self.riaSearchPages || []).push("
                          + _json({"variants": merged_variants, "pages": records}) + ");\n").encode("utf-8")
    return files
