"""Facet filters chosen by clicking: kept apart from the typed query, added to it as field clauses."""

from __future__ import annotations

from collections.abc import Iterable

#: Facet name -> the query field it filters on (see schema.FIELD_ALIASES).
FILTER_FIELDS = {"authority": "authority", "from": "from", "request": "request", "type": "type", "year": "date"}


def parse_filters(raw: Iterable[str]) -> list[tuple[str, str]]:
    """Return the ("name", "value") pairs of `f=name:value` arguments; unknown names and duplicates dropped."""
    filters: list[tuple[str, str]] = []
    for item in raw:
        name, _, value = item.partition(":")
        value = " ".join(value.replace('"', " ").replace("\\", " ").split())
        if name in FILTER_FIELDS and value and (name, value) not in filters:
            filters.append((name, value))
    return filters


def filter_argument(name: str, value: str) -> str:
    """Return the `f=` argument of one filter."""
    return f"{name}:{value}"


def compose_query(typed: str, filters: list[tuple[str, str]]) -> str:
    """Return the query the backend runs: the typed query AND each filter's field clause."""
    clauses = [f'{FILTER_FIELDS[name]}:"{value}"' if name != "year" else f"date:{value}"
               for name, value in filters]
    if typed.strip():
        clauses.insert(0, f"({typed})" if clauses else typed)
    return " AND ".join(clauses)
