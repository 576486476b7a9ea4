"""Bytes → text: a funnel of small pure helpers, each accepting or rejecting with a reason.

Order, for a file: a byte-order mark decides (UTF-8, UTF-16, UTF-32); well-known binary formats
(PNG, PDF, ZIP, ...) are refused by their first bytes; a BOM-less UTF-16 file is recognised by its
NUL-byte pattern; other bytes with NULs are binary; then strict UTF-8; then
Windows-1256 (common in Arabic archives) when its reading is mostly Arabic letters; then
charset-normalizer's best guess. Detectors are unreliable on short Arabic texts, which is why
Windows-1256 is tried by a plain rule first. :class:`Decoded` says which encoding was used.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from marsad.ingest.errors import BinaryContentError, DecodeError
from marsad.ingest.options import IngestOptions

__all__ = ["Decoded", "arabic_share", "bom_codec", "decode_bytes", "decode_line", "describe_binary",
           "is_gzip", "strict_decode"]

_DEFAULT = IngestOptions()
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub file)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_NON_ASCII = re.compile(r"[^\x00-\x7F]")
_SNIFF_BYTES = 4096
_WHAT_TEXT = "give UTF-8 or Windows-1256 text, HTML or JSON Lines"
_PRINTABLE_ASCII = frozenset(b"\t\n\r" + bytes(range(0x20, 0x7F)))


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the codec that produced it (Python's name: utf-8, utf-16, cp1256, ...)."""

    text: str
    encoding: str


def decode_bytes(data: bytes, options: IngestOptions = _DEFAULT) -> Decoded:
    """Decode a whole file; raises :class:`BinaryContentError` or :class:`DecodeError` with a reason."""
    return (_decode_with_bom(data) or _decode_bomless_utf16(_reject_known_binary(data))
            or _decode_8bit(_reject_binary(data), options))


def decode_line(data: bytes, options: IngestOptions = _DEFAULT) -> Decoded:
    """Decode one JSON line (UTF-16 streams are decoded as streams, never line by line)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    return _decode_8bit(_reject_binary(data), options)


def is_gzip(head: bytes) -> bool:
    return head.startswith(b"\x1f\x8b")


def bom_codec(head: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``head`` announces, or None."""
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def describe_binary(data: bytes) -> str | None:
    """A name for well-known binary formats ("a PNG image"), from their first bytes."""
    return next((name for magic, name in _MAGIC if data.startswith(magic)), None)


def arabic_share(text: str) -> float:
    """Share of Arabic-script characters among the non-ASCII characters of ``text``."""
    non_ascii = len(_NON_ASCII.findall(text))
    return len(_ARABIC.findall(text)) / non_ascii if non_ascii else 0.0


def strict_decode(data: bytes, codec: str) -> str | None:
    """The text if ``data`` is valid ``codec``, else None (the one place a decode error is caught)."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _decode_with_bom(data: bytes) -> Decoded | None:
    codec = bom_codec(data)
    if codec is None:
        return None
    text = strict_decode(data, codec)
    if text is None:
        name = codec.upper()
        raise DecodeError(f"the file starts with a {name} byte-order mark but is not valid {name}; "
                          "re-save it as UTF-8")
    return Decoded(text, codec)


def _decode_bomless_utf16(data: bytes) -> Decoded | None:
    codec = _utf16_by_nul_pattern(data[:_SNIFF_BYTES])
    if codec is None:
        return None
    text = strict_decode(data, codec)
    return Decoded(text, codec) if text is not None else None


def _utf16_by_nul_pattern(head: bytes) -> str | None:
    """UTF-16 without a BOM, recognised by the NUL high bytes of its ASCII characters.

    Spaces, digits and punctuation put a NUL on the same side of every pair (second in
    little-endian, first in big-endian), and the other byte of such a pair is printable ASCII.
    """
    if len(head) < 8 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    if not even.count(0) and _ascii_pairs(low=even, high=odd):
        return "utf-16-le"
    if not odd.count(0) and _ascii_pairs(low=odd, high=even):
        return "utf-16-be"
    return None


def _ascii_pairs(low: bytes, high: bytes) -> bool:
    """Enough pairs have a NUL high byte, and each of those pairs holds a printable ASCII character."""
    ascii_lows = [lo for lo, hi in zip(low, high, strict=True) if hi == 0]
    return len(ascii_lows) >= max(4, len(low) // 10) and all(lo in _PRINTABLE_ASCII for lo in ascii_lows)


def _reject_known_binary(data: bytes) -> bytes:
    what = describe_binary(data)
    if what:
        raise BinaryContentError(f"this is {what}, not text; {_WHAT_TEXT}")
    return data


def _reject_binary(data: bytes) -> bytes:
    if b"\x00" not in data:
        return data
    what = describe_binary(data) or "binary data"
    raise BinaryContentError(f"this is {what}, not text (it contains NUL bytes); {_WHAT_TEXT}")


def _decode_8bit(data: bytes, options: IngestOptions) -> Decoded:
    text = strict_decode(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    text = strict_decode(data, "cp1256")
    if text is not None and arabic_share(text) >= options.min_arabic_ratio:
        return Decoded(text, "cp1256")
    return _detect(data)


def _detect(data: bytes) -> Decoded:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise DecodeError("the bytes are not UTF-8, UTF-16 or Windows-1256 and no encoding could be "
                          "detected; convert the file to UTF-8")
    return Decoded(str(best), best.encoding)
