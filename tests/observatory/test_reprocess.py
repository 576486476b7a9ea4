"""Re-extraction keeps the articles and versions the records; a second run re-extracts nothing."""

from __future__ import annotations

from pathlib import Path

from news_corpus import records, write_jsonl
from sqlalchemy import func, select, update

from marsad.observatory import ingest
from marsad.observatory.reprocess import ReprocessOptions, reprocess
from marsad.store import EventFilter, open_store, query_events
from marsad.store.tables import ArticleRow, RecordRow


def test_records_of_an_older_pipeline_are_kept_and_replaced(db_url: str, tmp_path: Path) -> None:
    store = open_store(db_url)
    ingest(store, [str(write_jsonl(tmp_path / "news.jsonl", records()))])
    with store.session() as session:  # pretend an older model made them
        session.execute(update(RecordRow).values(pipeline_version="0.0.9+old"))
        articles = session.scalar(select(func.count(ArticleRow.id)))
        before = query_events(session, EventFilter(limit=1000)).total
    report = reprocess(store)
    assert report.articles == articles and report.failures == 0
    assert report.unchanged == articles  # same code, same records: the hashes say so
    with store.session() as session:
        versions = dict(session.execute(select(RecordRow.pipeline_version, func.count(RecordRow.id))
                                        .where(RecordRow.current.is_(True)).group_by(RecordRow.pipeline_version)).all())
        assert list(versions) == [report.pipeline_version]
        assert session.scalar(select(func.count(RecordRow.id)).where(RecordRow.current.is_(False))) == articles
        assert query_events(session, EventFilter(limit=1000)).total == before  # old events are not counted twice
    again = reprocess(store)
    assert again.articles == 0
    everything = reprocess(store, ReprocessOptions(everything=True))
    assert everything.articles == articles and everything.unchanged == articles
    with store.session() as session:
        assert session.scalar(select(func.count(RecordRow.id))) == 2 * articles  # --all adds no duplicate version
    store.close()
