"""Counts in Arabic text: digits, number words, compounds, duals, vague amounts and modifiers.

Parsing runs over the normalised view (alef/ta-marbuta unified, Arabic-Indic digits → ASCII) and
every :class:`~marsad.model.Quantity` is mapped back to raw offsets. Word lists are data in
``kb/lexicons/numbers.yaml``.

- "أربعة أشخاص" → 4; "بأربعة" → 4 (the mention leaves the proclitic out); "ثلاثمئة", "ثلاث مئة" → 300;
  "خمسة وعشرين" → 25; "ثلاثة عشر" → 13; "3 آلاف" → 3000; "2.5 مليون" → 2,500,000; "1,200" → 1200.
- Duals of counted nouns: "قتيلين" → 2 with the noun as the mention.
- Vague amounts are ranges with no value: "عشرات" → 20–99, "مئات" → 200–999.
- Modifiers: "نحو 20" → 20 (approximate); "أكثر من 80" → value 80 as stated, min 81;
  "ما لا يقل عن 5" and "5 … على الأقل" → value 5, min 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex
import yaml

from marsad.model import Quantity
from marsad.text.normalize import NormalizedText, norm_key, normalize

__all__ = ["find_quantities", "parse_number"]

_TOKEN = regex.compile(r"\d+(?:[.,٫٬]\d+)*|[\p{L}\p{M}]+")
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ب", "ل", "ف", "ك")
_AT_LEAST_AFTER = ("على الاقل", "علي الاقل")


@dataclass(frozen=True, slots=True)
class _Lex:
    units: dict[str, int]
    tens: dict[str, int]
    hundreds: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[tuple[str, ...], tuple[int, int]]
    modifiers: dict[tuple[str, ...], str]
    duals: dict[tuple[str, ...], int]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("marsad.kb").joinpath("lexicons/numbers.yaml").read_text(encoding="utf-8"))

    def words(d: dict[str, Any]) -> dict[str, Any]:
        return {norm_key(k): v for k, v in d.items()}

    return _Lex(
        units={**words(raw["units"]), "اثنا": 2, "اثني": 2},
        tens=words(raw["tens"]),
        hundreds=words(raw["hundreds"]),
        multipliers=words(raw["multipliers"]),
        vague={tuple(norm_key(k).split()): (int(v[0]), int(v[1])) for k, v in raw["vague"].items()},
        modifiers={tuple(norm_key(k).split()): v for k, v in raw["modifiers"].items()},
        duals={tuple(norm_key(k).split()): 2 for k in raw["duals"]},
    )


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class _Parse:
    first: int  # token index
    last: int  # inclusive
    start: int  # normalised offset (after a proclitic)
    value: int | None
    low: int | None
    high: int | None


def parse_number(words: str) -> int | None:
    """The value of a number written in digits or words ("خمسة وعشرين" → 25), else None."""
    norm = normalize(words)
    toks = _tokens(norm.text)
    parsed = _parse_at(toks, 0) if toks else None
    if parsed is None or parsed.last != len(toks) - 1:
        return None
    return parsed.value


def find_quantities(text: str, norm: NormalizedText | None = None) -> list[Quantity]:
    norm = norm or normalize(text)
    toks = _tokens(norm.text)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        parsed = _parse_at(toks, i)
        if parsed is None:
            i += 1
            continue
        out.append(_quantity(text, norm, toks, parsed))
        i = parsed.last + 1
    return out


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _quantity(text: str, norm: NormalizedText, toks: list[_Tok], p: _Parse) -> Quantity:
    lex = _lex()
    start, value, low, high = p.start, p.value, p.low, p.high
    mod = _modifier_before(toks, p.first, lex)
    if mod is not None and value is not None:
        kind, first = mod
        start = toks[first].start
        if kind == "more":
            low, high = value + 1, None
        elif kind == "at_least":
            low, high = value, None
        elif kind == "less":
            value, low, high = None, None, value - 1
        else:
            low = high = None
    elif value is not None and _followed_by(toks, p.last, _AT_LEAST_AFTER):
        low, high = value, None
    raw_start, raw_end = norm.raw_span(start, toks[p.last].end)
    return Quantity(raw_start, raw_end, text[raw_start:raw_end], value, low, high)


def _modifier_before(toks: list[_Tok], first: int, lex: _Lex) -> tuple[str, int] | None:
    for size in (4, 3, 2, 1):
        if first - size < 0:
            continue
        words = tuple(t.word for t in toks[first - size:first])
        kind = lex.modifiers.get(words) or lex.modifiers.get((_strip(words[0]), *words[1:]))
        if kind:
            return kind, first - size
    return None


def _followed_by(toks: list[_Tok], last: int, phrases: tuple[str, ...]) -> bool:
    window = " ".join(t.word for t in toks[last + 1:last + 5])
    return any(p in window for p in phrases)


def _strip(word: str) -> str:
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 2:
            return word[len(p):]
    return word


def _word(word: str, lex: _Lex) -> tuple[str, int, int] | None:
    """(kind, value, proclitic length) of a number word, proclitics allowed."""
    # a proclitic is split off only before a long word: "لست" (I am not) is not ل + ست (six)
    stripped = ((len(p), word[len(p):]) for p in _PROCLITICS if word.startswith(p) and len(word) - len(p) >= 4)
    for plen, w in ((0, word), *stripped):
        for kind, table in (("unit", lex.units), ("ten", lex.tens), ("hundred", lex.hundreds)):
            if w in table:
                return kind, table[w], plen
    return None


def _parse_at(toks: list[_Tok], i: int) -> _Parse | None:
    lex = _lex()
    tok = toks[i]
    if tok.word[0].isdigit():
        return _parse_digits(toks, i, lex)
    for words, (low, high) in sorted(lex.vague.items(), key=lambda kv: -len(kv[0])):
        if tuple(t.word for t in toks[i:i + len(words)]) == words or \
                (len(words) == 1 and _strip(tok.word) == words[0] and tok.word != words[0]):
            plen = 0 if toks[i].word == words[0] else len(tok.word) - len(words[0])
            return _Parse(i, i + len(words) - 1, tok.start + plen, None, low, high)
    for words in lex.duals:
        if tuple(_strip(t.word) if k == 0 else t.word for k, t in enumerate(toks[i:i + len(words)])) == words:
            plen = len(tok.word) - len(words[0])
            return _Parse(i, i + len(words) - 1, tok.start + plen, 2, 2, 2)
    return _parse_words(toks, i, lex)


def _parse_digits(toks: list[_Tok], i: int, lex: _Lex) -> _Parse | None:
    word = toks[i].word
    number = _digits_value(word)
    if number is None:
        return None
    last = i
    if i + 1 < len(toks) and toks[i + 1].word in lex.multipliers:
        number *= lex.multipliers[toks[i + 1].word]
        last = i + 1
    if number != int(number):
        return None  # a decimal that is not a count ("2.5 في المئة")
    return _Parse(i, last, toks[i].start, int(number), int(number), int(number))


def _digits_value(word: str) -> float | None:
    parts = regex.split(r"[.,٫٬]", word)
    if len(parts) == 1:
        return float(word)
    if all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))  # thousands separators: 1,200
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    return None


def _parse_words(toks: list[_Tok], i: int, lex: _Lex) -> _Parse | None:
    first = _word(toks[i].word, lex)
    if first is None:
        return None
    kind, value, plen = first
    j = i
    if kind == "unit":
        nxt = toks[j + 1].word if j + 1 < len(toks) else ""
        if nxt in ("عشر", "عشره"):
            value, j = value + 10, j + 1
        elif nxt in lex.hundreds and lex.hundreds[nxt] == 100:
            value, j = value * 100, j + 1
            value, j = _add_conjoined(toks, j, value, lex)
        else:
            value, j = _add_conjoined(toks, j, value, lex, tens_only=True)
    elif kind == "hundred":
        value, j = _add_conjoined(toks, j, value, lex)
    if j + 1 < len(toks) and toks[j + 1].word in lex.multipliers and value < 1000:
        value, j = value * lex.multipliers[toks[j + 1].word], j + 1
    return _Parse(i, j, toks[i].start + plen, value, value, value)


def _add_conjoined(toks: list[_Tok], j: int, value: int, lex: _Lex, tens_only: bool = False) -> tuple[int, int]:
    """Add "و" + unit/teen/ten parts: "مئة وخمسة وعشرون" → 125."""
    while j + 1 < len(toks) and toks[j + 1].word.startswith("و"):
        rest = toks[j + 1].word[1:]
        if rest in lex.tens:
            value, j = value + lex.tens[rest], j + 1
            if tens_only:
                break
        elif not tens_only and rest in lex.units:
            unit, j = lex.units[rest], j + 1
            if j + 1 < len(toks) and toks[j + 1].word in ("عشر", "عشره"):
                unit, j = unit + 10, j + 1
            value += unit
        else:
            break
    return value, j
