"""Reading documents robustly: JSON Lines (plain or gzip), text and HTML files, RSS/Atom feeds, WARC, stdin.

>>> from marsad.ingest import iter_documents, InputError
>>> for item in iter_documents(["articles.jsonl.gz", "scraped/", "-"]):   # doctest: +SKIP
...     if isinstance(item, InputError):
...         print(item)            # "articles.jsonl.gz:17: not valid JSON (...); fix or remove this line"

Bad input never raises out of :func:`iter_documents`: each unreadable document or line becomes an
:class:`InputError` (source and a one-line message) in its place, and reading goes on. The
helpers below it raise the :class:`IngestError` family (see :mod:`marsad.ingest.errors`).
"""

from marsad.ingest.article import Article
from marsad.ingest.decode import Decoded, decode_bytes, decode_line
from marsad.ingest.errors import (
    BinaryContentError,
    DecodeError,
    DocumentTooLargeError,
    EmptyDocumentError,
    IngestError,
    InputError,
    RecordError,
)
from marsad.ingest.jsonl import read_jsonl
from marsad.ingest.options import IngestOptions
from marsad.ingest.sources import file_kind, iter_articles, iter_documents

__all__ = [
    "Article",
    "BinaryContentError",
    "DecodeError",
    "Decoded",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "IngestError",
    "IngestOptions",
    "InputError",
    "RecordError",
    "decode_bytes",
    "decode_line",
    "file_kind",
    "iter_articles",
    "iter_documents",
    "read_jsonl",
]
