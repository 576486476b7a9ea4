"""``reprocess``: re-extract stored articles after a model or lexicon upgrade, keeping every version.

Articles whose current record was made by another pipeline version (or that have none) are run
through the pipeline again; the new record becomes current and the old one stays, marked not
current, with the version that made it. Running it twice re-extracts nothing the second time.
Incidents are grouped again at the end.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from marsad.corpus import Failure
from marsad.model import Document, Result
from marsad.observatory.engines import EngineOptions, open_engine
from marsad.observatory.incidents import rebuild_incidents
from marsad.observatory.version import pipeline_version
from marsad.store import NewFailure, NewRecord, Store, StoreWriter
from marsad.store.articles import StoreCounts, store_counts
from marsad.store.rows import record_hash
from marsad.store.tables import ArticleRow, RecordRow

__all__ = ["ReprocessOptions", "ReprocessReport", "reprocess"]


@dataclass(frozen=True, slots=True)
class ReprocessOptions:
    """``everything``: re-extract every article, even those the current version already made."""

    engine: EngineOptions = field(default_factory=EngineOptions)
    everything: bool = False
    batch_size: int = 200


@dataclass(slots=True)
class ReprocessReport:
    articles: int = 0
    changed: int = 0
    unchanged: int = 0
    failures: int = 0
    seconds: float = 0.0
    pipeline_version: str = ""
    totals: StoreCounts | None = None


def reprocess(store: Store, options: ReprocessOptions | None = None) -> ReprocessReport:
    options = options or ReprocessOptions()
    version = pipeline_version(options.engine.pipeline_options)
    report = ReprocessReport(pipeline_version=version)
    started = time.perf_counter()
    with store.sessions() as session:
        stale = _stale(session, version, options.everything)
        hashes = {doc_id: (digest, old) for _, doc_id, digest, old in stale}
        writer = StoreWriter(session)
        with open_engine(options.engine) as run:
            batch: list[tuple[str, Result | Failure]] = []
            for outcome in run(_documents(session, [article_id for article_id, *_ in stale])):
                doc_id = outcome.id if isinstance(outcome, Result) else outcome.doc_id or outcome.source
                batch.append((doc_id, outcome))
                if len(batch) >= options.batch_size:
                    _write(writer, batch, hashes, version, report)
                    session.commit()
                    batch = []
            _write(writer, batch, hashes, version, report)
        rebuild_incidents(session)
        session.commit()
        report.totals = store_counts(session)
    report.seconds = time.perf_counter() - started
    return report


def _stale(session: Session, version: str, everything: bool) -> list[tuple[int, str, str, str | None]]:
    """Articles to re-extract, in store order: id, doc id, content hash, hash of the current record."""
    current = select(RecordRow.record_hash).where(RecordRow.article_id == ArticleRow.id,
                                                  RecordRow.current.is_(True)).scalar_subquery()
    stmt = select(ArticleRow.id, ArticleRow.doc_id, ArticleRow.content_hash, current).order_by(ArticleRow.id)
    if not everything:
        up_to_date = exists().where(RecordRow.article_id == ArticleRow.id, RecordRow.current.is_(True),
                                    RecordRow.pipeline_version == version)
        stmt = stmt.where(~up_to_date)
    return [(article_id, doc_id, digest, old) for article_id, doc_id, digest, old in session.execute(stmt).all()]


def _documents(session: Session, article_ids: list[int], chunk: int = 500) -> Iterator[Document]:
    """The stored articles as documents, read a chunk at a time (memory stays flat)."""
    for start in range(0, len(article_ids), chunk):
        ids = article_ids[start:start + chunk]
        rows = {a.id: a for a in session.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids)))}
        for article_id in ids:
            article = rows[article_id]
            yield Document(id=article.doc_id, text=article.text, title=article.title, published=article.published,
                           url=article.url, outlet=article.outlet)
        session.expunge_all()


def _write(writer: StoreWriter, batch: list[tuple[str, Result | Failure]], hashes: dict[str, tuple[str, str | None]],
           version: str, report: ReprocessReport) -> None:
    records = []
    for doc_id, outcome in batch:
        report.articles += 1
        digest, old = hashes[doc_id]
        if isinstance(outcome, Failure):
            report.failures += 1
            writer.add_failures([NewFailure("extract", doc_id, outcome.message, doc_id)])
            continue
        record = NewRecord(digest, outcome.to_json(), version)
        records.append(record)
        same = old is not None and record_hash(record.record) == old
        report.changed += not same
        report.unchanged += same
    writer.add_records(_new_versions(writer, records), replace=True)
    writer.clear_failures(r.record["id"] for r in records)


def _new_versions(writer: StoreWriter, records: list[NewRecord]) -> list[NewRecord]:
    """Records of a version the article does not have yet (``--all`` with the same version re-writes nothing)."""
    out = []
    for record in records:
        article = writer.article_id(record.content_hash)
        have = writer.session.scalar(select(RecordRow.id).where(RecordRow.article_id == article,
                                                                RecordRow.pipeline_version == record.pipeline_version))
        if have is None:
            out.append(record)
    return out



