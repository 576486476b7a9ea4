"""Every engine gives the same records: this process, worker processes, a local Dask cluster."""

from __future__ import annotations

from pathlib import Path

import pytest
from news_corpus import records, write_jsonl
from sqlalchemy import select

from marsad.observatory import EngineError, EngineOptions, IngestRunOptions, ingest
from marsad.store import open_store
from marsad.store.tables import ArticleRow, IncidentRow, RecordRow


def _hashes(db: Path, corpus: Path, engine: EngineOptions) -> tuple[list[tuple[str, str]], list[str]]:
    store = open_store(str(db))
    report = ingest(store, [str(corpus)], IngestRunOptions(engine=engine, batch_size=5))
    assert report.balanced
    with store.session() as session:
        hashes = sorted(session.execute(select(ArticleRow.doc_id, RecordRow.record_hash)
                                        .join(RecordRow, RecordRow.article_id == ArticleRow.id)).all())
        incidents = sorted(session.scalars(select(IncidentRow.key)))
    store.close()
    return [tuple(h) for h in hashes], incidents


def test_dask_and_worker_processes_give_the_records_of_the_local_engine(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", records())
    local = _hashes(tmp_path / "local.db", corpus, EngineOptions())
    pooled = _hashes(tmp_path / "pooled.db", corpus, EngineOptions(jobs=2))
    dask = _hashes(tmp_path / "dask.db", corpus, EngineOptions(engine="dask", workers=2))
    assert len(local[0]) == 18  # 14 reports, 2 wire copies, 2 more; the copy and the repeat add none
    assert pooled == local
    assert dask == local


@pytest.mark.parametrize(("options", "message"), [
    ({"engine": "spark"}, "unknown engine"),
    ({"engine": "local", "workers": 2}, "for --engine dask"),
    ({"engine": "dask", "workers": 2, "scheduler": "tcp://x:8786"}, "not both"),
    ({"jobs": 0}, "at least 1"),
])
def test_bad_engine_options_are_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(EngineError, match=message):
        EngineOptions(**options)  # type: ignore[arg-type]
