"""site administrators, session tokens, immutable audit events

Revision ID: 0003
Revises: 0001
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = '0001'
branch_labels = None
depends_on = None

#: Copied from casetracker.audit.models.IMMUTABLE_TRIGGERS as it stood for this revision.
TRIGGERS = {
    "sqlite": [
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END",
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'audit events cannot be changed or deleted'; END $$",
        "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()",
    ],
}
DROP_TRIGGERS = {
    "sqlite": ["DROP TRIGGER IF EXISTS audit_events_no_update", "DROP TRIGGER IF EXISTS audit_events_no_delete"],
    "postgresql": ["DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events",
                   "DROP FUNCTION IF EXISTS audit_events_refuse_change()"],
}


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_site_admin", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    # Every existing user gets their own token; sessions from before the upgrade end.
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("session_token", sa.String()))
    bind = op.get_bind()
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id).values(session_token=secrets.token_urlsafe(32)))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f("ix_users_session_token"), ["session_token"], unique=True)
    for statement in TRIGGERS.get(bind.dialect.name, []):
        op.execute(statement)


def downgrade():
    bind = op.get_bind()
    for statement in DROP_TRIGGERS.get(bind.dialect.name, []):
        op.execute(statement)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_session_token"))
        batch_op.drop_column("session_token")
        batch_op.drop_column("is_site_admin")
