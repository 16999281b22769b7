"""``flask retention run|docs`` and ``flask requesters export|erase``."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import click
from flask.cli import AppGroup

from casetracker.cli_support import ISO_DATE
from casetracker.extensions import db
from casetracker.timeutil import uk_today

retention_cli = AppGroup("retention", help="The retention schedule (UK GDPR Art 5(1)(e)).")
requesters_cli = AppGroup("requesters", help="Requesters' rights: access (Art 15) and erasure (Art 17).")


def _shell_actor():
    from casetracker.privacy.erasure import command_line_actor

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return command_line_actor(f"command line ({who})")


@retention_cli.command("run")
@click.option("--today", type=ISO_DATE, default=None, help="Apply the schedule as of this day (default: today).")
@click.option("--dry-run", is_flag=True, help="Say what would go, change nothing.")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"today", "dry_run", "actions": [{"record_type", "action", "object_type", "object_id", ...}]}.')
def run_command(today, dry_run: bool, as_json: bool) -> None:
    """Delete or anonymise every record whose retention period has passed."""
    from casetracker.privacy.service import apply_retention

    try:
        run = apply_retention(today or uk_today(), actor=_shell_actor(), dry_run=dry_run)
    except ValueError as exc:  # a bad RETENTION_MONTHS
        db.session.rollback()
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(run.as_json()))
        return
    verb = "would be" if dry_run else "were"
    if not run.actions:
        click.echo(f"Nothing has expired on {run.today.isoformat()}.")
    for action in run.actions:
        click.echo(f"{action['record_type']}: {action['object_type']} {action['object_id']} "
                   f"{verb} {action['action']}")


@retention_cli.command("docs")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write record-of-processing.md and dpia-template.md to.")
def docs_command(out: Path) -> None:
    """Write the record of processing activities (Art 30) and a DPIA template (Art 35) from the schedule."""
    from casetracker.privacy.records import dpia_template, record_of_processing
    from casetracker.privacy.retention import schedule_months
    from casetracker.privacy.schedule import rules

    try:
        schedule = rules(schedule_months())
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    out.mkdir(parents=True, exist_ok=True)
    (out / "record-of-processing.md").write_text(record_of_processing(schedule), encoding="utf-8")
    (out / "dpia-template.md").write_text(dpia_template(schedule), encoding="utf-8")
    click.echo(f"Wrote {out / 'record-of-processing.md'} and {out / 'dpia-template.md'}.")


@requesters_cli.command("export")
@click.argument("email")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for person.json and files/.")
def export_command(email: str, out: Path) -> None:
    """Write every personal datum held about a requester as JSON plus the files (UK GDPR Art 15)."""
    from casetracker.privacy.export import export_person

    summary = export_person(email, out)
    click.echo(f"Exported {summary['requests']} requests, {summary['correspondence']} correspondence entries, "
               f"{summary['documents']} documents, {summary['audit_entries']} audit entries and "
               f"{summary['files']} files to {out}.")


@requesters_cli.command("erase")
@click.argument("email")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"erasure_id", "pseudonym", "requests", "rows", "files_rewritten", "documents_removed", '
                   '"mail_removed", "audit_entries"}.')
def erase_command(email: str, as_json: bool) -> None:
    """Remove or pseudonymise a requester everywhere (UK GDPR Art 17); refused while a request is open."""
    from casetracker.privacy.erasure import ErasureRefused, NothingHeld
    from casetracker.privacy.service import apply_erasure

    try:
        report = apply_erasure(email, actor=_shell_actor())
    except NothingHeld as exc:
        db.session.rollback()
        click.echo(str(exc), err=True)
        raise SystemExit(1) from exc
    except ErasureRefused as exc:
        db.session.rollback()
        click.echo(str(exc), err=True)
        raise SystemExit(2) from exc
    if as_json:
        click.echo(json.dumps(report.as_json()))
        return
    click.echo(f"Erased: now {report.pseudonym} on {', '.join(report.requests) or 'no request'}.")
    for key, count in sorted(report.rows.items()):
        click.echo(f"  {key}: {count} row{'s' if count != 1 else ''} changed")
    click.echo(f"  files rewritten: {report.files_rewritten}; documents removed: {len(report.documents_removed)}; "
               f"unassigned mail removed: {report.mail_removed}; audit entries pseudonymised: {report.audit_entries}")
