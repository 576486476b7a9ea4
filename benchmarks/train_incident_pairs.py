"""Train the incident step's learned pair scorer on the hand-labelled pairs; measure it end to end, held out.

    python benchmarks/train_incident_pairs.py --db ant2018.db [--cv] [--out PATH] [--dry-run]

``--db`` is the store ``bench_incidents.py`` reads (the five 2018 outlets of the shared corpus). Each
labelled pair of ``benchmarks/data/incident_pairs.tsv`` is looked up as there; the pairs whose two
events are compatible (the hard rules of :func:`marsad.resolve.incidents.compatible`; no score can
merge the others) train a logistic regression over :data:`marsad.resolve.pair_model.FEATURES`
(features standardised, L2, the strength C chosen by a grouped inner cross-validation on the
training pairs). The two thresholds of the grouping (``min_score``: a direct merge; ``link_score``:
the mean score for two groups to join) are then chosen on the same training pairs: the grouping is
run end to end over every event of the store for each pair of thresholds of a small grid, and the one with the
best F1 on the training pairs is kept (with ``--min-precision P``, the one with the most recall among those
whose precision on the training pairs reaches P: a precision-first step). The weights, thresholds and their
provenance (file sha256, date, counts, the store's pipeline version, the figures) are written to
``marsad/kb/models/incidents/pair_model.json``.

``--cv`` also measures the procedure held out, end to end, as ``bench_incidents.py`` does: trained
on the odd-numbered pairs and scored on the even-numbered ones and the reverse, and a 5-fold
cross-validation over all matched pairs grouped so that one event never sits in a training and a
test fold (pairs sharing an event, directly or through other pairs, stay in one fold). Every choice
(C, thresholds) is made on the training folds only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_incidents import DEFAULT_PAIRS, Pair, event_at, evidence_index, read_pairs, scores  # noqa: E402

from marsad.resolve.incidents import (  # noqa: E402
    EvidenceVectors,
    IncidentEvent,
    IncidentOptions,
    candidate_pairs,
    cluster,
    compatible,
)
from marsad.resolve.pair_model import FEATURES, MODEL_PATH, PairModel, pair_features, save_pair_model  # noqa: E402

STRENGTHS = (0.03, 0.1, 0.3, 1.0)
FEW_PAIRS_STRENGTH = 0.1  # C when there are too few pairs to choose it by an inner cross-validation
GRID = tuple((low, low + step) for low in (-1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0) for step in (-1.0, -0.5, 0.0))
PRECISE_GRID = GRID + tuple((low, low + step) for low in (2.5, 3.0) for step in (-1.0, -0.5, 0.0))  # --min-precision
FOLDS = 5


@dataclass
class Prepared:
    """The store's events read once: candidate pairs with their features, labelled pairs mapped to events."""

    events: list[IncidentEvent]
    options: IncidentOptions
    pairs: dict[int, Pair]
    sides: dict[int, tuple[int, int]]
    vectors: EvidenceVectors
    candidates: list[tuple[int, int]] = field(default_factory=list)
    features: np.ndarray = field(default_factory=lambda: np.zeros((0, len(FEATURES))))
    similarity: np.ndarray = field(default_factory=lambda: np.zeros(0))
    _cache: dict[tuple[int, int], np.ndarray | None] = field(default_factory=dict)

    def pair_vector(self, i: int, j: int) -> np.ndarray | None:
        """The features of two events, or None when they are incompatible (cached)."""
        key = (min(i, j), max(i, j))
        if key not in self._cache:
            a, b = self.events[i], self.events[j]
            self._cache[key] = None if compatible(a, b, self.options) is None else pair_features(
                a, b, self.vectors.cosine(i, j), self.options.max_km, self.options.lead_chars, self.options.far_km,
                self.options.undated_days, self.vectors.opening_cosine(i, j))
        return self._cache[key]


def prepare(db: str, pairs_path: Path, options: IncidentOptions | None = None) -> tuple[Prepared, dict[str, Any]]:
    from sqlalchemy import func, select

    from marsad.observatory.incidents import load_incident_events
    from marsad.store import open_store
    from marsad.store.tables import RecordRow

    store = open_store(db)
    with store.session() as session:
        events = load_incident_events(session)
        index = evidence_index(session)
        versions = sorted(session.scalars(select(RecordRow.pipeline_version).where(RecordRow.current).distinct()))
        records = session.scalar(select(func.count()).select_from(RecordRow).where(RecordRow.current))
    store.close()
    ref_to_index = {e.ref: n for n, e in enumerate(events)}
    pairs = {p.number: p for p in read_pairs(pairs_path)}
    sides = {}
    for number, pair in pairs.items():
        a, b = event_at(index, pair.a), event_at(index, pair.b)
        if a is not None and b is not None:
            sides[number] = (ref_to_index[a], ref_to_index[b])
    data = Prepared(events, options or IncidentOptions(learned=False), pairs, sides, EvidenceVectors(events))
    kept, rows, sims = [], [], []
    for i, j in candidate_pairs(events, data.options):
        vector = data.pair_vector(i, j)
        if vector is not None:
            kept.append((i, j))
            rows.append(vector)
            sims.append(data.vectors.cosine(i, j))
    data.candidates, data.features, data.similarity = kept, np.array(rows), np.array(sims)
    store_info = {"file": Path(db).name, "pipeline": versions, "current_records": records, "events": len(events),
                  "candidate_pairs": len(kept)}
    return data, store_info


