"""Reading articles: full-text search, one article with its current record, counts of the whole store."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from marsad.store.queries import Page, QueryError
from marsad.store.search import matching_ids, query_terms
from marsad.store.tables import (
    ArticleRow,
    DocIdRow,
    EventRow,
    FailureRow,
    IncidentRow,
    NearDuplicateRow,
    RecordRow,
    RelationRow,
)
from marsad.text.normalize import normalize

__all__ = ["ArticleSummary", "StoreCounts", "article_detail", "search_articles", "store_counts"]

SNIPPET_CHARS = 160


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article as a search hit: its id, where and when it appeared, a snippet around the first match."""

    id: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    url: str | None
    snippet: str
    events: int
    duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class StoreCounts:
    """What the store holds. ``events`` counts each reported event once (current records, no near-duplicates)."""

    articles: int
    exact_duplicate_ids: int
    near_duplicates: int
    near_duplicate_clusters: int
    records: int
    events: int
    relations: int
    incidents: int
    multi_source_incidents: int
    events_in_multi_source_incidents: int
    failures: int


def search_articles(session: Session, query: str, limit: int = 20, offset: int = 0,
                    outlet: str | None = None) -> Page[ArticleSummary]:
    """Articles holding every word (or quoted phrase) of ``query``, newest first."""
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset must be 0 or more")
    if not query_terms(query):
        raise QueryError(f"the query {query!r} has no words to search for")
    conditions = [matching_ids(session.get_bind().dialect.name, query)]
    if outlet:
        conditions.append(ArticleRow.outlet == outlet)
    total = session.scalar(select(func.count(ArticleRow.id)).where(*conditions)) or 0
    original = aliased(ArticleRow)
    events = (select(func.count(EventRow.id)).where(EventRow.article_id == ArticleRow.id, EventRow.counted.is_(True))
              .correlate(ArticleRow).scalar_subquery())
    rows = session.execute(
        select(ArticleRow, events.label("events"), original.doc_id.label("duplicate_of"))
        .outerjoin(NearDuplicateRow, NearDuplicateRow.article_id == ArticleRow.id)
        .outerjoin(original, original.id == NearDuplicateRow.original_id)
        .where(*conditions)
        .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
        .limit(limit).offset(offset)).all()
    terms = [" ".join(t) for t in query_terms(query)]
    return Page(tuple(_hit(row.ArticleRow, row.events, row.duplicate_of, terms) for row in rows), total)


def article_detail(session: Session, doc_id: str) -> dict[str, Any] | None:
    """An article (by any id that named it) with its text, its current SPEC record and its duplicate links."""
    article = session.scalar(select(ArticleRow).join(DocIdRow, DocIdRow.article_id == ArticleRow.id)
                             .where(DocIdRow.doc_id == doc_id))
    if article is None:
        return None
    record = session.execute(select(RecordRow.result_json, RecordRow.pipeline_version, RecordRow.record_hash)
                             .where(RecordRow.article_id == article.id, RecordRow.current.is_(True))).first()
    link = session.execute(select(ArticleRow.doc_id, NearDuplicateRow.jaccard)
                           .join(NearDuplicateRow, NearDuplicateRow.original_id == ArticleRow.id)
                           .where(NearDuplicateRow.article_id == article.id)).first()
    return {"id": article.doc_id, "title": article.title, "text": article.text, "outlet": article.outlet,
            "url": article.url, "published": article.published.isoformat() if article.published else None,
            "published_raw": article.published_raw, "date_problem": article.date_problem,
            "content_hash": article.content_hash,
            "duplicate_of": None if link is None else {"id": link.doc_id, "jaccard": link.jaccard},
            "record": json.loads(record.result_json) if record else None,
            "pipeline_version": record.pipeline_version if record else None,
            "record_hash": record.record_hash if record else None}


def store_counts(session: Session) -> StoreCounts:
    def count(stmt: Any) -> int:
        return int(session.scalar(stmt) or 0)

    multi = select(IncidentRow.id).where(IncidentRow.n_sources > 1)
    return StoreCounts(
        articles=count(select(func.count(ArticleRow.id))),
        exact_duplicate_ids=count(select(func.count(DocIdRow.doc_id)).where(DocIdRow.kind == "exact")),
        near_duplicates=count(select(func.count(NearDuplicateRow.article_id))),
        near_duplicate_clusters=count(select(func.count(func.distinct(NearDuplicateRow.original_id)))),
        records=count(select(func.count(RecordRow.id)).where(RecordRow.current.is_(True))),
        events=count(select(func.count(EventRow.id)).where(EventRow.counted.is_(True))),
        relations=count(select(func.count(RelationRow.id)).where(RelationRow.counted.is_(True))),
        incidents=count(select(func.count(IncidentRow.id))),
        multi_source_incidents=count(select(func.count()).select_from(multi.subquery())),
        events_in_multi_source_incidents=count(select(func.coalesce(func.sum(IncidentRow.n_events), 0))
                                               .where(IncidentRow.n_sources > 1)),
        failures=count(select(func.count(FailureRow.id))),
    )


def _hit(article: ArticleRow, events: int, duplicate_of: str | None, terms: list[str]) -> ArticleSummary:
    return ArticleSummary(id=article.doc_id, title=article.title, outlet=article.outlet,
                          published=article.published, url=article.url, snippet=snippet(article.text, terms),
                          events=events, duplicate_of=duplicate_of)


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """The words of ``text`` around the first place a (normalised) term occurs, or its beginning."""
    norm = normalize(text)
    hits = [i for i in (norm.text.find(t) for t in terms) if i >= 0]
    centre = norm.to_raw[min(hits)] if hits else 0
    start = max(0, centre - width // 3)
    while 0 < start < len(text) and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), start + width)
    return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
