"""Every route, as every kind of visitor, including a teammate's private request (404, never 403).

Visitors: anonymous; alpha's viewer, editor and admin; beta's editor ("other") and admin ("otheradmin");
a site administrator who is an editor in beta ("siteadmin"). The editor owns the private request, so
alpha's viewer and admin are the teammates it must be hidden from.

``test_every_route_is_in_the_matrix`` fails when a route is added without a row here.
"""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.extensions import db
from tests.conftest import AuthClient

ACTORS = ["viewer", "editor", "admin", "other", "otheradmin", "siteadmin"]
#: A successful or refused-by-validation answer: the visitor got past the permission check.
OK = "ok"
OK_STATUSES = {200, 302, 303, 422}

#: Expected answers per actor, by the kind of page.
LIST = dict.fromkeys(ACTORS, 200)  # pages listing only what the visitor may see
READ = {"viewer": 200, "editor": 200, "admin": 200, "other": 404, "otheradmin": 404, "siteadmin": 404}
EDIT = {"viewer": 403, "editor": 200, "admin": 200, "other": 404, "otheradmin": 404, "siteadmin": 404}
CREATE = {"viewer": 403, "editor": 200, "admin": 200, "other": 200, "otheradmin": 200, "siteadmin": 200}
#: Team administration: a teammate who is not the team's admin is refused (403); another team, 404.
TEAM_ADMIN = {"viewer": 403, "editor": 403, "admin": 200, "other": 404, "otheradmin": 404, "siteadmin": 404}
#: A user's own object (alpha's editor's saved search): nobody else learns it exists.
OWN = {"viewer": 404, "editor": 200, "admin": 404, "other": 404, "otheradmin": 404, "siteadmin": 404}
#: Public pages (the disclosure log, an invitation link): the same answer for everyone, also without login.
PUBLIC = dict.fromkeys(ACTORS, 200)
NOT_FOUND = dict.fromkeys(ACTORS, 404)
SITE = {"viewer": 404, "editor": 404, "admin": 404, "other": 404, "otheradmin": 404, "siteadmin": 200}


def _posted(expected: dict) -> dict:
    """The answers to a POST: refusals stay, a 200 page becomes 'got past the check'."""
    return {who: OK if status == 200 else status for who, status in expected.items()}