def labelled(data: Prepared, numbers: Sequence[int]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Features and labels of the labelled pairs whose events are compatible."""
    rows, labels, kept = [], [], []
    for number in numbers:
        vector = data.pair_vector(*data.sides[number])
        if vector is not None:
            rows.append(vector)
            labels.append(int(data.pairs[number].same))
            kept.append(number)
    return np.array(rows), np.array(labels), kept


def components(data: Prepared) -> dict[int, int]:
    """Pair number → a component id: pairs sharing an event, directly or through others, share one."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in data.sides.values():
        parent[find(a)] = find(b)
    return {number: find(a) for number, (a, _b) in data.sides.items()}


def fit(data: Prepared, numbers: Sequence[int]) -> tuple[np.ndarray, float, float]:
    """Raw-scale weights, bias and the chosen C of a logistic regression on these pairs."""
    features, labels, kept = labelled(data, numbers)
    groups = components(data)
    strength = _inner_strength(features, labels, [groups[n] for n in kept])
    weights, bias = _fit(features, labels, strength)
    return weights, bias, strength


def _fit(features: np.ndarray, labels: np.ndarray, strength: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    model = LogisticRegression(C=strength, max_iter=1000).fit((features - mean) / scale, labels)
    weights = model.coef_[0] / scale
    return weights, float(model.intercept_[0] - weights @ mean)


def _inner_strength(features: np.ndarray, labels: np.ndarray, groups: list[int]) -> float:
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    if len(set(groups)) < 4 or min(np.bincount(labels, minlength=2)) < 4:
        return FEW_PAIRS_STRENGTH
    best = (-1.0, STRENGTHS[0])
    for strength in STRENGTHS:
        predicted = np.zeros(len(labels))
        for train, test in GroupKFold(n_splits=4).split(features, labels, groups):
            weights, bias = _fit(features[train], labels[train], strength)
            predicted[test] = features[test] @ weights + bias
        best = max(best, (float(roc_auc_score(labels, predicted)), strength), key=lambda t: t[0])
    return best[1]


def merged(data: Prepared, model: PairModel, numbers: Sequence[int]) -> dict[int, bool]:
    """Group every event of the store with ``model`` (as the incident step does); which pairs end up together."""
    options = replace(data.options, learned=True, model=model)
    scores_ = model.scores(data.features)
    keep = (scores_ >= model.min_score) & (data.similarity >= options.min_similarity)
    scored = [(float(scores_[k]), min(data.candidates[k]), max(data.candidates[k]), "") for k in np.nonzero(keep)[0]]

    def linked(x: int, y: int) -> float | None:
        vector = data.pair_vector(x, y)
        return None if vector is None else model.score(vector)

    incidents = cluster(data.events, scored, linked, options)
    incident_of = {m.event.ref: n for n, incident in enumerate(incidents) for m in incident.members}
    ref = [e.ref for e in data.events]
    return {n: incident_of[ref[data.sides[n][0]]] == incident_of[ref[data.sides[n][1]]] for n in numbers}


def train(data: Prepared, numbers: Sequence[int], min_precision: float | None = None) -> tuple[PairModel, dict[str, Any]]:
    """Fit the weights, then choose the thresholds end to end on the same pairs: best F1, then precision; or, with
    ``min_precision``, the most recall among thresholds whose precision reaches it (else the most precise)."""
    weights, bias, strength = fit(data, numbers)
    pairs = [data.pairs[n] for n in numbers]
    tried: list[tuple[tuple[float, float], int, PairModel]] = []
    for low, link in GRID if min_precision is None else PRECISE_GRID:
        model = PairModel(tuple(float(w) for w in weights), bias, low, link)
        precision, recall, *_ = scores(pairs, merged(data, model, numbers))
        goal = _f1(precision, recall) if min_precision is None else (
            recall if precision >= min_precision else precision - 1.0)
        tried.append(((goal, precision), -len(tried), model))
    best = max(tried, key=lambda t: (t[0], t[1]))
    return best[2], {"C": strength}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def held_out(data: Prepared, min_precision: float | None = None) -> dict[str, Any]:
    """Train on one part, score the other end to end: odd → even, even → odd, grouped 5-fold over all pairs."""
    from sklearn.model_selection import GroupKFold

    numbers = sorted(data.sides)
    odd, even = [n for n in numbers if n % 2], [n for n in numbers if not n % 2]
    figures: dict[str, Any] = {}
    for name, train_on, test_on in (("odd_to_even", odd, even), ("even_to_odd", even, odd)):
        figures[name] = _score_fold(data, train_on, test_on, name, min_precision)
    groups = components(data)
    pooled: dict[int, bool] = {}
    splits = GroupKFold(n_splits=FOLDS).split(numbers, groups=[groups[n] for n in numbers])
    for k, (train_at, test_at) in enumerate(splits):
        model, _ = train(data, [numbers[i] for i in train_at], min_precision)
        test_on = [numbers[i] for i in test_at]
        found = merged(data, model, test_on)
        pooled.update(found)
        _print_fold(f"fold {k + 1} of {FOLDS}", model, [data.pairs[n] for n in test_on], found)
    precision, recall, tp, fp, fn, tn = scores([data.pairs[n] for n in numbers], pooled)
    figures["grouped_5_fold"] = {"precision": round(precision, 3), "recall": round(recall, 3), "tp": tp, "fp": fp,
                                 "fn": fn, "tn": tn}
    print(f"{'grouped 5-fold, pooled':<24} precision {precision:.3f}  recall {recall:.3f}  "
          f"(tp {tp}, fp {fp}, fn {fn}, tn {tn})")
    return figures


def _score_fold(data: Prepared, train_on: list[int], test_on: list[int], name: str,
                min_precision: float | None = None) -> dict[str, Any]:
    model, _ = train(data, train_on, min_precision)
    found = merged(data, model, test_on)
    precision, recall, tp, fp, fn, tn = _print_fold(name.replace("_", " "), model, [data.pairs[n] for n in test_on],
                                                    found)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def _print_fold(name: str, model: PairModel, pairs: list[Pair],
                found: dict[int, bool]) -> tuple[float, float, int, int, int, int]:
    precision, recall, tp, fp, fn, tn = scores(pairs, found)
    print(f"{name:<24} precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn}, tn {tn}; "
          f"thresholds {model.min_score} / {model.link_score})", flush=True)
    return precision, recall, tp, fp, fn, tn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--cv", action="store_true", help="Also measure the procedure held out (a few minutes).")
    parser.add_argument("--dry-run", action="store_true", help="Measure, but write no model.")
    parser.add_argument("--min-precision", type=float, default=None,
                        help="Choose the thresholds for the most recall at this precision on the training pairs "
                             "(a precision-first step) instead of the best F1.")
    parser.add_argument("--max-days", type=int, default=IncidentOptions().max_days,
                        help="Blocking: events at most this many days apart (the step's default; 1 = the older step).")
    parser.add_argument("--far-km", type=float, default=IncidentOptions().far_km,
                        help="Places at most this far apart may merge (the step's default; 0 = the older step).")
    parser.add_argument("--link-spread", type=float, default=IncidentOptions().link_spread,
                        help="Groups join only if no pair across them scores this far below the link score.")
    args = parser.parse_args()

    import sklearn

    data, store_info = prepare(args.db, args.pairs,
                               IncidentOptions(learned=False, max_days=args.max_days, far_km=args.far_km,
                                               link_spread=args.link_spread))
    numbers = sorted(data.sides)
    _, labels, kept = labelled(data, numbers)
    print(f"labelled pairs: {len(data.pairs)}; matched: {len(numbers)}; compatible (trainable): {len(kept)} "
          f"({int(labels.sum())} same, {len(kept) - int(labels.sum())} different); "
          f"candidate pairs in the store: {len(data.candidates):,}")
    figures = held_out(data, args.min_precision) if args.cv else {}
    model, fitted = train(data, numbers, args.min_precision)
    found = merged(data, model, numbers)
    precision, recall, *_ = scores([data.pairs[n] for n in numbers], found)
    print(f"trained on all {len(numbers)} matched pairs: C {fitted['C']}, thresholds {model.min_score} / "
          f"{model.link_score}; in-sample precision {precision:.3f}  recall {recall:.3f}")
    for name, weight in zip(FEATURES, model.weights, strict=True):
        print(f"  {name:<20} {weight:+.3f}")
    print(f"  {'(bias)':<20} {model.bias:+.3f}")
    provenance = {
        "trained": dt.date.today().isoformat(), "command": "python benchmarks/train_incident_pairs.py --db "
        + Path(args.db).name + (" --cv" if args.cv else ""),
        "pairs": {"file": args.pairs.name, "sha256": hashlib.sha256(args.pairs.read_bytes()).hexdigest(),
                  "labelled": len(data.pairs), "matched": len(numbers), "compatible": len(kept),
                  "same": int(labels.sum()), "different": len(kept) - int(labels.sum())},
        "store": store_info, "scikit_learn": sklearn.__version__, "C": fitted["C"],
        "rules": {"max_days": args.max_days, "far_km": args.far_km, "link_spread": args.link_spread},
        "thresholds_chosen_by": "best F1 of the end-to-end grouping on the training pairs" if args.min_precision is None
        else f"the most recall of the end-to-end grouping on the training pairs with precision >= {args.min_precision}",
        "in_sample": {"precision": round(precision, 3), "recall": round(recall, 3)},
        "held_out": figures or "not measured (run with --cv)",
    }
    model = PairModel(tuple(round(w, 6) for w in model.weights), round(model.bias, 6), model.min_score,
                      model.link_score, provenance)
    if not args.dry_run:
        save_pair_model(model, args.out)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
