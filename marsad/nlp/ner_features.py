"""Token features shared by the NER tagger, its trainer and the word-vector builder (numpy only).

Every lookup key is derived from the raw token by :func:`vector_key` (``norm_key`` + digits → 0),
so vectors trained on the news corpus, the ANERcorp training words and tokens from
:func:`marsad.text.segment.tokenize` all meet in the same space.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import regex

from marsad.text.normalize import norm_key
from marsad.text.segment import split_clitics, stem_candidates

__all__ = [
    "Featurizer",
    "SentenceFeatures",
    "read_gazetteer",
    "GAZ_TYPES",
    "Gazetteer",
    "char_ids",
    "gazetteer_features",
    "shape_id",
    "stem_key",
    "vector_key",
]

GAZ_TYPES = ("LOC", "PERS", "ORG")
_DIGIT = regex.compile(r"\d")
_ARABIC = regex.compile(r"\p{Arabic}")
_LATIN = regex.compile(r"[A-Za-z]")
_PUNCT = regex.compile(r"^[^\p{L}\p{N}]+$")
SHAPES = ("pad", "arabic", "latin", "digit", "punct", "mixed", "arabic+punct")


@lru_cache(maxsize=500_000)
def vector_key(word: str) -> str:
    """The lookup key of a raw word: normalised letters, every digit as ``0``."""
    return _DIGIT.sub("0", norm_key(word))


@lru_cache(maxsize=500_000)
def stem_key(word: str) -> str:
    """The key of the word with proclitics (و ف ب ل ك ال) and pronoun suffixes removed."""
    return split_clitics(vector_key(word))[1]


@lru_cache(maxsize=500_000)
def shape_id(word: str) -> int:
    """A coarse shape class of the raw word (index into :data:`SHAPES`)."""
    if _PUNCT.match(word):
        return 4
    arabic, latin, digit = bool(_ARABIC.search(word)), bool(_LATIN.search(word)), bool(_DIGIT.search(word))
    if arabic and not latin and not digit:
        return 6 if any(not (ch.isalpha() or ch in "\u0640" or _ARABIC.match(ch)) for ch in word) else 1
    if latin and not arabic and not digit:
        return 2
    if digit and not arabic and not latin:
        return 3
    return 5


def char_ids(word: str, alphabet: dict[str, int], max_len: int) -> list[int]:
    """Character ids of the normalised word (1 = unknown character), truncated to ``max_len``."""
    key = vector_key(word)
    if len(key) > max_len:
        half = max_len // 2
        key = key[:half] + key[-(max_len - half):]
    return [alphabet.get(ch, 1) for ch in key]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Multi-word names (as tuples of keys) per type; the first word may carry proclitics."""

    names: dict[tuple[str, ...], frozenset[str]]
    max_words: int
    firsts: frozenset[str] = frozenset()

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str]], normalised: bool = False) -> Gazetteer:
        """Index (label, name) rows; ``normalised`` names are already space-joined lookup keys."""
        names: dict[tuple[str, ...], set[str]] = {}
        for label, name in rows:
            words = tuple(name.split()) if normalised else tuple(vector_key(w) for w in name.split())
            if words and label in GAZ_TYPES:
                names.setdefault(words, set()).add(label)
        frozen = {k: frozenset(v) for k, v in names.items()}
        return cls(frozen, max((len(k) for k in frozen), default=1), frozenset(k[0] for k in frozen))


def _first_word_keys(word: str) -> tuple[str, ...]:
    key = vector_key(word)
    stem = split_clitics(key)[1]
    return (key, stem) if stem != key else (key,)


def gazetteer_features(words: Sequence[str], gaz: Gazetteer) -> np.ndarray:
    """Per word and gazetteer type: 0 no match, 1 first word of a match, 2 inside a match."""
    keys = [vector_key(w) for w in words]
    out = np.zeros((len(words), len(GAZ_TYPES)), dtype=np.int64)
    for i in range(len(words)):
        for first in _first_word_keys(words[i]):
            if first not in gaz.firsts:
                continue
            for n in range(min(gaz.max_words, len(words) - i), 0, -1):
                labels = gaz.names.get((first, *keys[i + 1 : i + n]))
                if labels:
                    _mark(out, i, n, labels)
    return out


