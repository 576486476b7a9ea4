"""RSS and Atom feeds (feedparser): one document per entry, from its content or, when asked, its linked page.

An entry's id is its ``guid``/``id``, else its link; its text is the entry's content (or summary)
with the HTML removed, or the main text of the page it links to when ``IngestOptions.fetch_links``
is set. Its publication date is read with :func:`marsad.ingest.dates.parse_date_value` from the
date the feed wrote (RFC 2822 in RSS, ISO 8601 in Atom, Arabic month names on some sites); an
unreadable one is reported, never guessed. A feed that cannot be parsed gives one
:class:`InputError`; a feed damaged after some entries gives those entries and then the error.
"""

from __future__ import annotations

import logging
import xml.sax
from collections.abc import Iterator
from typing import Any

from marsad.ingest.article import Article
from marsad.ingest.checks import check_text
from marsad.ingest.dates import read_date
from marsad.ingest.errors import IngestError, InputError
from marsad.ingest.fetch import fetch_url
from marsad.ingest.html import extract_article, read_html
from marsad.ingest.options import IngestOptions
from marsad.model import Document, ModelError

__all__ = ["read_feed"]

log = logging.getLogger("marsad.ingest")
_DATE_KEYS = ("published", "updated", "created")


def read_feed(data: bytes, source: str, options: IngestOptions) -> Iterator[Article | InputError]:
    """Every entry of the feed in ``data`` as an :class:`Article`, or an :class:`InputError` in its place."""
    import feedparser

    parsed = feedparser.parse(data)
    damage = _damage(parsed)
    if not parsed.entries:
        reason = damage or "it holds no entries"
        yield InputError(source, f"not a readable RSS or Atom feed ({reason}); check the file or the URL")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        yield _entry_item(entry, f"{source}#{number}", outlet, options)
    if damage:
        yield InputError(source, f"the feed is damaged after entry {len(parsed.entries)} ({damage}); "
                                 "the entries before it were read; re-download the feed")


def _damage(parsed: Any) -> str | None:
    """An XML error that cut the feed short (encoding overrides and the like are not damage)."""
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(error, xml.sax.SAXException):
        return " ".join(str(error).split()) or type(error).__name__
    return None


def _entry_item(entry: Any, where: str, outlet: str | None, options: IngestOptions) -> Article | InputError:
    try:
        return _entry_article(entry, where, outlet, options)
    except (IngestError, ModelError) as err:
        return InputError(where, str(err))


def _entry_article(entry: Any, where: str, outlet: str | None, options: IngestOptions) -> Article:
    link = entry.get("link") or None
    doc_id = entry.get("id") or link
    if not doc_id:
        raise IngestError("the entry has neither an id (guid) nor a link, so it cannot be stored once; "
                          "fix the feed")
    title = entry.get("title") or None
    raw_date = next((entry[k] for k in _DATE_KEYS if entry.get(k)), None)
    if options.fetch_links and link:
        page = read_html(fetch_url(link, options), options, link)
        text, title, raw_date = page.text, title or page.title, raw_date or page.date
    else:
        text = _entry_text(entry)
    published = read_date(raw_date)
    doc = Document(id=str(doc_id), text=check_text(text, options, what=f"entry {doc_id!r}"), title=title,
                   published=published.date, url=link, outlet=outlet)
    return Article(doc, where, published.raw, published.problem)


def _entry_text(entry: Any) -> str:
    html = next((c.get("value") for c in entry.get("content") or [] if c.get("value")), None)
    html = html or entry.get("summary") or ""
    if not html.strip():
        raise IngestError("the entry has no text (no content or summary); ingest with --fetch-links "
                          "to read the page it links to")
    if "<" not in html:  # a plain-text summary is the text
        return html.strip()
    return extract_article(html).text
