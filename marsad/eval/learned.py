"""Scores of the learned event models on text they were not trained on.

:func:`evaluate_learned` cross-validates on a gold file (folds of whole articles: each article is
extracted by models trained on the other folds) and, when given a test file, scores it with
models trained on the whole gold file. Every figure comes from the official scorer. With several
fold seeds (several shuffles of the articles into folds) each is scored and the counts are pooled:
one shuffle of 223 articles moves F1 by a point or two, and the pooled figure moves less.
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
                     out: Path | None = None, seeds: tuple[int, ...] = (13,)) -> dict[str, Any]:
    """``{"cv": report, "test": report}`` (official scorer reports); with several ``seeds``,
    ``"cv"`` pools the counts of every shuffle and ``"cv_seeds"`` lists ``(seed, report)``.
    ``negatives``: weak everyday examples, ``reviewed``: hand-read records of other articles,
    both added to every training fold (never scored). ``out``: where to keep the cross-validated
    system output of the first seed (SPEC records, one per article), to read beside the gold."""
    say = progress or (lambda _msg: None)
    say(f"analysing {gold.name}")
    docs = prepare(read_gold(gold), pipeline)
    reports: dict[str, Any] = {}
    per_seed = []
    for i, seed in enumerate(seeds):
        say(f"{folds}-fold cross-validation over {len(docs)} articles (fold seed {seed})")
        results = cross_validate(docs, folds, options, seed=seed, negatives=negatives, reviewed=reviewed)
        per_seed.append((seed, _score(gold, results, scorer, out if i == 0 else None)))
    reports["cv"] = per_seed[0][1] if len(per_seed) == 1 else pooled([r for _, r in per_seed])
    if len(per_seed) > 1:
        reports["cv_seeds"] = per_seed
    if test is not None:
        say(f"training on all of {gold.name}, scoring {test.name}")
        models = train_models(docs, options, negatives, reviewed)
        held: list[Prepared] = prepare(read_gold(test), pipeline)
        reports["test"] = _score(test, [predict(d, models) for d in held], scorer)
    return reports


def pooled(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """One report from several: events, relations and field counts summed, rates recomputed."""
    out: dict[str, Any] = {}
    for part in ("events", "relations"):
        tp, fp, fn = (sum(r[part][k] for r in reports) for k in ("tp", "fp", "fn"))
        p = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[part] = {"precision": round(p, 4), "recall": round(rec, 4),
                     "f1": round(2 * p * rec / (p + rec), 4) if p + rec else 0.0, "tp": tp, "fp": fp, "fn": fn}
    counts: dict[str, list[int]] = {}
    for r in reports:
        for field, (ok, total) in r["field_counts"].items():
            counts.setdefault(field, [0, 0])
            counts[field][0] += ok
            counts[field][1] += total
    out["field_counts"] = counts
    out["fields"] = {f: round(ok / total, 4) if total else None for f, (ok, total) in counts.items()}
    return out


def _score(gold: Path, results: list[Result], scorer: Path | None, out: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        system = out or Path(tmp) / "system.jsonl"
        with system.open("w", encoding="utf-8") as fh:
            for result in results:
                fh.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        return score_file(gold, system, scorer)
