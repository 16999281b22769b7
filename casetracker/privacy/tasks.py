"""The daily retention run, a periodic task on the app's queue (Huey)."""

from __future__ import annotations

import logging

from flask import Flask
from huey import Huey, crontab

log = logging.getLogger(__name__)


def register_retention_task(app: Flask, huey: Huey):
    """Add the task that applies the retention schedule each day at ``RETENTION_HOUR``; return it.

    Every ``flask worker`` schedules it, so with several workers it may run more
    than once an hour: harmless, since a second run finds nothing (UK GDPR Art 5(1)(e)).
    """
    hour = str(int(app.config.get("RETENTION_HOUR", 3)))

    @huey.periodic_task(crontab(minute="17", hour=hour), name="retention_run")
    def retention_run() -> None:
        from casetracker.privacy.service import apply_retention
        from casetracker.timeutil import uk_today

        with app.app_context():
            run = apply_retention(uk_today(), actor=None)
            log.info("Retention run: %d actions.", len(run.actions))

    return retention_run
