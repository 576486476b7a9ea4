"""The app's command-line face ``marsad keys``; the API benchmark runs; the dashboard's words
exist in every language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from marsad.cli import cli
from marsad.store.app import open_app_store
from marsad.store.keys import find_key
from marsad.vocabulary import vocabularies

ROOT = Path(__file__).resolve().parents[2]


def test_keys_create_list_revoke(tmp_path: Path) -> None:
    db = str(tmp_path / "keys.db")
    runner = CliRunner()
    created = runner.invoke(cli, ["keys", "create", "analyst", "--role", "review", "--rate-limit", "30", "--db", db])
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[0]
    assert secret.startswith("msd_") and len(secret) > 40
    store = open_app_store(db)
    with store.session() as session:
        key = find_key(session, secret)
        assert key is not None and (key.name, key.role, key.rate_limit) == ("analyst", "review", 30)
    assert "analyst\treview" in runner.invoke(cli, ["keys", "list", "--db", db]).stdout
    taken = runner.invoke(cli, ["keys", "create", "analyst", "--db", db])
    assert taken.exit_code != 0 and "exists already" in str(taken.exception)
    assert runner.invoke(cli, ["keys", "revoke", "analyst", "--db", db]).exit_code == 0
    with store.session() as session:
        assert find_key(session, secret) is None
    assert "revoked" in runner.invoke(cli, ["keys", "list", "--db", db]).stdout
    store.close()


def test_every_dashboard_word_exists_in_both_languages() -> None:
    messages = yaml.safe_load((ROOT / "marsad" / "web" / "messages.yaml").read_text(encoding="utf-8"))
    assert set(messages["ar"]) == set(messages["en"]) and all(isinstance(k, str) for k in messages["ar"])
    assert all(len(names) == 2 and all(names) for codes in vocabularies().values() for names in codes.values())


def test_api_benchmark_runs(tmp_path: Path) -> None:
    from marsad.observatory.run import ingest

    db = tmp_path / "bench.db"
    store = open_app_store(str(db))
    ingest(store, [str(ROOT / "marsad" / "samples" / "sample.jsonl")])
    store.close()
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_api.py"), "--db", str(db),
                           "--clients", "2", "--requests", "5", "--workers", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "errors 0" in done.stdout and "p95" in done.stdout and "graph" in done.stdout
