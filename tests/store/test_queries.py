"""Event queries and Arabic full-text search, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

import pytest

from marsad.model import Document
from marsad.store import (
    EventFilter,
    NewArticle,
    NewRecord,
    QueryError,
    Store,
    StoreWriter,
    event_detail,
    open_store,
    query_events,
)
from marsad.store.rows import content_hash


def _fill(store: Store, docs: list[Document], records: list[dict[str, Any]]) -> None:
    with store.session() as session:
        writer = StoreWriter(session)
        writer.add_articles([NewArticle(doc_id=d.id, text=d.text, content_hash=content_hash(d.text), title=d.title,
                                        published=d.published, outlet=d.outlet) for d in docs])
        writer.add_records([NewRecord(content_hash(d.text), r, "v1") for d, r in zip(docs, records, strict=True)])


@pytest.fixture
def filled(db_url: str, sample_docs: list[Document], sample_records: list[dict[str, Any]]) -> Any:
    store = open_store(db_url)
    _fill(store, sample_docs, sample_records)
    yield store
    store.close()


def _ids(store: Store, flt: EventFilter) -> tuple[int, list[str]]:
    with store.session() as session:
        page = query_events(session, flt)
    return page.total, [f"{row.article}/{row.event_key}" for row in page.rows]


def test_filters_select_the_events_that_match(filled: Store, sample_records: list[dict[str, Any]]) -> None:
    everything, _ = _ids(filled, EventFilter(limit=0))
    assert everything == sum(len(r["events"]) for r in sample_records)
    total, rows = _ids(filled, EventFilter(country="GB"))
    expected = {f"{r['id']}/{e['id']}" for r in sample_records for e in r["events"]
                if (e["location"] or {}).get("country") == "GB"}
    assert total == len(expected) > 0 and set(rows) == expected
    claimed_total, _ = _ids(filled, EventFilter(claimed=True))
    unclaimed_total, _ = _ids(filled, EventFilter(claimed=False))
    assert claimed_total + unclaimed_total == everything and claimed_total > 0


def test_date_range_and_pages(filled: Store, sample_records: list[dict[str, Any]]) -> None:
    expected = {f"{r['id']}/{e['id']}" for r in sample_records for e in r["events"]
                if e["date"] and e["date"]["value"] >= "2018-01-01"}
    total, rows = _ids(filled, EventFilter(date_from=dt.date(2018, 1, 1), sort="date", limit=2))
    assert total == len(expected) > 2 and len(rows) == 2
    _, page_two = _ids(filled, EventFilter(date_from=dt.date(2018, 1, 1), sort="date", limit=2, offset=2))
    assert page_two and not set(rows) & set(page_two) and set(rows) | set(page_two) <= expected


def test_search_finds_words_written_with_other_hamza_forms(filled: Store) -> None:
    plain, _ = _ids(filled, EventFilter(text="الاسلامية"))
    hamza, _ = _ids(filled, EventFilter(text="الإسلاميّة"))
    assert plain == hamza > 0
    nothing, _ = _ids(filled, EventFilter(text="كلمةلاتوجد"))
    assert nothing == 0


def test_actor_and_place_filters(filled: Store) -> None:
    with filled.session() as session:
        some = next(r for r in query_events(session, EventFilter(limit=100)).rows if r.perpetrators and r.place)
    total, rows = _ids(filled, EventFilter(actor=some.perpetrators[0]))
    assert f"{some.article}/{some.event_key}" in rows
    total, rows = _ids(filled, EventFilter(place=some.place))
    assert f"{some.article}/{some.event_key}" in rows


def test_event_detail_gives_the_spec_event_and_its_article(filled: Store) -> None:
    with filled.session() as session:
        row = query_events(session, EventFilter(limit=1)).rows[0]
        detail = event_detail(session, row.id)
        assert event_detail(session, 10**9) is None
    assert detail is not None
    assert detail["event"]["id"] == row.event_key and detail["article"]["id"] == row.article


def test_counts_per_country_and_day_add_up_to_the_total(filled: Store) -> None:
    from marsad.store import count_events

    with filled.session() as session:
        total = query_events(session, EventFilter(limit=0)).total
        by_country = count_events(session, EventFilter(), "country")
        by_day = count_events(session, EventFilter(date_from=dt.date(2018, 1, 1)), "day")
        with pytest.raises(QueryError, match="cannot count by"):
            count_events(session, EventFilter(), "colour")
    assert sum(n for _, n in by_country) == total and ("FR", 1) in by_country
    assert all(day is None or day >= dt.date(2018, 1, 1) for day, _ in by_day)


def test_counts_by_type_and_day_in_one_query_match_the_counts_of_each_type(filled: Store) -> None:
    from marsad.store import count_events, count_events_by

    with filled.session() as session:
        both = count_events_by(session, EventFilter(), ("event_type", "day"))
        one_by_one = [(kind, day, n) for kind, _ in count_events(session, EventFilter(), "event_type")
                      for day, n in count_events(session, EventFilter(event_type=kind), "day")]
        with pytest.raises(QueryError, match="cannot count by 'colour'"):
            count_events_by(session, EventFilter(), ("event_type", "colour"))
    assert both == one_by_one and len({kind for kind, _, _ in both}) > 1


def test_bad_filters_raise_query_error() -> None:
    with pytest.raises(QueryError, match="unknown sort"):
        EventFilter(sort="colour")
    with pytest.raises(QueryError, match="offset"):
        EventFilter(offset=-1)


def test_sqlite_and_postgresql_give_identical_results(sqlite_url: str, pg_url: str, sample_docs: list[Document],
                                                      sample_records: list[dict[str, Any]]) -> None:
    filters = [EventFilter(limit=100), EventFilter(sort="-fatalities"), EventFilter(sort="date"),
               EventFilter(text="هجوم"), EventFilter(claimed=True), EventFilter(country="BF"),
               EventFilter(date_from=dt.date(2017, 6, 1), date_to=dt.date(2018, 12, 31))]
    from marsad.store import count_events, count_events_by

    results = []
    for url in (sqlite_url, pg_url):
        store = open_store(url)
        _fill(store, sample_docs, sample_records)
        with store.session() as session:
            results.append([(p.total, [asdict(r) for r in p.rows]) for p in (query_events(session, f) for f in filters)]
                           + [count_events(session, EventFilter(), by) for by in ("country", "day", "outlet")]
                           + [count_events_by(session, EventFilter(), ("event_type", "day"))])
        store.close()
    assert results[0] == results[1]
