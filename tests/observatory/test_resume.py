"""``kill -9`` in the middle of an ingest, then the same command: the store ends as after a clean run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from news_corpus import REPORTS, records, write_jsonl
from sqlalchemy import select

from marsad.store import open_store
from marsad.store.articles import store_counts
from marsad.store.tables import (
    ArticleRow,
    DocIdRow,
    FailureRow,
    IncidentRow,
    MinHashRow,
    NearDuplicateRow,
    RecordRow,
)


def _corpus(path: Path) -> Path:
    rows = records()
    # more articles, so there is time to kill the run between two batches
    rows += [{"id": f"more-{i:02d}", "text": f"تحديث رقم {i}: " + REPORTS[i % len(REPORTS)], "date": "2018-05-20"}
             for i in range(30)]
    return write_jsonl(path, rows)


def _command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "marsad.cli", "ingest", str(corpus), "--db", str(db), "-q", "--batch-size", "1",
            "--no-ner"]


def _articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is still being created
        return 0


def _snapshot(db: Path) -> dict[str, Any]:
    store = open_store(str(db))
    with store.session() as session:
        ids = dict(session.execute(select(ArticleRow.id, ArticleRow.doc_id)).all())
        snapshot = {
            "counts": store_counts(session),
            "articles": sorted(session.execute(select(ArticleRow.doc_id, ArticleRow.content_hash)).all()),
            "doc_ids": sorted(session.execute(select(DocIdRow.doc_id, DocIdRow.kind)).all()),
            "records": sorted((ids[a], v, h, c) for a, v, h, c in session.execute(
                select(RecordRow.article_id, RecordRow.pipeline_version, RecordRow.record_hash, RecordRow.current))),
            "near": sorted((ids[a], ids[o], j) for a, o, j in session.execute(
                select(NearDuplicateRow.article_id, NearDuplicateRow.original_id, NearDuplicateRow.jaccard))),
            "signatures": sorted((ids[a], s) for a, s in session.execute(
                select(MinHashRow.article_id, MinHashRow.signature))),
            "failures": sorted(session.scalars(select(FailureRow.key))),
            "incidents": sorted(session.scalars(select(IncidentRow.key))),
        }
    store.close()
    return snapshot


def test_kill_9_at_a_random_point_then_the_same_command_gives_the_clean_store(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "news.jsonl")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    done = subprocess.run(_command(corpus, clean), capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 1, done.stderr  # one conflicting id is reported as a failure
    total = _articles(clean)

    run = subprocess.Popen(_command(corpus, killed), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    target = random.Random().randint(1, total - 5)
    deadline = time.monotonic() + 300
    while _articles(killed) < target and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(run.pid, signal.SIGKILL)
    run.communicate()
    assert run.returncode == -signal.SIGKILL
    stored_when_killed = _articles(killed)
    assert 0 < stored_when_killed < total, (stored_when_killed, total)

    resumed = subprocess.run(_command(corpus, killed), capture_output=True, text=True, env=env, timeout=600)
    assert resumed.returncode == 1, resumed.stderr
    assert resumed.stdout.splitlines()[0] == done.stdout.splitlines()[0]  # input = stored + duplicates + failures
    assert _snapshot(killed) == _snapshot(clean)
