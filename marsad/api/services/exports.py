"""The current view of events as CSV or GeoJSON, with reviewed values and a ``reviewed`` column."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from sqlalchemy.orm import Session

from marsad.api.schemas import EventPublic
from marsad.api.services.events import list_events
from marsad.api.services.params import EventParams

__all__ = ["CSV_COLUMNS", "csv_lines", "geojson", "view_events"]

PAGE = 1000
MAX_ROWS = 100_000
CSV_COLUMNS = ("id", "article_id", "date", "event_type", "sub_event_type", "country", "admin1", "place", "lat", "lon",
               "perpetrator", "claimed_by", "fatalities", "fatalities_min", "fatalities_max", "injured", "certainty",
               "background", "incident_id", "outlet", "title", "published", "reviewed", "review_status",
               "corrected_fields")


def view_events(session: Session, params: EventParams) -> Iterator[EventPublic]:
    """Every event of the view (all pages, up to MAX_ROWS), reviewed values applied."""
    offset = 0
    while offset < MAX_ROWS:
        page = list_events(session, params.model_copy(update={"offset": offset, "limit": PAGE}))
        yield from page.data
        offset += PAGE
        if offset >= page.count or not page.data:
            return


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(map(str, value))
    text = str(value)
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_lines(events: Iterator[EventPublic]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + buffer.getvalue()  # BOM: spreadsheets then read the Arabic as UTF-8
    for event in events:
        buffer.seek(0)
        buffer.truncate()
        row = event.model_dump()
        writer.writerow([_cell(row.get(column)) for column in CSV_COLUMNS])
        yield buffer.getvalue()


def geojson(events: Iterator[EventPublic]) -> dict[str, object]:
    """Events with coordinates as GeoJSON points (properties: the CSV columns)."""
    features = []
    for event in events:
        if event.lat is None or event.lon is None:
            continue
        props = {k: v for k, v in event.model_dump().items() if k in CSV_COLUMNS and k not in ("lat", "lon")}
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def geojson_text(events: Iterator[EventPublic]) -> str:
    return json.dumps(geojson(events), ensure_ascii=False)
