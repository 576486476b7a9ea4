"""The corpus exports (:mod:`marsad.export.formats`) of a filtered view, as text for a response."""

from __future__ import annotations

import io

from sqlalchemy.orm import Session

from marsad.api.services.params import EventParams
from marsad.export.formats import FORMATS, export

__all__ = ["FORMATS", "MEDIA_TYPES", "export_text"]

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "geojson": "application/geo+json",
               "acled": "text/csv; charset=utf-8", "graphml": "application/graphml+xml",
               "incidents": "application/x-ndjson", "gold": "application/x-ndjson"}


def export_text(session: Session, fmt: str, params: EventParams) -> str:
    """Every event of the view (sort and page ignored) in format ``fmt``."""
    out = io.StringIO()
    export(session, fmt, out, params.to_filter(limit=0, offset=0))
    return out.getvalue()
