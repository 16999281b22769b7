"""Email a user when a saved search matches new pages (the dashboard's alerts, by mail, once per count)."""

from __future__ import annotations

from sqlalchemy import select

from casetracker.auth.models import User
from casetracker.documents.saved_searches import alerts_for
from casetracker.extensions import db
from casetracker.mailer.delivery import already_sent, send_once
from casetracker.mailer.links import external_url
from casetracker.mailer.models import MailPreference
from casetracker.mailer.smtp import SmtpSettings, new_message

SEARCH_ALERT = "search-alert"


def alert_users() -> list[User]:
    """Return the active users who asked for saved-search alerts."""
    return list(db.session.scalars(select(User).join(MailPreference, MailPreference.user_id == User.id).where(
        MailPreference.search_alerts.is_(True), User.active.is_(True)).order_by(User.email)))


def send_search_alerts(*, settings: SmtpSettings | None) -> int:
    """Email each opted-in user their saved searches with new pages not yet emailed; return emails sent. Commits.

    A search is emailed again only when its count of matching pages changes
    (the key is the search and the count), so a second run sends nothing new.
    """
    if settings is None:
        return 0
    sent = 0
    for user in alert_users():
        for alert in alerts_for(user):
            if alert.problem or alert.new_pages <= 0:
                continue
            key = f"{alert.saved.id}:{alert.saved.seen_pages + alert.new_pages}"
            if already_sent(user, SEARCH_ALERT, key):
                continue
            link = external_url("documents.search", q=alert.saved.query, f=alert.saved.filters)
            body = (f"Hello {user.display_name},\n\n{alert.message}.\n\nSee them: {link}\n\n"
                    f"You asked for these alerts. To stop them: {external_url('mailer.settings')}\n")
            message = new_message(settings, to=user.email, subject=f"casetracker: {alert.message}"[:200], body=body)
            sent += send_once(user, SEARCH_ALERT, key, message, settings)
    return sent
