"""The readers on real files in a temporary folder: encodings, bad content, JSON Lines, HTML, stdin."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging
from collections.abc import Mapping
from pathlib import Path

import pytest

from marsad.ingest import Article, IngestOptions, InputError, iter_articles, iter_documents
from marsad.model import Document

ARABIC = "قتل ثلاثة أشخاص وأصيب خمسة آخرون في انفجار عبوة ناسفة بمدينة الموصل صباح الاثنين."
SECOND = "أعلنت وزارة الداخلية اعتقال خلية مسلحة في ضواحي العاصمة."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def read(*sources: str | Path, stdin: io.BytesIO | None = None,
         options: IngestOptions | None = None) -> list[Document | InputError]:
    return list(iter_documents([str(s) for s in sources], stdin=stdin, options=options))


def only(items: list[Document | InputError]) -> Document | InputError:
    assert len(items) == 1, items
    return items[0]


def jsonl(*records: Mapping[str, object]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in records)


# ---------------------------------------------------------------- text files and encodings


def test_windows_1256_text_file_is_decoded_and_the_encoding_reported(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "mosul-report.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    with caplog.at_level(logging.INFO, logger="marsad.ingest"):
        doc = only(read(path))
    assert doc == Document(id="mosul-report", text=ARABIC)
    assert "decoded as cp1256" in caplog.text


def test_utf8_sig_file_loses_its_byte_order_mark_only(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(("\r\n" + ARABIC + "\r\n").encode("utf-8-sig"))
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert doc.text == "\r\n" + ARABIC + "\r\n"  # the text itself is untouched, line ends included


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_with_or_without_byte_order_mark(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes((ARABIC + "\n" + SECOND).encode(codec))
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert doc.text == ARABIC + "\n" + SECOND


def test_png_bytes_are_rejected_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(PNG)
    error = only(read(path))
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert "PNG image" in error.message and "not text" in error.message


def test_control_characters_without_nul_bytes_are_rejected_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(bytes(range(1, 32)) * 20 + "نص".encode())
    error = only(read(path))
    assert isinstance(error, InputError)
    assert "control characters" in error.message


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "is empty"),
    (b"  \n\t\r\n   ", "only whitespace"),
    ("\u00a0\u2003\n".encode(), "only whitespace"),
    ("...\n-- ؟".encode(), "no letters or digits"),
])
def test_empty_documents_are_input_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    error = only(read(path))
    assert isinstance(error, InputError)
    assert expected in error.message


def test_giant_text_file_is_refused_with_its_size_never_truncated(tmp_path: Path) -> None:
    path = tmp_path / "giant.txt"
    path.write_text(ARABIC * 10, encoding="utf-8")
    error = only(read(path, options=IngestOptions(max_chars=len(ARABIC) * 5)))
    assert isinstance(error, InputError)
    assert f"{len(ARABIC) * 10:,} characters" in error.message
    assert f"limit of {len(ARABIC) * 5:,}" in error.message


def test_giant_file_is_refused_by_its_byte_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 1000)
    error = only(read(path, options=IngestOptions(max_chars=100)))
    assert isinstance(error, InputError)
    assert "1,000 bytes" in error.message


def test_undecodable_bytes_name_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 3)
    error = only(read(path))
    assert isinstance(error, InputError)
    assert "no encoding could be detected" in error.message


# ---------------------------------------------------------------- JSON Lines


def test_malformed_line_in_the_middle_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_bytes(jsonl({"id": "a", "text": ARABIC}) + b'{"id": "b", "text": "\xd9\x86\xd8\xb5"\n'
                     + b"\n" + jsonl({"id": "c", "text": SECOND}))
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "c"]
    error = items[1]
    assert isinstance(error, InputError)
    assert error.source == f"{path}:2"
    assert "not valid JSON" in error.message


@pytest.mark.parametrize(("record", "expected"), [
    ({"text": ARABIC}, "no 'id' field"),
    ({"id": "x"}, "no 'text' field"),
    ({"id": "", "text": ARABIC}, "'id' is an empty string"),
    ({"id": "x", "text": 42}, "'text' is a number"),
    ({"id": "x", "text": "   "}, "only whitespace"),
])
def test_records_without_id_or_text_are_input_errors(tmp_path: Path, record: dict[str, object],
                                                     expected: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(jsonl(record))
    error = only(read(path))
    assert isinstance(error, InputError)
    assert error.source == f"{path}:1"
    assert expected in error.message


@pytest.mark.parametrize("content", [b"", b"\n  \n\r\n"])
def test_an_empty_jsonl_file_is_an_input_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    error = only(read(path))
    assert isinstance(error, InputError) and error.source == str(path)
    assert "holds no JSON records" in error.message


def test_a_json_value_that_is_not_an_object_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b'"just a string"\n')
    error = only(read(path))
    assert isinstance(error, InputError)
    assert "expected a JSON object, got a string" in error.message


def test_a_cp1256_line_inside_a_utf8_jsonl_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    legacy = json.dumps({"id": "legacy", "text": SECOND}, ensure_ascii=False).encode("cp1256") + b"\n"
    path.write_bytes(jsonl({"id": "a", "text": ARABIC}) + legacy)
    items = read(path)
    assert items == [Document(id="a", text=ARABIC), Document(id="legacy", text=SECOND)]


def test_gzip_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(*({"id": f"d{i}", "text": ARABIC} for i in range(50)))))
    assert [i.id for i in read(path) if isinstance(i, Document)] == [f"d{i}" for i in range(50)]


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(jsonl(*({"id": f"d{i}", "text": ARABIC * 20} for i in range(200))))
    path.write_bytes(whole[: len(whole) // 2])
    items = read(path)
    *docs, error = items
    assert docs and all(isinstance(d, Document) for d in docs)
    assert isinstance(error, InputError)
    assert error.source == f"{path}:{len(docs) + 1}"
    assert "cut short" in error.message


def test_giant_document_in_jsonl_names_its_line_and_size(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(jsonl({"id": "big", "text": ARABIC * 4}, {"id": "ok", "text": SECOND}))
    items = read(path, options=IngestOptions(max_chars=len(ARABIC) * 2))
    error, doc = items
    assert isinstance(error, InputError) and error.source == f"{path}:1"
    assert f"{len(ARABIC) * 4:,} characters" in error.message
    assert isinstance(doc, Document) and doc.id == "ok"


def test_overlong_line_is_skipped_without_being_held(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_bytes(jsonl({"id": "long", "text": "ب" * 5000}, {"id": "next", "text": SECOND}))
    items = read(path, options=IngestOptions(max_line_bytes=1000))
    error, doc = items
    assert isinstance(error, InputError) and error.source == f"{path}:1"
    assert "max_line_bytes" in error.message
    assert isinstance(doc, Document) and doc.id == "next"


def test_utf16_jsonl_stream_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    lines = jsonl({"id": "a", "text": ARABIC}, {"id": "b", "text": SECOND}).decode()
    path.write_bytes(lines.encode("utf-16"))
    assert read(path) == [Document(id="a", text=ARABIC), Document(id="b", text=SECOND)]


def test_json_array_file_is_read_as_records(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"id": 7, "text": ARABIC}, {"title": "no id"}], ensure_ascii=False, indent=2),
                    encoding="utf-8")
    doc, error = read(path)
    assert doc == Document(id="7", text=ARABIC)  # integer ids are read as strings
    assert isinstance(error, InputError) and error.source == f"{path}:[1]"


@pytest.mark.parametrize(("fields", "expected"), [
    ({"published": "2018-03-04"}, dt.date(2018, 3, 4)),
    ({"date": "Wed, 04 Jul 2018 15:05:19 GMT"}, dt.date(2018, 7, 4)),
    ({"date": "Wed, 21 Feb 2018 23:33:23 +0400"}, dt.date(2018, 2, 21)),
    ({"date": "2015-07-21 02:59:23"}, dt.date(2015, 7, 21)),
    ({"date": "2017-02-17T22:15:00+01:00"}, dt.date(2017, 2, 17)),
    ({"date": "30/12/2014"}, dt.date(2014, 12, 30)),
    ({"published": "2016-08-01", "date": "Wed, 04 Jul 2018 15:05:19 GMT"}, dt.date(2016, 8, 1)),
    ({"published": "yesterday", "date": "2015-07-21"}, dt.date(2015, 7, 21)),
    ({"date": "31/02/2014"}, None),
    ({"date": "منذ ساعتين"}, None),
])
def test_published_comes_from_published_or_a_date_field(tmp_path: Path, fields: dict[str, str],
                                                        expected: dt.date | None) -> None:
    path = tmp_path / "dated.jsonl"
    path.write_bytes(jsonl({"id": "x", "text": ARABIC, **fields}))
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert doc.published == expected


def test_spec_fields_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "full.jsonl"
    record = {"id": "x", "text": ARABIC, "title": "عنوان", "url": "https://example.org/a", "outlet": "وكالة"}
    path.write_bytes(jsonl(record))
    assert only(read(path)) == Document(id="x", text=ARABIC, title="عنوان", url="https://example.org/a",
                                        outlet="وكالة")


# ---------------------------------------------------------------- stdin, directories, HTML, paths


def test_stdin_bytes_are_read_as_jsonl() -> None:
    stdin = io.BytesIO(jsonl({"id": "s1", "text": ARABIC}) + b"{broken\n"
                       + jsonl({"id": "s2", "text": SECOND}))
    items = read("-", stdin=stdin)
    assert [i.id if isinstance(i, Document) else i.source for i in items] == ["s1", "<stdin>:2", "s2"]
    assert not stdin.closed


def test_gzip_on_stdin_is_recognised() -> None:
    stdin = io.BytesIO(gzip.compress(jsonl({"id": "z", "text": ARABIC})))
    assert read("-", stdin=stdin) == [Document(id="z", text=ARABIC)]


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(ARABIC.encode("cp1256"))
    (tmp_path / "2017").mkdir()
    (tmp_path / "2017" / "feed.jsonl").write_bytes(jsonl({"id": "f1", "text": ARABIC}))
    (tmp_path / "image.png").write_bytes(PNG)
    (tmp_path / ".hidden.txt").write_text(ARABIC, encoding="utf-8")
    items = read(tmp_path)
    assert [i.id for i in items if isinstance(i, Document)] == ["f1", "a", "b"]
    assert all(isinstance(i, Document) for i in items)


def test_nested_text_files_get_their_relative_path_as_id(tmp_path: Path) -> None:
    (tmp_path / "2017" / "03").mkdir(parents=True)
    (tmp_path / "2017" / "03" / "story.TXT").write_text(ARABIC, encoding="utf-8")
    assert [d.id for d in read(tmp_path) if isinstance(d, Document)] == ["2017/03/story"]


def test_empty_directory_is_an_input_error(tmp_path: Path) -> None:
    error = only(read(tmp_path))
    assert isinstance(error, InputError)
    assert "holds no files to read" in error.message


def test_missing_path_and_unsupported_type_are_input_errors(tmp_path: Path) -> None:
    csv = tmp_path / "table.csv"
    csv.write_text("id,text\n", encoding="utf-8")
    missing, unsupported = read(tmp_path / "nope.jsonl", csv)
    assert isinstance(missing, InputError) and "no such file" in missing.message
    assert isinstance(unsupported, InputError) and "'.csv'" in unsupported.message


BROKEN_PAGE = """<html><head><meta charset="windows-1256"><title>انفجار في السوق</title>
<meta property="article:published_time" content="2016-08-01T09:00:00+01:00"></head>
<body><div class="menu"><a href="/">الرئيسية</a> | <a href="/world">العالم</a></div>
<div class="article"><h1>انفجار في السوق</h1>
<p>قتل ثلاثة أشخاص وأصيب آخرون في انفجار عبوة ناسفة في سوق شعبي وسط المدينة صباح الاثنين، بحسب مصادر أمنية.
<p>وقالت الشرطة إنها فتحت تحقيقا <b>في الحادث <i>ولم تعلن أي جهة مسؤوليتها عنه</b> حتى الآن.</i>
</span></div></div>
<footer>© 2015 جميع الحقوق محفوظة</footer>"""


def test_html_with_broken_markup_gives_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "market-blast.html"
    path.write_bytes(BROKEN_PAGE.encode("cp1256"))
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert doc.id == "market-blast"
    assert "قتل ثلاثة أشخاص" in doc.text and "ولم تعلن أي جهة مسؤوليتها عنه" in doc.text
    assert "الرئيسية" not in doc.text and "جميع الحقوق" not in doc.text
    assert doc.title == "انفجار في السوق"
    assert doc.published == dt.date(2016, 8, 1)


def test_an_html_file_whose_date_cannot_be_read_is_kept_and_the_date_reported(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(f"<html><head><meta property='article:published_time' content='قريبا'></head>"
                    f"<body><article><p>{ARABIC}</p><p>{SECOND}</p></article></body></html>", encoding="utf-8")
    (article,) = iter_articles([str(path)])
    assert isinstance(article, Article) and ARABIC in article.doc.text and article.doc.published is None
    assert article.published_raw == "قريبا" and "قريبا" in (article.date_problem or "")


def test_html_fragment_still_yields_its_words(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("<p>" + SECOND + "<p><b>" + ARABIC, encoding="utf-8")
    doc = only(read(path))
    assert isinstance(doc, Document)
    assert SECOND in doc.text and ARABIC in doc.text


def test_html_without_article_text_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "script-only.html"
    path.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    error = only(read(path))
    assert isinstance(error, InputError)
    assert "no article text" in error.message
