"""Reading the store: events by filter, one event, counts. Library functions over a session.

>>> from marsad.store import open_store, EventFilter, query_events
>>> store = open_store("marsad.db")                                   # doctest: +SKIP
>>> with store.session() as session:                                  # doctest: +SKIP
...     page = query_events(session, EventFilter(country="IQ", event_type="explosions_remote_violence",
...                                              limit=20))
...     print(page.total, [row.date for row in page.rows])

Only *counted* events are read (the current record of an article that is not a near-duplicate):
each reported event once. Results are ordered with a unique tie-breaker (the event id) and nulls
last, so SQLite and PostgreSQL return the same rows in the same order.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from marsad.model import CERTAINTY_ORDER
from marsad.store.search import matching_ids
from marsad.store.tables import (
    ActorRow,
    ArticleRow,
    EventActorRow,
    EventRow,
    IncidentEventRow,
    PlaceRow,
    RecordRow,
)

__all__ = ["EVENT_SORTS", "GROUPINGS", "EventFilter", "EventSummary", "Page", "QueryError", "count_events",
           "count_events_by", "event_detail", "event_details", "iter_events", "query_events"]

T = TypeVar("T")

EVENT_SORTS: dict[str, tuple[ColumnElement[Any], ...]] = {
    "date": (EventRow.date_start.asc().nulls_last(),),
    "-date": (EventRow.date_start.desc().nulls_last(),),
    "fatalities": (EventRow.fatalities_max.asc().nulls_last(),),
    "-fatalities": (EventRow.fatalities_max.desc().nulls_last(),),
    "published": (ArticleRow.published.asc().nulls_last(),),
    "-published": (ArticleRow.published.desc().nulls_last(),),
    "id": (),
}
CERTAINTIES = CERTAINTY_ORDER
MAX_LIMIT = 10_000


class QueryError(ValueError):
    """A filter that cannot be run (an unknown sort, a negative offset, ...); the message says what to give."""


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results and the number of results over all pages."""

    rows: tuple[T, ...]
    total: int


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events, in which order, which page. Every criterion is optional; they combine with AND.

    ``date_from``/``date_to``: the event's date (its period, for month or year precision) overlaps
    the range; events without a date are left out when either bound is set. ``country``: ISO 3166-1
    alpha-2. ``place``: the place's canonical name, its admin1, or the words of the text.
    ``actor``: an actor's canonical name or knowledge-base id, in any role. ``claimed``: True for
    claimed events, False for the rest. ``text``: full-text query on the article (normalised Arabic).
    ``sort``: one of :data:`EVENT_SORTS` (``-`` for descending).
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    place: str | None = None
    actor: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    certainty: str | None = None
    claimed: bool | None = None
    text: str | None = None
    outlet: str | None = None
    incident_id: int | None = None
    include_background: bool = True
    sort: str = "-date"
    limit: int = 50
    offset: int = 0

    def __post_init__(self) -> None:
        if self.sort not in EVENT_SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; give one of {', '.join(EVENT_SORTS)}")
        if not 0 <= self.limit <= MAX_LIMIT:
            raise QueryError(f"limit must be between 0 and {MAX_LIMIT} (got {self.limit})")
        if self.offset < 0:
            raise QueryError(f"offset must be 0 or more (got {self.offset})")
        if self.certainty is not None and self.certainty not in CERTAINTIES:
            raise QueryError(f"unknown certainty {self.certainty!r}; give one of {', '.join(CERTAINTIES)}")


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One event as a row of a list: what it was, where, when, the toll, who, and its article."""

    id: int
    article: str
    event_key: str
    outlet: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    event_type: str
    sub_event_type: str
    date: str | None
    date_precision: str | None
    country: str | None
    admin1: str | None
    place: str | None
    lat: float | None
    lon: float | None
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    injured: int | None
    certainty: str
    background: bool
    claim_status: str | None
    claimed_by: str | None
    incident_id: int | None
    perpetrators: tuple[str, ...] = field(default=())
    targets: tuple[str, ...] = field(default=())


def query_events(session: Session, flt: EventFilter) -> Page[EventSummary]:
    """The events matching ``flt``: one page of :class:`EventSummary` and the total count."""
    conditions = event_conditions(session.get_bind().dialect.name, flt)
    counting = select(func.count(EventRow.id))
    if flt.outlet or flt.text:  # only these read the article; joining it for nothing reads every article row
        counting = counting.join(ArticleRow, ArticleRow.id == EventRow.article_id)
    total = session.scalar(counting.where(*conditions)) or 0
    stmt = _summary_select().where(*conditions).order_by(*EVENT_SORTS[flt.sort], EventRow.id)
    rows = session.execute(stmt.limit(flt.limit).offset(flt.offset)).all()
    roles = _actor_names(session, [row.id for row in rows])
    return Page(tuple(_summary(row, roles.get(row.id, {})) for row in rows), total)


GROUPINGS = {"day": EventRow.date_start, "country": EventRow.country, "event_type": EventRow.event_type,
             "sub_event_type": EventRow.sub_event_type, "outlet": ArticleRow.outlet, "certainty": EventRow.certainty}


def count_events(session: Session, flt: EventFilter, by: str) -> list[tuple[Any, int]]:
    """How many events match ``flt`` per value of ``by`` (one of :data:`GROUPINGS`), by that value."""
    return [(value, count) for value, count in count_events_by(session, flt, (by,))]


def count_events_by(session: Session, flt: EventFilter, by: Sequence[str]) -> list[tuple[Any, ...]]:
    """One query: ``(value, …, count)`` per combination of the ``by`` groupings, ordered by those values."""
    unknown = [name for name in by if name not in GROUPINGS]
    if unknown or not by:
        raise QueryError(f"cannot count by {unknown[0] if unknown else 'nothing'!r}; give one of {', '.join(GROUPINGS)}")
    keys = [GROUPINGS[name] for name in by]
    conditions = event_conditions(session.get_bind().dialect.name, flt)
    rows = session.execute(select(*keys, func.count(EventRow.id)).join(ArticleRow, ArticleRow.id == EventRow.article_id)
                           .where(*conditions).group_by(*keys).order_by(*(key.asc().nulls_last() for key in keys)))
    return [(*values, int(count)) for *values, count in rows]


def iter_events(session: Session, flt: EventFilter | None = None, batch: int = 1000) -> Iterator[EventSummary]:
    """Every event matching ``flt`` (its sort, limit and offset ignored), by id, a batch at a time."""
    flt = flt or EventFilter()
    conditions = event_conditions(session.get_bind().dialect.name, flt)
    last = 0
    while True:
        rows = session.execute(_summary_select().where(*conditions, EventRow.id > last)
                               .order_by(EventRow.id).limit(batch)).all()
        if not rows:
            return
        roles = _actor_names(session, [row.id for row in rows])
        yield from (_summary(row, roles.get(row.id, {})) for row in rows)
        last = rows[-1].id


def event_conditions(dialect: str, flt: EventFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a filter (the events are joined to their article)."""
    out: list[ColumnElement[bool]] = [EventRow.counted.is_(True)]
    if flt.date_from is not None:
        out.append(EventRow.date_end >= flt.date_from)
    if flt.date_to is not None:
        out.append(EventRow.date_start <= flt.date_to)
    equal = {EventRow.country: flt.country and flt.country.upper(), EventRow.event_type: flt.event_type,
             EventRow.sub_event_type: flt.sub_event_type, EventRow.certainty: flt.certainty,
             ArticleRow.outlet: flt.outlet}
    out += [column == value for column, value in equal.items() if value is not None]
    if flt.place:
        out.append(or_(EventRow.admin1 == flt.place, EventRow.place_mention == flt.place,
                       EventRow.place_id.in_(select(PlaceRow.id).where(PlaceRow.name == flt.place))))
    if flt.actor:
        named = select(ActorRow.id).where(or_(ActorRow.name == flt.actor, ActorRow.kb_id == flt.actor))
        out.append(EventRow.id.in_(select(EventActorRow.event_id).where(EventActorRow.actor_id.in_(named))))
    if flt.claimed is not None:
        claimed = EventRow.claim_status == "claimed"
        out.append(claimed if flt.claimed else or_(EventRow.claim_status.is_(None), ~claimed))
    if not flt.include_background:
        out.append(EventRow.background.is_(False))
    if flt.text:
        out.append(matching_ids(dialect, flt.text))
    if flt.incident_id is not None:
        out.append(EventRow.id.in_(select(IncidentEventRow.event_id)
                                   .where(IncidentEventRow.incident_id == flt.incident_id)))
    return out


