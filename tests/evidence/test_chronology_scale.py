"""The team chronology of a team with more requests than one SQL statement can name (break test, issue 11)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from casetracker.auth.models import Team
from casetracker.evidence.fuzzy_dates import FuzzyDate
from casetracker.evidence.services import record_event
from casetracker.extensions import db
from casetracker.info_requests.csv_import import import_requests_csv
from casetracker.info_requests.models import InfoRequest

#: Bound variables allowed per statement in this test (SQLite's own limit is 32,766, PostgreSQL's 65,535).
LIMIT = 100


def test_team_chronology_of_more_requests_than_a_statement_takes(app, auth, actors):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("lowers SQLite's variable limit to stand for 300,000 requests")
    lines = ["title,authority,received"] + [
        f"Request {i:04d},Authority {i % 3},{(date(2023, 1, 2) + timedelta(days=i % 200)).isoformat()}"
        for i in range(LIMIT + 50)]
    with app.app_context():
        team = db.session.scalar(db.select(Team).where(Team.name == "alpha"))
        report = import_requests_csv(("\n".join(lines) + "\n").encode(), team=team, actor=None)
        first, last = db.session.scalars(db.select(InfoRequest).order_by(InfoRequest.id)).all()[::LIMIT + 49]
        record_event(first, actor=None, title="Collection began", date=FuzzyDate(2022, 2, 7))
        record_event(last, actor=None, title="DPIA first dated", date=FuzzyDate(2022, 2, 15))
        db.session.commit()
        references = (first.reference, last.reference)
        event.listen(db.engine, "connect", lambda dbapi, _: dbapi.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, LIMIT))
        db.engine.dispose()
    assert report.imported == LIMIT + 50
    auth.login("editor")
    response = auth.get("/chronology")
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:500]
    assert html.index("Collection began") < html.index("DPIA first dated")
    assert all(reference in html for reference in references)
