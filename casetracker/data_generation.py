"""The data generation: one number that every committed write to the database moves on.

A rendered page is a function of the rows it read; the page cache
(``casetracker.page_cache``) keys each page by this number, so a page cached at
generation G is served only while no write has committed since. The number is
kept by the database itself, in triggers on every table, so no write can miss
it: not the ORM's, not a bulk ``executemany``, not a worker's, not a raw
``UPDATE`` typed into ``sqlite3`` or ``psql`` behind the app's back.

- **SQLite**: an ``AFTER INSERT/UPDATE/DELETE`` trigger per table adds 1 in the
  writing transaction. SQLite has one writer at a time, so the row is never
  contended; a reader's WAL snapshot holds the number and the rows together.
- **PostgreSQL**: a *deferred* constraint trigger per table runs at COMMIT and
  adds 1 once per transaction (a transaction-local setting remembers that it
  did), so the counter row is locked only for the instant of the commit and
  concurrent writers do not queue behind each other's whole transaction. Under
  READ COMMITTED a page may read rows newer than the number it read first;
  it is then cached under an older number that no later request reads, so a
  page is never older than the number it is served under.

``search_pages`` carries no trigger: only the search page reads it, and the
search page is not cached (its Whoosh index is outside the database anyway).
``TRUNCATE`` fires no row trigger; only the tests' reset uses it, and each test
has its own cache.

The table is created by DDL here (``create_all``) and by migration 0019, not by
a model, so the tests' ``TRUNCATE`` of every model table cannot remove its one
row.
"""

from __future__ import annotations

from sqlalchemy import MetaData, column, event, select, table, text
from sqlalchemy.engine import Connection

#: The table holding the number (one row, id 1).
TABLE = "data_generation"
#: Tables whose writes do not move the number, and why (see the module docstring).
UNTRACKED_TABLES = frozenset({"search_pages", TABLE, "alembic_version"})
#: The PostgreSQL trigger function and the setting it uses to add 1 only once per transaction.
PG_FUNCTION = "casetracker_bump_data_generation"
PG_BUMPED_SETTING = "casetracker.data_generation_bumped"

CREATE_TABLE = (f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY CHECK (id = 1), "
                "value BIGINT NOT NULL)")
SEED_ROW = f"INSERT INTO {TABLE} (id, value) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM {TABLE})"
PG_FUNCTION_DDL = (
    f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF coalesce(current_setting('{PG_BUMPED_SETTING}', true), '') <> '1' THEN "
    f"PERFORM set_config('{PG_BUMPED_SETTING}', '1', true); "
    f"UPDATE {TABLE} SET value = value + 1 WHERE id = 1; "
    "END IF; RETURN NULL; END $$"
)


def trigger_statements(dialect: str, table: str) -> list[str]:
    """Return the DDL that makes writes to ``table`` move the generation, for ``dialect``."""
    if dialect == "postgresql":
        return [f'CREATE CONSTRAINT TRIGGER bumps_data_generation AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()"]
    bump = f"BEGIN UPDATE {TABLE} SET value = value + 1 WHERE id = 1; END"
    return [f'CREATE TRIGGER IF NOT EXISTS "{table}_bumps_generation_{op.lower()}" AFTER {op} ON "{table}" {bump}'
            for op in ("INSERT", "UPDATE", "DELETE")]


def install(connection: Connection, tables: list[str]) -> None:
    """Create the generation table, its row, and the triggers on each of ``tables`` (minus the untracked)."""
    dialect = connection.dialect.name
    connection.exec_driver_sql(CREATE_TABLE)
    connection.exec_driver_sql(SEED_ROW)
    if dialect == "postgresql":
        connection.exec_driver_sql(PG_FUNCTION_DDL)
    for table in tables:
        if table in UNTRACKED_TABLES:
            continue
        if dialect == "postgresql":
            connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS bumps_data_generation ON "{table}"')
        for statement in trigger_statements(dialect, table):
            connection.exec_driver_sql(statement)


def tracked_tables(connection: Connection) -> set[str]:
    """Return the tables that carry the generation trigger (read from the database's catalogue)."""
    if connection.dialect.name == "postgresql":
        rows = connection.execute(text(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = 'bumps_data_generation' AND c.relnamespace = to_regnamespace(current_schema())"))
        return {name for (name,) in rows}
    rows = connection.execute(text("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"))
    names: dict[str, set[str]] = {}
    for table, name in rows:
        names.setdefault(table, set()).add(name)
    return {table for table, found in names.items()
            if {f"{table}_bumps_generation_{op}" for op in ("insert", "update", "delete")} <= found}


def value_column():
    """Return the generation as a scalar subquery, to read in the same statement as other rows."""
    counter = table(TABLE, column("id"), column("value"))
    return select(counter.c.value).where(counter.c.id == 1).scalar_subquery().label("data_generation")


def current(connection) -> int | None:
    """Return the generation as this transaction sees it (None if the table is missing its row)."""
    return connection.execute(text(f"SELECT value FROM {TABLE} WHERE id = 1")).scalar()


def _after_create(target: MetaData, connection: Connection, **kw) -> None:  # noqa: ARG001
    install(connection, [table.name for table in target.sorted_tables])


def _before_drop(target: MetaData, connection: Connection, **kw) -> None:  # noqa: ARG001
    # drop_all drops the model tables (and so their triggers); the counter table goes with them.
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def listen(metadata: MetaData) -> None:
    """Make ``metadata.create_all`` install the generation (as migration 0019 does) and ``drop_all`` remove it."""
    event.listen(metadata, "after_create", _after_create)
    event.listen(metadata, "before_drop", _before_drop)


__all__ = ["value_column", "current", "install", "listen", "tracked_tables", "trigger_statements"]
