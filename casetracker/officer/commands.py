"""``flask teams create`` and ``flask reports performance``."""

from __future__ import annotations

import json
from datetime import date

import click
from flask.cli import AppGroup

from casetracker.auth.constants import AuthorityType, TeamSide
from casetracker.auth.services import AuthError
from casetracker.cli_support import ISO_DATE, team_by_name
from casetracker.extensions import db
from casetracker.timeutil import uk_today

teams_cli = AppGroup("teams", help="Manage teams.")
reports_cli = AppGroup("reports", help="Reports on a team's requests.")


@teams_cli.command("create")
@click.argument("name")
@click.option("--side", type=click.Choice([s.value for s in TeamSide]), required=True,
              help="requester (makes requests) or authority (an FOI office answering them).")
@click.option("--authority", default=None, help="An authority team's public authority; the team name if omitted.")
@click.option("--authority-type", type=click.Choice([t.value for t in AuthorityType]), default=None,
              help="central (cost limit £600) or other (£450); needed for an authority team.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"id", "name", "side", "authority", "authority_type", "cost_limit"}.')
def create_team_command(name: str, side: str, authority: str | None, authority_type: str | None,
                        as_json: bool) -> None:
    """Create a team on one side of a request."""
    from casetracker.officer.costs import appropriate_limit
    from casetracker.officer.teams import create_team, team_authority

    try:
        team = create_team(name, side=side, authority=authority, authority_type=authority_type, actor=None)
    except AuthError as exc:
        db.session.rollback()
        raise click.UsageError(str(exc)) from exc
    db.session.commit()
    record = team_authority(team)
    limit = (int(appropriate_limit(team.authority_type, record.default_regime))
             if record and team.authority_type else None)
    if as_json:
        click.echo(json.dumps({"id": team.id, "name": team.name, "side": team.side,
                               "authority": record.name if record else None,
                               "authority_type": team.authority_type or None, "cost_limit": limit}))
    elif record:
        click.echo(f"Created {team.name}, the FOI office of {record.name} (cost limit £{limit}).")
    else:
        click.echo(f"Created {team.name}, a requester team.")


@reports_cli.command("performance")
@click.option("--team", required=True)
@click.option("--from", "start", required=True, type=ISO_DATE, help="First date of receipt, YYYY-MM-DD.")
@click.option("--to", "end", required=True, type=ISO_DATE, help="Last date of receipt, YYYY-MM-DD.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"received", "answered", "on_time", "percent_on_time", "median_working_days", '
                   '"by_officer"}.')
def performance_command(team: str, start: date, end: date, as_json: bool) -> None:
    """Report how many of an FOI office's requests received in the period were answered on time."""
    from casetracker.officer.performance import summarise
    from casetracker.officer.reports import ReportError, case_timings

    team_obj = team_by_name(team)
    today = uk_today()
    try:
        summary = summarise(case_timings(team_obj, start, end, today), today)
    except ReportError as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False))
        return
    percent = "n/a" if summary["percent_on_time"] is None else f"{summary['percent_on_time']}%"
    median = "n/a" if summary["median_working_days"] is None else summary["median_working_days"]
    click.echo(f"Received {summary['received']}, answered {summary['answered']}, on time {summary['on_time']} "
               f"({percent}; the ICO expects 90%); median {median} working days.")
    for officer, counts in summary["by_officer"].items():
        click.echo(f"  {officer}: received {counts['received']}, answered {counts['answered']}, "
                   f"on time {counts['on_time']}")


@reports_cli.command("authorities")
@click.option("--team", required=True)
@click.option("--json", "as_json", is_flag=True,
              help='Print {"team", "today", "authorities": [{"authority", "requests", "answered", "answered_late", '
                   '"late", "percent_late", "median_working_days", "p90_working_days", "outcomes", "exemptions", '
                   '"internal_reviews", "ico_complaints", "decision_notices"}]}, most late first.')
def authorities_command(team: str, as_json: bool) -> None:
    """Report, per public authority, how the team's tracked requests were answered (issue 16)."""
    from casetracker.statistics.services import authority_table

    team_obj = team_by_name(team)
    today = uk_today()
    rows = authority_table(team_obj, today)
    if as_json:
        click.echo(json.dumps({"team": team_obj.name, "today": today.isoformat(),
                               "authorities": [{k: v for k, v in row.items() if k != "authority_id"} for row in rows]},
                              ensure_ascii=False))
        return
    if not rows:
        click.echo(f"{team_obj.name} has no tracked requests.")
    for row in rows:
        late = "n/a" if row["percent_late"] is None else f"{row['percent_late']}%"
        median = "n/a" if row["median_working_days"] is None else row["median_working_days"]
        click.echo(f"{row['authority']}: {row['requests']} requests, {row['answered']} answered, "
                   f"{row['late']} late ({late}); median {median} working days")
