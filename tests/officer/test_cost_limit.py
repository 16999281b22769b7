"""The cost limit workbench: £450/£600 from the authority type, aggregation, and the s12 refusal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from casetracker.extensions import db
from casetracker.officer.costs import appropriate_limit, check_cost
from tests.letters.test_letters_app_flow import form_values

D = Decimal


@pytest.mark.parametrize("authority_type,regime,limit", [
    ("central", "foia", D(600)), ("other", "foia", D(450)), ("other", "foisa", D(600)),
    ("central", "foisa", D(600)), ("other", "eir", D(450)),
])
def test_limit_from_authority_type(authority_type, regime, limit):
    assert appropriate_limit(authority_type, regime) == limit


def test_cost_at_25_an_hour_and_the_boundary():
    at_limit = check_cost({"locating": D(10), "retrieving": D(8)}, authority_type="other", regime="foia")
    assert (at_limit.hours, at_limit.cost, at_limit.limit, at_limit.exceeds) == (D(18), D(450), D(450), False)
    over = check_cost({"locating": D("18.5")}, authority_type="other", regime="foia")
    assert (over.cost, over.exceeds) == (D("462.5"), True)
    central = check_cost({"locating": D("18.5")}, authority_type="central", regime="foia")
    assert (central.limit, central.exceeds, central.limit_hours) == (D(600), False, D(24))
    scots = check_cost({"extracting": D(41)}, authority_type="other", regime="foisa")
    assert (scots.rate, scots.cost, scots.exceeds) == (D(15), D(615), True)
    with pytest.raises(ValueError):
        check_cost({"redacting": D(5)}, authority_type="other", regime="foia")


def _estimate(auth, request_id, **hours):
    data = {"determining": "", "locating": "", "retrieving": "", "extracting": "", "advice": ""} | hours
    return auth.post(f"/requests/{request_id}/cost-limit", data)


def test_workbench_refuses_s12_under_the_limit(auth, app, office, office_request):
    request_id = office_request()
    auth.login("asha")
    assert _estimate(auth, request_id, locating="10", retrieving="8", advice="Narrow to 2021.").status_code == 302
    page = BeautifulSoup(auth.get(f"/requests/{request_id}/cost-limit").get_data(as_text=True), "html.parser")
    assert page.find(id="cost-amount").text == "£450.00 at £25 an hour"
    assert page.find(id="cost-limit").text == "£450 (18 hours)"
    refused = auth.post(f"/requests/{request_id}/cost-limit", {"refuse-submit": "Refuse under section 12"})
    assert refused.status_code == 422
    assert ("The estimate is £450.00 (18.00 hours at £25 an hour), within the £450 limit: section 12 cannot be "
            "cited.") in refused.get_data(as_text=True)
    with app.app_context():
        from casetracker.officer.estimates import estimate_for
        assert estimate_for(request_id).relied_on is False


def test_workbench_over_the_limit_fills_the_refusal(auth, app, office, office_request, assign):
    request_id = office_request()
    assign(request_id, office["asha"])
    auth.login("asha")
    _estimate(auth, request_id, determining="2", locating="10.5", retrieving="4", extracting="3",
              advice="If you limit the request to 2021 we can likely answer it within the limit.")
    refused = auth.post(f"/requests/{request_id}/cost-limit", {"refuse-submit": "Refuse under section 12"})
    assert refused.status_code == 302
    assert refused.headers["Location"].endswith(f"/requests/{request_id}/letters/refusal-notice")
    with app.app_context():
        from casetracker.info_requests.models import InfoRequest
        from casetracker.letters.context import build_context
        from casetracker.letters.render import build_letter

        r = db.session.get(InfoRequest, request_id)
        ctx = build_context(r, "refusal-notice", today=date(2022, 6, 20))
        assert ctx["cost_limit"]["hours"] == D("19.5") and ctx["cost_limit"]["limit"] == D(450)
        assert ctx["cost_limit"]["estimate"] == (
            "We estimate 19.50 hours in all (determining whether the information is held: 2.00 hours; locating "
            "the information: 10.50 hours; retrieving the information: 4.00 hours; extracting the information: "
            "3.00 hours), which at £25 an hour is £487.50, more than the appropriate limit of £450.")
        text = "\n".join(p.text for p in build_letter("refusal-notice", ctx).body if hasattr(p, "text"))
        assert "If you limit the request to 2021" in text
    form = form_values(auth.get(f"/requests/{request_id}/letters/refusal-notice").get_data(as_text=True))
    assert form["signatory__name"] == "Asha Patel"


def test_aggregation_of_similar_requests_within_60_working_days(auth, app, office, office_request):
    earlier = office_request(title="Gritting 2020", received=date(2022, 3, 1))
    office_request(title="Gritting, long before", received=date(2021, 10, 1))
    office_request(title="Someone else", received=date(2022, 4, 1), requester_email="other@example.net")
    later = office_request(title="Gritting 2021", received=date(2022, 5, 24))
    auth.login("asha")
    _estimate(auth, earlier, locating="10")
    page = BeautifulSoup(auth.get(f"/requests/{later}/cost-limit").get_data(as_text=True), "html.parser")
    assert [o["value"] for o in page.select("#aggregate option")] == [str(earlier)]
    assert _estimate(auth, later, locating="9", aggregate=str(earlier)).status_code == 302
    page = BeautifulSoup(auth.get(f"/requests/{later}/cost-limit").get_data(as_text=True), "html.parser")
    assert page.find(id="cost-hours").text == "19.00"
    assert "exceeds the limit" in page.find(id="cost-result").text
    far = _estimate(auth, later, locating="9", aggregate=str(earlier + 1))
    assert far.status_code == 422


def test_central_government_limit_is_600(app, runner):
    from casetracker.auth.models import Team
    from casetracker.info_requests.models import InfoRequest
    from casetracker.officer.estimates import record_estimate

    runner.invoke(args=["teams", "create", "dfe", "--side", "authority", "--authority", "DfE",
                        "--authority-type", "central"])
    result = runner.invoke(args=["requests", "create", "--team", "dfe", "--authority", "DfE", "--title", "Pilot",
                                 "--received", "2022-05-24"])
    assert result.exit_code == 0
    with app.app_context():
        r = db.session.scalar(db.select(InfoRequest))
        _, check = record_estimate(r, actor=None, hours={"locating": "20"})
        assert (check.cost, check.limit, check.exceeds) == (D(500), D(600), False)
        assert db.session.scalar(db.select(Team).where(Team.name == "dfe")).authority_type == "central"


@pytest.mark.parametrize("who,status", [("cara", 403), ("other", 404), ("editor", 404)])
def test_workbench_post_by_role(auth, office, office_request, who, status):
    request_id = office_request()
    auth.login(who)
    assert _estimate(auth, request_id, locating="1").status_code == status


def test_bad_hours_are_refused_next_to_the_field(auth, office, office_request):
    request_id = office_request()
    auth.login("asha")
    response = _estimate(auth, request_id, locating="-3")
    assert response.status_code == 422
    assert "Give hours between 0 and 10000." in response.get_data(as_text=True)


def test_an_office_refusal_letter_takes_its_limit_from_the_team_type(app, office, office_request):
    """The council's office is "other" (SI 2004/3244 reg 3(3): £450), so a letter stating £600 is refused."""
    from casetracker.info_requests.models import InfoRequest
    from casetracker.letters.context import build_context
    from casetracker.letters.exemption_checks import cost_limit
    from casetracker.letters.errors import LetterDataError
    from casetracker.letters.validation import validate_context

    request_id = office_request()
    with app.app_context():
        ctx = build_context(db.session.get(InfoRequest, request_id), "refusal-notice", today=date(2022, 6, 21))
        assert ctx["authority"]["type"] == "other"
        assert (cost_limit("foia", "other"), cost_limit("foia", "central")) == (450, 600)
        ctx |= {"exemptions": [], "withheld": "", "disclosed_items": [],
                "cost_limit": {"hours": 30, "limit": 600, "advice": "Narrow it to one month."}}
        with pytest.raises(LetterDataError) as refused:
            validate_context("refusal-notice", ctx)
        assert refused.value.errors.get("cost_limit.limit", "").startswith("The appropriate limit for this authority is £450, not £600")
