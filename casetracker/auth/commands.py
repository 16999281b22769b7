"""``flask users …`` commands."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from casetracker.auth.constants import Role
from casetracker.auth.services import AuthError, create_user, get_or_create_team
from casetracker.extensions import db

users_cli = AppGroup("users", help="Manage users.")


@users_cli.command("create")
@click.argument("email")
@click.option("--team", required=True, help="Team name; created if it does not exist.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password", required=True)
@click.option("--name", default="", help="The person's name.")
def create_user_command(email: str, team: str, role: str, password: str, name: str) -> None:
    """Create a user with a role in a team."""
    try:
        team_obj = get_or_create_team(team)
        user = create_user(email, password, team=team_obj, role=Role(role), name=name)
    except AuthError as exc:
        db.session.rollback()
        raise click.UsageError(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.email} ({role}) in team {team_obj.name}.")
