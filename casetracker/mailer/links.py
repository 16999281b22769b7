"""Absolute links for email, also from the command line and the worker (no request to take the host from)."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for

#: Used when ``BASE_URL`` is unset and there is no request: the development server's address.
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def external_url(endpoint: str, **values) -> str:
    """Return the absolute URL of ``endpoint``: the request's host, else ``BASE_URL``."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = current_app.config.get("BASE_URL") or DEFAULT_BASE_URL
    with current_app.test_request_context("/", base_url=base):
        return url_for(endpoint, _external=True, **values)
