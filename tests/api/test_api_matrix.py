"""Every API route, as every kind of caller: no token, a read token, a write token, a revoked token,
another team's token, and a viewer's write token (the role still rules: 403 on changes).

``test_every_api_route_is_in_the_matrix`` fails when a route under ``/api/`` has no row here.
"""

from __future__ import annotations

import io
import re

import pytest

from tests.api.conftest import bearer

CALLERS = ["anonymous", "read", "write", "revoked", "other", "viewer"]
#: Got past the permission check: a success, or a refusal by validation.
OK = "ok"
OK_STATUSES = {200, 201, 202, 422}

_DENIED = {"anonymous": 401, "revoked": 401}
LIST = {**_DENIED, "read": 200, "write": 200, "other": 200, "viewer": 200}
READ = {**_DENIED, "read": 200, "write": 200, "other": 404, "viewer": 200}
EDIT = {**_DENIED, "read": 403, "write": OK, "other": 404, "viewer": 403}
#: Creating in a team: another team's editor creates in their own team.
CREATE = {**_DENIED, "read": 403, "write": OK, "other": OK, "viewer": 403}
#: A request's write that names alpha's authority: another team's editor gets 404 for it.
CREATE_IN_ALPHA = {**_DENIED, "read": 403, "write": OK, "other": 404, "viewer": 403}
#: The OpenAPI document and the docs page need no token.
PUBLIC = dict.fromkeys(CALLERS, 200)
#: A teammate's private request (alpha's editor owns it, and made the read and write tokens).
PRIVATE_READ = {**READ, "viewer": 404}
PRIVATE_EDIT = {**EDIT, "viewer": 404}


def _upload():
    return {"files": [(io.BytesIO(b"Released under FOIA. The board met."), "released.txt")]}


#: (method, URL, expected per caller, body: a dict sent as JSON, a callable giving multipart data, or None).
ROUTES = [
    ("GET", "/api/v1/openapi.json", PUBLIC, None),
    ("GET", "/api/v1/docs", PUBLIC, None),
    ("GET", "/api/v1/requests?status=awaiting-response&limit=5", LIST, None),
    ("POST", "/api/v1/requests", CREATE_IN_ALPHA,
     {"title": "Made by API", "authority_id": "{authority_id}", "received_on": "2022-05-24"}),
    ("GET", "/api/v1/requests/{request_id}", READ, None),
    ("PATCH", "/api/v1/requests/{request_id}", EDIT, {"their_reference": "DFE-1"}),
    ("GET", "/api/v1/requests/{request_id}/clocks", READ, None),
    ("GET", "/api/v1/authorities", LIST, None),
    ("POST", "/api/v1/authorities", CREATE, {"name": "Cardiff Council", "nation": "wales"}),
    ("GET", "/api/v1/authorities/{authority_id}", READ, None),
    ("PATCH", "/api/v1/authorities/{authority_id}", EDIT, {"foi_email": "foi@education.gov.uk"}),
    ("GET", "/api/v1/requests/{request_id}/correspondence", READ, None),
    ("POST", "/api/v1/requests/{request_id}/correspondence", EDIT,
     {"kind": "internal-review-request", "direction": "outgoing", "dated": "2022-06-12",
      "document_ids": ["{document_id}"]}),
    ("GET", "/api/v1/requests/{request_id}/documents", READ, None),
    ("POST", "/api/v1/requests/{request_id}/documents", EDIT, _upload),
    ("GET", "/api/v1/jobs/{job_id}", READ, None),
    ("GET", "/api/v1/documents/{document_id}", READ, None),
    ("GET", "/api/v1/documents/{document_id}/pages?limit=1", READ, None),
    ("GET", "/api/v1/documents/{document_id}/file", READ, None),
    ("GET", "/api/v1/search?q=board", LIST, None),
    ("GET", "/api/v1/requests/{request_id}/claims", READ, None),
    ("POST", "/api/v1/requests/{request_id}/claims", EDIT, {"text": "The minutes were published."}),
    ("POST", "/api/v1/requests/{request_id}/claims/{claim_id}/evidence", EDIT,
     {"document_id": "{document_id}", "page": 1, "quote": "The board met", "stance": "supports"}),
    ("POST", "/api/v1/requests/{request_id}/letters/internal-review-request", EDIT,
     {"fields": {"grounds": ["The exemption was wrongly applied."]}}),
]

#: URL parts naming alpha's request or its contents, swapped for the private request's.
PRIVATE_SWAP = {"{request_id}": "{private_id}", "{document_id}": "{private_document_id}",
                "{claim_id}": "{private_claim_id}", "{job_id}": "{private_job_id}"}


def private_routes() -> list:
    rows = []
    for method, url, expected, body in ROUTES:
        if any(part in url for part in PRIVATE_SWAP):
            for part, swap in PRIVATE_SWAP.items():
                url = url.replace(part, swap)
                if isinstance(body, dict):
                    body = _swap(body, part, swap)
            rows.append((method, url, PRIVATE_EDIT if method != "GET" else PRIVATE_READ, body))
    return rows


def fill(value, world: dict):
    """Fill ``{name}`` placeholders from the world; a whole-placeholder string becomes the id itself."""
    if isinstance(value, str):
        whole = re.fullmatch(r"\{([a-z_]+)\}", value)
        return world[whole.group(1)] if whole else value.format(**world)
    if isinstance(value, dict):
        return {k: fill(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, world) for v in value]
    return value


def _swap(value, part: str, swap: str):
    if isinstance(value, str):
        return value.replace(part, swap)
    if isinstance(value, dict):
        return {k: _swap(v, part, swap) for k, v in value.items()}
    if isinstance(value, list):
        return [_swap(v, part, swap) for v in value]
    return value


def call(client, method: str, url: str, body, world: dict, secret: str | None):
    """Make one API call as the holder of ``secret``; return the (closed) response."""
    kwargs = {"headers": bearer(secret)}
    if callable(body):
        kwargs.update(data=body(), content_type="multipart/form-data")
    elif body is not None:
        kwargs["json"] = fill(body, world)
    response = client.open(fill(url, world), method=method, **kwargs)
    response.close()
    return response


def _matches(status: int, expected) -> bool:
    return status in OK_STATUSES if expected == OK else status == expected


@pytest.mark.parametrize("who", CALLERS)
def test_every_api_route_as(app, api_world, tokens, who):
    client = app.test_client()
    secret = None if who == "anonymous" else tokens[who]
    wrong = []
    for method, url, expected, body in private_routes() + ROUTES:
        response = call(client, method, url, body, api_world, secret)
        if not _matches(response.status_code, expected[who]):
            wrong.append(f"{method} {url}: {response.status_code}, expected {expected[who]}")
        elif response.status_code >= 400:
            error = response.get_json()["error"]
            if error["status"] != response.status_code or not error["message"]:
                wrong.append(f"{method} {url}: error body {error}")
    assert wrong == []


def test_every_api_route_is_in_the_matrix(app):
    """A new API route must be added to ROUTES, so it is tried as every caller."""
    tried = {(method, re.sub(r"\{[a-z_]+\}", "<>", url.split("?")[0])
              .replace("/letters/internal-review-request", "/letters/<>")) for method, url, _e, _b in ROUTES}
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        shape = re.sub(r"<[^>]+>", "<>", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if (method, shape) not in tried:
                missing.append(f"{method} {rule.rule}")
    assert missing == []
