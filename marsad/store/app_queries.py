"""Reads the analyst's app needs beyond :mod:`marsad.store.queries`: an article with its current
record, new watchlist matches, the relation graph and actor pages.

Event criteria always come from :func:`marsad.store.queries.event_conditions`, so a filter means
the same thing here as in ``query_events``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from marsad.store.queries import CERTAINTIES, EventFilter, event_conditions
from marsad.store.tables import (
    ActorRow,
    ArticleRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    RecordRow,
    RelationRow,
)

__all__ = ["ActorPage", "ArticleRecord", "GraphEdge", "GraphFilter", "RelationItem", "actor_id_by_key", "actor_names",
           "actor_page", "article_by_hash", "article_record", "article_relations", "graph", "max_event_id",
           "new_matches", "relation", "search_actors"]


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    id: int
    doc_id: str
    title: str | None
    text: str
    published: dt.date | None
    outlet: str | None
    url: str | None
    record: dict[str, Any] | None
    event_ids: dict[str, int]  # SPEC event id → store event id (current record)


def article_record(session: Session, doc_id: str) -> ArticleRecord | None:
    """An article, its current SPEC record and the store ids of that record's events."""
    article = session.scalar(select(ArticleRow).where(ArticleRow.doc_id == doc_id))
    if article is None:
        return None
    record = session.scalar(select(RecordRow).where(RecordRow.article_id == article.id, RecordRow.current.is_(True)))
    ids: dict[str, int] = {}
    if record is not None:
        ids = dict(session.execute(select(EventRow.event_key, EventRow.id).where(EventRow.record_id == record.id)).all())
    return ArticleRecord(article.id, article.doc_id, article.title, article.text, article.published, article.outlet,
                         article.url, json.loads(record.result_json) if record else None, ids)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def max_event_id(session: Session) -> int:
    return session.scalar(select(func.max(EventRow.id))) or 0


def new_matches(session: Session, flt: EventFilter, after_id: int, limit: int = 50) -> tuple[int, list[int]]:
    """How many events matching ``flt`` have an id above ``after_id``, and the newest ``limit`` of them."""
    base = (select(EventRow.id).join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(*event_conditions(_dialect(session), flt), EventRow.id > after_id))
    count = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    ids = list(session.scalars(base.order_by(EventRow.id.desc()).limit(limit)))
    return count, ids


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """Relations of one ``type`` (or all), from articles published in [date_from, date_to], touching ``actor``."""

    type: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actor: str | None = None
    limit: int = 2000


@dataclass(frozen=True, slots=True)
class RelationItem:
    id: int
    type: str
    source_id: int
    target_id: int
    detail: str | None
    certainty: str
    article_id: int
    doc_id: str
    title: str | None
    evidence: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source_id: int
    target_id: int
    type: str
    certainty: str
    relations: tuple[RelationItem, ...]


@dataclass(frozen=True, slots=True)
class ActorNode:
    id: int
    name: str
    kind: str | None
    kb_id: str | None


def _relations(session: Session, conditions: list[Any], limit: int) -> list[RelationItem]:
    rows = session.execute(
        select(RelationRow.id, RelationRow.type, RelationRow.source_id, RelationRow.target_id, RelationRow.detail,
               RelationRow.certainty, RelationRow.article_id, ArticleRow.doc_id, ArticleRow.title)
        .join(ArticleRow, ArticleRow.id == RelationRow.article_id)
        .where(RelationRow.counted.is_(True), *conditions).order_by(RelationRow.id).limit(limit)).all()
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    ids = [row.id for row in rows]
    for start in range(0, len(ids), 500):
        evidence = session.execute(
            select(EvidenceRow.relation_id, EvidenceRow.start, EvidenceRow.end,
                   func.substr(ArticleRow.text, EvidenceRow.start + 1, EvidenceRow.end - EvidenceRow.start))
            .join(RelationRow, RelationRow.id == EvidenceRow.relation_id)
            .join(ArticleRow, ArticleRow.id == RelationRow.article_id)
            .where(EvidenceRow.relation_id.in_(ids[start:start + 500])).order_by(EvidenceRow.id)).all()
        for relation_id, begin, end, text in evidence:
            spans[relation_id].append((begin, end, text))
    return [RelationItem(r.id, r.type, r.source_id, r.target_id, r.detail, r.certainty, r.article_id, r.doc_id,
                         r.title, tuple(spans.get(r.id, ()))) for r in rows]


def article_relations(session: Session, article_id: int) -> list[RelationItem]:
    """The counted relations found in one article."""
    return _relations(session, [RelationRow.article_id == article_id], 500)


def relation(session: Session, relation_id: int) -> RelationItem | None:
    found = _relations(session, [RelationRow.id == relation_id], 1)
    return found[0] if found else None


