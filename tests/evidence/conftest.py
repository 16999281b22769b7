"""A request in team alpha holding the demo's three documents, for the evidence tests."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import casetracker.demo
from casetracker.extensions import db

DEMO_DOCUMENTS = Path(casetracker.demo.__file__).resolve().parent / "documents"
EMAIL = "dfe-email-to-schools-2022-02-08.txt"
DPIA = "dpia-version-1-cover-page.txt"
LETTER = "ico-disclosure-letter.txt"


@pytest.fixture
def case(app, actors, make_request):
    """Return ids of a request in team alpha and its email, DPIA and letter documents."""
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(title="ICO correspondence with DfE about attendance data")
    with app.app_context():
        info_request = db.session.get(InfoRequest, request_id)
        ids = {}
        for key, name in (("email", EMAIL), ("dpia", DPIA), ("letter", LETTER)):
            outcome = ingest_bytes((DEMO_DOCUMENTS / name).read_bytes(), name, team=info_request.team,
                                   info_request=info_request, actor=None)
            ids[key] = outcome.document.id
        db.session.commit()
        return SimpleNamespace(request_id=request_id, reference=info_request.reference, **ids)


@pytest.fixture
def ctx(app):
    """Run the test body inside an app context, as a command or a web request would."""
    with app.app_context():
        yield

