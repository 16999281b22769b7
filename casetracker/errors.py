"""Error pages in the site's look; JSON for API-style callers."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: "The request could not be understood.",
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

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_template("errors/error.html", code=400,
                               message="This form has expired or lacks its security token. Reload the page and try again."), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        template = f"errors/{code}.html" if code in (403, 404, 500) else "errors/error.html"
        return render_template(template, code=code, message=MESSAGES.get(code, error.description)), code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        from casetracker.extensions import db

        db.session.rollback()
        app.logger.exception("Unhandled error", exc_info=error)
        return render_template("errors/500.html", code=500, message=MESSAGES[500]), 500
