"""Every POST form of the app, posted with each of its fields left out in turn, answers without a 500.

A browser sends every field of a form; a script need not. Each POST route
(found in ``app.url_map``, so a new route without a case here fails the test)
is posted once with a valid submission minus one field at a time. The answer
must be below 500, and a 4xx must carry a message for the user.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pytest
from bs4 import BeautifulSoup

from casetracker.extensions import db
from tests.conftest import PASSWORD
from tests.letters.test_letters_app_flow import form_values
from tests.letters.test_letters_team_templates import make_template

#: Buttons and the CSRF token are not form data a service reads (a missing token is a 400, tested elsewhere).
_SKIP = {"csrf_token", "submit", "generate", "preview"}


@pytest.fixture
def objects(app, actors, make_request, authority_alpha):
    """One of everything a POST route acts on, in team alpha (an FOI office); returns their ids."""
    from casetracker.deadlines.models import ExtraNonWorkingDay
    from casetracker.correspondence.services import record_correspondence
    from casetracker.documents.services import ingest_bytes, store_blob
    from casetracker.evidence.services import record_claim, record_event
    from casetracker.info_requests.models import InfoRequest, PublicAuthority
    from casetracker.letters.models import LetterTemplate
    from casetracker.mail.models import UnassignedMessage
    from casetracker.auth.models import Membership
    from casetracker.disclosure.models import Publication
    from casetracker.documents.models import SavedSearch
    from casetracker.officer.models import ThirdPartyConsultation
    from casetracker.tasks.constants import JobState
    from casetracker.tasks.models import Job
    from casetracker.teams.services import invite_member

    request_id = make_request(requester_name="Sian", requester_email="sian@example.org",
                              sent_on=date(2022, 5, 24))
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        outcome = ingest_bytes(b"The pilot began on 7 February 2022. Collection begins.", "minutes.txt",
                               team=r.team, info_request=r, actor=None)
        entry = record_correspondence(r, actor=None, kind="acknowledgement", direction="incoming",
                                      dated=date(2022, 5, 25))
        draft = record_correspondence(r, actor=None, kind="other", direction="outgoing", dated=None,
                                      state="draft")
        # A response, so the request can be published on the disclosure log.
        record_correspondence(r, actor=None, kind="response", direction="outgoing", dated=date(2022, 6, 10))
        event = record_event(r, actor=None, title="Collection began", date=None)
        claim = record_claim(r, actor=None, text="We did a DPIA first.")
        stored = store_blob(b"From: a@b\r\n\r\nbody", "message/rfc822")
        kept = UnassignedMessage(team_id=r.team_id, stored_file_id=stored.id, filename="x.eml",
                                 subject="Lost", message_id="lost@example.org",
                                 created_at=datetime(2022, 5, 1, tzinfo=timezone.utc))
        template_blob = store_blob(make_template(["{{p letter_body }}"]), "application/octet-stream")
        template = LetterTemplate(team_id=r.team_id, kind=None, name="Letterhead", filename="t.docx",
                                  sha256=template_blob.sha256, size=template_blob.size)
        day = ExtraNonWorkingDay(day=date(2030, 6, 3), name="Proclaimed day", calendar="both")
        consultation = ThirdPartyConsultation(request_id=r.id, team_id=r.team_id, third_party="Capita",
                                              consulted_on=date(2022, 5, 25), respond_by=date(2022, 6, 1))
        job = Job(team_id=r.team_id, request_id=r.id, filename="scan.pdf", state=JobState.FAILED, reason="x")
        saved = SavedSearch(user_id=actors.ids["admin"], query="pilot", filters=[])
        publication = Publication(request_id=r.id, team_id=r.team_id, summary="Pilot")
        from casetracker.release.models import RedactionMark
        from tests.release.fixtures import pdf_to_redact

        pdf = ingest_bytes(pdf_to_redact(), "board.pdf", team=r.team, info_request=r, actor=None).document
        mark = RedactionMark(document_id=pdf.id, text="Pat Clerk", page=1, reason="s40(2)")
        db.session.add_all([kept, template, day, consultation, job, saved, publication, mark])
        _invitation, token = invite_member(r.team, actor=None, email="newcomer@example.org", role="editor")
        membership = db.session.scalar(db.select(Membership).where(Membership.team_id == r.team_id,
                                                                   Membership.user_id == actors.ids["viewer"]))
        from casetracker.api_tokens.services import create_token
        from casetracker.auth.models import User

        api_token, _secret = create_token(db.session.get(User, actors.ids["admin"]), name="t", scope="read", actor=None)
        from tests.mailer.test_access_helpers import make_reset_token

        reset_token = make_reset_token(actors.ids["viewer"])
        r.team.authority_id = r.authority_id  # the FOI office's own authority: its public request form
        db.session.commit()
        return {
            "reset_token": reset_token,
            "request": request_id, "document": outcome.document.id, "entry": entry.id, "draft": draft.id,
            "event": event.id, "claim": claim.id, "message": kept.id, "template": template.id,
            "day": day.id, "authority": db.session.scalar(db.select(PublicAuthority.id)),
            "consultation": consultation.id, "job": job.id, "saved": saved.id, "publication": publication.id,
            "token": token, "membership": membership.id, "team": r.team_id, "api_token": api_token.id,
            "token": token, "membership": membership.id, "team": r.team_id, "pdf": pdf.id, "mark": mark.id,
        }


def _file(data: bytes, name: str):
    return lambda: (io.BytesIO(data), name)


def _cases(o: dict) -> dict[str, tuple[str, dict]]:
    """Endpoint -> (URL, a valid submission). Callables are files, made fresh for each post."""
    r = o["request"]
    return {
        "auth.login": ("/login", {"email": "admin@example.org", "password": PASSWORD}),
        "auth.logout": ("/logout", {}),
        "info_requests.create": ("/requests/new", {
            "title": "New request", "authority_id": str(o["authority"]), "regime": "foia", "body": "Text",
            "their_reference": "X1", "requester_name": "Sian", "requester_email": "sian@example.org",
            "requester_address": "Cardiff", "sent_on": "2022-05-24", "received_on": "2022-05-24",
            "visibility": "team", "tags": "pilot"}),
        "info_requests.edit": (f"/requests/{r}/edit", {
            "title": "Edited", "authority_id": str(o["authority"]), "regime": "foia", "body": "Text",
            "their_reference": "X1", "requester_name": "Sian", "requester_email": "sian@example.org",
            "requester_address": "Cardiff", "sent_on": "2022-05-24", "received_on": "2022-05-24",
            "visibility": "team", "tags": "pilot"}),
        "info_requests.update_stages": (f"/requests/{r}/stages", {
            "review_outcome": "upheld", "ico_reference": "IC-151664-D5Q4",
            "decision_notice_reference": "IC-1-X", "appeal_reference": "EA/2022/0001", "exemptions_cited": "s40(2)",
            "status": ""}),
        "info_requests.create_authority_view": ("/requests/authorities/new", {
            "name": "Cardiff Council", "nation": "wales", "default_regime": "foia",
            "foi_email": "foi@cardiff.gov.uk", "postal_address": "County Hall", "is_school": "y",
            "receipt_convention": "arrival"}),
        "info_requests.edit_authority": (f"/requests/authorities/{o['authority']}/edit", {
            "name": "Department for Education", "nation": "england", "default_regime": "foia",
            "foi_email": "foi@education.gov.uk", "postal_address": "London", "is_school": "y",
            "receipt_convention": "arrival"}),
        "correspondence.create": (f"/requests/{r}/correspondence/new", {
            "kind": "acknowledgement", "direction": "incoming", "dated": "2022-05-26", "outcome": "pending",
            "from_text": "foi@example.org", "to_text": "sian@example.org", "subject": "Ack", "body": "Thanks",
            "attachments": _file(b"Attached words.", "a.txt")}),
        "correspondence.show": (f"/requests/{r}/correspondence/{o['draft']}", {"sent_on": "2022-05-27"}),
        "correspondence.correct": (f"/requests/{r}/correspondence/{o['entry']}/correct", {
            "kind": "acknowledgement", "direction": "incoming", "dated": "2022-05-25", "outcome": "pending"}),
        "correspondence.sent": (f"/requests/{r}/correspondence/{o['draft']}/sent", {"sent_on": "2022-05-27"}),
        "documents.upload": (f"/requests/{r}/documents", {"files": _file(b"Released words.", "r.txt")}),
        "documents.edit_parties": (f"/documents/{o['document']}/parties", {"sender": "DfE", "recipient": "Sian"}),
        "documents.delete": (f"/documents/{o['document']}/delete", {}),
        "evidence.add_claim": (f"/requests/{r}/claims/new", {
            "text": "We consulted the ICO.", "made_by": "DfE", "made_by_authority_id": "0",
            "made_on": "2022-02-08", "recorded_in_correspondence_id": "0",
            "recorded_in_document_id": str(o["document"]), "recorded_in_page": "1"}),
        "evidence.add_event": (f"/requests/{r}/events/new", {
            "title": "DPIA dated", "date": "15 February 2022", "description": "v1", "correspondence_id": "0"}),
        "evidence.change_date": (f"/requests/{r}/events/{o['event']}/date", {"date": "7 February 2022"}),
        "evidence.add_assertion": (f"/requests/{r}/assertions/new", {
            "title": "Before", "first_event_id": str(o["event"]), "relation": "on-or-before",
            "second_event_id": str(o["event"]), "n": "", "calendar": "uk", "claim_id": str(o["claim"])}),
        "evidence.link_from_page": (f"/documents/{o['document']}/pages/1/evidence", {
            "quote": "Collection begins.", "stance": "supports", "claim_id": str(o["claim"]),
            "event_id": "0", "note": "p1"}),
        "evidence.make_event": (f"/documents/{o['document']}/dates/events", {
            "page": "1", "start": "19", "title": "Pilot began"}),
        "mail.upload": (f"/requests/{r}/mail", {"files": _file(b"From: a@b\r\nSubject: x\r\n\r\nhi", "m.eml")}),
        "mail.import_files": ("/mail/import", {
            "team_id": "1", "files": _file(b"From: a@b\r\nSubject: y\r\n\r\nhi", "n.eml")}),
        "mail.assign": (f"/mail/unassigned/{o['message']}/assign", {"request_id": str(r)}),
        "letters.compose": (f"/requests/{r}/letters/acknowledgement", None),  # fields read from the page
        "letters.templates": ("/letters/templates", {
            "name": "Another", "kind": "chaser", "file": _file(make_template(["{{p letter_body }}"]), "t.docx")}),
        "letters.delete": (f"/letters/templates/{o['template']}/delete", {}),
        "admin.non_working_days": ("/admin/non-working-days", {
            "day": "2030-06-04", "name": "Another day", "calendar": "both"}),
        "admin.delete_non_working_day": (f"/admin/non-working-days/{o['day']}/delete", {}),
        "documents.batch": ("/search/batch", {"terms": "pilot\ncollection", "file": _file(b"board", "t.txt")}),
        "documents.saved": ("/search/saved", {"q": "pilot", "f": "type:txt"}),
        "documents.open_saved": (f"/search/saved/{o['saved']}/open", {}),
        "documents.delete_saved": (f"/search/saved/{o['saved']}/delete", {}),
        "documents.set_team_ocr_languages": (f"/teams/{o['team']}/ocr-languages", {
            "ocr_languages": "cym+eng", "request_id": str(r)}),
        "info_requests.import_csv": ("/requests/import", {
            "team_id": str(o["team"]),
            "file": _file(b"title,authority,received_on\nImported,Cardiff Council,2022-05-24\n", "r.csv")}),
        "officer.assign": (f"/requests/{r}/case/assign", {"case-stage": "case", "case-officer": ""}),
        "officer.opinion": (f"/requests/{r}/case/opinion", {
            "opinion-qualified_person": "Jo Smith, Chief Executive", "opinion-given_on": "2022-05-30"}),
        "officer.consult": (f"/requests/{r}/case/consultations", {
            "consult-third_party": "Capita plc", "consult-consulted_on": "2022-05-26",
            "consult-respond_by": "2022-06-02"}),
        "officer.consultation_outcome": (f"/requests/{r}/case/consultations/{o['consultation']}", {
            f"c{o['consultation']}-outcome": "objects", f"c{o['consultation']}-notes": "s43"}),
        "officer.cost_limit": (f"/requests/{r}/cost-limit", {
            "determining": "2", "locating": "10", "retrieving": "5", "extracting": "3", "aggregate": "",
            "advice": "Narrow it to 2021."}),
        "tasks.retry": (f"/jobs/{o['job']}/retry", {"force_ocr": "y"}),
        "disclosure.publish": (f"/requests/{r}/publish", {
            "embargo_until": "2030-01-01", "exemptions": "s40(2)", "summary": "The pilot"}),
        "disclosure.withdraw": (f"/requests/{r}/unpublish", {}),
        "release.check": (f"/documents/{o['pdf']}/release-check", {}),
        "release.acknowledge": (f"/documents/{o['pdf']}/release-check/acknowledge", {"ack-findings": "x"}),
        "release.remove": (f"/documents/{o['pdf']}/redact/marks/{o['mark']}/delete", {}),
        "release.add": (f"/documents/{o['pdf']}/redact/marks", {
            "mark-text": "Jo Bloggs", "mark-page": "1", "mark-area": "", "mark-reason": "s40(2)"}),
        "release.redact": (f"/documents/{o['pdf']}/redact", {"redact-rasterise": "y"}),
        "teams.members": (f"/teams/{o['team']}/members", {"email": "new@example.org", "role": "editor"}),
        "teams.role": (f"/teams/{o['team']}/members/{o['membership']}/role", {f"m{o['membership']}-role": "editor"}),
        "teams.remove": (f"/teams/{o['team']}/members/{o['membership']}/remove", {}),
        "privacy.export": (f"/teams/{o['team']}/requesters/export", {"email": "sian@example.org"}),
        "teams.school_terms": (f"/teams/{o['team']}/school-terms", {"terms": "2022-01-05 2022-02-11"}),
        "intake.request_form": (f"/foi/{o['team']}", {"name": "Jo Bloggs", "email": "jo@example.net",
                                                      "postal_address": "", "description": "Gritting contracts"}),
        "teams.accept": (f"/invitations/{o['token']}", {"name": "New Person", "password": "a long new password"}),
        "api_tokens.index": ("/account/tokens", {"name": "A script", "scope": "write"}),
        "api_tokens.revoke": (f"/account/tokens/{o['api_token']}/revoke", {}),
        # Issue 16: calendar feed links, email settings, password resets, the team mailbox, letters by email.
        "calendar_feeds.reset_own": ("/account/calendar", {}),
        "calendar_feeds.reset_team": (f"/teams/{o['team']}/calendar", {}),
        "mailer.settings": ("/account/notifications", {"daily_digest": "y", "search_alerts": "y"}),
        "mailer.reset_request": ("/password-reset", {"email": "viewer@example.org"}),
        "mailer.reset": (f"/password-reset/{o['reset_token']}", {
            "password": "lantern orchard violet quarry", "confirm": "lantern orchard violet quarry"}),
        "mailbox.settings": (f"/teams/{o['team']}/mailbox", {
            "imap_host": "127.0.0.1", "imap_port": "1", "imap_security": "none", "imap_username": "foi@example.org",
            "imap_password": "secret", "folders": "INBOX", "smtp_host": "127.0.0.1", "smtp_port": "1",
            "smtp_security": "none", "smtp_username": "", "smtp_password": "", "from_address": "foi@example.org"}),
        "mailbox.fetch": (f"/teams/{o['team']}/mailbox/fetch", {}),
        "mailbox.send_by_email": (f"/requests/{r}/correspondence/{o['draft']}/email", {
            "to": "sian@example.org", "note": "Our letter."}),
        # Last before logout and login: the password changes on the first (whole) submission.
        "auth.password": ("/account/password", {
            "current_password": PASSWORD, "new_password": "another long password", "confirm": "another long password"}),
    }


def _message_of(response) -> str:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    for selector in (".invalid-feedback", ".alert", "main", "body"):
        found = " ".join(t.get_text(" ", strip=True) for t in soup.select(selector))
        if found.strip():
            return found
    return response.get_data(as_text=True).strip()


def _post(auth, url: str, data: dict):
    body = {key: (value() if callable(value) else value) for key, value in data.items()}
    try:
        auth.token = auth._fetch_token("/")
    except AssertionError:  # logged out: the login page carries a token
        auth.token = auth._fetch_token("/login")
    return auth.post(url, body, content_type="multipart/form-data")


def test_every_post_route_has_a_case(app, objects):
    posted = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    # The JSON API's bodies are left out field by field in tests/api/test_api_absent_fields.py.
    posted -= {rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    assert posted == set(_cases(objects))


def test_each_field_left_out_in_turn_is_never_a_500(app, auth, objects):
    auth.login("admin")
    app.config["RATELIMIT_ENABLED"] = False
    checked, failures = 0, []
    for endpoint, (url, data) in _cases(objects).items():
        if endpoint in ("auth.login", "auth.logout"):
            continue  # posted last, logged out
        if data is None:
            data = {k: v for k, v in form_values(auth.get(url).get_data(as_text=True)).items() if k not in _SKIP}
            data["today"] = "2022-06-28"
        checked += _each_field_left_out(auth, endpoint, url, data, failures)
    for endpoint in ("auth.logout", "auth.login"):
        url, data = _cases(objects)[endpoint]
        checked += _each_field_left_out(auth, endpoint, url, data, failures)
    assert failures == [], "\n".join(map(str, failures))
    assert checked > 100


def _each_field_left_out(auth, endpoint: str, url: str, data: dict, failures: list) -> int:
    for field in [None, *data]:
        try:
            response = _post(auth, url, {k: v for k, v in data.items() if k != field})
        except Exception as exc:  # TESTING propagates what would be a 500
            failures.append((endpoint, field, repr(exc)[:200]))
            continue
        if response.status_code >= 500 or (400 <= response.status_code < 500 and not _message_of(response)):
            failures.append((endpoint, field, response.status_code))
    return len(data) + 1


def test_stages_posted_without_fields_save_nothing_and_say_why(app, auth, objects):
    from casetracker.info_requests.models import InfoRequest

    auth.login("editor")
    response = auth.post(f"/requests/{objects['request']}/stages", {"ico_reference": "IC-151664-D5Q4"},
                         follow_redirects=True)
    assert response.status_code == 200
    assert ("The stages could not be saved: Internal review outcome: this field was missing from the "
            "form.") in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(InfoRequest, objects["request"]).ico_reference == ""
