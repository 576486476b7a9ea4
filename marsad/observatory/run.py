"""``ingest``: sources → triage → extraction (any engine) → the store, in batches, resumable; then incidents.

Input items flow in order. Each is triaged (:mod:`marsad.observatory.triage`); those to extract go
to the engine; outcomes come back in order and are written with the items between them, a batch per
transaction. A run killed at any point (``kill -9`` included) loses at most the uncommitted batch,
and the same command then skips what is stored and redoes the rest: the final store is the same as
after an uninterrupted run. Every item is accounted for: ``input = stored + duplicates + failures``.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from marsad.corpus import Failure
from marsad.ingest import Article, IngestOptions, InputError, iter_articles
from marsad.ingest.neardup import NearDupOptions
from marsad.model import Document, Result
from marsad.observatory.engines import EngineOptions, open_engine
from marsad.observatory.incidents import rebuild_incidents
from marsad.observatory.progress import Progress
from marsad.observatory.triage import DUPLICATE, FAILED, STORED, Triage, Work
from marsad.observatory.version import pipeline_version
from marsad.store import NewArticle, NewDocId, NewFailure, NewRecord, Store, StoreWriter
from marsad.store.articles import StoreCounts, store_counts

__all__ = ["IngestReport", "IngestRunOptions", "ingest"]

Notice = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class IngestRunOptions:
    """How to ingest: readers' limits, near-duplicate threshold, engine, batch size, incident step."""

    reading: IngestOptions = field(default_factory=IngestOptions)
    near_duplicates: NearDupOptions = field(default_factory=NearDupOptions)
    engine: EngineOptions = field(default_factory=EngineOptions)
    batch_size: int = 200
    incidents: bool = True

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError("IngestRunOptions.batch_size must be at least 1")


@dataclass(slots=True)
class IngestReport:
    """What one run did with its input, and what the store holds afterwards."""

    input: int = 0
    stored: int = 0
    duplicates: int = 0
    failures: int = 0
    new_articles: int = 0
    new_records: int = 0
    date_problems: int = 0
    seconds: float = 0.0
    pipeline_version: str = ""
    totals: StoreCounts | None = None

    def count(self, work: Work) -> None:
        self.input += 1
        if work.klass == STORED:
            self.stored += 1
        elif work.klass == DUPLICATE:
            self.duplicates += 1
        elif work.klass == FAILED:
            self.failures += 1
        self.new_articles += work.action == "new"
        self.new_records += work.extract and isinstance(work.outcome, Result)
        self.date_problems += isinstance(work.item, Article) and work.action == "new" and bool(work.item.date_problem)

    @property
    def balanced(self) -> bool:
        return self.input == self.stored + self.duplicates + self.failures


def ingest(store: Store, sources: Sequence[str], options: IngestRunOptions | None = None,
           progress: Progress | None = None, notice: Notice | None = None,
           stdin: BinaryIO | None = None) -> IngestReport:
    """Read ``sources`` into ``store``; every failure and unreadable date goes to ``notice`` (one line each)."""
    options = options or IngestRunOptions()
    report = IngestReport(pipeline_version=pipeline_version(options.engine.pipeline_options))
    started = time.perf_counter()
    tell = notice or (lambda _line: None)
    with store.sessions() as session:
        triage = Triage.load(session, options.near_duplicates)
        session.commit()
        writer = StoreWriter(session)
        items = iter_articles(sources, stdin=stdin, options=options.reading)
        for batch in _batches(_worked(items, triage, options.engine), options.batch_size):
            _write(writer, batch, report.pipeline_version)
            session.commit()
            for work in batch:
                triage.written(work)
                report.count(work)
                _tell(work, tell)
            if progress is not None:
                progress.update(report)
        if options.incidents:
            rebuild_incidents(session)
            session.commit()
        report.totals = store_counts(session)
    report.seconds = time.perf_counter() - started
    return report


def _worked(items: Iterator[Article | InputError], triage: Triage, engine: EngineOptions) -> Iterator[Work]:
    """Every item's work, in input order, with extraction outcomes attached."""
    queue: deque[Work] = deque()

    def to_extract() -> Iterator[Document]:
        for item in items:
            work = triage.classify(item)
            queue.append(work)
            if work.extract:
                assert isinstance(work.item, Article)
                yield work.item.doc

    with open_engine(engine) as run:
        for outcome in run(to_extract()):
            while not queue[0].extract:
                yield queue.popleft()
            work = queue.popleft()
            _check_order(work, outcome)
            work.settle(outcome)
            yield work
    yield from queue


def _check_order(work: Work, outcome: Result | Failure) -> None:
    got = outcome.id if isinstance(outcome, Result) else outcome.doc_id
    if got is not None and got != work.doc_id:
        raise RuntimeError(f"outcome for {got!r} arrived in the place of {work.doc_id!r}; the engine broke input order")


def _batches(works: Iterator[Work], size: int) -> Iterator[list[Work]]:
    batch: list[Work] = []
    for work in works:
        batch.append(work)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write(writer: StoreWriter, batch: list[Work], version: str) -> None:
    """One batch, in one transaction (the caller commits): articles, ids, records, failures."""
    writer.add_articles([_new_article(w) for w in batch if w.action == "new"])
    writer.add_doc_ids([NewDocId(w.doc_id or "", w.content_hash or "", _source(w)) for w in batch
                        if w.action == "copy"])
    done = [w for w in batch if w.extract and isinstance(w.outcome, Result)]
    writer.add_records([NewRecord(w.content_hash or "", w.outcome.to_json(), version) for w in done
                        if isinstance(w.outcome, Result)], replace=True)
    writer.clear_failures(w.doc_id or "" for w in done)
    writer.add_failures(f for f in (_failure(w) for w in batch) if f is not None)


def _new_article(work: Work) -> NewArticle:
    assert isinstance(work.item, Article)
    doc, item = work.item.doc, work.item
    return NewArticle(doc_id=doc.id, text=doc.text, content_hash=work.content_hash or "", title=doc.title,
                      published=doc.published, published_raw=item.published_raw, date_problem=item.date_problem,
                      url=doc.url, outlet=doc.outlet, source=item.source, signature=work.signature,
                      near_duplicate_of=work.near_of, jaccard=work.jaccard)


def _failure(work: Work) -> NewFailure | None:
    if isinstance(work.item, InputError):
        return NewFailure("read", work.item.source, work.item.message)
    if work.action == "conflict":
        return NewFailure("id", work.item.source, work.message or "", work.doc_id)
    if isinstance(work.outcome, Failure):
        return NewFailure("extract", work.item.source, work.outcome.message, work.doc_id)
    return None


def _source(work: Work) -> str:
    return work.item.source


def _tell(work: Work, tell: Notice) -> None:
    failure = _failure(work)
    if failure is not None:
        tell(f"marsad: error: {failure.source}: {failure.message}")
    elif isinstance(work.item, Article) and work.action == "new" and work.item.date_problem:
        tell(f"marsad: warning: {work.item.source}: {work.item.date_problem}")
