"""Personal API tokens: the CLI's exact output, the account page, hashing, last use, revocation, cookies ignored."""

from __future__ import annotations

import hashlib
import json
import re

from casetracker.extensions import db
from tests.api.conftest import bearer
from tests.conftest import AuthClient


def _token_row(app, token_id: int):
    from casetracker.api_tokens.models import ApiToken

    with app.app_context():
        row = db.session.get(ApiToken, token_id)
        db.session.expunge(row)
        return row


def test_cli_create_prints_the_token_once_as_json_and_stores_only_its_hash(app, runner, actors):
    result = runner.invoke(args=["tokens", "create", "editor@example.org", "--name", "nightly sync",
                                 "--scope", "write", "--json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert list(printed) == ["token", "id"]
    assert re.fullmatch(r"ctk_[A-Za-z0-9_-]{43}", printed["token"])
    row = _token_row(app, printed["id"])
    assert (row.name, row.scope, row.user_id) == ("nightly sync", "write", actors.ids["editor"])
    assert row.token_sha256 == hashlib.sha256(printed["token"].encode()).hexdigest()
    assert row.shown == printed["token"][:10]
    with app.app_context():
        stored = db.session.execute(db.text("SELECT * FROM api_tokens")).mappings().one()
        assert printed["token"] not in json.dumps({k: str(v) for k, v in stored.items()})
    # It works, and once used, the list says when.
    assert app.test_client().get("/api/v1/requests", headers=bearer(printed["token"])).status_code == 200
    listed = json.loads(runner.invoke(args=["tokens", "list", "editor@example.org", "--json"]).output)
    assert [(t["id"], t["name"], t["scope"], t["shown"], t["revoked"]) for t in listed] == [
        (printed["id"], "nightly sync", "write", printed["token"][:10], None)]
    assert listed[0]["last_used"] is not None and listed[0]["created"] is not None


def test_cli_plain_create_revoke_and_list(app, runner, actors):
    plain = runner.invoke(args=["tokens", "create", "viewer@example.org", "--name", "read it", "--scope", "read"])
    assert plain.exit_code == 0
    secret = plain.output.strip()
    assert secret.startswith("ctk_")
    token_id = json.loads(runner.invoke(args=["tokens", "list", "viewer@example.org", "--json"]).output)[0]["id"]
    revoked = runner.invoke(args=["tokens", "revoke", str(token_id)])
    assert revoked.exit_code == 0
    assert revoked.output.strip() == f"Revoked token {token_id} (read it) of viewer@example.org."
    answer = app.test_client().get("/api/v1/requests", headers=bearer(secret))
    assert answer.status_code == 401
    assert answer.get_json() == {"error": {"status": 401, "message": "That API token is unknown or has been revoked."}}
    listing = runner.invoke(args=["tokens", "list", "viewer@example.org"]).output
    assert re.fullmatch(rf"\s*{token_id}  read   ctk_\S{{6}}…  read it  \(revoked \d{{4}}-\d\d-\d\d\)\n", listing)


def test_cli_refuses_bad_input_with_exit_2(runner, actors):
    assert runner.invoke(args=["tokens", "create", "nobody@example.org", "--name", "x", "--scope", "read"]).exit_code == 2
    assert runner.invoke(args=["tokens", "create", "editor@example.org", "--name", " ", "--scope", "read"]).exit_code == 2
    assert runner.invoke(args=["tokens", "create", "editor@example.org", "--name", "x", "--scope", "all"]).exit_code == 2
    assert runner.invoke(args=["tokens", "revoke", "999"]).exit_code == 2
    assert runner.invoke(args=["tokens", "list", "nobody@example.org"]).exit_code == 2


def test_account_page_creates_shows_once_and_revokes(app, auth, actors):
    auth.login("editor")
    page = auth.get("/account/tokens")
    assert page.status_code == 200 and "No tokens yet." in page.get_data(as_text=True)
    made = auth.post("/account/tokens", {"name": "laptop script", "scope": "read"})
    assert made.status_code == 200
    html = made.get_data(as_text=True)
    secret = re.search(r"<code class=\"user-select-all\">(ctk_[^<]+)</code>", html).group(1)
    assert "laptop script" in html and "never" in html
    # Shown once: the next view of the page has the name but not the token.
    again = auth.get("/account/tokens").get_data(as_text=True)
    assert "laptop script" in again and secret not in again
    client = app.test_client()
    assert client.get("/api/v1/requests", headers=bearer(secret)).status_code == 200
    used = auth.get("/account/tokens").get_data(as_text=True)
    assert "never" not in used  # the last use is shown
    # A read token may not write.
    refused = client.post("/api/v1/authorities", headers=bearer(secret), json={"name": "Cardiff Council"})
    assert refused.status_code == 403
    assert refused.get_json()["error"]["message"] == "This token may only read; make a write token to change records."
    token_id = int(re.search(r'action="/account/tokens/(\d+)/revoke"', used).group(1))
    assert auth.post(f"/account/tokens/{token_id}/revoke", {}, csrf=False).status_code == 400  # CSRF checked
    revoked = auth.post(f"/account/tokens/{token_id}/revoke", {})
    assert revoked.status_code == 200 and "revoked" in revoked.get_data(as_text=True)
    assert client.get("/api/v1/requests", headers=bearer(secret)).status_code == 401


def test_another_users_token_cannot_be_revoked(app, auth, tokens, runner):
    token_id = json.loads(runner.invoke(args=["tokens", "list", "other@example.org", "--json"]).output)[0]["id"]
    auth.login("editor")
    assert auth.post(f"/account/tokens/{token_id}/revoke", {}).status_code == 404
    assert _token_row(app, token_id).revoked_at is None


def test_account_page_refuses_an_empty_name(auth, actors):
    auth.login("editor")
    response = auth.post("/account/tokens", {"name": "", "scope": "write"})
    assert response.status_code == 422
    assert "Give the token a name." in response.get_data(as_text=True)


def test_the_api_ignores_a_logged_in_session_cookie(app, auth, api_world):
    """A browser logged in to the site is anonymous to the API: no token, no access (so no CSRF risk)."""
    auth.login("editor")
    assert auth.get(f"/requests/{api_world['request_id']}").status_code == 200
    response = auth.get(f"/api/v1/requests/{api_world['request_id']}")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="casetracker"'
    posted = auth.client.post("/api/v1/authorities", json={"name": "Sneaky"})
    assert posted.status_code == 401
    assert "Set-Cookie" not in response.headers and "Set-Cookie" not in posted.headers
    # With a token, the cookie changes nothing either: the token's user acts.
    with_token = auth.client.get("/api/v1/authorities", headers=bearer(api_world and _write_token(app)))
    assert with_token.status_code == 200


def _write_token(app) -> str:
    from casetracker.api_tokens.services import create_token
    from casetracker.auth.models import User

    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "other@example.org"))
        _token, secret = create_token(user, name="x", scope="write", actor=None)
        db.session.commit()
        return secret


