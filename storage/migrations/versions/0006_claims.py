"""claims: themes group claims per (workspace, language); features keep each answer's claims

Themes used to live per (field, language) and hold whole answers. They now group claims (the
sentence or clause units of answers) across fields, with ``group_key`` naming the merged
theme each belongs to. Features and themes are derived data: they are dropped here and
recomputed from the answers' text (``bot.insights.indexing.index_missing``, run at start).

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM answer_features")
    op.execute("DELETE FROM themes")
    with op.batch_alter_table("answer_features", schema=None) as batch_op:
        batch_op.drop_index("ix_answer_features_theme_id")
        batch_op.drop_constraint("fk_answer_features_theme_id_themes", type_="foreignkey")
        batch_op.drop_column("theme_id")
        batch_op.drop_column("vector")
        batch_op.add_column(sa.Column("claims", sa.JSON(), nullable=False))
        batch_op.add_column(sa.Column("theme_ids", sa.JSON(), nullable=False))
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_index("ix_themes_cell")
        batch_op.drop_column("field")
        batch_op.add_column(sa.Column("group_key", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("neighbours", sa.JSON(), nullable=False))
        batch_op.create_index("ix_themes_cell", ["workspace_id", "language"], unique=False)


def downgrade() -> None:
    op.execute("DELETE FROM answer_features")
    op.execute("DELETE FROM themes")
    with op.batch_alter_table("themes", schema=None) as batch_op:
        batch_op.drop_index("ix_themes_cell")
        batch_op.drop_column("neighbours")
        batch_op.drop_column("group_key")
        batch_op.add_column(sa.Column("field", sa.String(length=40), nullable=False))
        batch_op.create_index("ix_themes_cell", ["workspace_id", "field", "language"], unique=False)
    with op.batch_alter_table("answer_features", schema=None) as batch_op:
        batch_op.drop_column("theme_ids")
        batch_op.drop_column("claims")
        batch_op.add_column(sa.Column("vector", sa.JSON(), nullable=False))
        batch_op.add_column(sa.Column("theme_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_answer_features_theme_id_themes",
            "themes",
            ["theme_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index("ix_answer_features_theme_id", ["theme_id"], unique=False)
