"""Normalised words of a whole text, fast: for indexes (full-text search, near-duplicate shingles).

:func:`normalized` gives exactly ``normalize(text).text`` (see :mod:`marsad.text.normalize`) without
the offset map: normalisation works character by character, so a translation table built once from
:func:`~marsad.text.normalize.normalize` itself does the same job at C speed. Use
:func:`~marsad.text.normalize.normalize` whenever offsets back to the raw text are needed.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from marsad.text.normalize import normalize

__all__ = ["normalized", "words"]

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_BMP = 0x10000
_ASTRAL = regex.compile("[\U00010000-\U0010FFFF]")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {}
    for code in range(_BMP):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        folded = normalize(ch).text
        if folded != ch:
            table[code] = folded
    return table


def normalized(text: str) -> str:
    """The normalised text (alef forms, ya, ta marbuta, digits unified; marks removed; Latin lower-cased)."""
    if _ASTRAL.search(text):
        return normalize(text).text  # characters beyond the table: the slow path, same result
    return text.translate(_table())


def words(text: str) -> list[str]:
    """The normalised words (runs of letters and digits) of ``text``."""
    return _WORD.findall(normalized(text))
