"""Opening stores: URLs, migrations applied on open, errors in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from marsad.store import StoreError, database_url, open_store
from marsad.store.db import DEFAULT_URL


@pytest.mark.parametrize(("given", "expected"), [
    (None, DEFAULT_URL),
    ("events.db", "sqlite:///events.db"),
    ("/data/m.db", "sqlite:////data/m.db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
])
def test_database_url_reads_paths_and_urls(given: str | None, expected: str) -> None:
    assert database_url(given) == expected


def test_opening_creates_every_table_and_the_search_index(db_url: str) -> None:
    store = open_store(db_url)
    try:
        names = set(inspect(store.engine).get_table_names())
        assert {"articles", "doc_ids", "records", "events", "evidence", "actors", "event_actors", "places",
                "relations", "incidents", "incident_events", "near_duplicates", "minhashes", "failures",
                "alembic_version"} <= names
        assert ("articles_fts" in names) if store.dialect == "sqlite" else ("article_search" in names)
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    finally:
        store.close()


def test_opening_twice_keeps_the_schema_and_the_rows(db_url: str) -> None:
    store = open_store(db_url)
    with store.session() as session:
        session.execute(text("INSERT INTO failures(key, stage, source, message) VALUES ('k', 'read', 's', 'm')"))
    store.close()
    again = open_store(db_url)
    try:
        with again.session() as session:
            assert session.execute(text("SELECT count(*) FROM failures")).scalar() == 1
    finally:
        again.close()


@pytest.mark.parametrize("target", ["mysql://u@h/db", "not a url://x"])
def test_unsupported_or_bad_urls_raise_store_error(target: str) -> None:
    with pytest.raises(StoreError):
        open_store(target)


def test_a_sqlite_file_in_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "dir" / "m.db"))


def test_an_unreachable_postgresql_server_is_one_line() -> None:
    with pytest.raises(StoreError, match="cannot open the database") as caught:
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert "\n" not in str(caught.value)


def test_the_app_tables_migrate_with_the_corpus_chain_and_fail_in_one_line(db_url: str) -> None:
    from sqlalchemy import create_engine

    from marsad.store import Store
    from marsad.store.app import migrate_app, open_app_store

    store = open_app_store(db_url)
    tables = set(inspect(store.engine).get_table_names())
    migrate_app(store)  # a second time changes nothing
    assert {"alembic_version", "alembic_version_app", "articles", "reviews"} <= tables
    assert set(inspect(store.engine).get_table_names()) == tables
    store.close()
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    with pytest.raises(StoreError, match="^cannot create the app tables: ") as caught:
        migrate_app(Store(engine=create_engine(unreachable), url=unreachable))
    assert "\n" not in str(caught.value)
