"""Checks on decoded text: each returns the text unchanged or raises with a reason."""

from __future__ import annotations

import re

from marsad.ingest.errors import BinaryContentError, DocumentTooLargeError, EmptyDocumentError
from marsad.ingest.options import IngestOptions

__all__ = ["check_file_size", "check_text", "control_characters"]

# C0 controls other than tab, newline, vertical tab, form feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0E-\x1F\x7F-\x9F]")


def check_text(text: str, options: IngestOptions, what: str = "the document") -> str:
    """The text of a document, if it is worth processing; never altered. ``what`` names it in errors."""
    if not text:
        raise EmptyDocumentError(f"{what} is empty; remove it or give it a text")
    _check_length(len(text), options.max_chars, what)
    if not any(ch.isalnum() for ch in text):
        holds = "only whitespace" if text.isspace() else "no letters or digits"
        raise EmptyDocumentError(f"{what} holds {holds} ({len(text):,} characters); "
                                 "remove it or give it a text")
    controls = control_characters(text)
    if controls > options.max_control_ratio * len(text):
        raise BinaryContentError(f"{controls:,} of its {len(text):,} characters are control characters: "
                                 "this looks like binary data, not text; check the file")
    return text


def check_file_size(size: int, limit: int, options: IngestOptions) -> None:
    """Refuse a file before reading it when its size alone puts it over the limit."""
    if size > limit:
        raise DocumentTooLargeError(f"the file is {size:,} bytes, over the limit of {limit:,} bytes for "
                                    f"{options.max_chars:,} characters; split it into articles or raise "
                                    "the limit (IngestOptions.max_chars); it is never truncated")


def control_characters(text: str) -> int:
    return len(_CONTROL.findall(text))


def _check_length(length: int, limit: int, what: str) -> None:
    if length > limit:
        raise DocumentTooLargeError(f"{what} has {length:,} characters, over the limit of {limit:,}; "
                                    "split it into articles or raise the limit (IngestOptions.max_chars); "
                                    "it is never truncated")
