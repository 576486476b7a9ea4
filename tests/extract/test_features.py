"""Named features of candidates (``marsad.extract.features``)."""

from marsad.extract.candidates import find_candidates
from marsad.extract.features import group_features
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
