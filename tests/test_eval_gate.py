"""Evaluation gates: quality floors scored by the official scorer, pinned in ``eval_baseline.json``.

- ``cross_validated``: the learned models, 5-fold cross-validated on ``train.gold.jsonl`` (each
  article extracted by models that never saw it), the figure that says how Marsad reads news it
  was not shaped on;
- ``shipped``: the shipped models (trained on ``train.gold.jsonl``) on ``dev.gold.jsonl`` and
  ``seeds.gold.jsonl``, which they never learned from.

The gold fingerprints are pinned too: a changed gold file fails loudly (re-measure and re-pin).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.eval.events import extract_gold, official_scorer, score_file
from marsad.pipeline import process

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))


def _gold(name: str) -> Path:
    gold = SHARED / "eval" / name
    if not gold.is_file() or official_scorer(Path(__file__)) is None:
        pytest.skip(f"shared gold {gold} or the official scorer is absent")
    digest = hashlib.sha256(gold.read_bytes()).hexdigest()
    assert digest == BASELINE["gold"][name], f"{name} changed: re-measure and re-pin tests/eval_baseline.json"
    return gold


def _above(report: dict[str, Any], floors: dict[str, Any]) -> None:
    assert report["documents_without_output"] == 0
    assert report["events"]["f1"] >= floors["event_f1"], report["events"]
    assert report["relations"]["f1"] >= floors["relation_f1"], report["relations"]
    for field, floor in floors["fields"].items():
        assert (report["fields"].get(field) or 0.0) >= floor, (field, report["fields"].get(field))


@pytest.mark.parametrize("name", sorted(BASELINE["shipped"]))
def test_shipped_models_stay_above_floors(name: str, tmp_path: Path) -> None:
    gold = _gold(name)
    system = tmp_path / "system.jsonl"
    extract_gold(gold, system, process)
    _above(score_file(gold, system), BASELINE["shipped"][name])


def test_cross_validated_models_stay_above_floors() -> None:
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the dev extra)")
    from marsad.eval.learned import evaluate_learned
    from marsad.learn.events import prepare
    from marsad.learn.everyday import everyday_articles
    from marsad.pipeline import default_pipeline

    pinned = BASELINE["cross_validated"]
    gold = _gold(pinned["gold"])
    corpus = SHARED / "data" / "news" / "all_articles.jsonl.gz"
    negatives = prepare(everyday_articles(corpus, pinned["everyday_per_category"]), default_pipeline(), weak=True) \
        if corpus.is_file() else []
    report = evaluate_learned(gold, default_pipeline(), pinned["folds"], negatives=negatives)["cv"]
    _above(report, pinned)
