"""Assigning requests to case officers: My cases, reassignment in the history, workload, access."""

from __future__ import annotations

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup

from casetracker.correspondence.services import record_correspondence
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from tests.conftest import VISITORS, expect_status


def _my_cases(auth) -> list[str]:
    soup = BeautifulSoup(auth.get("/").get_data(as_text=True), "html.parser")
    table = soup.find(id="my-cases")
    return [a.text for a in table.select("a")] if table else []


def test_my_cases_shows_only_my_assignments(auth, office, office_request, assign):
    first = office_request(title="Gritting")
    second = office_request(title="Potholes")
    office_request(title="Unassigned one")
    assign(first, office["asha"])
    assign(second, office["ben"])
    auth.login("asha")
    assert _my_cases(auth) == ["CT-2022-0001"]
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("ben")
    assert _my_cases(auth) == ["CT-2022-0002"]


def test_reassignment_is_in_the_history(auth, app, office, office_request):
    request_id = office_request()
    auth.login("dev")
    for officer in ("asha", "ben"):
        response = auth.post(f"/requests/{request_id}/case/assign",
                             {"case-stage": "case", "case-officer": str(office[officer])})
        assert response.status_code == 302
    html = auth.get(f"/requests/{request_id}").get_data(as_text=True)
    history = BeautifulSoup(html, "html.parser").find(id="history").get_text(" ")
    assert "Case officer of CT-2022-0001: Asha Patel" in history
    assert "Case officer of CT-2022-0001 changed from Asha Patel to Ben Okafor" in history
    assert "Ben Okafor" in BeautifulSoup(html, "html.parser").find(id="officer-panel").text
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("asha")
    assert _my_cases(auth) == []


def test_review_officer_is_a_separate_stage(auth, app, office, office_request, assign):
    request_id = office_request()
    assign(request_id, office["asha"])
    auth.login("dev")
    same = auth.post(f"/requests/{request_id}/case/assign",
                     {"review-stage": "review", "review-officer": str(office["asha"])})
    assert same.status_code == 422
    assert "someone other than the case officer" in same.get_data(as_text=True)
    ok = auth.post(f"/requests/{request_id}/case/assign",
                   {"review-stage": "review", "review-officer": str(office["ben"])})
    assert ok.status_code == 302
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("ben")
    assert _my_cases(auth) == ["CT-2022-0001"]


def test_cannot_assign_outside_the_team(auth, actors, office, office_request):
    request_id = office_request()
    auth.login("dev")
    response = auth.post(f"/requests/{request_id}/case/assign",
                         {"case-stage": "case", "case-officer": str(actors.ids["editor"])})
    assert response.status_code == 422  # not one of the choices offered
    with auth.client.application.app_context():
        from casetracker.officer.services import assignment_for
        assert assignment_for(request_id) is None


def test_workload_counts_open_and_stopped_clocks(auth, app, office, office_request, assign):
    ids = [office_request(title=f"Request {n}") for n in range(3)]
    for request_id in ids:
        assign(request_id, office["asha"])
    with app.app_context():
        record_correspondence(db.session.get(InfoRequest, ids[0]), actor=None, kind="clarification-request",
                              direction="outgoing", dated=date(2022, 5, 26))
        db.session.commit()
    auth.login("dev")
    soup = BeautifulSoup(auth.get("/officer/workload").get_data(as_text=True), "html.parser")
    rows = {tr.find("td").text: [td.text for td in tr.find_all("td")[1:]]
            for tr in soup.select(f"#workload-{office['team']} tbody tr")}
    assert rows["Asha Patel"] == ["3", "1"]
    assert rows["Ben Okafor"] == ["0", "0"]
    assert "clock stopped" in auth.get(f"/requests/{ids[0]}").get_data(as_text=True)


CASE_PAGES = ["/requests/{id}/case", "/requests/{id}/cost-limit"]


@pytest.mark.parametrize("who", VISITORS)
@pytest.mark.parametrize("url", CASE_PAGES)
def test_case_pages_of_a_requester_team_are_404(auth, make_request, who, url):
    request_id = make_request()
    auth.login(who)
    response = auth.get(url.format(id=request_id))
    # A requester team's request has no case handling; another team's is not confirmed to exist.
    expect_status(response, who, viewer=404, editor=404, other=404)


@pytest.mark.parametrize("who,status", [("cara", 403), ("other", 404), ("asha", 302)])
def test_assign_post_by_role(auth, office, office_request, who, status):
    request_id = office_request()
    auth.login(who)
    response = auth.post(f"/requests/{request_id}/case/assign",
                         {"case-stage": "case", "case-officer": str(office["asha"])})
    assert response.status_code == status


def test_viewer_sees_case_page_without_forms(auth, office, office_request):
    request_id = office_request()
    auth.login("cara")
    html = auth.get(f"/requests/{request_id}/case").get_data(as_text=True)
    assert "Nobody yet" in html and not re.search(r'name="case-officer"', html)
