"""Admin-added non-working days: validation, audit trail, and what each calendar reads."""

from datetime import date

import pytest

from casetracker.audit.models import AuditEvent
from casetracker.deadlines.errors import DeadlineSettingsError
from casetracker.deadlines.models import ExtraNonWorkingDay
from casetracker.deadlines.services import add_extra_day, extra_non_working_days, remove_extra_day
from casetracker.extensions import db


def test_outside_an_app_there_are_no_extra_days():
    assert extra_non_working_days() == {}


def test_add_read_and_remove_with_audit_events(deadlines_app):
    with deadlines_app.app_context():
        assert extra_non_working_days() == {}
        row = add_extra_day(date(2022, 2, 7), "  Proclaimed day ", "uk", actor=None)
        scottish = add_extra_day(date(2022, 2, 8), "Scottish proclamation", "scotland", actor=None)
        add_extra_day(date(2022, 2, 9), "Everywhere", "both", actor=None)
        db.session.commit()
        assert row.name == "Proclaimed day"
        assert row.created_at is not None
        assert extra_non_working_days("uk") == {
            date(2022, 2, 7): "Proclaimed day",
            date(2022, 2, 8): "Scottish proclamation",
            date(2022, 2, 9): "Everywhere",
        }
        assert extra_non_working_days("scotland") == {
            date(2022, 2, 8): "Scottish proclamation",
            date(2022, 2, 9): "Everywhere",
        }
        remove_extra_day(scottish, actor=None)
        db.session.commit()
        assert extra_non_working_days("scotland") == {date(2022, 2, 9): "Everywhere"}
        events = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [(e.action, e.summary) for e in events] == [
            ("non_working_day.added", "Non-working day Mon 7 Feb 2022 (Proclaimed day) added for uk"),
            ("non_working_day.added", "Non-working day Tue 8 Feb 2022 (Scottish proclamation) added for scotland"),
            ("non_working_day.added", "Non-working day Wed 9 Feb 2022 (Everywhere) added for both"),
            ("non_working_day.removed", "Non-working day Tue 8 Feb 2022 (Scottish proclamation) removed"),
        ]
        assert events[0].after == {"day": "2022-02-07", "name": "Proclaimed day", "calendar": "uk"}
        assert events[3].before == {"day": "2022-02-08", "name": "Scottish proclamation", "calendar": "scotland"}


@pytest.mark.parametrize(
    ("day", "name", "calendar", "message"),
    [
        (date(2022, 2, 7), " ", "uk", "Name the day, e.g. after the proclamation."),
        (date(2022, 2, 7), "x", "wales", "Unknown calendar 'wales'; choose uk, scotland or both."),
        (date(2022, 2, 5), "x", "uk", "Sat 5 Feb 2022 is a weekend day, never a working day: nothing to add."),
        (date(2022, 3, 17), "x", "uk", "Thu 17 Mar 2022 is already a bank holiday: Saint Patrick's Day (Northern Ireland)."),
        (date(2022, 11, 30), "x", "both", "Wed 30 Nov 2022 is already a bank holiday: Saint Andrew's Day."),
        (date(2022, 1, 10), "x", "both", "Mon 10 Jan 2022 is already a non-working day: Existing."),
        (date(2101, 1, 3), "x", "uk", "Dates must fall between 1872 and 2100, the years the holiday data covers."),
    ],
)
def test_refused_days(deadlines_app, day, name, calendar, message):
    with deadlines_app.app_context():
        db.session.add(ExtraNonWorkingDay(day=date(2022, 1, 10), name="Existing", calendar="both"))
        db.session.commit()
        with pytest.raises(DeadlineSettingsError) as excinfo:
            add_extra_day(day, name, calendar, actor=None)
        assert str(excinfo.value) == message


def test_a_nations_holiday_can_be_added_for_scotland(deadlines_app):
    # Easter Monday 18 Apr 2022 is not a Scottish bank holiday, so adding it for Scotland is allowed.
    with deadlines_app.app_context():
        add_extra_day(date(2022, 4, 18), "Proclaimed in Scotland", "scotland", actor=None)
        db.session.commit()
        assert extra_non_working_days("scotland") == {date(2022, 4, 18): "Proclaimed in Scotland"}
