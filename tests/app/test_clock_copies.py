"""Clock rows carry copies of their request's team, restriction, status and regime; lists read them in index order."""

from __future__ import annotations

import json
from datetime import date, timedelta

from casetracker.auth.models import User
from casetracker.correspondence.constants import CorrespondenceKind as Kind
from casetracker.correspondence.constants import Direction
from casetracker.correspondence.services import record_correspondence
from casetracker.dashboard.services import build_dashboard
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.listing import list_requests
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import update_request

TODAY = date(2022, 9, 1)


def copies(request_id):
    return db.session.execute(
        db.select(RequestClock.name, RequestClock.team_id, RequestClock.restricted_to, RequestClock.request_status,
                  RequestClock.regime).where(RequestClock.request_id == request_id).order_by(RequestClock.position)
    ).all()


def private_request(app, actors, title="Mine", received=date(2022, 5, 24), **fields):
    """Open a private request in team alpha as its editor; return its id."""
    from casetracker.auth.models import Team
    from casetracker.info_requests.services import get_or_create_authority, open_request

    with app.app_context():
        team = db.session.get(Team, actors.team_ids["alpha"])
        authority = get_or_create_authority(team, "Department for Education", actor=None)
        info_request = open_request(team=team, authority=authority, title=title, received_on=received,
                                    actor=db.session.get(User, actors.ids["editor"]), visibility="private", **fields)
        db.session.commit()
        return info_request.id


def test_clock_rows_copy_the_request_and_follow_its_edits(app, actors):
    rid = private_request(app, actors, regime="eir")
    with app.app_context():
        alpha = actors.team_ids["alpha"]
        assert copies(rid) == [("response", alpha, actors.ids["editor"], "awaiting-response", "eir")]
        editor = db.session.get(User, actors.ids["editor"])
        info_request = db.session.get(InfoRequest, rid)
        record_correspondence(info_request, actor=editor, kind=Kind.RESPONSE, direction=Direction.INCOMING,
                              dated=date(2022, 6, 10), outcome="refused")
        assert copies(rid) == [("response", alpha, actors.ids["editor"], "responded", "eir"),
                               ("review-window", alpha, actors.ids["editor"], "responded", "eir")]
        update_request(info_request, actor=editor, visibility="team", status="closed", regime="foia")
        assert copies(rid) == [("response", alpha, 0, "closed", "foia"), ("review-window", alpha, 0, "closed", "foia")]


def test_verify_finds_a_stale_copy_and_repair_fixes_it(app, make_request, runner, actors):
    rid = make_request()
    with app.app_context():
        db.session.execute(db.text("UPDATE request_clocks SET team_id = 999, request_status = 'closed', "
                                   "restricted_to = 7, regime = 'sar' WHERE request_id = :r"), {"r": rid})
        db.session.commit()
        reference = db.session.get(InfoRequest, rid).reference
    result = runner.invoke(args=["deadlines", "verify", "--json"])
    assert result.exit_code == 1
    found = sorted((d["field"], d["stored"], d["computed"]) for d in json.loads(result.output)["differences"])
    assert found == [("regime", "sar", "foia"), ("request_status", "closed", "awaiting-response"),
                     ("restricted_to", 7, 0), ("team_id", 999, actors.team_ids["alpha"])]
    assert {d["request"] for d in json.loads(result.output)["differences"]} == {reference}
    assert runner.invoke(args=["deadlines", "verify", "--repair"]).exit_code == 0
    assert runner.invoke(args=["deadlines", "verify"]).output.strip() == "1 requests checked, 0 differences."


def test_a_private_request_counts_only_for_its_creator(app, make_request, actors):
    make_request(title="Shared", received=date(2022, 5, 3))
    private_request(app, actors, received=date(2022, 5, 4))
    with app.app_context():
        editor, admin = db.session.get(User, actors.ids["editor"]), db.session.get(User, actors.ids["admin"])
        other = db.session.get(User, actors.ids["other"])
        assert [r.title for r, _ in build_dashboard(editor, TODAY).overdue.rows] == ["Shared", "Mine"]
        assert build_dashboard(admin, TODAY).overdue.total == 1
        assert build_dashboard(other, TODAY).overdue.total == 0
        assert [row.request.title for row in list_requests(editor, today=TODAY, overdue=True).rows] == ["Shared", "Mine"]
        assert list_requests(admin, today=TODAY, overdue=True).total == 1
        assert list_requests(admin, today=TODAY, sort="received").total == 1
        assert list_requests(other, today=TODAY).total == 0


