"""Events: list with filters and totals, exports of the view, timeline, one event, review."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response, StreamingResponse

from marsad.api.deps import Reader, Reviewer, SessionDep
from marsad.api.schemas import EventDetail, EventsPublic, ReviewIn, ReviewPublic, TimelinePublic
from marsad.api.services import events, exports, review
from marsad.api.services.params import EventParams
from marsad.web.i18n import words

router = APIRouter(prefix="/api/events", tags=["events"])
Params = Annotated[EventParams, Query()]


@router.get("", response_model=EventsPublic)
def list_events(session: SessionDep, caller: Reader, params: Params) -> EventsPublic:
    return events.list_events(session, params)


@router.get(".csv", response_class=StreamingResponse)
def events_csv(session: SessionDep, caller: Reader, params: Params) -> StreamingResponse:
    lines = list(exports.csv_lines(exports.view_events(session, params)))
    return StreamingResponse(iter(lines), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="marsad-events.csv"'})


@router.get(".geojson")
def events_geojson(session: SessionDep, caller: Reader, params: Params) -> Response:
    body = exports.geojson_text(exports.view_events(session, params))
    return Response(body, media_type="application/geo+json",
                    headers={"Content-Disposition": 'attachment; filename="marsad-events.geojson"'})


@router.get("/timeline", response_model=TimelinePublic)
def events_timeline(session: SessionDep, caller: Reader, params: Params,
                    interval: Literal["day", "week", "month"] = "week", lang: str = "ar") -> TimelinePublic:
    return events.timeline(session, params, interval, words(lang))


@router.get("/{event_id}", response_model=EventDetail)
def get_event(session: SessionDep, caller: Reader, event_id: int) -> EventDetail:
    return events.event_page(session, event_id)


@router.post("/{event_id}/review", response_model=ReviewPublic, status_code=201)
def review_event(session: SessionDep, caller: Reviewer, event_id: int, verdict: ReviewIn) -> ReviewPublic:
    answer = review.review_event(session, event_id, verdict, caller.name)
    session.commit()
    return answer
