from dataclasses import replace

import pytest

from marsad.model import Mention
from marsad.resolve.actors import default_kb, full_person_names
from marsad.text.segment import tokenize


def _find(text: str) -> list[tuple[str, str | None]]:
    return [(m.mention, m.entry.id if m.entry else None) for m in default_kb().find(text, tokenize(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أعلن تنظيم داعش مسؤوليته", [("تنظيم داعش", "isis")]),
        ("ذبحت جماعة جند الخلافة رهينة", [("جماعة جند الخلافة", "jund-al-khilafa-dz")]),
        ("بايعت جماعة أنصار بيت المقدس التنظيم", [("جماعة أنصار بيت المقدس", "abm")]),
        ("قتل عنصران من ميليشيات الحوثي الإيرانية", [("ميليشيات الحوثي الإيرانية", "houthis")]),
        ("وأعلنت حركة الشباب", [("حركة الشباب", "shabaab")]),
        ("قصفت قوات التحالف العربي مواقع", [("قوات التحالف العربي", "arab-coalition")]),
        ("أعلن الجيش المالي", [("الجيش المالي", "state-ml")]),
        ("قالت الشرطة البلجيكية", [("الشرطة البلجيكية", "state-be")]),
        ("ولداعش خلايا", [("داعش", "isis")]),
        ("سيطرت قوات البيشمركة على القرية", [("قوات البيشمركة", "peshmerga")]),
        ("اشتبكت ألوية العمالقة مع الحوثيين", [("ألوية العمالقة", "giants-brigades"), ("الحوثيين", "houthis")]),
        ("أعلن مجلس شورى مجاهدي درنة انسحابه", [("مجلس شورى مجاهدي درنة", "derna-msc")]),
        ("أعلنت أنصار الشريعة في ليبيا حل نفسها", [("أنصار الشريعة في ليبيا", "ansar-sharia-ly")]),
        ("تبنت حركة حسم الهجوم", [("حركة حسم", "hasm")]),
        # the whole name, so that what qualifies it follows it ("قوات الجيش الوطني المسنودة بقوات التحالف")
        ("تقدمت قوات الجيش الوطني المسنودة", [("قوات الجيش الوطني", "state-generic")]),
        ("قصفت كتائب حزب الله موقعا", [("كتائب حزب الله", "kataib-hezbollah")]),
        ("وقاتلت الفرقة الرابعة مدرعات في ريف دمشق", [("الفرقة الرابعة مدرعات", "fourth-division-sy")]),
        ("هاجمت قوات الدعم السريع بلدة", [("قوات الدعم السريع", "rsf")]),
        ("ينتمي إلى جماعة أبو سياف", [("جماعة أبو سياف", "abu-sayyaf")]),
        ("ولجبهة البوليساريو ممثل", [("جبهة البوليساريو", "polisario")]),
        ("قصفت قوات التحالف العربي لدعم الشرعية مواقع", [("قوات التحالف العربي لدعم الشرعية", "arab-coalition")]),
    ],
)
def test_aliases_link_to_actors_with_exact_offsets(text: str, expected: list[tuple[str, str]]) -> None:
    assert _find(text) == expected
    for m in default_kb().find(text, tokenize(text)):
        assert text[m.start:m.end] == m.mention


@pytest.mark.parametrize("text", ["وصل الجنود إلى القاعدة العسكرية", "يشارك الشباب العربي في البطولة",
                                  "قدم النصرة للمظلومين", "فاز الفريق بالمباراة",
                                  "رفعوا لواء الثورة في الساحات", "حسم الفريق اللقب", "يحدوه أمل كبير",
                                  "قال الناطق باسم الجيش محمد علي", "وصلت الفرقة الرابعة إلى المدينة",
                                  "التقى وفد من أنصار الشريعة", "زار رئيس ولاية الصومال الإثيوبية المدينة",
                                  "هاجم مسلحو الجماعة قاعدة للجيش"])
def test_ambiguous_words_are_not_actors(text: str) -> None:
    assert [m for m in _find(text) if m[1] not in ("state-generic",)] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("قتل أمير تنظيم أنصار الشريعة في اشتباكات", [("أنصار الشريعة", None)]),  # the Libyan or the Tunisian group
    ("وقالت جماعة أنصار الإسلام إنها هاجمت موقعا", [("أنصار الإسلام", None)]),
    ("وهاجمت ميليشيا العصائب البلدة", [("العصائب", "asaib-ahl-al-haq")]),  # one entry has the name
])
def test_an_ambiguous_name_after_a_word_that_introduces_a_group_is_a_group(
        text: str, expected: list[tuple[str, str | None]]) -> None:
    assert _find(text) == expected
    for m in default_kb().find(text, tokenize(text)):
        assert text[m.start:m.end] == m.mention


def test_renames_allegiance_and_roles() -> None:
    kb = default_kb()
    abm = kb.lookup("أنصار بيت المقدس")
    assert abm is not None and abm.allegiance == "isis"
    assert kb.current_name(abm).id == "isis-sinai"
    assert kb.current_name(abm, "2014-06").id == "abm"
    sinai = kb.get("isis-sinai")
    assert sinai is not None and [p.id for p in kb.parents(sinai)] == ["isis"]
    adnani = kb.lookup("العدناني")
    assert adnani is not None and ("spokesman_of", "isis") in adnani.roles


def test_every_entry_has_provenance() -> None:
    kb = default_kb()
    assert len(kb) > 100
    assert all(kb.get(i).source for i in ("isis", "abm", "jnim", "houthis", "state-eg"))  # type: ignore[union-attr]


def test_a_person_named_again_by_his_last_name_takes_his_full_name() -> None:
    text = "نفذ خالد مسعود الهجوم، وقال جيران مسعود إنه كان هادئا. والتقى سامي حداد وعلي حداد بالوفد، وقال حداد إن الوفد غادر."
    def at(name: str, nth: int = 1, label: str = "PERS") -> Mention:
        start = -1
        for _ in range(nth):
            start = text.index(name, start + 1)
        return Mention(start, start + len(name), name, label, name)
    masood = at("خالد مسعود", label="ACTOR")
    mentions = [replace(masood, kb_id="p-masood", kind="person"), at("مسعود", 2), at("سامي حداد"), at("علي حداد"),
                at("حداد", 3)]
    named = full_person_names(mentions)
    assert (named[1].text, named[1].name, named[1].kb_id) == ("مسعود", "خالد مسعود", "p-masood")
    assert named[4].name == "حداد"  # two people of that name: left as written
    assert [m.name for m in named[:1] + named[2:4]] == ["خالد مسعود", "سامي حداد", "علي حداد"]