def test_due_order_puts_requests_with_no_running_clock_last_across_pages(app, make_request, actors):
    ids = [make_request(title=f"R{i}", received=date(2022, 5, 2) + timedelta(days=7 * i)) for i in range(5)]
    with app.app_context():
        for rid in ids[:2]:  # a fees notice pauses the response clock (FOIA s9(2)): nothing is running
            record_correspondence(db.session.get(InfoRequest, rid), actor=None, kind=Kind.FEES_NOTICE,
                                  direction=Direction.INCOMING, dated=date(2022, 5, 20))
        db.session.commit()
        editor = db.session.get(User, actors.ids["editor"])
        pages = [list_requests(editor, today=TODAY, page=n, per_page=2) for n in (1, 2, 3, 9)]
        assert [[row.request.title for row in p.rows] for p in pages] == [
            ["R2", "R3"], ["R4", "R0"], ["R1"], ["R1"]]
        assert [(p.page, p.pages, p.total) for p in pages] == [(1, 3, 5), (2, 3, 5), (3, 3, 5), (3, 3, 5)]
        assert [row.open_clock is None for row in pages[1].rows] == [False, True]
        assert list_requests(editor, today=TODAY, status="awaiting-fee").total == 2
        assert [r.request.title for r in list_requests(editor, today=TODAY, overdue=True, per_page=2).rows] == [
            "R2", "R3"]


def test_authority_order_is_by_name_ignoring_case_then_id_across_pages(app, make_request, actors):
    made = [make_request(title=title, authority=authority) for title, authority in [
        ("z1", "Zed Council"), ("b1", "beta Trust"), ("a1", "Alpha Office"), ("b2", "beta Trust"),
        ("z2", "Zed Council"), ("a2", "Alpha Office")]]
    with app.app_context():
        editor = db.session.get(User, actors.ids["editor"])
        pages = [list_requests(editor, today=TODAY, sort="authority", page=n, per_page=4) for n in (1, 2)]
        assert [[row.request.title for row in p.rows] for p in pages] == [["a1", "a2", "b1", "b2"], ["z1", "z2"]]
        assert pages[0].total == len(made) == 6
        one = list_requests(editor, today=TODAY, sort="authority", authority_id=pages[0].rows[2].request.authority_id)
        assert [row.request.title for row in one.rows] == ["b1", "b2"]


def test_a_refresh_waits_for_another_transaction_refreshing_the_same_request(app, make_request):
    """Two people recording correspondence on one request at once: the second refresh reads the first's rows."""
    import threading

    import pytest
    from sqlalchemy import create_engine

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("PostgreSQL row locks (SQLite writers already hold the one write lock)")
    rid = make_request(received=date(2022, 5, 24))
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with other.connect() as conn:
        # Another transaction refreshes the same request: locks it, replaces its clock rows, commits a second later.
        conn.execute(db.text("SELECT id FROM info_requests WHERE id = :r FOR NO KEY UPDATE"), {"r": rid})
        conn.execute(db.text("UPDATE request_clocks SET computed_at = now() WHERE request_id = :r"), {"r": rid})
        conn.execute(db.text("INSERT INTO request_clocks (request_id, position, name, label, due_on, state, "
                             "explanation, owed_by_authority, is_current, computed_at, team_id, restricted_to, "
                             "request_status, regime) SELECT request_id, 9, 'appeal', 'x', due_on, 'open', '', "
                             "false, false, now(), team_id, 0, request_status, regime FROM request_clocks "
                             "WHERE request_id = :r"), {"r": rid})
        threading.Timer(1.0, conn.commit).start()
        with app.app_context():
            record_correspondence(db.session.get(InfoRequest, rid), actor=None, kind=Kind.ACKNOWLEDGEMENT,
                                  direction=Direction.INCOMING, dated=date(2022, 5, 25))
            db.session.commit()  # without the lock: the stray 'appeal' row the other committed would survive
            assert [name for name, *_ in copies(rid)] == ["response"]
    other.dispose()
