"""``flask users …`` commands."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from casetracker.auth.constants import Role
from casetracker.auth.services import AuthError, create_user, get_or_create_team, get_user_by_email, grant_site_admin
from casetracker.extensions import db

users_cli = AppGroup("users", help="Manage users.")


@users_cli.command("create")
@click.argument("email")
@click.option("--team", required=True, help="Team name; created if it does not exist.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password", required=True)
@click.option("--name", default="", help="The person's name.")
@click.option("--site-admin", is_flag=True, help="Also a site administrator (extra non-working days).")
def create_user_command(email: str, team: str, role: str, password: str, name: str, site_admin: bool) -> None:
    """Create a user with a role in a team."""
    try:
        team_obj = get_or_create_team(team)
        user = create_user(email, password, team=team_obj, role=Role(role), name=name, site_admin=site_admin)
    except AuthError as exc:
        db.session.rollback()
        raise click.UsageError(str(exc)) from exc
    db.session.commit()
    click.echo(f"Created {user.email} ({role}) in team {team_obj.name}" + (", site administrator." if site_admin else "."))


@users_cli.command("grant-site-admin")
@click.argument("email")
def grant_site_admin_command(email: str) -> None:
    """Make an existing user a site administrator."""
    user = get_user_by_email(email)
    if user is None:
        raise click.UsageError(f"No user has the email {email.strip().lower()}.")
    changed = grant_site_admin(user, actor=None)
    db.session.commit()
    click.echo(f"{user.email} is {'now' if changed else 'already'} a site administrator.")
