"""Events of a document: frames → incidents → SPEC events with evidence for every field."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from marsad.extract.arguments import IncidentArguments, best, incident_arguments, inside
from marsad.extract.candidates import Candidate, DocContext, doc_context, find_candidates
from marsad.extract.claims import ClaimMention, find_claims
from marsad.extract.detect import detect, family, group_incidents, incident_type
from marsad.extract.features import incident_features
from marsad.extract.frames import Frame, fill_frame, top_class
from marsad.extract.lexicon import TriggerClass
from marsad.extract.merge import Incident
from marsad.extract.modality import CERTAINTY_ORDER, is_background_date, link_from_cues
from marsad.extract.models import ExtractionModels, default_models
from marsad.extract.nonevents import no_political_violence
from marsad.extract.roles import actor_from_mention
from marsad.extract.views import SentenceView
from marsad.model import Actor, Analysis, Claim, DateValue, Event, Evidence, Location, Mention, Quantity
from marsad.text.matcher import PhraseMatch

__all__ = ["extract_events", "events_from_candidates", "incident_context", "build_events", "IncidentContext"]

_UPDATE_RATIO = 5  # an updated toll is at most this many times the first one
_STRATEGIC = "strategic_developments"  # arrests, agreements: the deaths they mention belong to other events
_CLAIM_RANK = {"claimed": 0, "denied": 1, "unclaimed": 2}
# The sub-event type of an event whose triggers name none of its learned type.
_DEFAULT_SUB = {"battles": "armed_clash", "explosions_remote_violence": "shelling_artillery_missile_attack",
                "violence_against_civilians": "attack", "protests": "peaceful_protest",
                "riots": "violent_demonstration", "strategic_developments": "other"}


@dataclass(frozen=True, slots=True)
class _EventType:
    event_type: str
    sub_event_type: str


def extract_events(an: Analysis, views: list[SentenceView], models: ExtractionModels | None = None) -> list[Event]:
    candidates = find_candidates(an, views)
    return events_from_candidates(an, views, candidates, doc_context(an, views, candidates),
                                  models or default_models())


def events_from_candidates(an: Analysis, views: list[SentenceView], candidates: list[Candidate], ctx: DocContext,
                           models: ExtractionModels) -> list[Event]:
    """The learned detector keeps the candidates that report events and groups them into incidents;
    the learned rankers choose each incident's arguments among the mentions the rules find."""
    accepted = detect(candidates, ctx, models)
    taken = {id(c) for c in accepted}
    groups = group_incidents(accepted, models, [c for c in candidates if id(c) not in taken])
    types = [incident_type(group, models) for group in groups]
    if groups:
        kept = models.keeper.positive([incident_features(g, ctx, t) for g, t in zip(groups, types, strict=True)])
        keep = [p >= models.keep and not no_political_violence(g, t)
                for g, t, p in zip(groups, types, kept, strict=True)]
        groups = [g for g, k in zip(groups, keep, strict=True) if k]
        types = [t for t, k in zip(types, keep, strict=True) if k]
    return build_events(an, views, incident_context(an, views, groups, types), types, models)


@dataclass(frozen=True, slots=True)
class IncidentContext:
    """Incidents of a document with what their arguments are read from."""

    incidents: list[Incident]
    claims: list[list[ClaimMention]]
    country: tuple[str, str] | None  # the article's main country: ISO code and name as written

    def arguments(self, i: int, views: list[SentenceView], published: dt.date | None,
                  event_type: str) -> IncidentArguments:
        claimants = {(c.claimant.start, c.claimant.end) for c in self.claims[i]
                     if c.claimant is not None and c.claimant.start is not None and c.claimant.end is not None}
        elsewhere = frozenset(f.view.index for j, other in enumerate(self.incidents) if j != i for f in other.frames)
        return incident_arguments(self.incidents[i], views, published, event_type,
                                  self.country[0] if self.country else None, claimants, elsewhere)


def incident_context(an: Analysis, views: list[SentenceView], groups: list[list[Candidate]],
                     types: list[str]) -> IncidentContext:
    incidents = [_incident(group, an, event_type) for group, event_type in zip(groups, types, strict=True)]
    claims = _claims_by_incident(incidents, find_claims(an.text, views))
    return IncidentContext(incidents, [claims.get(id(inc), []) for inc in incidents], _dominant_country(views))


