"""A throwaway Flask app with an in-memory database, enough for the deadlines CLI and services."""

import pytest
from flask import Flask

# Every table: adding a non-working day queues a clock recompute (the jobs table), and a test run
# alone must not depend on another test file having imported the models first.
from casetracker import models as all_models  # noqa: F401
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
