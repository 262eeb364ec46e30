"""The images a corpus's texts point to by a relative path, published with them.

The survey takes, from each text's tree, the addresses of its images: every ``graphic/@url`` (of
``facsimile``, ``surface``, ``figure``) and every ``pb/@facs`` that is not a pointer, each under the
``xml:base`` its image markup declares (as facsimile.xsl reads it). The build checks them against the corpus folder itself (not in the survey: a cached
survey outlives changes to the images beside its TEI). An image is published where its path,
relative to the TEI file's folder, names a regular file inside the corpus folder, of a type
browsers show, within a size bound; it is copied once into the site under ``facsimiles/``, its
corpus path made safe (ria/safenames.py). Any other is reported and stays "not published".
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from PIL import Image, UnidentifiedImageError

from ..problems import Problem
from ..safenames import safe_name, site_path
from ..xmlio import TEI as T
from ..xmlio import XML_NS

FOLDER = "facsimiles"  # where the site keeps them
# What every browser shows. Not SVG: an SVG file can hold scripts and links, and a corpus is anyone's.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp"})
IMAGE_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP"})  # as Pillow names what a file's header says it is
MAX_BYTES = 50 * 1024 * 1024
_XML_BASE = f"{{{XML_NS}}}base"
_EXTENSION = re.compile(r"\.[a-z][a-z0-9]{0,4}")  # what a file name ends in ("HS.NZ85.1.3571_0001" has none)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB = re.compile(r"^https?://")  # as facsimile.xsl tells an address on the web


def with_base(url: str, base: str) -> str:
    """``url`` under ``base``, as facsimile.xsl's ria:with-base gives it: under a base on the web,
    the address there; under a relative base, a path still relative to the TEI file's folder
    (the base's last segment replaced by ``url``), which the build resolves as any other."""
    if not base or _SCHEME.match(url):
        return url
    if _WEB.match(base):
        return urljoin(base, url)
    if _SCHEME.match(base):
        return base  # not an address in the corpus, nor one on the web: kept for its scheme
    if url.startswith("/"):
        return url
    return base[:base.rfind("/") + 1] + url


def image_base(el: etree._Element) -> str:
    """The ``xml:base`` around an image's markup, nested bases combined: the image's own, its
    ``facsimile``'s or ``figure``'s, a division's, and the one an xi:include gives the part it
    brings from another folder. A base declared for the whole document (its ``TEI``) names where
    the document is published (all of schnitzler-briefe's do), not where its images are:
    facsimile.xsl does not use it either."""
    chain = [node for node in [*reversed(list(el.iterancestors())), el]  # outermost first
             if node.getparent() is not None and not (node.tag == T + "TEI" and node.getparent().tag == T + "teiCorpus")]
    base = ""
    for node in chain:
        declared = " ".join((node.get(_XML_BASE) or "").split())
        if declared:
            base = with_base(declared, base)
    return base


def image_refs(root: etree._Element) -> list[tuple[str, int]]:
    """The relative addresses a text gives its images (under their markup's ``xml:base``), each
    once, with the line it is first written on. An address on the web, or with a scheme other
    than ``file:``, is the stylesheet's to link (facsimile.xsl), not a file of the corpus."""
    found: dict[str, int] = {}

    def take(el: etree._Element, urls: list[str]) -> None:
        base = image_base(el)
        for url in urls:
            address = with_base(url, base) if url else ""
            if address and (not _SCHEME.match(address) or address.lower().startswith("file:")):
                found.setdefault(address, el.sourceline or 1)

    for graphic in root.iter(T + "graphic"):
        take(graphic, [" ".join((graphic.get("url") or "").split())])
    for pb in root.iter(T + "pb"):
        take(pb, [token for token in (pb.get("facs") or "").split() if not token.startswith("#")])
    return list(found.items())


@dataclass(frozen=True)
class PublishedImage:
    site_name: str  # its path in the site
    file: str  # where it is (links resolved), inside the corpus folder
    state: tuple  # what says it changed: size, modification time, inode
    width: int  # in pixels, as its header says (Pillow reads no more of it)
    height: int


def _stem_and_suffix(name: str) -> tuple[str, str]:
    path = PurePosixPath(name)
    return path.name[:len(path.name) - len(path.suffix)], path.suffix.lower()


class CorpusImages:
    """The images of a corpus's texts: which are published, under what name, and why not the others."""

    def __init__(self, root: Path):
        self._folder = Path(os.path.abspath(root))  # as the TEI files' paths name it
        self._root = Path(os.path.realpath(root))  # where it is, its links followed
        self._images: dict[str, PublishedImage] = {}  # corpus path → the image as published
        self._names: dict[str, str] = {}  # site name, case folded → the corpus path that has it
        self._params: dict[str, str] = {}  # text id → its stylesheet parameter
        self.problems: list[Problem] = []

    def add(self, text_id: str, tei_file: Path, shown: str, refs: list[tuple[str, int]]) -> None:
        """Take in a text's addresses (``image_refs``); ``tei_file`` is where they are relative to."""
        lines, refused = [], {}
        for url, line in refs:
            found = self._resolve(tei_file.parent, url)
            if found is None:
                continue
            if isinstance(found, str):
                refused.setdefault(found, []).append((url, line))
                continue
            lines.append(f"{url}\t{found.site_name}\t{found.width}\t{found.height}")
        if lines:
            self._params[text_id] = "\n".join(lines)
        # One warning for each reason, at the first image it holds for: a corpus whose images are
        # kept elsewhere names thousands of them.
        for reason, where in refused.items():
            url, line = where[0]
            more = f" (and {len(where) - 1} more)" if len(where) > 1 else ""
            self.problems.append(Problem(shown, line, 1, "warning", f"image {url!r}{more} is not published: "
                                         f"{reason}", rule="image"))

    def param(self, text_id: str) -> str:
        """The stylesheet's ``images``: "address<TAB>site path<TAB>width<TAB>height" lines, for the
        text's published images."""
        return self._params.get(text_id, "")

    def published(self) -> list[PublishedImage]:
        """Each published image, once, in the order of its name in the site."""
        return sorted(self._images.values(), key=lambda image: image.site_name)

    def _resolve(self, folder: Path, url: str) -> PublishedImage | str | None:
        """The image ``url`` names, relative to ``folder``, or why it is not published (None: not a
        file's path at all, nothing to report)."""
        parts = urlsplit(url)
        # A backslash separates folders as a slash does (a path written on Windows; browsers read a
        # relative address so too): a UNC path \\server\share is then as absolute as //server/share.
        path = unquote(parts.path).replace("\\", "/")
        if parts.scheme or parts.netloc or path.startswith("/"):
            return "an absolute path names a file outside the corpus; give a path relative to the TEI file"
        written = os.path.normpath(os.path.join(folder, path))
        if not Path(written).is_relative_to(self._folder):
            return "its '..' leads outside the corpus folder"
        suffix = PurePosixPath(path).suffix.lower()
        if not _EXTENSION.fullmatch(suffix) and not os.path.exists(written):  # (its links followed)
            return None  # a name, not a path (an image's identifier elsewhere): the page says an image stands there
        target = os.path.realpath(written)
        if not Path(target).is_relative_to(self._root):
            return "a symbolic link on its path leads outside the corpus folder"
        if suffix == ".svg":
            return "an SVG image can hold scripts, so it is not published"
        if suffix not in IMAGE_SUFFIXES:
            return f"not an image type every browser shows ({', '.join(sorted(IMAGE_SUFFIXES))})"
        try:
            status = os.stat(target)
        except OSError:
            return "no such file in the corpus folder"
        if not stat.S_ISREG(status.st_mode):
            return "not a regular file"
        if status.st_size > MAX_BYTES:
            return f"larger than {MAX_BYTES // 2 ** 20} MB"
        rel = Path(target).relative_to(self._root).as_posix()
        image = self._images.get(rel)
        if image is None:
            try:
                with warnings.catch_warnings(), Image.open(target) as picture:
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # nothing is decoded
                    kind, (width, height) = picture.format, picture.size
            except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
                kind = None
            if kind not in IMAGE_FORMATS:
                return f"the file is not a {', '.join(sorted(IMAGE_FORMATS))} image"
            # Copied when its size, time or inode changed (as make and rsync tell), not read on every build.
            image = PublishedImage(self._site_name(rel), target, (status.st_size, status.st_mtime_ns, status.st_ino),
                           width, height)
            self._images[rel] = image
        return image

    def _site_name(self, rel: str) -> str:
        """``facsimiles/`` and the corpus path, each part a safe name (the extension kept last); two
        paths one file system takes for one name are told apart by a hash of the path."""
        *folders, name = rel.split("/")
        stem, suffix = _stem_and_suffix(name)
        parts = [safe_name(part) for part in folders]
        site_name = "/".join([FOLDER, *parts, safe_name(stem) + suffix])
        if self._names.get(site_name.casefold(), rel) != rel:
            tag = hashlib.sha256(rel.encode("utf-8", "surrogatepass")).hexdigest()[:10]
            site_name = "/".join([FOLDER, *parts, f"{safe_name(stem)}-{tag}{suffix}"])
        self._names[site_name.casefold()] = rel
        return str(site_path(site_name))