def _mark(out: np.ndarray, i: int, n: int, labels: frozenset[str]) -> None:
    for label in labels:
        col = GAZ_TYPES.index(label)
        if out[i, col] == 0:
            out[i, col] = 1
        out[i + 1 : i + n, col] = np.where(out[i + 1 : i + n, col] == 0, 2, out[i + 1 : i + n, col])


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """Integer features of one sentence: ids into the model's tables, one row per word."""

    word: np.ndarray  # (T,) vocabulary id of the word key (0 pad, 1 unknown)
    stem: np.ndarray  # (T,) vocabulary id of the clitic-stripped key
    local: np.ndarray  # (T,) id of the word key in the training-set vocabulary (0 pad, 1 unknown)
    chars: np.ndarray | None  # (T, L) character ids, 0-padded (None when not asked for)
    small: np.ndarray  # (T, 3 + len(GAZ_TYPES)) shape, prefix, suffix and gazetteer ids
    keys: tuple[str, ...] = ()  # the words' lookup keys


@dataclass(frozen=True, slots=True)
class Featurizer:
    """Turns words into :class:`SentenceFeatures` with the vocabularies saved beside a model."""

    vocab: dict[str, int]
    alphabet: dict[str, int]
    prefixes: dict[str, int]
    suffixes: dict[str, int]
    gazetteer: Gazetteer
    max_chars: int = 20
    local_vocab: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: dict[str, Any], words: Sequence[str], gazetteer: Gazetteer) -> Featurizer:
        """Rebuild from :meth:`config` (as saved in a model's ``config.json``), its word list and gazetteer."""
        return cls(
            vocab={w: i + 2 for i, w in enumerate(words) if w},
            alphabet={ch: i + 2 for i, ch in enumerate(config["alphabet"])},
            prefixes={p: i + 2 for i, p in enumerate(config["prefixes"])},
            suffixes={s: i + 2 for i, s in enumerate(config["suffixes"])},
            gazetteer=gazetteer, max_chars=config["max_chars"],
            local_vocab={w: i + 2 for i, w in enumerate(config.get("local_vocab", []))})

    def config(self) -> dict[str, Any]:
        """The vocabularies other than the word list, as JSON-ready lists in id order."""
        return {"alphabet": "".join(_in_id_order(self.alphabet)), "prefixes": _in_id_order(self.prefixes),
                "suffixes": _in_id_order(self.suffixes), "max_chars": self.max_chars,
                "local_vocab": _in_id_order(self.local_vocab)}

    def sentence(self, words: Sequence[str], with_chars: bool = True) -> SentenceFeatures:
        keys = [vector_key(w) for w in words]
        splits = [split_clitics(k) for k in keys]
        word = np.array([self.word_id(k) for k in keys], dtype=np.int64)
        stem = np.array([self.vocab.get(s[1], 1) for s in splits], dtype=np.int64)
        local = np.array([self.local_vocab.get(k, 1) for k in keys], dtype=np.int64)
        chars = self.char_matrix(keys) if with_chars else None
        small = np.column_stack([
            np.array([shape_id(w) for w in words], dtype=np.int64),
            np.array([self.prefixes.get(s[0], 1) for s in splits], dtype=np.int64),
            np.array([self.suffixes.get(s[2], 1) for s in splits], dtype=np.int64),
            gazetteer_features(words, self.gazetteer),
        ])
        return SentenceFeatures(word, stem, local, chars, small, tuple(keys))

    def word_id(self, key: str) -> int:
        """Vocabulary id of a word key; an unknown word backs off to its first known clitic split."""
        found = self.vocab.get(key)
        if found is not None:
            return found
        for _, rest in stem_candidates(key)[1:]:
            found = self.vocab.get(rest)
            if found is not None:
                return found
        return 1

    def char_matrix(self, words: Sequence[str]) -> np.ndarray:
        """(N, L) character ids of the words, 0-padded."""
        rows = [char_ids(w, self.alphabet, self.max_chars) or [1] for w in words]
        chars = np.zeros((len(words), max(len(r) for r in rows)), dtype=np.int64)
        for i, row in enumerate(rows):
            chars[i, : len(row)] = row
        return chars


def _in_id_order(ids: dict[str, int]) -> list[str]:
    return [k for k, _ in sorted(ids.items(), key=lambda kv: kv[1])]


def read_gazetteer(lines: Iterable[str]) -> Gazetteer:
    """A gazetteer from ``label<TAB>name`` lines whose names are lookup keys (as the build script writes)."""
    rows = (line.rstrip("\n").split("\t", 1) for line in lines if "\t" in line)
    return Gazetteer.from_rows(((label, name) for label, name in rows), normalised=True)
