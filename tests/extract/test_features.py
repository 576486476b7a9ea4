"""Named features of candidates (``marsad.extract.features``)."""

import dataclasses

from marsad.extract.candidates import find_candidates
from marsad.extract.features import group_features, join_features
from marsad.extract.nonevents import counted_since, ordinary_crime
from marsad.extract.views import sentence_views


def _candidates(an):  # type: ignore[no-untyped-def]
    return find_candidates(an, sentence_views(an))


def test_whom_an_attack_hit_soldiers_or_worshippers(make_analysis) -> None:  # type: ignore[no-untyped-def]
    cands = _candidates(make_analysis("هاجم مسلحون ثكنة للجنود في الشمال. وفجر انتحاري نفسه بين المصلين في مسجد."))
    soldiers = group_features([c for c in cands if c.sentence == 0])
    worshippers = group_features([c for c in cands if c.sentence == 1])
    assert "tgt=armed" in soldiers and "tgt=civilian" not in soldiers
    assert "tgt=civilian" in worshippers and "tgt=armed" not in worshippers
    assert {"tgt=armed", "tgt=civilian"} <= set(group_features(cands))  # an incident reads all its sentences


def test_a_sentence_naming_nobody_hit_has_no_target_feature(make_analysis) -> None:  # type: ignore[no-untyped-def]
    cands = _candidates(make_analysis("ووقع انفجار قوي مساء اليوم."))
    assert cands and not any(name.startswith("tgt") for name in group_features(cands))


def test_a_gang_of_thieves_arrested_is_ordinary_crime(make_analysis) -> None:  # type: ignore[no-untyped-def]
    for text, crime in (("وألقت الشرطة القبض على عصابة مختصة في السرقة.", True),
                        ("وألقت الشرطة القبض على ثلاثة أشخاص بتهمة الانتماء إلى خلية إرهابية.", False),
                        ("وداهمت عصابات مسلحة المنازل وقامت بسرقة الأموال.", False)):  # armed gangs in a war
        cands = _candidates(make_analysis(text))
        assert cands, text
        assert ordinary_crime(cands) is crime, text


def test_a_toll_counted_since_a_date_or_a_long_while_is_a_statistic(make_analysis) -> None:  # type: ignore[no-untyped-def]
    cases = (("وقتل 171 شخصا في المدينة منذ 30 آذار.", {"30 آذار": ("2018-03-30", "day", True)}, True),
             ("وقتلت الجماعة نحو عشرة آلاف شخص منذ عام 2009.", {"عام 2009": ("2009", "year")}, True),
             ("وقتل 40 جنديا منذ بدء الهجوم.", {}, True),
             ("ومنذ عام 2013، تخوض القوات في شمال سيناء مواجهات عنيفة ضد الجماعات المسلحة.",
              {"عام 2013": ("2013", "year")}, True),  # opening the sentence, it counts for all of it
             ("وشن الجيش منذ السبت غارات على المدينة.", {"السبت": ("2018-05-26", "day", True)}, False),  # a day just past
             ("وقتل 12 شخصا في أعنف هجوم منذ أشهر.", {}, False),  # one act compared with others
             ("وكانت القاعدة محاصرة منذ أسابيع، وقتل 20 مسلحا في الهجوم الذي بدأ أمس.", {}, False))  # another clause
    for text, dates, since in cases:
        an = make_analysis(text, dates=dates)
        cands = [c for c in _candidates(an) if c.trigger.key in ("قتل", "قتلت", "شن", "غارات", "الهجوم", "هجوم", "مواجهات")]
        assert cands, text
        assert any(counted_since(c) for c in cands) is since, text


def test_a_later_report_giving_its_own_count_is_read_as_another_act(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("واعتقلت الشرطة 27 شخصا في مداهمات بمدينة هطاي. "
            "وقالت الشرطة إنها اعتقلت 76 شخصا في شرناق. "
            "وأضافت أن الـ27 اعتقلوا فجر الثلاثاء.")
    an = make_analysis(text, quantities={"27": 27, "76": 76, "الـ27": 27})
    cands = _candidates(an)
    first, second, third = ([c for c in cands if c.sentence == i] for i in range(3))
    assert first and second and third
    assert "counts_new" in join_features(first, second[0], first=True, latest=True)
    assert "counts_shared" in join_features(first, third[0], first=True, latest=True)


def test_a_later_report_naming_a_new_town_is_read_as_another_act(make_analysis) -> None:  # type: ignore[no-untyped-def]
    text = ("واعتقلت الشرطة عشرات الأشخاص في مداهمات بمدينة هطاي. "
            "كما اعتقلت الشرطة آخرين في مدينة شرناق. "
            "وجرت الاعتقالات في هطاي فجر الثلاثاء.")
    an = make_analysis(text, places={"هطاي": ("TR", "city"), "شرناق": ("TR", "city")})
    hatay = next(m for m in an.mentions if m.text == "هطاي")
    again = text.rindex("هطاي")  # the conftest marks first occurrences only
    an = dataclasses.replace(an, mentions=tuple(sorted(
        [*an.mentions, dataclasses.replace(hatay, start=again, end=again + len("هطاي"))], key=lambda m: m.start)))
    cands = _candidates(an)
    first, second, third = ([c for c in cands if c.sentence == i] for i in range(3))
    assert first and second and third
    assert "town_new" in join_features(first, second[0], first=True, latest=True)
    assert "town_seen" in join_features(first, third[0], first=True, latest=True)
