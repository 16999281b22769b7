"""The stored clocks: written at every change, moved by a new non-working day, checked by ``deadlines verify``."""

from __future__ import annotations

import json
from datetime import date

from casetracker.audit.models import AuditEvent
from casetracker.correspondence.constants import CorrespondenceKind as Kind
from casetracker.correspondence.constants import Direction
from casetracker.correspondence.services import record_correspondence, update_correspondence
from casetracker.deadlines.models import ExtraNonWorkingDay
from casetracker.deadlines.services import add_extra_day, remove_extra_day
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.projection import status_on
from casetracker.info_requests.services import update_request


def stored(request_id):
    rows = db.session.scalars(db.select(RequestClock).where(RequestClock.request_id == request_id)
                              .order_by(RequestClock.position))
    return [(r.name, r.due_on, r.state) for r in rows]


def test_opening_a_request_stores_its_response_clock_and_thresholds(app, make_request):
    rid = make_request(received=date(2022, 5, 24))
    with app.app_context():
        row = db.session.scalar(db.select(RequestClock).where(RequestClock.request_id == rid))
        # 20 working days after Tue 24 May 2022, skipping the Jubilee bank holidays of 2 and 3 June.
        assert (row.name, row.due_on, row.state, row.is_current) == ("response", date(2022, 6, 23), "open", True)
        assert "Thu 2 Jun 2022" in row.explanation and "Fri 3 Jun 2022" in row.explanation
        assert row.soon_from == date(2022, 6, 16)
        assert row.long_overdue_from == date(2022, 7, 25)
        assert [status_on(row, d) for d in (date(2022, 6, 15), date(2022, 6, 16), date(2022, 6, 23),
                                            date(2022, 6, 24), date(2022, 7, 22), date(2022, 7, 25))] == [
            "not-yet-due", "due-soon", "due-today", "overdue", "overdue", "long-overdue"]


def test_correspondence_and_edits_rewrite_the_stored_clocks(app, make_request, actors):
    rid = make_request(received=date(2022, 5, 24))
    with app.app_context():
        r = db.session.get(InfoRequest, rid)
        entry = record_correspondence(r, actor=None, kind=Kind.RESPONSE, direction=Direction.INCOMING,
                                      dated=date(2022, 6, 20))
        db.session.commit()
        assert stored(rid) == [("response", date(2022, 6, 23), "met"), ("review-window", date(2022, 8, 17), "open")]
        update_correspondence(entry, actor=None, dated=date(2022, 6, 28))
        db.session.commit()
        assert stored(rid)[0] == ("response", date(2022, 6, 23), "missed")
        update_request(r, actor=None, received_on=date(2022, 6, 1))
        db.session.commit()
        # Received Wed 1 Jun: after the Jubilee days (2, 3 June) the 20th working day is Fri 1 Jul; 28 June met it.
        assert stored(rid)[0] == ("response", date(2022, 7, 1), "met")


def test_unconfirmed_import_moves_nothing_until_confirmed(app, make_request):
    rid = make_request(received=date(2022, 5, 24))
    with app.app_context():
        r = db.session.get(InfoRequest, rid)
        entry = record_correspondence(r, actor=None, kind=Kind.EXTENSION_NOTICE, direction=Direction.INCOMING,
                                      dated=date(2022, 6, 20), kind_confirmed=False)
        db.session.commit()
        assert stored(rid) == [("response", date(2022, 6, 23), "open")]
        update_correspondence(entry, actor=None, kind_confirmed=True)
        db.session.commit()
        # FOIA s10(3): 20 further working days, ICO guidance; 40 working days after receipt.
        assert stored(rid) == [("response", date(2022, 7, 22), "open")]


