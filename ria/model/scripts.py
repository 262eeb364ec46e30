"""The language of a text that declares none, as far as its script alone tells it.

A text with no xml:lang and no langUsage (Kanripo's Chinese classics, OpenITI's Arabic) would
otherwise be published as the site's language, English, and read aloud and hyphenated as such.
Only what the letters show is said, and only of a text written overwhelmingly (nine letters in ten)
in one script: Han characters alone are Chinese ("zh", the macrolanguage, Classical Chinese among
its members); Han with kana is Japanese, Hangul Korean, as no other language writes them. Any other
script names no one language (Arabic letters write Persian and Ottoman Turkish too, Cyrillic a dozen
languages), so the tag says the script and leaves the language undetermined: "und-Arab", "und-Cyrl",
which still sets the direction and lets a browser choose a font. Latin letters, or a mixture, say
nothing: "".
"""

from __future__ import annotations

import unicodedata

from lxml import etree

from ..xmlio import TEI_NS

# The first word of a letter's Unicode name -> its script (ISO 15924); scripts not listed say nothing.
_SCRIPTS = {
    "CJK": "Hani", "HIRAGANA": "Kana", "KATAKANA": "Kana", "HANGUL": "Hang", "ARABIC": "Arab", "HEBREW": "Hebr",
    "SYRIAC": "Syrc", "CYRILLIC": "Cyrl", "GREEK": "Grek", "COPTIC": "Copt", "ARMENIAN": "Armn", "GEORGIAN": "Geor",
    "DEVANAGARI": "Deva", "BENGALI": "Beng", "TAMIL": "Taml", "THAI": "Thai", "TIBETAN": "Tibt", "ETHIOPIC": "Ethi",
    "GLAGOLITIC": "Glag", "GOTHIC": "Goth", "RUNIC": "Runr",
}
_OVERWHELMING = 0.9
_FEWEST_LETTERS = 10
_SAMPLE = 20_000  # letters enough to tell; a long text is not read to its end for this


def script_language(root: etree._Element) -> str:
    """A language tag for a text by the script its words are written in, "" where that tells nothing."""
    counts: dict[str, int] = {}
    letters = 0
    for chunk in root.xpath("t:text//text()[not(ancestor::t:note or ancestor::t:teiHeader)]", namespaces={"t": TEI_NS}):
        for character in chunk:
            if character.isalpha():
                letters += 1
                name = unicodedata.name(character, "")
                script = _SCRIPTS.get(name.split(" ", 1)[0])
                if script:
                    counts[script] = counts.get(script, 0) + 1
        if letters >= _SAMPLE:
            break
    if letters < _FEWEST_LETTERS:
        return ""

    def share(*scripts: str) -> float:
        return sum(counts.get(script, 0) for script in scripts) / letters

    if counts.get("Kana") and share("Hani", "Kana") >= _OVERWHELMING:
        return "ja"
    if counts.get("Hang") and share("Hani", "Hang") >= _OVERWHELMING:
        return "ko"
    if share("Hani") >= _OVERWHELMING:
        return "zh"
    script = max(counts, key=counts.__getitem__, default="")
    return f"und-{script}" if script and share(script) >= _OVERWHELMING else ""
