"""Sentence splitting and clitic-aware tokenisation, with offsets into the raw text.

Tokens are runs of letters/digits (Arabic diacritics and tatweel stay inside the word); each
punctuation mark is its own token. Every token carries its normalised form and a best-guess
``stem`` with proclitics (و ف ب ل ك ال لل) and enclitic pronouns removed; :func:`stem_candidates`
lists every analysis for dictionary lookups, longest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import regex

from marsad.model import Sentence, Span, Token
from marsad.text.normalize import norm_key

__all__ = ["sentences", "tokenize", "segment", "stem_candidates", "split_clitics"]

# A word: letters/digits/marks, with internal dots or commas between digits ("2.5", "1,200") and
# internal dots in abbreviations ("إم.آي5"); hyphens join Latin words.
_WORD = regex.compile(
    r"(?:\p{L}|\p{M}|\p{N}|\u0640)+(?:[.,٫٬](?=\p{N})\p{N}+|\.(?=\p{L}\p{L}*\p{N})(?:\p{L}|\p{N})+)*"
    r"|[^\s\p{L}\p{M}\p{N}]"
)
_SENT_END = regex.compile(r"[.!?؟…]+[\"'»”)\]]*(?=\s|$)|\n\s*\n|\n(?=\s*[•·\-–*]\s)|\n")

_PROCLITICS_1 = ("و", "ف")
_PROCLITICS_2 = ("ب", "ل", "ك")  # ك only before the article: "كالعادة", never "كتبت" → ك + تبت
_ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ه", "ك", "ي")


def segment(text: str, noise: Sequence[Span] = ()) -> tuple[list[Sentence], list[Token]]:
    """The sentences of ``text`` and their tokens, numbered across the document, ``noise`` left out."""
    sents = sentences(text, noise)
    tokens: list[Token] = []
    for sent in sents:
        tokens.extend(tokenize(text, sent.start, sent.end, sentence=sent.index, first_index=len(tokens),
                               skip=noise))
    return sents, tokens


def sentences(text: str, noise: Sequence[Span] = ()) -> list[Sentence]:
    """Split ``text`` into sentences; sentences made only of ``noise`` spans are left out.

    Inline noise ("&nbsp;", a stray "&") does not cut a sentence: "قطع رؤوس&4 رهائن" stays one.
    """
    out: list[Sentence] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        _add_sentence(text, pos, m.end() if not m.group().isspace() else m.start(), out, noise)
        pos = m.end()
    _add_sentence(text, pos, len(text), out, noise)
    return out


def _add_sentence(text: str, start: int, end: int, out: list[Sentence], noise: Sequence[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    covered = [(max(n.start, start), min(n.end, end)) for n in noise if n.start < end and start < n.end]
    for n_start, n_end in sorted(covered):
        if n_start <= start:
            start = max(start, n_end)
            while start < end and text[start].isspace():
                start += 1
    if end > start and any(ch.isalnum() for ch in _outside(text, start, end, covered)):
        out.append(Sentence(start, end, len(out)))


def _outside(text: str, start: int, end: int, covered: list[tuple[int, int]]) -> str:
    chars = list(text[start:end])
    for n_start, n_end in covered:
        for i in range(max(n_start, start), min(n_end, end)):
            chars[i - start] = " "
    return "".join(chars)


def tokenize(text: str, start: int = 0, end: int | None = None, sentence: int = 0,
             first_index: int = 0, skip: Sequence[Span] = ()) -> list[Token]:
    """Tokens of ``text[start:end]`` with raw offsets; tokens overlapping ``skip`` spans are left out."""
    end = len(text) if end is None else end
    skip = [s for s in skip if s.start < end and start < s.end]
    tokens: list[Token] = []
    for m in _WORD.finditer(text, start, end):
        if skip and any(s.start < m.end() and m.start() < s.end for s in skip):
            continue
        surface = m.group()
        norm = norm_key(surface)
        prefix, stem, suffix = split_clitics(norm)
        tokens.append(Token(m.start(), m.end(), surface, norm, stem, prefix, suffix, sentence,
                            first_index + len(tokens)))
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
            arts = {"ل": ("", "ال", "ل"), "ك": ("ال",)}.get(p2, ("", "ال"))
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