#: (method, url, expected per actor, form data). ``{x}`` are filled from the ``world`` fixture.
ROUTES = [
    ("GET", "/", LIST, None),
    ("GET", "/login", {who: 302 for who in ACTORS}, None),  # logged in: on to the dashboard
    ("POST", "/login", {who: 302 for who in ACTORS}, {"email": "x@example.org", "password": "x"}),
    ("GET", "/account/password", LIST, None),
    ("POST", "/account/password", _posted(LIST), {"current_password": "wrong", "new_password": "x", "confirm": "x"}),
    ("GET", "/requests/", LIST, None),
    ("GET", "/requests/new", CREATE, None),
    ("POST", "/requests/new", _posted(CREATE), {"title": "New", "received_on": "2022-05-24"}),
    ("GET", "/requests/authorities", LIST, None),
    ("GET", "/requests/authorities/new", CREATE, None),
    ("POST", "/requests/authorities/new", _posted(CREATE), {"name": ""}),
    ("GET", "/requests/authorities/{authority_id}/edit", EDIT, None),
    ("POST", "/requests/authorities/{authority_id}/edit", _posted(EDIT), {"name": ""}),
    ("GET", "/requests/{request_id}", READ, None),
    ("GET", "/requests/{request_id}/edit", EDIT, None),
    ("POST", "/requests/{request_id}/edit", _posted(EDIT), {"title": ""}),
    ("POST", "/requests/{request_id}/stages", _posted(EDIT),
     {"review_outcome": "", "ico_reference": "IC-151664-D5Q4", "decision_notice_reference": "", "appeal_reference": "",
      "exemptions_cited": "", "status": ""}),
    ("GET", "/requests/{request_id}/correspondence/new", EDIT, None),
    ("POST", "/requests/{request_id}/correspondence/new", _posted(EDIT),
     {"kind": "response", "direction": "incoming", "dated": "", "outcome": "pending"}),
    ("GET", "/requests/{request_id}/correspondence/{entry_id}", READ, None),
    ("POST", "/requests/{request_id}/correspondence/{entry_id}", _posted(READ), {}),  # shows the page, changes nothing
    ("POST", "/requests/{request_id}/correspondence/{entry_id}/correct", _posted(EDIT),
     {"kind": "response", "direction": "incoming", "dated": "", "outcome": "pending"}),
    ("POST", "/requests/{request_id}/correspondence/{entry_id}/sent", _posted(EDIT), {"sent_on": ""}),
    ("GET", "/requests/{request_id}/documents", READ, None),
    ("POST", "/requests/{request_id}/documents", _posted(EDIT), {}),
    ("GET", "/documents/{document_id}", READ, None),
    ("GET", "/documents/{document_id}/download", READ, None),
    ("GET", "/documents/{document_id}/dates", READ, None),
    ("POST", "/documents/{document_id}/dates/events", _posted(EDIT), {"page": "", "start": ""}),
    ("GET", "/documents/{document_id}/pages/1/evidence", EDIT, None),
    ("POST", "/documents/{document_id}/pages/1/evidence", _posted(EDIT), {"quote": "", "stance": "supports"}),
    ("GET", "/search?q=minutes", LIST, None),
    ("GET", "/chronology", LIST, None),
    ("GET", "/requests/{request_id}/chronology", READ, None),
    ("GET", "/requests/{request_id}/chronology.csv", READ, None),
    ("GET", "/requests/{request_id}/chronology.docx", READ, None),
    ("GET", "/requests/{request_id}/claims/new", EDIT, None),
    ("POST", "/requests/{request_id}/claims/new", _posted(EDIT), {"text": ""}),
    ("GET", "/requests/{request_id}/events/new", EDIT, None),
    ("POST", "/requests/{request_id}/events/new", _posted(EDIT), {"title": "", "date": ""}),
    ("GET", "/requests/{request_id}/events/{event_id}/date", EDIT, None),
    ("POST", "/requests/{request_id}/events/{event_id}/date", _posted(EDIT), {"date": ""}),
    ("GET", "/requests/{request_id}/assertions/new", EDIT, None),
    ("POST", "/requests/{request_id}/assertions/new", _posted(EDIT), {"title": ""}),
    ("GET", "/requests/{request_id}/letters", EDIT, None),
    ("GET", "/requests/{request_id}/letters/acknowledgement", EDIT, None),
    ("POST", "/requests/{request_id}/letters/acknowledgement", _posted(EDIT), {}),
    ("GET", "/requests/{request_id}/mail", EDIT, None),
    ("POST", "/requests/{request_id}/mail", _posted(EDIT), {}),
    ("GET", "/letters/templates", LIST, None),
    ("POST", "/letters/templates", _posted(CREATE), {"name": ""}),
    ("GET", "/letters/templates/{template_id}/download", READ, None),
    ("GET", "/mail/import", CREATE, None),
    ("POST", "/mail/import", _posted(CREATE), {}),
    ("GET", "/mail/unassigned", LIST, None),
    ("GET", "/mail/unassigned/{message_id}/download", READ, None),
    ("POST", "/mail/unassigned/{message_id}/assign", _posted(EDIT), {"request_id": "0"}),
    ("GET", "/admin/non-working-days", SITE, None),
    # Requests imported from CSV: into a team the visitor may edit.
    ("GET", "/requests/import", CREATE, None),
    ("POST", "/requests/import", _posted(CREATE), {}),
    # Search: results, export, batch, saved searches (each user's own).
    ("GET", "/search.csv?q=minutes", LIST, None),
    ("GET", "/search/batch", LIST, None),
    ("POST", "/search/batch", _posted(LIST), {"terms": "minutes"}),
    ("GET", "/search/saved", LIST, None),
    ("POST", "/search/saved", _posted(LIST), {"q": "minutes"}),
    ("POST", "/search/saved/{saved_id}/open", _posted(OWN), {}),
    ("POST", "/documents/{document_id}/parties", _posted(EDIT), {"sender": "DfE", "recipient": "Jo"}),
    # Officer pages: alpha is an FOI office.
    ("GET", "/requests/{request_id}/case", READ, None),
    ("POST", "/requests/{request_id}/case/assign", _posted(EDIT), {"case-stage": "case", "case-officer": ""}),
    ("POST", "/requests/{request_id}/case/opinion", _posted(EDIT),
     {"opinion-qualified_person": "", "opinion-given_on": ""}),
    ("POST", "/requests/{request_id}/case/consultations", _posted(EDIT),
     {"consult-third_party": "", "consult-consulted_on": "", "consult-respond_by": ""}),
    ("POST", "/requests/{request_id}/case/consultations/{consultation_id}", _posted(EDIT),
     {"c{consultation_id}-outcome": "pending", "c{consultation_id}-notes": ""}),
    ("GET", "/requests/{request_id}/cost-limit", READ, None),
    ("POST", "/requests/{request_id}/cost-limit", _posted(EDIT), {"determining": "x"}),
    ("GET", "/officer/workload", LIST, None),
    ("GET", "/officer/performance", READ, None),  # beta is not an FOI office: no report (404)
    ("GET", "/officer/performance.csv", READ, None),
    # Statistics per authority (issue 16): a team's tracked requests, per authority asked.
    ("GET", "/teams/{team_id}/authorities", READ, None),
    ("GET", "/teams/{team_id}/authorities.csv", READ, None),
    ("GET", "/teams/{team_id}/authorities/{authority_id}", READ, None),
    # Processing pages and Retry.
    ("GET", "/processing", {who: 302 for who in ACTORS}, None),  # on to the user's first team
    ("GET", "/requests/{request_id}/processing", READ, None),
    ("GET", "/requests/{request_id}/processing.json", READ, None),
    ("GET", "/teams/{team_id}/processing", READ, None),
    ("GET", "/teams/{team_id}/processing.json", READ, None),
    ("POST", "/jobs/{job_id}/retry", _posted(EDIT), {}),
    # Team administration and the team's OCR languages.
    ("GET", "/teams/{team_id}/members", TEAM_ADMIN, None),
    ("POST", "/teams/{team_id}/members", _posted(TEAM_ADMIN), {"email": "", "role": "editor"}),
    ("POST", "/teams/{team_id}/members/{membership_id}/role", _posted(TEAM_ADMIN),
     {"m{membership_id}-role": "viewer"}),
    ("POST", "/teams/{team_id}/ocr-languages", _posted(TEAM_ADMIN), {"ocr_languages": "eng"}),
    # The team's school term dates (SI 2004/3364, issue 15).
    ("GET", "/teams/{team_id}/school-terms", TEAM_ADMIN, None),
    ("POST", "/teams/{team_id}/school-terms", _posted(TEAM_ADMIN), {"terms": "2022-01-05 2022-02-11"}),
    # Disclosure: publishing from a request page; the public log.
    ("GET", "/requests/{request_id}/publish", EDIT, None),
    ("POST", "/requests/{request_id}/publish", _posted(EDIT), {"embargo_until": "x"}),
    ("GET", "/disclosure-log", PUBLIC, None),
    ("GET", "/disclosure-log/{publication_id}", PUBLIC, None),
    ("GET", "/disclosure-log/{private_publication_id}", NOT_FOUND, None),  # embargoed
    # A document not released with the response is not published.
    ("GET", "/disclosure-log/{publication_id}/documents/{document_id}", NOT_FOUND, None),
    ("GET", "/invitations/{invitation_token}", PUBLIC, None),
    # The FOI office's public request form (issue 14); a form sent back with errors creates nothing.
    ("GET", "/foi/{team_id}", PUBLIC, None),
    ("POST", "/foi/{team_id}", _posted(PUBLIC), {"name": "", "email": "", "postal_address": "", "description": ""}),
    ("GET", "/foi/{team_id}/thanks", PUBLIC, None),
    ("GET", "/invitations/not-a-token", NOT_FOUND, None),
    ("POST", "/admin/non-working-days", _posted(SITE), {"day": "", "name": ""}),
    # Calendar feeds, email settings, password resets, the team mailbox, letters by email (issue 16).
    ("GET", "/calendar/{calendar_token}.ics", PUBLIC, None),
    ("GET", "/account/notifications", LIST, None),
    ("POST", "/account/notifications", _posted(LIST), {"daily_digest": "y"}),
    ("GET", "/password-reset", PUBLIC, None),
    ("POST", "/password-reset", _posted(PUBLIC), {"email": "nobody@example.org"}),
    ("GET", "/password-reset/{reset_token}", PUBLIC, None),
    ("GET", "/password-reset/not-a-token", NOT_FOUND, None),
    ("POST", "/password-reset/{reset_token}", _posted(PUBLIC), {"password": "short", "confirm": "short"}),
    ("GET", "/teams/{team_id}/mailbox", TEAM_ADMIN, None),
    ("POST", "/teams/{team_id}/mailbox", _posted(TEAM_ADMIN), {"imap_host": ""}),
    ("POST", "/teams/{team_id}/mailbox/fetch", _posted(TEAM_ADMIN), {}),
    ("GET", "/requests/{request_id}/correspondence/{entry_id}/email", EDIT, None),
    ("POST", "/requests/{request_id}/correspondence/{entry_id}/email", _posted(EDIT), {"to": ""}),
    # Retention and requester rights (issue 17).
    ("GET", "/admin/retention", SITE, None),
    ("GET", "/teams/{team_id}/requesters/export", TEAM_ADMIN, None),
    ("POST", "/teams/{team_id}/requesters/export", _posted(TEAM_ADMIN), {"email": "sian@example.org"}),
    # Release-safety check and redaction (issue 17): editors of the team; the text document is not a PDF (422).
    ("POST", "/documents/{document_id}/release-check", _posted(EDIT), {}),
    ("POST", "/documents/{document_id}/release-check/acknowledge", _posted(EDIT), {}),
    ("GET", "/documents/{document_id}/redact", EDIT, None),
    ("POST", "/documents/{document_id}/redact", _posted(EDIT), {}),
    ("POST", "/documents/{document_id}/redact/marks", _posted(EDIT),
     {"mark-text": "board", "mark-page": "1", "mark-area": "", "mark-reason": "s40(2)"}),
    # Destructive ones last, so the pages above still find their objects.
    ("POST", "/documents/{document_id}/redact/marks/{mark_id}/delete", _posted(EDIT), {}),
    ("POST", "/documents/{document_id}/delete", _posted(EDIT), {}),
    ("POST", "/letters/templates/{template_id}/delete", _posted(EDIT), {}),
    ("POST", "/admin/non-working-days/{day_id}/delete", _posted(SITE), {}),
    ("POST", "/search/saved/{saved_id}/delete", _posted(OWN), {}),
    ("POST", "/requests/{request_id}/unpublish", _posted(EDIT), {}),
    ("POST", "/teams/{team_id}/members/{membership_id}/remove", _posted(TEAM_ADMIN), {}),
    ("POST", "/invitations/{invitation_token}", _posted(PUBLIC), {"name": "New", "password": "short"}),
    # Personal API tokens (issue 16): each user's own; the API itself is tried in tests/api/test_api_matrix.py.
    ("GET", "/account/tokens", LIST, None),
    ("POST", "/account/tokens", _posted(LIST), {"name": "", "scope": "read"}),
    ("POST", "/account/tokens/{api_token_id}/revoke", _posted(OWN), {}),
    ("POST", "/account/calendar", _posted(LIST), {}),  # resets the visitor's own feed link
    ("POST", "/teams/{team_id}/calendar", _posted(TEAM_ADMIN), {}),
    ("POST", "/logout", {who: 302 for who in ACTORS}, {}),
]

