"""The whole-text normalisation (one ``str.translate``) is the character-by-character one, offsets included."""

from __future__ import annotations

import random

import pytest

from marsad.text.normalize import _char, normalize
from marsad.text.words import normalized, words

SAMPLES = [
    "أعلنت الدولة الإسلاميّة مسؤوليتها عن الهجوم في ٢٠١٨",
    "ﻻ إله   إلا الله — «قال» “he” ABC ۱۲۳ ى ة ک ی",
    "تـــــطويل وتشكيلٌ\u200f\u200bومسافات\u00a0غريبة 😀 ﷺ ＡＢＣ",
    "",
]


def _one_by_one(raw: str) -> tuple[str, tuple[int, ...]]:
    """Each raw character normalised alone, and where each normalised character came from."""
    text, to_raw = [], []
    for i, ch in enumerate(raw):
        rep = _char(ch)
        text.append(rep)
        to_raw.extend([i] * len(rep))
    return "".join(text), (*to_raw, len(raw))


def _random_texts(n: int) -> list[str]:
    """Strings of Arabic letters, marks, ligatures, digits, Latin and spaces in random order."""
    alphabet = [chr(c) for c in (*range(0x0600, 0x0700), *range(0xFB50, 0xFF00, 3), *range(0xFF00, 0xFFF0, 3))]
    alphabet += list("AZaz09 \u00a0\u200b\u200f\u0640«»“”") + ["😀"]
    rng = random.Random(7)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(n)]


@pytest.mark.parametrize("text", SAMPLES)
def test_normalize_is_the_characters_normalised_one_by_one(text: str) -> None:
    expected_text, expected_map = _one_by_one(text)
    got = normalize(text)
    assert (got.text, got.to_raw) == (expected_text, expected_map)
    assert normalized(text) == expected_text


def test_normalize_is_the_characters_normalised_one_by_one_on_random_text() -> None:
    for text in _random_texts(500):
        got = normalize(text)
        assert (got.text, got.to_raw) == _one_by_one(text), ascii(text)
        assert normalized(text) == got.text


def test_words_are_runs_of_letters_and_digits() -> None:
    assert words("قُتل ٣ أشخاص، وأُصيب 5!") == ["قتل", "3", "اشخاص", "واصيب", "5"]
