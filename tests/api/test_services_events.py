"""The event services on a real store: the event page reads each stored SPEC record once, the timeline counts
in one grouped query."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import event, select

from marsad.api.services import events
from marsad.api.services.params import EventParams
from marsad.store import EventFilter, Store, query_events
from marsad.store.tables import RecordRow
from marsad.web.i18n import words


def test_the_event_page_parses_each_stored_record_once(app_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    with app_store.session() as session:
        records = set(session.scalars(select(RecordRow.result_json)))
        [mosul] = query_events(session, EventFilter(text="ثلاثة أشخاص", place="الموصل")).rows
    parsed: Counter[str] = Counter()
    loads = json.loads

    def counting(text: Any, *args: Any, **kwargs: Any) -> Any:
        if text in records:
            parsed[text] += 1
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting)
    with app_store.session() as session:
        page = events.event_page(session, mosul.id)
    assert [s.outlet for s in page.sources] == ["Outlet B"] and page.machine["id"] == mosul.event_key
    assert len(parsed) == 2 and set(parsed.values()) == {1}  # its own record and its other source's, once each


def test_the_timeline_counts_every_type_and_day_in_one_query(app_store: Store) -> None:
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *rest: object) -> None:
        statements.append(statement)

    event.listen(app_store.engine, "before_cursor_execute", record)
    try:
        with app_store.session() as session:
            timeline = events.timeline(session, EventParams(), "week", words("en"))
    finally:
        event.remove(app_store.engine, "before_cursor_execute", record)
    assert len(timeline.series) > 1 and sum(s.count("GROUP BY") for s in statements) == 1
