"""The ACLED-shaped export: one row per incident (a real-world event, however many outlets reported it).

Columns, names and codes follow ACLED's published export (codebook 2023+): ``event_date``
(YYYY-MM-DD), ``time_precision`` (1 day, 2 about a week, 3 month), ``disorder_type``,
``event_type`` and ``sub_event_type`` in ACLED's words, ``actor1``/``assoc_actor_1``/``inter1``
and the same for actor 2, ``interaction`` (the two inter codes, lower first, as an integer),
``civilian_targeting``, ``iso`` (ISO 3166 numeric), ``region``, ``country`` (English name),
``admin1``, ``location``, ``latitude``, ``longitude``, ``geo_precision`` (1 town, 2 part of a
region, 3 province or country), ``source`` (every outlet, "; "-joined), ``notes`` (the first evidence
sentence), ``fatalities`` (the lowest toll the sources give, 0 when none), ``tags``, ``timestamp``.
Actor names are Marsad's canonical (Arabic) names; inter codes come from the actor kinds:
state forces 1, armed groups 2, unnamed armed men 3, rioters 5, protesters 6, civilians 7, other 8.
Negated events are not exported.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from functools import lru_cache
from importlib.resources import files
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.store import EventFilter
from marsad.store.incident_queries import incident_batches, incidents_like
from marsad.store.tables import (
    ActorRow,
    ArticleRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    IncidentEventRow,
    IncidentRow,
)
from marsad.vocabulary import names

__all__ = ["ACLED_COLUMNS", "EVENT_TYPES", "SUB_EVENT_TYPES", "acled_rows", "write_acled"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# ACLED's words for the SPEC codes: the English names of marsad/vocabulary.yaml (one source for both).
EVENT_TYPES = names("event_type", "en")
SUB_EVENT_TYPES = names("sub_event_type", "en")
DISORDER_TYPES = {
    "battles": "Political violence", "explosions_remote_violence": "Political violence",
    "violence_against_civilians": "Political violence", "protests": "Demonstrations",
    "riots": "Political violence; Demonstrations", "strategic_developments": "Strategic developments",
}
_INTER = {"state_force": 1, "group": 2, "organisation": 2, "civilians": 7, "person": 8, "other": 3}
_GEO_PRECISION = {"point": 1, "city": 1, "admin1": 2, "region": 2, "country": 3}
_ACTOR1 = ("perpetrator", "claimant")
_ACTOR2 = ("target", "victim")


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, str]]:
    """ISO2 → iso3, iso_numeric, name, region (``countries.tsv``, derived from the shared country table)."""
    text = files("marsad.export").joinpath("countries.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {row["iso2"]: row for row in csv.DictReader(lines, delimiter="\t")}


def write_acled(session: Session, out: TextIO, flt: EventFilter | None = None) -> int:
    """ACLED-shaped CSV of every incident (within ``flt``'s dates, country and type when given)."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in acled_rows(session, flt):
        writer.writerow(row)
        count += 1
    return count


def acled_rows(session: Session, flt: EventFilter | None = None, batch: int = 500) -> Any:
    """ACLED rows (dicts keyed by :data:`ACLED_COLUMNS`), incident by incident."""
    for incidents in incident_batches(session, incidents_like(flt), batch):
        members = _members(session, [i.id for i in incidents])
        for incident in incidents:
            events = [m for m in members.get(incident.id, []) if m["certainty"] != "negated"]
            if events:
                yield _row(incident, events)


def _members(session: Session, incident_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    rows = session.execute(
        select(IncidentEventRow.incident_id, EventRow.id, EventRow.event_type, EventRow.certainty,
               EventRow.date_precision, ArticleRow.outlet, ArticleRow.doc_id, ArticleRow.published, ArticleRow.text)
        .join(EventRow, EventRow.id == IncidentEventRow.event_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(IncidentEventRow.incident_id.in_(incident_ids)).order_by(EventRow.id)).all()
    event_ids = [r.id for r in rows]
    actors = _actors(session, event_ids)
    notes = _first_evidence(session, event_ids)
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        start, end = notes.get(r.id, (0, 0))
        out[r.incident_id].append({"event_type": r.event_type, "certainty": r.certainty,
                                   "date_precision": r.date_precision, "outlet": r.outlet or r.doc_id,
                                   "published": r.published, "actors": actors.get(r.id, []),
                                   "note": " ".join(r.text[start:end].split())})
    return out


def _actors(session: Session, event_ids: list[int]) -> dict[int, list[tuple[str, str, str | None]]]:
    out: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
    rows = session.execute(select(EventActorRow.event_id, EventActorRow.role, ActorRow.name, ActorRow.kind)
                           .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
                           .where(EventActorRow.event_id.in_(event_ids)).order_by(EventActorRow.id))
    for event_id, role, name, kind in rows:
        out[event_id].append((role, name, kind))
    return out


def _first_evidence(session: Session, event_ids: list[int]) -> dict[int, tuple[int, int]]:
    out: dict[int, tuple[int, int]] = {}
    for event_id, start, end in session.execute(select(EvidenceRow.event_id, EvidenceRow.start, EvidenceRow.end)
                                                .where(EvidenceRow.event_id.in_(event_ids))
                                                .order_by(EvidenceRow.id)):
        if event_id is not None:
            out.setdefault(event_id, (start, end))
    return out


def _row(incident: IncidentRow, events: list[dict[str, Any]]) -> dict[str, Any]:
    country = countries().get(incident.country or "", {})
    actor1, assoc1, kind1 = _actor_column(events, _ACTOR1)
    actor2, assoc2, kind2 = _actor_column(events, _ACTOR2)
    inter1 = _inter(kind1, incident.event_type) if actor1 else ""
    inter2 = _inter(kind2, incident.event_type) if actor2 else ""
    day, precision = _when(incident, events)
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{incident.id}", "event_date": day.isoformat() if day else "",
        "year": day.year if day else "", "time_precision": precision,
        "disorder_type": DISORDER_TYPES.get(incident.event_type, ""),
        "event_type": EVENT_TYPES.get(incident.event_type, incident.event_type),
        "sub_event_type": SUB_EVENT_TYPES.get(incident.sub_event_type or "", "Other"),
        "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if incident.event_type == "violence_against_civilians" else "",
        "iso": country.get("iso_numeric", ""), "region": country.get("region", ""),
        "country": country.get("name", incident.country or ""), "admin1": incident.admin1 or "", "admin2": "",
        "admin3": "", "location": incident.place_name or "", "latitude": _coordinate(incident.lat),
        "longitude": _coordinate(incident.lon), "geo_precision": _geo_precision(incident),
        "source": "; ".join(dict.fromkeys(e["outlet"] for e in events)), "source_scale": "",
        "notes": events[0]["note"], "fatalities": incident.fatalities_min or 0, "tags": "",
        "timestamp": _timestamp(events),
    }


def _actor_column(events: list[dict[str, Any]], roles: tuple[str, ...]) -> tuple[str, str, str | None]:
    """The most named actor in these roles, the others ("; "-joined), and the main one's kind."""
    counts: Counter[str] = Counter()
    kinds: dict[str, str | None] = {}
    for event in events:
        for role, name, kind in event["actors"]:
            if role in roles:
                counts[name] += 1
                kinds.setdefault(name, kind)
    if not counts:
        return "", "", None
    ranked = [name for name, _ in counts.most_common()]
    return ranked[0], "; ".join(ranked[1:]), kinds[ranked[0]]


def _inter(kind: str | None, event_type: str) -> int:
    if kind in (None, "other") and event_type in ("protests", "riots"):
        return 6 if event_type == "protests" else 5
    return _INTER.get(kind or "other", 8)


def _interaction(inter1: int | str, inter2: int | str) -> int | str:
    if inter1 == "":
        return ""
    codes = sorted(c for c in (inter1, inter2) if c != "")
    return int(f"{codes[0]}{codes[1] if len(codes) > 1 else 0}")


def _when(incident: IncidentRow, events: list[dict[str, Any]]) -> tuple[dt.date | None, int | str]:
    if incident.date_start is not None:
        return incident.date_start, 1
    published = sorted(e["published"] for e in events if e["published"])
    return (published[0], 2) if published else (None, "")


def _geo_precision(incident: IncidentRow) -> int | str:
    return _GEO_PRECISION.get(incident.place_precision or "", "") if incident.place_name else ""


def _coordinate(value: float | None) -> float | str:
    return round(value, 4) if value is not None else ""


def _timestamp(events: list[dict[str, Any]]) -> int | str:
    published = sorted(e["published"] for e in events if e["published"])
    if not published:
        return ""
    return int(dt.datetime.combine(published[0], dt.time(), tzinfo=dt.UTC).timestamp())
