"""Sentence views: the mentions the extraction rules read, including the ones views add."""

from __future__ import annotations

from marsad.extract.views import sentence_views


def _actors(an) -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(m.text, m.kind, m.country) for v in sentence_views(an) for m in v.actors]


def test_a_nationality_after_an_act_names_the_state_that_acted(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("قتل تسعة أشخاص في غارة تركية على المدينة.", demonyms={"تركية": "TR"})
    assert _actors(an) == [("تركية", "state_force", "TR")]


def test_act_adjectives_may_stand_between_the_machine_and_the_nationality(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وقصفت طائرات حربية روسية بلدة في الريف.", demonyms={"روسية": "RU"})
    assert _actors(an) == [("روسية", "state_force", "RU")]


def test_a_nationality_of_the_people_hit_is_not_an_actor(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("قتل جندي تركي وأصيب مواطن سوري في المدينة.", demonyms={"تركي": "TR", "سوري": "SY"})
    assert _actors(an) == []


def test_a_nationality_inside_a_named_actor_adds_nothing(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("شنت الطائرات التركية غارة على المدينة.", actors={"الطائرات التركية": "state_force"},
                       demonyms={"التركية": "TR"})
    assert _actors(an) == [("الطائرات التركية", "state_force", None)]
