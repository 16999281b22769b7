"""The worker's schedule: digests daily, alerts and inbox fetches every few minutes, each idempotent."""

from __future__ import annotations

from datetime import datetime, timedelta

from casetracker.auth.models import User
from casetracker.documents.models import SavedSearch
from casetracker.documents.services import ingest_bytes
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.mailer.services import set_preferences
from casetracker.tasks.queue import get_huey
from casetracker.timeutil import uk_today


def _configure(app, port):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TLS="none", MAIL_SENDER="casetracker@example.org")


def _run(app, name: str) -> None:
    huey = get_huey(app)
    (task_class,) = [t for t in huey._registry._periodic_tasks if t.__name__ == name]
    huey.execute(task_class())


def test_the_schedule_runs_fetches_and_alerts_every_5_minutes_and_digests_at_7(app):
    with app.app_context():
        huey = get_huey(app)
        due = {minute: sorted(t.name for t in huey.read_periodic(datetime(2022, 6, 20, 7, minute)))
               for minute in (0, 3, 5)}
    assert due == {0: ["daily_digests", "fetch_mailboxes_periodic", "saved_search_alerts"], 3: [],
                   5: ["fetch_mailboxes_periodic", "saved_search_alerts"]}


def test_the_scheduled_digest_sends_once_a_day(app, make_request, smtp_server):
    port, inbox = smtp_server
    _configure(app, port)
    request_id = make_request(title="Long overdue", received=uk_today() - timedelta(days=90))
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "editor@example.org"))
        set_preferences(user, daily_digest=True, search_alerts=False, actor=user)
        db.session.commit()
        reference = db.session.get(InfoRequest, request_id).reference
    _run(app, "daily_digests")  # as the worker runs it: outside any app context of ours
    _run(app, "daily_digests")
    ((rcpt, message),) = inbox.messages
    assert rcpt == ["editor@example.org"] and message["Subject"].startswith("casetracker: 1 overdue (")
    assert f"* {reference} Long overdue: Response due" in message.get_content()


def test_a_saved_search_alert_is_emailed_once_per_new_count(app, make_request, smtp_server):
    port, inbox = smtp_server
    request_id = make_request()
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "editor@example.org"))
        set_preferences(user, daily_digest=False, search_alerts=True, actor=user)
        db.session.add(SavedSearch(user_id=user.id, query="wonde", filters=[], seen_pages=0))
        r = db.session.get(InfoRequest, request_id)
        ingest_bytes(b"The Wonde contract was signed.", "contract.txt", team=r.team, info_request=r, actor=None)
        db.session.commit()
    _run(app, "saved_search_alerts")  # mail not configured: nothing sent, nothing recorded
    _configure(app, port)
    _run(app, "saved_search_alerts")
    _run(app, "saved_search_alerts")
    ((rcpt, message),) = inbox.messages
    assert rcpt == ["editor@example.org"] and message["Subject"] == "casetracker: 1 new page matches 'wonde'"
