"""Idempotent writes keyed by hashes; records versioned by pipeline version; near-duplicates not counted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from marsad.model import Document
from marsad.store import NewArticle, NewDocId, NewFailure, NewRecord, StoreWriter, open_store
from marsad.store.rows import content_hash, date_range, record_hash
from marsad.store.tables import (
    ActorRow,
    ArticleRow,
    DocIdRow,
    EventRow,
    EvidenceRow,
    FailureRow,
    RecordRow,
    RelationRow,
)


def _article(doc: Document, **extra: Any) -> NewArticle:
    return NewArticle(doc_id=doc.id, text=doc.text, content_hash=content_hash(doc.text), title=doc.title,
                      published=doc.published, outlet=doc.outlet, **extra)


def _count(session: Any, column: Any) -> int:
    return int(session.scalar(select(func.count(column))) or 0)


def test_records_are_stored_with_every_event_evidence_and_actor(db_url: str, sample_docs: list[Document],
                                                                 sample_records: list[dict[str, Any]]) -> None:
    store = open_store(db_url)
    try:
        with store.session() as session:
            writer = StoreWriter(session)
            writer.add_articles([_article(d) for d in sample_docs])
            writer.add_records([NewRecord(content_hash(d.text), r, "v1") for d, r in zip(sample_docs, sample_records, strict=True)])
        events = sum(len(r["events"]) for r in sample_records)
        with store.session() as session:
            assert _count(session, ArticleRow.id) == len(sample_docs)
            assert _count(session, EventRow.id) == events > 0
            assert _count(session, RelationRow.id) == sum(len(r["relations"]) for r in sample_records)
            assert _count(session, EvidenceRow.id) == sum(len(e["evidence"]) for r in sample_records
                                                          for e in r["events"] + r["relations"])
            assert _count(session, ActorRow.id) > 0
            stored = {row.record_hash for row in session.scalars(select(RecordRow))}
            assert stored == {record_hash(r) for r in sample_records}
    finally:
        store.close()


def test_a_second_identical_write_of_ids_and_failures_changes_nothing(db_url: str, sample_docs: list[Document]) -> None:
    store = open_store(db_url)
    doc = sample_docs[0]
    failure = NewFailure("read", "feed.jsonl:3", "not valid JSON")
    try:
        for _ in range(2):
            with store.session() as session:
                writer = StoreWriter(session)
                if writer.article_id(content_hash(doc.text)) is None:
                    writer.add_articles([_article(doc)])
                writer.add_doc_ids([NewDocId("copy-of-first", content_hash(doc.text))])
                writer.add_failures([failure, failure])
        with store.session() as session:
            assert _count(session, ArticleRow.id) == 1
            assert _count(session, DocIdRow.doc_id) == 2
            assert _count(session, FailureRow.id) == 1
    finally:
        store.close()


def test_reprocessing_keeps_both_versions_and_counts_only_the_current(db_url: str, sample_docs: list[Document],
                                                                      sample_records: list[dict[str, Any]]) -> None:
    store = open_store(db_url)
    doc, record = next((d, r) for d, r in zip(sample_docs, sample_records, strict=True) if r["events"])
    try:
        with store.session() as session:
            writer = StoreWriter(session)
            writer.add_articles([_article(doc)])
            writer.add_records([NewRecord(content_hash(doc.text), record, "v1")])
        with store.session() as session:
            StoreWriter(session).add_records([NewRecord(content_hash(doc.text), record, "v2")], replace=True)
        with store.session() as session:
            versions = dict(session.execute(select(RecordRow.pipeline_version, RecordRow.current)).all())
            assert versions == {"v1": False, "v2": True}
            counted = session.scalar(select(func.count(EventRow.id)).where(EventRow.counted.is_(True)))
            assert counted == len(record["events"])
            assert _count(session, EventRow.id) == 2 * len(record["events"])
    finally:
        store.close()


def test_events_of_a_near_duplicate_article_are_stored_but_not_counted(db_url: str, sample_docs: list[Document],
                                                                        sample_records: list[dict[str, Any]]) -> None:
    store = open_store(db_url)
    doc, record = next((d, r) for d, r in zip(sample_docs, sample_records, strict=True) if r["events"])
    copy = Document(id=doc.id + "-copy", text=doc.text + " (نقلا عن وكالة)")
    try:
        with store.session() as session:
            writer = StoreWriter(session)
            writer.add_articles([_article(doc)])
            writer.add_articles([_article(copy, near_duplicate_of=content_hash(doc.text), jaccard=0.93)])
            writer.add_records([NewRecord(content_hash(doc.text), record, "v1"),
                                NewRecord(content_hash(copy.text), {**record, "id": copy.id}, "v1")])
        with store.session() as session:
            counted = dict(session.execute(select(EventRow.counted, func.count(EventRow.id))
                                           .group_by(EventRow.counted)).all())
            assert counted == {True: len(record["events"]), False: len(record["events"])}
    finally:
        store.close()


def test_date_ranges_cover_the_precision_of_the_value() -> None:
    import datetime as dt

    assert date_range("2018-05-14") == (dt.date(2018, 5, 14), dt.date(2018, 5, 14))
    assert date_range("2016-02") == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert date_range("2015") == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    assert date_range("2015-13") == (None, None)
    assert date_range(None) == (None, None)
