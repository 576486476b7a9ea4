"""Named features of candidates (``marsad.extract.features``)."""

from marsad.extract.candidates import doc_context, find_candidates
from marsad.extract.features import group_features, trigger_features
from marsad.extract.views import sentence_views


def _features(an):  # type: ignore[no-untyped-def]
    views = sentence_views(an)
    cands = find_candidates(an, views)
    ctx = doc_context(an, views, cands)
    return cands, [trigger_features(c, ctx, cands[:i]) for i, c in enumerate(cands)]


def test_whom_an_attack_hit_soldiers_or_worshippers(make_analysis) -> None:  # type: ignore[no-untyped-def]
    cands, rows = _features(make_analysis("هاجم مسلحون ثكنة للجنود في الشمال. وفجر انتحاري نفسه بين المصلين في مسجد."))
    by_sentence = {c.sentence: row for c, row in zip(cands, rows, strict=True)}
    assert {"tgt=armed", "tgt_after=armed"} <= set(by_sentence[0]) and "tgt=civilian" not in by_sentence[0]
    assert "tgt=civilian" in by_sentence[1] and "tgt=armed" not in by_sentence[1]
    assert {"tgt=armed", "tgt=civilian"} <= set(group_features(cands))  # an incident reads all its sentences


def test_a_sentence_naming_nobody_hit_has_no_target_feature(make_analysis) -> None:  # type: ignore[no-untyped-def]
    _, rows = _features(make_analysis("ووقع انفجار قوي مساء اليوم."))
    assert rows and not any(name.startswith("tgt") for row in rows for name in row)
