import pytest

from marsad.resolve.actors import default_kb
from marsad.text.segment import tokenize


def _find(text: str) -> list[tuple[str, str]]:
    return [(m.mention, m.entry.id) for m in default_kb().find(text, tokenize(text))]


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
    ],
)
def test_aliases_link_to_actors_with_exact_offsets(text: str, expected: list[tuple[str, str]]) -> None:
    assert _find(text) == expected
    for m in default_kb().find(text, tokenize(text)):
        assert text[m.start:m.end] == m.mention


@pytest.mark.parametrize("text", ["وصل الجنود إلى القاعدة العسكرية", "يشارك الشباب العربي في البطولة",
                                  "قدم النصرة للمظلومين", "فاز الفريق بالمباراة"])
def test_ambiguous_words_are_not_actors(text: str) -> None:
    assert [m for m in _find(text) if m[1] not in ("state-generic",)] == []


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
