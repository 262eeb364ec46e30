"""Pagefind's own files, read and made canonical: the filter files of a bundle sorted and named by
their content, so that two builds of the same pages are byte-identical.

Pagefind writes its filter files in hash-map order, which changes from run to run;
``canonical_filters`` sorts them and renames them by their content.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from pathlib import Path
from typing import Callable

import cbor2

from ..problems import EditionError, Problem

# ------------------------------------------------------------------ deterministic filter files
# Pagefind's meta and filter files are gzip-compressed CBOR behind a signature, in the layout
# of Pagefind PAGEFIND_FORMAT. canonical_filters checks that layout before it rewrites a file:
# a Pagefind that writes another stops the build, naming the file, rather than leaving an index
# that its client cannot read.

SIGNATURE = b"pagefind_dcd"
PAGEFIND_FORMAT = "1.5"  # the major.minor version of Pagefind whose layout is read (pagefind-bin's pin)


def _unexpected(path: Path, expected: str) -> EditionError:
    return EditionError(Problem(str(path), 1, 1, "error",
                                f"Pagefind's file {path.name} is not in the format the build expects of "
                                f"Pagefind {PAGEFIND_FORMAT}: expected {expected}", rule="search",
                                hint="the pinned pagefind-bin writes that format; another Pagefind's "
                                     "layout must be read in ria/publish/search.py before its pin changes"))


def _read(path: Path):
    """The one CBOR item of a Pagefind file, after its signature."""
    try:
        data = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise _unexpected(path, "this file, which the bundle's entry or meta file names") from None
    except (OSError, EOFError, zlib.error) as err:  # not gzip, truncated, or a wrong checksum
        raise _unexpected(path, f"a whole gzip-compressed file ({err})") from None
    if not data.startswith(SIGNATURE):
        raise _unexpected(path, f"the signature {SIGNATURE!r}, found {data[:len(SIGNATURE)]!r}")
    payload = io.BytesIO(data[len(SIGNATURE):])
    try:
        value = cbor2.CBORDecoder(payload).decode()
    except cbor2.CBORDecodeError as err:
        raise _unexpected(path, f"one CBOR item after the signature ({err})") from None
    if payload.tell() != len(data) - len(SIGNATURE):
        raise _unexpected(path, "one CBOR item after the signature, and nothing after it")
    return value


def _write(path: Path, value) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0))


def _content_name(language: str, value, digits: int) -> str:
    return f"{language}_{hashlib.sha256(cbor2.dumps(value)).hexdigest()[:digits]}"


def _is_list(value, length: int | None = None) -> bool:
    return isinstance(value, list) and (length is None or len(value) == length)


def _is_pair_list(value, first: type, second: Callable[[object], bool]) -> bool:
    return _is_list(value) and all(_is_list(pair, 2) and isinstance(pair[0], first) and second(pair[1])
                                   for pair in value)


def _read_entry(path: Path) -> dict:
    """pagefind-entry.json: Pagefind's version and, per language, the hash that names its meta file."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise _unexpected(path, f"a JSON file ({err})") from None
    languages = entry.get("languages") if isinstance(entry, dict) else None
    if not (isinstance(languages, dict) and all(
            isinstance(language, dict) and isinstance(language.get("hash"), str)
            # null for a language Pagefind has no stemmer for (Ancient Greek, Latin …)
            and (language.get("wasm") is None or isinstance(language.get("wasm"), str))
            for language in languages.values())):
        raise _unexpected(path, 'an object whose "languages" give each language\'s "hash" and "wasm"')
    _expect_version(path, entry.get("version"))
    return entry


def _expect_version(path: Path, version) -> None:
    if not (isinstance(version, str) and version.split(".")[:2] == PAGEFIND_FORMAT.split(".")):
        raise _unexpected(path, f"a file written by Pagefind {PAGEFIND_FORMAT}.x, found version {version!r}")


def _read_meta(path: Path) -> list:
    """A meta file: [version, pages, index chunks, [[filter name, filter file's hash], ...], sorts, ...]."""
    meta = _read(path)
    if not (_is_list(meta) and len(meta) >= 4):
        raise _unexpected(path, "an array of at least four items, the fourth the filters")
    _expect_version(path, meta[0])
    if not _is_pair_list(meta[3], str, lambda file_hash: isinstance(file_hash, str)):
        raise _unexpected(path, "its fourth item an array of [filter name, file hash] pairs")
    return meta


def _read_filter(path: Path, name: str) -> list:
    """A filter file: [filter name, [[value, [page number, ...]], ...]]."""
    values = _read(path)
    if not (_is_list(values, 2) and values[0] == name and _is_pair_list(
            values[1], str, lambda pages: _is_list(pages) and all(isinstance(page, int) for page in pages))):
        raise _unexpected(path, f"an array of the filter's name ({name!r}) and its [value, [page number, ...]] pairs")
    return values


def canonical_filters(bundle: Path) -> None:
    """Sort Pagefind's filter values and filter list, and name the files by their content."""
    entry_path = bundle / "pagefind-entry.json"
    entry = _read_entry(entry_path)
    for code, language in entry["languages"].items():
        prefix = language["wasm"] or code  # Pagefind names an unstemmed language's files by its code
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read_meta(meta_path)
        renamed = []
        for name, old in meta[3]:
            values = _read_filter(bundle / "filter" / f"{old}.pf_filter", name)
            values[1].sort(key=lambda pair: pair[0])
            new = _content_name(prefix, values, 7)
            (bundle / "filter" / f"{old}.pf_filter").unlink()
            _write(bundle / "filter" / f"{new}.pf_filter", values)
            renamed.append([name, new])
        meta[3] = sorted(renamed)
        new_hash = _content_name(prefix, meta, 10)
        meta_path.unlink()
        _write(bundle / f"pagefind.{new_hash}.pf_meta", meta)
        language["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
