"""Create or upgrade the database schema through the migrations."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_migrate import upgrade


def init_db() -> None:
    """Bring the configured database to the latest migration (creating it if new)."""
    uri = current_app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    upgrade(directory=str(Path(__file__).parent / "migrations"))


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Tell Alembic's autogenerate (`flask db check`) to leave out the PostgreSQL-only search indexes.

    They are expression indexes created by DDL after the table (search.models.SEARCH_PAGES_PG_DDL,
    migration 0018), not declared on the model, as SQLite could not create them.
    The data generation's table (casetracker.data_generation, migration 0019) is DDL too, kept out of the
    models so the tests' TRUNCATE of every model table cannot remove its one row.
    """
    from casetracker import data_generation
    from casetracker.search.models import SEARCH_PAGES_PG_INDEXES

    if type_ == "table" and reflected and compare_to is None and name == data_generation.TABLE:
        return False
    return not (type_ == "index" and reflected and compare_to is None and name in SEARCH_PAGES_PG_INDEXES)
