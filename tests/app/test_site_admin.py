"""Extra non-working days belong to site administrators; no team admin moves another team's deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.extensions import db
from tests.conftest import AuthClient

DAY = {"day": "2022-09-21", "name": "Proclaimed day", "calendar": "both"}


@pytest.fixture
def extra_day(app):
    from casetracker.deadlines.services import add_extra_day

    with app.app_context():
        row = add_extra_day(date(2022, 9, 28), "Earlier proclamation", "uk", actor=None)
        db.session.commit()
        return row.id


def _days(app) -> list[tuple[date, str]]:
    from casetracker.deadlines.models import ExtraNonWorkingDay

    with app.app_context():
        return [tuple(r) for r in db.session.execute(
            db.select(ExtraNonWorkingDay.day, ExtraNonWorkingDay.name).order_by(ExtraNonWorkingDay.day))]


@pytest.mark.parametrize("who", ["viewer", "editor", "admin", "other", "otheradmin"])
def test_only_site_admins_see_or_change_extra_days(app, auth, extra_day, who):
    auth.login(who)
    assert auth.get("/admin/non-working-days").status_code == 404
    assert auth.post("/admin/non-working-days", DAY).status_code == 404
    assert auth.post(f"/admin/non-working-days/{extra_day}/delete").status_code == 404
    assert "Non-working days" not in auth.get("/").get_data(as_text=True)
    assert _days(app) == [(date(2022, 9, 28), "Earlier proclamation")]


def test_anonymous_is_sent_to_log_in(auth, extra_day):
    for response in (auth.get("/admin/non-working-days"), auth.post("/admin/non-working-days", DAY, csrf=False)):
        assert response.status_code in (302, 400)
    response = auth.get("/admin/non-working-days")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_site_admin_adds_and_removes_and_each_change_is_audited(app, auth, actors, extra_day):
    from casetracker.audit.models import AuditEvent

    auth.login("siteadmin")
    page = auth.get("/admin/non-working-days")
    assert page.status_code == 200 and "Earlier proclamation" in page.get_data(as_text=True)
    assert "Non-working days" in auth.get("/").get_data(as_text=True)
    assert auth.post("/admin/non-working-days", DAY).status_code == 302
    assert auth.post(f"/admin/non-working-days/{extra_day}/delete").status_code == 302
    assert _days(app) == [(date(2022, 9, 21), "Proclaimed day")]
    with app.app_context():
        events = db.session.execute(
            db.select(AuditEvent.action, AuditEvent.actor_id, AuditEvent.actor_label, AuditEvent.summary,
                      AuditEvent.before, AuditEvent.after)
            .where(AuditEvent.object_type == "extra_non_working_days").order_by(AuditEvent.id)).all()
    assert [tuple(e) for e in events] == [
        ("non_working_day.added", None, "system", "Non-working day Wed 28 Sep 2022 (Earlier proclamation) added for uk",
         None, {"day": "2022-09-28", "name": "Earlier proclamation", "calendar": "uk"}),
        ("non_working_day.added", actors.ids["siteadmin"], "siteadmin@example.org",
         "Non-working day Wed 21 Sep 2022 (Proclaimed day) added for both",
         None, {"day": "2022-09-21", "name": "Proclaimed day", "calendar": "both"}),
        ("non_working_day.removed", actors.ids["siteadmin"], "siteadmin@example.org",
         "Non-working day Wed 28 Sep 2022 (Earlier proclamation) removed",
         {"day": "2022-09-28", "name": "Earlier proclamation", "calendar": "uk"}, None),
    ]


def test_site_admin_flag_gives_no_access_to_other_teams(auth, make_request):
    request_id = make_request()
    auth.login("siteadmin")
    assert auth.get(f"/requests/{request_id}").status_code == 404


def _due(app, request_id) -> tuple[date, str]:
    from casetracker.info_requests.models import InfoRequest
    from casetracker.info_requests.services import clocks_for

    with app.app_context():
        clock = clocks_for(db.session.get(InfoRequest, request_id), date(2022, 9, 6))[0]
        return clock.date, clock.due.explain()


def test_another_teams_admin_cannot_move_alphas_deadlines_by_any_route(app, actors, make_request, extra_day):
    """Every page that changes a date, a clock setting or the calendar, tried by beta's admin: all 404."""
    from casetracker.auth.models import Team
    from casetracker.correspondence.services import record_correspondence
    from casetracker.info_requests.models import InfoRequest
    from casetracker.mail.services import import_mail_file
    from tests.mail.test_import_web import LOST

    request_id = make_request(received=date(2022, 9, 5))
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        entry = record_correspondence(r, actor=None, kind="acknowledgement", direction="incoming", dated=date(2022, 9, 6))
        alpha = db.session.get(Team, actors.team_ids["alpha"])
        (outcome,) = import_mail_file(LOST, "lost.eml", team=alpha, actor=None)
        db.session.commit()
        ids = {"r": request_id, "e": entry.id, "a": r.authority_id, "m": outcome.unassigned_id}
    before = _due(app, request_id)
    # Received Mon 5 Sep 2022, 20 working days skipping Mon 19 Sep (State Funeral) and Wed 28 Sep (the extra day).
    assert before[0] == date(2022, 10, 5)

    auth = AuthClient(app.test_client())
    auth.login("otheradmin")
    attempts = [
        ("/admin/non-working-days", DAY),
        (f"/admin/non-working-days/{extra_day}/delete", {}),
        ("/requests/{r}/edit".format(**ids), {"title": "T", "authority_id": ids["a"], "regime": "foisa",
                                              "received_on": "2022-08-01", "visibility": "team"}),
        ("/requests/{r}/stages".format(**ids), {"status": "closed", "review_outcome": "", "ico_reference": "",
                                                "decision_notice_reference": "", "appeal_reference": ""}),
        ("/requests/{r}/correspondence/new".format(**ids), {"kind": "clarification", "direction": "incoming",
                                                            "dated": "2022-09-20", "outcome": "pending"}),
        ("/requests/{r}/correspondence/{e}/correct".format(**ids), {"kind": "clarification",
                                                                    "direction": "incoming", "dated": "2022-09-20",
                                                                    "outcome": "pending"}),
        ("/requests/{r}/correspondence/{e}/sent".format(**ids), {"sent_on": "2022-09-20"}),
        ("/requests/{r}/correspondence/{e}".format(**ids), {"kind": "clarification"}),
        ("/requests/authorities/{a}/edit".format(**ids), {"name": "Department for Education", "nation": "scotland",
                                                          "default_regime": "foisa", "receipt_convention": "next-working-day",
                                                          "is_school": "y"}),
        ("/requests/{r}/mail".format(**ids), {}),
        ("/mail/unassigned/{m}/assign".format(**ids), {"request_id": str(ids["r"])}),
        ("/requests/{r}/letters/extension-notice".format(**ids), {}),
    ]
    for url, data in attempts:
        assert auth.post(url, data).status_code == 404, url
    assert _due(app, request_id) == before
    assert _days(app) == [(date(2022, 9, 28), "Earlier proclamation")]
    # The same clarification from alpha's own admin does restart the clock (FOIA s1(3)): the routes work.
    own = AuthClient(app.test_client())
    own.login("admin")
    assert own.post(attempts[4][0], attempts[4][1]).status_code == 302
    assert _due(app, request_id)[0] == date(2022, 10, 19)
