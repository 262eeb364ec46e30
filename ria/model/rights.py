"""Rights-aware publishing: what a build may publish of each text.

Each text's header records its rights (``availability/@status``: free, restricted
or unknown). The default build is for private study and publishes everything,
saying so on the page of every text that is not free. A public build
(``build.py build --public``) withholds the words of every text that is not
free: its page keeps the header, bibliographic data, contents and the edition's
own notes; its index and chronology entries cite it by page and paragraph,
without the sentence; its TEI and every export made from it stay out.
"""

from __future__ import annotations

import dataclasses
import json

from lxml import etree, html

from .index import Index, Mention


def withheld_texts(index: Index, public: bool) -> set[str]:
    """The ids of the texts whose words this build may not publish."""
    return {text.id for text in index.texts if text.availability != "free"} if public else set()


def redact_mentions(mentions: list[Mention], withheld: set[str]) -> list[Mention]:
    """The mentions, with the context sentence taken out of those in withheld texts."""
    return [dataclasses.replace(m, before="", after="", withheld=True) if m.text_id in withheld else m
            for m in mentions]


class WithheldContexts:
    """An index's source of mentions and dates (a corpus build's store) with the sentences of the
    withheld texts taken out, as ``redact_mentions`` takes them out of the edition's."""

    def __init__(self, source, withheld: set[str]):
        self._source, self._withheld = source, withheld

    def __getattr__(self, name: str):
        return getattr(self._source, name)

    def all(self) -> list[Mention]:
        return redact_mentions(self._source.all(), self._withheld)

    def mentions_of(self, entry_id: str) -> list[Mention]:
        return redact_mentions(self._source.mentions_of(entry_id), self._withheld)

    def mentions_in_text(self, text_id: str) -> list[Mention]:
        return redact_mentions(self._source.mentions_in_text(text_id), self._withheld)

    def dated_in(self, year: str) -> list:
        return [dataclasses.replace(d, before="", after="", withheld=True) if d.text_id in self._withheld else d
                for d in self._source.dated_in(year)]


def unlink_missing_anchors(parts: dict[str, str], shell_ids: set[str]) -> dict[str, str]:
    """Unwrap links to anchors of the page that a withheld text's page no longer has."""
    trees = {name: html.fragment_fromstring(part, create_parent="div") for name, part in parts.items()}
    ids = set(shell_ids).union(*(tree.xpath("//@id") for tree in trees.values()))
    for tree in trees.values():
        for link in tree.xpath("//a[starts-with(@href, '#')]"):
            if link.get("href")[1:] not in ids:
                link.drop_tag()
    return {name: "".join([tree.text or ""] + [etree.tostring(child, method="html", encoding="unicode")
                                               for child in tree])
            for name, tree in trees.items()}


def publishable_exports(files: dict[str, bytes], withheld_paths: set[str]) -> dict[str, bytes]:
    """The downloads made only from TEI files this build publishes, with a manifest of just those."""
    if not withheld_paths or "downloads/manifest.json" not in files:
        return files
    manifest = json.loads(files["downloads/manifest.json"])
    kept = [entry for entry in manifest["files"]
            if not any(source["file"] in withheld_paths for source in entry.get("derived_from", []))]
    if not kept:
        return {}
    published = {f"downloads/{entry['path']}": files[f"downloads/{entry['path']}"] for entry in kept}
    manifest["files"] = kept
    published["downloads/manifest.json"] = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
    return published
