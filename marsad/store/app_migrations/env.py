"""Alembic environment of the app tables (own version table, so the corpus chain stays untouched)."""

from alembic import context

from marsad.store.app_tables import AppBase

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=AppBase.metadata,
                  version_table="alembic_version_app",
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
