"""Review of machine records: confirm, correct or reject an event or a relation.

A review is stored beside the machine record, never over it: one row per verdict with who and
when, and for a correction the field, the new value and the machine's value at that time. The
state of a record is read from its verdicts in order: ``confirm`` and ``reject`` set the status,
``correct`` sets one field (the latest correction of a field wins) and the status ``corrected``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from marsad.store.app_tables import ReviewRow

__all__ = [
    "ACTIONS",
    "EVENT_FIELDS",
    "RELATION_FIELDS",
    "Review",
    "ReviewError",
    "ReviewState",
    "REVIEW_COLUMNS",
    "add_review",
    "has_reviews",
    "machine_values",
    "all_review_states",
    "review_states",
    "reviewed_row",
    "reviews_of",
]

ACTIONS = ("confirm", "correct", "reject")
# Correctable fields and the type of their values.
EVENT_FIELDS: dict[str, type] = {
    "event_type": str, "sub_event_type": str, "perpetrator": str, "country": str, "place": str,
    "date": str, "fatalities": int, "injured": int, "claimed_by": str, "certainty": str, "link": str,
    "background": bool, "method": str,
}
RELATION_FIELDS: dict[str, type] = {"type": str, "source": str, "target": str, "certainty": str, "detail": str}
TARGETS = {"event": EVENT_FIELDS, "relation": RELATION_FIELDS}


class ReviewError(ValueError):
    """A verdict that cannot be stored (unknown action or field, a value of the wrong type)."""


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    target: str
    target_id: int
    action: str
    field: str | None
    value: Any
    machine: Any
    reviewer: str
    note: str | None
    created_at: dt.datetime

    @classmethod
    def from_row(cls, row: ReviewRow) -> Review:
        return cls(row.id, row.target, row.target_id, row.action, row.field, _load(row.value_json),
                   _load(row.machine_json), row.reviewer, row.note, row.created_at)


@dataclass(frozen=True, slots=True)
class ReviewState:
    """``status``: None (not reviewed), confirmed, corrected or rejected; ``values``: corrected fields."""

    status: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    reviewer: str | None = None
    at: dt.datetime | None = None
    history: tuple[Review, ...] = ()

    @property
    def reviewed(self) -> bool:
        return self.status is not None


def machine_values(spec: dict[str, Any]) -> dict[str, Any]:
    """The correctable fields of a SPEC event as plain values."""
    location = spec.get("location") or {}
    perpetrators = [a["name"] for a in spec.get("actors", []) if a.get("role") in ("perpetrator", "claimant")]
    return {
        "event_type": spec.get("event_type"), "sub_event_type": spec.get("sub_event_type"),
        "perpetrator": "; ".join(dict.fromkeys(perpetrators)) or None, "country": location.get("country"),
        "place": location.get("name"), "date": (spec.get("date") or {}).get("value"),
        "fatalities": (spec.get("fatalities") or {}).get("value"), "injured": (spec.get("injured") or {}).get("value"),
        "claimed_by": (spec.get("claim") or {}).get("by"), "certainty": spec.get("certainty"),
        "link": spec.get("link"), "background": bool(spec.get("background")), "method": spec.get("method"),
    }


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _coerce(target: str, name: str | None, value: Any) -> Any:
    fields = TARGETS[target]
    if name not in fields:
        raise ReviewError(f"cannot correct {name!r} of a {target}; fields: {', '.join(fields)}")
    kind = fields[name]
    if value is None or value == "":
        return None
    if kind is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("true", "1", "yes", "نعم")
        return bool(value)
    if kind is int:
        try:
            number = int(str(value).strip())
        except ValueError as err:
            raise ReviewError(f"{name} takes a whole number, not {value!r}") from err
        if number < 0:
            raise ReviewError(f"{name} cannot be negative")
        return number
    return str(value).strip()[:500]


def add_review(session: Session, *, target: str, target_id: int, article_id: int, action: str,
               reviewer: str, field_name: str | None = None, value: Any = None, machine: Any = None,
               note: str | None = None) -> Review:
    """Store one verdict; a correction needs a field and its value is checked against the field's type."""
    if target not in TARGETS:
        raise ReviewError(f"unknown review target {target!r}")
    if action not in ACTIONS:
        raise ReviewError(f"unknown action {action!r}; choose one of {', '.join(ACTIONS)}")
    if action == "correct":
        value = _coerce(target, field_name, value)
    else:
        field_name, value, machine = None, None, None
    row = ReviewRow(target=target, target_id=target_id, article_id=article_id, action=action,
                    field=field_name, value_json=None if action != "correct" else json.dumps(value, ensure_ascii=False),
                    machine_json=None if machine is None else json.dumps(machine, ensure_ascii=False),
                    reviewer=reviewer, note=(note or None), created_at=dt.datetime.now(dt.UTC).replace(tzinfo=None))
    session.add(row)
    session.flush()
    return Review.from_row(row)


