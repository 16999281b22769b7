"""Helpers shared by ``flask`` commands: clean one-line errors, ISO dates, teams by name."""

from __future__ import annotations

from datetime import date

import click

from casetracker.auth.models import Team
from casetracker.extensions import db
from casetracker.timeutil import typed_date_problem, uk_today


class ISODate(click.ParamType):
    """A ``YYYY-MM-DD`` date; an impossible one is a usage error (exit 2)."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            parsed = date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a real date in the form YYYY-MM-DD.", param, ctx)
        problem = typed_date_problem(parsed, uk_today())
        if problem:
            self.fail(f"{value}: {problem}", param, ctx)
        return parsed


ISO_DATE = ISODate()


def team_by_name(name: str) -> Team:
    """Return the team called ``name`` or stop with a usage error."""
    team = db.session.scalar(db.select(Team).where(Team.name == name))
    if team is None:
        raise click.UsageError(f"There is no team called {name!r}.")
    return team
