"""Places: gazetteer entries used, every toponym of an article, and each event's place.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EVENT_COLUMNS = ("place_id", "place_facility", "place_how", "place_start", "place_end")


def upgrade() -> None:
    op.create_table(
        "places",
        sa.Column(
            "id", sa.String(64), nullable=False, comment="geonames:<id>, country:<ISO3>, admin1:..."
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False, comment="country, admin1, city, region"),
        sa.Column("country", sa.String(3)),
        sa.Column("admin1", sa.Text()),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("population", sa.BigInteger(), nullable=False),
        sa.Column("feature_class", sa.String(1), nullable=False),
        sa.Column("geonames_id", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
    )
    op.create_table(
        "place_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("place_id", sa.String(64)),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("facility", sa.Text()),
        sa.Column("agent", sa.Boolean(), nullable=False),
        sa.Column("how", sa.String(12), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_mentions")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_place_mentions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_place_mentions_place_id_places")
        ),
    )
    op.create_index(op.f("ix_place_mentions_article_id"), "place_mentions", ["article_id"])
    op.create_index(op.f("ix_place_mentions_place_id"), "place_mentions", ["place_id"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("place_id", sa.String(64)))
        batch.add_column(sa.Column("place_facility", sa.Text()))
        batch.add_column(sa.Column("place_how", sa.String(12)))
        batch.add_column(sa.Column("place_start", sa.Integer()))
        batch.add_column(sa.Column("place_end", sa.Integer()))
        batch.create_foreign_key(op.f("fk_events_place_id_places"), "places", ["place_id"], ["id"])
        batch.create_index(op.f("ix_events_place_id"), ["place_id"])


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_index(op.f("ix_events_place_id"))
        batch.drop_constraint(op.f("fk_events_place_id_places"), type_="foreignkey")
        for column in reversed(EVENT_COLUMNS):
            batch.drop_column(column)
    op.drop_index(op.f("ix_place_mentions_place_id"), table_name="place_mentions")
    op.drop_index(op.f("ix_place_mentions_article_id"), table_name="place_mentions")
    op.drop_table("place_mentions")
    op.drop_table("places")
