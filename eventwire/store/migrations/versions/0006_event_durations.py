"""Event durations: the stated length of an event, its modifier and the expression's offsets.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("duration_value", "duration_mod", "duration_start", "duration_end")


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("duration_value", sa.String(32), comment="ISO 8601 duration: PT48H, P4D")
        )
        batch.add_column(
            sa.Column(
                "duration_mod", sa.String(16), comment="TIMEX3 modifier: MORE_THAN, APPROX, ..."
            )
        )
        batch.add_column(sa.Column("duration_start", sa.Integer()))
        batch.add_column(sa.Column("duration_end", sa.Integer()))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
