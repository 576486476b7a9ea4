"""The learned pair scorer of the incident step: what two compatible events share → the log-odds that they are one.

:func:`pair_features` reads a pair of events as the store holds them (type and sub-type agreement, the
days apart (none, one, two), how closely the places agree (one place, one admin-1 area, near, only
within ``far_km``, a place not on the map), whether either's place is named in the other's evidence,
the tolls, the perpetrators, the cosine of the evidence words, evidence in the article's opening,
undated or background mentions, hedged reports). :class:`PairModel` is a logistic regression
over them, shipped as data (``marsad/kb/models/incidents/pair_model.json``: weights, the two
thresholds the grouping uses, and the provenance of the training) and applied with numpy; it is
rebuilt from the hand-labelled pairs with ``benchmarks/train_incident_pairs.py`` (scikit-learn is
needed only there).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from marsad.resolve.incident_rules import (
    day_gap,
    gap,
    named_in,
    place_level,
    same_area,
    sub_relation,
    toll_relation,
    unlocated,
    weak_place,
)

if TYPE_CHECKING:
    from marsad.resolve.incidents import IncidentEvent

__all__ = ["FEATURES", "MODEL_PATH", "PairModel", "PairModelError", "load_pair_model", "pair_features",
           "save_pair_model"]

MODEL_PATH = Path(__file__).resolve().parents[1] / "kb" / "models" / "incidents" / "pair_model.json"

FEATURES = (
    "text", "same_day", "next_day", "two_days", "undated", "same_place", "same_area", "near", "far", "unlocated",
    "place_named", "weak_places", "same_type",
    "same_sub", "sub_group", "sub_conflict", "same_toll", "toll_overlap", "toll_conflict", "toll_missing",
    "shared_perpetrator", "other_perpetrators", "lead", "not_lead", "background", "hedged", "opening",
    "opening_leads",
)
_TOLL = {"same": ("same_toll", 1.0), "overlap": ("toll_overlap", 1.0), "close": ("toll_overlap", 0.5),
         "conflict": ("toll_conflict", 1.0), "missing": ("toll_missing", 1.0)}
_PLACE = {"place": "same_place", "area": "same_area", "near": "near", "far": "far"}
_SUB = {"same": "same_sub", "group": "sub_group", "conflict": "sub_conflict"}


class PairModelError(ValueError):
    """A pair-model file that cannot be used (unreadable, or made for other features)."""


def pair_features(a: IncidentEvent, b: IncidentEvent, similarity: float, max_km: float,
                  lead_chars: int, far_km: float = 0.0, undated_days: int = 1, opening: float = 0.0) -> np.ndarray:
    """The features of two events, in :data:`FEATURES` order (``similarity``: cosine of their evidence words;
    ``opening``: cosine of their articles' titles and openings, also read when both events are told there).

    The same whichever event comes first (the pair is read in the order of the events' keys).
    """
    if b.key < a.key:
        a, b = b, a
    found = dict.fromkeys(FEATURES, 0.0)
    found["text"] = max(similarity, 0.0) ** 0.5
    apart = day_gap(a, b)
    found["same_day"], found["next_day"] = float(apart == 0), float(apart == 1)
    wa, wb = a.window(undated_days), b.window(undated_days)
    found["two_days"] = float(wa is not None and wb is not None and gap(wa, wb) == 2)
    found["undated"] = float((a.date is None) + (b.date is None))
    level = place_level(a, b, max_km, far_km)
    if level:
        found[_PLACE[level]] = 1.0
    else:
        found["unlocated"] = float(unlocated(a) + unlocated(b))
    found["place_named"] = float(named_in(a, b) + named_in(b, a))
    if not same_area(a, b):
        found["weak_places"] = float(weak_place(a) + weak_place(b))
    found["same_type"] = float(a.event_type == b.event_type)
    sub = sub_relation(a, b)
    if sub in _SUB:
        found[_SUB[sub]] = 1.0
    name, value = _TOLL[toll_relation(a, b)[0]]
    found[name] = value
    if a.perpetrators & b.perpetrators:
        found["shared_perpetrator"] = 1.0
    elif a.perpetrators and b.perpetrators:
        found["other_perpetrators"] = 1.0
    found["lead"] = float((a.start < lead_chars) + (b.start < lead_chars))
    found["not_lead"] = float(sum(1 for e in (a, b) if e.date is None and e.start >= lead_chars))
    found["background"] = float(a.background + b.background)
    found["hedged"] = float((a.certainty != "confirmed") + (b.certainty != "confirmed"))
    found["opening"] = max(opening, 0.0)
    found["opening_leads"] = found["opening"] * (a.start < lead_chars and b.start < lead_chars)
    return np.fromiter(found.values(), dtype=float, count=len(FEATURES))


@dataclass(frozen=True, eq=False)
class PairModel:
    """Weights over :data:`FEATURES`; a pair may merge at ``min_score`` log-odds, groups join at ``link_score`` mean."""

    weights: tuple[float, ...]
    bias: float
    min_score: float
    link_score: float
    provenance: Mapping[str, Any] = field(default_factory=dict)
    features: tuple[str, ...] = FEATURES
    _vector: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.features != FEATURES or len(self.weights) != len(FEATURES):
            raise PairModelError(f"pair model made for features {list(self.features)}, not {list(FEATURES)}")
        object.__setattr__(self, "_vector", np.asarray(self.weights, dtype=float))

    def score(self, features: np.ndarray) -> float:
        """Log-odds that the pair is one incident."""
        return float(features @ self._vector) + self.bias

    def scores(self, features: np.ndarray) -> np.ndarray:
        """Log-odds of many pairs (one row of features each)."""
        return np.asarray(features @ self._vector + self.bias, dtype=float)


def save_pair_model(model: PairModel, path: Path = MODEL_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"model": "logistic regression over incident pair features (log-odds = bias + weights · features)",
            "features": list(model.features), "weights": [round(w, 6) for w in model.weights],
            "bias": round(model.bias, 6), "min_score": model.min_score, "link_score": model.link_score,
            "provenance": dict(model.provenance)}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_pair_model(path: Path = MODEL_PATH) -> PairModel:
    """The model in ``path`` (the shipped one by default), read once."""
    return _load(str(path))


@lru_cache(maxsize=8)
def _load(path: str) -> PairModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise PairModelError(f"cannot read the incident pair model {path}: {e}") from e
    return PairModel(weights=tuple(float(w) for w in data["weights"]), bias=float(data["bias"]),
                     min_score=float(data["min_score"]), link_score=float(data["link_score"]),
                     provenance=data.get("provenance", {}), features=tuple(data["features"]))