def build_events(an: Analysis, views: list[SentenceView], context: IncidentContext, types: list[str],
                 models: ExtractionModels) -> list[Event]:
    incidents = context.incidents
    evidence = _evidence(an.text, incidents)
    first = _first_news(incidents)
    events = []
    for i, inc in enumerate(incidents):
        args = context.arguments(i, views, an.doc.published, types[i])
        events.append(_build(an, views, inc, types[i], evidence[i], context.claims[i], f"e{i + 1}",
                             context.country, i == first, args, models))
    return events


def _evidence(text: str, incidents: list[Incident]) -> list[tuple[Evidence, ...]]:
    """Each incident's sentences; a sentence that also reports another incident is cut between the
    two at the clause boundary, so each event points at the words that state it."""
    owners: dict[int, list[tuple[int, int, int]]] = {}
    for i, inc in enumerate(incidents):
        for f in inc.frames:
            owners.setdefault(f.view.index, []).extend((t.start, t.end, i) for t in f.triggers)
    out = []
    for i, inc in enumerate(incidents):
        spans = []
        for f in inc.frames:
            marks = sorted(owners[f.view.index])
            mine = [m for m in marks if m[2] == i]
            before = [m for m in marks if m[2] != i and m[1] <= mine[0][0]]
            after = [m for m in marks if m[2] != i and m[0] >= mine[-1][1]]
            start = _boundary(f.view, before[-1][1], mine[0][0]) if before else f.view.sentence.start
            end = _boundary(f.view, mine[-1][1], after[0][0]) if after else f.view.sentence.end
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            spans.append(Evidence(start, end, text[start:end]))
        out.append(tuple(spans))
    return out


_CLAUSE_MARKS = frozenset({"،", ",", "؛", ";", ":", "-", "."})


