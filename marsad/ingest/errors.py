"""What can be wrong with an input, as exceptions (inside the readers) and as records (yielded).

The readers' helpers raise; each reader turns the exception into an :class:`InputError` at one
boundary per document or per JSON line, so one bad document never stops a batch::

    IngestError (ValueError)       a source or a document that cannot be read
    ├── BinaryContentError         NUL bytes or many control characters: not text
    ├── DecodeError                bytes in no encoding we can decode or detect
    ├── EmptyDocumentError         no text, or only whitespace
    ├── DocumentTooLargeError      more characters than the limit (never truncated)
    └── RecordError                a JSON line that is not valid JSON or lacks 'id'/'text'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BinaryContentError",
    "DecodeError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "IngestError",
    "InputError",
    "RecordError",
]


class IngestError(ValueError):
    """A source or document that cannot be read; the message says what is wrong and what to do."""


class BinaryContentError(IngestError):
    """The bytes are not text (an image, an archive, a binary dump)."""


class DecodeError(IngestError):
    """The bytes decode in no encoding we know and none could be detected."""


class EmptyDocumentError(IngestError):
    """The document has no text, or only whitespace."""


class DocumentTooLargeError(IngestError):
    """The document is over the size limit; it is refused, never truncated."""


class RecordError(IngestError):
    """A JSON line that is not valid JSON, not an object, or lacks the required fields."""


@dataclass(frozen=True, slots=True)
class InputError:
    """One document or line that could not be read.

    ``source`` names where: ``"articles.jsonl:17"`` (file and 1-based line), ``"story.txt"``, or
    ``"<stdin>:3"``. ``message`` is one line saying what is wrong and what to do.
    """

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
