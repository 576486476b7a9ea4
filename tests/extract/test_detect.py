"""Grouping candidates into incidents: which incidents a candidate may join."""

from __future__ import annotations

from marsad.extract.candidates import find_candidates
from marsad.extract.detect import family, joinable
from marsad.extract.views import sentence_views


def _may_join(an, first: str, later: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the candidate ``later`` may join an incident holding only the candidate ``first``."""
    by_word = {c.trigger.mention: c for c in find_candidates(an, sentence_views(an))}
    group = [by_word[first]]
    return joinable([group], [family(group[0].event_type)], by_word[later]) == [0]


def test_the_act_an_attack_answers_is_another_incident(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقالت الجماعة إن الهجومين جاءا ردا على غارة شنها الجيش في شمال البلاد."
    an = make_analysis(text, actors={"الجماعة": "group", "الجيش": "state_force"})
    assert not _may_join(an, "هجومين", "غارة")


def test_without_retaliation_words_a_generic_attack_may_take_an_air_strike(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقالت الجماعة إن الهجومين تبعتهما غارة شنها الجيش في شمال البلاد."
    an = make_analysis(text, actors={"الجماعة": "group", "الجيش": "state_force"})
    assert _may_join(an, "هجومين", "غارة")


def test_a_demonstration_that_turns_violent_is_one_incident(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وخرج آلاف المحتجين إلى شوارع المدينة مطالبين برحيل الحكومة، ورشق بعضهم الشرطة بالحجارة."
    an = make_analysis(text)
    assert family("protests") == family("riots")
    assert _may_join(an, "المحتجين", "رشق")


def test_a_demonstration_is_not_an_attack(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وخرج آلاف المحتجين إلى الشوارع، وانفجرت سيارة مفخخة قرب السوق.")
    assert family("protests") != family("explosions_remote_violence")
    assert not _may_join(an, "المحتجين", "سيارة مفخخة")
