"""Real databases for storage tests: a fresh SQLite file, and a fresh schema on a real PostgreSQL server.

The PostgreSQL server is the one ``MARSAD_TEST_PG`` names (``.ci/run`` starts one and sets it);
without it the PostgreSQL variants skip with that reason. Each test gets its own schema (dropped
afterwards), so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

PG_ENV = "MARSAD_TEST_PG"
BACKENDS = ("sqlite", "postgresql")


def pg_server_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'marsad.db'}"
    else:
        yield from _pg_schema(request)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'marsad.db'}"


@pytest.fixture
def pg_url(request: pytest.FixtureRequest) -> Iterator[str]:
    yield from _pg_schema(request)


def _pg_schema(request: pytest.FixtureRequest) -> Iterator[str]:
    server = pg_server_url()
    if server is None:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/postgres)")
    from sqlalchemy import create_engine, text

    from marsad.store import database_url

    base = database_url(server)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
