from marsad.model import Mention
from marsad.nlp.quoted import groups_named_after_people, quoted_groups
from marsad.text.segment import segment


def _names(text: str) -> list[str]:
    found = quoted_groups(text)
    assert all(text[m.start:m.end] == m.text for m in found)
    return [m.name for m in found]


def test_quoted_names_that_open_with_a_group_word_are_groups() -> None:
    assert _names('وكان يرأس ما يسمى "مجلس شورى المجاهدين" في المدينة.') == ["مجلس شورى المجاهدين"]
    assert _names("وأصدرت «غرفة عمليات المدينة» بيانا.") == ["غرفة عمليات المدينة"]
    assert _names("وأعلن “الجيش الجديد” مسؤوليته.") == ["الجيش الجديد"]


def test_quoted_names_after_a_word_that_introduces_a_group_are_groups() -> None:
    assert _names('وقال إن العائلة مرتبطة بشبكة "أنصار الغد"، التي نفذت الهجوم.') == ["أنصار الغد"]
    assert _names('وتبنت جماعة "النجم الساطع" الهجوم.') == ["النجم الساطع"]


def test_other_quotations_are_not_groups() -> None:
    assert _names('وقال الوزير إن "الوضع تحت السيطرة" بعد الهجوم.') == []
    assert _names('وأطلق الجيش عملية «درع المدينة» الأسبوع الماضي.') == []
    assert _names('ووصف الاتفاق بأنه "صفقة القرن".') == []
    assert _names('وقال "إن مجلس المدينة سيجتمع غدا لمناقشة الموازنة العامة للعام المقبل".') == []


def test_a_persons_name_after_a_group_word_names_a_group() -> None:
    text = "وقاتلت حركة نور الدين الزنكي ولواء أبو الفضل العباس في المدينة."
    _, tokens = segment(text, ())
    people = [Mention(text.index(n), text.index(n) + len(n), n, "PERS", n) for n in ("نور الدين الزنكي", "أبو الفضل العباس")]
    found = groups_named_after_people(text, tokens, people)
    assert [(m.text, m.label, m.kind) for m in found] == [("حركة نور الدين الزنكي", "ORG", "group"),
                                                          ("لواء أبو الفضل العباس", "ORG", "group")]
    assert all(text[m.start:m.end] == m.text for m in found)
    alone = "وقال نور الدين إن الهجوم وقع."
    _, tokens = segment(alone, ())
    assert groups_named_after_people(alone, tokens, [Mention(4, 13, "نور الدين", "PERS", "نور الدين")]) == []
