"""The Marsad store: articles, extraction records, events, actors, places, relations, incidents, failures.

>>> from marsad.store import open_store, EventFilter, query_events
>>> store = open_store()                     # marsad.db here; or "postgresql+psycopg://…"   # doctest: +SKIP
>>> with store.session() as session:                                                       # doctest: +SKIP
...     page = query_events(session, EventFilter(country="IQ", limit=10))

Opening a store applies the shipped Alembic migrations. Writes (:class:`StoreWriter`) are
idempotent, keyed by content hashes; reads (:mod:`marsad.store.queries`) return frozen dataclasses.
The tables (:mod:`marsad.store.tables`) are separate from the extraction dataclasses.
"""

from marsad.store.db import DEFAULT_URL, Store, StoreError, database_url, open_store
from marsad.store.queries import (
    EVENT_SORTS,
    GROUPINGS,
    EventFilter,
    EventSummary,
    Page,
    QueryError,
    count_events,
    count_events_by,
    event_detail,
    event_details,
    query_events,
)
from marsad.store.writes import NewArticle, NewDocId, NewFailure, NewRecord, StoreWriter

__all__ = [
    "DEFAULT_URL",
    "EVENT_SORTS",
    "GROUPINGS",
    "EventFilter",
    "EventSummary",
    "NewArticle",
    "NewDocId",
    "NewFailure",
    "NewRecord",
    "Page",
    "QueryError",
    "Store",
    "StoreError",
    "StoreWriter",
    "count_events",
    "count_events_by",
    "database_url",
    "event_detail",
    "event_details",
    "open_store",
    "query_events",
]
