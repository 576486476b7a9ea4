"""The ``incidents`` export: JSON Lines, one incident per line, every source with its evidence spans.

See the README ("The incidents JSONL format") for the fields. Each ``events[*]`` entry names the
article and the event id within that article's SPEC record, with the evidence offsets into the
article text, so every merge can be checked against the articles.
"""

from __future__ import annotations

import json
from typing import TextIO

from sqlalchemy.orm import Session

from marsad.store import EventFilter
from marsad.store.incident_queries import incident_records, incidents_like

__all__ = ["write_incidents"]


def write_incidents(session: Session, out: TextIO, flt: EventFilter | None = None) -> int:
    """Every incident (within ``flt``'s dates and country when given), oldest id first."""
    count = 0
    for record in incident_records(session, incidents_like(flt)):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
