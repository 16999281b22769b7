"""PostgreSQL search at 100,000 pages: an IMMUTABLE unaccent, field indexes, tsvectors kept in the row.

See casetracker.search.models.SEARCH_PAGES_PG_DDL for why. Pages indexed before
this revision keep their TOASTed tsvectors until `flask search reindex`
rewrites them (SET STORAGE applies to rows written from now on).

Revision ID: 0018
Revises: 0017
"""
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

#: Copied from casetracker.search.models.SEARCH_PAGES_PG_DDL as it stands for this revision.
UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE RETURN unaccent('unaccent'::regdictionary, $1)",
    "ALTER TABLE search_pages ALTER COLUMN stemmed SET STORAGE MAIN, ALTER COLUMN exact SET STORAGE MAIN",
    *(f"CREATE INDEX ix_search_pages_{column}_name ON search_pages USING gin "
      f"(to_tsvector('english', immutable_unaccent(coalesce({column}, ''))))"
      for column in ("authority", "sender", "recipient")),
    *(f"CREATE INDEX ix_search_pages_{column}_label ON search_pages "
      f"(lower(immutable_unaccent(coalesce({column}, ''))))"
      for column in ("request_ref", "kind")),
]
DOWNGRADE = [
    *(f"DROP INDEX IF EXISTS ix_search_pages_{column}_name" for column in ("authority", "sender", "recipient")),
    *(f"DROP INDEX IF EXISTS ix_search_pages_{column}_label" for column in ("request_ref", "kind")),
    "ALTER TABLE search_pages ALTER COLUMN stemmed SET STORAGE EXTENDED, ALTER COLUMN exact SET STORAGE EXTENDED",
    "DROP FUNCTION IF EXISTS immutable_unaccent(text)",
]


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        for statement in UPGRADE:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for statement in DOWNGRADE:
            op.execute(statement)
