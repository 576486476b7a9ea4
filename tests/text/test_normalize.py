import pytest

from marsad.text.normalize import norm_key, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أعلنت إدارة آل", "اعلنت اداره ال"),
        ("مُسْتَشْفَى", "مستشفي"),
        ("جنـــود", "جنود"),
        ("٣٤ قتيلاً و۱۲ جريحا", "34 قتيلا و12 جريحا"),
        ("ﻻ", "لا"),
        ("\u200fداعش\u200e", "داعش"),
        ("ISIS", "isis"),
    ],
)
def test_normalize_unifies_letters_digits_and_marks(raw: str, expected: str) -> None:
    assert normalize(raw).text == expected


def test_raw_span_maps_back_including_trailing_diacritics() -> None:
    raw = "قُتِلَ الأربعاءُ جنديٌّ"
    norm = normalize(raw)
    i = norm.text.index("الاربعاء")
    start, end = norm.raw_span(i, i + len("الاربعاء"))
    assert raw[start:end] == "الأربعاءُ"


def test_offset_map_is_monotonic_and_complete() -> None:
    raw = "في بلدةِ الشيخ زويد &nbsp; ٢٠١٤"
    norm = normalize(raw)
    assert len(norm.to_raw) == len(norm.text) + 1
    assert list(norm.to_raw) == sorted(norm.to_raw)
    assert norm.to_raw[-1] == len(raw)


def test_norm_key_collapses_space() -> None:
    assert norm_key("  أنصار   بيت\nالمقدس ") == "انصار بيت المقدس"
