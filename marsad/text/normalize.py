"""Arabic letter and digit normalisation with an offset map back to the raw text.

The raw text is never changed: :func:`normalize` returns a :class:`NormalizedText` whose
``to_raw`` list maps every normalised index back to the raw string, so a match found in the
normalised view is reported with raw offsets (``raw_span``).

What is unified: alef forms (أ إ آ ٱ → ا), alef maqsura (ى → ي), ta marbuta (ة → ه), Persian
letters (ک ی → ك ي), Arabic-Indic and Persian digits (→ 0-9), presentation forms (NFKC), Latin
case. What is removed: diacritics, tatweel, zero-width and direction marks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["NormalizedText", "normalize", "normalized", "norm_key"]

_DELETE = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
       "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u061c"]
)

_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "“": '"', "”": '"', "«": '"', "»": '"', "″": '"', "‘": "'", "’": "'",
}
for _i in range(10):
    _MAP[chr(0x0660 + _i)] = str(_i)
    _MAP[chr(0x06F0 + _i)] = str(_i)


@lru_cache(maxsize=4096)
def _char(ch: str) -> str:
    """Normalised form of one raw character ('' when it is deleted)."""
    if ch in _DELETE:
        return ""
    if ch in _MAP:
        return _MAP[ch]
    if ch.isascii():
        return ch.lower()
    code = ord(ch)
    if 0xFB50 <= code <= 0xFEFF or 0xFF00 <= code <= 0xFFEF:
        folded = unicodedata.normalize("NFKC", ch)
        return "".join(_char(c) if c != ch else c for c in folded)
    return ch


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised view of ``raw``; ``to_raw[i]`` is the raw index of normalised char ``i``.

    ``to_raw`` has ``len(text) + 1`` entries; the last one is ``len(raw)``.
    """

    raw: str
    text: str
    to_raw: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the normalised span ``[start, end)``; deleted marks inside stay inside."""
        raw_start = self.to_raw[start]
        raw_end = self.to_raw[end] if end > start else raw_start
        # Trailing spaces that came from deleted characters are not part of the span.
        while raw_end > raw_start and self.raw[raw_end - 1].isspace():
            raw_end -= 1
        return raw_start, raw_end


def _table() -> dict[int, str | None]:
    """The :func:`_char` of every character it changes, as a ``str.translate`` table."""
    changed = set(_DELETE) | set(_MAP) | {chr(c) for c in range(ord("A"), ord("Z") + 1)}
    changed |= {chr(c) for c in range(0xFB50, 0xFFF0)}  # presentation forms and full-width letters
    table: dict[int, str | None] = {}
    for ch in changed:
        rep = _char(ch)
        if rep != ch:
            table[ord(ch)] = rep or None
    return table


_TABLE = _table()
# the characters deleted or written as several: only these shift offsets
_SHIFTING = re.compile("[" + "".join(re.escape(chr(c)) for c, rep in sorted(_TABLE.items())
                                     if rep is None or len(rep) != 1) + "]")


def normalized(raw: str) -> str:
    """The normalised text alone, without the offset map (for keys and indexes)."""
    return raw.translate(_TABLE)


def normalize(raw: str) -> NormalizedText:
    """Normalise ``raw`` and keep the map back to raw offsets: normalisation works character by
    character, so the text is one ``str.translate``; offsets shift only at the characters deleted
    or written as several (diacritics, tatweel, ligatures)."""
    text = normalized(raw)
    shifts = [m.start() for m in _SHIFTING.finditer(raw)]
    if not shifts:
        return NormalizedText(raw, text, tuple(range(len(raw) + 1)))
    to_raw: list[int] = []
    pos = 0
    for i in shifts:
        to_raw.extend(range(pos, i))
        to_raw.extend([i] * len(_char(raw[i])))
        pos = i + 1
    to_raw.extend(range(pos, len(raw) + 1))
    return NormalizedText(raw, text, tuple(to_raw))


@lru_cache(maxsize=200_000)
def norm_key(s: str) -> str:
    """Normalised, space-collapsed form of a short string, for dictionary keys and lookups."""
    return " ".join(normalized(s).split())
