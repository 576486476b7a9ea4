"""Review verdicts from the API: checked against the record, stored beside it with who and when."""

from __future__ import annotations

from sqlalchemy.orm import Session

from marsad.api.schemas import ReviewIn, ReviewPublic
from marsad.api.services.events import review_public
from marsad.store import app_queries
from marsad.store.queries import event_detail
from marsad.store.review import add_review, machine_values

__all__ = ["review_event", "review_relation"]


def review_event(session: Session, event_id: int, verdict: ReviewIn, reviewer: str) -> ReviewPublic:
    detail = event_detail(session, event_id)
    if detail is None:
        raise LookupError(f"no event {event_id}")
    machine = machine_values(detail["event"]).get(verdict.field or "")
    review = add_review(session, target="event", target_id=event_id, article_id=detail["article"]["store_id"],
                        action=verdict.action, reviewer=reviewer, field_name=verdict.field, value=verdict.value,
                        machine=machine, note=verdict.note)
    return review_public(review)


def review_relation(session: Session, relation_id: int, verdict: ReviewIn, reviewer: str) -> ReviewPublic:
    relation = app_queries.relation(session, relation_id)
    if relation is None:
        raise LookupError(f"no relation {relation_id}")
    machine = {"type": relation.type, "certainty": relation.certainty, "detail": relation.detail}.get(verdict.field or "")
    review = add_review(session, target="relation", target_id=relation_id, article_id=relation.article_id,
                        action=verdict.action, reviewer=reviewer, field_name=verdict.field, value=verdict.value,
                        machine=machine, note=verdict.note)
    return review_public(review)
