"""No cookie session on API paths: the API authenticates by token only.

A browser that is logged in sends its session (and remember-me) cookie with
every request to the site, including one a hostile page makes it send to
``/api/v1``. Because API paths never open the cookie session, such a request is
anonymous there (401), which is what makes exempting the API from CSRF safe.
"""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from casetracker.errors import API_PREFIX


class TokenOnlyApiSessions(SecureCookieSessionInterface):
    """The usual signed-cookie session, except that API paths get an empty one that is never saved."""

    def open_session(self, app, request):
        if request.path.startswith(API_PREFIX):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        from flask import request

        if request.path.startswith(API_PREFIX):
            return None
        return super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    """Install the session interface on ``app``."""
    app.session_interface = TokenOnlyApiSessions()
