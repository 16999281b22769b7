"""``flask reminders send``: send today's digests (and saved-search alerts) once."""

from __future__ import annotations

import json
from datetime import date

import click
from flask.cli import AppGroup

from casetracker.cli_support import ISO_DATE
from casetracker.mailer.alerts import send_search_alerts
from casetracker.mailer.delivery import mail_settings
from casetracker.mailer.reminders import send_digests
from casetracker.mailer.smtp import MailSendError
from casetracker.timeutil import uk_today

reminders_cli = AppGroup("reminders", help="Email digests of deadlines and saved-search alerts.")


@reminders_cli.command("send")
@click.option("--today", type=ISO_DATE, default=None, help="The day the digest is for (default: today, UK).")
@click.option("--dry-run", is_flag=True, help="Say what would be sent; send and record nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON entry per opted-in user.")
def send_command(today: date | None, dry_run: bool, as_json: bool) -> None:
    """Send each opted-in user's digest for the day, once: a second run the same day sends nothing new."""
    settings = mail_settings()
    if settings is None and not dry_run:
        raise click.ClickException("Email is not configured (set CASETRACKER_MAIL_SERVER); nothing was sent. "
                                   "--dry-run shows what would be sent.")
    try:
        outcomes = send_digests(today or uk_today(), settings=settings, dry_run=dry_run)
        alerts = 0 if dry_run else send_search_alerts(settings=settings)
    except MailSendError as error:
        raise click.ClickException(str(error)) from error
    if as_json:
        click.echo(json.dumps([o.as_json() for o in outcomes]))
        return
    for o in outcomes:
        click.echo(f"{o.status:<13} {o.email}" + (f"  {', '.join(o.references)}" if o.references else ""))
    sent = sum(o.status == "sent" for o in outcomes)
    click.echo(f"{sent} digest{'s' if sent != 1 else ''} sent, {alerts} saved-search alert{'s' if alerts != 1 else ''} sent.")
