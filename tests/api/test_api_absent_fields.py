"""Every API body, sent with each of its fields left out in turn (or of the wrong type), never answers 500,
and every 4xx carries the JSON error with a message."""

from __future__ import annotations

import io

from tests.api.conftest import bearer
from tests.api.test_api_matrix import ROUTES, fill


def _bodies():
    """(method, URL, full body) of every API route that takes a body; the upload as a form."""
    for method, url, _expected, body in ROUTES:
        if method in ("POST", "PATCH"):
            yield method, url, (body() if callable(body) else body)


def _check(response, failures: list, label) -> None:
    status = response.status_code
    if status >= 500:
        failures.append((label, status))
    elif status >= 400:
        error = (response.get_json(silent=True) or {}).get("error") or {}
        if error.get("status") != status or not error.get("message"):
            failures.append((label, status, response.get_data(as_text=True)[:200]))


def test_each_field_left_out_or_mistyped_is_never_a_500(app, api_world, tokens):
    client = app.test_client()
    headers = bearer(tokens["write"])
    failures, checked = [], 0
    for method, url, body in _bodies():
        target = fill(url, api_world)
        if "files" in body:  # the upload: multipart
            for data in ({}, {"ocr_languages": "xx"},
                         {"files": [(io.BytesIO(b"x"), "a.txt")], "ocr_languages": "zzz"}):
                response = client.open(target, method=method, headers=headers, data=data,
                                       content_type="multipart/form-data")
                _check(response, failures, (url, sorted(data)))
                checked += 1
            continue
        full = fill(body, api_world)
        variants = [{k: v for k, v in full.items() if k != left_out} for left_out in full]
        variants += [{**full, name: [1, "x"]} for name in full] + [{**full, name: None} for name in full]
        variants += [{**full, "unexpected": "x"}, {}]
        for data in variants:
            response = client.open(target, method=method, headers=headers, json=data)
            _check(response, failures, (url, data))
            checked += 1
        response = client.open(target, method=method, headers=headers, data="[1,", content_type="application/json")
        _check(response, failures, (url, "broken JSON"))
        checked += 1
    assert failures == []
    assert checked > 60
