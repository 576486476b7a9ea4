"""Casualty tolls read from one sentence (``marsad.extract.tolls``), through the frames that carry them."""

from marsad.extract.candidates import find_candidates
from marsad.extract.views import sentence_views


def _toll(an) -> int | None:  # type: ignore[no-untyped-def]
    values = {c.frame.fatalities.value for c in find_candidates(an, sentence_views(an)) if c.frame.fatalities}
    assert len(values) <= 1, values
    return values.pop() if values else None


def test_possessive_forms_of_death_words_count(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("ولقي 9 أشخاص مصرعهم في انفجار سيارة مفخخة قرب السوق.", quantities={"9": 9})
    assert _toll(an) == 9


def test_a_dual_noun_of_people_is_a_count_of_people(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وقالت مصادر إن شرطيين اثنين من دورية المرور قتلا في انفجار عبوة ناسفة.", quantities={"شرطيين اثنين": 2})
    assert _toll(an) == 2


def test_a_noun_before_its_number_is_a_count_of_people(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وقال مسعفون إن رجلا واحدا على الأقل قتل في القصف على القرية.", quantities={"واحدا": 1})
    assert _toll(an) == 1


def test_an_age_is_not_a_toll(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("أسفر الانفجار عن مقتل شاب عمره 19 عاما في وسط المدينة.", quantities={"19": 19})
    assert _toll(an) == 1


def test_dead_and_wounded_together_are_not_a_death_toll(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وسقط 12 مسلحا بين قتيل وجريح في اشتباكات مع الجيش قرب الحدود.", quantities={"12": 12})
    assert _toll(an) is None


def test_a_count_before_a_new_clause_is_not_its_toll(make_analysis) -> None:  # type: ignore[no-untyped-def]
    # the two gunmen did the killing; the 8 after the verb are the dead
    an = make_analysis("هاجم مسلحان حافلة وقتلا خلالها 8 ركاب قبل أن يفرا.", quantities={"مسلحان": 2, "8": 8})
    assert _toll(an) == 8
    an = make_analysis("أصيب 5 أشخاص وقتل 2 في انفجار عبوة ناسفة.", quantities={"5": 5, "2": 2})
    assert _toll(an) == 2


def test_one_victim_before_the_word_that_says_it_died(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("وقال شهود إن موظفا في البلدية قتل بالرصاص في هجوم على مكتبه.")
    assert _toll(an) == 1
    an = make_analysis("لقي مسؤول محلي مصرعه في انفجار عبوة ناسفة استهدفت سيارته.")
    assert _toll(an) == 1


def test_a_person_named_after_a_killing_word_is_one_victim(make_analysis) -> None:  # type: ignore[no-untyped-def]
    an = make_analysis("أكدت مصادر مقتل سالم الفلاني في غارة جوية على المنطقة.", persons=["سالم الفلاني"])
    assert _toll(an) == 1
