"""What the API writes beyond the parity test: attachments on correspondence, an authority's edit moving clocks."""

from __future__ import annotations

from casetracker.extensions import db
from tests.api.conftest import bearer


def test_correspondence_attaches_only_this_requests_documents(app, api_world, tokens):
    client = app.test_client()
    headers = bearer(tokens["write"])
    url = f"/api/v1/requests/{api_world['request_id']}/correspondence"
    body = {"kind": "internal-review-request", "direction": "outgoing", "dated": "2022-06-12"}
    refused = client.post(url, headers=headers, json={**body, "document_ids": [api_world["private_document_id"]]})
    assert refused.status_code == 422
    assert refused.get_json()["error"] == {"status": 422, "message": "Attach documents of this request only.",
                                           "fields": {"document_ids": ["Attach documents of this request only."]}}
    before = client.get(url, headers=headers).get_json()["items"]
    assert len(before) == 1  # nothing half-written
    made = client.post(url, headers=headers, json={**body, "document_ids": [api_world["document_id"]]})
    assert made.status_code == 201
    assert made.get_json()["document_ids"] == [api_world["document_id"]]
    kinds = [(e["kind"], e["dated"], e["document_ids"]) for e in client.get(url, headers=headers).get_json()["items"]]
    assert kinds == [("response", "2022-06-10", []), ("internal-review-request", "2022-06-12", [api_world["document_id"]])]


def test_authority_edit_moves_clocks_and_is_audited(app, tokens, make_request, actors):
    from casetracker.audit.models import AuditEvent

    request_id = make_request(received=__import__("datetime").date(2022, 5, 7))  # a Saturday
    client = app.test_client()
    headers = bearer(tokens["write"])
    clock = client.get(f"/api/v1/requests/{request_id}/clocks", headers=headers).get_json()["items"][0]
    assert clock["due_on"] == "2022-06-07"
    authority_id = client.get(f"/api/v1/requests/{request_id}", headers=headers).get_json()["authority_id"]
    changed = client.patch(f"/api/v1/authorities/{authority_id}", headers=headers,
                           json={"receipt_convention": "next-working-day"})
    assert changed.status_code == 200 and changed.get_json()["receipt_convention"] == "next-working-day"
    clock = client.get(f"/api/v1/requests/{request_id}/clocks", headers=headers).get_json()["items"][0]
    assert clock["due_on"] == "2022-06-08"
    with app.app_context():
        event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "authority.updated")).one()
        assert (event.actor_id, event.before["receipt_convention"], event.after["receipt_convention"]) == (
            actors.ids["editor"], "arrival", "next-working-day")


def test_a_hostile_file_uploaded_with_others_is_refused_alone(app, api_world, tokens):
    import io

    from tests.documents.test_xml_entities import _message, hostile

    client = app.test_client()
    files = [(io.BytesIO(b"Minutes about the zephyrine contract."), "a.txt"),
             (io.BytesIO(hostile("docx", "billion-laughs")), "release.docx")]
    answer = client.post(f"/api/v1/requests/{api_world['request_id']}/documents", headers=bearer(tokens["write"]),
                         data={"files": files}, content_type="multipart/form-data")
    assert answer.status_code == 202
    items = [(job["filename"], job["state"], job["search"], job["never_readable"], job["reason"])
             for job in answer.get_json()["items"]]
    reason = ("Refused, nothing stored: This document " + _message("word/document.xml") + "; it is how a file "
              'expands without end ("billion laughs") or reads files on the server, so it was refused.')
    assert items == [("a.txt", "done", "indexed", False, ""), ("release.docx", "failed", None, True, reason)]
    status = client.get(answer.get_json()["items"][1]["status_url"], headers=bearer(tokens["read"])).get_json()
    assert (status["state"], status["can_retry"], status["reason"]) == ("failed", False, reason)


def test_only_me_on_a_request_no_one_opened_is_refused_not_lost(app, tokens, make_request, auth):
    """A request from an import or a command has no creator: "Only me" would hide it from everyone (new-user test)."""
    from tests.api.conftest import bearer

    client = app.test_client()
    path = f"/api/v1/requests/{make_request(title='Imported one')}"  # opened with actor=None, as an import is
    refused = client.patch(path, headers=bearer(tokens["write"]), json={"visibility": "private"})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {"visibility": [
        'This request was opened by an import or a command, so no one is on record as having opened it: '
        '"Only me" would hide it from everyone, you included.']}
    assert client.get(path, headers=bearer(tokens["write"])).get_json()["visibility"] == "team"
    auth.login("editor")
    assert auth.get(path.replace("/api/v1", "")).status_code == 200
