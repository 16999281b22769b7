"""Sessions that end: an idle limit, Secure cookies and HSTS over HTTPS, ProxyFix behind a proxy, no-store.

A session carries the user's ``session_token`` (``User.get_id``), looked up on
every request by the user loader in ``auth.views``; ``auth.services.end_sessions``
replaces the token, so every copy of an old cookie stops working at once.
"""

from __future__ import annotations

import time

from flask import Flask, Response, flash, has_request_context, request, session
from flask_login import current_user, logout_user, user_logged_in
from werkzeug.middleware.proxy_fix import ProxyFix

#: Session key holding the time (Unix seconds) of the user's last request.
LAST_SEEN_KEY = "last_seen"
#: Refresh ``last_seen`` at most this often, so not every response rewrites the cookie (seconds).
_LAST_SEEN_RESOLUTION = 60
#: ``PROXY_FIX_*`` settings and the ProxyFix arguments they give: how many proxies set each header.
PROXY_FIX_SETTINGS = {
    "x_for": "PROXY_FIX_X_FOR", "x_proto": "PROXY_FIX_X_PROTO", "x_host": "PROXY_FIX_X_HOST",
    "x_port": "PROXY_FIX_X_PORT", "x_prefix": "PROXY_FIX_X_PREFIX",
}


class SecureOverHttpsResponse(Response):
    """A response whose cookies (session, remember-me, any other) are ``Secure`` whenever the request came over HTTPS."""

    def set_cookie(self, key, value="", **kwargs):  # type: ignore[override]
        if has_request_context() and request.is_secure:
            kwargs["secure"] = True
        super().set_cookie(key, value, **kwargs)


@user_logged_in.connect
def _start_idle_clock(sender, user, **extra) -> None:  # noqa: ARG001
    """Restart the idle clock at login, so a stale ``last_seen`` left in the browser cannot end the new session."""
    session[LAST_SEEN_KEY] = int(time.time())


def init_app(app: Flask) -> None:
    """Install the idle limit, the HTTPS cookie flag, HSTS and (when configured) ProxyFix on ``app``."""
    app.response_class = SecureOverHttpsResponse
    proxies = {arg: int(app.config.get(setting) or 0) for arg, setting in PROXY_FIX_SETTINGS.items()}
    if any(proxies.values()):
        # Only when configured: trusting X-Forwarded-* without a proxy would let anyone claim HTTPS or an address.
        app.wsgi_app = ProxyFix(app.wsgi_app, **proxies)  # type: ignore[method-assign]

    @app.before_request
    def end_idle_session():
        if "_user_id" not in session:
            return None
        now = int(time.time())
        last_seen = session.get(LAST_SEEN_KEY)
        idle_limit = int(app.config["SESSION_IDLE_MINUTES"]) * 60
        if isinstance(last_seen, int) and now - last_seen > idle_limit:
            logout_user()
            session.pop(LAST_SEEN_KEY, None)
            flash(f"You were logged out after {app.config['SESSION_IDLE_MINUTES']} minutes without activity.", "info")
            return None
        if not isinstance(last_seen, int) or now - last_seen >= _LAST_SEEN_RESOLUTION:
            session[LAST_SEEN_KEY] = now
        return None

    @app.after_request
    def no_store_for_the_logged_in(response):
        # A logged-in page or API answer holds personal data: the browser must not keep it, or Back after
        # logging out shows it again (found by the new-user test). Static files stay cacheable.
        if ("Cache-Control" not in response.headers and not (request.endpoint or "").endswith("static")
                and current_user.is_authenticated):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.after_request
    def strict_transport_security(response):
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", f"max-age={int(app.config['HSTS_MAX_AGE'])}; includeSubDomains")
        return response
