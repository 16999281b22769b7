"""An FOI office: Borsetshire County Council's team, with two case officers, a viewer and an admin.

Team ``alpha`` (the shared ``actors``) is a requester team; ``other@example.org`` is in ``beta``.
"""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.extensions import db
from tests.conftest import PASSWORD

COUNCIL = "Borsetshire County Council"
REQUESTER = "Jo Bloggs"
REQUESTER_EMAIL = "jo.bloggs@example.net"


@pytest.fixture
def office(app, actors):
    """Create the council's FOI office and its people; return their ids."""
    from casetracker.auth.constants import Role
    from casetracker.auth.services import create_user
    from casetracker.officer.teams import create_team

    with app.app_context():
        team = create_team("council-foi", side="authority", authority=COUNCIL, authority_type="other", actor=None)
        ids = {"team": team.id, "authority": team.authority_id}
        for label, name, role in [("asha", "Asha Patel", Role.EDITOR), ("ben", "Ben Okafor", Role.EDITOR),
                                  ("cara", "Cara Viewer", Role.VIEWER), ("dev", "Dev Admin", Role.ADMIN)]:
            ids[label] = create_user(f"{label}@example.org", PASSWORD, team=team, role=role, name=name).id
        db.session.commit()
    return ids


@pytest.fixture
def office_request(app, office):
    """Open a request the council received; returns its id."""
    from casetracker.auth.models import Team
    from casetracker.info_requests.models import PublicAuthority
    from casetracker.info_requests.services import open_request

    def make(title="Road gritting contracts", received=date(2022, 5, 24), **fields):
        fields.setdefault("requester_name", REQUESTER)
        fields.setdefault("requester_email", REQUESTER_EMAIL)
        with app.app_context():
            team = db.session.get(Team, office["team"])
            r = open_request(team=team, authority=db.session.get(PublicAuthority, office["authority"]),
                             title=title, received_on=received, actor=None, **fields)
            db.session.commit()
            return r.id

    return make


@pytest.fixture
def assign(app):
    """Assign a request's case officer by user id, as the system."""
    from casetracker.info_requests.models import InfoRequest
    from casetracker.officer.services import assign_case

    def run(request_id: int, officer_id: int | None):
        with app.app_context():
            assign_case(db.session.get(InfoRequest, request_id), actor=None, officer_id=officer_id)
            db.session.commit()

    return run
