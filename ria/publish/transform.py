"""Transform stage: TEI → HTML parts through the XSLT 3.0 stylesheets in ``xslt/`` (Saxon).

The stylesheet is compiled once per process (:func:`compiled`) and applied to each document. Its
result is a ``<parts>`` document; each part is returned as an HTML string for
the page shell to place.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lxml import etree

from ..model.mentions import marked
from ..problems import EditionError, Problem
from ..xmlio import MAX_DEPTH

XHTML = "http://www.w3.org/1999/xhtml"
# Saxon's XML parser refuses elements nested deeper than 100; lxml, which every file passes
# first, takes up to MAX_DEPTH. Saxon is given the same bound, so a file that loads also transforms.
_DEPTH_PROPERTY = ("http://saxon.sf.net/feature/parserProperty?uri="
                   "http%3A//www.oracle.com/xml/jaxp/properties/maxElementDepth")


def saxon():
    """A Saxon processor for the toolchain's stylesheets, schemas and rules."""
    from saxonche import PySaxonProcessor
    processor = PySaxonProcessor(license=False)
    # + 1: the export's teiCorpus wraps each text, of up to MAX_DEPTH levels, in one more.
    processor.set_configuration_property(_DEPTH_PROPERTY, str(MAX_DEPTH + 1))
    return processor


def _strip_namespace(root: etree._Element) -> None:
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{XHTML}}}"):
            el.tag = el.tag[len(XHTML) + 2:]
    etree.cleanup_namespaces(root)


def html_of_children(el: etree._Element) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append(etree.tostring(child, method="html", encoding="unicode", with_tail=True))
    return "".join(parts)


class Transformer:
    def __init__(self, processor, stylesheet: Path):
        self._processor = processor
        compiler = processor.new_xslt30_processor()
        try:
            self._executable = compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
            message = "no executable"
        except Exception as err:  # saxonche raises its own PySaxonApiError
            self._executable, message = None, " ".join(str(err).split())
        if self._executable is None:
            raise EditionError(Problem(str(stylesheet), 1, 1, "error",
                                       f"cannot compile stylesheet: {message}", rule="xslt"))
        self._stylesheet = stylesheet

    def transform(self, xml_text: str, display_path: str, root: str = "../",
                  entry_pages: str = "", withheld: bool = False, locations: str = "",
                  editors_id: str = "", images: str = "", entry_names: str = "",
                  text_pages: str = "", corpus_taxonomies: str = "") -> dict[str, str]:
        """The HTML parts (toc, text, notes, apparatus, about) of one TEI document."""
        # Each mention carries its anchor, which the stylesheets give the name as its id.
        node = self._processor.parse_xml(xml_text=marked(xml_text, display_path))
        executable = self._executable
        executable.clear_parameters()
        executable.set_parameter("root", self._processor.make_string_value(root))
        executable.set_parameter("entry-pages", self._processor.make_string_value(entry_pages))
        # The entries' names, for a speaker an utterance's @who points to ("id<TAB>name" lines, Index.names).
        executable.set_parameter("entry-names", self._processor.make_string_value(entry_names))
        executable.set_parameter("withheld", self._processor.make_boolean_value(withheld))
        # Each passage's location as a reader cites it ("id<TAB>label" lines, ria/model/locations.py).
        executable.set_parameter("locations", self._processor.make_string_value(locations))
        # The xml:id of the project's editors, which the apparatus names as this edition's (ria/model/project_config.py).
        executable.set_parameter("editors-id", self._processor.make_string_value(editors_id))
        # Where the site has the images the text gives by a relative path ("address<TAB>site path" lines, ria/corpus/images.py).
        executable.set_parameter("images", self._processor.make_string_value(images))
        # The pages of the other texts it points to ("written<TAB>address<TAB>title" lines, Index.texts_linked).
        executable.set_parameter("text-pages", self._processor.make_string_value(text_pages))
        # The taxonomies of the header above the text that its keywords name (a TEI classDecl, ria/model/texts.py).
        executable.set_parameter("corpus-taxonomies", self._processor.make_string_value(corpus_taxonomies))
        result = executable.transform_to_string(xdm_node=node)
        if result is None:
            raise EditionError(Problem(display_path, 1, 1, "error",
                                       f"transformation failed: {executable.exception_message}",
                                       rule="xslt"))
        parts_root = etree.fromstring(result.encode("utf-8"),
                                      etree.XMLParser(resolve_entities=False, no_network=True))
        _strip_namespace(parts_root)
        return {part.get("name"): html_of_children(part) for part in parts_root}


_compiled = threading.local()


def compiled(stylesheet: Path) -> Transformer:
    """The transformer of ``stylesheet``, compiled once for as long as it and the stylesheets
    beside it are unchanged: a process that builds again (`serve`, a script or a test that
    builds many corpora) does not compile it again, which costs more than transforming a
    small corpus does. One a thread: a transformation holds its parameters in the compiled
    stylesheet."""
    from ..cache import digest, folder_digest
    stylesheet = Path(stylesheet).resolve()
    version = digest(folder_digest(stylesheet.parent, "*.xsl"), stylesheet.read_bytes())
    kept = _compiled.__dict__.setdefault("transformers", {})
    if stylesheet not in kept or kept[stylesheet][0] != version:
        kept[stylesheet] = (version, Transformer(saxon(), stylesheet))
    return kept[stylesheet][1]
