"""The incident step: counted events from the store → :func:`marsad.resolve.incidents.group_events` → incidents.

It runs centrally after each ingest or reprocess, over every counted event (grouping is blocked by
country and date, so this stays fast). Incidents are keyed by a hash of their events: an incident
that did not change keeps its id, so links to it stay valid; vanished ones are deleted.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from marsad.resolve.incidents import OPENING_CHARS, Incident, IncidentEvent, IncidentOptions, group_events
from marsad.store.tables import (
    ActorRow,
    ArticleRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    IncidentEventRow,
    IncidentRow,
    PlaceRow,
    RecordRow,
)
from marsad.text.words import words as normalized_words

__all__ = ["load_incident_events", "rebuild_incidents"]

_PERPETRATOR_ROLES = ("perpetrator", "claimant")


def rebuild_incidents(session: Session, options: IncidentOptions | None = None) -> list[Incident]:
    """Group every counted event into incidents and write them (the caller commits)."""
    incidents = group_events(load_incident_events(session), options)
    _write(session, incidents)
    return incidents


def load_incident_events(session: Session) -> list[IncidentEvent]:
    """Counted events, in store order, as the incident step sees them."""
    actors = _perpetrators(session)
    evidence = _evidence(session)
    openings = _openings(session)
    rows = session.execute(
        select(EventRow.id, EventRow.event_key, EventRow.event_type, EventRow.sub_event_type, EventRow.date_start,
               EventRow.date_precision, EventRow.country, EventRow.admin1, EventRow.fatalities,
               EventRow.fatalities_min, EventRow.fatalities_max, EventRow.certainty, EventRow.background,
               ArticleRow.doc_id, ArticleRow.content_hash, ArticleRow.outlet, ArticleRow.published,
               RecordRow.record_hash,
               PlaceRow.name, PlaceRow.lat, PlaceRow.lon, PlaceRow.precision)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .join(RecordRow, RecordRow.id == EventRow.record_id)
        .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
        .where(EventRow.counted.is_(True)).order_by(EventRow.id))
    return [IncidentEvent(
        key=f"{r.content_hash}:{r.record_hash[:16]}:{r.event_key}", ref=r.id, article=r.doc_id, source=r.outlet or r.doc_id,
        event_type=r.event_type, sub_event_type=r.sub_event_type, date=r.date_start, date_precision=r.date_precision,
        published=r.published, country=r.country, admin1=r.admin1, place=r.name, lat=r.lat, lon=r.lon,
        place_precision=r.precision, perpetrators=frozenset(k for k, _ in actors.get(r.id, ())),
        groups=frozenset(k for k, kind in actors.get(r.id, ()) if kind == "group"), fatalities=r.fatalities,
        fatalities_min=r.fatalities_min, fatalities_max=r.fatalities_max, certainty=r.certainty,
        background=r.background, text=evidence.get(r.id, ("", 0))[0], start=evidence.get(r.id, ("", 0))[1],
        opening=openings.get(r.doc_id, ""))
        for r in rows]


def _perpetrators(session: Session) -> dict[int, set[tuple[str, str | None]]]:
    """Linked (knowledge-base) actors said to have done or claimed each counted event, with their kind."""
    found: dict[int, set[tuple[str, str | None]]] = defaultdict(set)
    rows = session.execute(select(EventActorRow.event_id, ActorRow.kb_id, ActorRow.kind)
                           .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
                           .join(EventRow, EventRow.id == EventActorRow.event_id)
                           .where(EventRow.counted.is_(True), EventActorRow.role.in_(_PERPETRATOR_ROLES),
                                  ActorRow.kb_id.is_not(None)))
    for event_id, kb_id, kind in rows:
        found[event_id].add((str(kb_id), kind))
    return found


def _evidence(session: Session) -> dict[int, tuple[str, int]]:
    """The normalised words of each counted event's evidence sentences, and where the first one starts."""
    words: dict[int, list[str]] = defaultdict(list)
    starts: dict[int, int] = {}
    piece = func.substr(ArticleRow.text, EvidenceRow.start + 1, EvidenceRow.end - EvidenceRow.start)
    rows = session.execute(select(EvidenceRow.event_id, EvidenceRow.start, piece)
                           .join(EventRow, EventRow.id == EvidenceRow.event_id)
                           .join(ArticleRow, ArticleRow.id == EventRow.article_id)
                           .where(EventRow.counted.is_(True)).order_by(EvidenceRow.id))
    for event_id, start, text in rows:
        if event_id is None:
            continue
        words[event_id] += normalized_words(text or "")
        starts[event_id] = min(start, starts.get(event_id, start))
    return {event_id: (" ".join(found), starts[event_id]) for event_id, found in words.items()}


def _openings(session: Session) -> dict[str, str]:
    """The normalised words of the title and opening of every article with a counted event."""
    opening = func.substr(ArticleRow.text, 1, OPENING_CHARS)
    rows = session.execute(select(ArticleRow.doc_id, ArticleRow.title, opening).where(
        ArticleRow.id.in_(select(EventRow.article_id).where(EventRow.counted.is_(True)))))
    return {doc_id: " ".join(normalized_words(f"{title or ''}\n{text or ''}")) for doc_id, title, text in rows}


def _write(session: Session, incidents: list[Incident]) -> None:
    existing = dict(session.execute(select(IncidentRow.key, IncidentRow.id)).all())
    wanted = {incident.key for incident in incidents}
    gone = [incident_id for key, incident_id in existing.items() if key not in wanted]
    session.execute(delete(IncidentEventRow))
    if gone:
        session.execute(delete(IncidentRow).where(IncidentRow.id.in_(gone)))
    fresh = [i for i in incidents if i.key not in existing]
    if fresh:
        ids = session.scalars(insert(IncidentRow).returning(IncidentRow.id, sort_by_parameter_order=True),
                              [_values(i) for i in fresh])
        existing.update(zip((i.key for i in fresh), ids, strict=True))
    rows = [{"event_id": m.event.ref, "incident_id": existing[i.key], "reason": m.reason}
            for i in incidents for m in i.members]
    if rows:
        session.execute(insert(IncidentEventRow), rows)


def _values(incident: Incident) -> dict[str, object]:
    return {"key": incident.key, "event_type": incident.event_type, "sub_event_type": incident.sub_event_type,
            "date_start": incident.date_start, "date_end": incident.date_end, "country": incident.country,
            "admin1": incident.admin1, "place_name": incident.place,
            "place_precision": incident.place_precision, "lat": incident.lat, "lon": incident.lon,
            "fatalities_min": incident.fatalities_min, "fatalities_max": incident.fatalities_max,
            "n_events": len(incident.members), "n_articles": incident.articles,
            "n_sources": len(incident.sources)}
