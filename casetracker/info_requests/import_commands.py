"""``flask requests import FILE.csv --team TEAM [--json]``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask.cli import with_appcontext

from casetracker.cli_support import team_by_name
from casetracker.extensions import db
from casetracker.info_requests.csv_import import CsvFileError, import_requests_csv


@click.command("import")
@click.argument("path", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--team", required=True)
@click.option("--json", "as_json", is_flag=True, help='Print {"imported": n, "failed": [{"line": n, "reason": "…"}]}.')
@with_appcontext
def import_command(path: Path, team: str, as_json: bool) -> None:
    """Open a request for each row of a CSV file; report each refused row by line and reason.

    Columns (header row required, any order): title, authority, regime, sent,
    received, our_reference, their_reference, requester_name, requester_email,
    response_date, outcome. Exits 1, storing nothing, if the file is not such a CSV.
    """
    team_obj = team_by_name(team)
    try:
        report = import_requests_csv(path.read_bytes(), team=team_obj, actor=None)
    except CsvFileError as error:
        db.session.rollback()
        raise click.ClickException(f"{path.name}: {error}") from None
    db.session.commit()
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False))
        return
    click.echo(f"Imported {report.imported} request{'' if report.imported == 1 else 's'}.")
    for line, reason in report.failed:
        click.echo(f"line {line}: {reason}")
