"""Articles, their copies, the rejections log, and the back end's full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-05-10
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from eventwire.store.backend import backend_for

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), nullable=False, comment="Article.id: content_hash[:16]"),
        sa.Column("seq", sa.Integer(), sa.Identity(), nullable=False, comment="search rowid"),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column(
            "source", sa.Text(), nullable=False, comment="the path or URL as given to ingest"
        ),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("published_source", sa.String(16)),
        sa.Column("language", sa.String(35)),
        sa.Column("author", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column(
            "segments",
            sa.JSON(),
            nullable=False,
            comment="[[kind, start, end, raw_start, raw_end]]",
        ),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column(
            "minhash", sa.LargeBinary(), comment="MinHash signature (uint64 array) for near-dups"
        ),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("seq", name=op.f("uq_articles_seq")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
    )
    op.create_index(op.f("ix_articles_published"), "articles", ["published"])
    op.create_index(op.f("ix_articles_source"), "articles", ["source"])
    op.create_table(
        "article_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(16), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column(
            "similarity",
            sa.Float(),
            comment="estimated Jaccard similarity; NULL for exact copies",
        ),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_copies")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_copies_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint(
            "article_id", "source", name=op.f("uq_article_copies_article_id_source")
        ),
        sa.CheckConstraint(
            "relation IN ('duplicate', 'near-duplicate')", name=op.f("ck_article_copies_relation")
        ),
    )
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejections")),
    )
    bind = op.get_bind()
    backend_for(bind.dialect.name).create_search_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    backend_for(bind.dialect.name).drop_search_index(bind)
    op.drop_table("rejections")
    op.drop_table("article_copies")
    op.drop_index(op.f("ix_articles_source"), table_name="articles")
    op.drop_index(op.f("ix_articles_published"), table_name="articles")
    op.drop_table("articles")
