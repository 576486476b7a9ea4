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
from marsad.extract.lexicon import TriggerClass
from marsad.extract.merge import FROM_AFAR, Incident
from marsad.extract.models import ExtractionModels

__all__ = ["detect", "group_incidents", "incident_type", "joinable", "family", "MERGE_WINDOW", "NONE"]

NONE = "none"
MERGE_WINDOW = 40  # sentences: a candidate further from every member starts its own incident


def detect(candidates: list[Candidate], ctx: DocContext, models: ExtractionModels) -> list[Candidate]:
    """The candidates that report an event. Every candidate gets its type probabilities and its
    background and first-report scores (a rejected one may still restate an incident)."""
    if not candidates:
        return []
    rows = [trigger_features(c, ctx, candidates[:i]) for i, c in enumerate(candidates)]
    probs = models.detector.scores(rows)
    classes = models.detector.classes
    none = classes.index(NONE) if NONE in classes else None  # training saw no candidate that was no event
    backgrounds = models.background.positive(rows)
    firsts = models.starter.positive(rows)
    kept = []
    for i, c in enumerate(candidates):
        p = probs[i]
        c.type_scores = {cls: float(v) for cls, v in zip(models.detector.classes, p, strict=True) if cls != NONE}
        c.background, c.starts = float(backgrounds[i]), float(firsts[i])
        if 1.0 - (p[none] if none is not None else 0.0) >= models.accept:
            kept.append(c)
    return kept


def group_incidents(accepted: list[Candidate], models: ExtractionModels,
                    others: list[Candidate] = ()) -> list[list[Candidate]]:  # type: ignore[assignment]
    """Accepted candidates grouped into incidents, in text order; then ``others`` (candidates the
    detector did not take) join the incident they restate, when one is likely enough."""
    groups: list[list[Candidate]] = []
    kinds: list[str] = []  # each group's family, by its type as it stands
    for c in accepted:
        # a candidate more likely to continue an incident than to be a first report joins it
        may_join = joinable(groups, kinds, c)
        target = _best_group([groups[i] for i in may_join], c, models, min(models.join, max(c.starts, models.join / 2)))
        if target is not None:
            target.append(c)
            kinds[groups.index(target)] = family(incident_type(target, models))
        elif c.starts >= models.start * (_BARRED_START if _barred(groups, kinds, may_join, c) else 1.0):
            groups.append([c])
            kinds.append(family(incident_type(groups[-1], models)))
    groups, kinds = _fold_bare_references(groups, kinds)
    for c in others:
        same_kind = [g for g, kind in zip(groups, kinds, strict=True)
                     if g[0].index < c.index and kind == family(c.frame.top.event_type)]
        target = _best_group(same_kind, c, models, models.restate)
        if target is not None:
            c.restates = True
            target.append(c)
            target.sort(key=lambda m: m.index)
    return groups


_SPECIFIC = 20  # above: a trigger that names the kind of act (an air strike, a shooting), not just "an attack"
# the first-report threshold, scaled, for a report barred from the incidents of its kind nearby (see _barred)
_BARRED_START = 0.5


def _barred(groups: list[list[Candidate]], kinds: list[str], may_join: list[int], c: Candidate) -> bool:
    """An incident of ``c``'s kind is near, but ``c`` may join none of them: it reports another kind of
    act (war planes destroying the attackers' cars after a shooting at a mosque) or the act one of them
    answers. Such a report cannot continue them, so less doubt that it is a first report is enough."""
    near = [i for i, kind in enumerate(kinds) if kind == family(c.event_type) and _within_reach(groups[i], c)]
    return bool(near) and not set(near) & set(may_join)


def _within_reach(group: list[Candidate], c: Candidate) -> bool:
    """``c`` comes after the group's last report, at most :data:`MERGE_WINDOW` sentences on."""
    return 0 <= c.sentence - group[-1].sentence <= MERGE_WINDOW


