"""Jinja filters and globals shared by every template."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask


def uk_long_date(value: date | datetime | None) -> str:
    """Format a date the way UK letters do: ``7 February 2022``."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def short_date(value: date | datetime | None) -> str:
    """Format a date with its weekday: ``Tue 24 May 2022``."""
    if value is None:
        return ""
    return f"{value:%a} {value.day} {value:%b %Y}"


def register(app: Flask) -> None:
    """Add filters and the ``today`` global."""
    from casetracker.timeutil import uk_today

    app.jinja_env.filters["uk_date"] = uk_long_date
    app.jinja_env.filters["short_date"] = short_date
    app.jinja_env.globals["uk_today"] = uk_today