def test_rate_limit_is_per_token(app, tokens):
    app.config["API_RATE_LIMIT"] = "3 per minute"
    client = app.test_client()
    answers = [client.get("/api/v1/authorities", headers=bearer(tokens["read"])).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = client.get("/api/v1/authorities", headers=bearer(tokens["read"]))
    assert limited.get_json()["error"]["status"] == 429
    assert limited.get_json()["error"]["message"].startswith("Too many requests with this token: 3 per 1 minute")
    # Another token of the same user has its own count.
    assert client.get("/api/v1/authorities", headers=bearer(tokens["write"])).status_code == 200


def test_errors_are_json_with_a_message(app, tokens, api_world):
    client = app.test_client()
    headers = bearer(tokens["write"])
    cases = [
        (client.get("/api/v1/no-such-thing", headers=headers), 404,
         "There is nothing here, or you do not have access to it."),
        (client.delete(f"/api/v1/requests/{api_world['request_id']}", headers=headers), 405,
         "That action is not allowed here."),
        (client.get("/api/v1/requests?cursor=bogus", headers=headers), 400,
         "That cursor is not one this API gave; start again without it."),
        (client.get("/api/v1/requests?status=lost", headers=headers), 422,
         "Some of what you sent needs fixing: status: Must be one of: awaiting-response, awaiting-clarification, "
         "awaiting-fee, responded, internal-review, reviewed, ico-complaint, decision-notice, appeal, closed."),
        # A parameter the endpoint does not take (a typo, or another team's id) is named, never ignored.
        (client.get("/api/v1/requests?team_id=2&limit=5", headers=headers), 422,
         "Some of what you sent needs fixing: team_id: Not a parameter of this endpoint; its parameters are in "
         "/api/v1/openapi.json."),
        (client.get("/api/v1/search?q=budget&per_page=5&perpage=100000", headers=headers), 422,
         "Some of what you sent needs fixing: perpage: Not a parameter of this endpoint; its parameters are in "
         "/api/v1/openapi.json."),
        (client.get("/api/v1/search?q=a%00b", headers=headers), 400, "Text may not contain a NUL character (\\x00)."),
        # Half a surrogate pair, anywhere in a JSON body (here inside a letter's fields), is not text.
        (client.post(f"/api/v1/requests/{api_world['request_id']}/letters/internal-review-request", headers=headers,
                     data='{"fields": {"grounds": ["\\ud800"]}}', content_type="application/json"), 400,
         "Text may not contain half of a surrogate pair ('\\ud800' was sent)."),
        # A control character in a JSON body could never be written into a .docx letter (XML 1.0).
        (client.patch(f"/api/v1/requests/{api_world['request_id']}", headers=headers, json={"title": "a\x01b"}), 400,
         "Text may not contain a control character ('\\x01' was sent)."),
        (client.post("/api/v1/authorities", headers=headers, data="not json", content_type="application/json"), 400,
         None),
        # A form-encoded body is named as the wrong type, not taken for missing fields.
        (client.post("/api/v1/authorities", headers=headers, data={"name": "Ofsted"}), 415,
         "Send the body as JSON, with the header Content-Type: application/json (files go as "
         "multipart/form-data); Content-Type: application/x-www-form-urlencoded was sent."),
        (client.post("/api/v1/authorities", headers=headers, data="name=Ofsted", content_type=""), 415,
         "Send the body as JSON, with the header Content-Type: application/json (files go as "
         "multipart/form-data); no Content-Type was sent."),
        # A list field given a number, a yes-or-no field given text: named, nothing generated.
        (client.post(f"/api/v1/requests/{api_world['request_id']}/letters/internal-review-request", headers=headers,
                     json={"fields": {"grounds": 5}}), 422,
         "grounds: Give a list of strings, one item each (or text with one item a line)."),
        (client.post(f"/api/v1/requests/{api_world['request_id']}/letters/internal-review-request", headers=headers,
                     json={"fields": {"grounds": ["s12 was misapplied", 7]}}), 422,
         "grounds: Give a list of strings, one item each (or text with one item a line)."),
        (client.get(f"/api/v1/requests/{2**63}", headers=headers), 404, None),
        (client.patch(f"/api/v1/requests/{api_world['request_id']}", headers=headers, json={"title": "  "}), 422,
         "Give the request a title."),
        (client.post(f"/api/v1/requests/{api_world['request_id']}/letters/no-such-kind", headers=headers, json={}),
         404, "'no-such-kind' is not a kind of letter."),
    ]
    for response, status, message in cases:
        body = response.get_json()
        assert response.status_code == status, (response.status_code, body)
        assert body["error"]["status"] == status
        assert body["error"]["message"]
        if message:
            assert body["error"]["message"] == message


def test_request_list_filters_and_cursor(app, tokens, make_request):
    from datetime import date

    ids = [make_request(title=f"R{n}", received=date(2022, 5, 3 + n)) for n in range(5)]
    make_request(title="EIR one", regime="eir", received=date(2022, 5, 9))
    client = app.test_client()
    headers = bearer(tokens["read"])
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/requests?regime=foia&limit=2" + (f"&cursor={cursor}" if cursor else ""),
                          headers=headers).get_json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids
    every = client.get("/api/v1/requests", headers=headers).get_json()["items"]
    assert [(i["title"], i["received_on"], i["next_clock"]["due_on"]) for i in every] == [
        ("R0", "2022-05-03", "2022-05-31"), ("R1", "2022-05-04", "2022-06-01"), ("R2", "2022-05-05", "2022-06-06"),
        ("R3", "2022-05-06", "2022-06-07"), ("R4", "2022-05-07", "2022-06-07"), ("EIR one", "2022-05-09", "2022-06-08")]
    due = client.get("/api/v1/requests?due_after=2022-06-06&due_before=2022-06-07", headers=headers).get_json()
    assert [i["title"] for i in due["items"]] == ["R2", "R3", "R4"]
    eir = client.get("/api/v1/requests?regime=eir&due_after=2022-06-08", headers=headers).get_json()
    assert [i["title"] for i in eir["items"]] == ["EIR one"]


