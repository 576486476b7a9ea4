"""Opening a store for the app: the corpus schema (:func:`marsad.store.db.open_store`) plus the
app tables of :mod:`marsad.store.app_tables`, migrated by their own Alembic chain."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.exc import OperationalError

from marsad.store.db import Store, StoreError, open_store

__all__ = ["migrate_app", "open_app_store"]

MIGRATIONS = Path(__file__).with_name("app_migrations")


def migrate_app(store: Store) -> None:
    """Create or upgrade the app tables (API keys, reviews, watchlists)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with store.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except OperationalError as err:
        raise StoreError(f"cannot create the app tables: {err.orig or err}") from err


def open_app_store(target: str | None = None) -> Store:
    """The database at ``target`` with both the corpus and the app schema up to date."""
    store = open_store(target)
    migrate_app(store)
    return store
