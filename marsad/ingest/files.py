"""Single-document files: ``.txt`` (the file is the text) and ``.html`` (the article in the page)."""

from __future__ import annotations

import logging
from pathlib import Path

from marsad.ingest.article import Article
from marsad.ingest.checks import check_file_size, check_text
from marsad.ingest.decode import decode_bytes
from marsad.ingest.html import html_article, read_html
from marsad.ingest.options import IngestOptions
from marsad.model import Document

__all__ = ["read_html_file", "read_text_file"]

log = logging.getLogger("marsad.ingest")


def read_text_file(path: Path, source: str, doc_id: str, options: IngestOptions) -> Article:
    """The whole file is the text, exactly as decoded (a byte-order mark is not part of it)."""
    data = _read_bounded(path, options.max_text_file_bytes, options)
    decoded = decode_bytes(data, options)
    if decoded.encoding != "utf-8":
        log.info("%s: decoded as %s", source, decoded.encoding)
    return Article(Document(id=doc_id, text=check_text(decoded.text, options)), source)


def read_html_file(path: Path, source: str, doc_id: str, options: IngestOptions) -> Article:
    """The article's main text; title and publication date from the page's metadata when present."""
    data = _read_bounded(path, options.max_html_bytes, options)
    return html_article(read_html(data, options, source), doc_id, source)


def _read_bounded(path: Path, limit: int, options: IngestOptions) -> bytes:
    check_file_size(path.stat().st_size, limit, options)
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    check_file_size(len(data), limit, options)  # the file grew while we looked
    return data
