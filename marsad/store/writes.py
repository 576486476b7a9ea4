"""Writing articles, records and failures, a batch at a time, inside the caller's transaction.

Every write is keyed by a hash, so writing the same thing twice changes nothing: an article by its
content hash, a record by (article, pipeline version), an actor or a place by what identifies it,
a failure by where and why. :class:`StoreWriter` keeps the ids it has seen so a long ingest does not
look them up again; one writer per session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from marsad.store.rows import (
    actor_key,
    canonical_json,
    event_values,
    place_values,
    record_hash,
    relation_values,
    sha256,
)
from marsad.store.search import index_articles
from marsad.store.tables import (
    ActorRow,
    ArticleRow,
    Base,
    DocIdRow,
    EventActorRow,
    EventRow,
    EvidenceRow,
    FailureRow,
    MinHashRow,
    NearDuplicateRow,
    PlaceRow,
    RecordRow,
    RelationRow,
)

__all__ = ["NewArticle", "NewDocId", "NewFailure", "NewRecord", "StoreWriter", "failure_key"]

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article to store. ``near_duplicate_of`` is the content hash of its cluster's first copy."""

    doc_id: str
    text: str
    content_hash: str
    title: str | None = None
    published: dt.date | None = None
    published_raw: str | None = None
    date_problem: str | None = None
    url: str | None = None
    outlet: str | None = None
    source: str | None = None
    signature: bytes | None = None
    near_duplicate_of: str | None = None
    jaccard: float | None = None


@dataclass(frozen=True, slots=True)
class NewDocId:
    """Another id for an already stored text (an exact copy)."""

    doc_id: str
    content_hash: str
    source: str | None = None


@dataclass(frozen=True, slots=True)
class NewRecord:
    """The SPEC record one pipeline version made of the article with ``content_hash``."""

    content_hash: str
    record: Record
    pipeline_version: str


@dataclass(frozen=True, slots=True)
class NewFailure:
    """``stage``: ``read`` (unreadable input), ``id`` (an id repeated with another text), ``extract``."""

    stage: str
    source: str
    message: str
    doc_id: str | None = None


def failure_key(failure: NewFailure) -> str:
    return sha256("\x1f".join((failure.stage, failure.source, failure.doc_id or "", failure.message)))


