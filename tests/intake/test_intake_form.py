"""An FOI office's public request form: no login, CSRF, the FOIA s8(1) minimum, rate-limited, received today.

Team alpha is made an FOI office (``authority_alpha``); its authority is its own record. Beta is a requester
team, so it has no form (404).
"""

from __future__ import annotations

import re

import pytest

from casetracker.audit.models import AuditEvent
from casetracker.deadlines.clocks import response_due
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.models import InfoRequest
from casetracker.timeutil import short_date, uk_today

FULL = {"name": "Jo  Bloggs", "email": "jo@example.net", "postal_address": "",
        "description": "Road gritting contracts\nAll contracts for gritting roads in 2024, with their prices."}


@pytest.fixture
def office_id(app, actors, authority_alpha):
    from casetracker.auth.models import Team
    from casetracker.info_requests.services import get_or_create_authority

    with app.app_context():
        team = db.session.get(Team, actors.team_ids["alpha"])
        team.authority_id = get_or_create_authority(team, "Borsetshire County Council", actor=None).id
        db.session.commit()
        return team.id


def _token(client, url):
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def _count(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(InfoRequest.id)))


def test_a_request_sent_through_the_form_joins_the_offices_received_list_dated_today(app, client, office_id):
    url = f"/foi/{office_id}"
    page = client.get(url)
    assert page.status_code == 200
    assert "Ask Borsetshire County Council for information" in page.get_data(as_text=True)
    response = client.post(url, data={**FULL, "csrf_token": _token(client, url)})
    assert response.status_code == 302 and response.location.endswith(f"/foi/{office_id}/thanks")
    today = uk_today()
    with app.app_context():
        r = db.session.scalar(db.select(InfoRequest).order_by(InfoRequest.id.desc()))
        assert (r.team_id, r.authority.name, r.title, r.received_on, r.sent_on) == (
            office_id, "Borsetshire County Council", "Road gritting contracts", today, today)
        assert (r.requester_name, r.requester_email, r.requester_address, r.regime) == (
            "Jo Bloggs", "jo@example.net", "", "foia")
        assert r.body == FULL["description"]
        # The clock starts on the day of receipt: 20 working days after today (FOIA s10(1)).
        due = db.session.scalar(db.select(RequestClock.due_on).where(RequestClock.request_id == r.id))
        assert due == response_due("foia", today).date
        assert db.session.scalar(db.select(AuditEvent.action).where(AuditEvent.request_id == r.id)) == "request.opened"
        reference = r.reference
    thanks = client.get(response.location).get_data(as_text=True)
    assert (f"Our reference is {reference}. We received it on {short_date(today)} and will respond by "
            f"{short_date(due)}.") in thanks


@pytest.mark.parametrize("missing, message", [
    ("name", "Give your name: a request must state it (FOIA s8(1)(b))."),
    ("description", "Describe the information you want (FOIA s8(1)(c))."),
    ("email", "Give an email or a postal address for our reply (FOIA s8(1)(b))."),
])
def test_a_request_without_what_s8_requires_is_refused_and_nothing_is_created(app, client, office_id, missing,
                                                                               message):
    url = f"/foi/{office_id}"
    response = client.post(url, data={**FULL, missing: "", "csrf_token": _token(client, url)})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True).replace("&#39;", "'")
    assert _count(app) == 0


def test_the_form_needs_its_csrf_token_and_escapes_what_is_typed(app, client, office_id):
    url = f"/foi/{office_id}"
    assert client.post(url, data=FULL).status_code == 400
    assert _count(app) == 0
    response = client.post(url, data={**FULL, "name": "<script>x</script>", "description": "",
                                      "csrf_token": _token(client, url)})
    assert "<script>x</script>" not in response.get_data(as_text=True)


def test_a_requester_team_or_no_team_has_no_form(client, actors, office_id):
    assert client.get(f"/foi/{actors.team_ids['beta']}").status_code == 404
    assert client.get("/foi/999999").status_code == 404
    assert client.get(f"/foi/{actors.team_ids['beta']}/thanks").status_code == 404


def test_requests_created_are_rate_limited_per_address(app, client, office_id):
    app.config["INTAKE_RATE_LIMIT"] = "2 per hour"
    url = f"/foi/{office_id}"
    # Forms sent back with errors do not count: only requests created do.
    assert client.post(url, data={**FULL, "name": "", "csrf_token": _token(client, url)}).status_code == 422
    statuses = [client.post(url, data={**FULL, "csrf_token": _token(client, url)}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert _count(app) == 2