#: URL parts that name the request or its contents, swapped for the private request's to test it too.
PRIVATE_SWAP = {"{request_id}": "{private_id}", "{entry_id}": "{private_entry_id}",
                "{document_id}": "{private_document_id}", "{event_id}": "{private_event_id}",
                "{consultation_id}": "{private_consultation_id}", "{job_id}": "{private_job_id}"}


def _private_expected(expected: dict) -> dict:
    """A teammate's private request: its owner (alpha's editor) as usual; everyone else, alpha's admin too, 404."""
    return {who: (status if who == "editor" else 404) for who, status in expected.items()}


def _private_routes() -> list:
    rows = []
    for method, url, expected, data in ROUTES:
        if any(part in url for part in PRIVATE_SWAP) and not url.endswith("/delete"):
            for part, swap in PRIVATE_SWAP.items():
                url = url.replace(part, swap)
                if data:
                    data = {k.replace(part, swap): v.replace(part, swap) for k, v in data.items()}
            rows.append((method, url, _private_expected(expected), data))
    return rows


#: Reachable without login: the public disclosure log and invitation links.
PUBLIC_PREFIXES = ("/disclosure-log", "/invitations/")
PUBLIC_PREFIXES += ("/calendar/", "/password-reset")  # a secret feed URL; resetting a forgotten password
PUBLIC_PREFIXES += ("/foi/",)  # an FOI office's request form (issue 14)


