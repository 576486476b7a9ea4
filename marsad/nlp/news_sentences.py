"""Unlabelled news sentences for training the NER tagger (self-training, encoder pre-training).

Articles are drawn at random (fixed seed) from a JSON-lines corpus and cut into sentences and
tokens exactly as the pipeline does (:func:`marsad.text.segment.segment`, markup noise skipped).
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

from marsad.text.clean import noise_spans
from marsad.text.segment import segment

__all__ = ["MAX_WORDS", "MIN_WORDS", "article_sentences", "sample_texts"]

MIN_WORDS, MAX_WORDS = 6, 60


def sample_texts(corpus: Path, n: int, seed: int) -> list[str]:
    """Texts of ``n`` articles drawn at random (fixed ``seed``) from a JSON-lines file (gzip or not)."""
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as fh:
        lines = fh.readlines()
    random.Random(seed).shuffle(lines)
    return [json.loads(line)["text"] for line in lines[:n]]


def article_sentences(text: str) -> list[list[str]]:
    """The article's sentences of MIN_WORDS to MAX_WORDS words, as the pipeline tokenises them."""
    by_sentence: dict[int, list[str]] = {}
    for token in segment(text, tuple(noise_spans(text)))[1]:
        by_sentence.setdefault(token.sentence, []).append(token.text)
    return [words for words in by_sentence.values() if MIN_WORDS <= len(words) <= MAX_WORDS]
