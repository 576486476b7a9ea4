"""WARC archives (warcio): one document per HTML or plain-text response record.

The document id is the record's target URI, the text the page's main text, read as ``.html``
files are (:func:`marsad.ingest.html.read_html`); a publication date the page gives but that cannot
be read is reported with the article, which is kept without a date. Requests, metadata and other
non-response records are not documents and are passed over.
A response that is not an article (an image, a PDF, a script, an HTTP error or redirect) is
reported as an :class:`InputError` naming its offset in the file, so nothing is dropped silently;
a damaged or truncated archive gives the records before the damage and one error.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.ingest.article import Article
from marsad.ingest.checks import check_text
from marsad.ingest.decode import decode_bytes, describe_binary
from marsad.ingest.errors import IngestError, InputError
from marsad.ingest.html import html_article, read_html
from marsad.ingest.jsonl import STREAM_ERRORS
from marsad.ingest.options import IngestOptions
from marsad.model import Document, ModelError

__all__ = ["read_warc"]

_RECORDS = ("response", "resource")
_HTML = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, source: str, options: IngestOptions) -> Iterator[Article | InputError]:
    """The articles of a ``.warc`` or ``.warc.gz`` file, in order, with an error in place of each non-article."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    read = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type in _RECORDS:
                    read += 1
                    data = record.content_stream().read(options.max_html_bytes + 1)  # before the offset:
                    where = f"{source}@{records.get_record_offset()}"  # asking for it reads the record to its end
                    yield _record_item(record, data, where, options) if not _cut(record) else _cut_error(where)
        if path.name.lower().endswith(".gz") and not _gzip_complete(path):
            raise EOFError("the last gzip member ends early")
    except (ArchiveLoadFailed, *STREAM_ERRORS) as err:
        detail = " ".join(str(err).split()) or type(err).__name__
        yield InputError(source, f"the WARC file is damaged or cut short after {read:,} records ({detail}); "
                                 "the records before it were read; re-create or re-download it")


def _cut(record: Any) -> bool:
    """The file ended inside this record: fewer bytes than its Content-Length."""
    record.raw_stream.read()
    return bool(getattr(record.raw_stream, "limit", 0))


def _cut_error(where: str) -> InputError:
    return InputError(where, "the record is cut short (the file ends inside it); re-create or re-download the file")


def _gzip_complete(path: Path) -> bool:
    """Every gzip member of the file (one per WARC record) ends with its trailer."""
    decompressor = zlib.decompressobj(wbits=31)
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            while chunk:
                decompressor.decompress(chunk)
                chunk = decompressor.unused_data
                if decompressor.eof:
                    decompressor = zlib.decompressobj(wbits=31) if chunk else decompressor
                else:
                    break
    return decompressor.eof


def _record_item(record: Any, data: bytes, where: str, options: IngestOptions) -> Article | InputError:
    try:
        return _record_article(record, data, where, options)
    except (IngestError, ModelError) as err:
        return InputError(where, str(err))


def _record_article(record: Any, data: bytes, where: str, options: IngestOptions) -> Article:
    uri = record.rec_headers.get_header("WARC-Target-URI") or where
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status and not status.startswith("2"):
        raise IngestError(f"{uri}: HTTP {status} response, not an article")
    headers = record.http_headers or record.rec_headers
    content_type = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if len(data) > options.max_html_bytes:
        raise IngestError(f"{uri}: the record is over {options.max_html_bytes:,} bytes; it is never truncated")
    if content_type in _HTML or (not content_type and data.lstrip()[:1] == b"<"):
        return html_article(read_html(data, options, where), uri, where, url=uri)
    if content_type == "text/plain":
        return Article(Document(id=uri, text=check_text(decode_bytes(data, options).text, options), url=uri), where)
    what = describe_binary(data) or "binary or non-article content"
    raise IngestError(f"{uri}: the record holds {content_type or 'an unnamed type'} ({what}), not an article; "
                      "skipped")