class StoreWriter:
    """Batched, idempotent writes through one session (the caller commits)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._articles: dict[str, int] = {}
        self._actors: dict[str, int] = {}
        self._places: dict[str, int] = {}
        self._duplicates: set[int] | None = None

    def article_id(self, content_hash: str) -> int | None:
        """The id of the stored article with this text, or None."""
        if content_hash not in self._articles:
            found = self.session.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash))
            if found is None:
                return None
            self._articles[content_hash] = found
        return self._articles[content_hash]

    def add_articles(self, articles: Sequence[NewArticle]) -> list[int]:
        """Store new articles (their first id, signature, near-duplicate link, search words); their ids."""
        if not articles:
            return []
        ids = list(self.session.scalars(
            insert(ArticleRow).returning(ArticleRow.id, sort_by_parameter_order=True),
            [_article_values(a) for a in articles]))
        self._articles.update((a.content_hash, i) for a, i in zip(articles, ids, strict=True))
        self._insert(DocIdRow, [{"doc_id": a.doc_id, "article_id": i, "kind": "first", "source": a.source}
                                for a, i in zip(articles, ids, strict=True)])
        self._insert(MinHashRow, [{"article_id": i, "signature": a.signature}
                                  for a, i in zip(articles, ids, strict=True) if a.signature is not None])
        self._insert(NearDuplicateRow, [self._near_duplicate(a, i) for a, i in zip(articles, ids, strict=True)
                                        if a.near_duplicate_of])
        if self._duplicates is not None:
            self._duplicates.update(i for a, i in zip(articles, ids, strict=True) if a.near_duplicate_of)
        index_articles(self.session, ((i, a.title, a.text) for a, i in zip(articles, ids, strict=True)))
        return ids

    def add_doc_ids(self, doc_ids: Sequence[NewDocId]) -> None:
        rows = []
        for doc in doc_ids:
            article = self.article_id(doc.content_hash)
            if article is None:
                raise KeyError(f"no stored article has the text of {doc.doc_id!r}")
            rows.append({"doc_id": doc.doc_id, "article_id": article, "kind": "exact", "source": doc.source})
        _insert_ignore(self.session, DocIdRow, rows, "doc_id")

    def add_records(self, records: Sequence[NewRecord], replace: bool = False) -> list[int]:
        """Store records; with ``replace`` an article's earlier records stop being current (reprocessing)."""
        if not records:
            return []
        article_ids = [self._require_article(r.content_hash) for r in records]
        if replace:
            self._retire(article_ids)
        duplicates = self._duplicate_ids(article_ids)
        ids = list(self.session.scalars(
            insert(RecordRow).returning(RecordRow.id, sort_by_parameter_order=True),
            [{"article_id": a, "pipeline_version": r.pipeline_version, "record_hash": record_hash(r.record),
              "current": True, "result_json": canonical_json(r.record)}
             for r, a in zip(records, article_ids, strict=True)]))
        for record, record_id, article_id in zip(records, ids, article_ids, strict=True):
            self._add_contents(record.record, record_id, article_id, counted=article_id not in duplicates)
        return ids

    def add_failures(self, failures: Iterable[NewFailure]) -> None:
        rows = [{"key": failure_key(f), "stage": f.stage, "source": f.source, "doc_id": f.doc_id,
                 "message": f.message} for f in failures]
        _insert_ignore(self.session, FailureRow, rows, "key")

    def clear_failures(self, doc_ids: Iterable[str], stage: str = "extract") -> None:
        """Forget earlier extraction failures of documents now extracted."""
        ids = list(doc_ids)
        if ids:
            self.session.execute(delete(FailureRow).where(FailureRow.stage == stage, FailureRow.doc_id.in_(ids)))

    def _require_article(self, content_hash: str) -> int:
        article = self.article_id(content_hash)
        if article is None:
            raise KeyError(f"no stored article has content hash {content_hash}")
        return article

    def _near_duplicate(self, article: NewArticle, article_id: int) -> dict[str, Any]:
        original = self._require_article(article.near_duplicate_of or "")
        return {"article_id": article_id, "original_id": original, "jaccard": article.jaccard or 0.0}

    def _duplicate_ids(self, article_ids: list[int]) -> set[int]:
        if self._duplicates is None:
            self._duplicates = set(self.session.scalars(select(NearDuplicateRow.article_id)))
        return self._duplicates & set(article_ids)

    def _retire(self, article_ids: list[int]) -> None:
        old = select(RecordRow.id).where(RecordRow.article_id.in_(article_ids), RecordRow.current.is_(True))
        old_ids = list(self.session.scalars(old))
        if not old_ids:
            return
        self.session.execute(update(EventRow).where(EventRow.record_id.in_(old_ids)).values(counted=False))
        self.session.execute(update(RelationRow).where(RelationRow.record_id.in_(old_ids)).values(counted=False))
        self.session.execute(update(RecordRow).where(RecordRow.id.in_(old_ids)).values(current=False))

    def _add_contents(self, record: Record, record_id: int, article_id: int, counted: bool) -> None:
        events = record.get("events") or []
        base = {"record_id": record_id, "article_id": article_id, "counted": counted}
        event_rows = [{**base, **event_values(e), "place_id": self._place_id(e.get("location"))} for e in events]
        event_ids = self._insert_returning(EventRow, event_rows)
        evidence: list[dict[str, Any]] = []
        actors: list[dict[str, Any]] = []
        for event, event_id in zip(events, event_ids, strict=True):
            evidence += [{"event_id": event_id, "start": e["start"], "end": e["end"]} for e in event["evidence"]]
            actors += [{"event_id": event_id, "actor_id": self._actor_id(a), "role": a.get("role") or "other",
                        "mention": a.get("mention"), "start": a.get("start"), "end": a.get("end")}
                       for a in event.get("actors") or []]
        relations = record.get("relations") or []
        relation_ids = self._insert_returning(RelationRow, [
            {**base, **relation_values(r), "source_id": self._actor_id(r["source"]),
             "target_id": self._actor_id(r["target"])} for r in relations])
        for relation, relation_id in zip(relations, relation_ids, strict=True):
            evidence += [{"relation_id": relation_id, "start": e["start"], "end": e["end"]}
                         for e in relation["evidence"]]
        self._insert(EvidenceRow, evidence)
        self._insert(EventActorRow, actors)

    def _actor_id(self, actor: Record) -> int:
        key = actor_key(actor)
        if key not in self._actors:
            values = {"key": key, "name": actor["name"], "kb_id": actor.get("kb_id"), "kind": actor.get("kind")}
            self._actors[key] = self._get_or_insert(ActorRow, key, values)
        return self._actors[key]

    def _place_id(self, location: Record | None) -> int | None:
        if not location or not location.get("name"):
            return None
        values = place_values(location)
        key = values["key"]
        if key not in self._places:
            self._places[key] = self._get_or_insert(PlaceRow, key, values)
        return self._places[key]

    def _get_or_insert(self, table: type[ActorRow] | type[PlaceRow], key: str, values: dict[str, Any]) -> int:
        found = self.session.scalar(select(table.id).where(table.key == key))
        if found is not None:
            return found
        return int(self.session.scalars(insert(table).returning(table.id), [values]).one())

    def _insert_returning(self, table: type[EventRow] | type[RelationRow], rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        return list(self.session.scalars(insert(table).returning(table.id, sort_by_parameter_order=True), rows))

    def _insert(self, table: type[Base], rows: list[dict[str, Any]]) -> None:
        if rows:
            self.session.execute(insert(table), rows)


def _article_values(article: NewArticle) -> dict[str, Any]:
    return {"content_hash": article.content_hash, "doc_id": article.doc_id, "title": article.title,
            "text": article.text, "published": article.published, "published_raw": article.published_raw,
            "date_problem": article.date_problem, "url": article.url, "outlet": article.outlet,
            "source": article.source}


def _insert_ignore(session: Session, table: type[Base], rows: list[dict[str, Any]], key: str) -> None:
    """Insert rows, skipping those whose ``key`` is already there (the idempotent write)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    build = sqlite.insert if dialect == "sqlite" else postgresql.insert
    session.execute(build(table).on_conflict_do_nothing(index_elements=[key]), rows)
