"""``flask reports authorities`` over a fixture whose lateness is worked out by hand.

Team alpha (a requester team) tracks five requests to two authorities. Working days: FOIA s10(6) counts
every UK nation's bank holidays; FOISA s73 Scotland's only. Every clock below has long passed, so
"today" (the real date) changes nothing.

Department for Transport (FOIA):
- T1 received Fri 14 Jan 2022: 17-21 Jan are days 1-5, 24-28 Jan 6-10, 31 Jan-4 Feb 11-15, 7-11 Feb
  16-20: due Fri 11 Feb (the ICO's own example). Answered Thu 10 Feb, day 19: on time. Granted.
- T2 received Mon 4 Apr 2022: 5-8 Apr days 1-4, 11-14 Apr 5-8, (Good Friday 15 Apr, Easter Monday
  18 Apr skipped) 19-22 Apr 9-12, 25-29 Apr 13-17, (2 May skipped) 3-5 May 18-20: due Thu 5 May.
  Answered Tue 10 May, day 23 (6 May 21, 9 May 22): late. Refused, citing s43(2) and "section 40(2)".
  Internal review asked 11 May, "Upheld" on 27 May; ICO complaint 1 Jun; decision notice 1 Nov 2022.
- T3 received Tue 24 May 2022: due Thu 23 Jun (2 and 3 June, the Jubilee, skipped). Never answered:
  overdue with the clock running, so late.
- T4 received Wed 1 Jun 2022; clarification asked Fri 3 Jun and never given: the clock is stopped
  (s1(3)), so its lateness is not settled and it counts neither way.
So: 4 requests, 2 answered, 1 answered late, 2 late of 3 settled = 66.7%; working days [19, 23]:
median 21.0, 90th percentile (nearest rank: ceil(0.9 x 2) = 2nd) 23.0.

Scottish Water (FOISA, Scottish calendar):
- W1 received Fri 29 Jul 2022: Mon 1 Aug (Scottish summer holiday) skipped, 2-5 Aug days 1-4, 8-12 Aug
  5-9, 15-19 Aug 10-14, 22-26 Aug 15-19, Mon 29 Aug (an English holiday only) 20: due 29 Aug.
  Answered Fri 26 Aug, day 19: on time. Disclosed in part, citing s33(1)(b).
So: 1 request, 0 late of 1 settled = 0.0%; median and 90th percentile 19.0.

Sorted by lateness: the Department first.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from bs4 import BeautifulSoup

from casetracker.correspondence.services import record_correspondence
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import update_request
from casetracker.statistics.figures import percentile

D = date
DFT, WATER = "Department for Transport", "Scottish Water"

EXPECTED = [
    {"authority": DFT, "requests": 4, "answered": 2, "answered_late": 1, "late": 2, "settled": 3, "percent_late": 66.7,
     "median_working_days": 21.0, "p90_working_days": 23.0,
     "outcomes": {"granted": 1, "part": 0, "refused": 1, "not_held": 0},
     "exemptions": {"s40(2)": 1, "s43(2)": 1},
     "internal_reviews": {"requested": 1, "outcomes": {"upheld": 1}},
     "ico_complaints": 1, "decision_notices": 1},
    {"authority": WATER, "requests": 1, "answered": 1, "answered_late": 0, "late": 0, "settled": 1, "percent_late": 0.0,
     "median_working_days": 19.0, "p90_working_days": 19.0,
     "outcomes": {"granted": 0, "part": 1, "refused": 0, "not_held": 0},
     "exemptions": {"s33(1)(b)": 1},
     "internal_reviews": {"requested": 0, "outcomes": {}},
     "ico_complaints": 0, "decision_notices": 0},
]


@pytest.fixture
def tracked(app, make_request):
    def make(title, authority, received, events=(), regime="foia", **stages):
        rid = make_request(title=title, authority=authority, received=received, regime=regime)
        with app.app_context():
            r = db.session.get(InfoRequest, rid)
            for kind, direction, dated, *outcome in events:
                record_correspondence(r, actor=None, kind=kind, direction=direction, dated=dated,
                                      **({"outcome": outcome[0]} if outcome else {}))
            if stages:
                update_request(r, actor=None, **stages)
            db.session.commit()
        return rid

    ids = {
        "T1": make("T1", DFT, D(2022, 1, 14), [("response", "incoming", D(2022, 2, 10), "disclosed-in-full")]),
        "T2": make("T2", DFT, D(2022, 4, 4), [
            ("refusal-notice", "incoming", D(2022, 5, 10), "refused"),
            ("internal-review-request", "outgoing", D(2022, 5, 11)),
            ("internal-review-outcome", "incoming", D(2022, 5, 27)),
            ("ico-complaint", "outgoing", D(2022, 6, 1)),
            ("decision-notice", "incoming", D(2022, 11, 1))],
            exemptions_cited="s43(2), section 40(2)", review_outcome="Upheld"),
        "T3": make("T3", DFT, D(2022, 5, 24)),
        "T4": make("T4", DFT, D(2022, 6, 1), [("clarification-request", "incoming", D(2022, 6, 3))]),
        "W1": make("W1", WATER, D(2022, 7, 29), [("response", "incoming", D(2022, 8, 26), "disclosed-in-part")],
                   regime="foisa", exemptions_cited="s33(1)(b)"),
    }
    with app.app_context():
        ids["dft"] = db.session.get(InfoRequest, ids["T1"]).authority_id
        ids["water"] = db.session.get(InfoRequest, ids["W1"]).authority_id
    return ids


def test_reports_authorities_json_gives_the_figures_worked_by_hand(runner, tracked):
    result = runner.invoke(args=["reports", "authorities", "--team", "alpha", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["team"] == "alpha"
    assert report["authorities"] == EXPECTED


def test_reports_authorities_prints_a_line_per_authority_and_refuses_an_unknown_team(runner, tracked):
    result = runner.invoke(args=["reports", "authorities", "--team", "alpha"])
    assert result.output.splitlines() == [
        "Department for Transport: 4 requests, 2 answered, 2 late (66.7%); median 21.0 working days",
        "Scottish Water: 1 requests, 1 answered, 0 late (0.0%); median 19.0 working days",
    ]
    missing = runner.invoke(args=["reports", "authorities", "--team", "nobody"])
    assert missing.exit_code == 2
    assert "There is no team called 'nobody'." in missing.output


def test_percentile_is_nearest_rank():
    assert percentile([5, 10, 20, 30], 0.9) == 30.0
    assert percentile(list(range(1, 11)), 0.9) == 9.0  # rank ceil(9.0) = 9
    assert percentile([7], 0.9) == 7.0
    assert percentile([], 0.9) is None


def test_authorities_page_table_sorts_by_lateness_and_links_each_authority(auth, tracked, actors):
    auth.login("viewer")
    team_id = actors.team_ids["alpha"]
    page = auth.get(f"/teams/{team_id}/authorities")
    assert page.status_code == 200
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all(["th", "td"])]
            for tr in soup.select("#authorities tbody tr")]
    assert [row[:6] for row in rows] == [[DFT, "4", "2", "1", "2", "66.7%"], [WATER, "1", "1", "0", "0", "0.0%"]]
    by_name = auth.get(f"/teams/{team_id}/authorities?sort=name").get_data(as_text=True)
    assert by_name.index(DFT) < by_name.index(WATER)
    by_size = BeautifulSoup(auth.get(f"/teams/{team_id}/authorities?sort=requests").get_data(as_text=True),
                            "html.parser")
    assert [tr.find(["th", "td"]).get_text(strip=True) for tr in by_size.select("#authorities tbody tr")] == [DFT, WATER]


def test_authority_page_has_its_figures_charts_and_requests(auth, tracked, actors):
    auth.login("editor")
    team_id = actors.team_ids["alpha"]
    html = auth.get(f"/teams/{team_id}/authorities/{tracked['dft']}").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text(strip=True) == DFT
    figures = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
               for dt, dd in zip(soup.select("#figures dt"), soup.select("#figures dd"))}
    assert figures["Late"] == "2 of 3 settled (66.7%)"
    assert figures["Working days to respond"] == "median 21.0, 90th percentile 23.0"
    assert figures["Internal reviews"] == "1 (upheld 1)"
    assert figures["ICO complaints"] == "1" and figures["Decision notices"] == "1"
    assert soup.select_one("svg#outcomes-chart title").get_text() == "Answered requests by outcome"
    assert soup.select_one("svg#days-chart") is not None
    answered = [tr.find_all("td")[3].get_text(strip=True) for tr in soup.select("#requests tbody tr")]
    assert answered == ["Thu 10 Feb 2022", "Tue 10 May 2022", "not yet", "clock stopped"]


def test_authorities_csv_is_the_table(auth, tracked, actors):
    auth.login("viewer")
    response = auth.get(f"/teams/{actors.team_ids['alpha']}/authorities.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:6] == ["authority", "requests", "answered", "answered_late", "late", "percent_late"]
    assert rows[1] == [DFT, "4", "2", "1", "2", "66.7", "21.0", "23.0", "1", "0", "1", "0",
                       "s40(2) (1); s43(2) (1)", "1", "1", "1"]
    assert rows[2][0] == WATER


def test_another_teams_statistics_are_not_found(auth, tracked, actors):
    auth.login("other")
    team_id = actors.team_ids["alpha"]
    for url in (f"/teams/{team_id}/authorities", f"/teams/{team_id}/authorities.csv",
                f"/teams/{team_id}/authorities/{tracked['dft']}"):
        assert auth.get(url).status_code == 404


def test_an_authority_of_no_request_of_the_team_is_not_found(auth, tracked, actors):
    auth.login("viewer")
    assert auth.get(f"/teams/{actors.team_ids['alpha']}/authorities/999999").status_code == 404
