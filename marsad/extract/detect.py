"""The learned event detector: which candidates report an event, of which type, and which of them
report the same incident.

Three linear models (``kb/models/events/``, trained by ``marsad train events`` on the gold files):

- ``detector``: for each trigger candidate, ``none`` or the ACLED event type it reports;
- ``background``: whether an accepted candidate recalls an earlier event as context;
- ``merge``: whether a later candidate reports the same incident as an earlier one;
- ``typer``: the ACLED event type of an incident, from all its candidates together;
- ``starter``: whether a candidate is the first report of an incident (not a restatement);
- ``date``, ``place``, ``actor``: rankers of an incident's argument candidates (``arguments.py``).

Accepted candidates are grouped greedily in text order: each joins the incident it most likely
continues (when that is more likely than not), else starts a new one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.extract.candidates import Candidate, DocContext
from marsad.extract.features import group_features, join_features, trigger_features
from marsad.extract.linear import LinearModel

__all__ = ["EventModels", "default_event_models", "detect", "group_incidents", "incident_type", "MERGE_WINDOW", "NONE"]

NONE = "none"
_MODELS = ("detector", "background", "merge", "typer", "starter", "date", "place", "actor")
_THRESHOLDS = ("accept", "join", "start", "restate", "date_min", "place_min", "actor_min")
MODEL_DIR = "models/events"
MERGE_WINDOW = 40  # sentences: a candidate further from every member starts its own incident


@dataclass(frozen=True, eq=False)
class EventModels:
    detector: LinearModel
    background: LinearModel
    merge: LinearModel
    typer: LinearModel
    starter: LinearModel
    date: LinearModel
    place: LinearModel
    actor: LinearModel
    accept: float = 0.5  # least probability of being an event
    join: float = 0.5  # least probability of continuing an incident
    start: float = 0.5  # least probability of being an incident's first report
    restate: float = 0.8  # least probability that a rejected candidate restates an incident
    date_min: float = 0.5  # least score of the date, place and perpetrator taken
    place_min: float = 0.5
    actor_min: float = 0.5

    def save(self, folder: Path, provenance: dict[str, object] | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in _MODELS:
            getattr(self, name).save(folder / f"{name}.npz")
        config = {**{name: getattr(self, name) for name in _THRESHOLDS}, **(provenance or {})}
        (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> EventModels:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        models = {name: LinearModel.load(folder / f"{name}.npz") for name in _MODELS}
        return cls(**models, **{name: float(config[name]) for name in _THRESHOLDS})


@lru_cache(maxsize=1)
def default_event_models() -> EventModels:
    with resources.as_file(resources.files("marsad.kb").joinpath(MODEL_DIR)) as folder:
        return EventModels.load(Path(folder))


def detect(candidates: list[Candidate], ctx: DocContext, models: EventModels) -> list[Candidate]:
    """The candidates that report an event. Every candidate gets its type probabilities and its
    background and first-report scores (a rejected one may still restate an incident)."""
    if not candidates:
        return []
    rows = [trigger_features(c, ctx, candidates[:i]) for i, c in enumerate(candidates)]
    probs = models.detector.scores(rows)
    none = models.detector.classes.index(NONE)
    backgrounds = models.background.positive(rows)
    firsts = models.starter.positive(rows)
    kept = []
    for i, c in enumerate(candidates):
        p = probs[i]
        c.type_scores = {cls: float(v) for cls, v in zip(models.detector.classes, p, strict=True) if cls != NONE}
        c.background, c.starts = float(backgrounds[i]), float(firsts[i])
        if 1.0 - p[none] >= models.accept:
            kept.append(c)
    return kept


def group_incidents(accepted: list[Candidate], models: EventModels,
                    others: list[Candidate] = ()) -> list[list[Candidate]]:  # type: ignore[assignment]
    """Accepted candidates grouped into incidents, in text order; then ``others`` (candidates the
    detector did not take) join the incident they restate, when one is likely enough."""
    groups: list[list[Candidate]] = []
    for c in accepted:
        kind = _family(c.event_type)
        target = _best_group([g for g in groups if _family(incident_type(g, models)) == kind], c, models)
        if target is not None:
            target.append(c)
        elif c.starts >= models.start:
            groups.append([c])
    types = [_family(incident_type(g, models)) for g in groups]
    for c in others:
        same_kind = [g for g, kind in zip(groups, types, strict=True)
                     if g[0].index < c.index and kind == _family(c.frame.top.event_type)]
        target = _best_group(same_kind, c, models, models.restate)
        if target is not None:
            c.restates = True
            target.append(c)
            target.sort(key=lambda m: m.index)
    return groups


def _family(event_type: str) -> str:
    if event_type in ("battles", "explosions_remote_violence", "violence_against_civilians"):
        return "violence"
    return event_type


def _best_group(groups: list[list[Candidate]], c: Candidate, models: EventModels,
                least: float | None = None) -> list[Candidate] | None:
    near = [g for g in groups if 0 <= c.sentence - g[-1].sentence <= MERGE_WINDOW]
    if not near:
        return None
    rows = [join_features(g, c, first=g is groups[0], latest=g is groups[-1]) for g in near]
    probs = models.merge.positive(rows)
    best = int(probs.argmax())
    return near[best] if probs[best] >= (models.join if least is None else least) else None


def incident_type(group: list[Candidate], models: EventModels) -> str:
    """The incident's ACLED type from the candidates the detector took (not the restatements)."""
    reports = [c for c in group if not c.restates] or group
    probs = models.typer.scores([group_features(reports)])[0]
    return models.typer.classes[int(probs.argmax())]
