"""Error pages in the site's look; JSON for API-style callers."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from casetracker.typed_text import control_character_problem, strings_in

MESSAGES = {
    400: "The request could not be understood.",
    401: "Send a valid API token as Authorization: Bearer <token>.",
    403: "You do not have permission to do that.",
    404: "There is nothing here, or you do not have access to it.",
    405: "That action is not allowed here.",
    413: "That upload is too large.",
    422: "Some of what you entered needs fixing.",
    429: "Too many attempts. Please wait a minute and try again.",
    500: "Something went wrong on our side. Nothing you entered was half-saved.",
}


#: Pages may load only the app's own scripts and styles, and never be framed by another site.
#: No inline script at all (templates load static/js/*.js), so an injected <script> or on*= never runs.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


#: Paths answered by the JSON API (issue 16): errors there are JSON bodies, never HTML pages.
API_PREFIX = "/api/"


def is_api_request() -> bool:
    """Return True when the current request is for the JSON API."""
    return request.path.startswith(API_PREFIX)


def json_error(code: int, message: str, *, fields: dict | None = None, headers: dict | None = None):
    """Return the API's error answer: ``{"error": {"status": code, "message": …, "fields": {…}}}``."""
    body: dict = {"status": code, "message": message}
    if fields:
        body["fields"] = fields
    return jsonify(error=body), code, headers or {}


def _api_http_error(error: HTTPException):
    """Answer an HTTP error on an API path with the JSON body; keep a message given to ``abort``."""
    code = error.code or 500
    data = getattr(error, "data", None) or {}  # flask_smorest.abort / webargs put details here
    message = data.get("message") or (error.description if error.description != type(error).description else None)
    fields = data.get("errors")
    if fields is None and isinstance(data.get("messages"), dict):
        # webargs: {"json": {"title": ["Missing data for required field."]}, "query": {...}}
        fields = {name: problems for where in data["messages"].values() if isinstance(where, dict)
                  for name, problems in where.items()}
    if not message and fields:
        message = "Some of what you sent needs fixing: " + "; ".join(
            f"{name}: {' '.join(map(str, problems)) if isinstance(problems, list) else problems}"
            for name, problems in fields.items())
    headers = dict(data.get("headers") or {})
    if code == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="casetracker"')
    if code == 429 and error.description:
        message = f"Too many requests with this token: {error.description}. Wait and try again."
    return json_error(code, message or MESSAGES.get(code, error.description or "Error."), fields=fields,
                      headers=headers)


class RowIdConverter(IntegerConverter):
    """An ``<int:…>`` URL part that fits a row id (a signed 64-bit integer); a larger one matches no route (404)."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = 2**63 - 1,  # noqa: A002
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def register_converters(app: Flask) -> None:
    """Make every ``<int:…>`` URL part refuse numbers no database row can have (before any route is added)."""
    app.url_map.converters["int"] = RowIdConverter


def register(app: Flask) -> None:
    """Render HTTP errors and uncaught exceptions with ``templates/errors``; add security headers."""

    @app.after_request
    def security_headers(response):
        # Downloads set their own, stricter policy (a sandbox); keep it.
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.before_request
    def refuse_control_characters():
        # Control characters (a NUL, \x01…; not tab or line breaks): see casetracker.typed_text.
        from flask import request

        values = [value for source in (request.args, request.form) for _, values in source.lists() for value in values]
        try:
            if request.is_json:  # the API's bodies, every string in them (parsed once; views read the cached body)
                values += strings_in(request.get_json(silent=True))
            message = next((problem for value in values if (problem := control_character_problem(value))), None)
        except RecursionError:  # '[' * 5000: json (and a walk of it) recurse once per level
            message = "The JSON body is nested too deeply."
        if message is not None:
            if is_api_request():
                return json_error(400, message)
            return render_template("errors/error.html", code=400, message=message), 400
        return None

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_template("errors/error.html", code=400,
                               message="This form has expired or lacks its security token. Reload the page and try again."), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if is_api_request():
            return _api_http_error(error)
        code = error.code or 500
        template = f"errors/{code}.html" if code in (403, 404, 500) else "errors/error.html"
        return render_template(template, code=code, message=MESSAGES.get(code, error.description)), code

    @app.errorhandler(DataError)
    @app.errorhandler(OverflowError)
    def number_too_large(error: Exception):
        # A number typed into a form or query string that no database column can hold (SQLite:
        # OverflowError "Python int too large to convert to SQLite INTEGER"; PostgreSQL: DataError
        # "integer out of range") is bad input, not our fault.
        from casetracker.extensions import db

        db.session.rollback()
        if is_api_request():
            return json_error(400, "A number in what you sent is too large.")
        return render_template("errors/error.html", code=400,
                               message="A number in what you sent is too large."), 400

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        from casetracker.extensions import db

        db.session.rollback()
        app.logger.exception("Unhandled error", exc_info=error)
        if is_api_request():
            return json_error(500, MESSAGES[500])
        return render_template("errors/500.html", code=500, message=MESSAGES[500]), 500
