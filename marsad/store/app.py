"""Opening a store for the app: the corpus schema (:func:`marsad.store.db.open_store`) plus the
app tables of :mod:`marsad.store.app_tables`, migrated by their own Alembic chain."""

from __future__ import annotations

from pathlib import Path

from marsad.store.db import Store, open_store, upgrade

__all__ = ["migrate_app", "open_app_store"]

MIGRATIONS = Path(__file__).with_name("app_migrations")


def migrate_app(store: Store) -> None:
    """Create or upgrade the app tables (API keys, reviews, watchlists)."""
    upgrade(store.engine, MIGRATIONS, "cannot create the app tables")


def open_app_store(target: str | None = None) -> Store:
    """The database at ``target`` with both the corpus and the app schema up to date."""
    store = open_store(target)
    migrate_app(store)
    return store
