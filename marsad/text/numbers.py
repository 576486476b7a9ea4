"""Counts in Arabic text: digits, number words, compounds, duals, vague amounts and modifiers.

Parsing runs over the normalised view (alef/ya/ta-marbuta unified, Arabic-Indic and Persian digits
→ ASCII) and every :class:`~marsad.model.Quantity` is mapped back to raw offsets, so
``text[q.start:q.end] == q.mention``. Word lists and modifier rules are data in
``kb/lexicons/numbers.yaml``.

What a quantity holds (``value`` / ``min`` / ``max``):

- exact counts: value = min = max ("أربعة أشخاص" → 4, "بأربعة" → 4 with the proclitic left out of
  the mention, "ثلاث مئة" → 300, "خمسة وعشرين" → 25, "3 آلاف" → 3000, "2.5 مليون" → 2500000,
  "1,200" → 1200, a dual noun "قتيلين" → 2 with the noun as the mention);
- vague amounts: value None and a range ("عشرات" → 20–99, "عشرات الآلاف" → 20000–99999,
  "عدد من" → min 2, max None);
- modifiers: the stated figure stays the ``value`` when coders would record it (ACLED/GTD code
  "about 20", "more than 80", "at least 5" as 20, 80, 5) and the bound goes to min/max:
  "نحو 20" → 20 with no bounds, "أكثر من 80" → 80 with min 81, "ما لا يقل عن 5" or
  "5 أشخاص على الأقل" → 5 with min 5; "أقل من 10" → value None, max 9; "بين 20 و30" and
  "20-30" → value None, 20–30.

Not counts: ordinals ("الثالث", "الثاني عشر"), percentages ("5 في المئة"), times and numeric dates
("10:30", "12/5/2018"), digits glued to a word ("F16"). Years ("2014") are still numbers: the
caller decides with the dates it found.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from typing import Any

import yaml

from marsad.model import Quantity
from marsad.text.normalize import NormalizedText, norm_key, normalize, normalized

__all__ = ["find_quantities", "parse_number", "phrase_pattern"]

_SPLIT = re.compile(r"(\d+(?:[.,٫٬]\d+)*|[^\W\d_]+|[^\w\s])")
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")
_MIN_STEM = 3  # a proclitic is split off only before 3+ letters: "لست" (I am not) is not ل + ست
# Letters that may be glued to digits without making them part of a word ("و12", "بـ40", "الـ24").
_DIGIT_PREFIXES = frozenset({"و", "ف", "ب", "ل", "ك", "ال", "وب", "ول", "وال", "بال", "فال", "لل", "ولل", "وبال"})
_CHAIN_SEPARATORS = frozenset({"/", ":", "-", "–"})
_RANGE_DASHES = frozenset({"-", "–"})
_SEPARATORS = re.compile(r"[.,٫٬]")
_BEFORE, _AFTER = 48, 128  # the stretch around a candidate that a number and its modifiers may cover


@dataclass(frozen=True, slots=True)
class _Modifier:
    keep_value: bool
    bound: str  # none / min / min+1 / max / max-1 / range


@dataclass(frozen=True, slots=True)
class _Lex:
    units: dict[str, int]
    teen_heads: dict[str, int]
    teen_tails: frozenset[str]
    tens: dict[str, int]
    hundreds: dict[str, int]
    hundred_words: frozenset[str]
    scales: dict[str, int]
    dual_scales: dict[str, int]
    vague: dict[tuple[str, ...], tuple[int, int | None]]
    ta_marbuta_only: frozenset[str]
    duals: frozenset[str]
    dual_followers: frozenset[str]
    ordinals: frozenset[str]
    modifiers: dict[tuple[str, ...], _Modifier]
    postfix: dict[tuple[str, ...], _Modifier]
    postfix_window: int
    range_joiners: frozenset[str]
    range_blockers: frozenset[str]
    percent: tuple[tuple[str, ...], ...]
    surface: dict[str, tuple[int, str]]  # token → (proclitic length, base word)
    modifier_len: int
    modifier_ends: frozenset[str]  # last words of modifier phrases (a cheap first test)
    postfix_starts: frozenset[str]
    candidates: re.Pattern[str]  # where a number may start: digits or a surface form


@dataclass(frozen=True, slots=True)
class _Toks:
    words: list[str]
    starts: list[int]
    ends: list[int]


@dataclass(frozen=True, slots=True)
class _Num:
    first: int  # first token of the number
    last: int  # last token, inclusive
    start: int  # normalised offset where the mention starts (after a proclitic)
    value: int | None
    low: int | None
    high: int | None


# ---------------------------------------------------------------------------------------------
# Lexicon


def _words(items: Any) -> frozenset[str]:
    return frozenset(norm_key(w) for w in items)


def _table(items: dict[str, Any]) -> dict[str, int]:
    return {norm_key(k): int(v) for k, v in items.items()}


def _modifiers(spec: dict[str, Any]) -> dict[tuple[str, ...], _Modifier]:
    out: dict[tuple[str, ...], _Modifier] = {}
    for rule in spec.values():
        mod = _Modifier(rule["value"] == "keep", str(rule["bound"]))
        out.update({tuple(norm_key(p).split()): mod for p in rule["phrases"]})
    return out


def _postfix(spec: dict[str, list[str]], modifiers: dict[str, Any]) -> dict[tuple[str, ...], _Modifier]:
    out: dict[tuple[str, ...], _Modifier] = {}
    for kind, phrases in spec.items():
        rule = modifiers[kind]
        out.update({tuple(norm_key(p).split()): _Modifier(rule["value"] == "keep", str(rule["bound"]))
                    for p in phrases})
    return out


def _surface(bases: set[str]) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for prefix in _PROCLITICS:
        for base in bases:
            if prefix == "" or len(base) >= _MIN_STEM:
                out.setdefault(prefix + base, (len(prefix), base))
    return out


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("marsad.kb").joinpath("lexicons/numbers.yaml").read_text(encoding="utf-8"))
    duals = _words(raw["duals"])
    duals = duals | {"ال" + d for d in duals}
    lex = _Lex(
        units=_table(raw["units"]), teen_heads=_table(raw["teen_heads"]), teen_tails=_words(raw["teen_tails"]),
        tens=_table(raw["tens"]), hundreds=_table(raw["hundreds"]), hundred_words=_words(raw["hundred_words"]),
        scales=_table(raw["scales"]), dual_scales=_table(raw["dual_scales"]),
        vague={tuple(norm_key(k).split()): (int(v[0]), None if v[1] is None else int(v[1]))
               for k, v in raw["vague"].items()},
        ta_marbuta_only=_words(raw["ta_marbuta_only"]), duals=duals, dual_followers=_words(raw["dual_followers"]), ordinals=_words(raw["ordinals"]),
        modifiers=_modifiers(raw["modifiers"]), postfix=_postfix(raw["postfix"], raw["modifiers"]),
        postfix_window=int(raw["postfix_window"]), range_joiners=_words(raw["range_joiners"]),
        range_blockers=_words(raw["range_blockers"]),
        percent=tuple(tuple(norm_key(p).split()) for p in raw["percent"]),
        surface={}, modifier_len=0, modifier_ends=frozenset(), postfix_starts=frozenset(), candidates=re.compile(""),
    )
    bases = (set(lex.units) | set(lex.teen_heads) | set(lex.tens) | set(lex.hundreds) | set(lex.scales)
             | set(lex.dual_scales) | {k[0] for k in lex.vague} | lex.duals | lex.ordinals)
    surface = _surface(bases)
    candidates = re.compile(rf"\d+|(?<!\w)(?:{phrase_pattern(surface)})(?!\w)")
    return replace(lex, surface=surface, modifier_len=max(len(k) for k in lex.modifiers),
                   modifier_ends=frozenset(k[-1] for k in lex.modifiers),
                   postfix_starts=frozenset(k[0] for k in lex.postfix), candidates=candidates)


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A compact regular-expression alternation of ``phrases`` (already normalised), as a trie.

    Python's ``re`` tries the branches of a flat alternation one by one at every position; the trie
    shares prefixes, so a position that starts no phrase fails on its first character. A space in a
    phrase matches any run of whitespace.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 and len(body) > 1 else body + "?"


# ---------------------------------------------------------------------------------------------
# Public API


def find_quantities(text: str, norm: NormalizedText | None = None) -> list[Quantity]:
    """Every count in ``text``, left to right and non-overlapping, with raw offsets.

    ``norm`` is the normalised view of ``text`` when the caller already has it.
    """
    norm = norm or normalize(text)
    lex = _lex()
    out: list[Quantity] = []
    resume = 0  # normalised offset before which everything is consumed
    for m in lex.candidates.finditer(norm.text):
        if m.start() < resume:
            continue
        toks = _tokenize(norm.text, m.start() - _BEFORE, m.start() + _AFTER)
        i = bisect_left(toks.starts, m.start())
        if i >= len(toks.words) or toks.starts[i] != m.start():
            continue
        num, nxt = _scan(toks, i, lex)
        if num is not None and not _spelled_right(text, norm, toks, num, lex):
            num = None
        if num is not None:
            num = _with_modifiers(toks, num, lex)
            out.append(_quantity(text, norm, toks, num))
            nxt = num.last + 1
        resume = toks.starts[nxt] if nxt < len(toks.words) else toks.ends[-1]
    return out


def _spelled_right(text: str, norm: NormalizedText, toks: _Toks, num: _Num, lex: _Lex) -> bool:
    """Words in ``ta_marbuta_only`` count only when the raw text ends them with ة ("عدة", not "بعده")."""
    word = toks.words[num.first]
    if word[num.start - toks.starts[num.first]:] not in lex.ta_marbuta_only:
        return True
    return text[norm.to_raw[toks.ends[num.first] - 1]] in "ةﺓﺔ"


def parse_number(words: str) -> int | None:
    """The exact value of a number written in digits or words ("خمسة وعشرين" → 25), else None.

    The whole string must be the number; vague amounts ("عشرات") have no exact value.
    """
    text = normalized(words)
    toks = _tokenize(text, 0, len(text))
    if not toks.words:
        return None
    num, _ = _scan(toks, 0, _lex())
    if num is None or num.last != len(toks.words) - 1:
        return None
    return num.value


# ---------------------------------------------------------------------------------------------
# Scanning


def _tokenize(text: str, start: int, end: int) -> _Toks:
    """Words, digit groups and punctuation marks of ``text[start:end]`` with offsets into ``text``.

    Built without a Python loop; a word cut by the window edge is harmless (numbers are short).
    """
    start = max(0, start)
    pieces = _SPLIT.split(text[start:end])  # separator, token, separator, token, …, separator
    offsets = list(accumulate(map(len, pieces), initial=start))
    return _Toks(pieces[1::2], offsets[1:-1:2], offsets[2::2])


def _word(toks: _Toks, i: int) -> str:
    return toks.words[i] if 0 <= i < len(toks.words) else ""


def _scan(toks: _Toks, i: int, lex: _Lex) -> tuple[_Num | None, int]:
    """A number starting at token ``i`` (or None) and the next token to look at."""
    word = toks.words[i]
    if word[0].isdigit():
        return _scan_digits(toks, i, lex)
    hit = lex.surface.get(word)
    if hit is None:
        return None, i + 1
    plen, base = hit
    start = toks.starts[i] + plen
    if base in lex.ordinals:
        return None, i + 2 if _word(toks, i + 1) in lex.teen_tails else i + 1
    if base in lex.duals:
        last = i + 1 if _word(toks, i + 1) in lex.dual_followers else i
        return _Num(i, last, start, 2, 2, 2), last + 1
    vague = _vague(toks, i, base, start, lex)
    if vague is not None:
        return vague, vague.last + 1
    num = _compound(toks, i, base, start, lex)
    if num is None or _is_percent(toks, num.last, lex):
        return None, i + 1 if num is None else num.last + 1
    return num, num.last + 1


def _vague(toks: _Toks, i: int, base: str, start: int, lex: _Lex) -> _Num | None:
    for words, (low, high) in lex.vague.items():
        if words[0] != base or tuple(toks.words[i + 1:i + len(words)]) != words[1:]:
            continue
        last = i + len(words) - 1
        scale = lex.scales.get(_word(toks, last + 1))
        if scale and len(words) == 1 and base not in lex.scales:  # "عشرات الآلاف"
            low, high, last = low * scale, None if high is None else high * scale + scale - 1, last + 1
        return _Num(i, last, start, None, low, high)
    return None


# ---------------------------------------------------------------------------------------------
# Number words


def _first_part(toks: _Toks, i: int, base: str, lex: _Lex) -> tuple[str, int, int] | None:
    """(level, value, last token) of the first part of a written number."""
    if base in lex.teen_heads:
        if _word(toks, i + 1) not in lex.teen_tails:
            return None  # "أحد" alone is "one of", not a count
        return "teen", lex.teen_heads[base] + 10, i + 1
    for level, table in (("unit", lex.units), ("ten", lex.tens), ("hundred", lex.hundreds),
                         ("scale", lex.dual_scales), ("scale", lex.scales)):
        if base in table:
            return level, table[base], i
    return None


def _conjoined(word: str, lex: _Lex) -> tuple[str, int] | None:
    """A "و" + number-word token that continues a compound: "وعشرين" → ("ten", 20)."""
    if len(word) < 3 or word[0] != "و":
        return None
    rest = word[1:]
    for level, table in (("unit", lex.units), ("teen_head", lex.teen_heads), ("ten", lex.tens),
                         ("hundred", lex.hundreds)):
        if rest in table:
            return level, table[rest]
    return None


# What may follow, after "و", the last part of a compound (Arabic order: thousands, hundreds,
# units, tens: "ألف وثلاثمئة وخمسة وعشرون").
_MAY_FOLLOW = {
    "scale": frozenset({"hundred", "unit", "teen_head", "ten"}),
    "hundred": frozenset({"unit", "teen_head", "ten"}),
    "unit": frozenset({"ten"}),
}


def _compound(toks: _Toks, i: int, base: str, start: int, lex: _Lex) -> _Num | None:
    part = _first_part(toks, i, base, lex)
    if part is None:
        return None
    level, current, j = part
    total, last_scale, last_value = 0, 0, current
    if level == "scale":
        total, current, last_scale = current, 0, current
    while j + 1 < len(toks.words):
        word = toks.words[j + 1]
        if level == "unit" and word in lex.teen_tails and last_value < 10:  # ثلاثة عشر
            current, level, j = current + 10, "teen", j + 1
        elif level == "unit" and word in lex.hundred_words and 3 <= current <= 9:  # ثلاث مئة
            current, level, j = current * 100, "hundred", j + 1
        elif word in lex.scales and current and (not last_scale or lex.scales[word] < last_scale):
            last_scale = lex.scales[word]
            total, current, level, j = total + current * last_scale, 0, "scale", j + 1
        else:
            nxt = _conjoined(word, lex)
            if nxt is None or nxt[0] not in _MAY_FOLLOW.get(level, frozenset()):
                break
            level, last_value, j = nxt[0], nxt[1], j + 1
            if level == "teen_head":
                if _word(toks, j + 1) not in lex.teen_tails:
                    j -= 1
                    break
                level, last_value, j = "teen", last_value + 10, j + 1
            current += last_value
    value = total + current
    return _Num(i, j, start, value, value, value)


# ---------------------------------------------------------------------------------------------
# Digits


def _scan_digits(toks: _Toks, i: int, lex: _Lex) -> tuple[_Num | None, int]:
    chain = _chain_end(toks, i)
    if chain > i:
        return _dash_range(toks, i, chain), chain + 1
    if _glued_to_word(toks, i):
        return None, i + 1
    last = i
    scale = lex.scales.get(_word(toks, i + 1))
    number = _digits_value(toks.words[i], scaled=bool(scale))
    if number is not None and scale:
        number, last = number * scale, i + 1
    if number is None or _is_percent(toks, last, lex) or abs(number - round(number)) > 1e-6:
        return None, last + 1  # not a count ("5.2 في المئة", "2.5 كلم")
    value = int(round(number))
    return _Num(i, last, toks.starts[i], value, value, value), last + 1


def _chain_end(toks: _Toks, i: int) -> int:
    """Last token of a digit chain joined by / : - ("12/5/2018", "10:30", "20-30"); ``i`` if none."""
    j = i
    while _word(toks, j + 1) in _CHAIN_SEPARATORS and _word(toks, j + 2)[:1].isdigit():
        j += 2
    return j


def _dash_range(toks: _Toks, i: int, last: int) -> _Num | None:
    """"20-30" is a range; dates, times and anything else chained are not counts."""
    if last != i + 2 or toks.words[i + 1] not in _RANGE_DASHES or _glued_to_word(toks, i):
        return None
    low, high = _digits_value(toks.words[i]), _digits_value(toks.words[last])
    if low is None or high is None or not low < high or low != int(low) or high != int(high):
        return None
    return _Num(i, last, toks.starts[i], None, int(low), int(high))


def _glued_to_word(toks: _Toks, i: int) -> bool:
    """Digits written onto letters other than a proclitic ("F16", "إم.آي5") are part of a name."""
    if i == 0 or toks.ends[i - 1] != toks.starts[i]:
        return False
    prev = toks.words[i - 1]
    return prev[0].isalpha() and prev not in _DIGIT_PREFIXES


def _digits_value(word: str, scaled: bool = False) -> float | None:
    """"34" → 34; "1,200", "1٬200", "100.000" → thousands; "2.5", "2,5", "2٫5" → decimals.

    "23,00" (AFP's clock time) is not a number; before a scale ("1.500 مليون") a dot is a decimal point.
    """
    if word.isdigit():
        return float(word)
    parts = _SEPARATORS.split(word)
    grouped = len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])
    if grouped and "٫" not in word and not (scaled and "." in word and len(parts) == 2):
        return float("".join(parts))
    if len(parts) != 2 or ("," in word and len(parts[1]) == 2 and not scaled):
        return None
    return float(f"{parts[0]}.{parts[1]}")


def _is_percent(toks: _Toks, last: int, lex: _Lex) -> bool:
    return any(tuple(toks.words[last + 1:last + 1 + len(p)]) == p for p in lex.percent)


# ---------------------------------------------------------------------------------------------
# Modifiers and ranges


def _with_modifiers(toks: _Toks, num: _Num, lex: _Lex) -> _Num:
    if num.value is None:
        return num
    found = _modifier_before(toks, num, lex)
    if found is not None:
        mod, first, start = found
        if mod.bound == "range":
            end = _range_end(toks, num, lex, between=True)
            return num if end is None else _Num(first, end.last, start, None, num.value, end.value)
        value, low, high = _bounded(num.value, mod)
        return _Num(first, num.last, start, value, low, high)
    if _word(toks, num.first - 1) not in lex.range_blockers:
        end = _range_end(toks, num, lex, between=False)
        if end is not None:
            return _Num(num.first, end.last, num.start, None, num.value, end.value)
    post = _modifier_after(toks, num.last, lex)
    if post is not None:
        value, low, high = _bounded(num.value, post)
        return _Num(num.first, num.last, num.start, value, low, high)
    return num


def _bounded(value: int, mod: _Modifier) -> tuple[int | None, int | None, int | None]:
    kept = value if mod.keep_value else None
    return {
        "min": (kept, value, None),
        "min+1": (kept, value + 1, None),
        "max": (kept, None, value),
        "max-1": (kept, None, value - 1),
    }.get(mod.bound, (kept, None, None))


def _modifier_before(toks: _Toks, num: _Num, lex: _Lex) -> tuple[_Modifier, int, int] | None:
    """The modifier phrase right before the number: (rule, its first token, mention start)."""
    end = num.first
    if end > 0 and toks.words[end - 1] in _DIGIT_PREFIXES and toks.ends[end - 1] == toks.starts[end]:
        end -= 1  # "قرابة الـ40": the glued article sits between the modifier and the digits
    if not _ends_modifier(_word(toks, end - 1), lex):
        return None
    for size in range(min(lex.modifier_len, end), 0, -1):
        first = end - size
        words = toks.words[first:end]
        for plen in _proclitic_lengths(words[0]):
            mod = lex.modifiers.get((words[0][plen:], *words[1:]))
            if mod is not None:
                return mod, first, toks.starts[first] + plen
    return None


def _ends_modifier(word: str, lex: _Lex) -> bool:
    return any(word[plen:] in lex.modifier_ends for plen in _proclitic_lengths(word))


def _proclitic_lengths(word: str) -> list[int]:
    return [len(p) for p in _PROCLITICS if word.startswith(p) and len(word) - len(p) >= 2]


def _modifier_after(toks: _Toks, last: int, lex: _Lex) -> _Modifier | None:
    """"12 شخصا على الأقل": a bound within ``postfix_window`` plain words after the number."""
    if lex.postfix_starts.isdisjoint(toks.words[last + 1:last + 2 + lex.postfix_window]):
        return None
    for skip in range(lex.postfix_window + 1):
        k = last + 1 + skip
        if skip and not _plain_word(toks, k - 1, lex):
            return None
        for phrase, mod in lex.postfix.items():
            if tuple(toks.words[k:k + len(phrase)]) == phrase:
                return mod
    return None


def _plain_word(toks: _Toks, k: int, lex: _Lex) -> bool:
    word = _word(toks, k)
    return word[:1].isalpha() and word not in lex.surface


def _range_end(toks: _Toks, num: _Num, lex: _Lex, between: bool) -> _Num | None:
    """The larger second number of "20 إلى 30" or, after بين, of "20 و30"."""
    k = num.last + 1
    word = _word(toks, k)
    if word in lex.range_joiners or (between and word == "و"):
        k += 1
    elif not (between and word.startswith("و") and len(word) > 2):
        return None
    if k >= len(toks.words):
        return None
    second, _ = _scan(toks, k, lex)
    if second is None or second.value is None or num.value is None or second.value <= num.value:
        return None
    return second


def _quantity(text: str, norm: NormalizedText, toks: _Toks, num: _Num) -> Quantity:
    start, end = norm.raw_span(num.start, toks.ends[num.last])
    return Quantity(start, end, text[start:end], num.value, num.low, num.high)
