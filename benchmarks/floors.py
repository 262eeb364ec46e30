#!/usr/bin/env python3
"""The floors the build is measured against: the least work that makes the same output kind.

    floors.py edition ROOT          parse the edition's TEI and transform every file the build
                                    transforms with text.xsl, compiled once (Saxon)
    floors.py one-text ROOT FILE    the same for one text: what an edit must cost at least
    floors.py check ROOT            parse the TEI and validate it with RelaxNG (lxml) and the XSD
                                    (xmlschema); the Schematron and lint are the build's own, so
                                    they are in the figure and not in the floor
    floors.py corpus DIR OUT        parse every XML file of a corpus with lxml, turn it into an HTML
                                    page with a small XSLT (libxslt) on two processes, then index
                                    the pages with Pagefind in one run

Each runs as a new process, as the command it is the floor of does, so interpreter start and
imports are in both.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# A page per document: its title, and every block of its text as a paragraph.
SMALL_XSLT = b"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">
  <xsl:output method="html" encoding="utf-8"/>
  <xsl:template match="/">
    <html lang="{(//tei:text/@xml:lang | /*/@xml:lang)[1]}">
      <head><meta charset="utf-8"/><title><xsl:value-of select="normalize-space((//tei:titleStmt/tei:title)[1])"/></title></head>
      <body><main>
        <h1><xsl:value-of select="normalize-space((//tei:titleStmt/tei:title)[1])"/></h1>
        <xsl:apply-templates select="//tei:text"/>
      </main></body>
    </html>
  </xsl:template>
  <xsl:template match="tei:p | tei:l | tei:head | tei:ab | tei:stage | tei:speaker | tei:item | tei:note">
    <p><xsl:value-of select="normalize-space(.)"/></p>
  </xsl:template>
  <xsl:template match="text()"/>
</xsl:stylesheet>"""

_transform = None


def _page(job: tuple[str, str]) -> None:
    global _transform
    from lxml import etree
    if _transform is None:
        _transform = etree.XSLT(etree.XML(SMALL_XSLT))
    source, target = job
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, collect_ids=False)
    Path(target).write_bytes(bytes(_transform(etree.parse(source, parser))))


def corpus(folder: Path, out: Path, jobs: int = 2) -> None:
    from ria.publish.search import pagefind_executable
    files = sorted(path for path in folder.rglob("*.xml")
                   if not any(part.startswith(".") for part in path.relative_to(folder).parts))
    out.mkdir(parents=True)
    jobs_list = [(str(path), str(out / f"{n}.html")) for n, path in enumerate(files)]
    with ProcessPoolExecutor(jobs) as pool:
        for _ in pool.map(_page, jobs_list, chunksize=64):
            pass
    subprocess.run([str(pagefind_executable()), "--site", str(out), "--silent"], check=True)


def edition(root: Path, only: Path | None = None) -> None:
    from ria.model.load import load_edition
    from ria.publish.build import Project, saxon
    from ria.publish.transform import Transformer
    project = Project.at(root)
    if only is not None:
        from ria.xmlio import parse_file
        parse_file(only)  # as the build checks it is well-formed before transforming it
        Transformer(saxon(), project.xslt / "text.xsl").transform(
            only.read_text(encoding="utf-8"), only.name, "../", "")
        return
    from ria.model.indexer import build_index
    loaded, _ = load_edition(project.root, project.tei)
    # The parameters the build passes: the index is worked out here too, as cheaply as it comes.
    entry_pages = " ".join(f"{entry.id}={entry.page}" for entry in build_index(loaded).entries.values())
    transformer = Transformer(saxon(), project.xslt / "text.xsl")
    if loaded.corpus is not None:
        transformer.transform(loaded.corpus.text, loaded.corpus.rel, "")
    for doc in loaded.texts:
        transformer.transform(doc.text, doc.rel, "../", entry_pages)


def check(root: Path) -> None:
    import xmlschema
    from lxml import etree
    relaxng = etree.RelaxNG(etree.parse(str(root / "schema" / "edition.rng")))
    xsd = xmlschema.XMLSchema(str(root / "schema" / "edition.xsd"))
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    for path in sorted((root / "tei").rglob("*.xml")):
        tree = etree.parse(str(path), parser)
        relaxng.validate(tree)
        for _ in xsd.iter_errors(tree):
            pass


def main(argv: list[str]) -> int:
    kind, *args = argv
    if kind == "edition":
        edition(Path(args[0]))
    elif kind == "one-text":
        edition(Path(args[0]), Path(args[1]))
    elif kind == "check":
        check(Path(args[0]))
    elif kind == "corpus":
        corpus(Path(args[0]), Path(args[1]))
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
