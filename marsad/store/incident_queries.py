"""Reading incidents: a filtered list, and one incident with every source, its evidence and merge reasons."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from marsad.store.queries import EventFilter, Page, QueryError
from marsad.store.tables import (
    ArticleRow,
    EventRow,
    EvidenceRow,
    IncidentEventRow,
    IncidentRow,
)

__all__ = ["INCIDENT_SORTS", "IncidentFilter", "IncidentSummary", "incident_batches", "incident_conditions",
           "incident_detail", "incident_records", "incidents_like", "query_incidents"]

INCIDENT_SORTS: dict[str, tuple[ColumnElement[Any], ...]] = {
    "date": (IncidentRow.date_start.asc().nulls_last(),),
    "-date": (IncidentRow.date_start.desc().nulls_last(),),
    "sources": (IncidentRow.n_sources.asc(),),
    "-sources": (IncidentRow.n_sources.desc(),),
    "-fatalities": (IncidentRow.fatalities_max.desc().nulls_last(),),
    "id": (),
}


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """``min_sources``: reported by at least this many outlets (2 = incidents merged across outlets)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    event_type: str | None = None
    min_sources: int = 1
    sort: str = "-date"
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        if self.sort not in INCIDENT_SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; give one of {', '.join(INCIDENT_SORTS)}")
        if self.limit < 0 or self.offset < 0 or self.min_sources < 1:
            raise QueryError("limit and offset must be 0 or more, min_sources 1 or more")


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    id: int
    event_type: str
    sub_event_type: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    fatalities_min: int | None
    fatalities_max: int | None
    events: int
    articles: int
    sources: int


def incidents_like(flt: EventFilter | None) -> IncidentFilter:
    """The incidents an event filter's dates, country and type select, all of them, oldest id first."""
    if flt is None:
        return IncidentFilter(sort="id")
    return IncidentFilter(sort="id", date_from=flt.date_from, date_to=flt.date_to, country=flt.country,
                          event_type=flt.event_type)


def query_incidents(session: Session, flt: IncidentFilter) -> Page[IncidentSummary]:
    conditions = incident_conditions(flt)
    total = session.scalar(select(func.count(IncidentRow.id)).where(*conditions)) or 0
    rows = session.scalars(select(IncidentRow).where(*conditions)
                           .order_by(*INCIDENT_SORTS[flt.sort], IncidentRow.id).limit(flt.limit).offset(flt.offset))
    return Page(tuple(_summary(row) for row in rows), total)


def incident_detail(session: Session, incident_id: int) -> dict[str, Any] | None:
    """One incident as the ``incidents`` export writes it (see README), with each source's merge reason."""
    row = session.get(IncidentRow, incident_id)
    return None if row is None else next(iter(_records(session, [row])))


def incident_records(session: Session, flt: IncidentFilter | None = None, batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every incident matching ``flt`` (all pages), oldest id first, as export records; memory stays flat."""
    for rows in incident_batches(session, flt, batch):
        yield from _records(session, rows)


def incident_batches(session: Session, flt: IncidentFilter | None = None,
                     batch: int = 500) -> Iterator[list[IncidentRow]]:
    """Every incident matching ``flt``, oldest id first, ``batch`` rows at a time (each row read once)."""
    conditions = incident_conditions(flt or IncidentFilter(sort="id"))
    last = 0
    while True:
        rows = list(session.scalars(select(IncidentRow).where(*conditions, IncidentRow.id > last)
                                    .order_by(IncidentRow.id).limit(batch)))
        if rows:
            yield rows
        if len(rows) < batch:
            return
        last = rows[-1].id


def incident_conditions(flt: IncidentFilter) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if flt.date_from is not None:
        out.append(IncidentRow.date_end >= flt.date_from)
    if flt.date_to is not None:
        out.append(IncidentRow.date_start <= flt.date_to)
    if flt.country:
        out.append(IncidentRow.country == flt.country.upper())
    if flt.event_type:
        out.append(IncidentRow.event_type == flt.event_type)
    if flt.min_sources > 1:
        out.append(IncidentRow.n_sources >= flt.min_sources)
    return out


def _summary(row: IncidentRow) -> IncidentSummary:
    return IncidentSummary(id=row.id, event_type=row.event_type, sub_event_type=row.sub_event_type,
                           date_start=row.date_start, date_end=row.date_end, country=row.country, admin1=row.admin1,
                           place=row.place_name, lat=row.lat, lon=row.lon, fatalities_min=row.fatalities_min,
                           fatalities_max=row.fatalities_max, events=row.n_events, articles=row.n_articles,
                           sources=row.n_sources)


def _records(session: Session, incidents: Sequence[IncidentRow]) -> Iterator[dict[str, Any]]:
    members = _members(session, [i.id for i in incidents])
    for incident in incidents:
        events = members.get(incident.id, [])
        yield {
            "id": incident.id, "event_type": incident.event_type, "sub_event_type": incident.sub_event_type,
            "date": _iso(incident.date_start), "date_end": _iso(incident.date_end), "country": incident.country,
            "admin1": incident.admin1, "place": incident.place_name, "lat": incident.lat, "lon": incident.lon,
            "fatalities_min": incident.fatalities_min, "fatalities_max": incident.fatalities_max,
            "sources": list(dict.fromkeys(e["outlet"] for e in events if e["outlet"])),
            "events": events,
        }


def _members(session: Session, incident_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    rows = session.execute(
        select(IncidentEventRow.incident_id, IncidentEventRow.reason, EventRow.id, EventRow.event_key,
               EventRow.event_type, EventRow.date_value, EventRow.fatalities, EventRow.fatalities_min,
               EventRow.fatalities_max, ArticleRow.doc_id, ArticleRow.outlet, ArticleRow.url)
        .join(EventRow, EventRow.id == IncidentEventRow.event_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(IncidentEventRow.incident_id.in_(incident_ids)).order_by(EventRow.id)).all()
    spans = _evidence(session, [r.id for r in rows])
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r.incident_id].append({
            "article": r.doc_id, "event": r.event_key, "outlet": r.outlet, "url": r.url,
            "event_type": r.event_type, "date": r.date_value,
            "fatalities": {"value": r.fatalities, "min": r.fatalities_min, "max": r.fatalities_max},
            "evidence": spans.get(r.id, []), "reason": r.reason or None})
    return out


def _evidence(session: Session, event_ids: list[int]) -> dict[int, list[dict[str, int]]]:
    out: dict[int, list[dict[str, int]]] = defaultdict(list)
    if event_ids:
        for event_id, start, end in session.execute(select(EvidenceRow.event_id, EvidenceRow.start, EvidenceRow.end)
                                                    .where(EvidenceRow.event_id.in_(event_ids))
                                                    .order_by(EvidenceRow.id)):
            if event_id is not None:
                out[event_id].append({"start": start, "end": end})
    return out


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
