"""exemptions cited on a request (statistics per authority, issue 16; performance by exemption, issue 14);
a team's school term dates (SI 2004/3364, issue 15)

Revision ID: 0013
Revises: 0011
"""
from alembic import op
import sqlalchemy as sa


revision = "0013"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("info_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exemptions_cited", sa.String(length=500), nullable=False, server_default=""))
    op.create_table(
        "school_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("school_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_terms_team_id"), ["team_id"], unique=False)


def downgrade():
    with op.batch_alter_table("school_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_terms_team_id"))
    op.drop_table("school_terms")
    with op.batch_alter_table("info_requests", schema=None) as batch_op:
        batch_op.drop_column("exemptions_cited")
