"""WARC archives written with warcio: HTML responses are articles; binary records and damage reported."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.ingest import Article, InputError, iter_articles

TEXT = "قتل ثلاثة أشخاص وأصيب خمسة آخرون في انفجار عبوة ناسفة بمدينة الموصل صباح الاثنين."


def page(date: str = "2018-05-14") -> str:
    return (f"<html><head><title>انفجار</title><meta name='date' content='{date}'></head><body><article>"
            f"<p>{TEXT}</p><p>وقالت الشرطة إن التحقيقات جارية لمعرفة ملابسات الحادث.</p></article></body></html>")


PAGE = page()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(range(256))


def warc(path: Path, gzipped: bool = True) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        _response(writer, "http://news.test/a.html", "text/html; charset=utf-8", PAGE.encode("utf-8"))
        writer.write_record(writer.create_warc_record("http://news.test/a.html", "request",
                                                      payload=io.BytesIO(b"GET /a.html HTTP/1.1\r\n\r\n")))
        _response(writer, "http://news.test/logo.png", "image/png", PNG)
        _response(writer, "http://news.test/old", "text/html", b"", status="301 Moved Permanently")
        _response(writer, "http://news.test/b.txt", "text/plain; charset=utf-8", TEXT.encode("utf-8"))
    return path


def _response(writer: WARCWriter, uri: str, content_type: str, body: bytes, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def test_html_and_text_responses_are_articles_and_the_rest_reported(tmp_path: Path) -> None:
    items = list(iter_articles([str(warc(tmp_path / "crawl.warc.gz"))]))
    page, image, redirect, text = items
    assert isinstance(page, Article) and TEXT in page.doc.text
    assert page.doc.id == page.doc.url == "http://news.test/a.html" and page.doc.title == "انفجار"
    assert isinstance(image, InputError) and "image/png" in image.message and "PNG image" in image.message
    assert image.source.startswith(str(tmp_path / "crawl.warc.gz") + "@")
    assert isinstance(redirect, InputError) and "HTTP 301" in redirect.message
    assert isinstance(text, Article) and text.doc.text == TEXT


def test_an_uncompressed_warc_reads_the_same(tmp_path: Path) -> None:
    plain = [type(i).__name__ for i in iter_articles([str(warc(tmp_path / "crawl.warc", gzipped=False))])]
    assert plain == ["Article", "InputError", "InputError", "Article"]


def test_a_truncated_warc_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    whole = warc(tmp_path / "whole.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[:-60])
    items = list(iter_articles([str(cut)]))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], InputError) and "damaged or cut short" in items[-1].message


def test_a_warc_gzipped_as_one_stream_is_reported_with_the_fix(tmp_path: Path) -> None:
    one_stream = tmp_path / "one.warc.gz"
    one_stream.write_bytes(gzip.compress(warc(tmp_path / "plain.warc", gzipped=False).read_bytes()))
    (error,) = list(iter_articles([str(one_stream)]))
    assert isinstance(error, InputError) and "recompress" in error.message


@pytest.mark.parametrize("date", ["قريبا", "2018-13-45", "1066-10-14"])
def test_a_page_date_that_cannot_be_read_is_reported_with_the_article(tmp_path: Path, date: str) -> None:
    path = tmp_path / "dates.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        _response(writer, "http://news.test/bad-date.html", "text/html; charset=utf-8", page(date).encode("utf-8"))
        _response(writer, "http://news.test/good.html", "text/html; charset=utf-8", PAGE.encode("utf-8"))
    bad, good = iter_articles([str(path)])
    assert isinstance(bad, Article) and TEXT in bad.doc.text and bad.doc.id == "http://news.test/bad-date.html"
    assert bad.doc.published is None and bad.published_raw == date
    assert bad.date_problem is not None and date in bad.date_problem and "never guessed" in bad.date_problem
    assert bad.source.startswith(str(path) + "@")
    assert isinstance(good, Article) and good.doc.published == dt.date(2018, 5, 14) and good.date_problem is None


def test_a_page_date_with_an_arabic_month_name_is_read(tmp_path: Path) -> None:
    path = tmp_path / "arabic.warc"
    with path.open("wb") as out:
        _response(WARCWriter(out, gzip=False), "http://news.test/a.html", "text/html",
                  page("الاثنين 14 أيار/مايو 2018").encode("utf-8"))
    (article,) = iter_articles([str(path)])
    assert isinstance(article, Article) and article.doc.published == dt.date(2018, 5, 14)
    assert article.date_problem is None
