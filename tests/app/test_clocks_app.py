"""Clocks moved by correspondence and admin settings, through the services and pages."""

from __future__ import annotations

from datetime import date

from casetracker.extensions import db


def _clocks(app, request_id, today):
    from casetracker.info_requests.models import InfoRequest
    from casetracker.info_requests.services import clocks_for

    with app.app_context():
        return clocks_for(db.session.get(InfoRequest, request_id), today)


def _record(app, request_id, kind, dated, direction="incoming", **kw):
    from casetracker.correspondence.services import record_correspondence
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        entry = record_correspondence(db.session.get(InfoRequest, request_id), actor=None, kind=kind,
                                      direction=direction, dated=dated, **kw)
        db.session.commit()
        return entry.id


def test_fees_notice_pauses_until_paid(app, make_request):
    # Received Fri 14 Jan 2022, due Fri 11 Feb 2022. Fees notice Tue 18 Jan (day 2), paid Mon 24 Jan:
    # Tue 18 .. Mon 24 Jan (5 working days) do not count, so the due date moves 5 working days to Fri 18 Feb 2022.
    request_id = make_request(received=date(2022, 1, 14))
    _record(app, request_id, "fees-notice", date(2022, 1, 18))
    paused = _clocks(app, request_id, date(2022, 1, 20))[0]
    assert paused.state == "paused"
    assert paused.date == date(2022, 4, 17)  # three months beginning with Tue 18 Jan end on Sun 17 Apr
    _record(app, request_id, "fee-paid", date(2022, 1, 24), direction="outgoing")
    assert _clocks(app, request_id, date(2022, 1, 25))[0].date == date(2022, 2, 18)


def test_extension_notice_gives_forty_working_days(app, make_request):
    # 40 working days after Fri 14 Jan 2022, no holidays in between: Fri 11 Mar 2022.
    request_id = make_request(received=date(2022, 1, 14))
    _record(app, request_id, "extension-notice", date(2022, 2, 10))
    assert _clocks(app, request_id, date(2022, 2, 11))[0].date == date(2022, 3, 11)


def test_foisa_request_counts_scottish_holidays_only(app, make_request):
    # Received Fri 1 Jul 2022. FOIA skips Tue 12 Jul (Boyne, NI) and Mon 1 Aug (Scotland) -> Mon 1 Aug excluded too;
    # FOISA skips only Mon 1 Aug 2022 (Scottish summer bank holiday).
    # FOISA: Jul 4-29 = 20 weekdays -> due Fri 29 Jul 2022.
    foisa = make_request(title="Scottish", received=date(2022, 7, 1), regime="foisa")
    foia = make_request(title="UK", received=date(2022, 7, 1), regime="foia")
    assert _clocks(app, foisa, date(2022, 7, 2))[0].date == date(2022, 7, 29)
    # FOIA: 20 weekdays from Mon 4 Jul minus Tue 12 Jul -> Mon 1 Aug is a holiday -> Tue 2 Aug 2022.
    assert _clocks(app, foia, date(2022, 7, 2))[0].date == date(2022, 8, 2)


def test_admin_extra_day_moves_every_clock(app, auth, make_request):
    # Received Mon 5 Sep 2022: 20 working days skipping Mon 19 Sep (State Funeral, in the holiday data) -> Tue 4 Oct.
    # A site admin adds a made-up proclaimed day, Wed 21 Sep 2022 -> due Wed 5 Oct 2022.
    request_id = make_request(received=date(2022, 9, 5))
    assert _clocks(app, request_id, date(2022, 9, 6))[0].date == date(2022, 10, 4)
    auth.login("siteadmin")
    response = auth.post("/admin/non-working-days", {"day": "2022-09-21", "name": "Proclaimed day", "calendar": "both"})
    assert response.status_code == 302
    clock = _clocks(app, request_id, date(2022, 9, 6))[0]
    assert clock.date == date(2022, 10, 5)
    assert "Wed 21 Sep 2022 (Proclaimed day)" in clock.due.explain()
    refused = auth.post("/admin/non-working-days", {"day": "2022-09-19", "name": "Again", "calendar": "both"})
    assert refused.status_code == 422 and "already a bank holiday" in refused.get_data(as_text=True)


def test_decision_notice_opens_appeal_window(app, make_request):
    # Decision notice sent Tue 2 Aug 2022: 28 calendar days -> Tue 30 Aug 2022 (a working day).
    request_id = make_request(received=date(2022, 1, 14))
    _record(app, request_id, "refusal-notice", date(2022, 2, 10))
    _record(app, request_id, "internal-review-request", date(2022, 2, 14), direction="outgoing")
    _record(app, request_id, "internal-review-outcome", date(2022, 3, 14))
    _record(app, request_id, "ico-complaint", date(2022, 3, 20), direction="outgoing")
    _record(app, request_id, "decision-notice", date(2022, 8, 2))
    clocks = {c.name.value: c for c in _clocks(app, request_id, date(2022, 8, 3))}
    assert clocks["appeal"].date == date(2022, 8, 30)
    assert clocks["review"].state == "met"
    assert clocks["ico-complaint"].state == "met"


def test_deadlines_cli_through_the_app(runner):
    result = runner.invoke(args=["deadlines", "due", "foia", "2022-01-14"])
    assert (result.exit_code, result.output) == (0, "2022-02-11\n")
    bad = runner.invoke(args=["deadlines", "due", "nope", "2022-01-14"])
    assert bad.exit_code == 2
