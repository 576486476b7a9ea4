"""Initial schema: articles, records, events, actors, places, relations, incidents, failures; full-text search.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("kb_id", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index(op.f("ix_actors_kb_id"), "actors", ["kb_id"], unique=False)
    op.create_index(op.f("ix_actors_name"), "actors", ["name"], unique=False)
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("doc_id", sa.String(length=1000), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_raw", sa.String(length=200), nullable=True),
        sa.Column("date_problem", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("content_hash"),
        sa.UniqueConstraint("doc_id"),
    )
    op.create_index(op.f("ix_articles_outlet"), "articles", ["outlet"], unique=False)
    op.create_index(op.f("ix_articles_published"), "articles", ["published"], unique=False)
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=12), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("doc_id", sa.String(length=1000), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index(op.f("ix_failures_doc_id"), "failures", ["doc_id"], unique=False)
    op.create_index(op.f("ix_failures_stage"), "failures", ["stage"], unique=False)
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("sub_event_type", sa.String(length=60), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.String(length=300), nullable=True),
        sa.Column("place_name", sa.String(length=500), nullable=True),
        sa.Column("place_precision", sa.String(length=10), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("fatalities_min", sa.Integer(), nullable=True),
        sa.Column("fatalities_max", sa.Integer(), nullable=True),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index(op.f("ix_incidents_country"), "incidents", ["country"], unique=False)
    op.create_index(op.f("ix_incidents_date_start"), "incidents", ["date_start"], unique=False)
    op.create_index(op.f("ix_incidents_event_type"), "incidents", ["event_type"], unique=False)
    op.create_index(op.f("ix_incidents_n_sources"), "incidents", ["n_sources"], unique=False)
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.String(length=300), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("precision", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_index(op.f("ix_places_name"), "places", ["name"], unique=False)
    op.create_table(
        "doc_ids",
        sa.Column("doc_id", sa.String(length=1000), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("doc_id"),
    )
    op.create_index(op.f("ix_doc_ids_article_id"), "doc_ids", ["article_id"], unique=False)
    op.create_table(
        "minhashes",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_table(
        "near_duplicates",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("original_id", sa.Integer(), nullable=False),
        sa.Column("jaccard", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["original_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_index(op.f("ix_near_duplicates_original_id"), "near_duplicates", ["original_id"], unique=False)
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("pipeline_version", sa.String(length=80), nullable=False),
        sa.Column("record_hash", sa.String(length=64), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("article_id", "pipeline_version"),
    )
    op.create_index(op.f("ix_records_article_id"), "records", ["article_id"], unique=False)
    op.create_index(op.f("ix_records_current"), "records", ["current"], unique=False)
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.String(length=40), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("sub_event_type", sa.String(length=60), nullable=False),
        sa.Column("attack_type", sa.String(length=40), nullable=True),
        sa.Column("weapon_type", sa.String(length=40), nullable=True),
        sa.Column("method", sa.String(length=60), nullable=True),
        sa.Column("certainty", sa.String(length=12), nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("link", sa.String(length=12), nullable=True),
        sa.Column("date_value", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=8), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("place_id", sa.Integer(), nullable=True),
        sa.Column("place_mention", sa.Text(), nullable=True),
        sa.Column("place_start", sa.Integer(), nullable=True),
        sa.Column("place_end", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("admin1", sa.String(length=300), nullable=True),
        sa.Column("fatalities", sa.Integer(), nullable=True),
        sa.Column("fatalities_min", sa.Integer(), nullable=True),
        sa.Column("fatalities_max", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("injured_min", sa.Integer(), nullable=True),
        sa.Column("injured_max", sa.Integer(), nullable=True),
        sa.Column("claim_status", sa.String(length=12), nullable=True),
        sa.Column("claimed_by", sa.String(length=500), nullable=True),
        sa.Column("claim_mode", sa.String(length=20), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
        ),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_events_article_id"), "events", ["article_id"], unique=False)
    op.create_index("ix_events_counted_country", "events", ["counted", "country"], unique=False)
    op.create_index("ix_events_counted_date", "events", ["counted", "date_start"], unique=False)
    op.create_index(op.f("ix_events_event_type"), "events", ["event_type"], unique=False)
    op.create_index(op.f("ix_events_place_id"), "events", ["place_id"], unique=False)
    op.create_index(op.f("ix_events_record_id"), "events", ["record_id"], unique=False)
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("source_mention", sa.Text(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("target_mention", sa.Text(), nullable=True),
        sa.Column("target_start", sa.Integer(), nullable=True),
        sa.Column("target_end", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("certainty", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["actors.id"],
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["actors.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_relations_article_id"), "relations", ["article_id"], unique=False)
    op.create_index(op.f("ix_relations_counted"), "relations", ["counted"], unique=False)
    op.create_index(op.f("ix_relations_record_id"), "relations", ["record_id"], unique=False)
    op.create_index(op.f("ix_relations_source_id"), "relations", ["source_id"], unique=False)
    op.create_index(op.f("ix_relations_target_id"), "relations", ["target_id"], unique=False)
    op.create_index(op.f("ix_relations_type"), "relations", ["type"], unique=False)
    op.create_table(
        "event_actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("mention", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_event_actors_actor_id"), "event_actors", ["actor_id"], unique=False)
    op.create_index(op.f("ix_event_actors_event_id"), "event_actors", ["event_id"], unique=False)
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("relation_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["relation_id"], ["relations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_evidence_event_id"), "evidence", ["event_id"], unique=False)
    op.create_index(op.f("ix_evidence_relation_id"), "evidence", ["relation_id"], unique=False)
    op.create_table(
        "incident_events",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index(op.f("ix_incident_events_incident_id"), "incident_events", ["incident_id"], unique=False)
    _create_search()


def downgrade() -> None:
    _drop_search()
    op.drop_index(op.f("ix_incident_events_incident_id"), table_name="incident_events")
    op.drop_table("incident_events")
    op.drop_index(op.f("ix_evidence_relation_id"), table_name="evidence")
    op.drop_index(op.f("ix_evidence_event_id"), table_name="evidence")
    op.drop_table("evidence")
    op.drop_index(op.f("ix_event_actors_event_id"), table_name="event_actors")
    op.drop_index(op.f("ix_event_actors_actor_id"), table_name="event_actors")
    op.drop_table("event_actors")
    op.drop_index(op.f("ix_relations_type"), table_name="relations")
    op.drop_index(op.f("ix_relations_target_id"), table_name="relations")
    op.drop_index(op.f("ix_relations_source_id"), table_name="relations")
    op.drop_index(op.f("ix_relations_record_id"), table_name="relations")
    op.drop_index(op.f("ix_relations_counted"), table_name="relations")
    op.drop_index(op.f("ix_relations_article_id"), table_name="relations")
    op.drop_table("relations")
    op.drop_index(op.f("ix_events_record_id"), table_name="events")
    op.drop_index(op.f("ix_events_place_id"), table_name="events")
    op.drop_index(op.f("ix_events_event_type"), table_name="events")
    op.drop_index("ix_events_counted_date", table_name="events")
    op.drop_index("ix_events_counted_country", table_name="events")
    op.drop_index(op.f("ix_events_article_id"), table_name="events")
    op.drop_table("events")
    op.drop_index(op.f("ix_records_current"), table_name="records")
    op.drop_index(op.f("ix_records_article_id"), table_name="records")
    op.drop_table("records")
    op.drop_index(op.f("ix_near_duplicates_original_id"), table_name="near_duplicates")
    op.drop_table("near_duplicates")
    op.drop_table("minhashes")
    op.drop_index(op.f("ix_doc_ids_article_id"), table_name="doc_ids")
    op.drop_table("doc_ids")
    op.drop_index(op.f("ix_places_name"), table_name="places")
    op.drop_table("places")
    op.drop_index(op.f("ix_incidents_n_sources"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_event_type"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_date_start"), table_name="incidents")
    op.drop_index(op.f("ix_incidents_country"), table_name="incidents")
    op.drop_table("incidents")
    op.drop_index(op.f("ix_failures_stage"), table_name="failures")
    op.drop_index(op.f("ix_failures_doc_id"), table_name="failures")
    op.drop_table("failures")
    op.drop_index(op.f("ix_articles_published"), table_name="articles")
    op.drop_index(op.f("ix_articles_outlet"), table_name="articles")
    op.drop_table("articles")
    op.drop_index(op.f("ix_actors_name"), table_name="actors")
    op.drop_index(op.f("ix_actors_kb_id"), table_name="actors")
    op.drop_table("actors")


def _create_search() -> None:
    """Full-text search over normalised article words: FTS5 (SQLite) or a tsvector with a GIN index (PostgreSQL)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(words, content='', "
                   "tokenize='unicode61 remove_diacritics 2')")
        return
    op.create_table(
        "article_search",
        sa.Column("article_id", sa.Integer(), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("words", postgresql.TSVECTOR(), nullable=False),
    )
    op.create_index("ix_article_search_words", "article_search", ["words"], postgresql_using="gin")


def _drop_search() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE articles_fts")
    else:
        op.drop_table("article_search")
