"""Event dates: value, precision, derivation and the expression's offsets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("date_value", "date_precision", "date_derivation", "date_start", "date_end")


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("date_value", sa.String(32), comment="ISO date, month, year, week or range")
        )
        batch.add_column(sa.Column("date_precision", sa.String(8)))
        batch.add_column(sa.Column("date_derivation", sa.String(12)))
        batch.add_column(sa.Column("date_start", sa.Integer()))
        batch.add_column(sa.Column("date_end", sa.Integer()))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
