"""The database tables (SQLAlchemy 2), separate from the extraction dataclasses of :mod:`marsad.model`.

Rows are named ``…Row`` so they never stand in for a pipeline object or an API schema. Keys that
make writes idempotent are content hashes, never surrogate ids:

- an article is keyed by ``content_hash`` (SHA-256 of its text); every input id that named it is a
  :class:`DocIdRow` (the first one, then exact copies under other ids);
- an extraction record is keyed by (article, pipeline version), and carries the SHA-256 of its SPEC
  JSON (``record_hash``), so two runs can be compared record by record;
- actors and places are keyed by a hash of what identifies them; failures by a hash of where and why;
- an incident is keyed by a hash of the events it groups.

``EventRow.counted`` is true for the events of an article's current record when the article is not
a near-duplicate of an earlier one: queries and incidents read only those.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "ActorRow",
    "ArticleRow",
    "Base",
    "DocIdRow",
    "EventActorRow",
    "EventRow",
    "EvidenceRow",
    "FailureRow",
    "IncidentEventRow",
    "IncidentRow",
    "MinHashRow",
    "NearDuplicateRow",
    "PlaceRow",
    "RecordRow",
    "RelationRow",
]

HASH = 64  # hex SHA-256


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(HASH), unique=True)
    doc_id: Mapped[str] = mapped_column(String(1000), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    published_raw: Mapped[str | None] = mapped_column(String(200))
    date_problem: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    source: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class DocIdRow(Base):
    """Every input id that named an article: ``first`` for the id it was stored under, ``exact`` for copies."""

    __tablename__ = "doc_ids"

    doc_id: Mapped[str] = mapped_column(String(1000), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    source: Mapped[str | None] = mapped_column(Text)


class NearDuplicateRow(Base):
    """An article whose text is a near copy of an earlier one (the first copy of its cluster)."""

    __tablename__ = "near_duplicates"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    original_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    jaccard: Mapped[float] = mapped_column(Float)


class MinHashRow(Base):
    """The MinHash signature of an article's normalised shingles (the near-duplicate index is rebuilt from these)."""

    __tablename__ = "minhashes"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class RecordRow(Base):
    """One extraction of one article by one pipeline version: its SPEC JSON and the hash of that JSON."""

    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("article_id", "pipeline_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    pipeline_version: Mapped[str] = mapped_column(String(80))
    record_hash: Mapped[str] = mapped_column(String(HASH))
    current: Mapped[bool] = mapped_column(Boolean, index=True)
    result_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(HASH), unique=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str | None] = mapped_column(String(10))


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(HASH), unique=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    kb_id: Mapped[str | None] = mapped_column(String(300), index=True)
    kind: Mapped[str | None] = mapped_column(String(20))


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_counted_date", "counted", "date_start"),
        Index("ix_events_counted_country", "counted", "country"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    event_key: Mapped[str] = mapped_column(String(40))
    counted: Mapped[bool] = mapped_column(Boolean)
    event_type: Mapped[str] = mapped_column(String(40), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(60))
    attack_type: Mapped[str | None] = mapped_column(String(40))
    weapon_type: Mapped[str | None] = mapped_column(String(40))
    method: Mapped[str | None] = mapped_column(String(60))
    certainty: Mapped[str] = mapped_column(String(12))
    background: Mapped[bool] = mapped_column(Boolean)
    link: Mapped[str | None] = mapped_column(String(12))
    date_value: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"), index=True)
    place_mention: Mapped[str | None] = mapped_column(Text)
    place_start: Mapped[int | None] = mapped_column(Integer)
    place_end: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(300))
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_min: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    claim_status: Mapped[str | None] = mapped_column(String(12))
    claimed_by: Mapped[str | None] = mapped_column(String(500))
    claim_mode: Mapped[str | None] = mapped_column(String(20))


class EvidenceRow(Base):
    """A sentence (start/end into the article text) supporting an event or a relation."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    relation_id: Mapped[int | None] = mapped_column(ForeignKey("relations.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class EventActorRow(Base):
    __tablename__ = "event_actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    role: Mapped[str] = mapped_column(String(12))
    mention: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)


class RelationRow(Base):
    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    counted: Mapped[bool] = mapped_column(Boolean, index=True)
    type: Mapped[str] = mapped_column(String(20), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    source_mention: Mapped[str | None] = mapped_column(Text)
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    target_mention: Mapped[str | None] = mapped_column(Text)
    target_start: Mapped[int | None] = mapped_column(Integer)
    target_end: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)
    certainty: Mapped[str] = mapped_column(String(12))


class IncidentRow(Base):
    """One real-world event as reported by one or more articles (see :mod:`marsad.resolve.incidents`)."""

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(HASH), unique=True)
    event_type: Mapped[str] = mapped_column(String(40), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(60))
    date_start: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(String(300))
    place_name: Mapped[str | None] = mapped_column(String(500))
    place_precision: Mapped[str | None] = mapped_column(String(10))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    fatalities_min: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    n_events: Mapped[int] = mapped_column(Integer)
    n_articles: Mapped[int] = mapped_column(Integer)
    n_sources: Mapped[int] = mapped_column(Integer, index=True)


class IncidentEventRow(Base):
    """An event's place in an incident, with the reason it was merged (empty for the first event)."""

    __tablename__ = "incident_events"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(Text)


class FailureRow(Base):
    """A document that was not stored or not extracted, with where it came from and why."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(HASH), unique=True)
    stage: Mapped[str] = mapped_column(String(12), index=True)
    source: Mapped[str] = mapped_column(Text)
    doc_id: Mapped[str | None] = mapped_column(String(1000), index=True)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
