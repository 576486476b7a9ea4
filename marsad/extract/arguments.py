"""Learned argument choice: which of the mentions around an incident is its date, its place, its
perpetrator.

The rules read arguments from word order around each trigger (``frames.py``, ``roles.py``); here
every date, place and actor mention of the incident's sentences (and the article's first sentence,
its dateline) is a candidate, described by features that include the rules' own choice, and a
ranker trained on the gold files scores it. The best candidate is taken when it scores above the
model's threshold; otherwise the field stays empty — never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from marsad.extract.features import bucket
from marsad.extract.frames import (
    Frame,
    acts_as_actor,
    beside_speech,
    dates_for,
    has_preposition,
    in_list,
    locates_actor,
    token_distance,
    top_class,
)
from marsad.extract.lexicon import words
from marsad.extract.linear import LinearModel
from marsad.extract.merge import Incident
from marsad.extract.modality import is_background_date
from marsad.extract.views import DESCRIPTOR, SentenceView, investigates, responds, speaks_of_others, tied_to
from marsad.model import Actor, DateValue, Mention, Quantity

__all__ = ["ArgumentCandidate", "IncidentArguments", "answered_elsewhere", "best", "incident_arguments", "inside"]

_FAR = 99  # distance of a mention outside the incident's sentences


@dataclass(frozen=True, slots=True)
class ArgumentCandidate:
    """A mention that may fill one field of an incident, where it stands relative to the triggers."""

    value: DateValue | Mention
    view: SentenceView  # the sentence that holds it
    frame: Frame | None  # the incident's frame of that sentence; None outside the incident's sentences
    distance: int  # tokens to the nearest trigger of that frame (after: as is; before: doubled)
    after: bool
    first: bool  # in the incident's first sentence


def _placed(view: SentenceView, start: int, frame: Frame, first: bool, value: DateValue | Mention) -> ArgumentCandidate:
    idx = view.token_index(start)
    after = any(idx > t.last_token for t in frame.triggers)
    return ArgumentCandidate(value, view, frame, token_distance(view, start, frame.triggers), after, first)


def _around(inc: Incident, views: list[SentenceView]) -> list[SentenceView]:
    """The sentence just before the incident's first one and the article's first (its lead)."""
    own = {f.view.index for f in inc.frames}
    first = inc.frames[0].view.index
    by_index = {v.index: v for v in views}
    return [by_index[i] for i in dict.fromkeys((first - 1, views[0].index if views else -1))
            if i in by_index and i not in own]


def date_candidates(inc: Incident, views: list[SentenceView]) -> list[ArgumentCandidate]:
    out = [_placed(frame.view, d.start, frame, i == 0, d)
           for i, frame in enumerate(inc.frames) for d in dates_for(frame.view, frame.top)]
    out += [ArgumentCandidate(d, v, None, _FAR, False, False) for v in _around(inc, views) for d in v.dates]
    return out


def place_candidates(inc: Incident, views: list[SentenceView]) -> list[ArgumentCandidate]:
    """Places of the incident's sentences and around them; not a known place that lies in no
    country (أوروبا، الشرق الأوسط، البحر الأحمر): an event location names its country."""
    out = [_placed(frame.view, p.start, frame, i == 0, p)
           for i, frame in enumerate(inc.frames) for p in frame.view.places if _national(p)]
    out += [ArgumentCandidate(p, v, None, _FAR, False, False) for v in _around(inc, views) for p in v.places
            if _national(p)]
    return out


def answered_elsewhere(inc: Incident, views: list[SentenceView]) -> list[tuple[int, int]]:
    """Where the incident's sentences, and the sentences around them its arguments are read from
    (``views``), tell of another act that an act answers ("الهجومين جاءا ردا على غارة شنها الجيش
    الفرنسي في شمال مالي وقتل فيها عدد من قادتها"): that act's doer, place and toll are not the
    incident's."""
    own = {id(t) for frame in inc.frames for t in frame.triggers}
    read = [frame.view for frame in inc.frames] + _around(inc, views)
    return [(begins, view.sentence.end) for view in read for trig, begins in view.answered() if id(trig) not in own]


def answered_clause(inc: Incident) -> list[tuple[int, int]]:
    """Where the incident is itself an act answered, told only after a retaliation cue ("ردا على غارة
    شنها الجيش الفرنسي في شمال مالي"): its clause, from the cue to the end of the sentence; its date,
    place and doer are read there, not from the statement or the answering act before the cue."""
    spans = []
    for frame in inc.frames:
        clauses = [(begins, frame.view.sentence.end) for trig, begins in frame.view.answered()
                   if any(trig is t for t in frame.triggers)]
        if not clauses or not all(any(s <= t.start < e for s, e in clauses) for t in frame.triggers):
            return []
        spans += clauses
    return spans


def inside(value: DateValue | Mention | Quantity | Actor, spans: list[tuple[int, int]]) -> bool:
    start = value.start
    return start is not None and any(s <= start < e for s, e in spans)


def _national(place: Mention) -> bool:
    return place.country is not None or place.source != "gazetteer"


def actor_candidates(inc: Incident, views: list[SentenceView]) -> list[ArgumentCandidate]:
    """Actors of the incident's sentences and around them; not a group named as the one somebody
    is tied to ("المرتبطة بتنظيم القاعدة", "على صلة بتنظيم الدولة أو بتنظيم القاعدة"): that tie is
    the event's link, and the doer is the one tied; not the force that stopped the attacker ("قبل أن
    تطلق الشرطة النار عليه")."""
    out = [_placed(frame.view, m.start, frame, i == 0, m)
           for i, frame in enumerate(inc.frames) for m in frame.view.actors if _may_do(frame.view, m)]
    out += [ArgumentCandidate(m, v, None, _FAR, False, False) for v in _around(inc, views) for m in v.actors
            if _may_do(v, m)]
    return out


def _may_do(view: SentenceView, m: Mention) -> bool:
    return not (tied_to(view, m) or responds(view, m) or speaks_of_others(view, m) or investigates(view, m))


def best(candidates: list[ArgumentCandidate], rows: list[dict[str, float]], model: LinearModel,
         threshold: float) -> ArgumentCandidate | None:
    if not candidates:
        return None
    scores = model.positive(rows)
    i = int(scores.argmax())
    return candidates[i] if scores[i] >= threshold else None


def _position(c: ArgumentCandidate, f: dict[str, float]) -> None:
    f[f"dist={bucket(c.distance, (0, 1, 2, 4, 8, 12, 20, 40))}"] = 1.0
    f["after" if c.after else "before"] = 1.0
    if c.first:
        f["first_sentence"] = 1.0
    if c.frame is None:
        f["outside"] = 1.0


def date_features(c: ArgumentCandidate, inc: Incident, published: dt.date | None,
                  event_type: str, reported_elsewhere: frozenset[int] = frozenset()) -> dict[str, float]:
    d = c.value
    assert isinstance(d, DateValue)
    f: dict[str, float] = {"bias": 1.0, f"prec={d.precision}": 1.0}
    _position(c, f)
    if d.relative:
        f["relative"] = 1.0
    words = d.mention.split()
    f[f"word={words[0] if words else ''}"] = 1.0
    if c.frame is not None and c.frame.date is d:
        f["rule_pick"] = 1.0
    if inc.date is d:
        f["rule_incident_pick"] = 1.0
    bg = is_background_date(d, published)
    f["date_bg" if bg else "date_recent"] = 1.0
    if inc.background:
        f["event_bg"] = 1.0
        f["event_bg&date_bg" if bg else "event_bg&date_recent"] = 1.0
    if published is not None and d.value > published.isoformat()[: len(d.value)]:
        f["future"] = 1.0
    speech = beside_speech(c.view, d)
    if speech:
        f["beside_speech"] = 1.0  # "قالت الشرطة يوم الاثنين": when it was said, not when it happened
    if c.frame is not None:
        # "أعلن مصدر أمني الأحد مقتل 18 شخصا مساء الخميس": the day in the act's own clause, not the statement's
        others = [o for o in dates_for(c.view, c.frame.top) if o is not d and o.precision == "day"]
        if speech and any(not beside_speech(c.view, o) for o in others):
            f["speech_date&act_date"] = 1.0
        elif not speech and d.precision == "day" and any(beside_speech(c.view, o) for o in others):
            f["act_date&speech_date"] = 1.0
    else:
        # the lead's date, far from the incident and held by an act of its own, is that act's date
        gap = inc.frames[0].view.index - c.view.index
        f[f"outside_gap={bucket(gap, (1, 2, 4))}"] = 1.0
        if c.view.triggers:
            f["outside_with_act"] = 1.0
        if c.view.index in reported_elsewhere:
            f["outside_other_incident"] = 1.0  # the lead dates the incident it reports, not a later one
    f[f"type={event_type}"] = 1.0
    return f


_RANK = {"point": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}


def place_features(c: ArgumentCandidate, inc: Incident, main_country: str | None, event_type: str,
                   others: list[ArgumentCandidate], act: str) -> dict[str, float]:
    """``others``: every place candidate of the incident (a place is judged beside the rest); ``act``:
    the class of its most specific trigger."""
    p = c.value
    assert isinstance(p, Mention)
    view = c.view
    prec = p.precision or "none"
    f: dict[str, float] = {"bias": 1.0, f"prec={prec}": 1.0, f"source={p.source}": 1.0,
                           f"prec={prec}&country={'yes' if p.country else 'no'}": 1.0}
    rank = _RANK.get(prec, 5)
    inside = [o.value for o in others if o.frame is not None and o.value is not p]
    if any(_RANK.get(o.precision or "none", 5) < rank for o in inside):
        f["finer_one_nearby"] = 1.0
    if any(o.admin1 == p.name or (o.country == p.country and prec == "country") for o in inside):  # type: ignore[union-attr]
        f["contains_another"] = 1.0
    _position(c, f)
    if p.lat is None:
        f["no_coords"] = 1.0
    if has_preposition(view, p):
        f["preposition"] = 1.0
    if in_list(view, p):
        f["in_list"] = 1.0
    if acts_as_actor(view, p):
        f["acts"] = 1.0
    actor_at = {view.token_index(m.end - 1): view.token_index(m.start) for m in view.actors}
    if locates_actor(view, p, actor_at):
        f["locates_actor"] = 1.0
    idx = view.token_index(p.start)
    if c.frame is not None and any(t.last_token == idx - 1 for t in c.frame.triggers):
        f["names_the_act"] = 1.0  # "هجوم لندن"
    if c.frame is not None and c.frame.place is p:
        f["rule_pick"] = 1.0
    if inc.place is p:
        f["rule_incident_pick"] = 1.0
    if main_country is not None:
        f["main_country" if p.country == main_country else "other_country"] = 1.0
    if p.country is None:
        f["no_country"] = 1.0
    else:
        nearby = [q.country for fr in inc.frames for q in fr.view.places if q is not p and q.country]
        if nearby:
            f["country_agrees" if p.country in nearby else "country_alone"] = 1.0
    f[f"type={event_type}"] = 1.0
    f[f"act={act}&prec={prec}"] = 1.0
    return f


def actor_features(c: ArgumentCandidate, inc: Incident, event_type: str, claimants: set[tuple[int, int]],
                   rule_roles: dict[tuple[int, int], str], mentions: Counter[str], act: str) -> dict[str, float]:
    """``mentions``: how often the article names each actor (the one it is about comes back); ``act``:
    the class of the incident's most specific trigger."""
    m = c.value
    assert isinstance(m, Mention)
    view = c.view
    kind = "descriptor" if m.label == DESCRIPTOR else (m.kind or m.label)
    role = rule_roles.get((m.start, m.end), "none")
    f: dict[str, float] = {"bias": 1.0, f"kind={kind}": 1.0, f"source={m.source}": 1.0, f"role={role}": 1.0,
                           f"role={role}&kind={kind}": 1.0, f"type={event_type}&kind={kind}": 1.0,
                           f"type={event_type}&role={role}": 1.0}
    # what kind of act: a car or suicide bomb is no state force's, an air strike is
    f[f"act={act}&kind={kind}"] = 1.0
    f[f"act={act}&role={role}"] = 1.0
    _position(c, f)
    first = view.token_index(m.start)
    for name in ("agent_markers", "target_markers"):
        if any(first - 2 <= cue.last_token < first for cue in view.cue_matches(name)):
            f[name] = 1.0
    if (m.start, m.end) in claimants:
        f["claimant"] = 1.0
    if m.kb_id:
        f["known"] = 1.0
    if c.distance <= 2:
        f["adjacent_after" if c.after else "adjacent_before"] = 1.0
    if any(q.end <= m.start and 0 < first - view.token_index(q.end - 1) <= 2 for q in view.quantities):
        f["counted"] = 1.0  # "مقتل 10 من عناصر داعش": the ones counted are the victims
    f[f"named={bucket(mentions[m.name], (1, 2, 4))}"] = 1.0
    if any(0 < first - cue.last_token <= 6 for cue in view.cue_matches("hedged")):
        f["hedged_before"] = 1.0  # "يرجحون أن يكون فرع التنظيم وراءه": a suspicion, not a report
    if any(t.norm in words("negators") for t in view.tokens[:first]):
        f["negation_before"] = 1.0  # "لم تعثر على دليل على أن … كان على صلة بتنظيم القاعدة"
    if not any(a.start < m.start for a in view.actors) and all(t.start > m.start for t in view.triggers):
        f["opens_sentence"] = 1.0  # the subject, before any trigger
    if c.frame is None and "perpetrator" in rule_roles.values():
        f["outside&doer_inside"] = 1.0  # the incident's own sentences name who did it
    return f


@dataclass(frozen=True, slots=True)
class IncidentArguments:
    """Every candidate of an incident's date, place and actors, with their features."""

    dates: list[ArgumentCandidate]
    date_rows: list[dict[str, float]]
    places: list[ArgumentCandidate]
    place_rows: list[dict[str, float]]
    actors: list[ArgumentCandidate]
    actor_rows: list[dict[str, float]]
    answered: list[tuple[int, int]]  # where its sentences tell of an act it answers (see answered_elsewhere)


def incident_arguments(inc: Incident, views: list[SentenceView], published: dt.date | None, event_type: str,
                       main_country: str | None, claimants: set[tuple[int, int]],
                       reported_elsewhere: frozenset[int] = frozenset()) -> IncidentArguments:
    """``reported_elsewhere``: the sentences that report the document's other incidents."""
    answered = answered_elsewhere(inc, views)
    own = answered_clause(inc)

    def readable(c: ArgumentCandidate) -> bool:
        return not inside(c.value, answered) and (not own or inside(c.value, own))

    dates = [c for c in date_candidates(inc, views) if readable(c)]
    places = [c for c in place_candidates(inc, views) if readable(c)]
    actors = [c for c in actor_candidates(inc, views) if readable(c)]
    act = top_class([t for f in inc.frames for t in f.triggers]).name
    roles = {(a.start, a.end): a.role or "none" for f in inc.frames for a in f.actors if a.start is not None
             and a.end is not None}
    mentions = Counter(m.name for v in views for m in v.actors)
    return IncidentArguments(
        dates, [date_features(c, inc, published, event_type, reported_elsewhere) for c in dates],
        places, [place_features(c, inc, main_country, event_type, places, act) for c in places],
        actors, [actor_features(c, inc, event_type, claimants, roles, mentions, act) for c in actors],
        answered,
    )