def test_a_deactivated_users_tokens_stop_working(app, tokens, actors):
    from casetracker.auth.models import User

    client = app.test_client()
    assert client.get("/api/v1/authorities", headers=bearer(tokens["other"])).status_code == 200
    with app.app_context():
        db.session.get(User, actors.ids["other"]).active = False
        db.session.commit()
    assert client.get("/api/v1/authorities", headers=bearer(tokens["other"])).status_code == 401
    assert client.get("/api/v1/authorities", headers={"Authorization": "Basic eDp5"}).status_code == 401
    assert client.get("/api/v1/authorities", headers={"Authorization": "Bearer ctk_" + "x" * 300}).status_code == 401


def test_every_route_refuses_parameters_it_does_not_take_and_changes_nothing(app, tokens, api_world):
    """New-user test: ``PATCH ...?dry_run=1`` saved the change; ``POST ...?team_id=2`` created in another team."""
    client = app.test_client()
    headers = bearer(tokens["write"])
    path = f"/api/v1/requests/{api_world['request_id']}"
    unknown = "Not a parameter of this endpoint; its parameters are in /api/v1/openapi.json."
    patched = client.patch(path + "?dry_run=1", headers=headers, json={"title": "Patched"})
    assert patched.status_code == 422
    assert patched.get_json()["error"] == {"status": 422, "message": f"Some of what you sent needs fixing: dry_run: {unknown}",
                                           "fields": {"dry_run": [unknown]}}
    assert client.get(path, headers=headers).get_json()["title"] != "Patched"
    created = client.post("/api/v1/requests?team_id=2", headers=headers, json={
        "title": "New", "authority_id": api_world["authority_id"], "received_on": "2022-05-24"})
    assert created.status_code == 422 and created.get_json()["error"]["fields"] == {"team_id": [unknown]}
    assert client.get("/api/v1/requests?limit=100", headers=headers).get_json()["items"][-1]["title"] != "New"
    for url in (path + "?foo=1", path + "/clocks?x=", "/api/v1/authorities?x=1",
                f"/api/v1/documents/{api_world['document_id']}/file?inline=1"):
        answer = client.get(url, headers=headers)
        assert answer.status_code == 422, url
    repeated = client.get("/api/v1/requests?status=closed&status=bogus", headers=headers)
    assert repeated.status_code == 422
    assert repeated.get_json()["error"]["fields"] == {"status": ["Give this parameter once; it holds one value."]}
    # A list parameter may repeat; a parameter the route takes passes.
    assert client.get("/api/v1/search?q=board&f=type:txt&f=type:pdf", headers=headers).status_code == 200
    assert client.get("/api/v1/requests?limit=5", headers=headers).status_code == 200
    # Who may call comes first: no token is 401 whatever the parameters.
    assert client.get(path + "?foo=1").status_code == 401
