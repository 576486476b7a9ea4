"""Watchlists of the caller: saved filters, new matches, Atom feed."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from marsad.api.deps import Reader, SessionDep
from marsad.api.schemas import EventsPublic, WatchlistIn, WatchlistPublic
from marsad.api.services import watch
from marsad.store import app_queries, watchlists

router = APIRouter(prefix="/api/watchlists", tags=["watchlists"])


@router.get("", response_model=list[WatchlistPublic])
def list_watchlists(session: SessionDep, caller: Reader) -> list[WatchlistPublic]:
    return [WatchlistPublic(id=w.id, name=w.name, query=w.query, new=n) for w, n in watch.overview(session, caller.name)]


@router.post("", response_model=WatchlistPublic, status_code=201)
def create_watchlist(session: SessionDep, caller: Reader, body: WatchlistIn) -> WatchlistPublic:
    answer = watch.create(session, caller.name, body)
    session.commit()
    return answer


@router.get("/{watchlist_id}/new", response_model=EventsPublic)
def new_matches(session: SessionDep, caller: Reader, watchlist_id: int) -> EventsPublic:
    count, events = watch.new_events(session, watchlists.get_watchlist(session, watchlist_id, caller.name))
    return EventsPublic(data=events, count=count, limit=50, offset=0)


@router.post("/{watchlist_id}/seen", response_model=WatchlistPublic)
def mark_seen(session: SessionDep, caller: Reader, watchlist_id: int) -> WatchlistPublic:
    item = watchlists.mark_seen(session, watchlist_id, app_queries.max_event_id(session), caller.name)
    session.commit()
    return WatchlistPublic(id=item.id, name=item.name, query=item.query, new=0)


@router.delete("/{watchlist_id}", status_code=204)
def delete_watchlist(session: SessionDep, caller: Reader, watchlist_id: int) -> Response:
    watchlists.delete_watchlist(session, watchlist_id, caller.name)
    session.commit()
    return Response(status_code=204)


@router.get("/{watchlist_id}/feed.atom")
def feed(session: SessionDep, caller: Reader, watchlist_id: int, request: Request) -> Response:
    item = watchlists.get_watchlist(session, watchlist_id, caller.name)
    return Response(watch.atom_feed(session, item, str(request.base_url)), media_type="application/atom+xml")
