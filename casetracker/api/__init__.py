"""The JSON API at ``/api/v1`` (issue 16): flask-smorest blueprints over the same services as the pages.

Each resource module holds one smorest ``Blueprint``; ``init_app`` mounts them
through the one ``Api`` object, which also serves ``/api/v1/openapi.json``
(generated from the routes and their marshmallow schemas). Authentication is a
personal API token only (``api.auth``); session cookies are ignored on these
paths (``api.sessions``), which is why the API is exempt from CSRF.
"""

from __future__ import annotations

from importlib import import_module

from flask import Flask
from flask_smorest import Api

from casetracker.api.schemas import ApiErrorSchema

#: The resource modules, each with its ``blp``, in the order the document lists them.
RESOURCES = ["info_requests", "authorities", "correspondence", "documents", "search", "evidence", "letters"]


class CasetrackerApi(Api):
    """flask-smorest's ``Api`` without its app-wide JSON error handler: ``casetracker.errors`` answers
    errors, JSON on ``/api/`` paths and the site's pages elsewhere."""

    ERROR_SCHEMA = ApiErrorSchema

    def _register_error_handlers(self):
        return None


api = CasetrackerApi()


def init_app(app: Flask) -> None:
    """Mount the API's blueprints, its OpenAPI document, its docs page, token auth and rate limits."""
    from casetracker.api import auth, docs, sessions

    api.init_app(app)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer",
                                                       "description": "A personal API token (ctk_…)."})
    sessions.init_app(app)
    for name in RESOURCES:
        blp = import_module(f"casetracker.api.{name}").blp
        auth.protect(blp)
        api.register_blueprint(blp)
    app.register_blueprint(docs.bp)
