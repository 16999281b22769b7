"""The OpenAPI document is valid OpenAPI 3.1, generated from the routes, and every operation in it works."""

from __future__ import annotations

import re

from openapi_spec_validator import validate

from tests.api.test_api_matrix import ROUTES, call


def _template(url: str) -> str:
    """Return a matrix URL as the document writes paths: ``{request_id}``; a kind of letter as its parameter."""
    path = url.split("?")[0]
    return path.replace("/letters/internal-review-request", "/letters/{kind}")


def test_document_is_valid_openapi_31(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    assert spec["openapi"] == "3.1.0"
    assert spec["info"]["title"] == "casetracker"
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http", "scheme": "bearer", "description": "A personal API token (ctk_…)."}
    assert spec["security"] == [{"bearerAuth": []}]
    # The error shape every 4xx has is documented once and used by every operation.
    assert spec["components"]["schemas"]["ApiError"]["properties"]["error"] == {
        "$ref": "#/components/schemas/ErrorBody"}


def test_every_documented_operation_is_called_and_answers_as_documented(app, api_world, tokens):
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    documented = {(method.upper(), path) for path, item in spec["paths"].items()
                  for method in item if method in ("get", "post", "patch", "put", "delete")}
    rows = {(method, _template(url)): (url, body) for method, url, _expected, body in ROUTES
            if url.startswith("/api/v1/") and not url.startswith(("/api/v1/openapi.json", "/api/v1/docs"))}
    assert documented == set(rows), "every documented operation needs a row in the matrix, and no more"
    client = app.test_client()
    wrong = []
    for (method, path), (url, body) in sorted(rows.items()):
        response = call(client, method, url, body, api_world, tokens["write"])
        answers = spec["paths"][path][method.lower()]["responses"]
        if str(response.status_code) not in answers or not 200 <= response.status_code < 300:
            wrong.append(f"{method} {path}: {response.status_code} {response.get_data(as_text=True)[:300]}")
    assert wrong == []


def test_the_document_names_every_resource(client):
    paths = set(client.get("/api/v1/openapi.json").get_json()["paths"])
    for expected in ["/api/v1/requests", "/api/v1/requests/{request_id}/clocks", "/api/v1/authorities",
                     "/api/v1/requests/{request_id}/correspondence", "/api/v1/requests/{request_id}/documents",
                     "/api/v1/jobs/{job_id}", "/api/v1/documents/{document_id}/pages", "/api/v1/search",
                     "/api/v1/requests/{request_id}/claims", "/api/v1/requests/{request_id}/letters/{kind}"]:
        assert expected in paths
    assert all(re.fullmatch(r"/api/v1/[a-z/{}_]+", path) for path in paths)
