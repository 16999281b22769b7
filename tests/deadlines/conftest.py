"""A throwaway Flask app with an in-memory database, enough for the deadlines CLI and services."""

import pytest
from flask import Flask

from casetracker.audit import models as audit_models  # noqa: F401  (audit_events table)
from casetracker.auth import models as auth_models  # noqa: F401  (users, referenced by audit_events)
from casetracker.deadlines import models as deadlines_models  # noqa: F401
from casetracker.extensions import db


@pytest.fixture
def deadlines_app():
    """Return a minimal app bound to a fresh in-memory SQLite database with every table."""
    app = Flask(__name__)
    app.config.update(TESTING=True, SQLALCHEMY_DATABASE_URI="sqlite://")
    db.init_app(app)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()
