"""anonymous prompts: anonymity belongs to the prompt, stored when it is posted

Answers used to learn whether they were anonymous through prompt -> round -> schedule;
removing a schedule deletes its rounds, which unlinked their prompts, so later replies to
an anonymous question were stored with their author. Prompts of anonymous schedules that
still exist are marked here.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("prompts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("anonymous", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(
        "UPDATE prompts SET anonymous = TRUE WHERE round_id IN ("
        " SELECT rounds.id FROM rounds JOIN schedules ON schedules.id = rounds.schedule_id"
        " WHERE schedules.anonymous)"
    )


def downgrade() -> None:
    with op.batch_alter_table("prompts", schema=None) as batch_op:
        batch_op.drop_column("anonymous")
