"""Teams have a side; an FOI office's letters carry its references and its case officer's signature."""

from __future__ import annotations

import io
import json
from datetime import date

from docx import Document as WordDocument

from casetracker.auth.models import Team
from casetracker.correspondence.models import Correspondence
from casetracker.documents.services import blob_file
from casetracker.extensions import db
from casetracker.info_requests.models import PublicAuthority
from tests.letters.conftest import docx_text
from tests.letters.test_letters_app_flow import form_values
from tests.officer.conftest import COUNCIL


def test_teams_create_authority_json(runner, app):
    result = runner.invoke(args=["teams", "create", "dfe-foi", "--side", "authority", "--authority",
                                 "Department for Education", "--authority-type", "central", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out == {"id": out["id"], "name": "dfe-foi", "side": "authority", "authority": "Department for Education",
                   "authority_type": "central", "cost_limit": 600}
    with app.app_context():
        team = db.session.get(Team, out["id"])
        assert team.is_authority
        authority = db.session.get(PublicAuthority, team.authority_id)
        assert (authority.name, authority.team_id) == ("Department for Education", team.id)


def test_teams_create_requester_and_refusals(runner, app):
    result = runner.invoke(args=["teams", "create", "newsroom", "--side", "requester", "--json"])
    assert json.loads(result.output)["side"] == "requester"
    assert json.loads(result.output)["cost_limit"] is None
    again = runner.invoke(args=["teams", "create", "newsroom", "--side", "requester"])
    assert again.exit_code == 2 and "A team called newsroom already exists." in again.output
    no_type = runner.invoke(args=["teams", "create", "office", "--side", "authority"])
    assert no_type.exit_code == 2 and "needs --authority-type" in no_type.output
    mixed = runner.invoke(args=["teams", "create", "x", "--side", "requester", "--authority-type", "other"])
    assert mixed.exit_code == 2 and "Only an authority team" in mixed.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Team.id))) == 1


def test_existing_teams_are_requesters(app, actors):
    with app.app_context():
        assert {t.side for t in db.session.scalars(db.select(Team))} == {"requester"}


def _body(text: str) -> list[str]:
    """The body's lines, without the page-number footer every letter now carries."""
    lines = text.splitlines()
    return lines[:lines.index("== footer 1 ==")] if "== footer 1 ==" in lines else lines


def _generated_docx(app, location: str) -> str:
    entry_id = int(location.split("?")[0].rsplit("/", 1)[1])
    with app.app_context():
        entry = db.session.get(Correspondence, entry_id)
        return docx_text(blob_file(entry.attachments[0].document).read_bytes())


def test_office_refusal_notice_references_and_signatory(auth, app, office, office_request, assign):
    request_id = office_request(their_reference="JB/2022/07", sent_on=date(2022, 5, 24))
    assign(request_id, office["asha"])
    auth.login("ben")  # a colleague writes it; the assigned officer signs
    url = f"/requests/{request_id}/letters/refusal-notice"
    page = auth.get(url)
    assert page.status_code == 200
    data = form_values(page.get_data(as_text=True))
    assert data["signatory__name"] == "Asha Patel"
    data |= {"today": "2022-06-21", "generate": "Generate .docx", "withheld": "Names of junior staff.",
             "exemptions-1-code": "s40(2)", "exemptions-1-reason": "They are personal data.",
             "exemptions-1-legitimate_interests": "No legitimate interest outweighs the staff's privacy."}
    response = auth.post(url, data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    lines = _body(_generated_docx(app, response.headers["Location"]))
    assert "Our reference: CT-2022-0001" in lines
    assert "Your reference: JB/2022/07" in lines
    assert lines[-3:] == ["Yours sincerely,", "Asha Patel", COUNCIL]


def test_office_letter_choice_follows_side(auth, office, office_request, make_request):
    request_id = office_request()
    auth.login("asha")
    html = auth.get(f"/requests/{request_id}/letters").get_data(as_text=True)
    assert "/letters/refusal-notice" in html and "/letters/acknowledgement" in html
    assert "/letters/ico-complaint" not in html
    assert auth.get(f"/requests/{request_id}/letters/ico-complaint").status_code == 404


def test_requester_team_is_not_offered_a_refusal_notice(auth, make_request):
    request_id = make_request()
    auth.login("editor")
    html = auth.get(f"/requests/{request_id}/letters").get_data(as_text=True)
    assert "refusal-notice" not in html and "fees-notice" not in html
    assert "/letters/internal-review-request" in html
    response = auth.get(f"/requests/{request_id}/letters/refusal-notice")
    assert response.status_code == 404
    assert "There is nothing here" in response.get_data(as_text=True)


def test_requester_team_cli_refusal_is_refused(runner, make_request, tmp_path):
    make_request()
    out = tmp_path / "r.docx"
    result = runner.invoke(args=["letters", "render", "refusal-notice", "CT-2022-0001", "--out", str(out)])
    assert result.exit_code == 2
    assert "CT-2022-0001 belongs to a requester's team, which does not write a refusal notice." in result.output
    assert not out.exists()


def test_office_acknowledgement_cli_is_signed_by_officer(runner, app, office, office_request, assign, tmp_path):
    request_id = office_request(their_reference="JB/2022/07")
    assign(request_id, office["ben"])
    out = tmp_path / "ack.docx"
    result = runner.invoke(args=["letters", "render", "acknowledgement", "CT-2022-0001", "--out", str(out),
                                 "--set", "today=2022-05-25"])
    assert result.exit_code == 0, result.output
    lines = _body(docx_text(out.read_bytes()))
    assert "Our reference: CT-2022-0001" in lines and "Your reference: JB/2022/07" in lines
    assert lines[-3:] == ["Yours sincerely,", "Ben Okafor", COUNCIL]
    assert WordDocument(io.BytesIO(out.read_bytes())) is not None


def test_review_outcome_is_signed_by_the_review_officer(app, office, office_request, assign):
    from casetracker.info_requests.models import InfoRequest
    from casetracker.letters.context import build_context
    from casetracker.officer.services import assign_case

    request_id = office_request()
    assign(request_id, office["asha"])
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        assign_case(r, actor=None, officer_id=None, review_officer_id=office["ben"], stage="review")
        db.session.commit()
        assert build_context(r, "internal-review-outcome", today=date(2022, 7, 1))["signatory"] == {
            "name": "Ben Okafor"}
        assert build_context(r, "response", today=date(2022, 7, 1))["signatory"] == {"name": "Asha Patel"}
