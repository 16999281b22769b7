"""The data generation: a counter every committed write moves on, the page cache's key (issue 11).

See casetracker.data_generation for why it is kept by triggers, and why the
PostgreSQL ones are deferred to COMMIT. Every table existing at this revision
gets one, but search_pages.

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

#: Copied from casetracker.data_generation as it stands for this revision.
UNTRACKED = {"search_pages", "data_generation", "alembic_version"}
CREATE_TABLE = ("CREATE TABLE IF NOT EXISTS data_generation (id INTEGER PRIMARY KEY CHECK (id = 1), "
                "value BIGINT NOT NULL)")
SEED_ROW = "INSERT INTO data_generation (id, value) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM data_generation)"
PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION casetracker_bump_data_generation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF coalesce(current_setting('casetracker.data_generation_bumped', true), '') <> '1' THEN "
    "PERFORM set_config('casetracker.data_generation_bumped', '1', true); "
    "UPDATE data_generation SET value = value + 1 WHERE id = 1; "
    "END IF; RETURN NULL; END $$"
)
OPS = ("INSERT", "UPDATE", "DELETE")


def _tables() -> list[str]:
    return [t for t in sa.inspect(op.get_bind()).get_table_names() if t not in UNTRACKED]


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(CREATE_TABLE)
    op.execute(SEED_ROW)
    if postgres:
        op.execute(PG_FUNCTION)
    for table in _tables():
        if postgres:
            op.execute(f'CREATE CONSTRAINT TRIGGER bumps_data_generation AFTER INSERT OR UPDATE OR DELETE '
                       f'ON "{table}" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
                       f'EXECUTE FUNCTION casetracker_bump_data_generation()')
        else:
            for verb in OPS:
                op.execute(f'CREATE TRIGGER IF NOT EXISTS "{table}_bumps_generation_{verb.lower()}" AFTER {verb} '
                           f'ON "{table}" BEGIN UPDATE data_generation SET value = value + 1 WHERE id = 1; END')


def downgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in _tables():
        if postgres:
            op.execute(f'DROP TRIGGER IF EXISTS bumps_data_generation ON "{table}"')
        else:
            for verb in OPS:
                op.execute(f'DROP TRIGGER IF EXISTS "{table}_bumps_generation_{verb.lower()}"')
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS casetracker_bump_data_generation()")
    op.execute("DROP TABLE IF EXISTS data_generation")
