"""Sources (paths, directories, feed URLs, ``-``) → documents and input errors, in order."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from marsad.ingest.article import Article
from marsad.ingest.errors import IngestError, InputError
from marsad.ingest.feeds import read_feed
from marsad.ingest.fetch import fetch_url, is_url
from marsad.ingest.files import read_html_file, read_text_file
from marsad.ingest.jsonl import read_jsonl_articles
from marsad.ingest.options import IngestOptions
from marsad.ingest.warc import read_warc
from marsad.model import Document, ModelError

__all__ = ["file_kind", "iter_articles", "iter_documents", "SUFFIXES"]

Item = Article | InputError
Reader = Callable[[Path, str, str, IngestOptions], Article]

STDIN = "-"
STDIN_NAME = "<stdin>"
SUFFIXES: dict[str, tuple[str, ...]] = {
    "jsonl": (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz"),
    "text": (".txt",),
    "html": (".html", ".htm", ".xhtml"),
    "feed": (".rss", ".atom", ".xml"),
    "warc": (".warc", ".warc.gz"),
}
_READERS: dict[str, Reader] = {"text": read_text_file, "html": read_html_file}
_WHAT_WE_READ = (".jsonl, .jsonl.gz, .json, .txt, .html, .rss/.atom/.xml feeds or .warc(.gz) files, "
                 "a directory of them, a feed URL, or - for JSON Lines on stdin")


def iter_documents(sources: Sequence[str], stdin: BinaryIO | None = None,
                   options: IngestOptions | None = None) -> Iterator[Document | InputError]:
    """Every document of ``sources`` in order, with an :class:`InputError` in place of each bad one.

    A source is a JSON Lines file (``.jsonl``, ``.jsonl.gz``, ``.json``: one SPEC input object per
    line), a ``.txt`` file (id = file name without extension), an ``.html`` file, an RSS or Atom feed
    (``.rss``, ``.atom``, ``.xml``, or an ``http(s)://`` URL: one document per entry), a WARC archive
    (``.warc``, ``.warc.gz``: one document per HTML response), a directory (its files of those kinds,
    recursively, sorted; ids are paths relative to it without extension), or ``-`` for JSON Lines
    on ``stdin`` (default ``sys.stdin.buffer``); a pipe such as ``<(zcat f.gz)`` is read as JSON Lines
    too. Nothing here raises for bad input; files are streamed, so memory stays flat on large archives.
    """
    for item in iter_articles(sources, stdin, options):
        yield item.doc if isinstance(item, Article) else item


def iter_articles(sources: Sequence[str], stdin: BinaryIO | None = None,
                  options: IngestOptions | None = None) -> Iterator[Article | InputError]:
    """:func:`iter_documents` with where each document came from and its raw publication date."""
    options = options or IngestOptions()
    for source in sources:
        yield from _source_items(source, stdin, options)


def file_kind(name: str) -> str | None:
    """``jsonl``, ``text`` or ``html`` by the file name's extension; None for other files."""
    lower = name.lower()
    return next((kind for kind, suffixes in SUFFIXES.items() if lower.endswith(suffixes)), None)


def _source_items(source: str, stdin: BinaryIO | None, options: IngestOptions) -> Iterator[Item]:
    if source == STDIN:
        yield from read_jsonl_articles(stdin or sys.stdin.buffer, STDIN_NAME, options)
        return
    if is_url(source):
        yield from _feed_url(source, options)
        return
    path = Path(source)
    if path.is_dir():
        yield from _directory_items(path, source, options)
    elif path.is_file():
        yield from _file_items(path, source, _doc_id(path.name), options)
    elif path.exists():  # a pipe or a device, e.g. <(zcat feed.gz): a stream of JSON Lines
        yield from _jsonl_file(path, source, options)
    else:
        yield InputError(source, f"no such file or directory; give {_WHAT_WE_READ}")


def _directory_items(root: Path, source: str, options: IngestOptions) -> Iterator[Item]:
    unreadable: list[OSError] = []
    members = _members(root, unreadable.append)
    yield from (InputError(err.filename or source, _os_message(err)) for err in unreadable)
    if not members and not unreadable:
        yield InputError(source, f"the directory holds no files to read; give {_WHAT_WE_READ}")
    for relative in members:
        member_source = str(Path(source) / relative)
        yield from _file_items(root / relative, member_source, _doc_id(relative.as_posix()), options)


def _members(root: Path, on_error: Callable[[OSError], None]) -> list[Path]:
    """Readable-kind files under ``root`` (hidden ones skipped), as sorted relative paths."""
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        base = Path(folder).relative_to(root)
        found.extend(base / name for name in filenames if not name.startswith(".") and file_kind(name))
    return sorted(found, key=lambda p: p.parts)


def _file_items(path: Path, source: str, doc_id: str, options: IngestOptions) -> Iterator[Item]:
    kind = file_kind(path.name)
    if kind == "jsonl":
        yield from _jsonl_file(path, source, options)
    elif kind == "feed":
        yield from _feed_file(path, source, options)
    elif kind == "warc":
        yield from read_warc(path, source, options)
    elif kind is None:
        yield InputError(source, f"unsupported file type '{path.suffix or path.name}'; give {_WHAT_WE_READ}")
    else:
        yield _read_one(_READERS[kind], path, source, doc_id, options)


def _jsonl_file(path: Path, source: str, options: IngestOptions) -> Iterator[Item]:
    try:
        stream = path.open("rb")
    except OSError as err:
        yield InputError(source, _os_message(err))
        return
    with stream:
        yield from read_jsonl_articles(stream, source, options)


def _feed_file(path: Path, source: str, options: IngestOptions) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as err:
        yield InputError(source, _os_message(err))
        return
    yield from read_feed(data, source, options)


def _feed_url(url: str, options: IngestOptions) -> Iterator[Item]:
    try:
        data = fetch_url(url, options)
    except IngestError as err:
        yield InputError(url, str(err))
        return
    yield from read_feed(data, url, options)


def _read_one(reader: Reader, path: Path, source: str, doc_id: str, options: IngestOptions) -> Item:
    """One file → its document, or the reason it cannot be read (the boundary for single files)."""
    try:
        return reader(path, source, doc_id, options)
    except (IngestError, ModelError) as err:
        return InputError(source, str(err))
    except OSError as err:
        return InputError(source, _os_message(err))


def _doc_id(name: str) -> str:
    lower = name.lower()
    suffix = next((s for suffixes in SUFFIXES.values() for s in suffixes if lower.endswith(s)), "")
    return name[: len(name) - len(suffix)] if suffix else name


def _os_message(err: OSError) -> str:
    reason = err.strerror or str(err) or type(err).__name__
    return f"cannot be read ({reason}); check that it exists and is readable"
