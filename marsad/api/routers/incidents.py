"""Incidents: one real-world event with every source that reported it."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from marsad.api.deps import Reader, SessionDep
from marsad.store.incident_queries import IncidentFilter, incident_detail, query_incidents

router = APIRouter(prefix="/api/incidents", tags=["incidents"])


@router.get("")
def list_incidents(session: SessionDep, caller: Reader, date_from: dt.date | None = None, date_to: dt.date | None = None,
                   country: Annotated[str | None, Query(max_length=2)] = None, event_type: str | None = None,
                   min_sources: Annotated[int, Query(ge=1)] = 1, limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                   offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """Incidents (``min_sources=2``: merged across outlets), newest first, with the total count."""
    page = query_incidents(session, IncidentFilter(date_from=date_from, date_to=date_to,
                                                   country=country.upper() if country else None,
                                                   event_type=event_type or None, min_sources=min_sources,
                                                   limit=limit, offset=offset))
    return {"data": [asdict(row) for row in page.rows], "count": page.total, "limit": limit, "offset": offset}


@router.get("/{incident_id}")
def get_incident(session: SessionDep, caller: Reader, incident_id: int) -> dict[str, Any]:
    """One incident with every source, its evidence, its toll and the reason it was merged."""
    detail = incident_detail(session, incident_id)
    if detail is None:
        raise LookupError(f"no incident {incident_id}")
    return detail
