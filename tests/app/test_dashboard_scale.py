"""The dashboard and request list cost the same at 10 and 5,000 requests: capped, counted, sorted in SQL."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from casetracker.auth.models import Team, User
from casetracker.dashboard.services import SECTION_ROWS, build_dashboard
from casetracker.extensions import db
from casetracker.info_requests.csv_import import import_requests_csv
from casetracker.info_requests.listing import list_requests


def _csv(n, start=date(2023, 1, 2), prefix="Request"):
    lines = ["title,authority,received"]
    for i in range(n):
        lines.append(f"{prefix} {i:05d} about the budget,Authority {i % 7},{(start + timedelta(days=i % 300)).isoformat()}")
    return ("\n".join(lines) + "\n").encode()


def _load(app, data, team="alpha"):
    with app.app_context():
        team_obj = db.session.scalar(db.select(Team).where(Team.name == team))
        report = import_requests_csv(data, team=team_obj, actor=None)
        db.session.commit()
        return report


def test_dashboard_of_5000_overdue_requests_is_small_and_counts_them(app, auth, actors):
    report = _load(app, _csv(5000))
    assert (report.imported, report.failed) == (5000, [])
    auth.login("editor")
    queries = []
    with app.app_context():
        listen = lambda *a, **k: queries.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            response = auth.get("/")
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert len(response.data) < 100_000, len(response.data)
    overdue = re.search(r'<table class="table table-sm" id="overdue">(.*?)</table>', html, re.S).group(1)
    assert overdue.count("<tr><td>") == SECTION_ROWS
    # Soonest due first: received Mon 2 Jan 2023 (a bank holiday, day 0), due Tue 31 Jan 2023.
    assert "Tue 31 Jan 2023" in overdue.split("</tr>")[1]
    assert 'href="/requests/?clocks=overdue">and 4980 more</a>' in html
    assert '<a href="/requests/?status=awaiting-response">Awaiting response</a><span class="badge bg-secondary">5000</span>' in html
    # A fixed number of queries (login, team, sections, counts), not one per request.
    assert len(queries) < 20, len(queries)


def test_list_filters_sorts_and_paginates_in_sql(app, actors):
    _load(app, _csv(60, start=date(2023, 1, 2)))
    _load(app, _csv(3, start=date.today() - timedelta(days=3), prefix="Recent"))
    _load(app, _csv(2, prefix="Beta"), team="beta")
    with app.app_context():
        user = db.session.get(User, actors.ids["editor"])
        today = date.today()
        page = list_requests(user, today=today, overdue=True, sort="due", page=3, per_page=25)
        assert (page.total, page.pages, page.page, len(page.rows)) == (60, 3, 3, 10)
        dues = [row.open_clock.date for row in page.rows]
        assert dues == sorted(dues)
        first = list_requests(user, today=today, sort="due", page=1, per_page=25).rows[0]
        assert (first.request.received_on, first.open_clock.date, first.open_clock.status) == (
            date(2023, 1, 2), date(2023, 1, 31), "long-overdue")
        recent = list_requests(user, today=today, sort="-received", per_page=5)
        assert [r.request.title for r in recent.rows[:3]] == [
            "Recent 00002 about the budget", "Recent 00001 about the budget", "Recent 00000 about the budget"]
        assert all(r.open_clock.status == "not-yet-due" for r in recent.rows[:3])
        by_authority = list_requests(user, today=today, sort="authority", per_page=100)
        assert [r.request.authority.name for r in by_authority.rows] == sorted(
            r.request.authority.name for r in by_authority.rows)
        assert by_authority.total == 63  # beta's two are not visible


def test_dashboard_sections_on_a_given_day(app, actors):
    from casetracker.correspondence.constants import CorrespondenceKind as Kind
    from casetracker.correspondence.constants import Direction
    from casetracker.correspondence.services import record_correspondence
    from casetracker.info_requests.models import InfoRequest

    _load(app, b"title,authority,received\nLate,DfE,2022-05-03\nSoon,DfE,2022-05-24\nLater,DfE,2022-06-06\n"
               b"Reviewing,DfE,2022-04-01\n")
    with app.app_context():
        reviewing = db.session.scalar(db.select(InfoRequest).where(InfoRequest.title == "Reviewing"))
        record_correspondence(reviewing, actor=None, kind=Kind.RESPONSE, direction=Direction.INCOMING,
                              dated=date(2022, 4, 28))
        record_correspondence(reviewing, actor=None, kind=Kind.INTERNAL_REVIEW_REQUEST,
                              direction=Direction.OUTGOING, dated=date(2022, 5, 12))
        db.session.commit()
        user = db.session.get(User, actors.ids["editor"])
        d = build_dashboard(user, date(2022, 6, 16))
        assert [(r.title, c.date, c.status) for r, c in d.overdue.rows] == [("Late", date(2022, 5, 31), "overdue")]
        assert [(r.title, c.date, c.status) for r, c in d.due_soon.rows] == [("Soon", date(2022, 6, 23), "due-soon")]
        # Internal review asked Thu 12 May 2022: 20 working days, due Mon 13 Jun 2022 (s45 Code), now late.
        assert [(r.title, c.name, c.date, c.status_label) for r, c in d.other_clocks.rows] == [
            ("Reviewing", "review", date(2022, 6, 13), "overdue")]
        assert d.overdue.more == 0 and d.due_soon.total == 1


def test_a_page_read_does_not_wait_for_another_processs_write_lock(app, auth, tmp_path):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite locking only")
    auth.login("editor")
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock, e.g. a long import
    other.execute("INSERT INTO teams (name, created_at) VALUES ('gamma', '2022-01-01')")
    try:
        started = time.monotonic()
        for url in ("/", "/requests/", "/requests/?overdue=1&sort=authority"):
            assert auth.get(url).status_code == 200
        assert time.monotonic() - started < 10  # with BEGIN IMMEDIATE for reads each GET waited the 60 s timeout
        # A form post still takes the lock: it waits, and goes through once the other writer commits.
        threading.Timer(1.0, lambda: other.execute("COMMIT")).start()
        response = auth.post("/requests/authorities/new", {"name": "Fife Council", "nation": "scotland",
                                                           "default_regime": "foisa", "receipt_convention": "arrival"})
        assert response.status_code in (302, 200), response.status_code
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
