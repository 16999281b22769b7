"""request_clocks carries its request's team, viewer restriction, status and regime; indexes for dashboard and list

Revision ID: 0010
Revises: 0009

The four copied columns are filled here from ``info_requests``;
``flask --app casetracker deadlines verify`` checks them like every stored value.
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

SECTION = ['team_id', 'name', 'state', 'due_on', 'request_id', 'restricted_to', 'request_status', 'regime',
           'soon_from', 'listed_from', 'owed_by_authority']
CURRENT = ['team_id', 'is_current', 'due_on', 'request_id', 'restricted_to', 'request_status', 'regime']
#: Indexes of info_requests the request list's other orders walk.
REQUEST_INDEXES = {
    'ix_info_requests_team_received': ['team_id', 'received_on', 'id', 'visibility', 'created_by_id'],
    'ix_info_requests_team_reference': ['team_id', 'reference', 'visibility', 'created_by_id'],
    'ix_info_requests_team_authority': ['team_id', 'authority_id', 'id', 'visibility', 'created_by_id'],
}


def upgrade():
    with op.batch_alter_table('request_clocks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_id', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('restricted_to', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('request_status', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('regime', sa.String(length=10), nullable=False, server_default=''))
    op.execute(
        "UPDATE request_clocks SET "
        "team_id = (SELECT r.team_id FROM info_requests r WHERE r.id = request_clocks.request_id), "
        "restricted_to = (SELECT CASE WHEN r.visibility != 'private' THEN 0 "
        "WHEN r.created_by_id IS NULL THEN -1 ELSE r.created_by_id END "
        "FROM info_requests r WHERE r.id = request_clocks.request_id), "
        "request_status = (SELECT r.status FROM info_requests r WHERE r.id = request_clocks.request_id), "
        "regime = (SELECT r.regime FROM info_requests r WHERE r.id = request_clocks.request_id)"
    )
    with op.batch_alter_table('request_clocks', schema=None) as batch_op:
        batch_op.create_index('ix_request_clocks_team_section', SECTION, unique=False)
        batch_op.create_index('ix_request_clocks_team_current', CURRENT, unique=False)
    with op.batch_alter_table('info_requests', schema=None) as batch_op:
        for name, columns in REQUEST_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    # Statistics gathered before these indexes existed (``requests import`` runs ANALYZE) leave
    # SQLite's planner guessing about them, and it picks a non-covering one for the status counts.
    for table in ('info_requests', 'request_clocks'):
        op.execute(f'ANALYZE {table}')


def downgrade():
    with op.batch_alter_table('info_requests', schema=None) as batch_op:
        for name in REQUEST_INDEXES:
            batch_op.drop_index(name)
    with op.batch_alter_table('request_clocks', schema=None) as batch_op:
        batch_op.drop_index('ix_request_clocks_team_current')
        batch_op.drop_index('ix_request_clocks_team_section')
        batch_op.drop_column('regime')
        batch_op.drop_column('request_status')
        batch_op.drop_column('restricted_to')
        batch_op.drop_column('team_id')
