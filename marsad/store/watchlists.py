"""Watchlists: a saved filter (as a URL query string) per owner, and the newest event id the owner
has seen and the webhook has been told about. Which events match is the query layer's business."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.store.app_tables import WatchlistRow

__all__ = ["Watchlist", "create_watchlist", "delete_watchlist", "get_watchlist", "list_watchlists",
           "mark_notified", "mark_seen"]


@dataclass(frozen=True, slots=True)
class Watchlist:
    id: int
    owner: str
    name: str
    query: str
    seen_event_id: int
    notified_event_id: int

    @classmethod
    def from_row(cls, row: WatchlistRow) -> Watchlist:
        return cls(row.id, row.owner, row.name, row.query, row.seen_event_id, row.notified_event_id)


def create_watchlist(session: Session, owner: str, name: str, query: str, seen_event_id: int) -> Watchlist:
    """A new watchlist; events up to ``seen_event_id`` (the newest now) count as seen."""
    row = WatchlistRow(owner=owner, name=name.strip()[:300] or "—", query=query, seen_event_id=seen_event_id,
                       notified_event_id=seen_event_id)
    session.add(row)
    session.flush()
    return Watchlist.from_row(row)


def list_watchlists(session: Session, owner: str | None = None) -> list[Watchlist]:
    stmt = select(WatchlistRow).order_by(WatchlistRow.id)
    if owner is not None:
        stmt = stmt.where(WatchlistRow.owner == owner)
    return [Watchlist.from_row(row) for row in session.scalars(stmt)]


def _row(session: Session, watchlist_id: int, owner: str | None) -> WatchlistRow:
    row = session.get(WatchlistRow, watchlist_id)
    if row is None or (owner is not None and row.owner != owner):
        raise LookupError(f"no watchlist {watchlist_id}")
    return row


def get_watchlist(session: Session, watchlist_id: int, owner: str | None = None) -> Watchlist:
    return Watchlist.from_row(_row(session, watchlist_id, owner))


def delete_watchlist(session: Session, watchlist_id: int, owner: str | None = None) -> None:
    session.delete(_row(session, watchlist_id, owner))


def mark_seen(session: Session, watchlist_id: int, event_id: int, owner: str | None = None) -> Watchlist:
    row = _row(session, watchlist_id, owner)
    row.seen_event_id = max(row.seen_event_id, event_id)
    return Watchlist.from_row(row)


def mark_notified(session: Session, watchlist_id: int, event_id: int) -> None:
    row = _row(session, watchlist_id, None)
    row.notified_event_id = max(row.notified_event_id, event_id)
