"""The fast normalised view gives exactly normalize(text).text."""

from __future__ import annotations

import pytest

from marsad.text.normalize import normalize
from marsad.text.words import normalized, words


@pytest.mark.parametrize("text", [
    "أعلنت الدولة الإسلاميّة مسؤوليتها عن الهجوم في ٢٠١٨",
    "ﻻ إله   إلا الله — «قال» “he” ABC ۱۲۳ ى ة ک ی",
    "تـــــطويل وتشكيلٌ\u200f\u200bومسافات\u00a0غريبة 😀",
    "",
])
def test_normalized_is_normalize_without_the_offsets(text: str) -> None:
    assert normalized(text) == normalize(text).text


def test_words_are_runs_of_letters_and_digits() -> None:
    assert words("قُتل ٣ أشخاص، وأُصيب 5!") == ["قتل", "3", "اشخاص", "واصيب", "5"]
