"""Alembic migrations of the Marsad store; applied by :func:`marsad.store.open_store`."""
