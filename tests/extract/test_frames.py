from marsad.extract.candidates import find_candidates
from marsad.extract.views import sentence_views


def _places_by_trigger(an):  # type: ignore[no-untyped-def]
    return {c.trigger.mention: c.frame.place.text if c.frame.place else None
            for c in find_candidates(an, sentence_views(an))}


def test_a_place_after_the_actor_who_carried_out_the_act_locates_the_act(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقالت الجماعة إن الهجوم جاء ردا على غارة شنها الجيش الفرنسي في شمال مالي."
    an = make_analysis(text, actors={"الجماعة": "group", "الجيش الفرنسي": "state_force"},
                       places={"شمال مالي": ("ML", "region")})
    assert _places_by_trigger(an)["غارة"] == "شمال مالي"


def test_a_place_after_an_actor_that_only_locates_the_actor_is_not_the_place(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وأعلنت قيادة الجيش الفرنسي في شمال مالي أن انفجارا وقع قرب القاعدة."
    an = make_analysis(text, actors={"الجيش الفرنسي": "state_force"}, places={"شمال مالي": ("ML", "region")})
    assert _places_by_trigger(an)["انفجارا"] is None


def _triggers(an) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.trigger.mention for c in find_candidates(an, sentence_views(an))]


def test_deaths_from_a_disaster_are_no_candidate_event(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("قتل 25 شخصا على الأقل جراء ثوران بركان في جنوب البلاد.", quantities={"25": 25})
    assert _triggers(an) == []


def test_an_armed_actor_beside_a_disaster_word_keeps_the_act(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وأطلق الحوثيون صاروخا من طراز بركان على المدينة ما أدى إلى مقتل شخصين."
    an = make_analysis(text, actors={"الحوثيون": "group"})
    assert "مقتل" in _triggers(an)


def test_an_attack_word_beside_an_accident_stays_a_candidate(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وقع هجوم على حافلة بعد حادث سير على الطريق.")
    assert _triggers(an) == ["هجوم"]


def test_later_deaths_in_an_article_that_opens_with_a_crash_are_the_crash(make_analysis) -> None:  # type: ignore[no-untyped-def]
    crash = "تحطمت طائرة ركاب قرب المطار صباح الاثنين. وقال متحدث باسم الشرطة إن 31 شخصا قتلوا في المكان."
    assert _triggers(make_analysis(crash)) == []
    news = "عاد الهدوء إلى المدينة صباح الاثنين. وقال متحدث باسم الشرطة إن 31 شخصا قتلوا في المكان."
    assert _triggers(make_analysis(news)) == ["قتلوا"]
