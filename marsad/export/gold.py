"""Reviewed articles in the SPEC gold format (``../shared/SPEC.md``, "Gold files"), so that review
work becomes training and evaluation data.

An article is written when a reviewer has given a verdict on any of its events or relations.
Confirmed and corrected records become gold items with the reviewed values; rejected ones are left
out (the system must not report them); records of that article nobody reviewed are written with
``optional: true`` (reporting or missing them is neither rewarded nor punished).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from marsad.store import EventFilter
from marsad.store.app_tables import ReviewRow
from marsad.store.articles import article_detail
from marsad.store.review import ReviewState, has_reviews, machine_values, review_states
from marsad.store.tables import ArticleRow, EventRow, RecordRow, RelationRow

__all__ = ["gold_article", "write_gold"]


def _listed(value: Any) -> list[Any] | None:
    return None if value in (None, "") else [value]


def _anchor(text: str, evidence: list[dict[str, Any]]) -> tuple[str, int]:
    first = evidence[0]
    anchor = text[first["start"]:first["end"]]
    return anchor, text.count(anchor, 0, first["start"]) + 1


def gold_event(text: str, spec: dict[str, Any], state: ReviewState | None) -> dict[str, Any]:
    values = machine_values(spec) | (state.values if state else {})
    anchor, occurrence = _anchor(text, spec["evidence"])
    perpetrators = [p.strip() for p in (values["perpetrator"] or "").split(";") if p.strip()]
    return {"anchor": anchor, "anchor_occurrence": occurrence, "event_type": [values["event_type"]],
            "sub_event_type": [values["sub_event_type"]], "perpetrator": perpetrators, "country": values["country"],
            "place": _listed(values["place"]), "date": values["date"], "fatalities": values["fatalities"],
            "claimed_by": _listed(values["claimed_by"]), "certainty": [values["certainty"]],
            "background": bool(values["background"]), "link": _listed(values["link"]),
            "optional": state is None}


def gold_relation(spec: dict[str, Any], state: ReviewState | None) -> dict[str, Any]:
    values = {"type": spec["type"], "source": spec["source"]["name"], "target": spec["target"]["name"]}
    values |= {k: v for k, v in (state.values if state else {}).items() if k in values}
    return {"type": values["type"], "source": [values["source"]], "target": [values["target"]],
            "optional": state is None}


def _kept(items: list[tuple[dict[str, Any], ReviewState | None]]) -> list[tuple[dict[str, Any], ReviewState | None]]:
    return [(spec, state) for spec, state in items if not (state and state.status == "rejected")]


def gold_article(session: Session, article_id: int) -> dict[str, Any] | None:
    """One reviewed article as a gold line (None when it has no current record)."""
    doc_id = session.scalar(select(ArticleRow.doc_id).where(ArticleRow.id == article_id))
    detail = article_detail(session, doc_id) if doc_id else None
    if detail is None or detail["record"] is None:
        return None
    record, text = detail["record"], detail["text"]
    current = select(RecordRow.id).where(RecordRow.article_id == article_id, RecordRow.current.is_(True))
    event_ids = dict(session.execute(select(EventRow.event_key, EventRow.id).where(EventRow.record_id.in_(current))).all())
    relation_ids = list(session.scalars(select(RelationRow.id).where(RelationRow.record_id.in_(current))
                                        .order_by(RelationRow.id)))
    event_states = review_states(session, "event", event_ids.values())
    relation_states = review_states(session, "relation", relation_ids)
    events = _kept([(e, event_states.get(event_ids.get(e["id"], -1))) for e in record.get("events", []) if e.get("evidence")])
    relations = _kept([(r, relation_states.get(i)) for r, i in zip(record.get("relations", []), relation_ids, strict=False)])
    line = {k: detail[k] for k in ("id", "title", "published", "url", "outlet") if detail.get(k)} | {"text": text}
    return line | {"events": [gold_event(text, spec, state) for spec, state in events],
                   "relations": [gold_relation(spec, state) for spec, state in relations]}


def write_gold(session: Session, out: TextIO, flt: EventFilter | None = None) -> int:
    """Every reviewed article as one gold JSON line, in article order (``flt`` is not used)."""
    count = 0
    if not has_reviews(session):
        return 0
    for article_id in session.scalars(select(ReviewRow.article_id).distinct().order_by(ReviewRow.article_id)):
        line = gold_article(session, article_id)
        if line is not None:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count
