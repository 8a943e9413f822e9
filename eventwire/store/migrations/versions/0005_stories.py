"""Stories: reports grouped by the happening they cover, and the story index kept incrementally.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _story_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["story_id"],
        ["stories.id"],
        name=op.f(f"fk_{table}_story_id_stories"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column(
            "id", sa.String(64), nullable=False, comment="st-<id of the report that opened it>"
        ),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("first_date", sa.Date(), comment="earliest publication date of its reports"),
        sa.Column("last_date", sa.Date(), comment="latest publication date of its reports"),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
    )
    op.create_index(op.f("ix_stories_last_date"), "stories", ["last_date"])
    op.create_table(
        "story_articles",
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_story_articles")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_story_articles_article_id_articles"),
            ondelete="CASCADE",
        ),
        _story_fk("story_articles"),
    )
    op.create_index(op.f("ix_story_articles_story_id"), "story_articles", ["story_id"])
    op.create_table(
        "link_state",
        sa.Column("name", sa.String(32), nullable=False, comment="which index: 'stories'"),
        sa.Column("version", sa.Integer(), nullable=False, comment="state format version"),
        sa.Column(
            "clock", sa.Integer(), nullable=False, comment="reports added so far (index clock)"
        ),
        sa.Column(
            "documents", sa.Integer(), nullable=False, comment="reports counted in story_terms"
        ),
        sa.Column("data", sa.JSON(), nullable=False, comment="index options"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_link_state")),
    )
    op.create_table(
        "story_states",
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, comment="opening order in the index"),
        sa.Column(
            "updated", sa.Integer(), nullable=False, comment="index clock of its last report"
        ),
        sa.Column("norm", sa.Float(), nullable=False, comment="cached centroid length"),
        sa.Column(
            "norm_at",
            sa.Integer(),
            nullable=False,
            comment="reports counted when norm was computed",
        ),
        sa.Column(
            "data",
            sa.JSON(),
            nullable=False,
            comment="doc_ids, dates, centroid, surfaces, entities",
        ),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_story_states")),
        _story_fk("story_states"),
    )
    op.create_table(
        "story_terms",
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False, comment="reports the term occurs in"),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_story_terms")),
    )


def downgrade() -> None:
    op.drop_table("story_terms")
    op.drop_table("story_states")
    op.drop_table("link_state")
    op.drop_index(op.f("ix_story_articles_story_id"), table_name="story_articles")
    op.drop_table("story_articles")
    op.drop_index(op.f("ix_stories_last_date"), table_name="stories")
    op.drop_table("stories")