def reviews_of(session: Session, target: str, ids: Iterable[int]) -> dict[int, list[Review]]:
    """Every verdict on these records, oldest first."""
    wanted = list(set(ids))
    found: dict[int, list[Review]] = defaultdict(list)
    for start in range(0, len(wanted), 500):
        rows = session.scalars(select(ReviewRow).where(ReviewRow.target == target,
                                                       ReviewRow.target_id.in_(wanted[start:start + 500]))
                               .order_by(ReviewRow.created_at, ReviewRow.id))
        for row in rows:
            found[row.target_id].append(Review.from_row(row))
    return dict(found)


def state_of(reviews: Iterable[Review]) -> ReviewState:
    status: str | None = None
    values: dict[str, Any] = {}
    history = tuple(reviews)
    for review in history:
        if review.action == "correct" and review.field:
            values[review.field] = review.value
            status = "corrected"
        else:
            status = "confirmed" if review.action == "confirm" else "rejected"
    last = history[-1] if history else None
    return ReviewState(status, values, last.reviewer if last else None, last.created_at if last else None, history)


def review_states(session: Session, target: str, ids: Iterable[int]) -> dict[int, ReviewState]:
    """The review state of each record that has any verdict."""
    return {target_id: state_of(reviews) for target_id, reviews in reviews_of(session, target, ids).items()}


def all_review_states(session: Session, target: str) -> dict[int, ReviewState]:
    """The review state of every reviewed record (reviews are few next to records: read them at once)."""
    found: dict[int, list[Review]] = defaultdict(list)
    if not has_reviews(session):
        return {}
    for row in session.scalars(select(ReviewRow).where(ReviewRow.target == target)
                               .order_by(ReviewRow.created_at, ReviewRow.id)):
        found[row.target_id].append(Review.from_row(row))
    return {target_id: state_of(reviews) for target_id, reviews in found.items()}


def has_reviews(session: Session) -> bool:
    """Whether the app tables exist (a database only ever ingested into has none yet)."""
    return inspect(session.get_bind()).has_table(ReviewRow.__tablename__)


REVIEW_COLUMNS = ("reviewed", "review_status", "corrected_fields")


def reviewed_row(row: dict[str, Any], state: ReviewState | None) -> dict[str, Any]:
    """An event row (an export's or the API's) with the reviewer's values and the review columns.

    ``perpetrator`` corrections fill ``perpetrator`` (a "; "-joined name string) or ``perpetrators``
    (a list), whichever the row has; ``fatalities`` and ``injured`` set their range too.
    """
    out = dict(row)
    out |= {"reviewed": bool(state and state.reviewed), "review_status": state.status if state else None,
            "corrected_fields": sorted(state.values) if state else []}
    for name, value in (state.values if state else {}).items():
        if name == "perpetrator" and "perpetrators" in out:
            out["perpetrators"] = [p.strip() for p in (value or "").split(";") if p.strip()]
        elif name in ("fatalities", "injured"):
            out |= {name: value, f"{name}_min": value, f"{name}_max": value}
        elif name == "claimed_by":
            out |= {"claimed_by": value, "claim_status": "claimed" if value else None}
        elif name in out:
            out[name] = value
    return out
