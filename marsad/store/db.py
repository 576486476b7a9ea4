"""Opening a store: a database URL (or a file path) → an engine with the schema migrated to the latest version.

SQLite is the default (``marsad.db`` in the working directory, no server); PostgreSQL works through
the same code (``postgresql+psycopg://user@host/db``; a bare ``postgresql://`` URL gets the psycopg
driver). Opening applies the Alembic migrations shipped in :mod:`marsad.store.migrations`, so an
old database is brought up to date and a new one is created.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["DEFAULT_URL", "Store", "StoreError", "database_url", "open_store", "upgrade"]

DEFAULT_URL = "sqlite:///marsad.db"
MIGRATIONS = Path(__file__).with_name("migrations")
_SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
                   "PRAGMA busy_timeout=30000")


class StoreError(ValueError):
    """A database that cannot be opened or used (bad URL, unreachable server, not a Marsad database)."""


@dataclass(frozen=True)
class Store:
    """An opened database: its engine and a session factory. Use :meth:`session` for a unit of work."""

    engine: Engine
    url: str
    sessions: sessionmaker[Session] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sessions", sessionmaker(self.engine, expire_on_commit=False))

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed at the end of the block, rolled back if it raises."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def database_url(target: str | None) -> str:
    """A SQLAlchemy URL for ``target``: None → ``marsad.db``; a path → SQLite file; ``postgresql://`` → psycopg."""
    if not target:
        return DEFAULT_URL
    if "://" not in target:
        return f"sqlite:///{target}"
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    return target


def open_store(target: str | None = None, migrate: bool = True) -> Store:
    """Open (and create or upgrade) the database at ``target``; raises :class:`StoreError` with a reason."""
    url = database_url(target)
    engine = _engine(url)
    if migrate:
        upgrade(engine, MIGRATIONS, f"cannot open the database {_safe(url)}")
    return Store(engine=engine, url=url)


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise StoreError(f"not a database URL: {url!r}; give a file path, sqlite:///FILE or "
                         "postgresql+psycopg://USER@HOST/DB") from err
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {parsed.get_backend_name()!r}; use SQLite or PostgreSQL")
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:" and not Path(database).parent.exists():
        raise StoreError(f"cannot create {database}: its directory does not exist")
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    for pragma in _SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def upgrade(engine: Engine, scripts: Path, failure: str) -> None:
    """Apply the Alembic chain in ``scripts`` up to its head; on failure a :class:`StoreError` saying ``failure``."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(scripts))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as err:
        raise StoreError(f"{failure}: {_first_line(err)}") from err


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return text.strip().splitlines()[0] if text.strip() else type(err).__name__
