import pytest

from marsad.resolve.places import default_gazetteer
from marsad.text.segment import tokenize


def _find(text: str) -> list[tuple[str, str | None, str]]:
    found = default_gazetteer().find(text, tokenize(text))
    assert all(text[m.start:m.end] == m.mention for m in found)
    return [(m.mention, m.place.country, m.place.precision) for m in found]


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("في بلدة الشيخ زويد", "الشيخ زويد", "EG"),
        ("انفجار بالقاهرة", "القاهرة", "EG"),
        ("هجوم في كابول", "كابول", "AF"),
        ("قصف مدينة حمص", "مدينة حمص", "SY"),
        ("في محافظة إدلب", "محافظة إدلب", "SY"),
        ("انفجارات تهز جلال آباد", "جلال آباد", "AF"),
        ("هجوم قندهار", "قندهار", "AF"),
        ("في السويداء", "السويداء", "SY"),
        ("معارك دير الزور", "دير الزور", "SY"),
        ("في تعز", "تعز", "YE"),
        ("غارة على صنعاء", "صنعاء", "YE"),
        ("في بنغازي", "بنغازي", "LY"),
        ("هجمات بروكسل", "بروكسل", "BE"),
        ("في باريس", "باريس", "FR"),
        ("هجوم لندن", "لندن", "GB"),
        ("في واغادوغو", "واغادوغو", "BF"),
        ("حاكم موبتي", "موبتي", "ML"),
        ("ذبحت رهينة في الجزائر", "الجزائر", "DZ"),
    ],
)
def test_places_resolve_to_countries(text: str, mention: str, country: str) -> None:
    assert (mention, country) in [(m, c) for m, c, _ in _find(text)]


def test_direction_word_makes_a_region() -> None:
    assert _find("اعتقلت القوات الكردية شمالي سوريا جهاديا") == [("شمالي سوريا", "SY", "region")]


@pytest.mark.parametrize("text", ["قال المسؤول إن الوضع هادئ", "وزارة الصحة أعلنت الحصيلة",
                                  "فيما أصيب آخرون بجروح", "السلام عليكم", "كتبت الصحفية مقالا"])
def test_ordinary_sentences_have_no_place(text: str) -> None:
    assert _find(text) == []


def test_small_places_need_a_locative_word() -> None:
    assert _find("قتل ثلاثة في قرية كعيدنة") != []
    assert [m for m in _find("كعيدنة") if m[0] == "كعيدنة"] == []


def test_demonyms() -> None:
    text = "في هجوم على البرلمان البريطاني قرب السفارة الأمريكية"
    found = {(d.mention, d.country) for d in default_gazetteer().demonyms(text, tokenize(text))}
    assert ("البريطاني", "GB") in found and ("الأمريكية", "US") in found
    assert default_gazetteer().demonyms("الدعم المالي", tokenize("الدعم المالي")) == []
