"""Tables of the analyst's app, beside the corpus tables of :mod:`marsad.store.tables`.

They have their own metadata and their own migration chain (``marsad/store/app_migrations``,
version table ``alembic_version_app``) so that the corpus schema and the app schema evolve
without touching each other's revision history. They refer to corpus rows by id (an event, a
relation, an article); the machine records are never changed by a review.

- :class:`ApiKeyRow`: an API key, stored as the SHA-256 of the key (the key itself is shown once).
- :class:`ReviewRow`: a reviewer's verdict on an event or a relation — ``confirm``, ``reject``, or
  ``correct`` one field with a new value — with who and when; the latest verdict per field wins.
- :class:`WatchlistRow`: a saved filter and the newest event its owner has seen.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Integer, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["ApiKeyRow", "AppBase", "ReviewRow", "WatchlistRow"]


class AppBase(DeclarativeBase):
    pass


class ApiKeyRow(AppBase):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    rate_limit: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ReviewRow(AppBase):
    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_target", "target", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    target: Mapped[str] = mapped_column(String(10))  # event | relation
    target_id: Mapped[int] = mapped_column(Integer)
    article_id: Mapped[int] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(10))  # confirm | correct | reject
    field: Mapped[str | None] = mapped_column(String(40))
    value_json: Mapped[str | None] = mapped_column(Text)
    machine_json: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class WatchlistRow(AppBase):
    __tablename__ = "watchlists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(300))
    query: Mapped[str] = mapped_column(Text)  # the filter as a URL query string
    seen_event_id: Mapped[int] = mapped_column(Integer, default=0)
    notified_event_id: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
