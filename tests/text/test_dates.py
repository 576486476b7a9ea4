import datetime as dt

import pytest

from marsad.text.dates import find_dates

PUBLISHED = dt.date(2017, 3, 24)  # a Friday


@pytest.mark.parametrize(
    ("text", "mention", "value", "precision"),
    [
        ("وقع الهجوم في 22 مارس 2017 قرب البرلمان", "22 مارس 2017", "2017-03-22", "day"),
        ("في 22 آذار/مارس 2017", "22 آذار/مارس 2017", "2017-03-22", "day"),
        ("هجمات نوفمبر/ تشرين الثاني 2015 في باريس", "نوفمبر/ تشرين الثاني 2015", "2015-11", "month"),
        ("في أواخر عام 2014", "أواخر عام 2014", "2014", "year"),
        ("الهجمات التي وقعت في عام 2016", "عام 2016", "2016", "year"),
        ("هاجموا في كانون الثاني/يناير مكتبا", "كانون الثاني/يناير", "2017-01", "month"),
        ("وقع الانفجار يوم الأربعاء", "يوم الأربعاء", "2017-03-22", "day"),
        ("هجوم الأربعاء", "الأربعاء", "2017-03-22", "day"),
        ("قتل الجمعة ثلاثة جنود", "الجمعة", "2017-03-24", "day"),
        ("منذ الخميس الماضي", "الخميس الماضي", "2017-03-23", "day"),
        ("قال الشهر الماضي إن", "الشهر الماضي", "2017-02", "month"),
        ("وصل أمس إلى المدينة", "أمس", "2017-03-23", "day"),
        ("وقع أول أمس", "أول أمس", "2017-03-22", "day"),
        ("الليلة الماضية", "الليلة الماضية", "2017-03-23", "day"),
        ("العام الماضي", "العام الماضي", "2016", "year"),
        ("قبل يومين", "قبل يومين", "2017-03-22", "day"),
        ("في 15 رمضان 1439 هـ", "15 رمضان 1439 هـ", "2018-05-30", "day"),
        ("بتاريخ 12/5/2018", "12/5/2018", "2018-05-12", "day"),
    ],
)
def test_dates_resolve_with_publication(text: str, mention: str, value: str, precision: str) -> None:
    [d] = find_dates(text, PUBLISHED)
    assert (d.mention, d.value, d.precision) == (mention, value, precision)
    assert text[d.start:d.end] == d.mention


@pytest.mark.parametrize("text", ["وقع الانفجار يوم الأربعاء", "وصل أمس", "الشهر الماضي", "شهر مارس"])
def test_relative_dates_need_a_publication_date(text: str) -> None:
    assert find_dates(text, None) == []


@pytest.mark.parametrize("text", ["بعد صلاة الجمعة", "قال الأب إن ابنه", "قرر مجلس الإدارة"])
def test_ordinary_words_are_not_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_absolute_dates_need_no_publication_date() -> None:
    [d] = find_dates("في 22 مارس 2017", None)
    assert d.value == "2017-03-22" and not d.relative