def _fill(text: str, world: dict) -> str:
    return text.format(**world)


def _fill_data(data: dict | None, world: dict) -> dict | None:
    return None if data is None else {_fill(k, world): _fill(v, world) for k, v in data.items()}


@pytest.fixture
def world(app, actors, make_request, authority_alpha):
    """Alpha's objects of every kind, a private request of alpha's editor with contents, an extra non-working day.

    Alpha is an FOI office (for the officer pages); beta is a requester team.
    """
    from casetracker.auth.models import Membership, Team
    from casetracker.disclosure.models import Publication
    from casetracker.documents.models import SavedSearch
    from casetracker.officer.models import ThirdPartyConsultation
    from casetracker.tasks.constants import JobState
    from casetracker.tasks.models import Job
    from casetracker.teams.services import invite_member
    from casetracker.correspondence.services import record_correspondence
    from casetracker.deadlines.services import add_extra_day
    from casetracker.documents.services import ingest_bytes
    from casetracker.evidence.fuzzy_dates import FuzzyDate
    from casetracker.evidence.services import record_event
    from casetracker.info_requests.models import InfoRequest
    from casetracker.letters.services import upload_template
    from casetracker.mail.services import import_mail_file
    from tests.letters.test_letters_access import LETTERHEAD
    from tests.mail.test_import_web import LOST

    request_id = make_request(requester_name="Jo Bloggs", sent_on=date(2022, 5, 24))
    private_id = make_request(title="Private one", visibility="private")
    with app.app_context():
        alpha = db.session.get(Team, actors.team_ids["alpha"])
        ids = {"request_id": request_id, "private_id": private_id}
        for prefix, rid in (("", request_id), ("private_", private_id)):
            r = db.session.get(InfoRequest, rid)
            if prefix:
                r.created_by_id = actors.ids["editor"]
            document = ingest_bytes(f"The board met on 3 May 2022. Minutes {prefix}".encode(), f"{prefix}minutes.txt",
                                    team=alpha, info_request=r, actor=None).document
            entry = record_correspondence(r, actor=None, kind="acknowledgement", direction="incoming",
                                          dated=date(2022, 5, 25))
            event = record_event(r, actor=None, title="Board meeting", date=FuzzyDate(2022, 5, 3))
            ids.update({f"{prefix}document_id": document.id, f"{prefix}entry_id": entry.id,
                        f"{prefix}event_id": event.id})
            ids.setdefault("authority_id", r.authority_id)
            consultation = ThirdPartyConsultation(request_id=r.id, team_id=r.team_id, third_party="Capita",
                                                  consulted_on=date(2022, 5, 25), respond_by=date(2022, 6, 1))
            job = Job(team_id=r.team_id, request_id=r.id, filename=f"{prefix}scan.pdf", state=JobState.FAILED,
                      reason="Unreadable")
            # The team's request is on the log now; the private one only after an embargo.
            publication = Publication(request_id=r.id, team_id=r.team_id, summary="Board minutes",
                                      embargo_until=date(2099, 1, 1) if prefix else None)
            db.session.add_all([consultation, job, publication])
            db.session.flush()
            ids.update({f"{prefix}consultation_id": consultation.id, f"{prefix}job_id": job.id,
                        f"{prefix}publication_id": publication.id})
        template = upload_template(alpha, actor=None, name="Alpha letterhead", kind=None, filename="alpha.docx",
                                   data=LETTERHEAD)
        (outcome,) = import_mail_file(LOST, "lost.eml", team=alpha, actor=None)
        day = add_extra_day(date(2022, 9, 21), "Proclaimed day", "both", actor=None)
        saved = SavedSearch(user_id=actors.ids["editor"], query="minutes", filters=[])
        from casetracker.release.models import RedactionMark

        mark = RedactionMark(document_id=ids["document_id"], text="board", page=1, reason="s40(2)")
        db.session.add_all([saved, mark])
        _invitation, token = invite_member(alpha, actor=None, email="newcomer@example.org", role="editor")
        membership = db.session.scalar(db.select(Membership).where(Membership.team_id == alpha.id,
                                                                   Membership.user_id == actors.ids["viewer"]))
        from casetracker.api_tokens.services import create_token
        from casetracker.auth.models import User

        api_token, _secret = create_token(db.session.get(User, actors.ids["editor"]), name="t", scope="read", actor=None)
        ids["api_token_id"] = api_token.id
        from casetracker.calendar_feeds.services import feed_for
        from tests.mailer.test_access_helpers import make_reset_token

        calendar_feed = feed_for(user=db.session.get(User, actors.ids["editor"]), actor=None)
        ids.update({"calendar_token": calendar_feed.token, "reset_token": make_reset_token(actors.ids["viewer"])})
        db.session.commit()
        alpha.authority_id = ids["authority_id"]  # the FOI office's own authority: its public request form
        db.session.commit()
        ids.update({"template_id": template.id, "message_id": outcome.unassigned_id, "day_id": day.id,
                    "team_id": alpha.id, "saved_id": saved.id, "invitation_token": token,
                    "membership_id": membership.id, "mark_id": mark.id})
        return ids


