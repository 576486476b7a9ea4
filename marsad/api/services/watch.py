"""Watchlists: saved filters, their new matches since the owner's last visit, an Atom feed of the
matches, and a webhook POST of new matches when the server is configured with one."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl
from xml.etree import ElementTree as ET

from sqlalchemy.orm import Session

from marsad.api.schemas import EventPublic, WatchlistIn, WatchlistPublic
from marsad.api.services.events import events_by_id
from marsad.api.services.params import EventParams
from marsad.store import app_queries, watchlists
from marsad.store.watchlists import Watchlist

if TYPE_CHECKING:
    from marsad.api.deps import AppState

__all__ = ["atom_feed", "create", "new_events", "notify", "overview"]

log = logging.getLogger(__name__)
ATOM = "http://www.w3.org/2005/Atom"


def params_of(query: str) -> EventParams:
    return EventParams.from_query(dict(parse_qsl(query)))


def create(session: Session, owner: str, body: WatchlistIn) -> WatchlistPublic:
    query = params_of(body.query).query()  # checked and normalised
    item = watchlists.create_watchlist(session, owner, body.name, query, app_queries.max_event_id(session))
    return WatchlistPublic(id=item.id, name=item.name, query=item.query, new=0)


def new_events(session: Session, item: Watchlist, after: int | None = None, limit: int = 50) -> tuple[int, list[EventPublic]]:
    flt = params_of(item.query).to_filter(limit=0)
    count, ids = app_queries.new_matches(session, flt, item.seen_event_id if after is None else after, limit)
    return count, events_by_id(session, ids)


def overview(session: Session, owner: str) -> list[tuple[Watchlist, int]]:
    out = []
    for item in watchlists.list_watchlists(session, owner):
        flt = params_of(item.query).to_filter(limit=0)
        out.append((item, app_queries.new_matches(session, flt, item.seen_event_id, 0)[0]))
    return out


def atom_feed(session: Session, item: Watchlist, base_url: str) -> bytes:
    """The latest 50 matches of a watchlist as an Atom feed (newest first)."""
    _, events = new_events(session, item, after=0, limit=50)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", f"Marsad — {item.name}")
    _text(feed, "id", f"{base_url}api/watchlists/{item.id}/feed.atom")
    _text(feed, "updated", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    ET.SubElement(feed, f"{{{ATOM}}}link", href=f"{base_url}?{item.query}")
    for event in events:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", " — ".join(x for x in (event.sub_event_type, event.place, event.date) if x))
        _text(entry, "id", f"{base_url}events/{event.id}")
        _text(entry, "updated", _timestamp(event.published or event.date))
        ET.SubElement(entry, f"{{{ATOM}}}link", href=f"{base_url}events/{event.id}")
        _text(entry, "summary", "; ".join(x for x in (event.perpetrator, event.claimed_by and f"claim: {event.claimed_by}",
                                                      event.fatalities is not None and f"fatalities: {event.fatalities}",
                                                      event.title) if x))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _timestamp(day: str | None) -> str:
    return f"{day}T00:00:00Z" if day and len(day) == 10 else "1970-01-01T00:00:00Z"


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = value


def notify(state: AppState, session: Session) -> None:
    """POST each watchlist's matches newer than the last notification to the configured webhook."""
    url = state.settings.webhook_url
    if not url:
        return
    for item in watchlists.list_watchlists(session):
        count, events = new_events(session, item, after=item.notified_event_id)
        if not count:
            continue
        watchlists.mark_notified(session, item.id, max(e.id for e in events))
        payload = {"watchlist": {"id": item.id, "name": item.name, "query": item.query}, "new": count,
                   "events": [e.model_dump() for e in events]}
        session.commit()
        threading.Thread(target=_post, args=(url, payload), daemon=True).start()


def _post(url: str, payload: dict[str, object]) -> None:
    request = urllib.request.Request(url, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10):  # noqa: S310 (an address the operator configured)
            pass
    except OSError as err:
        log.warning("watchlist webhook %s failed: %s", url, err)
