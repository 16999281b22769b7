"""assertion effect: whether an assertion that holds supports or contradicts its claim (issue 15)

Revision ID: 0008
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0008"
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("effect", sa.String(length=20), nullable=False, server_default="context"))


def downgrade():
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.drop_column("effect")
