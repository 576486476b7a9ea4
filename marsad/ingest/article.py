"""What a reader yields for a store: the document, where it came from, and its raw publication date."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.model import Document

__all__ = ["Article"]


@dataclass(frozen=True, slots=True)
class Article:
    """A document as read from a source.

    ``source`` names where (``"articles.jsonl:17"``, ``"pages/a.html"``, ``"feed.xml#3"``,
    ``"crawl.warc.gz@1234"``). ``published_raw`` is the publication date as the source wrote it;
    ``date_problem`` says why it could not be read (the document then has no ``published`` date:
    it is never guessed).
    """

    doc: Document
    source: str
    published_raw: str | None = None
    date_problem: str | None = None
