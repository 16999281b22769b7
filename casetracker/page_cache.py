"""Rendered pages kept per user and data generation, so a page is built once until something changes.

The dashboard, the request list and a request's page cost 6-18 ms of CPU to
build at 10,000 requests; twenty people reloading them on two CPUs queue
behind each other (issue 11). A cached copy costs about what an empty page
costs. ``cached_page`` serves a GET from the cache when all of these are the
same as when the copy was made:

- **who**: the user's id and session token (``auth.services.end_sessions``
  replaces the token, so an ended session can never be served an old copy);
- **what was asked**: the full URL, scheme, host, path and query string;
- **the data**: the data generation (``casetracker.data_generation``), which
  every committed write to any table moves on, in the same transaction;
- **the day**: ``timeutil.uk_today()``, since "overdue" and "due soon" are
  comparisons with today.

Who may see what is decided by rows too (memberships, roles, a request's team
and visibility, a user being active), so a change to any of them is a new
generation and the next request is checked again from scratch. The user is
still loaded, and ``login_required`` still runs, on every request before the
cache is consulted. Only 200 HTML answers are kept; 404s and 403s are not.

Not cached: a request with a flashed message waiting (it must be shown once),
a response that flashed one, anything but GET, and pages whose data is outside
the database (search). The CSRF token in a page is per session, not per user:
it is replaced by a marker before the copy is stored and by the current
session's own token when the copy is served, so another session of the same
user posts with its own token.

Copies live in Flask-Caching: in each process's memory by default
(``CACHE_TYPE = "SimpleCache"``), or in Redis to share them between workers and
machines (``CACHE_TYPE = "RedisCache"``, ``CACHE_REDIS_URL``). They expire
after ``CACHE_DEFAULT_TIMEOUT`` seconds whatever happens; ``PAGE_CACHE = False``
turns the cache off. If the store is down (Redis stopped), pages are built
afresh and a warning is logged: the cache can make pages faster, never fail them.
"""

from __future__ import annotations

import hashlib
from functools import wraps
from typing import Callable

from flask import Flask, current_app, g, make_response, message_flashed, request, session
from flask_caching import Cache
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from casetracker import data_generation
from casetracker.extensions import db
from casetracker.timeutil import uk_today

cache = Cache()

#: Stands for the session's CSRF token inside a stored copy. It begins with "<", which escaped user
#: text can never contain, so no one can place it in a page.
CSRF_MARKER = "<casetracker-csrf-token/>"
_SKIP = "_page_cache_skip"


def init_app(app: Flask) -> None:
    """Bind the cache to ``app`` and note, per request, whether a message was flashed."""
    cache.init_app(app)
    message_flashed.connect(_flashed, app)


def _flashed(sender, message, category, **extra) -> None:  # noqa: ARG001
    setattr(g, _SKIP, True)


def page_key() -> str | None:
    """Return the cache key of the current GET, or None when it must be built afresh."""
    if not current_app.config.get("PAGE_CACHE", True) or request.method != "GET":
        return None
    if not current_user.is_authenticated or session.get("_flashes"):
        return None
    # Read with the user, in the statement that loaded them (auth.services.user_for_session).
    generation = g.get("data_generation")
    if generation is None:
        generation = data_generation.current(db.session)
    if generation is None:
        return None
    parts = "\x1f".join((str(current_user.id), current_user.session_token or "", request.url,
                         uk_today().isoformat(), str(generation)))
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def cached_page(view: Callable) -> Callable:
    """Serve ``view``'s GET from the cache while the user, URL, data and day are unchanged (module docstring)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        key = page_key()
        if key is None:
            return view(*args, **kwargs)
        body = _stored(key)
        if body is not None:
            return current_app.response_class(body.replace(CSRF_MARKER, generate_csrf()), mimetype="text/html")
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200 and response.mimetype == "text/html" and not g.get(_SKIP):
            body = response.get_data(as_text=True)
            token = g.get("csrf_token")
            _store(key, body.replace(token, CSRF_MARKER) if token else body)
        return response

    return wrapper


def _stored(key: str) -> str | None:
    """Return the copy under ``key``; None, and a warning in the log, when the cache's store (Redis) is down."""
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 (whatever the backend raises, the page is built instead)
        current_app.logger.warning("Page cache unavailable; building the page", exc_info=True)
        return None


def _store(key: str, body: str) -> None:
    try:
        cache.set(key, body)
    except Exception:  # noqa: BLE001
        current_app.logger.warning("Page cache unavailable; the page was not kept", exc_info=True)
