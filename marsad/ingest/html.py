"""HTML → the article's main text, title and publication date, with trafilatura.

trafilatura keeps the main text and drops navigation, footers and most sidebars; it tolerates broken
markup. It is asked for precision first, then for recall, then for the page's plain text, so a
short or oddly built page still yields its words. Dates come only from the page's metadata and URL
(``extensive_search`` off), because a free-text search takes copyright years for publication dates;
when trafilatura reads none, the value of the page's own date ``<meta>`` tag is kept as written, so
that a reader can read it with :mod:`marsad.ingest.dates` or report it as unreadable.

:func:`read_html` is the step every HTML reader shares (``.html`` files, WARC records, the pages
feed entries link to): decode, extract, check; :func:`html_article` makes a page an :class:`Article`.
"""

from __future__ import annotations

import codecs
import html as html_entities
import logging
import re
from dataclasses import dataclass, replace

from marsad.ingest.article import Article
from marsad.ingest.checks import check_text
from marsad.ingest.dates import read_date
from marsad.ingest.decode import Decoded, bom_codec, decode_bytes, strict_decode
from marsad.ingest.errors import EmptyDocumentError
from marsad.ingest.options import IngestOptions
from marsad.model import Document

__all__ = ["HtmlArticle", "declared_charset", "declared_date", "decode_html", "extract_article", "html_article",
           "read_html"]

log = logging.getLogger("marsad.ingest")

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
_HEAD_BYTES = 4096
_LATIN = frozenset({"ascii", "iso8859-1", "cp1252", "iso8859-15"})
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_META = re.compile(r"<meta\b[^>]{0,500}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_DATE_NAMES = frozenset({
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "datepublished", "article:published_time",
    "og:published_time", "og:article:published_time", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
    "dcterms.created", "citation_publication_date", "parsely-pub-date", "sailthru.date",
})


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What an HTML page gives: its main text, and title and publication date when its metadata has them.

    ``date`` is as the page gives it, unread: trafilatura's reading of the metadata and URL (ISO),
    else the value of the page's date ``<meta>`` tag as written (which may be unreadable).
    """

    text: str
    title: str | None
    date: str | None


def read_html(data: bytes, options: IngestOptions, source: str) -> HtmlArticle:
    """A page's bytes → its checked main text, title and date (decoded as :func:`decode_html` says)."""
    decoded = decode_html(data, options)
    if decoded.encoding != "utf-8":
        log.info("%s: decoded as %s", source, decoded.encoding)
    page = extract_article(check_text(decoded.text, options))
    return replace(page, text=check_text(page.text, options))


def html_article(page: HtmlArticle, doc_id: str, source: str, url: str | None = None) -> Article:
    """A page as an article; a date the page gives but that cannot be read is reported, never guessed."""
    published = read_date(page.date)
    doc = Document(id=doc_id, text=page.text, title=page.title, published=published.date, url=url)
    return Article(doc, source, published.raw, published.problem)


def decode_html(data: bytes, options: IngestOptions) -> Decoded:
    """The page's declared charset when it is informative and fits the bytes, else the common funnel.

    Valid UTF-8 wins over any declaration, and Latin declarations (often wrong on old Arabic
    sites that really serve Windows-1256) are left to the funnel.
    """
    declared = declared_charset(data[:_HEAD_BYTES])
    if declared is None or not _trust_declared(data, declared):
        return decode_bytes(data, options)
    text = strict_decode(data, declared)
    return Decoded(text, declared) if text is not None else decode_bytes(data, options)


def declared_charset(head: bytes) -> str | None:
    """A codec Python knows, from ``<meta charset>`` or the XML declaration; UTF-16 claims are ignored."""
    found = _XML_ENCODING.search(head) or _CHARSET.search(head)
    name = found[1].decode("ascii").lower() if found else None
    codec = _lookup(name) if name else None
    return None if codec is None or codec.startswith(("utf-16", "utf-32")) else codec


def extract_article(html: str) -> HtmlArticle:
    """Main text, title and date of an HTML page; raises :class:`EmptyDocumentError` when it has no text."""
    page = _as_page(_XML_DECLARATION.sub("", html, count=1))
    found = _extract(page, favor_recall=False) or _extract(page, favor_recall=True)
    article = found or HtmlArticle(text=_plain_text(page), title=None, date=None)
    if not article.text.strip():
        raise EmptyDocumentError("no article text found in the HTML; check that the page holds the article")
    return article if article.date else replace(article, date=declared_date(page))


def declared_date(html: str) -> str | None:
    """The value of the first date ``<meta>`` tag in the page's head (``date``, ``article:published_time``…)."""
    head = _HEAD_END.split(html, maxsplit=1)[0]
    for tag in _META.findall(head):
        attributes = {name.lower(): value.strip("\"'") for name, value in _ATTRIBUTE.findall(tag)}
        names = {attributes.get(key, "").lower() for key in ("name", "property", "itemprop")}
        content = html_entities.unescape(attributes.get("content", "")).strip()
        if content and names & _DATE_NAMES:
            return content
    return None


def _as_page(html: str) -> str:
    """A fragment ("<p>...") gets a body, without which lxml finds no tree to extract from."""
    return html if _BODY.search(html) else f"<html><body>{html}</body></html>"


def _extract(html: str, favor_recall: bool) -> HtmlArticle | None:
    """Main text, title and date as trafilatura finds them, or None when it finds no main text."""
    import trafilatura
    from trafilatura.settings import Document as Extracted

    found = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=favor_recall,
                                        include_comments=False, include_tables=True,
                                        date_extraction_params=dict(_DATE_PARAMS))
    if not isinstance(found, Extracted) or not found.text or not found.text.strip():
        return None
    return HtmlArticle(text=found.text, title=found.title or None, date=found.date or None)


def _plain_text(html: str) -> str:
    import trafilatura

    return str(trafilatura.html2txt(html) or "")


def _trust_declared(data: bytes, declared: str) -> bool:
    if declared in _LATIN or bom_codec(data) or b"\x00" in data:
        return False
    return strict_decode(data, "utf-8") is None


def _lookup(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
