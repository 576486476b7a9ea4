"""A small cache of computed answers, valid for one version of the data.

The version is read from the database on each use (the newest event, relation, review and
incident ids: one query on four primary keys), so an ingest, a reprocess or a
review by any process makes every cached answer stale at once; nothing is served out of date.
Lists, timelines and the graph are read far more often than the data changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marsad.store.app_tables import ReviewRow
from marsad.store.tables import EventRow, IncidentRow, RelationRow

__all__ = ["AnswerCache", "data_version"]

T = TypeVar("T")


def data_version(session: Session) -> tuple[Any, ...]:
    row = session.execute(select(
        select(func.max(EventRow.id)).scalar_subquery(), select(func.max(RelationRow.id)).scalar_subquery(),
        select(func.max(ReviewRow.id)).scalar_subquery(), select(func.max(IncidentRow.id)).scalar_subquery())).one()
    return tuple(row)


class AnswerCache:
    """Least-recently-used answers keyed by what was asked; ``size`` 0 turns caching off."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[tuple[Any, ...], Any]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, session: Session, key: Hashable, compute: Callable[[], T]) -> T:
        if not self.size:
            return compute()
        version = data_version(session)
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == version:
                self._items.move_to_end(key)
                self.hits += 1
                return found[1]
        value = compute()
        with self._lock:
            self.misses += 1
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value
