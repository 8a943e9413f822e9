"""Actors, actor mentions, events and the per-article extraction record.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _article_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"],
        ["articles.id"],
        name=op.f(f"fk_{table}_article_id_articles"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "actors",
        sa.Column(
            "id", sa.String(200), nullable=False, comment="stable actor id: PRK, person:kim-jong-un"
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("sector", sa.String(3)),
        sa.Column("role", sa.Text()),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actors")),
    )
    op.create_table(
        "actor_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(200), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_mentions")),
        _article_fk("actor_mentions"),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_actor_mentions_actor_id_actors")
        ),
    )
    op.create_index(op.f("ix_actor_mentions_article_id"), "actor_mentions", ["article_id"])
    op.create_index(op.f("ix_actor_mentions_actor_id"), "actor_mentions", ["actor_id"])
    op.create_table(
        "extractions",
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column(
            "version",
            sa.String(32),
            nullable=False,
            comment="extractor version that made the events",
        ),
        sa.Column("n_events", sa.Integer(), nullable=False),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_extractions")),
        _article_fk("extractions"),
    )
    _create_events()


def _create_events() -> None:
    span = ("sentence", "trigger", "source", "target", "location", "said_by")
    required = {"sentence", "trigger"}
    span_columns = [
        sa.Column(f"{name}_{edge}", sa.Integer(), nullable=name not in required)
        for name in span
        for edge in ("start", "end")
    ]
    op.create_table(
        "events",
        sa.Column("id", sa.String(16), nullable=False, comment="Event.id"),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("type", sa.String(16), nullable=False, comment="PLOVER event type"),
        sa.Column("mode", sa.String(32)),
        sa.Column("cameo", sa.String(4), nullable=False),
        sa.Column("quad_class", sa.Integer(), nullable=False),
        sa.Column("intensity", sa.Float(), nullable=False),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("source_actor_id", sa.String(200)),
        sa.Column("target_actor_id", sa.String(200)),
        *span_columns,
        sa.Column("others", sa.JSON(), nullable=False, comment="[[actor_id, start, end]]"),
        sa.Column("times", sa.JSON(), nullable=False, comment="[[start, end]]"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        _article_fk("events"),
        sa.ForeignKeyConstraint(
            ["source_actor_id"], ["actors.id"], name=op.f("fk_events_source_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["target_actor_id"], ["actors.id"], name=op.f("fk_events_target_actor_id_actors")
        ),
    )
    for column in ("article_id", "type", "source_actor_id", "target_actor_id"):
        op.create_index(op.f(f"ix_events_{column}"), "events", [column])


def downgrade() -> None:
    for column in ("article_id", "type", "source_actor_id", "target_actor_id"):
        op.drop_index(op.f(f"ix_events_{column}"), table_name="events")
    op.drop_table("events")
    op.drop_table("extractions")
    op.drop_index(op.f("ix_actor_mentions_actor_id"), table_name="actor_mentions")
    op.drop_index(op.f("ix_actor_mentions_article_id"), table_name="actor_mentions")
    op.drop_table("actor_mentions")
    op.drop_table("actors")
