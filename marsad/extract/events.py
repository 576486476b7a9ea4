"""Events of a document: frames → incidents → SPEC events with evidence for every field."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from marsad.extract.claims import ClaimMention, find_claims
from marsad.extract.frames import Frame, dates_for, sentence_frames, top_class
from marsad.extract.lexicon import TriggerClass
from marsad.extract.merge import Incident, merge_frames
from marsad.extract.modality import CERTAINTY_ORDER, link_from_cues
from marsad.extract.views import SentenceView
from marsad.model import Actor, Analysis, Claim, DateValue, Event, Evidence, Location, Mention, Quantity
from marsad.text.matcher import PhraseMatch

__all__ = ["extract_events"]

_ARMED = frozenset({"group", "state_force"})
_STRATEGIC = "strategic_developments"  # arrests, agreements: the deaths they mention belong to other events
_CLAIM_RANK = {"claimed": 0, "denied": 1, "unclaimed": 2}


@dataclass(frozen=True, slots=True)
class _EventType:
    event_type: str
    sub_event_type: str


def extract_events(an: Analysis, views: list[SentenceView]) -> list[Event]:
    frames: list[Frame] = []
    for view in views:
        frames.extend(sentence_frames(view, an.doc.published, in_context=bool(frames)))
    incidents = merge_frames(frames)
    claims = _claims_by_incident(incidents, find_claims(an.text, views))
    fallback_country = _dominant_country(views)
    first = _first_news(incidents)
    main_date = (incidents[first].date or _lead_date(views, incidents[first])) if first >= 0 else None
    events = []
    for i, inc in enumerate(incidents):
        main = i == first
        events.append(_build(an, views, inc, claims.get(id(inc), []), f"e{i + 1}",
                             fallback_country if main else None,
                             main_date if main else _period_of(main_date, inc), main))
    return events


def _first_news(incidents: list[Incident]) -> int:
    return next((i for i, inc in enumerate(incidents) if not inc.background), -1)


def _claims_by_incident(incidents: list[Incident], claims: list[ClaimMention]) -> dict[int, list[ClaimMention]]:
    out: dict[int, list[ClaimMention]] = {}
    news = [inc for inc in incidents if not inc.background]
    for cm in claims:
        target = _incident_for_sentence(incidents, cm.sentence) or _nearest(news, cm.sentence)
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
    """The country most places of the article lie in, with its name as the article writes it."""
    places = [p for v in views for p in v.places if p.country]
    counts = Counter(p.country for p in places if p.country)
    if not counts:
        return None
    iso: str = counts.most_common(1)[0][0]
    named = [p.name for p in places if p.country == iso and p.precision == "country"]
    return iso, named[0] if named else iso


def _build(an: Analysis, views: list[SentenceView], inc: Incident, claims: list[ClaimMention], event_id: str,
           fallback_country: tuple[str, str] | None, fallback_date: DateValue | None, main: bool) -> Event:
    triggers = [t for f in inc.frames for t in f.triggers]
    top = top_class(triggers)
    actors = _actors(inc, claims)
    etype = _refine_type(top, actors, triggers)
    claim = _claim(claims)
    sentences = sorted({f.view.sentence for f in inc.frames}, key=lambda s: s.start)
    return Event(
        id=event_id,
        event_type=etype.event_type,
        sub_event_type=etype.sub_event_type,
        evidence=tuple(Evidence(s.start, s.end, an.text[s.start:s.end]) for s in sentences),
        actors=tuple(actors),
        attack_type=top.attack_type,
        weapon_type=top.weapon_type,
        method=top.method,
        location=_location(inc.place, fallback_country),
        date=inc.date or fallback_date,
        fatalities=_toll([f.fatalities for f in inc.frames]) if etype.event_type != _STRATEGIC else None,
        injured=_toll([f.injured for f in inc.frames]) if etype.event_type != _STRATEGIC else None,
        claim=claim,
        link=_link(inc, views, actors, claim, main),
        certainty=_certainty([f.certainty for f in inc.frames]),
        background=inc.background,
    )


def _actors(inc: Incident, claims: list[ClaimMention]) -> list[Actor]:
    seen: set[tuple[str | None, str]] = set()
    out = []
    candidates = [a for f in inc.frames for a in f.actors] + [c.claimant for c in claims if c.claimant]
    for actor in candidates:
        key = (actor.role, actor.name)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


def _refine_type(top: TriggerClass, actors: list[Actor], triggers: list[PhraseMatch[TriggerClass]]) -> _EventType:
    if top.name == "territory":
        state = any(a.role == "perpetrator" and a.kind == "state_force" for a in actors)
        regain = any(t.key.split()[0] in {"استعادت", "استعاد", "استعاده", "حررت", "تحرير"} for t in triggers)
        return _EventType("battles", "government_regains_territory" if state or regain
                          else "non_state_actor_overtakes_territory")
    generic = top.priority <= 20 and top.event_type == "violence_against_civilians"
    # combatants killed or attacked (soldiers, militia members): ACLED codes it as a battle
    if generic and any(a.role in ("victim", "target") and a.kind in _ARMED for a in actors):
        return _EventType("battles", "armed_clash")
    return _EventType(top.event_type, top.sub_event_type)


def _period_of(main_date: DateValue | None, inc: Incident) -> DateValue | None:
    """"مقتل 30 إرهابيا خلال الأيام الخمسة الماضية … وأسفرت العملية أيضا عن …": a statement about a
    period (a relative window, month precision) dates the other operations it lists."""
    if main_date is None or inc.background or not main_date.relative or main_date.precision != "month":
        return None
    return main_date


def _lead_date(views: list[SentenceView], inc: Incident) -> DateValue | None:
    """The main incident's date when none sits next to its triggers: a recent date in its first
    sentence, else in the article's first sentence (the dateline: "قتل 6 أشخاص … الأحد")."""
    first = inc.frames[0].view
    for view in (first, views[0]) if views else (first,):
        recent = [d for d in dates_for(view, inc.frames[0].top) if d.precision == "day"]
        if recent:
            return recent[0]
    return None


def _location(place: Mention | None, fallback_country: tuple[str, str] | None) -> Location | None:
    if place is None:
        if fallback_country is None:
            return None
        iso, name = fallback_country
        return Location(name, None, None, None, country=iso, precision="country")
    return Location(place.name, place.text, place.start, place.end, country=place.country, admin1=place.admin1,
                    lat=place.lat, lon=place.lon, precision=place.precision)


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
    if link is None and (tied_by_claim or attributed):
        return "unknown"
    return link
