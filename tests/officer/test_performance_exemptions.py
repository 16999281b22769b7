"""The performance report's "by exemption cited" breakdown (issue 14), on the page, in the CSV and normalised.

Four requests the council received on Tue 1 Feb 2022, each answered on Mon 28 Feb 2022 (on time):
A cites "s40(2), s43(2)", B "section 40(2)" (the same exemption, spelt out), C "S 43 (2)" and
"s43(2)" (one exemption typed twice), D nothing. So s40(2) is cited in 2 answers and s43(2) in 2; a
refused E cites "s12" but is still unanswered, so it is not counted.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from bs4 import BeautifulSoup

from casetracker.correspondence.services import record_correspondence
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import RequestDataError, normalise_exemptions, update_request
from casetracker.officer.performance import exemption_counts
from casetracker.officer.reports import case_timings

import pytest

D = date


def test_exemptions_are_normalised_as_the_catalogue_writes_them():
    assert normalise_exemptions("section 40(2); S 43 (2), s43(2)\nregulation 12(5)(e), reg13") == \
        "s40(2), s43(2), reg 12(5)(e), reg 13"
    assert normalise_exemptions("  ") == ""
    with pytest.raises(RequestDataError, match="at most 500 characters"):
        normalise_exemptions(", ".join(f"s{n}(1)" for n in range(100, 200)))


def test_performance_breaks_answers_down_by_exemption_cited(app, office, office_request, auth):
    plan = [("A", "s40(2), s43(2)", True), ("B", "section 40(2)", True), ("C", "S 43 (2), s43(2)", True),
            ("D", "", True), ("E", "s12", False)]
    for title, cited, answered in plan:
        rid = office_request(title=title, received=D(2022, 2, 1))
        with app.app_context():
            r = db.session.get(InfoRequest, rid)
            update_request(r, actor=None, exemptions_cited=cited)
            if answered:
                record_correspondence(r, actor=None, kind="response", direction="outgoing", dated=D(2022, 2, 28),
                                      outcome="disclosed-in-part")
            db.session.commit()
    with app.app_context():
        from casetracker.auth.models import Team

        timings = case_timings(db.session.get(Team, office["team"]), D(2022, 2, 1), D(2022, 2, 28), D(2022, 12, 1))
        assert exemption_counts(timings) == [("s40(2)", 2), ("s43(2)", 2)]
    auth.login("asha")
    query = f"team={office['team']}&start=2022-02-01&end=2022-02-28"
    page = auth.get(f"/officer/performance?{query}")
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    assert [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in soup.select("#by-exemption tbody tr")] \
        == [["s40(2)", "2"], ["s43(2)", "2"]]
    rows = list(csv.reader(io.StringIO(auth.get(f"/officer/performance.csv?{query}").get_data(as_text=True))))
    assert rows[-3:] == [["exemption", "answered citing it"], ["s40(2)", "2"], ["s43(2)", "2"]]
