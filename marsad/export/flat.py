"""Event exports: CSV (one row per counted event), SPEC JSON Lines (one record per article), GeoJSON."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, fields
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.store import EventFilter, EventSummary
from marsad.store.queries import iter_events
from marsad.store.review import REVIEW_COLUMNS, all_review_states, reviewed_row
from marsad.store.tables import RecordRow

__all__ = ["CSV_COLUMNS", "write_csv", "write_geojson", "write_records"]

CSV_COLUMNS = tuple(f.name for f in fields(EventSummary)) + REVIEW_COLUMNS


def write_csv(session: Session, out: TextIO, flt: EventFilter | None = None) -> int:
    """Counted events as CSV, with reviewers' corrections and the review columns; actor lists joined
    with "; ". Returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    reviews = all_review_states(session, "event")
    for event in iter_events(session, flt):
        writer.writerow(_flat(reviewed_row(_jsonable(event), reviews.get(event.id))))
        count += 1
    return count


def write_records(session: Session, out: TextIO, flt: EventFilter | None = None) -> int:
    """The current SPEC record of every article, one JSON line each, in store order (``flt`` is not used)."""
    count = 0
    last = 0
    while rows := session.execute(select(RecordRow.id, RecordRow.result_json)
                                  .where(RecordRow.current.is_(True), RecordRow.id > last)
                                  .order_by(RecordRow.id).limit(1000)).all():
        for _, result_json in rows:
            out.write(json.dumps(json.loads(result_json), ensure_ascii=False) + "\n")
            count += 1
        last = rows[-1][0]
    return count


def write_geojson(session: Session, out: TextIO, flt: EventFilter | None = None) -> int:
    """Counted events with coordinates as a GeoJSON FeatureCollection of points (reviewed values)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    reviews = all_review_states(session, "event")
    for event in iter_events(session, flt):
        if event.lat is None or event.lon is None:
            continue
        feature = {"type": "Feature", "id": event.id,
                   "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]},
                   "properties": reviewed_row(_jsonable(event), reviews.get(event.id))}
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}


def _jsonable(event: EventSummary) -> dict[str, Any]:
    row = asdict(event)
    row["published"] = event.published.isoformat() if event.published else None
    row["perpetrators"], row["targets"] = list(event.perpetrators), list(event.targets)
    return row
