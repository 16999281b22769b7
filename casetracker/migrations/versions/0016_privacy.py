"""Retention and requester rights: erasures, audit amendment grants, audit triggers with one narrow exception.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 12:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

#: Copied from casetracker.audit.models.IMMUTABLE_TRIGGERS as it stands for this revision.
TRIGGERS = {
    "sqlite": [
        # The one exception (issue 17): a grant in ``audit_amendments`` lets erasure pseudonymise an
        # entry's summary, before and after (who, when, what and to which object never change) and
        # lets the retention schedule delete an expired entry. See casetracker/privacy/audit_amend.py.
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
        "WHEN NOT EXISTS (SELECT 1 FROM audit_amendments g WHERE g.audit_event_id = OLD.id "
        "AND g.kind = 'pseudonymise') OR NEW.id IS NOT OLD.id OR NEW.occurred_at IS NOT OLD.occurred_at "
        "OR NEW.actor_id IS NOT OLD.actor_id OR NEW.actor_label IS NOT OLD.actor_label "
        "OR NEW.action IS NOT OLD.action OR NEW.object_type IS NOT OLD.object_type "
        "OR NEW.object_id IS NOT OLD.object_id OR NEW.request_id IS NOT OLD.request_id "
        "OR NEW.team_id IS NOT OLD.team_id "
        "BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed'); END",
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        "WHEN NOT EXISTS (SELECT 1 FROM audit_amendments g WHERE g.audit_event_id = OLD.id "
        "AND g.kind = 'expire') "
        "BEGIN SELECT RAISE(ABORT, 'audit events cannot be deleted'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'DELETE' THEN "
        "IF EXISTS (SELECT 1 FROM audit_amendments g WHERE g.audit_event_id = OLD.id AND g.kind = 'expire') "
        "THEN RETURN OLD; END IF; "
        "ELSIF EXISTS (SELECT 1 FROM audit_amendments g WHERE g.audit_event_id = OLD.id "
        "AND g.kind = 'pseudonymise') AND NEW.id = OLD.id "
        "AND NEW.occurred_at IS NOT DISTINCT FROM OLD.occurred_at AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id "
        "AND NEW.actor_label IS NOT DISTINCT FROM OLD.actor_label AND NEW.action IS NOT DISTINCT FROM OLD.action "
        "AND NEW.object_type IS NOT DISTINCT FROM OLD.object_type AND NEW.object_id IS NOT DISTINCT FROM OLD.object_id "
        "AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id AND NEW.team_id IS NOT DISTINCT FROM OLD.team_id "
        "THEN RETURN NEW; END IF; "
        "RAISE EXCEPTION 'audit events cannot be changed or deleted'; END $$",
        "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()",
    ],
}

#: As migration 0003 created them (restored on downgrade).
OLD_TRIGGERS = {
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
    op.create_table('erasures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=60), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('erased_by_id', sa.Integer(), nullable=True),
    sa.Column('erased_by_label', sa.String(length=254), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['erased_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('audit_amendments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('audit_event_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('erasure_id', sa.Integer(), nullable=True),
    sa.Column('granted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_amendments_audit_event_id'), ['audit_event_id'], unique=False)
    bind = op.get_bind()
    for statement in DROP_TRIGGERS.get(bind.dialect.name, []):
        op.execute(statement)
    for statement in TRIGGERS.get(bind.dialect.name, []):
        op.execute(statement)


def downgrade():
    bind = op.get_bind()
    for statement in DROP_TRIGGERS.get(bind.dialect.name, []):
        op.execute(statement)
    for statement in OLD_TRIGGERS.get(bind.dialect.name, []):
        op.execute(statement)
    with op.batch_alter_table('audit_amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_amendments_audit_event_id'))
    op.drop_table('audit_amendments')
    op.drop_table('erasures')
