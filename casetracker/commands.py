"""Register every domain's ``flask`` commands."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the database, or upgrade it to the latest migration."""
    from casetracker.db_setup import init_db

    init_db()
    click.echo("Database is up to date.")


def register(app: Flask) -> None:
    """Add the commands to ``app.cli``."""
    from casetracker.api_tokens.commands import tokens_cli
    from casetracker.auth.commands import users_cli
    from casetracker.deadlines.commands import deadlines_cli
    from casetracker.demo.commands import demo_command
    from casetracker.documents.commands import documents_cli, search_cli
    from casetracker.evidence.commands import evidence_cli
    from casetracker.info_requests.commands import requests_cli
    from casetracker.info_requests.import_commands import import_command
    from casetracker.info_requests.projection_commands import verify_command
    from casetracker.letters.commands import letters_cli
    from casetracker.mail.commands import mail_cli
    from casetracker.officer.commands import reports_cli, teams_cli
    from casetracker.tasks.commands import serve_command, worker_command
    from casetracker.privacy.commands import requesters_cli, retention_cli  # issue 17

    app.cli.add_command(init_db_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(deadlines_cli)
    app.cli.add_command(requests_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(documents_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(evidence_cli)
    app.cli.add_command(letters_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(teams_cli)
    app.cli.add_command(reports_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(serve_command)
    app.cli.add_command(retention_cli)  # issue 17
    app.cli.add_command(requesters_cli)  # issue 17
    deadlines_cli.add_command(verify_command)
    app.cli.add_command(tokens_cli)
    from casetracker.calendar_feeds.commands import calendar_cli
    from casetracker.mailbox import commands as mailbox_commands  # noqa: F401  (adds ``mail fetch``)
    from casetracker.mailer.commands import reminders_cli

    app.cli.add_command(calendar_cli)
    app.cli.add_command(reminders_cli)
    requests_cli.add_command(import_command)
