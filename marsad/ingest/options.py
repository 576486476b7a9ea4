"""The one options object of the ingest stage."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IngestOptions"]

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits and thresholds of the readers.

    ``max_chars``: a document with more characters is refused with an error naming its size (it is
    never truncated). ``max_line_bytes``: a JSON line longer than this is skipped with an error
    without being held in memory. ``max_html_bytes``: an HTML file larger than this is refused
    before parsing. ``max_control_ratio``: decoded text with a larger share of control characters
    is taken for binary data. ``min_arabic_ratio``: a Windows-1256 reading is accepted when at least
    this share of its non-ASCII characters are Arabic letters. ``fetch_links``: read the page each
    feed entry links to (instead of the entry's summary); ``fetch_timeout``: seconds per URL.
    """

    max_chars: int = 2_000_000
    max_line_bytes: int = 64 * MIB
    max_html_bytes: int = 32 * MIB
    max_control_ratio: float = 0.05
    min_arabic_ratio: float = 0.6
    fetch_links: bool = False
    fetch_timeout: float = 20.0

    def __post_init__(self) -> None:
        if self.fetch_timeout <= 0:
            raise ValueError("IngestOptions.fetch_timeout must be a positive number of seconds")
        for name in ("max_chars", "max_line_bytes", "max_html_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"IngestOptions.{name} must be a positive number")
        for name in ("max_control_ratio", "min_arabic_ratio"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"IngestOptions.{name} must be between 0 and 1")

    @property
    def max_text_file_bytes(self) -> int:
        """Above this many bytes a text file has more than ``max_chars`` characters in any encoding."""
        return 4 * self.max_chars
