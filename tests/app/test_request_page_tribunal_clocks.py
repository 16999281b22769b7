"""After a decision notice: the steps it requires and the Upper Tribunal window, on the request page and stored.

Decision notice sent Tue 1 Nov 2022. Steps: 35 calendar days (FOIA s50(4); the ICO's notices say 35),
Tue 6 Dec 2022. Appeal to the First-tier Tribunal: 28 days, Tue 29 Nov 2022 (GRC Rules r22(1)(b)).
The Tribunal's decision sent Fri 3 Mar 2023: permission to appeal to the Upper Tribunal within 28 days,
Fri 31 Mar 2023 (GRC Rules r42(2), counted from the decision: the earlier, safe date).
"""

from __future__ import annotations

import re
from datetime import date

from casetracker.correspondence.constants import CorrespondenceKind as Kind
from casetracker.correspondence.constants import Direction
from casetracker.correspondence.services import record_correspondence
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.models import InfoRequest


def _record(app, rid, *events):
    with app.app_context():
        r = db.session.get(InfoRequest, rid)
        for kind, day in events:
            record_correspondence(r, actor=None, kind=kind, direction=Direction.INCOMING, dated=day)
        db.session.commit()
        rows = db.session.scalars(db.select(RequestClock).where(RequestClock.request_id == rid)
                                  .order_by(RequestClock.position))
        return {row.name: (row.due_on, row.state) for row in rows}


def test_decision_notice_steps_and_upper_tribunal_clocks_show_on_the_request_page(app, make_request, auth):
    rid = make_request(received=date(2022, 5, 24))
    stored = _record(app, rid, (Kind.RESPONSE, date(2022, 6, 20)), (Kind.INTERNAL_REVIEW_REQUEST, date(2022, 7, 1)),
                     (Kind.INTERNAL_REVIEW_OUTCOME, date(2022, 7, 28)), (Kind.ICO_COMPLAINT, date(2022, 8, 10)),
                     (Kind.DECISION_NOTICE, date(2022, 11, 1)))
    assert stored["notice-steps"] == (date(2022, 12, 6), "open")
    assert stored["appeal"] == (date(2022, 11, 29), "open")
    assert "upper-tribunal" not in stored
    auth.login("editor")
    html = auth.get(f"/requests/{rid}").get_data(as_text=True)
    assert re.search(r'data-clock="notice-steps">\s*<strong>Decision notice steps due by</strong>: .*Tue 6 Dec 2022',
                     html)
    assert "35 days after Tue 1 Nov 2022" in html or "FOIA 2000 s50(4)" in html

    stored = _record(app, rid, (Kind.APPEAL, date(2022, 11, 20)), (Kind.TRIBUNAL_DECISION, date(2023, 3, 3)))
    # An appeal lodged suspends the steps (s50(6)), so that clock ends; the Upper Tribunal window opens.
    assert stored["notice-steps"] == (date(2022, 12, 6), "met")
    assert stored["upper-tribunal"] == (date(2023, 3, 31), "open")
    html = auth.get(f"/requests/{rid}").get_data(as_text=True)
    assert re.search(r'data-clock="upper-tribunal">\s*<strong>Ask permission to appeal to the Upper Tribunal by'
                     r'</strong>: .*Fri 31 Mar 2023', html)
    assert "GRC Rules 2009 r42(2)" in html


def test_steps_clock_ends_when_the_authority_responds_afresh(app, make_request):
    rid = make_request(received=date(2022, 5, 24))
    stored = _record(app, rid, (Kind.RESPONSE, date(2022, 6, 20)), (Kind.DECISION_NOTICE, date(2022, 11, 1)),
                     (Kind.RESPONSE, date(2022, 12, 8)))
    # The fresh response of Thu 8 Dec 2022 came after the 35 days (Tue 6 Dec): missed.
    assert stored["notice-steps"] == (date(2022, 12, 6), "missed")
