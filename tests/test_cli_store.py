"""The store's commands as a user runs them: real subprocesses, a real database file, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "observatory"))
from news_corpus import records, write_jsonl  # noqa: E402


def marsad(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, subprocess.CompletedProcess[str]]]:
    folder = tmp_path_factory.mktemp("cli")
    corpus = write_jsonl(folder / "news.jsonl", records())
    done = marsad("ingest", str(corpus), "--db", str(folder / "m.db"), "--no-ner")
    yield folder / "m.db", done


def test_ingest_prints_that_every_input_is_accounted_for(ingested: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, done = ingested
    assert done.returncode == 1, done.stderr  # one id came back with another text: reported, exit 1
    first = done.stdout.splitlines()[0]
    assert first == "marsad: input 21 = stored 16 + duplicates 4 + failures 1"
    assert "near-duplicates in 2 clusters" in done.stdout and "incidents" in done.stdout
    assert "already stored with a different text" in done.stderr
    assert "unreadable publication date" in done.stderr and "Traceback" not in done.stderr


def test_events_search_and_incidents(ingested: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    db, _ = ingested
    events = marsad("events", "--db", str(db), "--country", "IQ", "--json")
    assert events.returncode == 0, events.stderr
    rows = [json.loads(line) for line in events.stdout.splitlines()]
    assert rows and {r["country"] for r in rows} == {"IQ"}
    search = marsad("search", "كركوك", "--db", str(db))
    assert search.returncode == 0 and "r-00" in search.stdout and "articles" in search.stderr
    listed = marsad("incidents", "--db", str(db), "--min-sources", "2", "--json")
    assert listed.returncode == 0, listed.stderr
    incident = json.loads(listed.stdout.splitlines()[0])
    assert incident["sources"] >= 2
    shown = marsad("incidents", "--db", str(db), "--id", str(incident["id"]))
    assert shown.returncode == 0 and "merged:" in shown.stdout


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "acled", "graphml", "incidents"])
def test_export_writes_each_format(ingested: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path,
                                   fmt: str) -> None:
    db, _ = ingested
    out = tmp_path / f"out.{fmt}"
    done = marsad("export", "--db", str(db), "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0 and f"{fmt} rows" in done.stderr


@pytest.mark.parametrize(("args", "message"), [
    (("events", "--db", "mysql://u@h/db"), "unsupported database"),
    (("events", "--db", "/no/such/dir/m.db"), "does not exist"),
    (("incidents", "--db", "{db}", "--id", "999999"), "no incident with id 999999"),
    (("search", "!!!", "--db", "{db}"), "no words to search for"),
    (("ingest", "x.jsonl", "--engine", "local", "--workers", "2", "--db", "{db}"), "for --engine dask"),
])
def test_user_errors_are_one_line_and_exit_2(ingested: tuple[Path, subprocess.CompletedProcess[str]],
                                             args: tuple[str, ...], message: str) -> None:
    db, _ = ingested
    done = marsad(*(a.replace("{db}", str(db)) for a in args))
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_a_second_ingest_of_the_same_file_changes_nothing(ingested: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    db, first = ingested
    again = marsad("ingest", str(db.parent / "news.jsonl"), "--db", str(db), "--no-ner", "-q")
    assert again.stdout.splitlines()[0] == first.stdout.splitlines()[0]
    assert "this run: 0 new articles, 0 records extracted" in again.stdout
    assert again.stdout.splitlines()[2] == first.stdout.splitlines()[2]  # the store's totals