def test_extra_non_working_day_moves_affected_open_requests_with_one_audit_entry_each(app, make_request, runner):
    early = make_request(title="Early", received=date(2022, 5, 24))
    second = make_request(title="Second", received=date(2022, 5, 25))
    later = make_request(title="After the day", received=date(2022, 6, 13))
    scottish = make_request(title="Scottish", received=date(2022, 5, 24), regime="foisa")
    with app.app_context():
        row_id = add_extra_day(date(2022, 6, 10), "Test proclamation", "uk", actor=None).id
        db.session.commit()
        assert stored(early)[0][1] == date(2022, 6, 24)
        assert stored(second)[0][1] == date(2022, 6, 27)
        assert stored(later)[0][1] == date(2022, 7, 11)
        assert stored(scottish)[0][1] == date(2022, 6, 23)  # FOISA s73: a UK-only day does not count in Scotland
        moved = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "clock.moved")
                                   .order_by(AuditEvent.request_id)).all()
        assert [(e.request_id, e.before["due"], e.after["due"]) for e in moved] == [
            (early, "2022-06-23", "2022-06-24"), (second, "2022-06-24", "2022-06-27")]
        assert "moved from Thu 23 Jun 2022 to Fri 24 Jun 2022 (Test proclamation added" in moved[0].summary
    result = runner.invoke(args=["deadlines", "verify", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"checked": 4, "differences": [], "repaired": 0}
    with app.app_context():
        remove_extra_day(db.session.get(ExtraNonWorkingDay, row_id), actor=None)
        db.session.commit()
        assert stored(early)[0][1] == date(2022, 6, 23)
        assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)
                                 .where(AuditEvent.action == "clock.moved")) == 4


def test_verify_finds_rows_edited_behind_the_apps_back_and_repair_fixes_them(app, make_request, runner):
    first = make_request(received=date(2022, 5, 24))
    second = make_request(received=date(2022, 6, 1))
    with app.app_context():
        db.session.execute(db.text("UPDATE request_clocks SET due_on = :d WHERE request_id = :r"),
                           {"d": date(2022, 7, 1), "r": first})
        db.session.execute(db.text("DELETE FROM request_clocks WHERE request_id = :r"), {"r": second})
        db.session.commit()
        reference = db.session.get(InfoRequest, first).reference
        second_ref = db.session.get(InfoRequest, second).reference
    result = runner.invoke(args=["deadlines", "verify", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["checked"] == 2 and report["repaired"] == 0
    assert {"request": reference, "clock": "response", "field": "due_on", "stored": "2022-07-01",
            "computed": "2022-06-23"} in report["differences"]
    assert {"request": second_ref, "clock": "response", "field": "row", "stored": None,
            "computed": "present"} in report["differences"]

    result = runner.invoke(args=["deadlines", "verify", "--repair"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("2 requests checked, 2 differences, 2 requests repaired.")
    result = runner.invoke(args=["deadlines", "verify"])
    assert (result.exit_code, result.output.strip()) == (0, "2 requests checked, 0 differences.")


def test_verify_holds_no_write_lock_while_it_checks(app, make_request, runner, monkeypatch):
    """Break test: checking 300,000 requests took minutes under SQLite's write lock, and every post failed meanwhile."""
    import sqlite3

    import pytest

    from casetracker.info_requests import projection

    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if not uri.startswith("sqlite:///"):
        pytest.skip("PostgreSQL readers take no lock to begin with")
    make_request(received=date(2022, 5, 24))
    written = []
    compare = projection._compare

    def compare_while_another_process_writes(*args, **kwargs):
        other = sqlite3.connect(uri.removeprefix("sqlite:///"), timeout=0)  # refuses at once if the lock is held
        try:
            other.execute("UPDATE teams SET name = name || '-renamed'")
            other.commit()
            written.append(True)
        finally:
            other.close()
        return compare(*args, **kwargs)

    monkeypatch.setattr(projection, "_compare", compare_while_another_process_writes)
    result = runner.invoke(args=["deadlines", "verify"])
    assert (result.exit_code, result.output.strip()) == (0, "1 requests checked, 0 differences."), result.output
    assert written == [True]
