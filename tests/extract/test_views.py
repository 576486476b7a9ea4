"""Sentence views: the mentions the extraction rules read, including the ones views add."""

from __future__ import annotations

from marsad.extract.views import investigates, responds, sentence_views, speaks_of_others, tied_to


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


def test_a_war_machine_that_is_also_an_adjective_still_names_the_state(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وقصفت المدفعية الإسرائيلية موقعا شرق المدينة.", demonyms={"الإسرائيلية": "IL"})
    assert _actors(an) == [("الإسرائيلية", "state_force", "IL")]


def test_an_adjective_of_the_act_is_no_doer(make_analysis) -> None:  # type: ignore[no-untyped-def]
    for text in ("وقتل 15 شخصا في التفجير الإرهابي الذي استهدف المسجد أمس.",
                 "أدان المجلس التفجير الانتحاري الذي استهدف المسجد.",
                 "وقتل ثلاثة جنود في هجوم إرهابي على حاجز أمني."):
        assert [a for a in _actors(make_analysis(text)) if a[1] == "other"] == [], text
    # the doer named after a verb or in a relative clause stays one
    assert ("انتحاري", "other", None) in _actors(make_analysis("وفجر انتحاري نفسه داخل المسجد فقتل 15 شخصا."))
    assert ("انتحاري", "other", None) in _actors(make_analysis("قتل أربعة في تفجير سيارة مفخخة يقودها انتحاري."))


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


def test_a_group_anaphor_names_the_group_not_the_one_it_is_tied_to(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "تبنت جماعة النصرة المرتبطة بتنظيم القاعدة الهجوم. وقالت الجماعة في بيان إنه جاء ردا على غارة."
    an = make_analysis(text, actors={"جماعة النصرة": "group", "تنظيم القاعدة": "group"})
    anaphors = [m for v in sentence_views(an) for m in v.actors if m.source == "anaphora"]
    assert [(m.text, m.name) for m in anaphors] == [("الجماعة", "جماعة النصرة")]


def _flags(an, rule):  # type: ignore[no-untyped-def]
    return {m.text: rule(v, m) for v in sentence_views(an) for m in v.actors}


def test_the_force_that_stopped_the_attacker_is_a_responder(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وطعن رجل ثلاثة أشخاص قرب المحطة قبل أن تطلق الشرطة النار عليه.",
                       actors={"رجل": "other", "الشرطة": "state_force"})
    assert _flags(an, responds) == {"رجل": False, "الشرطة": True}


def test_a_speaker_of_a_report_about_others_is_not_its_subject(make_analysis) -> None:  # type: ignore[no-untyped-def]
    about_others = make_analysis("وأضافت الشرطة أن المهاجم تصرف وحده.", actors={"الشرطة": "state_force"})
    assert _flags(about_others, speaks_of_others)["الشرطة"] is True
    about_itself = make_analysis("وقال الجيش إنه قصف مواقع المسلحين.", actors={"الجيش": "state_force"})
    assert _flags(about_itself, speaks_of_others)["الجيش"] is False


def test_a_speaker_with_a_setting_before_that_speaks_of_others(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وبين الباهي في تصريح لإذاعة محلية، أن مسلحين هاجموا الحاجز."
    an = make_analysis(text, persons=["الباهي"])
    [view] = sentence_views(an)
    assert speaks_of_others(view, view.actors[0])


def test_a_speaker_with_a_title_between_commas_speaks_of_others(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "قال مهدي الباهي، رئيس جمعية محلية، إن الهجوم لم يسفر عن ضحايا."
    an = make_analysis(text, persons=["مهدي الباهي"])
    [view] = sentence_views(an)
    assert speaks_of_others(view, view.actors[0])


def test_an_act_between_the_speaker_and_that_makes_no_setting(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "قال الجيش الذي قصف مواقع المسلحين، إن العملية مستمرة."
    an = make_analysis(text, actors={"الجيش": "state_force"})
    [view] = sentence_views(an)
    assert not speaks_of_others(view, view.actors[0])


def test_a_group_named_after_a_tie_and_its_head_noun_is_tied(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وأظهرت المؤشرات أن المهاجمين مرتبطين بتنظيم داعش."
    an = make_analysis(text, actors={"داعش": "group"})
    assert _tied(an, ["داعش"]) == {"داعش": True}


def test_the_police_looking_into_a_killing_did_not_do_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    for text in ("وقالت إن الشرطة تحقق في مقتل طالب في المدينة.", "تحقق الشرطة في مقتل طالب في المدينة."):
        an = make_analysis(text, actors={"الشرطة": "state_force"})
        [view] = sentence_views(an)
        assert investigates(view, view.actors[0]), text
    an = make_analysis("قتلت الشرطة مسلحا وتحقق في هويته.", actors={"الشرطة": "state_force"})
    [view] = sentence_views(an)
    assert not investigates(view, view.actors[0])


def test_the_act_after_a_retaliation_cue_is_the_one_answered(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = "وقالت الحركة إن القصف جاء ردا على غارة استهدفت المدينة أمس."
    [view] = sentence_views(make_analysis(text))
    assert [(trig.mention, text[begins:begins + 8]) for trig, begins in view.answered()] == [("غارة", "ردا على ")]


def test_retaliation_words_before_at_once_or_that_name_no_act_answered(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "answered at once by opening fire", "in answer to that, the tanks shelled": the act after the
    # cue is the answer itself
    for text in ("وقال الجيش إنه رد على الفور بفتح النار على المواقع.", "وردا على ذلك قصفت الدبابات موقعا قريبا."):
        [view] = sentence_views(make_analysis(text))
        assert view.triggers, text
        assert view.answered() == [], text


def _trigger_words(an) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.mention for v in sentence_views(an) for t in v.triggers]


def test_a_trigger_word_inside_a_group_name_reports_nothing(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وقالت هيئة تحرير الشام في بيان إنها ترفض الاتفاق.", actors={"هيئة تحرير الشام": "group"})
    assert _trigger_words(an) == []
    # without the name, the same word reports the retaking of a town
    assert _trigger_words(make_analysis("وأعلن الجيش تحرير البلدة.")) == ["تحرير"]


def test_a_trigger_word_after_the_head_of_a_name_reports_nothing(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وتظاهر الآلاف في ميدان التحرير وسط القاهرة.")
    assert _trigger_words(an) == ["تظاهر"]
    assert _trigger_words(make_analysis("وقالت قناة المسيرة إن الجماعة ستواصل المفاوضات.")) == []


def test_a_force_whose_name_is_a_report_keeps_it(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # "الدفاع الجوي" inside the name of the force that shot the missile down still reports it
    an = make_analysis("وأسقطت قوات الدفاع الجوي السعودية صاروخا فوق المدينة.",
                       actors={"قوات الدفاع الجوي السعودية": "state_force"})
    assert "الدفاع الجوي" in _trigger_words(an)


def test_a_name_stretched_over_the_next_verb_keeps_the_verb(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وقالت إن عملاء الموساد اغتالوا زوجها.", actors={"عملاء الموساد اغتالوا": "group"})
    assert _trigger_words(an) == ["اغتالوا"]


def test_an_intercepted_weapon_is_what_the_interception_reports(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("واعترضت الدفاعات الجوية صاروخا باليستيا أطلقه المتمردون باتجاه المدينة.")
    assert _trigger_words(an) == ["الدفاعات الجوية"]
    # a strike told after the interception, in a clause of its own, stays
    an = make_analysis("واعترضت الدفاعات الجوية صاروخين، وقصفت الطائرات مواقع المتمردين.")
    assert "قصفت" in _trigger_words(an)
    # the attackers killed while their attack was foiled were killed
    an = make_analysis("وأعلن الجيش إحباط محاولة هجوم للمسلحين وقتلت 21 منهم.")
    assert "هجوم" not in _trigger_words(an) and "قتلت" in _trigger_words(an)
