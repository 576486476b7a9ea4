"""Kunya names ("أبو حمزة التونسي") as persons, over real tokens."""

from marsad.model import Entity
from marsad.nlp.kunya import kunya_names
from marsad.text.segment import tokenize


def _names(text: str, tagged: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    entities = [Entity("PERS", text.index(s), text.index(s) + len(s), s) for s in tagged]
    found = kunya_names(text, tokenize(text), entities)
    assert all(text[e.start:e.end] == e.mention for e in found)
    return [e.mention for e in found]


def test_a_kunya_with_its_nisba_is_one_name() -> None:
    assert _names("وقال المصدر إن أبو حمزة التونسي قتل في انفجار.") == ["أبو حمزة التونسي"]
    assert _names("وأعلن الجيش مقتل القيادي أبو الكرار المداني في المعارك.") == ["أبو الكرار المداني"]


def test_a_kunya_without_a_nisba_ends_after_its_second_word() -> None:
    assert _names("وقال أبو محمد إن الهجوم فشل.") == ["أبو محمد"]


def test_a_proclitic_is_not_part_of_the_name() -> None:
    assert _names("والتقى الوفد بأبي عبيدة الجراحي ولأبي بكر.") == ["أبي عبيدة الجراحي", "أبي بكر"]
    assert _names("وقتل وأبو علي العراقي أمس.") == ["أبو علي العراقي"]


def test_a_name_the_tagger_cut_is_made_whole_and_a_longer_one_kept() -> None:
    text = "وقال المصدر إن أبو حمزة التونسي قتل."
    assert _names(text, ["أبو حمزة"]) == ["أبو حمزة التونسي"]
    text = "وقتل أبو مصعب الزرقاوي الأردني في غارة."
    assert _names(text, ["أبو مصعب الزرقاوي الأردني"]) == ["أبو مصعب الزرقاوي الأردني"]


def test_words_that_are_no_kunya() -> None:
    assert _names("وصل الوفد إلى أبوظبي أمس، وقال أبو.") == []
    assert _names("وقال أبو: إن الأمر انتهى.") == []
