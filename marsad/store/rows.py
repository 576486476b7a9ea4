"""SPEC records (``Result.to_json()``) → column values of the store's tables, as plain dicts.

The store reads the record contract of ``../shared/SPEC.md``, not the pipeline's dataclasses, so
anything that writes that JSON can be stored. Hashes are what make writes idempotent.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from typing import Any

__all__ = ["actor_key", "canonical_json", "content_hash", "date_range", "event_values", "place_key",
           "place_values", "record_hash", "relation_values", "sha256"]

Record = dict[str, Any]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(text: str) -> str:
    """The key of an article: SHA-256 of its text exactly as given."""
    return sha256(text)


def canonical_json(record: Record) -> str:
    """One stable serialisation of a record (sorted keys, no spaces): what is stored and hashed."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_hash(record: Record) -> str:
    return sha256(canonical_json(record))


def actor_key(actor: Record) -> str:
    """Actors are one row per (knowledge-base id, or name when unlinked) and kind."""
    return sha256(f"{actor.get('kb_id') or ''}\x1f{'' if actor.get('kb_id') else actor['name']}\x1f"
                  f"{actor.get('kind') or ''}")


def place_key(location: Record) -> str:
    return sha256("\x1f".join(str(location.get(k) or "") for k in ("name", "country", "admin1", "lat", "lon")))


def place_values(location: Record) -> dict[str, Any]:
    return {"key": place_key(location), "name": location["name"], "country": location.get("country"),
            "admin1": location.get("admin1"), "lat": location.get("lat"), "lon": location.get("lon"),
            "precision": location.get("precision")}


def date_range(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` value; (None, None) when unreadable."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        return None, None


def event_values(event: Record) -> dict[str, Any]:
    """The ``events`` columns of one SPEC event (without ids, counted flag and place id)."""
    date = event.get("date") or {}
    location = event.get("location") or {}
    claim = event.get("claim") or {}
    start, end = date_range(date.get("value"))
    return {
        "event_key": event["id"], "event_type": event["event_type"], "sub_event_type": event["sub_event_type"],
        "attack_type": event.get("attack_type"), "weapon_type": event.get("weapon_type"),
        "method": event.get("method"), "certainty": event.get("certainty") or "confirmed",
        "background": bool(event.get("background")), "link": event.get("link"),
        "date_value": date.get("value"), "date_precision": date.get("precision"),
        "date_start": start, "date_end": end,
        "place_mention": location.get("mention"), "place_start": location.get("start"),
        "place_end": location.get("end"), "country": location.get("country"), "admin1": location.get("admin1"),
        **_quantity("fatalities", event.get("fatalities")), **_quantity("injured", event.get("injured")),
        "claim_status": claim.get("status"), "claimed_by": claim.get("by"), "claim_mode": claim.get("mode"),
    }


def relation_values(relation: Record) -> dict[str, Any]:
    """The ``relations`` columns of one SPEC relation (without ids)."""
    source, target = relation["source"], relation["target"]
    return {"type": relation["type"], "detail": relation.get("detail"),
            "certainty": relation.get("certainty") or "confirmed",
            "source_mention": source.get("mention"), "source_start": source.get("start"),
            "source_end": source.get("end"), "target_mention": target.get("mention"),
            "target_start": target.get("start"), "target_end": target.get("end")}


def _quantity(name: str, value: Record | None) -> dict[str, int | None]:
    """Exact value and range; an exact toll is its own range."""
    value = value or {}
    exact, low, high = value.get("value"), value.get("min"), value.get("max")
    return {name: exact, f"{name}_min": exact if low is None else low, f"{name}_max": exact if high is None else high}
