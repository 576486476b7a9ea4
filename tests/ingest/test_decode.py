"""The decode funnel on real byte strings: which encoding wins, and what is refused."""

from __future__ import annotations

import pytest

from marsad.ingest import BinaryContentError, DecodeError, decode_bytes, decode_line
from marsad.ingest.decode import arabic_share
from marsad.ingest.html import declared_charset, decode_html
from marsad.ingest.options import IngestOptions

ARABIC = "أعلنت الشرطة اعتقال ثلاثة مشتبه بهم بعد هجوم على مركز أمني في المدينة."
FRENCH = ("Le café était fermé à Paris ce matin, après une longue nuit très agitée dans le quartier de "
          "l'Opéra. Les élèves ont dû rentrer chez eux.")


@pytest.mark.parametrize(("codec", "reported"), [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16-le"),
    ("utf-16-be", "utf-16-be"),
    ("utf-32", "utf-32"),
    ("cp1256", "cp1256"),
])
def test_each_encoding_is_decoded_and_named(codec: str, reported: str) -> None:
    decoded = decode_bytes(ARABIC.encode(codec))
    assert decoded.text == ARABIC
    assert decoded.encoding == reported


def test_latin_text_goes_to_the_detector_not_to_windows_1256() -> None:
    decoded = decode_bytes(FRENCH.encode("cp1252"))
    assert decoded.text == FRENCH
    assert decoded.encoding not in ("utf-8", "cp1256")


def test_windows_1256_needs_mostly_arabic_letters() -> None:
    assert arabic_share(ARABIC) == 1.0
    assert arabic_share(FRENCH) == 0.0
    assert arabic_share("plain ascii") == 0.0


@pytest.mark.parametrize(("data", "what"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"%PDF-1.7\n\x00\x01\x02", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x00\x00", "a ZIP archive"),
    (b"abc\x00def", "binary data"),
])
def test_binary_content_is_named(data: bytes, what: str) -> None:
    with pytest.raises(BinaryContentError, match=what):
        decode_bytes(data)


def test_a_broken_byte_order_mark_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="byte-order mark"):
        decode_bytes(b"\xef\xbb\xbf" + "نص".encode() + b"\xff\xfe\xfd")


def test_a_json_line_may_carry_the_utf8_bom_of_its_file() -> None:
    assert decode_line(b'\xef\xbb\xbf{"id": "a"}\n').text == '{"id": "a"}\n'


def test_a_lower_arabic_threshold_is_an_option() -> None:
    mixed = ("Reuters: " * 10 + "قتل").encode("cp1256") + b"\xe9"
    assert decode_bytes(mixed, IngestOptions(min_arabic_ratio=0.5)).encoding == "cp1256"


@pytest.mark.parametrize(("head", "codec"), [
    (b'<meta charset="windows-1256">', "cp1256"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-6'>", "iso8859-6"),
    (b'<?xml version="1.0" encoding="UTF-8"?><html>', "utf-8"),
    (b'<meta charset="utf-16">', None),
    (b'<meta charset="no-such-codec">', None),
    (b"<html><body>", None),
])
def test_declared_charset(head: bytes, codec: str | None) -> None:
    assert declared_charset(head) == codec


def test_html_declared_iso_8859_6_is_trusted_over_the_windows_1256_rule() -> None:
    page = '<html><head><meta charset="iso-8859-6"></head><body><p>' + ARABIC + "</p></body></html>"
    decoded = decode_html(page.encode("iso8859-6"), IngestOptions())
    assert decoded.encoding == "iso8859-6"
    assert ARABIC in decoded.text


def test_html_wrongly_declared_latin_is_read_as_windows_1256() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>' + ARABIC + "</p></body></html>"
    decoded = decode_html(page.encode("cp1256"), IngestOptions())
    assert decoded.encoding == "cp1256"
    assert ARABIC in decoded.text
