"""Alembic environment: runs the migrations on the connection :func:`marsad.store.db.open_store` passes."""

from alembic import context

from marsad.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
