"""Scores of the learned event models on text they were not trained on.

:func:`evaluate_learned` cross-validates on a gold file (folds of whole articles: each article is
extracted by models trained on the other folds) and, when given a test file, scores it with
models trained on the whole gold file. Every figure comes from the official scorer.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from marsad.eval.events import score_file
from marsad.learn.events import (
    Prepared,
    Reviewed,
    TrainingOptions,
    cross_validate,
    predict,
    prepare,
    train_models,
)
from marsad.learn.gold import read_gold
from marsad.model import Result
from marsad.pipeline import Pipeline

__all__ = ["evaluate_learned"]


def evaluate_learned(gold: Path, pipeline: Pipeline, folds: int = 5, test: Path | None = None,
                     options: TrainingOptions | None = None, scorer: Path | None = None,
                     negatives: list[Prepared] = (),  # type: ignore[assignment]
                     progress: Callable[[str], None] | None = None,
                     reviewed: list[Reviewed] = (),  # type: ignore[assignment]
                     out: Path | None = None) -> dict[str, dict[str, Any]]:
    """``{"cv": report, "test": report}`` (official scorer reports). ``negatives``: weak
    everyday examples, ``reviewed``: hand-read records of other articles, both added to every
    training fold (never scored). ``out``: where to keep the cross-validated system output
    (SPEC records, one per article), to read beside the gold."""
    say = progress or (lambda _msg: None)
    say(f"analysing {gold.name}")
    docs = prepare(read_gold(gold), pipeline)
    reports = {}
    say(f"{folds}-fold cross-validation over {len(docs)} articles")
    reports["cv"] = _score(gold, cross_validate(docs, folds, options, negatives=negatives, reviewed=reviewed), scorer,
                           out)
    if test is not None:
        say(f"training on all of {gold.name}, scoring {test.name}")
        models = train_models(docs, options, negatives, reviewed)
        held: list[Prepared] = prepare(read_gold(test), pipeline)
        reports["test"] = _score(test, [predict(d, models) for d in held], scorer)
    return reports


def _score(gold: Path, results: list[Result], scorer: Path | None, out: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        system = out or Path(tmp) / "system.jsonl"
        with system.open("w", encoding="utf-8") as fh:
            for result in results:
                fh.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        return score_file(gold, system, scorer)
