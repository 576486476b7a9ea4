"""Evaluation gate: quality floors on the shared gold files, scored by the official scorer.

The floors and the gold fingerprints are pinned in ``tests/eval_baseline.json``. A changed gold
file fails loudly (re-measure and re-pin); a drop below a floor fails CI.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from marsad.eval.events import extract_gold, official_scorer, score_file
from marsad.pipeline import process

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(BASELINE["gold"]))
def test_gold_scores_stay_above_floors(name: str, tmp_path: Path) -> None:
    gold = SHARED / "eval" / name
    scorer = official_scorer(Path(__file__))
    if not gold.is_file() or scorer is None:
        pytest.skip(f"shared gold {gold} or the official scorer is absent")
    pinned = BASELINE["gold"][name]
    assert _sha256(gold) == pinned["sha256"], f"{name} changed: re-measure and re-pin tests/eval_baseline.json"
    system = tmp_path / "system.jsonl"
    extract_gold(gold, system, process)
    report = score_file(gold, system, scorer)
    assert report["documents_without_output"] == 0
    assert report["events"]["f1"] >= pinned["event_f1"], report["events"]
    assert report["relations"]["f1"] >= pinned["relation_f1"], report["relations"]
    for field, floor in pinned["fields"].items():
        assert (report["fields"].get(field) or 0.0) >= floor, (field, report["fields"].get(field))
