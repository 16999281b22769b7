"""Every date a user types lies between 1 January 1990 and ten years from today (timeutil)."""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.extensions import db
from casetracker.timeutil import latest_typed_date, typed_date_problem, uk_long_date, uk_today


def _message() -> str:
    return f"Enter a date between 1 January 1990 and {uk_long_date(latest_typed_date(uk_today()))}."


@pytest.mark.parametrize("value,today,ok", [
    (date(1990, 1, 1), date(2026, 12, 1), True),
    (date(1989, 12, 31), date(2026, 12, 1), False),
    (date(2036, 12, 1), date(2026, 12, 1), True),
    (date(2036, 12, 2), date(2026, 12, 1), False),
    (date(2034, 2, 28), date(2024, 2, 29), True),
    (date(2034, 3, 1), date(2024, 2, 29), False),
    (date(1, 1, 1), date(2026, 12, 1), False),
    (date(9999, 12, 31), date(2026, 12, 1), False),
])
def test_typed_date_range(value, today, ok):
    problem = typed_date_problem(value, today)
    assert (problem is None) is ok
    if not ok:
        assert problem == ("Enter a date between 1 January 1990 and "
                           f"{uk_long_date(latest_typed_date(today))}.")
    assert latest_typed_date(date(2024, 2, 29)) == date(2034, 2, 28)


@pytest.fixture
def request_id(make_request):
    return make_request(title="Attendance pilot", sent_on=date(2022, 5, 24))


@pytest.mark.parametrize("url,data", [
    ("/requests/{id}/claims/new", {"text": "We did a DPIA.", "made_on": "0001-01-01"}),
    ("/requests/{id}/claims/new", {"text": "We did a DPIA.", "made_on": "9999-12-31"}),
    ("/requests/{id}/events/new", {"title": "Collection began", "date": "9999"}),
    ("/requests/{id}/events/new", {"title": "Collection began", "date": "15 February 1989"}),
    ("/requests/{id}/correspondence/new", {"kind": "acknowledgement", "direction": "incoming",
                                           "dated": "1989-12-31"}),
])
def test_a_date_out_of_range_is_a_form_error(app, auth, request_id, url, data):
    from casetracker.correspondence.models import Correspondence
    from casetracker.evidence.models import Claim, Event

    auth.login("editor")
    response = auth.post(url.format(id=request_id), data)
    assert response.status_code == 422
    assert _message() in response.get_data(as_text=True)
    with app.app_context():
        for model in (Claim, Event, Correspondence):
            assert db.session.scalar(db.select(db.func.count(model.id))) == 0


def test_a_date_in_range_is_taken(app, auth, request_id):
    from casetracker.evidence.models import Event

    auth.login("editor")
    response = auth.post(f"/requests/{request_id}/events/new", {"title": "Old letter", "date": "1990"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(db.select(Event.date)) == "1990"


def test_command_line_dates_are_held_to_the_range(runner, request_id, tmp_path):
    result = runner.invoke(args=["letters", "render", "chaser", "CT-2022-0001", "--out",
                                 str(tmp_path / "x.docx"), "--set", "today=9999-01-01"])
    assert result.exit_code == 2
    assert result.output == f"Error: The letter cannot be written yet. today: 9999-01-01: {_message()}\n"
    result = runner.invoke(args=["deadlines", "due", "foia", "0001-01-01"])
    assert result.exit_code == 2
    assert f"0001-01-01: {_message()}" in result.output
