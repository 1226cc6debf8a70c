"""regroup marks: which (workspace, language) theme cells need regrouping

Storing an answer assigns its claims to themes and marks the cell here; the regroup
(``bot.insights.indexing.regroup_pending``) runs later, off Slack's acknowledgement path,
and clears the mark. ``generation`` grows with every mark, so a regroup computed from an
older snapshot does not clear a newer mark.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "regroup_marks",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_regroup_marks_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "language", name=op.f("pk_regroup_marks")),
    )


def downgrade() -> None:
    op.drop_table("regroup_marks")
