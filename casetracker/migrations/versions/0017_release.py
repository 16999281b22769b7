"""Release-safety check findings, their acknowledgements, redaction marks and redacted copies (issue 17).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('release_checks',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('release_acknowledgements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('finding_key', sa.Text(), nullable=False),
    sa.Column('acknowledged_by_id', sa.Integer(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['acknowledged_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('release_acknowledgements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_release_acknowledgements_document_id'), ['document_id'], unique=False)
    op.create_table('redactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('original_id', sa.Integer(), nullable=False),
    sa.Column('redacted_id', sa.Integer(), nullable=False),
    sa.Column('log', sa.JSON(), nullable=False),
    sa.Column('rasterised', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['original_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['redacted_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('redacted_id')
    )
    with op.batch_alter_table('redactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_redactions_original_id'), ['original_id'], unique=False)
    op.create_table('redaction_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=1000), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('rect', sa.JSON(), nullable=True),
    sa.Column('reason', sa.String(length=50), nullable=False),
    sa.Column('redaction_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['redaction_id'], ['redactions.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('redaction_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_redaction_marks_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_redaction_marks_redaction_id'), ['redaction_id'], unique=False)


def downgrade():
    op.drop_table('redaction_marks')
    op.drop_table('redactions')
    op.drop_table('release_acknowledgements')
    op.drop_table('release_checks')
