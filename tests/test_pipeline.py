"""Person names as the pipeline cuts them from the tagger's spans (real tagger, real gazetteer)."""

from marsad.model import Entity
from marsad.pipeline import _person_names, default_pipeline


def _cut(text: str, spans: list[str]) -> list[str]:
    entities = [Entity("PERS", text.index(s), text.index(s) + len(s), s) for s in spans]
    return [e.mention for e in _person_names(text, entities, default_pipeline()._first_names)]


def test_title_and_glued_conjunction_are_not_part_of_the_name() -> None:
    text = "وقال العقيد سامي حداد وخالد يوسف إن الطريق أغلق."
    assert _cut(text, ["العقيد سامي حداد", "وخالد يوسف"]) == ["سامي حداد", "خالد يوسف"]


def test_a_name_that_starts_with_waw_is_kept() -> None:
    text = "وقال وليد يوسف إن الطريق أغلق."
    assert _cut(text, ["وليد يوسف"]) == ["وليد يوسف"]


def test_two_halves_of_one_name_are_joined_and_offsets_stay_exact() -> None:
    text = "وأكد علي حميد علي القيز أن الطريق أغلق، وقال سامي حداد، ويوسف."
    names = _person_names(text, [Entity("PERS", 5, 13, "علي حميد"), Entity("PERS", 14, 23, "علي القيز")],
                          default_pipeline()._first_names)
    assert [(e.start, e.end) for e in names] == [(5, 23)]
    assert text[names[0].start:names[0].end] == "علي حميد علي القيز"


def test_the_pipeline_gives_the_joined_name() -> None:
    from marsad.model import Document
    an = default_pipeline().analyse(Document(id="t", text="وقتل علي حميد علي القيز ثلاثة جنود في هجوم على حاجز للجيش في المدينة."))
    people = [m.text for m in an.mentions if m.label == "PERS"]
    assert "علي حميد علي القيز" in people