def event_detail(session: Session, event_id: int) -> dict[str, Any] | None:
    """One event as SPEC JSON (its ``evidence`` with the article's words) plus its article and incident.

    ``article`` holds the article's ``id`` (the document id), ``title``, ``outlet``, ``url``, ``published``,
    and its ``text`` and ``store_id`` (the row id), read with it.
    """
    return event_details(session, [event_id]).get(event_id)


def event_details(session: Session, event_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """:func:`event_detail` of several events by id, in one query; each stored record is parsed once."""
    if not event_ids:
        return {}
    rows = session.execute(
        select(EventRow, ArticleRow, RecordRow.id, RecordRow.result_json, RecordRow.pipeline_version, IncidentEventRow)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .join(RecordRow, RecordRow.id == EventRow.record_id)
        .outerjoin(IncidentEventRow, IncidentEventRow.event_id == EventRow.id)
        .where(EventRow.id.in_(event_ids))).all()
    records: dict[int, dict[str, dict[str, Any]]] = {}
    out: dict[int, dict[str, Any]] = {}
    for event, article, record_id, result_json, version, incident in rows:
        if record_id not in records:
            records[record_id] = _events_by_key(json.loads(result_json))
        out[event.id] = {
            "id": event.id, "event": records[record_id][event.event_key], "counted": event.counted,
            "pipeline_version": version,
            "article": {"id": article.doc_id, "title": article.title, "outlet": article.outlet, "url": article.url,
                        "published": _iso(article.published), "text": article.text, "store_id": article.id},
            "incident": None if incident is None else {"id": incident.incident_id, "reason": incident.reason}}
    return out


def _events_by_key(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for spec in record["events"]:
        out.setdefault(spec["id"], spec)
    return out


def _summary_select() -> Select:
    return (select(EventRow.id, ArticleRow.doc_id, EventRow.event_key, ArticleRow.outlet, ArticleRow.title,
                   ArticleRow.url, ArticleRow.published, EventRow.event_type, EventRow.sub_event_type,
                   EventRow.date_value, EventRow.date_precision, EventRow.country, EventRow.admin1,
                   PlaceRow.name.label("place"), PlaceRow.lat, PlaceRow.lon, EventRow.fatalities,
                   EventRow.fatalities_min, EventRow.fatalities_max, EventRow.injured, EventRow.certainty,
                   EventRow.background, EventRow.claim_status, EventRow.claimed_by,
                   IncidentEventRow.incident_id)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .outerjoin(PlaceRow, PlaceRow.id == EventRow.place_id)
            .outerjoin(IncidentEventRow, IncidentEventRow.event_id == EventRow.id))


def _actor_names(session: Session, event_ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
    """Actor names per event and role, in the order the record lists them."""
    out: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if not event_ids:
        return out
    rows = session.execute(select(EventActorRow.event_id, EventActorRow.role, ActorRow.name)
                           .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
                           .where(EventActorRow.event_id.in_(event_ids)).order_by(EventActorRow.id))
    for event_id, role, name in rows:
        if name not in out[event_id][role]:
            out[event_id][role].append(name)
    return out


def _summary(row: Any, roles: dict[str, list[str]]) -> EventSummary:
    return EventSummary(
        id=row.id, article=row.doc_id, event_key=row.event_key, outlet=row.outlet, title=row.title,
        url=row.url, published=row.published, event_type=row.event_type, sub_event_type=row.sub_event_type,
        date=row.date_value, date_precision=row.date_precision, country=row.country, admin1=row.admin1,
        place=row.place, lat=row.lat, lon=row.lon, fatalities=row.fatalities, fatalities_min=row.fatalities_min,
        fatalities_max=row.fatalities_max, injured=row.injured, certainty=row.certainty,
        background=row.background, claim_status=row.claim_status, claimed_by=row.claimed_by,
        incident_id=row.incident_id,
        perpetrators=tuple(roles.get("perpetrator", []) + [n for n in roles.get("claimant", [])
                                                           if n not in roles.get("perpetrator", [])]),
        targets=tuple(roles.get("target", []) + roles.get("victim", [])))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None

