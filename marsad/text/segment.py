"""Sentence splitting and clitic-aware tokenisation, with offsets into the raw text.

Tokens are runs of letters/digits (Arabic diacritics and tatweel stay inside the word); each
punctuation mark is its own token. Every token carries its normalised form and a best-guess
``stem`` with proclitics (و ف ب ل ك ال لل) and enclitic pronouns removed; :func:`stem_candidates`
lists every analysis for dictionary lookups, longest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import regex

from marsad.model import Sentence, Span, Token
from marsad.text.normalize import norm_key

__all__ = ["sentences", "tokenize", "stem_candidates", "split_clitics"]

# A word: letters/digits/marks, with internal dots or commas between digits ("2.5", "1,200") and
# internal dots in abbreviations ("إم.آي5"); hyphens join Latin words.
_WORD = regex.compile(
    r"(?:\p{L}|\p{M}|\p{N}|\u0640)+(?:[.,٫٬](?=\p{N})\p{N}+|\.(?=\p{L}\p{L}*\p{N})(?:\p{L}|\p{N})+)*"
    r"|[^\s\p{L}\p{M}\p{N}]"
)
_SENT_END = regex.compile(r"[.!?؟…]+[\"'»”)\]]*(?=\s|$)|\n\s*\n|\n(?=\s*[•·\-–*]\s)|\n")

_PROCLITICS_1 = ("و", "ف")
_PROCLITICS_2 = ("ب", "ل", "ك", "س")
_ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")


def sentences(text: str, noise: Sequence[Span] = ()) -> list[Sentence]:
    """Split ``text`` into sentences; stretches covered by ``noise`` spans are left out."""
    out: list[Sentence] = []
    for start, end in _cut(text, noise):
        pos = start
        for m in _SENT_END.finditer(text, start, end):
            _add_sentence(text, pos, m.end() if not m.group().isspace() else m.start(), out)
            pos = m.end()
        _add_sentence(text, pos, end, out)
    return out


def _cut(text: str, noise: Sequence[Span]) -> Iterable[tuple[int, int]]:
    pos = 0
    for span in sorted(noise, key=lambda s: s.start):
        if span.start > pos:
            yield pos, span.start
        pos = max(pos, span.end)
    if pos < len(text):
        yield pos, len(text)


def _add_sentence(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        out.append(Sentence(start, end, len(out)))


def tokenize(text: str, start: int = 0, end: int | None = None, sentence: int = 0,
             first_index: int = 0) -> list[Token]:
    """Tokens of ``text[start:end]`` with raw offsets."""
    end = len(text) if end is None else end
    tokens = []
    for i, m in enumerate(_WORD.finditer(text, start, end)):
        surface = m.group()
        norm = norm_key(surface)
        prefix, stem, suffix = split_clitics(norm)
        tokens.append(Token(m.start(), m.end(), surface, norm, stem, prefix, suffix, sentence, first_index + i))
    return tokens


@lru_cache(maxsize=200_000)
def stem_candidates(norm: str) -> tuple[tuple[str, str], ...]:
    """Every (proclitics, rest) split of a normalised word, fewest proclitics first.

    ``rest`` is always a suffix of ``norm`` of at least three letters; ``لل`` counts as ل + ال.

    >>> stem_candidates("وبالهجوم")
    (('', 'وبالهجوم'), ('و', 'بالهجوم'), ('وب', 'الهجوم'), ('وبال', 'هجوم'))
    """
    out = [("", norm)]
    for p1 in ("", *_PROCLITICS_1):
        if not norm.startswith(p1):
            continue
        rest1 = norm[len(p1):]
        for p2 in ("", *_PROCLITICS_2):
            if not rest1.startswith(p2):
                continue
            rest2 = rest1[len(p2):]
            arts = ("", "ال") if p2 != "ل" else ("", "ال", "ل")
            for art in arts:
                if rest2.startswith(art) and len(rest2) - len(art) >= 3:
                    out.append((p1 + p2 + art, rest2[len(art):]))
    seen: set[str] = set()
    uniq = []
    for prefix, rest in sorted(out, key=lambda c: len(c[0])):
        if prefix not in seen:
            seen.add(prefix)
            uniq.append((prefix, rest))
    return tuple(uniq)


@lru_cache(maxsize=200_000)
def split_clitics(norm: str) -> tuple[str, str, str]:
    """A conservative best guess (prefix, stem, suffix) for a normalised word.

    Strips و/ف + ب/ل/ك + ال only when at least three letters remain, and the article-bearing
    analysis is preferred; enclitic pronouns are stripped only after a proclitic-free check.
    """
    prefix, stem = "", norm
    for cand_prefix, rest in stem_candidates(norm):
        if cand_prefix.endswith(("ال", "لل")):
            prefix, stem = cand_prefix, rest
            break
    suffix = ""
    if not prefix.endswith(("ال", "لل")):
        for enc in _ENCLITICS:
            if stem.endswith(enc) and len(stem) - len(enc) >= 3 and enc not in ("ه", "ي", "ك"):
                suffix, stem = enc, stem[: -len(enc)]
                break
    return prefix, stem, suffix