def _fold_bare_references(groups: list[list[Candidate]], kinds: list[str]) -> tuple[list[list[Candidate]], list[str]]:
    """An incident reported only by generic words ("منفذ هجوم وستمنستر"), with no toll of its own,
    is the article's mention of an act it describes elsewhere when exactly one incident of its kind
    does: it joins that one (its evidence, not a second event)."""
    bare = [i for i, g in enumerate(groups) if _is_bare(g)]
    keep = [i for i in range(len(groups)) if i not in bare]
    for i in bare:
        hosts = [j for j in keep if kinds[j] == kinds[i] and all(_fits(groups[j], c) for c in groups[i])
                 and not _places_apart(groups[i], groups[j])]
        if len(hosts) == 1:
            groups[hosts[0]].extend(groups[i])
            groups[hosts[0]].sort(key=lambda m: m.index)
        else:
            keep.append(i)
    keep.sort()
    return [groups[i] for i in keep], [kinds[i] for i in keep]


def _is_bare(group: list[Candidate]) -> bool:
    return all(c.frame.top.priority <= _SPECIFIC and c.frame.fatalities is None and c.frame.injured is None
               for c in group)


def _places_apart(a: list[Candidate], b: list[Candidate]) -> bool:
    """In different countries (a bare mention names places loosely: "هجوم وستمنستر" for London)."""
    pa, pb = Incident([c.frame for c in a]).place, Incident([c.frame for c in b]).place
    return pa is not None and pb is not None and pa.country is not None and pb.country is not None \
        and pa.country != pb.country


def _fits(group: list[Candidate], c: Candidate) -> bool:
    """Specific reports of different kinds of act (an air strike on the attackers after a shooting at a
    mosque) are different incidents; a generic word ("الهجوم", "قتل") fits any."""
    top = c.frame.top
    if top.priority <= _SPECIFIC:
        return True
    kinds = {_act(m.frame.top) for m in group if m.frame.top.priority > _SPECIFIC}
    return not kinds or _act(top) in kinds


def _act(cls: TriggerClass) -> tuple[str, bool]:
    """The kind of act: its ACLED type (a demonstration, peaceful or not, is one kind), and for
    explosions whether delivered from afar (an air strike, shelling) or carried or planted on the spot
    (a suicide bomber, an IED)."""
    kind = family(cls.event_type)
    return cls.event_type if kind == "violence" else kind, cls.sub_event_type in FROM_AFAR


def family(event_type: str) -> str:
    """Types whose reports may tell one incident: violence of any kind; a demonstration, peaceful or
    not; each strategic development apart."""
    if event_type in ("battles", "explosions_remote_violence", "violence_against_civilians"):
        return "violence"
    if event_type in ("protests", "riots"):
        return "demonstration"
    return event_type


def joinable(groups: list[list[Candidate]], kinds: list[str], c: Candidate) -> list[int]:
    """The groups ``c`` may join: of its own kind (``kinds``: each group's family), where a
    specific act of another kind has not been reported."""
    kind = family(c.event_type)
    return [i for i, g in enumerate(groups) if kinds[i] == kind and _fits(g, c) and not _answers(g, c)]


def _answers(group: list[Candidate], c: Candidate) -> bool:
    """One act of ``group`` and ``c`` answer each other in one sentence ("الهجومين جاءا ردا على غارة"):
    the act answered is an earlier one."""
    answered = c.view.answered()
    for m in group:
        if m.sentence != c.sentence:
            continue
        first, second = sorted((m.trigger, c.trigger), key=lambda t: t.first_token)
        if any(trig is second and first.end <= begins for trig, begins in answered):
            return True
    return False


def _best_group(groups: list[list[Candidate]], c: Candidate, models: ExtractionModels,
                least: float | None = None) -> list[Candidate] | None:
    """The group ``c`` most likely continues, if likely enough; ``first`` and ``latest`` are read
    among these groups (those it may join)."""
    near = [g for g in groups if _within_reach(g, c)]
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
