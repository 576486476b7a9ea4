"""Clitic-aware phrase lookup over tokens: lexicons, aliases and place names → raw-text spans.

A phrase (``"أنصار بيت المقدس"``) matches when its first word equals a token with its proclitics
removed (``وأنصار``, ``لأنصار``) and the following words equal the next tokens. Keys are compared
in normalised form (:func:`marsad.text.normalize.norm_key`); a leading article on the first word is
optional on both sides (``القاهرة`` ~ ``بالقاهرة`` ~ ``قاهرة``). The reported span starts after the
proclitics, so ``text[start:end]`` is the phrase as written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from marsad.model import Token
from marsad.text.normalize import norm_key, normalize
from marsad.text.segment import stem_candidates

__all__ = ["PhraseMatch", "PhraseMatcher", "strip_article"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    start: int
    end: int
    mention: str
    key: str
    payloads: tuple[T, ...]
    first_token: int
    last_token: int  # inclusive
    prefix: str = ""  # the proclitics stripped from the first token (normalised)


def strip_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) >= 5 else word


_PRONOUNS = ("هما", "هم", "هن", "ها", "ه")
_MAX_CACHED_WORDS = 200_000
# a word's proclitics, the rest, and the phrases it starts: (tail length, {tail: payloads}), longest first
_Analysis = tuple[str, str, tuple[tuple[int, dict[tuple[str, ...], list[T]]], ...]]


@lru_cache(maxsize=100_000)
def _without_pronoun(word: str) -> tuple[str, ...]:
    """"هجومه" → "هجوم"; "عمليته" → "عمليه" (a ta marbuta before the pronoun is written ت)."""
    for pronoun in _PRONOUNS:
        if word.endswith(pronoun) and len(word) - len(pronoun) >= 3:
            bare = word[: -len(pronoun)]
            return (bare, bare[:-1] + "ه") if bare.endswith("ت") else (bare,)
    return ()


@lru_cache(maxsize=100_000)
def _prefix_raw_len(surface: str, prefix_len: int) -> int:
    """Raw length of the first ``prefix_len`` normalised characters of ``surface``."""
    return normalize(surface).to_raw[prefix_len]


class PhraseMatcher(Generic[T]):
    """Longest-leftmost, non-overlapping matching of many phrases over a token list."""

    def __init__(self, entries: Iterable[tuple[str, T]], min_chars: int = 2,
                 strict: Callable[[T], bool] | None = None, enclitics: bool = False) -> None:
        """``strict(payload)``: such phrases match only as written (article optional), never after a
        stripped proclitic: a small village "زارة" must not match inside "وزارة"."""
        self._index: dict[str, dict[tuple[str, ...], list[T]]] = defaultdict(dict)
        self._strict: dict[str, dict[tuple[str, ...], list[T]]] = defaultdict(dict)
        self._enclitics = enclitics
        # each word's analyses that start some phrase (most words start none): looked up once
        self._starts: dict[str, tuple[_Analysis[T], ...]] = {}
        for phrase, payload in entries:
            words = tuple(norm_key(phrase).split())
            if not words or len("".join(words)) < min_chars:
                continue
            index = self._strict if strict is not None and strict(payload) else self._index
            # only a written article is optional: "ألغام" normalises to "الغام" but has none
            has_article = phrase.lstrip().startswith(("ال", "ٱل"))
            for first in {words[0], strip_article(words[0]) if has_article else words[0]}:
                index[first].setdefault(words[1:], []).append(payload)

    def __len__(self) -> int:
        return len(self._index) + len(self._strict)

    def lookup(self, phrase: str) -> tuple[T, ...]:
        """Payloads of an exact phrase (normalised; first-word article optional)."""
        words = tuple(norm_key(phrase).split())
        if not words:
            return ()
        for first in (words[0], strip_article(words[0])):
            hit = self._index.get(first, {}).get(words[1:], []) + self._strict.get(first, {}).get(words[1:], [])
            if hit:
                return tuple(hit)
        return ()

    def find(self, text: str, tokens: Sequence[Token]) -> list[PhraseMatch[T]]:
        out: list[PhraseMatch[T]] = []
        starts = self._starts
        i = 0
        while i < len(tokens):
            norm = tokens[i].norm
            # punctuation and numbers start no phrase, nor do most words (known after their first look-up)
            if not norm[:1].isalpha() or starts.get(norm) == ():
                i += 1
                continue
            match = self.match_at(text, tokens, i)
            if match is None:
                i += 1
                continue
            out.append(match)
            i = match.last_token + 1
        return out

    def _candidates(self, norm: str) -> tuple[tuple[str, str], ...]:
        cands = stem_candidates(norm)
        if not self._enclitics:
            return cands
        return cands + tuple((p, bare) for p, rest in cands for bare in _without_pronoun(rest))

    def _tails(self, prefix: str, rest: str) -> Iterable[tuple[tuple[str, ...], list[T]]]:
        tails = self._index.get(rest)
        strict = self._strict.get(rest) if prefix in ("", "ال") else None
        if strict is None:
            return tails.items() if tails else ()
        return [*tails.items(), *strict.items()] if tails else strict.items()

    def _analyses(self, norm: str) -> tuple[_Analysis[T], ...]:
        """The (proclitics, rest, phrase tails by length) analyses of a word under which some phrase
        starts, longest tails first; most words start none. Looked up once per word."""
        found = self._starts.get(norm)
        if found is None:
            if len(self._starts) >= _MAX_CACHED_WORDS:
                self._starts.clear()
            out = []
            for prefix, rest in self._candidates(norm):
                by_length: dict[int, dict[tuple[str, ...], list[T]]] = {}
                for tail, payloads in self._tails(prefix, rest):
                    by_length.setdefault(len(tail), {}).setdefault(tail, payloads)  # as written wins a tie
                if by_length:
                    out.append((prefix, rest, tuple(sorted(by_length.items(), reverse=True))))
            found = self._starts[norm] = tuple(out)
        return found

    def match_at(self, text: str, tokens: Sequence[Token], i: int) -> PhraseMatch[T] | None:
        """The longest phrase starting at token ``i`` over every proclitic analysis (fewest clitics on ties)."""
        best: tuple[int, int, str, str, list[T]] | None = None
        for prefix, rest, by_length in self._analyses(tokens[i].norm):
            for n, tails in by_length:
                if i + n >= len(tokens) or (best is not None and n <= best[0]):
                    continue
                tail = tuple(tokens[k].norm for k in range(i + 1, i + 1 + n)) if n else ()
                payloads = tails.get(tail)
                if payloads is not None:
                    best = (n, len(prefix), prefix, " ".join((rest, *tail)), payloads)
                    break
        if best is None:
            return None
        n, plen, prefix, key, payloads = best
        first = tokens[i]
        start = first.start + (_prefix_raw_len(first.text, plen) if plen else 0)
        end = tokens[i + n].end
        return PhraseMatch(start, end, text[start:end], key, tuple(payloads), i, i + n, prefix)
