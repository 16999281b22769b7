"""`reminders send` delivers one digest per opted-in user to a real SMTP server, once a day."""

from __future__ import annotations

import json
import re
from datetime import date

from casetracker.auth.models import User
from casetracker.correspondence.services import record_correspondence
from casetracker.deadlines.services import add_extra_day
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.mailer.services import set_preferences

REFERENCE = re.compile(r"CT-\d{4}-\d{4}")


def _configure(app, port: int) -> None:
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_TLS="none", MAIL_SENDER="casetracker@example.org",
                      BASE_URL="https://foi.example.org")


def _opt_in(app, *who: str) -> None:
    with app.app_context():
        for label in who:
            user = db.session.scalar(db.select(User).where(User.email == f"{label}@example.org"))
            set_preferences(user, daily_digest=True, search_alerts=False, actor=user)
        db.session.commit()


def _cases(app, make_request) -> dict[str, str]:
    """Requests whose clocks on Mon 20 Jun 2022 fall in each section of the digest; returns name -> reference."""
    ids = {
        "soon": make_request(title="Due soon", received=date(2022, 5, 24)),  # due Thu 23 Jun 2022
        "overdue": make_request(title="Overdue", received=date(2022, 4, 20)),
        "private": make_request(title="Editor's private", received=date(2022, 5, 24), visibility="private"),
        "later": make_request(title="Not yet", received=date(2022, 6, 15)),
        "review": make_request(title="Review late", received=date(2022, 3, 1), sent_on=date(2022, 3, 1)),
        "beta": make_request(title="Beta's overdue", received=date(2022, 4, 20), team="beta"),
    }
    with app.app_context():
        editor = db.session.scalar(db.select(User).where(User.email == "editor@example.org"))
        db.session.get(InfoRequest, ids["private"]).created_by_id = editor.id
        review = db.session.get(InfoRequest, ids["review"])
        record_correspondence(review, actor=None, kind="response", direction="incoming", dated=date(2022, 3, 25))
        record_correspondence(review, actor=None, kind="internal-review-request", direction="outgoing",
                              dated=date(2022, 4, 1))  # the review was due 20 working days later
        db.session.commit()
        # A proclaimed day moves the dates counted across it (FOIA s10(6)); the job runs at once in tests.
        add_extra_day(date(2022, 6, 17), "Proclaimed day", "uk", actor=None)
        db.session.commit()
        return {name: db.session.get(InfoRequest, i).reference for name, i in ids.items()}


def test_reminders_send_delivers_one_digest_per_opted_in_user_once_a_day(app, runner, auth, make_request, smtp_server):
    port, inbox = smtp_server
    _configure(app, port)
    refs = _cases(app, make_request)
    auth.login("editor")  # the editor opts in on the account page; the others through the service
    page = auth.post("/account/notifications", {"daily_digest": "y"})
    assert page.status_code == 302
    _opt_in(app, "viewer", "other")

    result = runner.invoke(args=["reminders", "send", "--today", "2022-06-20", "--json"])
    assert result.exit_code == 0, result.output
    outcomes = json.loads(result.output)
    assert outcomes == [
        {"email": "editor@example.org", "status": "sent",
         "requests": [refs["overdue"], refs["soon"], refs["private"], refs["review"], refs["later"]]},
        {"email": "other@example.org", "status": "sent", "requests": [refs["beta"]]},
        {"email": "viewer@example.org", "status": "sent",
         "requests": [refs["overdue"], refs["soon"], refs["review"], refs["later"]]},
    ]
    assert sorted(rcpt[0] for rcpt, _m in inbox.messages) == ["editor@example.org", "other@example.org",
                                                               "viewer@example.org"]
    mails = {rcpt[0]: message for rcpt, message in inbox.messages}
    editor = mails["editor@example.org"]
    assert editor["Subject"] == ("casetracker: 1 overdue, 2 due soon, 1 reviews overdue, 3 dates moved "
                                 "(20 June 2022)")
    assert editor["From"] == "casetracker@example.org"
    text = editor.get_content().replace("\r\n", "\n")
    sections = dict(re.findall(r"\n([A-Z][^\n]+)\n-+\n((?:\* [^\n]+\n  [^\n]+\n)+)", text))
    assert {heading: REFERENCE.findall(body) for heading, body in sections.items()} == {
        "Responses overdue (FOIA s10(1): 20 working days)": [refs["overdue"]],
        "Responses due within 5 working days": [refs["soon"], refs["private"]],
        "Internal reviews overdue (s45 Code: 20 working days, 40 at most)": [refs["review"]],
        "Dates moved by a non-working day": [refs["soon"], refs["private"], refs["later"]],
    }
    assert (f"* {refs['soon']} Due soon: Response due Fri 24 Jun 2022 — moved from Thu 23 Jun 2022 "
            "(Proclaimed day added as a non-working day)") in text
    assert "https://foi.example.org/requests/" in text and "https://foi.example.org/account/notifications" in text
    assert "Editor's private" not in mails["viewer@example.org"].get_content()

    again = runner.invoke(args=["reminders", "send", "--today", "2022-06-20"])
    assert again.exit_code == 0, again.output
    assert again.output == ("already sent  editor@example.org\nalready sent  other@example.org\n"
                            "already sent  viewer@example.org\n0 digests sent, 0 saved-search alerts sent.\n")
    assert len(inbox.messages) == 3


def test_dry_run_sends_and_records_nothing_and_unconfigured_mail_says_so(app, runner, make_request, smtp_server):
    port, inbox = smtp_server
    refs = _cases(app, make_request)
    _opt_in(app, "viewer")
    unconfigured = runner.invoke(args=["reminders", "send", "--today", "2022-06-20"])
    assert unconfigured.exit_code == 1
    assert "Email is not configured (set CASETRACKER_MAIL_SERVER); nothing was sent." in unconfigured.output
    dry = runner.invoke(args=["reminders", "send", "--today", "2022-06-20", "--dry-run"])
    assert dry.output.splitlines()[0] == (f"would send    viewer@example.org  {refs['overdue']}, {refs['soon']}, "
                                          f"{refs['review']}, {refs['later']}")
    _configure(app, port)
    sent = runner.invoke(args=["reminders", "send", "--today", "2022-06-20"])
    assert sent.output.endswith("1 digest sent, 0 saved-search alerts sent.\n") and len(inbox.messages) == 1


def test_settings_page_says_when_mail_is_not_configured(app, auth):
    auth.login("viewer")
    page = auth.get("/account/notifications").get_data(as_text=True)
    assert 'id="mail-not-configured"' in page
    app.config["MAIL_SERVER"] = "127.0.0.1"
    assert 'id="mail-not-configured"' not in auth.get("/account/notifications").get_data(as_text=True)
