"""Jinja filters and globals shared by every template."""

from __future__ import annotations

from flask import Flask

from casetracker.timeutil import short_date, uk_long_date, uk_today


def register(app: Flask) -> None:
    """Add the date filters and the ``uk_today`` global."""
    app.jinja_env.filters["uk_date"] = uk_long_date
    app.jinja_env.filters["short_date"] = short_date
    app.jinja_env.globals["uk_today"] = uk_today
