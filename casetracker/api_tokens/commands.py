"""``flask tokens …``: create, revoke and list personal API tokens."""

from __future__ import annotations

import json

import click
from flask.cli import AppGroup

from casetracker.api_tokens.constants import TokenScope
from casetracker.api_tokens.models import ApiToken
from casetracker.api_tokens.services import TokenError, create_token, revoke_token, tokens_for
from casetracker.auth.services import get_user_by_email
from casetracker.extensions import db

tokens_cli = AppGroup("tokens", help="Personal API tokens.")


def _user(email: str):
    user = get_user_by_email(email)
    if user is None:
        raise click.UsageError(f"No user has the email {email.strip().lower()}.")
    return user


def _moment(value) -> str | None:
    return value.isoformat() if value else None


@tokens_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="What the token is for, e.g. the script using it.")
@click.option("--scope", type=click.Choice([s.value for s in TokenScope]), required=True)
@click.option("--json", "as_json", is_flag=True, help='Print {"token": "…", "id": n}.')
def create_command(email: str, name: str, scope: str, as_json: bool) -> None:
    """Make a token for the user with EMAIL; it is printed once and only its hash is kept."""
    user = _user(email)
    try:
        token, secret = create_token(user, name=name, scope=scope, actor=None)
    except TokenError as exc:
        db.session.rollback()
        raise click.UsageError(str(exc)) from None
    db.session.commit()
    click.echo(json.dumps({"token": secret, "id": token.id}) if as_json else secret)


@tokens_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke_command(token_id: int) -> None:
    """Revoke the token with id TOKEN_ID at once."""
    token = db.session.get(ApiToken, token_id) if 0 < token_id < 2**63 else None
    if token is None:
        raise click.UsageError(f"There is no token with id {token_id}.")
    revoke_token(token, actor=None)
    db.session.commit()
    click.echo(f"Revoked token {token.id} ({token.name}) of {token.user.email}.")


@tokens_cli.command("list")
@click.argument("email")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def list_command(email: str, as_json: bool) -> None:
    """List the tokens of the user with EMAIL (never the tokens themselves)."""
    rows = [{"id": t.id, "name": t.name, "scope": t.scope, "shown": t.shown, "created": _moment(t.created_at),
             "last_used": _moment(t.last_used_at), "revoked": _moment(t.revoked_at)} for t in tokens_for(_user(email))]
    if as_json:
        click.echo(json.dumps(rows))
        return
    for row in rows:
        state = f"revoked {row['revoked'][:10]}" if row["revoked"] else f"last used {(row['last_used'] or 'never')[:16]}"
        click.echo(f"{row['id']:>5}  {row['scope']:<5}  {row['shown']}…  {row['name']}  ({state})")
