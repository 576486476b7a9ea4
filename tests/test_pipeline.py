"""Names as the pipeline cuts them from the tagger's spans, persons and places (real tagger, real gazetteer)."""

import datetime as dt

from marsad.model import Document, Entity
from marsad.pipeline import _before_dates, _names_as_read, default_pipeline


def _cut(text: str, spans: list[str]) -> list[str]:
    entities = [Entity("PERS", text.index(s), text.index(s) + len(s), s) for s in spans]
    return [e.mention for e in _names_as_read(text, entities, default_pipeline()._first_names)]


def test_title_and_glued_conjunction_are_not_part_of_the_name() -> None:
    text = "وقال العقيد سامي حداد وخالد يوسف إن الطريق أغلق."
    assert _cut(text, ["العقيد سامي حداد", "وخالد يوسف"]) == ["سامي حداد", "خالد يوسف"]


def test_a_preposition_glued_to_a_name_is_not_part_of_it() -> None:
    text = "وقال لفيصل رجب إن الطريق أغلق."
    assert _cut(text, ["لفيصل رجب"]) == ["فيصل رجب"]
    text = "وقال رئيس المكتب الإعلامي لمنظمة الخوذ البيضاء ولواء العروبة إن الطريق أغلق."
    entities = [Entity("ORG", text.index(s), text.index(s) + len(s), s) for s in ("لمنظمة الخوذ البيضاء", "لواء العروبة")]
    cut = _names_as_read(text, entities, default_pipeline()._first_names)
    assert [e.mention for e in cut] == ["منظمة الخوذ البيضاء", "لواء العروبة"]  # "لواء" is a head itself
    assert all(text[e.start:e.end] == e.mention for e in cut)


def test_a_name_that_starts_with_waw_is_kept() -> None:
    text = "وقال وليد يوسف إن الطريق أغلق."
    assert _cut(text, ["وليد يوسف"]) == ["وليد يوسف"]


def test_two_halves_of_one_name_are_joined_and_offsets_stay_exact() -> None:
    text = "وأكد علي حميد علي القيز أن الطريق أغلق، وقال سامي حداد، ويوسف."
    names = _names_as_read(text, [Entity("PERS", 5, 13, "علي حميد"), Entity("PERS", 14, 23, "علي القيز")],
                          default_pipeline()._first_names)
    assert [(e.start, e.end) for e in names] == [(5, 23)]
    assert text[names[0].start:names[0].end] == "علي حميد علي القيز"


def test_the_pipeline_gives_the_joined_name() -> None:
    from marsad.model import Document
    an = default_pipeline().analyse(Document(id="t", text="وقتل علي حميد علي القيز ثلاثة جنود في هجوم على حاجز للجيش في المدينة."))
    people = [m.text for m in an.mentions if m.label == "PERS"]
    assert "علي حميد علي القيز" in people


def test_a_village_a_place_noun_introduces_is_no_kunya() -> None:
    text = "وتخطط إسرائيل لإعادة توطين السكان في منطقة قرب قرية أبو ديس الفلسطينية قرب القدس."
    mentions = default_pipeline().analyse(Document(id="x", text=text)).mentions
    assert [(m.text, m.label, m.country) for m in mentions if "ديس" in m.text] == [("أبو ديس", "PLACE", "PS")]


def test_a_name_ends_before_a_day_named_in_words() -> None:
    text = "أكدت منظمة حظر الأسلحة الكيميائية الأربعاء أن غاز الكلور استخدم، وقالت حركة 6 أبريل إنها ستتظاهر."
    an = default_pipeline().analyse(Document(id="x", text=text, published=dt.date(2018, 5, 16)))
    wrong = Entity("ORG", text.index("منظمة"), text.index(" أن"), "منظمة حظر الأسلحة الكيميائية الأربعاء")
    group = Entity("ORG", text.index("حركة"), text.index(" إنها"), "حركة 6 أبريل")
    cut = _before_dates(text, [wrong, group], an.dates)
    assert [e.mention for e in cut] == ["منظمة حظر الأسلحة الكيميائية", "حركة 6 أبريل"]
    assert all(text[e.start:e.end] == e.mention for e in cut)
    assert not any("الأربعاء" in m.text for m in an.mentions)


