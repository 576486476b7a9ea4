"""The export formats, registered in one place: name → writer(session, out, filter) → rows written."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from sqlalchemy.orm import Session

from marsad.export.acled import write_acled
from marsad.export.flat import write_csv, write_geojson, write_records
from marsad.export.gold import write_gold
from marsad.export.graphml import write_graphml
from marsad.export.incidents import write_incidents
from marsad.store import EventFilter

__all__ = ["FORMATS", "Writer", "export"]

Writer = Callable[[Session, TextIO, EventFilter | None], int]

FORMATS: dict[str, Writer] = {
    "csv": write_csv,
    "jsonl": write_records,
    "geojson": write_geojson,
    "acled": write_acled,
    "graphml": write_graphml,
    "incidents": write_incidents,
    "gold": write_gold,
}


def export(session: Session, fmt: str, out: TextIO, flt: EventFilter | None = None) -> int:
    """Write the store in format ``fmt`` to ``out``; the number of rows (events, records, incidents, edges)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; give one of {', '.join(FORMATS)}")
    return FORMATS[fmt](session, out, flt)
