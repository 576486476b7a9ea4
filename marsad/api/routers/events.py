"""Events: list with filters and totals, exports of the view, timeline, one event, review."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from marsad.api.deps import Reader, Reviewer, SessionDep, StateDep, cached_json
from marsad.api.schemas import EventDetail, EventsPublic, ReviewIn, ReviewPublic, TimelinePublic
from marsad.api.services import events, review
from marsad.api.services.exports import MEDIA_TYPES, export_text
from marsad.api.services.params import EventParams
from marsad.web.i18n import words

router = APIRouter(prefix="/api/events", tags=["events"])
Params = Annotated[EventParams, Query()]


@router.get("", response_model=EventsPublic)
def list_events(session: SessionDep, state: StateDep, caller: Reader, params: Params) -> Response:
    return cached_json(state, session, ("events", params), lambda: events.list_events(session, params))


@router.get(".csv", response_class=Response)
def events_csv(session: SessionDep, caller: Reader, params: Params) -> Response:
    """The view (all pages) as the corpus CSV export, with reviewed values and a ``reviewed`` column."""
    return Response(export_text(session, "csv", params), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="marsad-events.csv"'})


@router.get(".geojson", response_class=Response)
def events_geojson(session: SessionDep, caller: Reader, params: Params) -> Response:
    return Response(export_text(session, "geojson", params), media_type="application/geo+json",
                    headers={"Content-Disposition": 'attachment; filename="marsad-events.geojson"'})


@router.get("/timeline", response_model=TimelinePublic)
def events_timeline(session: SessionDep, state: StateDep, caller: Reader, params: Params,
                    interval: Literal["day", "week", "month"] = "week", lang: str = "ar") -> Response:
    return cached_json(state, session, ("timeline", params, interval, lang),
                       lambda: events.timeline(session, params, interval, words(lang)))


@router.get("/{event_id}", response_model=EventDetail)
def get_event(session: SessionDep, caller: Reader, event_id: int) -> EventDetail:
    return events.event_page(session, event_id)


@router.post("/{event_id}/review", response_model=ReviewPublic, status_code=201)
def review_event(session: SessionDep, caller: Reviewer, event_id: int, verdict: ReviewIn) -> ReviewPublic:
    answer = review.review_event(session, event_id, verdict, caller.name)
    session.commit()
    return answer


export_router = APIRouter(prefix="/api", tags=["exports"])


@export_router.get("/export", response_class=Response)
def export_corpus(session: SessionDep, caller: Reader, params: Params,
                  format: Literal["csv", "jsonl", "geojson", "acled", "graphml", "incidents", "gold"]) -> Response:
    """The corpus exports of ``marsad export`` for the filtered events (``gold``: reviewed articles)."""
    return Response(export_text(session, format, params), media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="marsad.{format}"'})
