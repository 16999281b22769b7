"""casetracker: track FOI requests, search released documents, check claims, draft letters."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any, Mapping

from flask import Flask

__all__ = ["create_app"]


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build and return the Flask application.

    ``test_config`` is the last configuration layer; tests pass their database,
    index and file paths here. ``CASETRACKER_INSTANCE_PATH`` moves the instance
    folder (database, index, stored files).
    """
    instance_path = os.environ.get("CASETRACKER_INSTANCE_PATH")
    if test_config and test_config.get("INSTANCE_PATH"):
        instance_path = str(test_config["INSTANCE_PATH"])
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        instance_relative_config=True,
        template_folder="../templates",
        static_folder="../static",
    )
    configure(app, test_config)
    remove_interrupted_uploads(app)
    register_extensions(app)
    register_models()
    _register_url_converters(app)
    register_blueprints(app)
    register_api(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def configure(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    """Layer defaults, ``instance/config.py``, ``CASETRACKER_*`` env vars and the test mapping."""
    app.config.from_object("casetracker.config")
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("CASETRACKER")
    if test_config:
        app.config.from_mapping(test_config)

    instance = Path(app.instance_path)
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", f"sqlite:///{instance / 'casetracker.sqlite'}"
    )
    app.config.setdefault("SEARCH_INDEX_PATH", str(instance / "index"))
    app.config.setdefault("FILES_PATH", str(instance / "files"))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(instance)


def _instance_secret_key(instance: Path) -> str:
    """Return the instance's secret key, generating it on first run.

    There is deliberately no built-in key: a key shared by every install would
    let anyone forge sessions.
    """
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def remove_interrupted_uploads(app: Flask) -> None:
    """Delete temp files a server killed mid-upload left in ``FILES_PATH`` (over an hour old)."""
    from casetracker.documents.storage import remove_stale_temp_files

    remove_stale_temp_files(Path(app.config["FILES_PATH"]))


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions of ``casetracker.extensions``."""
    from flask_bootstrap import Bootstrap5

    from casetracker import sqlite_setup  # noqa: F401  (registers the SQLite engine hooks)
    from casetracker.db_setup import include_object
    from casetracker.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True,
        include_object=include_object,
    )
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    from casetracker.auth import sessions

    sessions.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    Bootstrap5(app)
    from casetracker import page_cache

    page_cache.init_app(app)


def register_models() -> None:
    """Import every model module so SQLAlchemy and Alembic see all tables."""
    from casetracker import models  # noqa: F401


def _register_url_converters(app: Flask) -> None:
    """Give ``<int:…>`` URL parts the row-id range, so a huge number answers 404 rather than 500."""
    from casetracker.errors import register_converters

    register_converters(app)


def register_blueprints(app: Flask) -> None:
    """Mount each domain's blueprint."""
    from casetracker import blueprints

    for bp in blueprints.all_blueprints():
        app.register_blueprint(bp)


def register_api(app: Flask) -> None:
    """Mount the JSON API at ``/api/v1`` with its OpenAPI document and docs page (issue 16)."""
    from casetracker import api

    api.init_app(app)


def register_errorhandlers(app: Flask) -> None:
    """Render 4xx and 500 errors in the site's look."""
    from casetracker.errors import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    """Add the date filters and context the templates share."""
    from casetracker.templating import register

    register(app)


def register_commands(app: Flask) -> None:
    """Register the ``flask`` commands of every domain."""
    from casetracker import commands

    commands.register(app)
