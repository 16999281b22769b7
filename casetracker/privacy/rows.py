"""Find and replace a person's identifiers in every text column of every table.

The columns are read from the schema (SQLAlchemy metadata), so a table added
later is covered. Tables with their own path are left out: the audit trail
(pseudonymised through a grant, ``audit_amend``), the search tables (rebuilt
from the pages, ``purge.purge_search_remnants``), the erasure records, and
``users`` (the tracker's own staff; see README "Who is a person").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from sqlalchemy import JSON, String, Table, Text, cast, func, or_, select, update

from casetracker.extensions import db

SKIPPED_TABLES = frozenset({"audit_events", "audit_amendments", "erasures", "search_pages", "search_words",
                            "users", "alembic_version"})


def text_columns(table: Table) -> list:
    """Return the table's text and JSON columns."""
    return [c for c in table.columns if isinstance(c.type, (String, Text, JSON))]


def personal_tables() -> Iterator[Table]:
    """Yield every table whose text is searched and scrubbed (all but ``SKIPPED_TABLES``)."""
    for table in db.metadata.sorted_tables:
        if table.name not in SKIPPED_TABLES and len(table.primary_key.columns) == 1 and text_columns(table):
            yield table


def _contains(value, terms: list[str]) -> bool:
    if value is None:
        return False
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    lowered = text.lower()
    return any(term.lower() in lowered for term in terms)


def _replace(value, terms: list[str], replacement: str, length: int | None):
    if isinstance(value, str):
        for term in terms:
            value = re.sub(re.escape(term), replacement, value, flags=re.IGNORECASE)
        return value[:length] if length else value
    if isinstance(value, dict):
        return {k: _replace(v, terms, replacement, None) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, terms, replacement, None) for v in value]
    return value


def matching_rows(table: Table, terms: list[str]) -> list:
    """Return the rows of ``table`` any of whose text columns mention a term (case-insensitive)."""
    columns = text_columns(table)
    non_ascii = any(not term.isascii() for term in terms)
    conditions = []
    for column in columns:
        expr = cast(column, Text) if isinstance(column.type, JSON) else column
        if isinstance(column.type, JSON) and non_ascii:
            conditions.append(column.is_not(None))  # escaped in JSON: confirmed in Python below
            continue
        conditions += [func.lower(expr).contains(term.lower(), autoescape=True) for term in terms]
    rows = db.session.execute(select(table).where(or_(*conditions))).mappings().all()
    return [row for row in rows if any(_contains(row[c.name], terms) for c in columns)]


def scrub_rows(terms: list[str], replacement: str) -> dict[str, int]:
    """Replace every term in every text column of every table; return {"table.column": rows changed}."""
    changed: dict[str, int] = {}
    if not terms:
        return changed
    for table in personal_tables():
        (pk,) = table.primary_key.columns
        for row in matching_rows(table, terms):
            values = {}
            for column in text_columns(table):
                if _contains(row[column.name], terms):
                    length = getattr(column.type, "length", None)
                    values[column.name] = _replace(row[column.name], terms, replacement, length)
                    key = f"{table.name}.{column.name}"
                    changed[key] = changed.get(key, 0) + 1
            # An erasure is not "the last action" on a case: ``updated_at`` keeps its value.
            values.update({c.name: c for c in table.columns if c.onupdate is not None and c.name not in values})
            db.session.execute(update(table).where(pk == row[pk.name]).values(values))
    db.session.flush()  # pending ORM changes (the outbox rows) must reach the database before expiry
    db.session.expire_all()
    return changed


def mentions(terms: list[str]) -> dict[str, list[dict]]:
    """Return {table: [row as a dict]} of every row that mentions a term (for an export)."""
    found = {}
    for table in personal_tables():
        rows = matching_rows(table, terms)
        if rows:
            found[table.name] = [dict(row) for row in rows]
    return found
