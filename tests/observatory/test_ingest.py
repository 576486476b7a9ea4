"""Ingest into a real store: every item accounted for, idempotent, near-duplicates linked, incidents merged."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from news_corpus import records, write_jsonl
from sqlalchemy import select

from marsad.observatory import IngestRunOptions, ingest
from marsad.observatory.incidents import load_incident_events
from marsad.resolve.incidents import OPENING_CHARS
from marsad.store import EventFilter, open_store, query_events
from marsad.store.articles import article_detail, store_counts
from marsad.store.tables import ArticleRow, DocIdRow, FailureRow, NearDuplicateRow, RecordRow
from marsad.text.words import words


def _ingest(url: str, *sources: Path, **options: object) -> tuple[object, list[str]]:
    lines: list[str] = []
    store = open_store(url)
    try:
        report = ingest(store, [str(s) for s in sources], IngestRunOptions(**options),  # type: ignore[arg-type]
                        notice=lines.append)
    finally:
        store.close()
    return report, lines


def test_every_item_is_stored_duplicate_or_reported(db_url: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", records(), extra_lines=('{"id": "broken", "text": ',))
    report, lines = _ingest(db_url, corpus, batch_size=4)
    assert (report.input, report.stored, report.duplicates, report.failures) == (22, 16, 4, 2)
    assert report.balanced
    assert any("already stored with a different text" in line for line in lines)
    assert any("not valid JSON" in line and "news.jsonl:22" in line for line in lines)
    assert any("unreadable publication date" in line and "قبل ساعتين" in line for line in lines)
    store = open_store(db_url)
    with store.session() as session:
        stages = sorted(session.scalars(select(FailureRow.stage)))
        assert stages == ["id", "read"]
        kinds = dict(session.execute(select(DocIdRow.doc_id, DocIdRow.kind)).all())
        assert kinds["copy-of-r-05"] == "exact" and kinds["r-05"] == "first"
        dated = article_detail(session, "arabic-date")
        assert dated is not None and dated["published"] == "2018-05-14"
        undated = article_detail(session, "undated")
        assert undated is not None and undated["published"] is None and "never guessed" in undated["date_problem"]
        first = article_detail(session, "r-04")
        assert first is not None and first["text"].startswith("تظاهر")  # the first text is kept
    store.close()


def test_a_second_ingest_of_the_same_file_changes_nothing(db_url: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", records())
    first, _ = _ingest(db_url, corpus)
    store = open_store(db_url)
    with store.session() as session:
        before = (store_counts(session), sorted(session.scalars(select(RecordRow.record_hash))))
    store.close()
    again, _ = _ingest(db_url, corpus)
    store = open_store(db_url)
    with store.session() as session:
        after = (store_counts(session), sorted(session.scalars(select(RecordRow.record_hash))))
    store.close()
    assert after == before
    assert (again.stored, again.duplicates, again.failures) == (first.stored, first.duplicates, first.failures)
    assert again.new_articles == 0 and again.new_records == 0


def test_near_duplicates_are_linked_to_the_first_copy_and_not_counted(db_url: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", records())
    _ingest(db_url, corpus)
    store = open_store(db_url)
    with store.session() as session:
        links = {a: o for a, o in session.execute(
            select(ArticleRow.doc_id, NearDuplicateRow.original_id)
            .join(NearDuplicateRow, NearDuplicateRow.article_id == ArticleRow.id)).all()}
        originals = dict(session.execute(select(ArticleRow.id, ArticleRow.doc_id)).all())
        assert {a: originals[o] for a, o in links.items()} == {"wire-00": "r-00", "wire-07": "r-07"}
        counted = {row.article for row in query_events(session, EventFilter(limit=1000)).rows}
        assert "wire-00" not in counted and "wire-07" not in counted
        assert {"r-00", "r-07"} <= counted
    store.close()


def test_two_outlets_reporting_one_bombing_make_one_incident(db_url: str, tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", records())
    _ingest(db_url, corpus)
    store = open_store(db_url)
    with store.session() as session:
        events = query_events(session, EventFilter(limit=1000)).rows
        by_article = {e.article: e for e in events if e.article in ("r-00", "r-01")}
        assert set(by_article) == {"r-00", "r-01"}
        assert by_article["r-00"].incident_id == by_article["r-01"].incident_id is not None
        totals = store_counts(session)
        assert totals.multi_source_incidents >= 1
        texts = {r["id"]: r["text"] for r in records()}
        loaded = [e for e in load_incident_events(session) if e.article in ("r-00", "r-01")]
        assert loaded and all(e.opening == " ".join(words(texts[e.article][:OPENING_CHARS])) for e in loaded)
    store.close()


def test_a_truncated_gzip_keeps_what_was_read_and_reports_the_damage(db_url: str, tmp_path: Path) -> None:
    data = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()[:8]).encode("utf-8"))
    corpus = tmp_path / "cut.jsonl.gz"
    corpus.write_bytes(data[: len(data) * 2 // 3])
    report, lines = _ingest(db_url, corpus)
    assert report.balanced and report.failures == 1 and report.stored + report.duplicates >= 1
    assert any("damaged or cut short" in line for line in lines)


@pytest.mark.parametrize("batch_size", [1, 7])
def test_batch_size_does_not_change_the_store(sqlite_url: str, tmp_path: Path, batch_size: int) -> None:
    corpus = write_jsonl(tmp_path / "news.jsonl", records())
    report, _ = _ingest(sqlite_url, corpus, batch_size=batch_size)
    store = open_store(sqlite_url)
    with store.session() as session:
        hashes = sorted(session.scalars(select(RecordRow.record_hash)))
    store.close()
    reference = tmp_path / "reference.db"
    _ingest(f"sqlite:///{reference}", corpus, batch_size=200)
    store = open_store(f"sqlite:///{reference}")
    with store.session() as session:
        assert sorted(session.scalars(select(RecordRow.record_hash))) == hashes
    store.close()
    assert report.balanced


def test_the_same_corpus_gives_identical_query_results_on_sqlite_and_postgresql(sqlite_url: str, pg_url: str,
                                                                              tmp_path: Path) -> None:
    from dataclasses import asdict

    from marsad.store.articles import search_articles
    from marsad.store.incident_queries import IncidentFilter, incident_records, query_incidents

    corpus = write_jsonl(tmp_path / "news.jsonl", records())
    answers = []
    for url in (sqlite_url, pg_url):
        _ingest(url, corpus, batch_size=3)
        store = open_store(url)
        with store.session() as session:
            answers.append({
                "counts": store_counts(session),
                "events": [(p.total, [asdict(r) for r in p.rows]) for p in (
                    query_events(session, f) for f in (EventFilter(limit=100), EventFilter(sort="-fatalities"),
                                                       EventFilter(country="IQ"), EventFilter(text="مسلحون"),
                                                       EventFilter(claimed=False, sort="date", limit=5, offset=2)))],
                "search": [asdict(r) for r in search_articles(session, '"سيارة مفخخة"').rows],
                "incidents": [asdict(r) for r in query_incidents(session, IncidentFilter(limit=100)).rows],
                "records": list(incident_records(session)),
            })
        store.close()
    assert answers[0] == answers[1]
