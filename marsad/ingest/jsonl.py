"""Streaming JSON Lines reader: one SPEC input object per line, constant memory.

A stream is read line by line (gzip is recognised by its magic bytes, so ``.jsonl.gz`` and piped
gzip both work); each line is decoded with the same funnel as files, parsed, and turned into a
:class:`~marsad.model.Document` or an :class:`InputError` naming ``source:line``; the next lines
are still read. A stream that starts with a UTF-16/32 byte-order mark is decoded as a whole
stream. A JSON array (or a single pretty-printed object) is read as one value.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol, cast

from marsad.ingest.article import Article
from marsad.ingest.decode import bom_codec, decode_bytes, decode_line, is_gzip
from marsad.ingest.errors import IngestError, InputError
from marsad.ingest.options import IngestOptions
from marsad.ingest.records import article_from_record, parse_json
from marsad.model import Document, ModelError

__all__ = ["read_jsonl", "read_jsonl_articles", "STREAM_ERRORS"]

log = logging.getLogger("marsad.ingest")

Item = Article | InputError
# What a damaged file or stream raises while being read (truncated gzip, bad UTF-16, I/O).
STREAM_ERRORS = (OSError, EOFError, zlib.error, UnicodeDecodeError)
_SKIP_CHUNK = 1024 * 1024
_HEAD = 64
_ONE_PER_LINE = "give one JSON object per line"


class _Peekable(Protocol):
    def peek(self, size: int = ..., /) -> bytes: ...

    def read(self, size: int = ..., /) -> bytes: ...

    def readline(self, size: int | None = ..., /) -> bytes: ...


class _ReadLine(Protocol):
    def __call__(self, size: int, /) -> bytes | str: ...


@dataclass(frozen=True, slots=True)
class _Oversized:
    size: int


def read_jsonl(stream: BinaryIO, source: str, options: IngestOptions) -> Iterator[Document | InputError]:
    """Documents and errors of a JSON Lines byte stream, in order; never raises for bad content."""
    for item in read_jsonl_articles(stream, source, options):
        yield item.doc if isinstance(item, Article) else item


def read_jsonl_articles(stream: BinaryIO, source: str, options: IngestOptions) -> Iterator[Item]:
    """:func:`read_jsonl` with each document's source line and raw publication date."""
    wrapper = None if hasattr(stream, "peek") else io.BufferedReader(cast(io.RawIOBase, stream))
    number = 0
    try:
        buffered = _decompressed(cast(_Peekable, wrapper or stream))
        if _is_whole_value(buffered.peek(_HEAD)):
            yield from _read_whole_value(buffered, source, options)
            return
        tally: Counter[str] = Counter()
        found = 0
        for number, raw in enumerate(_lines(buffered, options), 1):
            item = _line_item(raw, f"{source}:{number}", options, tally)
            if item is not None:
                found += 1
                yield item
        _log_encodings(source, tally)
        if not found:
            yield InputError(source, f"holds no JSON records (it is empty or blank); {_ONE_PER_LINE}")
    except STREAM_ERRORS as err:
        yield InputError(f"{source}:{number + 1}" if number else source, _stream_error(err, number))
    finally:
        if wrapper is not None:
            wrapper.detach()  # the caller's stream stays open


def _decompressed(stream: _Peekable) -> _Peekable:
    if is_gzip(stream.peek(2)[:2]):
        return cast(_Peekable, gzip.GzipFile(fileobj=cast(BinaryIO, stream), mode="rb"))
    return stream


