"""What the worker's schedule runs: inbox fetches and saved-search alerts every few minutes, digests daily."""

from __future__ import annotations

import logging

from huey import crontab

from casetracker.extensions import db
from casetracker.mailer.alerts import send_search_alerts
from casetracker.mailer.delivery import mail_settings
from casetracker.mailer.reminders import send_digests
from casetracker.mailer.smtp import MailSendError
from casetracker.timeutil import uk_today

log = logging.getLogger(__name__)


def digest_crontab(hour: int):
    """Return the schedule of the daily digest: ``hour`` o'clock UTC (07:00 by default)."""
    return crontab(minute="0", hour=str(int(hour)))


def run_fetch(team_id: int | None) -> None:
    """Fetch the teams' inboxes; a failing server is recorded on its mailbox, not raised."""
    from casetracker.mailbox.fetching import fetch_all

    fetch_all(team_id)


def run_alerts() -> None:
    """Email saved-search alerts, when mail is configured."""
    try:
        send_search_alerts(settings=mail_settings())
    except MailSendError:
        db.session.rollback()
        log.exception("Saved-search alerts failed")


def run_digests() -> None:
    """Send today's digests, when mail is configured; a second run the same day sends nothing new."""
    settings = mail_settings()
    if settings is None:
        return
    try:
        send_digests(uk_today(), settings=settings)
    except MailSendError:
        db.session.rollback()
        log.exception("Daily digests failed")
