"""Creating requests and recording correspondence through the pages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casetracker.extensions import db
from casetracker.timeutil import uk_today


def _count(app, model):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(model.id)))


@pytest.fixture
def authority_id(app, actors):
    from casetracker.auth.models import Team
    from casetracker.info_requests.services import get_or_create_authority

    with app.app_context():
        team = db.session.get(Team, actors.team_ids["alpha"])
        a = get_or_create_authority(team, "Department for Education", actor=None)
        db.session.commit()
        return a.id


def _form(authority_id, **overrides):
    data = {"title": "Attendance pilot DPIA", "authority_id": str(authority_id), "regime": "foia",
            "sent_on": "2022-05-24", "received_on": "2022-05-24", "visibility": "team"}
    data.update(overrides)
    return data


def test_create_request_shows_due_date_and_how_it_was_counted(app, auth, authority_id):
    auth.login("editor")
    response = auth.post("/requests/new", _form(authority_id))
    assert response.status_code == 302
    page = auth.get(response.headers["Location"]).get_data(as_text=True)
    assert "CT-2022-0001" in page
    # 20 working days after Tue 24 May 2022, skipping the Spring and Platinum Jubilee bank holidays.
    assert "Thu 23 Jun 2022" in page
    assert "20 working days after Tue 24 May 2022" in page
    assert "Thu 2 Jun 2022" in page and "Fri 3 Jun 2022" in page


@pytest.mark.parametrize("overrides,field_error", [
    ({"received_on": "2025-02-30"}, "Enter a real date"),
    ({"sent_on": "2022-05-25", "received_on": "2022-05-24"}, "cannot be received before it was sent"),
    ({"title": "   "}, "Give the request a title"),
    ({"received_on": (uk_today() + timedelta(days=30)).isoformat()}, "This date is in the future"),
    ({"received_on": "2202-05-24"}, "Enter a date between 1 January 1990 and "),
    ({"sent_on": "1850-01-10", "received_on": "1850-01-10"}, "Enter a date between 1 January 1990 and "),
    ({"sent_on": "1995-01-10", "received_on": "1995-01-10"}, "before 2000; check the year"),
])
def test_bad_input_is_a_form_error_and_saves_nothing(app, auth, authority_id, overrides, field_error):
    from casetracker.info_requests.models import InfoRequest

    auth.login("editor")
    response = auth.post("/requests/new", _form(authority_id, **overrides))
    assert response.status_code == 422
    assert field_error in response.get_data(as_text=True)
    assert _count(app, InfoRequest) == 0


def test_post_without_csrf_token_is_400_and_saves_nothing(app, auth, authority_id):
    from casetracker.info_requests.models import InfoRequest

    auth.login("editor")
    response = auth.post("/requests/new", _form(authority_id), csrf=False)
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    assert _count(app, InfoRequest) == 0


def test_recording_a_response_moves_status_and_opens_review_window(app, auth, make_request):
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(received=date(2022, 5, 24))
    auth.login("editor")
    response = auth.post(f"/requests/{request_id}/correspondence/new", {
        "kind": "refusal-notice", "direction": "incoming", "dated": "2022-06-21", "outcome": "refused",
        "subject": "Your request", "body": "We rely on s40(2).",
    })
    assert response.status_code == 302
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        assert (r.status, r.outcome) == ("responded", "refused")
    page = auth.get(f"/requests/{request_id}").get_data(as_text=True)
    # 40 working days after Tue 21 Jun 2022: 7 in June, 20 in July (Tue 12 Jul, Battle of the Boyne, skipped),
    # Mon 1 Aug (Scotland) skipped, then 13 more: Thu 18 Aug 2022.
    assert "Ask for an internal review by" in page
    assert "Thu 18 Aug 2022" in page


def test_clarification_restarts_the_clock(app, make_request):
    from casetracker.correspondence.services import record_correspondence
    from casetracker.info_requests.models import InfoRequest
    from casetracker.info_requests.services import clocks_for

    request_id = make_request(received=date(2022, 1, 14))
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        assert clocks_for(r, date(2022, 1, 20))[0].date == date(2022, 2, 11)
        record_correspondence(r, actor=None, kind="clarification-request", direction="incoming", dated=date(2022, 1, 17))
        assert r.status == "awaiting-clarification"
        record_correspondence(r, actor=None, kind="clarification", direction="outgoing", dated=date(2022, 1, 21))
        # 20 working days after Fri 21 Jan 2022, no holidays: Fri 18 Feb 2022.
        assert clocks_for(r, date(2022, 1, 24))[0].date == date(2022, 2, 18)
        assert r.status == "awaiting-response"


def test_history_lists_audit_events(app, auth, make_request):
    request_id = make_request()
    auth.login("viewer")
    page = auth.get(f"/requests/{request_id}").get_data(as_text=True)
    assert "Request CT-2022-0001 opened" in page


def test_audit_events_cannot_be_changed(app, make_request):
    from casetracker.audit.models import AuditEvent, AuditImmutableError

    make_request()
    with app.app_context():
        event = db.session.scalar(db.select(AuditEvent))
        event.summary = "tampered"
        with pytest.raises(AuditImmutableError):
            db.session.flush()
        db.session.rollback()
        db.session.delete(db.session.scalar(db.select(AuditEvent)))
        with pytest.raises(AuditImmutableError):
            db.session.flush()
        db.session.rollback()


def test_request_list_filters_overdue(app, auth, make_request):
    make_request(title="Old unanswered", received=date(2022, 1, 14))
    auth.login("viewer")
    page = auth.get("/requests/?overdue=1").get_data(as_text=True)
    assert "Old unanswered" in page
    assert "No requests match" in auth.get("/requests/?status=closed").get_data(as_text=True)


def test_dashboard_shows_overdue_and_counts(app, auth, make_request):
    make_request(title="Old unanswered", received=date(2022, 1, 14))
    auth.login("viewer")
    page = auth.get("/").get_data(as_text=True)
    assert "Old unanswered" in page
    assert 'data-status="awaiting-response"' in page


def test_login_rejects_wrong_password_and_is_rate_limited(app, auth):
    token = auth._fetch_token()
    codes = [auth.client.post("/login", data={"email": "editor@example.org", "password": "wrong", "csrf_token": token}).status_code
             for _ in range(11)]
    assert codes[:10] == [422] * 10
    assert codes[10] == 429


def test_upload_too_large_is_413(app, auth, make_request):
    request_id = make_request()
    app.config["MAX_CONTENT_LENGTH"] = 1024
    auth.login("editor")
    import io
    response = auth.post(f"/requests/{request_id}/documents", {"files": (io.BytesIO(b"x" * 4096), "big.txt")},
                         content_type="multipart/form-data")
    assert response.status_code == 413


def test_pages_carry_security_headers(auth):
    auth.login("viewer")
    response = auth.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
