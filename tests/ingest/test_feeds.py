"""RSS and Atom feeds from files and from a real local HTTP server; broken feeds reported."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from marsad.ingest import Article, IngestOptions, InputError, iter_articles

FIRST = "قتل ثلاثة أشخاص وأصيب خمسة آخرون في انفجار عبوة ناسفة بمدينة الموصل صباح الاثنين."
SECOND = "أعلنت وزارة الداخلية اعتقال خلية مسلحة في ضواحي العاصمة."
PAGE = ("<html><head><title>خبر</title></head><body><nav>الرئيسية | أخبار</nav><article><h1>اعتقالات</h1>"
        f"<p>{SECOND} وقال المتحدث باسم الوزارة إن عناصر الخلية كانوا يخططون لهجمات على مراكز أمنية.</p>"
        "<p>وأضاف أن التحقيقات ما زالت جارية مع الموقوفين لمعرفة صلاتهم بجماعات أخرى.</p></article></body></html>")


def rss(*items: str, title: str = "وكالة الأنباء") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://example.test/</link>{''.join(items)}</channel></rss>")


def item(guid: str, description: str, date: str = "", link: str = "", title: str = "عنوان") -> str:
    parts = [f"<title>{title}</title>", f"<guid>{guid}</guid>", f"<description><![CDATA[{description}]]></description>"]
    parts += [f"<pubDate>{date}</pubDate>"] if date else []
    parts += [f"<link>{link}</link>"] if link else []
    return "<item>" + "".join(parts) + "</item>"


def read(*sources: str, options: IngestOptions | None = None) -> list[Article | InputError]:
    return list(iter_articles(list(sources), options=options))


def test_rss_entries_become_articles_with_dates_as_the_feed_wrote_them(tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(rss(item("g-1", f"<p>{FIRST}</p>", "Mon, 14 May 2018 09:30:00 +0300"),
                        item("g-2", SECOND, "الاثنين 14 أيار/مايو 2018"),
                        item("g-3", SECOND + " ", "قريبا")), encoding="utf-8")
    first, second, third = read(str(feed))
    assert isinstance(first, Article) and isinstance(second, Article) and isinstance(third, Article)
    assert (first.doc.id, first.doc.text, first.doc.outlet) == ("g-1", FIRST, "وكالة الأنباء")
    assert first.doc.published == second.doc.published == dt.date(2018, 5, 14)
    assert first.source.endswith("news.rss#1") and first.date_problem is None
    assert third.doc.published is None and "قريبا" in (third.date_problem or "")


def test_atom_feed(tmp_path: Path) -> None:
    feed = tmp_path / "news.atom"
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    "<title>موقع</title><id>urn:x</id><updated>2018-05-14T10:00:00Z</updated>"
                    "<entry><id>urn:e1</id><title>خبر</title><updated>2018-05-14T10:00:00Z</updated>"
                    f'<published>2018-05-13T22:15:00+03:00</published><content type="html">&lt;p&gt;{FIRST}&lt;/p&gt;'
                    "</content></entry></feed>", encoding="utf-8")
    (article,) = read(str(feed))
    assert isinstance(article, Article)
    assert (article.doc.id, article.doc.text, article.doc.published) == ("urn:e1", FIRST, dt.date(2018, 5, 13))


def test_a_feed_cut_short_gives_its_entries_then_the_damage(tmp_path: Path) -> None:
    feed = tmp_path / "cut.xml"
    whole = rss(item("g-1", FIRST, "Mon, 14 May 2018 09:30:00 GMT"), item("g-2", SECOND))
    feed.write_text(whole[: whole.index("<guid>g-2")], encoding="utf-8")
    items = read(str(feed))
    assert isinstance(items[0], Article) and items[0].doc.id == "g-1"
    assert isinstance(items[-1], InputError) and "damaged" in items[-1].message


@pytest.mark.parametrize("content", [b"", b"this is not a feed at all", b"<html><body>a page</body></html>",
                                     b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_what_is_not_a_feed_is_one_error(tmp_path: Path, content: bytes) -> None:
    feed = tmp_path / "bad.rss"
    feed.write_bytes(content)
    (error,) = read(str(feed))
    assert isinstance(error, InputError) and "not a readable RSS or Atom feed" in error.message


def test_entries_without_text_or_id_are_reported_one_by_one(tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(rss(item("g-1", ""), "<item><description>بلا معرف</description></item>",
                        item("g-3", FIRST)), encoding="utf-8")
    empty, no_id, good = read(str(feed))
    assert isinstance(empty, InputError) and "no text" in empty.message
    assert isinstance(no_id, InputError) and "neither an id" in no_id.message
    assert isinstance(good, Article)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server over tmp_path."""
    handler = partial(_QuietHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_a_feed_url_with_linked_pages_fetched_only_when_asked(tmp_path: Path, server: str) -> None:
    (tmp_path / "story.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "feed.rss").write_text(rss(item("g-1", "ملخص قصير للخبر.", link=f"{server}/story.html"),
                                           item("g-2", "ملخص آخر.", link=f"{server}/missing.html")), encoding="utf-8")
    summary, _ = read(f"{server}/feed.rss")
    assert isinstance(summary, Article) and summary.doc.text == "ملخص قصير للخبر."
    page, missing = read(f"{server}/feed.rss", options=IngestOptions(fetch_links=True))
    assert isinstance(page, Article) and SECOND in page.doc.text and "الرئيسية" not in page.doc.text
    assert page.doc.url == f"{server}/story.html"
    assert isinstance(missing, InputError) and "HTTP 404" in missing.message


def test_an_unreachable_feed_url_is_one_error(server: str) -> None:
    (error,) = read(f"{server}/nothing-here.rss")
    assert isinstance(error, InputError) and "HTTP 404" in error.message
