"""Every API route refuses a query parameter it does not take, and a parameter sent twice that holds one value.

Without this, ``PATCH /api/v1/requests/3?dry_run=1`` saved the change,
``POST /api/v1/requests?team_id=2`` created the request in the caller's first
team, and ``?status=closed&status=bogus`` kept the first value without a word
(found by the new-user test). The parameters a route takes are the fields of its
``location="query"`` schema, read from the documentation flask-smorest keeps on
the view (``_apidoc``), so the OpenAPI document and this check cannot disagree.
It runs before webargs, which would drop an unknown query parameter, so the
schemas themselves need no ``unknown=RAISE``.
"""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, request
from marshmallow import fields as ma_fields

from casetracker.errors import json_error

#: What a parameter the route does not take is told: a mistyped filter (``?stauts=``, ``?team_id=2``) must
#: not silently answer with everything, nor a ``?dry_run=1`` write be carried out.
UNKNOWN_PARAMETER = "Not a parameter of this endpoint; its parameters are in /api/v1/openapi.json."
REPEATED = "Give this parameter once; it holds one value."


def _handler():
    view = current_app.view_functions.get(request.endpoint or "")
    view_class = getattr(view, "view_class", None)
    return getattr(view_class, request.method.lower(), None) if view_class else view


@lru_cache(maxsize=None)
def _parameters(handler) -> tuple[frozenset[str], frozenset[str]]:
    """Return (the query parameters ``handler`` takes, those of them that may repeat: lists)."""
    names: set[str] = set()
    lists: set[str] = set()
    for parameter in getattr(handler, "_apidoc", {}).get("arguments", {}).get("parameters", []):
        if parameter.get("in") != "query":
            continue
        schema = parameter["schema"]
        for name, field in (schema() if isinstance(schema, type) else schema).fields.items():
            key = field.data_key or name
            names.add(key)
            if isinstance(field, ma_fields.List):
                lists.add(key)
    return frozenset(names), frozenset(lists)


def refuse_unknown_parameters():
    """Before each API request: answer 422 naming each parameter the route does not take, or sent twice."""
    if not request.args:
        return None
    handler = _handler()
    if handler is None:
        return None  # no such route: the 404 or 405 says so
    names, lists = _parameters(handler)
    problems = {key: [UNKNOWN_PARAMETER] for key in request.args if key not in names}
    problems.update({key: [REPEATED] for key in request.args
                     if key in names and key not in lists and len(request.args.getlist(key)) > 1})
    if not problems:
        return None
    listed = "; ".join(f"{key}: {messages[0]}" for key, messages in problems.items())
    return json_error(422, f"Some of what you sent needs fixing: {listed}", fields=problems)
