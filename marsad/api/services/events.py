"""Events: the store's summaries and SPEC records → API schemas, with review values laid over them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy.orm import Session

from marsad.api.schemas import (
    EventDetail,
    EventPublic,
    EventsPublic,
    EvidencePublic,
    FieldSpan,
    RelationPublic,
    ReviewPublic,
    SourcePublic,
    TimelinePublic,
    TimelineSeries,
)
from marsad.api.services.params import EventParams
from marsad.store import app_queries
from marsad.store.queries import (
    EventFilter,
    EventSummary,
    count_events_by,
    event_detail,
    event_details,
    query_events,
)
from marsad.store.review import (
    Review,
    ReviewState,
    machine_values,
    review_states,
    reviewed_row,
    reviews_of,
    state_of,
)
from marsad.web.i18n import Words

__all__ = ["apply_review", "event_page", "events_by_id", "list_events", "review_public", "timeline"]

DISAGREEMENT_FIELDS = ("date", "place", "fatalities", "injured", "perpetrator", "claimed_by")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def public(summary: EventSummary) -> EventPublic:
    return EventPublic(
        id=summary.id, article_id=summary.article, event_type=summary.event_type,
        sub_event_type=summary.sub_event_type, date=summary.date, date_precision=summary.date_precision,
        country=summary.country, admin1=summary.admin1, place=summary.place, lat=summary.lat, lon=summary.lon,
        fatalities=summary.fatalities, fatalities_min=summary.fatalities_min, fatalities_max=summary.fatalities_max,
        injured=summary.injured, certainty=summary.certainty, background=summary.background,
        claim_status=summary.claim_status, claimed_by=summary.claimed_by,
        perpetrator="; ".join(summary.perpetrators) or None, incident_id=summary.incident_id,
        title=summary.title, outlet=summary.outlet, published=_iso(summary.published))


def apply_review(event: EventPublic, state: ReviewState | None) -> EventPublic:
    """The event as the reviewer left it: corrected values, the ``reviewed`` flag and status."""
    return EventPublic.model_validate(reviewed_row(event.model_dump(), state))


def _reviewed(session: Session, events: list[EventPublic]) -> list[EventPublic]:
    states = review_states(session, "event", [e.id for e in events])
    return [apply_review(e, states.get(e.id)) for e in events]


def list_events(session: Session, params: EventParams, limit: int | None = None) -> EventsPublic:
    flt = params.to_filter(limit=limit)
    page = query_events(session, flt)
    return EventsPublic(data=_reviewed(session, [public(s) for s in page.rows]), count=page.total,
                        limit=flt.limit, offset=flt.offset)


def events_by_id(session: Session, ids: list[int]) -> list[EventPublic]:
    """Events in the order of ``ids``, read from their SPEC records, with review values."""
    details = event_details(session, ids)
    return _reviewed(session, [_from_detail(event_id, details[event_id]) for event_id in ids if event_id in details])


def field_spans(spec: dict[str, Any]) -> list[FieldSpan]:
    """Every coded field of a SPEC event that points at words of the text."""
    spans: list[FieldSpan] = []
    for actor in spec.get("actors", []):
        if actor.get("start") is not None:
            spans.append(FieldSpan(field=actor.get("role") or "other", start=actor["start"], end=actor["end"],
                                   mention=actor.get("mention") or ""))
    for name in ("location", "date", "fatalities", "injured", "crowd_size", "claim"):
        value = spec.get(name)
        if isinstance(value, dict) and value.get("start") is not None:
            spans.append(FieldSpan(field=name, start=value["start"], end=value["end"], mention=value.get("mention") or ""))
    return spans


def review_public(review: Review) -> ReviewPublic:
    return ReviewPublic(id=review.id, action=review.action, field=review.field, value=review.value,
                        machine=review.machine, reviewer=review.reviewer, note=review.note,
                        created_at=review.created_at.isoformat(timespec="seconds"))


def _sources(session: Session, incident_id: int | None, event_id: int) -> list[SourcePublic]:
    if incident_id is None:
        return []
    page = query_events(session, EventFilter(incident_id=incident_id, limit=200, sort="published"))
    others = _reviewed(session, [public(s) for s in page.rows if s.id != event_id])
    details = event_details(session, [other.id for other in others])
    out = []
    for other in others:
        detail = details.get(other.id)
        evidence = [EvidencePublic(start=e["start"], end=e["end"], text=e.get("text", ""))
                    for e in (detail["event"].get("evidence", []) if detail else [])]
        out.append(SourcePublic(event_id=other.id, article_id=other.article_id, title=other.title, outlet=other.outlet,
                                published=other.published, date=other.date, place=other.place,
                                fatalities=other.fatalities, fatalities_min=other.fatalities_min,
                                fatalities_max=other.fatalities_max, injured=other.injured,
                                perpetrator=other.perpetrator, claimed_by=other.claimed_by, evidence=evidence,
                                reason=(detail["incident"] or {}).get("reason") if detail else None))
    return out


def _disagreements(event: EventPublic, sources: list[SourcePublic]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for name in DISAGREEMENT_FIELDS:
        values = [getattr(event, name)] + [getattr(s, name) for s in sources]
        distinct = list(dict.fromkeys(v for v in values if v is not None))
        if len(distinct) > 1:
            out[name] = distinct
    return out


def _from_detail(event_id: int, detail: dict[str, Any]) -> EventPublic:
    spec, meta = detail["event"], detail["article"]
    machine = machine_values(spec)
    location = spec.get("location") or {}
    return EventPublic(
        id=event_id, article_id=meta["id"], event_type=spec["event_type"], sub_event_type=spec["sub_event_type"],
        attack_type=spec.get("attack_type"), weapon_type=spec.get("weapon_type"), method=spec.get("method"),
        date=machine["date"], date_precision=(spec.get("date") or {}).get("precision"), country=location.get("country"),
        admin1=location.get("admin1"), place=location.get("name"), lat=location.get("lat"), lon=location.get("lon"),
        fatalities=machine["fatalities"], fatalities_min=(spec.get("fatalities") or {}).get("min", machine["fatalities"]),
        fatalities_max=(spec.get("fatalities") or {}).get("max", machine["fatalities"]), injured=machine["injured"],
        certainty=spec.get("certainty") or "confirmed", background=bool(spec.get("background")), link=spec.get("link"),
        claim_status=(spec.get("claim") or {}).get("status"), claimed_by=machine["claimed_by"],
        perpetrator=machine["perpetrator"], incident_id=(detail["incident"] or {}).get("id"), title=meta["title"],
        outlet=meta["outlet"], published=meta["published"])


def event_page(session: Session, event_id: int) -> EventDetail:
    """One event with its article text, evidence, field spans, other sources and review history."""
    detail = event_detail(session, event_id)
    if detail is None:
        raise LookupError(f"no event {event_id}")
    spec, meta = detail["event"], detail["article"]
    text = meta["text"]
    incident_id = (detail["incident"] or {}).get("id")
    reviews = reviews_of(session, "event", [event_id]).get(event_id, [])
    machine = machine_values(spec)
    base = _from_detail(event_id, detail)
    event = apply_review(base, state_of(reviews))
    sources = _sources(session, incident_id, event_id)
    evidence = [EvidencePublic(start=e["start"], end=e["end"], text=text[e["start"]:e["end"]])
                for e in spec.get("evidence", [])]
    return EventDetail(**event.model_dump(), machine=spec, machine_values=machine, evidence=evidence,
                       spans=field_spans(spec), text=text, sources=sources,
                       disagreements=_disagreements(event, sources), reviews=[review_public(r) for r in reviews],
                       relations=article_relations(session, meta["store_id"]))


def article_relations(session: Session, article_id: int) -> list[RelationPublic]:
    from marsad.api.services.network import relation_public

    items = app_queries.article_relations(session, article_id)
    ids = {i for r in items for i in (r.source_id, r.target_id)}
    names = app_queries.actor_names(session, ids)
    states = review_states(session, "relation", [r.id for r in items])
    return [relation_public(r, names, states[r.id].status if r.id in states else None) for r in items]


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def timeline(session: Session, params: EventParams, interval: str, words: Words) -> TimelinePublic:
    """Events per day or week (or month) and type; every bucket between the first and last is present."""
    flt = params.to_filter(limit=0)
    rows = [(day, kind, n) for kind, day, n in count_events_by(session, flt, ("event_type", "day")) if day is not None]
    bucket = {"day": lambda d: d, "week": _week, "month": lambda d: d.replace(day=1)}[interval]
    counts: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for day, kind, n in rows:
        counts[kind][bucket(day)] += n
    keys = sorted({k for per in counts.values() for k in per})
    buckets = _all_buckets(keys, interval) if keys else []
    series = [TimelineSeries(event_type=kind, label=words.code("event_type", kind),
                             counts=[per.get(b, 0) for b in buckets]) for kind, per in sorted(counts.items())]
    return TimelinePublic(interval=interval, buckets=[b.isoformat() for b in buckets], series=series)  # type: ignore[arg-type]


def _all_buckets(keys: list[dt.date], interval: str) -> list[dt.date]:
    if interval == "month" or (keys[-1] - keys[0]).days > 3660:
        return keys
    step = dt.timedelta(days=7 if interval == "week" else 1)
    out, current = [], keys[0]
    while current <= keys[-1]:
        out.append(current)
        current += step
    return out
