"""stored clocks (request_clocks) and reference counters

Revision ID: 0004
Revises: 0001

After upgrading an existing database, fill the projection once with
``flask --app casetracker deadlines verify --repair``.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('reference_counters',
    sa.Column('prefix', sa.String(length=40), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('prefix')
    )
    op.create_table('request_clocks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('owed_by_authority', sa.Boolean(), nullable=False),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('soon_from', sa.Date(), nullable=True),
    sa.Column('long_overdue_from', sa.Date(), nullable=True),
    sa.Column('listed_from', sa.Date(), nullable=True),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['info_requests.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('request_id', 'name')
    )
    with op.batch_alter_table('request_clocks', schema=None) as batch_op:
        batch_op.create_index('ix_request_clocks_name_state_due', ['name', 'state', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_clocks_is_current'), ['is_current'], unique=False)
        batch_op.create_index(batch_op.f('ix_request_clocks_request_id'), ['request_id'], unique=False)
    with op.batch_alter_table('info_requests', schema=None) as batch_op:
        batch_op.create_index('ix_info_requests_team_status', ['team_id', 'status', 'visibility', 'created_by_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('info_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_info_requests_team_status')
    with op.batch_alter_table('request_clocks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_clocks_request_id'))
        batch_op.drop_index(batch_op.f('ix_request_clocks_is_current'))
        batch_op.drop_index('ix_request_clocks_name_state_due')
    op.drop_table('request_clocks')
    op.drop_table('reference_counters')
