"""Section 36 needs the qualified person's opinion first; third-party consultations have an internal deadline."""

from __future__ import annotations

from datetime import date

import pytest
from bs4 import BeautifulSoup

from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.context import build_context
from casetracker.letters.errors import LetterDataError

S36 = [{"code": "s36(2)(b)(i)", "reason": "Free and frank advice."}]


def test_s36_cannot_be_cited_before_the_opinion(auth, app, office, office_request):
    request_id = office_request()
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        with pytest.raises(LetterDataError) as refused:
            build_context(r, "refusal-notice", today=date(2022, 6, 20), overrides={"exemptions": S36})
        assert refused.value.errors == {"exemptions": (
            "Record the qualified person's opinion (who gave it and when) on the request before citing section 36.")}
    auth.login("asha")
    early = auth.post(f"/requests/{request_id}/case/opinion",
                      {"opinion-qualified_person": "Chief Executive", "opinion-given_on": "2022-05-01"})
    assert early.status_code == 422
    assert "before the request was received" in early.get_data(as_text=True)
    ok = auth.post(f"/requests/{request_id}/case/opinion",
                   {"opinion-qualified_person": "Pat Jones, Chief Executive", "opinion-given_on": "2022-06-10"})
    assert ok.status_code == 302
    html = auth.get(f"/requests/{request_id}/case").get_data(as_text=True)
    assert [li.text for li in BeautifulSoup(html, "html.parser").select("#opinions li")] == [
        "Pat Jones, Chief Executive, Fri 10 Jun 2022"]
    with app.app_context():
        ctx = build_context(db.session.get(InfoRequest, request_id), "refusal-notice", today=date(2022, 6, 20),
                            overrides={"exemptions": S36})
        assert ctx["exemptions"][0]["code"] == "s36(2)(b)(i)"


def test_requester_team_s36_is_not_checked(app, make_request):
    request_id = make_request()
    with app.app_context():
        ctx = build_context(db.session.get(InfoRequest, request_id), "internal-review-request",
                            today=date(2022, 6, 20))
        assert "signatory" not in ctx


def test_consultation_deadline_before_the_response_is_due(auth, app, office, office_request):
    request_id = office_request()  # received Tue 24 May 2022, due Thu 23 Jun 2022
    auth.login("asha")
    late = auth.post(f"/requests/{request_id}/case/consultations", {
        "consult-third_party": "Borsetshire Highways Ltd", "consult-consulted_on": "2022-05-30",
        "consult-respond_by": "2022-06-24"})
    assert late.status_code == 422
    assert ("Set the deadline on or before the response due date, 2022-06-23: consulting does not stop the "
            "clock.") in late.get_data(as_text=True)
    ok = auth.post(f"/requests/{request_id}/case/consultations", {
        "consult-third_party": "Borsetshire Highways Ltd", "consult-consulted_on": "2022-05-30",
        "consult-respond_by": "2022-06-13"})
    assert ok.status_code == 302
    soup = BeautifulSoup(auth.get(f"/requests/{request_id}/case").get_data(as_text=True), "html.parser")
    row = soup.select_one("#consultations tbody tr")
    assert [td.get_text(" ", strip=True).split(" Outcome")[0] for td in row.find_all("td")][:3] == [
        "Borsetshire Highways Ltd", "Mon 30 May 2022", "Mon 13 Jun 2022 late"]
    action = row.form["action"]
    prefix = action.rsplit("/", 1)[1]
    done = auth.post(action, {f"c{prefix}-outcome": "objects", f"c{prefix}-notes": "Commercial interests"})
    assert done.status_code == 302
    html = auth.get(f"/requests/{request_id}").get_data(as_text=True)
    assert "Borsetshire Highways Ltd: Objects" in html  # in the history
