"""``flask requests …`` commands."""

from __future__ import annotations

import json
from datetime import date

import click
from flask.cli import AppGroup

from casetracker.cli_support import ISO_DATE, team_by_name
from casetracker.deadlines.constants import Regime
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import (
    RequestDataError,
    clocks_for,
    get_or_create_authority,
    open_request,
)
from casetracker.timeutil import uk_today

requests_cli = AppGroup("requests", help="Create and list requests.")


@requests_cli.command("create")
@click.option("--team", required=True)
@click.option("--authority", required=True, help="Authority name; created if new.")
@click.option("--title", required=True)
@click.option("--received", required=True, type=ISO_DATE, help="Date of receipt, YYYY-MM-DD.")
@click.option("--sent", type=ISO_DATE, default=None, help="Date sent, YYYY-MM-DD.")
@click.option("--regime", type=click.Choice([r.value for r in Regime]), default=None)
@click.option("--json", "as_json", is_flag=True, help='Print {"id", "reference", "received", "due"}.')
def create_command(team: str, authority: str, title: str, received: date, sent: date | None,
                   regime: str | None, as_json: bool) -> None:
    """Open a request and print its reference."""
    team_obj = team_by_name(team)
    try:
        authority_obj = get_or_create_authority(team_obj, authority, actor=None)
        info_request = open_request(team=team_obj, authority=authority_obj, title=title, received_on=received,
                                    sent_on=sent, regime=regime, actor=None)
    except RequestDataError as exc:
        db.session.rollback()
        raise click.UsageError(str(exc)) from exc
    db.session.commit()
    if as_json:
        due = clocks_for(info_request, uk_today())[0].date
        click.echo(json.dumps({"id": info_request.id, "reference": info_request.reference,
                               "received": received.isoformat(), "due": due.isoformat()}))
    else:
        click.echo(info_request.reference)


@requests_cli.command("list")
@click.option("--team", required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def list_command(team: str, as_json: bool) -> None:
    """List a team's requests with their response due dates."""
    team_obj = team_by_name(team)
    requests = db.session.scalars(
        db.select(InfoRequest).where(InfoRequest.team_id == team_obj.id).order_by(InfoRequest.received_on, InfoRequest.id)
    )
    today = uk_today()
    rows = []
    for r in requests:
        rows.append({
            "id": r.id, "reference": r.reference, "title": r.title, "authority": r.authority.name,
            "regime": r.regime, "status": r.status, "received": r.received_on.isoformat(),
            "due": clocks_for(r, today)[0].date.isoformat(),
        })
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        click.echo(f"{row['reference']}\t{row['due']}\t{row['status']}\t{row['authority']}\t{row['title']}")
