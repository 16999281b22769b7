"""extraction fidelity: a document's own date and file metadata, page notes, team OCR languages

Revision ID: 0006
Revises: 0001

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_source", sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("file_created_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("file_modified_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("file_author", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("ocr_languages", sa.String(length=100), nullable=False, server_default="eng"))
        batch_op.add_column(sa.Column("correspondence_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_documents_correspondence_id"), ["correspondence_id"], unique=False)
        batch_op.create_foreign_key("fk_documents_correspondence_id", "correspondence", ["correspondence_id"], ["id"])
    with op.batch_alter_table("document_pages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note", sa.String(length=200), nullable=False, server_default=""))
    op.create_table(
        "team_document_settings",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("ocr_languages", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"]),
        sa.PrimaryKeyConstraint("team_id"),
    )


def downgrade():
    op.drop_table("team_document_settings")
    with op.batch_alter_table("document_pages", schema=None) as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_constraint("fk_documents_correspondence_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_documents_correspondence_id"))
        batch_op.drop_column("correspondence_id")
        batch_op.drop_column("ocr_languages")
        batch_op.drop_column("file_author")
        batch_op.drop_column("file_modified_at")
        batch_op.drop_column("file_created_at")
        batch_op.drop_column("date_source")
