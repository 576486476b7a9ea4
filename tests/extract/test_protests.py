"""Protests and riots as first-class events, on plain sentences of our own, through the whole pipeline."""

from __future__ import annotations

import pytest

import marsad


@pytest.mark.parametrize("text", [
    "ونظم عشرات الأطباء وقفة احتجاجية أمام مستشفى المدينة للمطالبة بتحسين ظروف العمل.",
    "واعتصم العمال أمام مقر الشركة لليوم الثالث على التوالي للمطالبة بصرف رواتبهم.",
    "وتظاهر آلاف المواطنين في وسط العاصمة تونس يوم الجمعة احتجاجا على ارتفاع الأسعار.",
    "وقال شهود إن مئات السكان نظموا تجمعات في شوارع المدينة يوم الخميس للمطالبة بالإفراج عن المعتقلين.",
])
def test_demonstrations_are_protest_events(text: str) -> None:
    events = marsad.extract(text, published="2018-05-29").events
    assert [e.event_type for e in events] == ["protests"]
    assert any(a.role == "perpetrator" for a in events[0].actors)  # the protesters, as the text names them


def test_police_dispersing_a_protest_is_intervention() -> None:
    text = ("وتظاهر مئات الطلاب أمام مقر الحكومة في العاصمة عمان يوم الأحد، "
            "وفرقت الشرطة المتظاهرين بالغاز المسيل للدموع.")
    [event] = marsad.extract(text, published="2018-06-04").events
    assert event.event_type == "protests"
    assert event.sub_event_type == "protest_with_intervention"


def test_a_riot_with_burning_and_stone_throwing() -> None:
    text = "وأحرق مئات الشبان إطارات السيارات ورشقوا قوات الأمن بالحجارة في مدينة البصرة مساء السبت."
    events = marsad.extract(text, published="2018-07-15").events
    assert events and events[0].event_type in ("riots", "protests")