def _is_whole_value(head: bytes) -> bool:
    """A JSON array, or an object whose first line is a lone "{" (pretty-printed)."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return start.startswith(b"[") or start.split(b"\n", 1)[0].strip() == b"{"


def _lines(stream: _Peekable, options: IngestOptions) -> Iterator[bytes | str | _Oversized]:
    codec = bom_codec(stream.peek(4)[:4])
    if codec in ("utf-16", "utf-32"):
        return _text_lines(stream, codec, options.max_line_bytes // 2)
    return _bounded_lines(stream.readline, options.max_line_bytes, b"")


def _text_lines(stream: _Peekable, codec: str, limit: int) -> Iterator[str | _Oversized]:
    text = io.TextIOWrapper(cast(BinaryIO, stream), encoding=codec, newline="")
    try:
        yield from cast(Iterator[str | _Oversized], _bounded_lines(text.readline, limit, ""))
    finally:
        text.detach()  # closing the wrapper would close the caller's stream


def _bounded_lines(read: _ReadLine, limit: int, empty: bytes | str) -> Iterator[bytes | str | _Oversized]:
    """Lines of at most ``limit`` units; a longer line is skipped in chunks and reported by size."""
    while (line := read(limit + 1)) != empty:
        if len(line) > limit and not _ends_line(line):
            yield _Oversized(len(line) + _skip_rest_of_line(read, empty))
        else:
            yield line


def _ends_line(chunk: bytes | str) -> bool:
    return chunk.endswith("\n") if isinstance(chunk, str) else chunk.endswith(b"\n")


def _skip_rest_of_line(read: _ReadLine, empty: bytes | str) -> int:
    skipped = 0
    while (chunk := read(_SKIP_CHUNK)) != empty:
        skipped += len(chunk)
        if _ends_line(chunk):
            break
    return skipped


def _line_item(raw: bytes | str | _Oversized, where: str, options: IngestOptions,
               tally: Counter[str]) -> Item | None:
    if isinstance(raw, _Oversized):
        return InputError(where, f"the line is over the limit of {options.max_line_bytes:,} bytes "
                                 f"({raw.size:,} long); split it or raise IngestOptions.max_line_bytes")
    if not raw.strip():
        return None
    try:
        return article_from_record(parse_json(_line_text(raw, options, tally)), options, where)
    except (IngestError, ModelError) as err:
        return InputError(where, str(err))


def _line_text(raw: bytes | str, options: IngestOptions, tally: Counter[str]) -> str:
    if isinstance(raw, str):
        return raw
    decoded = decode_line(raw, options)
    if decoded.encoding != "utf-8":
        tally[decoded.encoding] += 1
    return decoded.text


def _read_whole_value(stream: _Peekable, source: str, options: IngestOptions) -> Iterator[Item]:
    data = stream.read(options.max_line_bytes + 1)
    if len(data) > options.max_line_bytes:
        yield InputError(source, f"the JSON value is over {options.max_line_bytes:,} bytes; write one "
                                 "object per line (JSON Lines) to stream it, or raise "
                                 "IngestOptions.max_line_bytes")
        return
    try:
        decoded = decode_bytes(data, options)
        value = parse_json(decoded.text)
    except IngestError as err:
        yield InputError(source, str(err))
        return
    _log_encodings(source, Counter({decoded.encoding: 1}) if decoded.encoding != "utf-8" else Counter())
    records = value if isinstance(value, list) else [value]
    if not records:
        yield InputError(source, f"holds no JSON records (an empty array); {_ONE_PER_LINE}")
    for index, record in enumerate(records):
        yield _record_item(record, f"{source}:[{index}]" if isinstance(value, list) else source, options)


def _record_item(record: object, where: str, options: IngestOptions) -> Item:
    try:
        return article_from_record(record, options, where)
    except (IngestError, ModelError) as err:
        return InputError(where, str(err))


def _stream_error(err: BaseException, lines_read: int) -> str:
    kind = "cannot be decoded" if isinstance(err, UnicodeDecodeError) else "is damaged or cut short"
    detail = str(err).splitlines()[0] if str(err) else type(err).__name__
    if lines_read:
        return (f"the stream {kind} after line {lines_read:,} ({detail}); the lines before it were read; "
                "re-create or re-download the file")
    return f"the stream {kind} ({detail}); re-create or re-download the file"


def _log_encodings(source: str, tally: Counter[str]) -> None:
    for encoding, count in tally.items():
        log.info("%s: %d line(s) decoded as %s", source, count, encoding)