def test_a_kunya_is_one_person_and_its_nisba_no_nationality() -> None:
    # the tagger alone reads "أبو حمزة" and the gazetteer reads "التونسي" as Tunisia
    text = "وقال المصدر إن أبو حمزة التونسي أحد أبرز خبراء المتفجرات في التنظيم قتل بانفجار داخل عمارة سكنية."
    mentions = default_pipeline().analyse(Document(id="x", text=text)).mentions
    assert [m.text for m in mentions if m.label == "PERS"] == ["أبو حمزة التونسي"]
    assert not [m for m in mentions if m.label == "DEMONYM"]


def test_a_group_several_entries_share_a_name_with_is_still_a_group_with_its_leader() -> None:
    # "أنصار الشريعة" names a Libyan and a Tunisian group; "سيف الله" the tagger read as no person
    text = "وأكد مصدر عسكري مقتل أمير تنظيم أنصار الشريعة سيف الله بن حسين في اشتباكات وقعت اليوم في بنغازي."
    result = default_pipeline()(Document(id="x", text=text))
    assert [(r.type, r.source.name, r.target.name) for r in result.relations] == \
        [("role", "سيف الله بن حسين", "أنصار الشريعة")]
    group = next(m for m in default_pipeline().analyse(Document(id="x", text=text)).mentions if m.kind == "group")
    assert (group.text, group.kb_id) == ("أنصار الشريعة", None)
    # a longer name the tagger reads there wins: "فتح" (Fatah) is not the group of "جماعة فتح الله غولن"
    text = "وأكد مصدر أمني مقتل مسلحين في اشتباكات مع عناصر من جماعة فتح الله غولن في أنقرة."
    mentions = default_pipeline().analyse(Document(id="x", text=text)).mentions
    assert "fatah" not in {m.kb_id for m in mentions}
    assert any("غولن" in m.text for m in mentions)


def test_a_place_the_tagger_reads_longer_than_the_gazetteer_keeps_its_whole_name() -> None:
    # the gazetteer knows a "حيد" and a "منطقة دير"; the tagger reads the whole names
    pipeline = default_pipeline()
    for text, name in (("سقط 14 مسلحا حوثيا في معارك في منطقة حيد الحمام بمديرية مقبنة في اليمن.", "حيد الحمام"),
                       ("قتل مسؤول بانفجار نفذه مسلحون مجهولون اليوم في منطقة دير السفلى شمال غرب باكستان.",
                        "دير السفلى")):
        places = [m for m in pipeline.analyse(Document(id="x", text=text)).mentions if m.label in ("PLACE", "LOC")]
        assert name in [m.text for m in places]
        assert all(text[m.start:m.end] == m.text for m in places)
        assert not any(m.text != name and name.startswith(m.text.removeprefix("منطقة ")) for m in places)


def test_a_conjunction_the_tagger_glued_to_a_country_does_not_replace_the_gazetteer_place() -> None:
    text = "وتصاعد القتال بين قوات النظام المدعومة بمليشيات من حزب الله اللبناني وإيران، ومسلحي تنظيم داعش."
    mentions = default_pipeline().analyse(Document(id="x", text=text)).mentions
    iran = [m for m in mentions if m.text == "إيران"]
    assert iran and iran[0].label == "PLACE" and iran[0].country == "IR"


def test_a_backing_word_inside_a_group_name_is_no_support_cue() -> None:
    # "قوات التحالف العربي" must not end the coalition's name before "لدعم الشرعية", whose "دعم" would
    # make the coalition a backer of the Houthis it besieges
    text = ("تحاصر قوات المقاومة اليمنية المشتركة، المدعومة من قبل قوات التحالف العربي لدعم الشرعية في اليمن، "
            "ميليشيات الحوثي الموالية لإيران داخل مركز مديرية الدريهمي.")
    result = default_pipeline()(Document(id="x", text=text))
    backed = {(r.source.kb_id, r.target.kb_id) for r in result.relations if r.type == "support"}
    assert ("arab-coalition", "ye-national-resistance") in backed
    assert ("arab-coalition", "houthis") not in backed
    assert {source for source, target in backed if target == "houthis"} <= {"countries_ar:IR:إيران"}  # "الموالية لإيران"
