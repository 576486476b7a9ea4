"""Exports of a real store: ACLED CSV loads with pandas under ACLED's names, GraphML with networkx."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "observatory"))
from news_corpus import records, write_jsonl  # noqa: E402

from marsad.export.acled import ACLED_COLUMNS, EVENT_TYPES, SUB_EVENT_TYPES, acled_rows  # noqa: E402
from marsad.export.flat import CSV_COLUMNS  # noqa: E402
from marsad.export.formats import FORMATS, export  # noqa: E402
from marsad.observatory import ingest  # noqa: E402
from marsad.store import EventFilter, Store, open_store  # noqa: E402
from marsad.store.articles import article_detail, store_counts  # noqa: E402
from marsad.store.incident_queries import incident_records  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("export")
    opened = open_store(str(folder / "m.db"))
    ingest(opened, [str(write_jsonl(folder / "news.jsonl", records()))])
    yield opened
    opened.close()


def _export(store: Store, fmt: str, flt: EventFilter | None = None) -> str:
    out = io.StringIO()
    with store.session() as session:
        export(session, fmt, out, flt)
    return out.getvalue()


def test_every_registered_format_writes_something(store: Store) -> None:
    assert set(FORMATS) == {"csv", "jsonl", "geojson", "acled", "graphml", "incidents", "gold"}
    for fmt in set(FORMATS) - {"gold"}:  # gold writes reviewed articles only (tests/api/test_http_events.py)
        assert _export(store, fmt).strip()
    assert _export(store, "gold") == ""


def test_acled_csv_loads_with_pandas_under_acled_names_and_types(store: Store) -> None:
    frame = pd.read_csv(io.StringIO(_export(store, "acled")), parse_dates=["event_date"])
    assert tuple(frame.columns) == ACLED_COLUMNS
    with store.session() as session:
        totals = store_counts(session)
    assert 0 < len(frame) <= totals.incidents
    assert pd.api.types.is_datetime64_any_dtype(frame["event_date"])
    for column in ("year", "time_precision", "inter1", "interaction", "iso", "fatalities", "geo_precision"):
        assert pd.api.types.is_numeric_dtype(frame[column]), column
    assert set(frame["event_type"]) <= set(EVENT_TYPES.values())
    assert set(frame["sub_event_type"]) <= set(SUB_EVENT_TYPES.values())
    assert set(frame["time_precision"].dropna()) <= {1, 2, 3}
    assert set(frame["inter1"].dropna()) <= set(range(1, 9))
    kirkuk = frame[frame["notes"].str.contains("كركوك", na=False)]
    assert len(kirkuk) == 1 and "; " in kirkuk.iloc[0]["source"]  # two outlets, one row
    assert (frame["country"] == "Iraq").any() and (frame.loc[frame["country"] == "Iraq", "iso"] == 368).all()


def test_acled_and_incidents_read_each_incident_once_in_any_batch_size(store: Store) -> None:
    statements: list[str] = []

    def record(conn: object, cursor: object, statement: str, *rest: object) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        for fmt in ("acled", "incidents"):
            _export(store, fmt)
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert sum("FROM incidents" in s for s in statements) == 2  # one page each: fewer incidents than a batch
    with store.session() as session:
        assert list(acled_rows(session, batch=2)) == list(acled_rows(session))
        assert list(incident_records(session, batch=2)) == list(incident_records(session))


def test_graphml_loads_in_networkx_with_the_allegiance_edge(store: Store) -> None:
    graph = nx.read_graphml(io.StringIO(_export(store, "graphml")))
    assert graph.is_directed() and graph.number_of_edges() > 0
    labels = nx.get_node_attributes(graph, "label")
    edges = {(labels[s], labels[t], d["type"]) for s, t, d in graph.edges(data=True)}
    assert ("بوكو حرام", "الدولة الإسلامية", "allegiance") in edges
    assert all(isinstance(d["weight"], int) and d["weight"] >= 1 for _, _, d in graph.edges(data=True))


def test_incidents_jsonl_points_at_the_evidence_in_each_article(store: Store) -> None:
    lines = [json.loads(line) for line in _export(store, "incidents").splitlines()]
    assert lines and all({"id", "event_type", "date", "country", "fatalities_min", "fatalities_max", "sources",
                          "events"} <= set(line) for line in lines)
    merged = next(line for line in lines if len(line["sources"]) > 1)
    with store.session() as session:
        for member in merged["events"]:
            text = (article_detail(session, member["article"]) or {})["text"]
            assert member["evidence"] and all(0 <= e["start"] < e["end"] <= len(text) for e in member["evidence"])
    assert any(e["reason"] for e in merged["events"])


def test_csv_geojson_and_spec_records(store: Store) -> None:
    csv_frame = pd.read_csv(io.StringIO(_export(store, "csv")))
    assert tuple(csv_frame.columns) == CSV_COLUMNS and len(csv_frame) > 0
    iraq = pd.read_csv(io.StringIO(_export(store, "csv", EventFilter(country="IQ"))))
    assert 0 < len(iraq) < len(csv_frame) and set(iraq["country"]) == {"IQ"}
    geo = json.loads(_export(store, "geojson"))
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in geo["features"])
    records_out = [json.loads(line) for line in _export(store, "jsonl").splitlines()]
    assert {r["id"] for r in records_out} >= {"r-00", "wire-00", "undated"}
    assert all({"id", "events", "relations", "entities"} <= set(r) for r in records_out)