def _boundary(view: SentenceView, left: int, right: int) -> int:
    """Where the clause ending at ``left`` gives way to the one starting at ``right``: after the
    last punctuation between them, else before a word joined by "و", else halfway."""
    between = [t for t in view.tokens if left <= t.start and t.end <= right]
    if not between:
        return left
    marks = [t for t in between if t.norm in _CLAUSE_MARKS]
    if marks:
        return marks[-1].end
    joined = [t for t in between if t.prefix.startswith("و") or t.norm == "و"]
    if joined:
        return joined[-1].start
    return between[len(between) // 2].start


def _incident(group: list[Candidate], an: Analysis, event_type: str) -> Incident:
    """One frame per sentence of the group, with the group's triggers there and its background.

    Triggers of another kind than the incident's type (the "هجمات" an arrested man is accused of)
    stay out of its frames when the group has triggers of its own kind."""
    own = [c for c in group if family(c.frame.top.event_type) == family(event_type)] or group
    by_sentence: dict[int, list[Candidate]] = {}
    for c in sorted(own, key=lambda c: c.trigger.start):
        by_sentence.setdefault(c.sentence, []).append(c)
    reports = [c for c in group if not c.restates] or group
    background = sum(c.background for c in reports) / len(reports) > 0.5
    return Incident([fill_frame(Frame(cs[0].view, [c.trigger for c in cs], background), an.doc.published)
                     for _, cs in sorted(by_sentence.items())])


def _first_news(incidents: list[Incident]) -> int:
    return next((i for i, inc in enumerate(incidents) if not inc.background), -1)


def _claims_by_incident(incidents: list[Incident], claims: list[ClaimMention]) -> dict[int, list[ClaimMention]]:
    out: dict[int, list[ClaimMention]] = {}
    news = [inc for inc in incidents if not inc.background]
    for cm in claims:
        target = _incident_for_sentence(incidents, cm.sentence) or _nearest(news or incidents, cm.sentence)
        if target is not None:
            out.setdefault(id(target), []).append(cm)
    return out


def _incident_for_sentence(incidents: list[Incident], sentence: int) -> Incident | None:
    for inc in incidents:
        if any(f.sentence_index == sentence for f in inc.frames):
            return inc
    return None


def _nearest(incidents: list[Incident], sentence: int) -> Incident | None:
    before = [inc for inc in incidents if inc.frames[0].sentence_index <= sentence]
    return before[-1] if before else (incidents[0] if incidents else None)


def _dominant_country(views: list[SentenceView]) -> tuple[str, str] | None:
    """The country most places of the article lie in (strictly more than any other), with its name
    as the article writes it."""
    places = [p for v in views for p in v.places if p.country]
    counts = Counter(p.country for p in places if p.country).most_common(2)
    if not counts or (len(counts) == 2 and counts[0][1] == counts[1][1]):
        return None
    iso: str = counts[0][0]
    named = [p.name for p in places if p.country == iso and p.precision == "country"]
    return iso, named[0] if named else iso


def _build(an: Analysis, views: list[SentenceView], inc: Incident, event_type: str, evidence: tuple[Evidence, ...],
           claims: list[ClaimMention], event_id: str, country: tuple[str, str] | None, main: bool,
           args: IncidentArguments, models: ExtractionModels) -> Event:
    triggers = [t for f in inc.frames for t in f.triggers]
    typed = [t for t in triggers if any(c.event_type == event_type for c in t.payloads)]
    top = top_class(typed or triggers)
    others = args.answered
    actors = _actors(inc, claims, args, event_type, models, others)
    etype = _refine_type(top, actors, typed) if typed else _EventType(event_type, _DEFAULT_SUB[event_type])
    claim = _claim(claims)
    date = best(args.dates, args.date_rows, models.date, models.date_min)
    place = best(args.places, args.place_rows, models.place, models.place_min)
    return Event(
        id=event_id,
        event_type=etype.event_type,
        sub_event_type=etype.sub_event_type,
        evidence=evidence,
        actors=tuple(actors),
        attack_type=top.attack_type,
        weapon_type=top.weapon_type,
        method=top.method,
        location=_location(place.value if place else None,  # type: ignore[arg-type]
                           _dominant_country([f.view for f in inc.frames]) or country),
        date=date.value if date else None,  # type: ignore[arg-type]
        fatalities=_final_toll(inc.frames, others) if etype.event_type != _STRATEGIC else None,
        injured=_toll([_unless_in(f.injured, others) for f in inc.frames]) if etype.event_type != _STRATEGIC else None,
        claim=claim,
        link=_link(inc, views, actors, claim, main),
        certainty=_certainty([f.certainty for f in inc.frames]),
        background=_background(inc, date.value if date else None, an.doc.published),  # type: ignore[arg-type]
    )


def _actors(inc: Incident, claims: list[ClaimMention], args: IncidentArguments, event_type: str,
            models: ExtractionModels, others: list[tuple[int, int]]) -> list[Actor]:
    """The ranked perpetrators (every side of a battle, one doer otherwise), the victims and targets
    the rules found among the other mentions, and the claimants."""
    scores: list[float] = models.actor.positive(args.actor_rows).tolist() if args.actors else []
    claimed_by = {c.claimant.name for c in claims if c.claimant and c.claim.status == "claimed"}
    by_score = [(score, c) for score, c in sorted(zip(scores, args.actors, strict=True), key=lambda x: -x[0])
                if score >= models.actor_min and not (event_type in _ARMED_DOERS
                                                      and c.value.kind == "civilians")]  # type: ignore[union-attr]
    # a group that claimed the attack is its claimant; the perpetrator is who the text says did it
    ranked = [c for _, c in by_score if c.value.name not in claimed_by]  # type: ignore[union-attr]
    if event_type != "battles" and by_score and by_score[0][1].value.name in claimed_by:  # type: ignore[union-attr]
        # the group that claimed it is the likeliest doer: no state force named beside it did it (the
        # forces the gunmen fought); a claim wrongly read beside a state's air strike changes nothing
        ranked = [c for c in ranked if c.value.kind != "state_force"]  # type: ignore[union-attr]
    doers = ranked if event_type == "battles" else ranked[:1]
    chosen = {(c.value.start, c.value.end) for c in doers}
    candidates = [actor_from_mention(c.value, "perpetrator") for c in doers]  # type: ignore[arg-type]
    candidates += [a for f in inc.frames for a in f.actors
                   if a.role != "perpetrator" and (a.start, a.end) not in chosen and not _names_attacker(f, a)
                   and not inside(a, others)]
    candidates += [c.claimant for c in claims if c.claimant]
    seen: set[tuple[str | None, str]] = set()
    out = []
    for actor in candidates:
        key = (actor.role, actor.name)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


# ACLED's types whose doer is armed: a crowd, residents or workers ("سكان", "العمال", "متظاهرين") do
# not fight a battle or fire a shell; they may riot, demonstrate or attack civilians ("مستوطنون")
_ARMED_DOERS = frozenset({"battles", "explosions_remote_violence"})


def _background(inc: Incident, date: DateValue | None, published: dt.date | None) -> bool:
    """Context rather than news: recalled in the text, unless dated to the days just before publication;
    or dated well before publication ("التفجير الذي نفذه في 22 مايو الماضي" a year on)."""
    if date is not None and is_background_date(date, published):
        return True
    return inc.background and not _recent(date, published)


def _recent(date: DateValue | None, published: dt.date | None) -> bool:
    """An act dated to a day in the days before publication is the article's news, not its context."""
    return date is not None and date.precision == "day" and not is_background_date(date, published)


def _names_attacker(frame: Frame, actor: Actor) -> bool:
    """"… قبل أن تطلق الشرطة النار على المهاجم": the attacker is not a victim of the attack."""
    if actor.start is None or actor.end is None:
        return False
    return any(c.start < actor.end and actor.start < c.end for c in frame.view.cue_matches("attacker_names"))


def _refine_type(top: TriggerClass, actors: list[Actor], triggers: list[PhraseMatch[TriggerClass]]) -> _EventType:
    if top.name == "territory":
        state = any(a.role == "perpetrator" and a.kind == "state_force" for a in actors)
        regain = any(t.key.split()[0] in {"استعادت", "استعاد", "استعاده", "حررت", "تحرير"} for t in triggers)
        return _EventType("battles", "government_regains_territory" if state or regain
                          else "non_state_actor_overtakes_territory")
    return _EventType(top.event_type, top.sub_event_type)


def _location(place: Mention | None, fallback_country: tuple[str, str] | None) -> Location | None:
    if place is None:
        if fallback_country is None:
            return None
        iso, name = fallback_country
        return Location(name, None, None, None, country=iso, precision="country")
    # a place the gazetteer does not know ("في بلدة لبوزة") lies in the country the report's places do;
    # one it knows in no country (a sea, "الشرق الأوسط") stays in none
    country = place.country or (fallback_country[0] if fallback_country and place.lat is None else None)
    return Location(place.name, place.text, place.start, place.end, country=country, admin1=place.admin1,
                    lat=place.lat, lon=place.lon, precision=place.precision)


def _unless_in(q: Quantity | None, spans: list[tuple[int, int]]) -> Quantity | None:
    return None if q is None or inside(q, spans) else q


def _final_toll(frames: list[Frame], others: list[tuple[int, int]]) -> Quantity | None:
    """The lead's toll, unless a later sentence says it rose ("ارتفع عدد القتلى إلى 25"): then the
    highest such update — not one many times the lead's, which counts more than this act ("ارتفعت
    الحصيلة إلى 137 قتيلا في هذه الاضطرابات" after one man was shot)."""
    tolls = [_unless_in(f.fatalities, others) for f in frames]
    lead = _toll(tolls)
    risen = [q for f, q in zip(frames, tolls, strict=True) if q is not None and q.value is not None
             and f.view.has_cue("toll_rose")]
    best = max(risen, key=lambda q: q.value or 0, default=None)
    if best is None or best.value is None:
        return lead
    if lead is None or lead.value is None or lead.value < best.value <= _UPDATE_RATIO * max(lead.value, 1):
        return best
    return lead


def _toll(values: list[Quantity | None]) -> Quantity | None:
    """The lead's toll (news gives the toll first); exact counts beat vague ranges."""
    found = [q for q in values if q is not None]
    exact = [q for q in found if q.value is not None]
    return exact[0] if exact else (found[0] if found else None)


def _claim(claims: list[ClaimMention]) -> Claim | None:
    if not claims:
        return None
    return min(claims, key=lambda c: _CLAIM_RANK[c.claim.status]).claim


def _certainty(values: list[str]) -> str:
    lead = values[0]
    if lead in ("hedged", "negated"):
        firmer = [v for v in values if v in ("confirmed", "reported")]
        if firmer:
            return min(firmer, key=CERTAINTY_ORDER.index)
    return lead


def _link(inc: Incident, views: list[SentenceView], actors: list[Actor], claim: Claim | None,
          main: bool) -> str | None:
    """SPEC link: only for attacks by an individual or cell tied to a group."""
    individual = any(a.role == "perpetrator" and a.kind in ("person", "other") for a in actors)
    if not individual:
        return None
    own = [f.view for f in inc.frames]
    tied_by_claim = claim is not None and claim.status == "claimed"
    if not tied_by_claim and not any(m.kind == "group" for v in own for m in v.actors):
        return None
    # officials' attribution: the group named in a sentence that ties the attackers to it
    attributed = any(v.has_cue("link_attribution") and any(m.kind == "group" for m in v.actors) for v in own)
    cue_views = own + ([v for v in views if all(v is not o for o in own)] if main and tied_by_claim else [])
    link = link_from_cues(cue_views)
    if link is None and tied_by_claim:
        return "inspired"  # SPEC: the group claimed, and nothing says it directed the attack
    if link is None and attributed:
        return "unknown"
    return link
