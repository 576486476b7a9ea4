"""Normalised words of a whole text, fast: for indexes (full-text search, near-duplicate shingles).

:func:`normalized` gives exactly ``normalize(text).text`` (see :mod:`marsad.text.normalize`) without
the offset map. Use :func:`~marsad.text.normalize.normalize` whenever offsets back to the raw text
are needed.
"""

from __future__ import annotations

import regex

from marsad.text.normalize import normalized

__all__ = ["normalized", "words"]

_WORD = regex.compile(r"[\p{L}\p{N}]+")


def words(text: str) -> list[str]:
    """The normalised words (runs of letters and digits) of ``text``."""
    return _WORD.findall(normalized(text))
