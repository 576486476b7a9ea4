"""Training and cross-validation on a small gold file of our own sentences (real pipeline, no NER)."""

from __future__ import annotations

import pytest

from marsad.learn.events import TrainingOptions, cross_validate, predict, prepare, train_models
from marsad.pipeline import Pipeline, PipelineOptions

pytest.importorskip("sklearn", reason="training needs scikit-learn (the dev extra)")

_EVENTS = [
    ("قتل ثلاثة أشخاص في انفجار عبوة ناسفة بمدينة الموصل، الاثنين.", "انفجار عبوة ناسفة بمدينة الموصل",
     "explosions_remote_violence"),
    ("شنت طائرات حربية غارات على بلدة في ريف إدلب، ما أسفر عن مقتل خمسة مدنيين.", "شنت طائرات حربية غارات على بلدة",
     "explosions_remote_violence"),
    ("وتظاهر مئات الطلاب أمام مقر الحكومة في العاصمة عمان يوم الأحد.", "وتظاهر مئات الطلاب أمام مقر الحكومة", "protests"),
    ("اعتقلت الشرطة خمسة أشخاص يشتبه في انتمائهم إلى خلية إرهابية في مدينة سوسة.", "اعتقلت الشرطة خمسة أشخاص",
     "strategic_developments"),
    ("اندلعت اشتباكات عنيفة بين الجيش ومسلحين في مدينة درعا، الأحد.", "اندلعت اشتباكات عنيفة بين الجيش ومسلحين",
     "battles"),
]
_QUIET = ["سجل الفريق هدفا في الشوط الثاني من المباراة.", "ارتفعت أسعار النفط في الأسواق العالمية اليوم."]


def _gold() -> list[dict]:  # type: ignore[type-arg]
    out = []
    for i in range(3):
        for j, (text, anchor, kind) in enumerate(_EVENTS):
            out.append({"id": f"e{i}-{j}", "text": text, "published": "2018-05-15",
                        "events": [{"anchor": anchor, "event_type": [kind], "background": False}], "relations": []})
        for j, text in enumerate(_QUIET):
            out.append({"id": f"q{i}-{j}", "text": text, "events": [], "relations": []})
    return out


@pytest.fixture(scope="module")
def docs():  # type: ignore[no-untyped-def]
    return prepare(_gold(), Pipeline(PipelineOptions(ner=False)))


def test_candidates_are_aligned_with_gold_anchors(docs) -> None:  # type: ignore[no-untyped-def]
    event_docs = [d for d in docs if d.gold]
    assert all(any(g is not None for g in d.aligned) for d in event_docs)
    assert all(all(g is None for g in d.aligned) for d in docs if not d.gold)


def test_trained_models_find_the_events_they_learned_and_their_types(docs) -> None:  # type: ignore[no-untyped-def]
    models = train_models(docs, TrainingOptions())
    assert models.detector.classes[0] != "" and "none" in models.detector.classes
    found = {d.id: [e.event_type for e in predict(d, models).events] for d in docs}
    assert found["e0-0"] == ["explosions_remote_violence"] and found["e0-2"] == ["protests"]
    assert found["q0-0"] == [] and found["q0-1"] == []


def test_cross_validation_extracts_every_article_once(docs) -> None:  # type: ignore[no-untyped-def]
    results = cross_validate(docs, k=3, options=TrainingOptions())
    assert sorted(r.id for r in results) == sorted(d.id for d in docs)


def test_eval_events_cv_keeps_the_cross_validated_output(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from marsad.cli import cli

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _gold()), encoding="utf-8")
    out = tmp_path / "cv.jsonl"
    result = CliRunner().invoke(cli, ["eval", "events", "--cv", "3", str(gold), "--out", str(out), "--no-ner"])
    assert result.exit_code == 0, result.output
    assert "events    P=" in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in _gold())


def test_eval_events_scores_each_fold_seed_and_pools_their_counts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import re

    from click.testing import CliRunner

    from marsad.cli import cli

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _gold()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "events", "--cv", "3", "--seed", "13", "--seed", "7", str(gold),
                                      "--no-ner"])
    assert result.exit_code == 0, result.output
    assert "fold seed 13" in result.output and "fold seed 7" in result.output
    assert "pooled over fold seeds 13, 7" in result.output
    counts = [tuple(int(n) for n in m) for m in re.findall(r"events .*\(tp=(\d+) fp=(\d+) fn=(\d+)\)", result.output)]
    first, second, pooled = counts
    assert pooled == tuple(a + b for a, b in zip(first, second, strict=True))
    assert pooled[0] + pooled[2] == 2 * len(_EVENTS) * 3  # every required gold event, once per seed


def test_eval_events_seed_needs_cv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from marsad.cli import cli

    gold = tmp_path / "gold.jsonl"
    gold.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "events", "--seed", "7", str(gold), "--no-ner"])
    assert result.exit_code == 2 and "--seed needs --cv" in result.output
