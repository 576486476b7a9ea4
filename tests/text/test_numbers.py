import pytest

from marsad.text.numbers import find_quantities, parse_number


@pytest.mark.parametrize(
    ("text", "mention", "value", "low", "high"),
    [
        ("قتل أربعة أشخاص في الهجوم", "أربعة", 4, 4, 4),
        ("أصيب بأربعة جروح", "أربعة", 4, 4, 4),
        ("نحو ثلاثمئة مقاتل", "نحو ثلاثمئة", 300, None, None),
        ("ثلاث مئة عائلة", "ثلاث مئة", 300, 300, 300),
        ("خمسة وعشرين جنديا", "خمسة وعشرين", 25, 25, 25),
        ("ثلاثة عشر شخصا", "ثلاثة عشر", 13, 13, 13),
        ("اثنا عشر مدنيا", "اثنا عشر", 12, 12, 12),
        ("مئة وخمسة وعشرون نازحا", "مئة وخمسة وعشرون", 125, 125, 125),
        ("نزح 3 آلاف شخص", "3 آلاف", 3000, 3000, 3000),
        ("ثلاثة آلاف لاجئ", "ثلاثة آلاف", 3000, 3000, 3000),
        ("2.5 مليون نازح", "2.5 مليون", 2_500_000, 2_500_000, 2_500_000),
        ("1,200 شخص", "1,200", 1200, 1200, 1200),
        ("سقط ٣٤ قتيلا", "٣٤", 34, 34, 34),
        ("سقوط قتيلين", "قتيلين", 2, 2, 2),
        ("عشرات القتلى", "عشرات", None, 20, 99),
        ("عشرات الآلاف من النازحين", "عشرات الآلاف", None, 20_000, 99_999),
        ("مقتل أكثر من 80 مسلحا", "أكثر من 80", 80, 81, None),
        ("ما لا يقل عن 5 أشخاص", "ما لا يقل عن 5", 5, 5, None),
        ("ستة أشخاص على الأقل", "ستة", 6, 6, None),
        ("قطع رؤوس&4 رهائن", "4", 4, 4, 4),
    ],
)
def test_counts(text: str, mention: str, value: int | None, low: int | None, high: int | None) -> None:
    [q] = find_quantities(text)
    assert (q.mention, q.value, q.min, q.max) == (mention, value, low, high)
    assert text[q.start:q.end] == q.mention


@pytest.mark.parametrize("text", ["لست متأكدا من ذلك", "الفصل الثالث من الرواية", "قال الأولى أن نذهب"])
def test_no_false_counts(text: str) -> None:
    assert find_quantities(text) == []


def test_offsets_survive_diacritics() -> None:
    text = "قُتِلَ خَمْسَةٌ وَعِشْرُونَ جُنْدِيًّا"
    [q] = find_quantities(text)
    assert q.value == 25 and text[q.start:q.end] == q.mention == "خَمْسَةٌ وَعِشْرُونَ"


def test_parse_number() -> None:
    assert parse_number("خمسة وعشرين") == 25
    assert parse_number("ثلاث مئة") == 300
    assert parse_number("مرحبا") is None
