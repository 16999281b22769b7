"""API fixtures: tokens for the actors of ``tests.conftest.Actors``, and a client that sends one."""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.extensions import db


class Tokens(dict):
    """Token secrets by label: ``read``/``write`` (alpha's editor), ``viewer`` (alpha's viewer, a write token),
    ``revoked`` (alpha's editor, revoked), ``other`` (beta's editor, write)."""


@pytest.fixture
def tokens(app, actors):
    from casetracker.api_tokens.services import create_token, revoke_token
    from casetracker.auth.models import User

    made = Tokens()
    with app.app_context():
        for label, who, scope in [("read", "editor", "read"), ("write", "editor", "write"),
                                  ("viewer", "viewer", "write"), ("revoked", "editor", "write"),
                                  ("other", "other", "write")]:
            user = db.session.get(User, actors.ids[who])
            token, secret = create_token(user, name=label, scope=scope, actor=user)
            if label == "revoked":
                revoke_token(token, actor=user)
            made[label] = secret
        db.session.commit()
    return made


def bearer(secret: str | None) -> dict:
    """Return the headers that send ``secret`` (none for None)."""
    return {"Authorization": f"Bearer {secret}"} if secret else {}


@pytest.fixture
def api_world(app, actors, make_request, tokens):
    """Alpha's request (answered, with a document, claim, job), a private request of alpha's editor; their ids."""
    from casetracker.correspondence.services import record_correspondence
    from casetracker.documents.services import ingest_bytes
    from casetracker.evidence.services import record_claim
    from casetracker.info_requests.models import InfoRequest
    from casetracker.tasks.constants import JobState
    from casetracker.tasks.models import Job

    request_id = make_request(requester_name="Jo Bloggs", requester_email="jo@example.org", sent_on=date(2022, 5, 24))
    private_id = make_request(title="Private one", visibility="private")
    ids = {"request_id": request_id, "private_id": private_id}
    with app.app_context():
        for prefix, rid in (("", request_id), ("private_", private_id)):
            r = db.session.get(InfoRequest, rid)
            r.created_by_id = actors.ids["editor"]
            document = ingest_bytes(f"The board met on 3 May 2022. Minutes {prefix}".encode(), f"{prefix}minutes.txt",
                                    team=r.team, info_request=r, actor=None).document
            record_correspondence(r, actor=None, kind="response", direction="incoming", dated=date(2022, 6, 10),
                                  outcome="refused")
            claim = record_claim(r, actor=None, text="The board met in May.")
            job = Job(team_id=r.team_id, request_id=r.id, filename=f"{prefix}scan.pdf", state=JobState.FAILED,
                      reason="Unreadable")
            db.session.add(job)
            db.session.flush()
            ids.update({f"{prefix}document_id": document.id, f"{prefix}claim_id": claim.id, f"{prefix}job_id": job.id})
            ids.setdefault("authority_id", r.authority_id)
        db.session.commit()
    return ids
