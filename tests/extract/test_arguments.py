"""Argument candidates: which mentions may fill an incident's fields."""

from __future__ import annotations

from marsad.extract.arguments import tied_to
from marsad.extract.views import sentence_views


def _tied(an, names: list[str]) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    view = sentence_views(an)[0]
    return {m.text: tied_to(view, m) for m in view.actors if m.text in names}


def test_groups_named_after_a_tie_are_not_doers_even_in_a_list(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "لم تعثر الشرطة على دليل على أن المهاجم كان على صلة بتنظيم الدولة أو بتنظيم القاعدة."
    an = make_analysis(text, actors={"الشرطة": "state_force", "تنظيم الدولة": "group", "تنظيم القاعدة": "group"})
    assert _tied(an, ["الشرطة", "تنظيم الدولة", "تنظيم القاعدة"]) == {
        "الشرطة": False, "تنظيم الدولة": True, "تنظيم القاعدة": True}


def test_the_group_that_is_tied_stays_a_candidate(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "تبنت جماعة النصرة المرتبطة بتنظيم القاعدة الهجوم على المعسكر."
    an = make_analysis(text, actors={"جماعة النصرة": "group", "تنظيم القاعدة": "group"})
    assert _tied(an, ["جماعة النصرة", "تنظيم القاعدة"]) == {"جماعة النصرة": False, "تنظيم القاعدة": True}
