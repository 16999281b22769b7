"""Audit entries refer to requesters' details instead of copying them (issue 17)."""

from __future__ import annotations

import json

from sqlalchemy import select

from casetracker.audit.models import AuditEvent
from casetracker.extensions import db
from tests.privacy.conftest import ADDRESS, EMAIL, NAME, build_case


def _copies(event: AuditEvent) -> list[str]:
    blob = " ".join([event.summary, json.dumps(event.before), json.dumps(event.after)]).lower()
    return [n for n in (NAME, EMAIL, "acacia avenue", "quennell") if n.lower() in blob]


def test_no_audit_entry_copies_the_requester(app, actors):
    ids = build_case(app, other=False)
    from casetracker.auth.models import User
    from casetracker.documents.models import Document
    from casetracker.documents.services import update_document_parties
    from casetracker.info_requests.models import InfoRequest
    from casetracker.info_requests.services import update_request

    with app.app_context():
        editor = db.session.scalar(select(User).where(User.email == "editor@example.org"))
        r = db.session.get(InfoRequest, ids["request"])
        update_request(r, actor=editor, requester_name="Philippa M. Quennell")
        update_document_parties(db.session.get(Document, ids["note"]), sender=f"{NAME} <{EMAIL}>",
                                recipient="FOI team", actor=editor)
        db.session.commit()
        events = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        copying = {e.action: _copies(e) for e in events if _copies(e)}
        assert copying == {"request.legacy": [NAME, EMAIL, "acacia avenue", "quennell"]}  # only the old-style one
        opened = next(e for e in events if e.action == "request.opened")
        assert opened.after["requester_name"] == {"ref": f"info_requests/{r.id}#requester_name", "set": True}
        assert opened.after["requester_address"] == {"ref": f"info_requests/{r.id}#requester_address", "set": True}
        assert opened.after["title"] == "School attendance data"  # not personal: copied as before
        recorded = next(e for e in events if e.action == "correspondence.recorded")
        assert recorded.after["from_text"] == {"ref": f"correspondence/{recorded.object_id}#from_text", "set": True}
        parties = next(e for e in events if e.action == "document.parties_changed")
        assert parties.before["sender"] == {"ref": f"documents/{ids['note']}#sender", "set": False}
        assert parties.after["sender"] == {"ref": f"documents/{ids['note']}#sender", "set": True}
        assert ADDRESS not in json.dumps([e.after for e in events if e.action != "request.legacy"])
