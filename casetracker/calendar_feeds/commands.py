"""``flask calendar link EMAIL``: print the path of a user's (or a team's) calendar feed."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from casetracker.auth.services import get_user_by_email
from casetracker.calendar_feeds.services import feed_for
from casetracker.cli_support import team_by_name
from casetracker.extensions import db

calendar_cli = AppGroup("calendar", help="Calendar feeds of open clocks (.ics).")


@calendar_cli.command("link")
@click.argument("email", required=False)
@click.option("--team", default=None, help="Print the team's feed instead of a user's.")
def link_command(email: str | None, team: str | None) -> None:
    """Print the path of EMAIL's feed (created on first use), e.g. /calendar/<token>.ics."""
    if bool(email) == bool(team):
        raise click.UsageError("Give EMAIL, or --team TEAM.")
    if team:
        found = feed_for(team=team_by_name(team), actor=None)
    else:
        user = get_user_by_email(email)
        if user is None:
            raise click.UsageError(f"There is no user {email!r}.")
        found = feed_for(user=user, actor=None)
    db.session.commit()
    click.echo(f"/calendar/{found.token}.ics")
