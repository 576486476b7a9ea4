"""The event services on a real store: the event page reads each stored SPEC record once."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from marsad.api.services import events
from marsad.store import EventFilter, Store, query_events
from marsad.store.tables import RecordRow


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
