"""``flask mail fetch``: read new messages from the teams' IMAP inboxes into the mail import."""

from __future__ import annotations

import json

import click

from casetracker.cli_support import team_by_name
from casetracker.mail.commands import mail_cli
from casetracker.mail.constants import ImportStatus
from casetracker.mailbox.fetching import fetch_all


@mail_cli.command("fetch")
@click.option("--team", default=None, help="Only this team's inbox.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON entry per team.")
def fetch_command(team: str | None, as_json: bool) -> None:
    """Fetch new messages of every connected team inbox (or one); exit 1 when a server failed."""
    reports = fetch_all(team_by_name(team).id if team else None)
    if team and not reports:
        raise click.UsageError(f"Team {team!r} has no mailbox connected (Members → Mailbox).")
    if as_json:
        click.echo(json.dumps([r.as_json() for r in reports]))
    else:
        for r in reports:
            counts = ", ".join(f"{r.counts.get(str(s), 0)} {s}" for s in ImportStatus)
            click.echo(f"{r.team}: " + (f"failed: {r.error}" if r.error else "busy (another fetch is running)"
                                        if r.skipped else counts))
    if any(r.error for r in reports):
        raise SystemExit(1)
