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
OK_STATUSES = {200, 302, 422}

#: Expected answers per actor, by the kind of page.
LIST = dict.fromkeys(ACTORS, 200)  # pages listing only what the visitor may see
READ = {"viewer": 200, "editor": 200, "admin": 200, "other": 404, "otheradmin": 404, "siteadmin": 404}
EDIT = {"viewer": 403, "editor": 200, "admin": 200, "other": 404, "otheradmin": 404, "siteadmin": 404}
CREATE = {"viewer": 403, "editor": 200, "admin": 200, "other": 200, "otheradmin": 200, "siteadmin": 200}
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
      "status": ""}),
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
    ("GET", "/requests/{request_id}/letters/chaser", EDIT, None),
    ("POST", "/requests/{request_id}/letters/chaser", _posted(EDIT), {}),
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
    ("POST", "/admin/non-working-days", _posted(SITE), {"day": "", "name": ""}),
    # Destructive ones last, so the pages above still find their objects.
    ("POST", "/documents/{document_id}/delete", _posted(EDIT), {}),
    ("POST", "/letters/templates/{template_id}/delete", _posted(EDIT), {}),
    ("POST", "/admin/non-working-days/{day_id}/delete", _posted(SITE), {}),
    ("POST", "/logout", {who: 302 for who in ACTORS}, {}),
]

#: URL parts that name the request or its contents, swapped for the private request's to test it too.
PRIVATE_SWAP = {"{request_id}": "{private_id}", "{entry_id}": "{private_entry_id}",
                "{document_id}": "{private_document_id}", "{event_id}": "{private_event_id}"}


def _private_expected(expected: dict) -> dict:
    """A teammate's private request: its owner (alpha's editor) as usual; everyone else, alpha's admin too, 404."""
    return {who: (status if who == "editor" else 404) for who, status in expected.items()}


def _private_routes() -> list:
    rows = []
    for method, url, expected, data in ROUTES:
        if any(part in url for part in PRIVATE_SWAP) and not url.endswith("/delete"):
            for part, swap in PRIVATE_SWAP.items():
                url = url.replace(part, swap)
            rows.append((method, url, _private_expected(expected), data))
    return rows


def _fill(text: str, world: dict) -> str:
    return text.format(**world)


@pytest.fixture
def world(app, actors, make_request):
    """Alpha's objects of every kind, a private request of alpha's editor with contents, an extra non-working day."""
    from casetracker.auth.models import Team
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
        template = upload_template(alpha, actor=None, name="Alpha letterhead", kind=None, filename="alpha.docx",
                                   data=LETTERHEAD)
        (outcome,) = import_mail_file(LOST, "lost.eml", team=alpha, actor=None)
        day = add_extra_day(date(2022, 9, 21), "Proclaimed day", "both", actor=None)
        db.session.commit()
        ids.update({"template_id": template.id, "message_id": outcome.unassigned_id, "day_id": day.id})
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
        status = _try(auth, method, _fill(url, world), data)
        if not _matches(status, expected[who]):
            wrong.append(f"{method} {url}: {status}, expected {expected[who]}")
    assert wrong == []


def test_every_route_anonymous_goes_to_login(app, world):
    client = app.test_client()
    wrong = []
    for method, url, _expected, data in ROUTES + _private_routes():
        if url.startswith("/login"):
            continue
        url = _fill(url, world)
        # No CSRF token: anonymous posts stop at the CSRF check (400) or at the login redirect.
        response = client.get(url) if method == "GET" else client.post(url, data=data or {})
        response.close()
        location = response.headers.get("Location", "")
        if not ((response.status_code == 302 and location.startswith("/login")) or
                (method == "POST" and response.status_code == 400)):
            wrong.append(f"{method} {url}: {response.status_code} {location}")
    assert wrong == []


def test_every_route_is_in_the_matrix(app):
    """A new route must be added to ROUTES, so it is tried as every visitor."""
    import re

    tried = {(method, re.sub(r"\{[a-z_]+\}", "<>", url.split("?")[0]).replace("/pages/1/", "/pages/<>/")
              .replace("/letters/chaser", "/letters/<>")) for method, url, _e, _d in ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "bootstrap.static"):
            continue
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
