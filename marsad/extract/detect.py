"""The learned event detector: which candidates report an event, of which type, and which of them
report the same incident (models in ``models.py``).

Accepted candidates are grouped greedily in text order: each joins the incident of its own kind
(violence, protest, each strategic development) it most likely continues, when that is likely
enough, else starts a new one if it is likely a first report. Candidates the detector did not take
then join the incident they restate, as more evidence.
"""

from __future__ import annotations

from marsad.extract.candidates import Candidate, DocContext
from marsad.extract.features import group_features, join_features, trigger_features
from marsad.extract.models import ExtractionModels

__all__ = ["detect", "group_incidents", "incident_type", "MERGE_WINDOW", "NONE"]

NONE = "none"
MERGE_WINDOW = 40  # sentences: a candidate further from every member starts its own incident


def detect(candidates: list[Candidate], ctx: DocContext, models: ExtractionModels) -> list[Candidate]:
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


def group_incidents(accepted: list[Candidate], models: ExtractionModels,
                    others: list[Candidate] = ()) -> list[list[Candidate]]:  # type: ignore[assignment]
    """Accepted candidates grouped into incidents, in text order; then ``others`` (candidates the
    detector did not take) join the incident they restate, when one is likely enough."""
    groups: list[list[Candidate]] = []
    for c in accepted:
        kind = _family(c.event_type)
        target = _best_group([g for g in groups if _family(incident_type(g, models)) == kind and _fits(g, c)],
                             c, models)
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


_SPECIFIC = 20  # above: a trigger that names the kind of act (an air strike, a shooting), not just "an attack"


def _fits(group: list[Candidate], c: Candidate) -> bool:
    """Specific reports of different kinds of act (an air strike on the attackers after a shooting at a
    mosque) are different incidents; a generic word ("الهجوم", "قتل") fits any."""
    top = c.frame.top
    if top.priority <= _SPECIFIC:
        return True
    kinds = {m.frame.top.event_type for m in group if m.frame.top.priority > _SPECIFIC}
    return not kinds or top.event_type in kinds


def _family(event_type: str) -> str:
    if event_type in ("battles", "explosions_remote_violence", "violence_against_civilians"):
        return "violence"
    return event_type


def _best_group(groups: list[list[Candidate]], c: Candidate, models: ExtractionModels,
                least: float | None = None) -> list[Candidate] | None:
    near = [g for g in groups if 0 <= c.sentence - g[-1].sentence <= MERGE_WINDOW]
    if not near:
        return None
    rows = [join_features(g, c, first=g is groups[0], latest=g is groups[-1]) for g in near]
    probs = models.merge.positive(rows)
    best = int(probs.argmax())
    return near[best] if probs[best] >= (models.join if least is None else least) else None


def incident_type(group: list[Candidate], models: ExtractionModels) -> str:
    """The incident's ACLED type from the candidates the detector took (not the restatements)."""
    reports = [c for c in group if not c.restates] or group
    probs = models.typer.scores([group_features(reports)])[0]
    return models.typer.classes[int(probs.argmax())]
