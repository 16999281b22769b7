"""background work: a document's status no longer claims it is indexed; per-page OCR confidence;
whether a failed job can succeed on retry

Revision ID: 0011
Revises: 0010

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    # Whether a document is searchable is read from its outbox row (index_states) from now on.
    op.execute("UPDATE documents SET status = 'stored' WHERE status = 'indexed'")
    with op.batch_alter_table("document_pages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=True))
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failure", sa.String(length=20), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("failure")
    with op.batch_alter_table("document_pages", schema=None) as batch_op:
        batch_op.drop_column("confidence")
    op.execute("UPDATE documents SET status = 'indexed' WHERE status = 'stored'")
