"""``flask mail import``: file email into requests' histories from the command line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click
from flask.cli import AppGroup

from casetracker.cli_support import team_by_name
from casetracker.extensions import db
from casetracker.info_requests.services import find_by_reference
from casetracker.mail.constants import ImportStatus
from casetracker.mail.services import MessageOutcome, iter_mail_import

mail_cli = AppGroup("mail", help="Import email (.eml, .mbox, Outlook .msg) into requests.")


@mail_cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--request", "reference", default=None, help="Our reference of the request, e.g. CT-2022-0001.")
@click.option("--team", default=None, help="The team whose requests the messages are matched to.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON entry per message.")
def import_command(files: tuple[Path, ...], reference: str | None, team: str | None, as_json: bool) -> None:
    """Import every message of FILES; without --request, match each to a request by reference or thread.

    Each message is committed on its own, so one failure never loses the
    others; failed messages are reported and do not change the exit status.
    """
    if reference is None and team is None:
        raise click.UsageError("Give --team (to match each message to its request) or --request.")
    team_obj = team_by_name(team) if team else None
    info_request = None
    if reference is not None:
        info_request = find_by_reference(reference, team=team_obj)
        if info_request is None:
            raise click.UsageError(f"There is no request {reference!r}{' in team ' + team if team else ''}.")
        team_obj = info_request.team
    outcomes: list[MessageOutcome] = []
    for path in files:
        for outcome in iter_mail_import(path, str(path), team=team_obj, info_request=info_request, actor=None):
            db.session.commit()
            outcomes.append(outcome)
    if as_json:
        click.echo(json.dumps([o.as_json() for o in outcomes], ensure_ascii=False))
        return
    for o in outcomes:
        when = o.date.date().isoformat() if o.date else "undated"
        click.echo(f"{o.status:<10} {o.request_reference or '-':<14} {when:<10} {o.subject or '(no subject)'}"
                   f"{'  — ' + o.reason if o.reason else ''}")
    counts = Counter(o.status for o in outcomes)
    click.echo(", ".join(f"{counts[s]} {s}" for s in ImportStatus) + ".")