def _try(auth: AuthClient, method: str, url: str, data: dict | None):
    response = auth.get(url) if method == "GET" else auth.post(url, data)
    response.close()
    return response.status_code


def _matches(status: int, expected) -> bool:
    return status in OK_STATUSES if expected == OK else status == expected


@pytest.mark.parametrize("who", ACTORS)
def test_every_route_as(app, world, who):
    auth = AuthClient(app.test_client())
    auth.login(who)
    wrong = []
    # Private rows first: the destructive rows at the end of ROUTES, and logout, come after them.
    for method, url, expected, data in _private_routes() + ROUTES:
        status = _try(auth, method, _fill(url, world), _fill_data(data, world))
        if not _matches(status, expected[who]):
            wrong.append(f"{method} {url}: {status}, expected {expected[who]}")
    assert wrong == []


def test_every_route_anonymous_goes_to_login(app, world):
    client = app.test_client()
    wrong = []
    for method, url, _expected, data in ROUTES + _private_routes():
        if url.startswith("/login"):
            continue
        if url.startswith(PUBLIC_PREFIXES):
            continue  # tried without login in test_public_pages_anonymous
        url = _fill(url, world)
        data = _fill_data(data, world)
        # No CSRF token: anonymous posts stop at the CSRF check (400) or at the login redirect.
        response = client.get(url) if method == "GET" else client.post(url, data=data or {})
        response.close()
        location = response.headers.get("Location", "")
        if not ((response.status_code == 302 and location.startswith("/login")) or
                (method == "POST" and response.status_code == 400)):
            wrong.append(f"{method} {url}: {response.status_code} {location}")
    assert wrong == []


