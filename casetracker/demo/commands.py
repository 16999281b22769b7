"""``flask demo``: load the demo case."""

import click
from flask.cli import with_appcontext

from casetracker.demo.loader import load_demo
from casetracker.extensions import db


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo team, user and case (running it twice changes nothing)."""
    result = load_demo()
    db.session.commit()
    if result.created:
        click.echo("Demo loaded.")
    else:
        click.echo("Demo already loaded; nothing changed.")
    click.echo(f"Log in at http://127.0.0.1:5000/login as {result.email} with password {result.password}")
