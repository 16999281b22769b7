"""School term dates as a team setting (SI 2004/3364): stored, audited, and used by the clocks and the request page.

Terms of 2022 (first and last school day): 5 Jan - 11 Feb, 21 Feb - 8 Apr, 25 Apr - 27 May; so half term
is 14-18 Feb and the Easter holidays 11-22 Apr.

- Received Wed 9 Feb 2022 by a school: school days Thu 10 (1), Fri 11 Feb (2); half term not counted;
  21-25 Feb (3-7), 28 Feb-4 Mar (8-12), 7-11 Mar (13-17), Mon 14 (18), Tue 15 (19), Wed 16 Mar (20):
  due Wed 16 Mar 2022, before the 60th working day. Without terms: the 20th working day, Wed 9 Mar.
- Received Fri 1 Apr 2022: 4-8 Apr (1-5); 11-22 Apr not school days; 25-29 Apr (6-10); Mon 2 May a bank
  holiday; 3-6 May (11-14), 9-13 May (15-19), Mon 16 May (20): due Mon 16 May 2022.
"""

from __future__ import annotations

import re
from datetime import date

from casetracker.audit.models import AuditEvent
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.teams.models import SchoolTerm

D = date
TERMS = "# 2022\n2022-01-05 2022-02-11\n2022-02-21 2022-04-08\n2022-04-25 2022-05-27\n"


def _due(app, rid):
    with app.app_context():
        return db.session.scalar(db.select(RequestClock.due_on).where(RequestClock.request_id == rid,
                                                                      RequestClock.name == "response"))


def test_team_term_dates_set_a_schools_due_date_on_the_request_page(app, auth, actors, make_request):
    half_term = make_request(title="Exclusions policy", authority="Ambridge Primary School", received=D(2022, 2, 9))
    easter = make_request(title="Uniform supplier", authority="Ambridge Primary School", received=D(2022, 4, 1))
    other = make_request(title="Gritting", authority="Borsetshire County Council", received=D(2022, 2, 9))
    with app.app_context():
        from casetracker.info_requests.models import InfoRequest

        school = db.session.get(InfoRequest, half_term).authority
        school.is_school = True
        db.session.commit()
        school_id = school.id
    auth.login("admin")
    # Marking the school through its page recounts; without terms it is the 20th working day, the safe date.
    assert auth.post(f"/requests/authorities/{school_id}/edit", {
        "name": "Ambridge Primary School", "nation": "england", "default_regime": "foia", "foi_email": "",
        "postal_address": "", "is_school": "y", "receipt_convention": "arrival"}).status_code == 302
    assert _due(app, half_term) == D(2022, 3, 9)
    team_id = actors.team_ids["alpha"]
    response = auth.post(f"/teams/{team_id}/school-terms", {"terms": TERMS})
    assert response.status_code == 302
    assert (_due(app, half_term), _due(app, easter), _due(app, other)) == (D(2022, 3, 16), D(2022, 5, 16), D(2022, 3, 9))
    html = auth.get(f"/requests/{half_term}").get_data(as_text=True)
    assert re.search(r'data-clock="response">\s*<strong>Response due</strong>: .*Wed 16 Mar 2022', html)
    assert "the 20th school day comes before the 60th working day" in html
    with app.app_context():
        event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "team.school_terms"))
        assert event.after["terms"] == "2022-01-05 2022-02-11\n2022-02-21 2022-04-08\n2022-04-25 2022-05-27"
    page = auth.get(f"/teams/{team_id}/school-terms").get_data(as_text=True)
    assert "2022-02-21 2022-04-08" in page


def test_bad_term_dates_are_refused_and_nothing_is_saved(app, auth, actors):
    auth.login("admin")
    team_id = actors.team_ids["alpha"]
    response = auth.post(f"/teams/{team_id}/school-terms", {"terms": "2022-01-05 2022-02-11\n2022-02-30 2022-04-08"})
    assert response.status_code == 422
    assert ("Line 2 of the term dates is not two dates (YYYY-MM-DD YYYY-MM-DD): &#39;2022-02-30 2022-04-08&#39;."
            in response.get_data(as_text=True))
    overlap = auth.post(f"/teams/{team_id}/school-terms", {"terms": "2022-01-05 2022-02-11\n2022-02-01 2022-04-08"})
    assert overlap.status_code == 422
    assert "The term starting 2022-02-01 overlaps the one before it." in overlap.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(SchoolTerm.id))) == 0