def graph(session: Session, flt: GraphFilter) -> tuple[list[ActorNode], list[GraphEdge], Counter[int]]:
    """Actors and the relations between them (one edge per source, target and type), with evidence."""
    conditions: list[Any] = []
    if flt.type:
        conditions.append(RelationRow.type == flt.type)
    if flt.date_from:
        conditions.append(ArticleRow.published >= flt.date_from)
    if flt.date_to:
        conditions.append(ArticleRow.published <= flt.date_to)
    if flt.actor:
        named = select(ActorRow.id).where(or_(ActorRow.name == flt.actor, ActorRow.kb_id == flt.actor))
        conditions.append(or_(RelationRow.source_id.in_(named), RelationRow.target_id.in_(named)))
    grouped: dict[tuple[int, int, str], list[RelationItem]] = defaultdict(list)
    for item in _relations(session, conditions, flt.limit):
        grouped[(item.source_id, item.target_id, item.type)].append(item)
    edges = [GraphEdge(s, t, kind, _strongest(items), tuple(items)) for (s, t, kind), items in grouped.items()]
    degree: Counter[int] = Counter()
    for edge in edges:
        degree[edge.source_id] += len(edge.relations)
        degree[edge.target_id] += len(edge.relations)
    actors = session.execute(select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.kb_id)
                             .where(ActorRow.id.in_(list(degree)))).all() if degree else []
    return [ActorNode(a.id, a.name, a.kind, a.kb_id) for a in actors], edges, degree


def _strongest(items: list[RelationItem]) -> str:
    order = CERTAINTIES
    return min((item.certainty for item in items), key=lambda c: order.index(c) if c in order else len(order))


@dataclass(frozen=True, slots=True)
class ActorPage:
    actor: ActorNode
    events: int
    aliases: tuple[str, ...]
    relations: tuple[RelationItem, ...]
    names: dict[int, str]
    per_month: dict[str, int]


def actor_names(session: Session, ids: set[int]) -> dict[int, str]:
    return dict(session.execute(select(ActorRow.id, ActorRow.name).where(ActorRow.id.in_(ids))).all()) if ids else {}


def actor_page(session: Session, actor_id: int) -> ActorPage | None:
    """An actor: its words in the articles, its relations (both ways) and its events per month."""
    row = session.get(ActorRow, actor_id)
    if row is None:
        return None
    events = session.scalar(select(func.count(func.distinct(EventActorRow.event_id)))
                            .join(EventRow, EventRow.id == EventActorRow.event_id)
                            .where(EventActorRow.actor_id == actor_id, EventRow.counted.is_(True))) or 0
    mentions = Counter(m for m in session.scalars(select(EventActorRow.mention).where(
        EventActorRow.actor_id == actor_id, EventActorRow.mention.is_not(None)).limit(5000)) if m)
    relations = _relations(session, [or_(RelationRow.source_id == actor_id, RelationRow.target_id == actor_id)], 500)
    names = actor_names(session, {i for r in relations for i in (r.source_id, r.target_id)} | {actor_id})
    months = session.execute(select(EventRow.date_value).join(EventActorRow, EventActorRow.event_id == EventRow.id)
                             .where(EventActorRow.actor_id == actor_id, EventRow.counted.is_(True),
                                    EventRow.date_value.is_not(None))).scalars()
    per_month = Counter(value[:7] for value in months if value and len(value) >= 7)
    aliases = tuple(m for m, _ in mentions.most_common(30) if m != row.name)
    return ActorPage(ActorNode(row.id, row.name, row.kind, row.kb_id), events, aliases, tuple(relations), names,
                     dict(sorted(per_month.items())))


def search_actors(session: Session, name: str | None, limit: int, offset: int) -> tuple[int, list[tuple[ActorNode, int]]]:
    """Actors whose name contains ``name`` (all when None), most events first, with their event counts."""
    n_events = (select(EventActorRow.actor_id, func.count(func.distinct(EventActorRow.event_id)).label("n"))
                .join(EventRow, EventRow.id == EventActorRow.event_id).where(EventRow.counted.is_(True))
                .group_by(EventActorRow.actor_id).subquery())
    stmt = select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.kb_id, func.coalesce(n_events.c.n, 0).label("n")) \
        .outerjoin(n_events, n_events.c.actor_id == ActorRow.id)
    if name:
        stmt = stmt.where(ActorRow.name.contains(name, autoescape=True))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.execute(stmt.order_by(func.coalesce(n_events.c.n, 0).desc(), ActorRow.id).limit(limit).offset(offset))
    return total, [(ActorNode(r.id, r.name, r.kind, r.kb_id), r.n) for r in rows]


def article_by_hash(session: Session, digest: str) -> str | None:
    """The id an article with this content hash is stored under."""
    return session.scalar(select(ArticleRow.doc_id).where(ArticleRow.content_hash == digest))


def actor_id_by_key(session: Session, key: str) -> int | None:
    """The actor a filter's ``actor`` names (knowledge-base id or canonical name); the one with most events."""
    return session.scalar(select(ActorRow.id).where(or_(ActorRow.kb_id == key, ActorRow.name == key))
                          .order_by(ActorRow.id).limit(1))