def test_public_pages_anonymous(app, world):
    """The disclosure log and invitation links answer without login, the same as to anyone."""
    client = app.test_client()
    wrong = []
    for method, url, expected, _data in ROUTES:
        if method == "GET" and url.startswith(PUBLIC_PREFIXES):
            response = client.get(_fill(url, world))
            response.close()
            if response.status_code != expected["viewer"]:
                wrong.append(f"{method} {url}: {response.status_code}, expected {expected['viewer']}")
    assert wrong == []


def test_every_route_is_in_the_matrix(app):
    """A new route must be added to ROUTES, so it is tried as every visitor."""
    import re

    tried = {(method, re.sub(r"\{[a-z_]+\}", "<>", url.split("?")[0]).replace("/pages/1/", "/pages/<>/")
              .replace("/letters/acknowledgement", "/letters/<>")) for method, url, _e, _d in ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "bootstrap.static"):
            continue
        if rule.rule.startswith("/api/"):
            continue  # the JSON API answers tokens, not sessions: every route has a row in tests/api/test_api_matrix.py
        shape = re.sub(r"<[^>]+>", "<>", rule.rule)
        for method in sorted(rule.methods & {"GET", "POST"}):
            if (method, shape) not in tried:
                missing.append(f"{method} {rule.rule}")
    assert missing == []


@pytest.mark.parametrize("who", ["viewer", "admin", "otheradmin", "siteadmin"])
def test_private_request_not_listed_for_anyone_but_its_owner(app, world, who):
    owner = AuthClient(app.test_client())
    owner.login("editor")
    assert "Private one" in owner.get("/requests/").get_data(as_text=True)
    assert "private_minutes.txt" in owner.get("/search?q=minutes").get_data(as_text=True)
    auth = AuthClient(app.test_client())
    auth.login(who)
    for url in ("/", "/requests/", "/chronology", "/mail/unassigned", "/search?q=minutes"):
        body = auth.get(url).get_data(as_text=True)
        assert "Private one" not in body and "private_minutes.txt" not in body, url
