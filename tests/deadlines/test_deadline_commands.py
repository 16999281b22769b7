"""``flask deadlines``: exact output, exit status 2 and one line for bad input."""

from datetime import date

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.cli import ScriptInfo

from casetracker.deadlines.commands import deadlines_cli
from casetracker.deadlines.services import add_extra_day
from casetracker.extensions import db
from casetracker.timeutil import latest_typed_date, uk_long_date, uk_today


def run(app, *args):
    return CliRunner().invoke(deadlines_cli, list(args), obj=ScriptInfo(create_app=lambda: app))


def add_day(app, day, name, calendar):
    with app.app_context():
        add_extra_day(day, name, calendar, actor=None)
        db.session.commit()


@pytest.mark.parametrize(
    ("args", "output"),
    [
        # ICO acknowledgement, and the Platinum Jubilee weekend (2, 3 Jun 2022 skipped).
        (["due", "foia", "2022-01-14", "2022-05-24"], "2022-02-11\n2022-06-23\n"),
        # St Patrick's Day Fri 17 Mar 2023 counts in Scotland only.
        (["due", "foia", "2023-03-01"], "2023-03-30\n"),
        (["due", "foisa", "2023-03-01"], "2023-03-29\n"),
        (["due", "eir", "2022-01-14", "--extended"], "2022-03-11\n"),
        (["due", "sar", "2022-09-03", "2024-01-31"], "2022-10-03\n2024-02-29\n"),
        (["due", "sar", "2022-09-03", "--extended"], "2022-12-05\n"),
        (["due", "foia", "2022-01-15"], "2022-02-11\n"),
        (["due", "foia", "2022-01-15", "--receipt", "next-working-day"], "2022-02-14\n"),
        (["due", "foia", "2022-01-14", "--clarified", "2022-02-07"], "2022-03-07\n"),
        (["due", "foia", "2022-01-14", "--fees-notice", "2022-01-24", "--fee-paid", "2022-02-02"], "2022-02-23\n"),
        # Later clocks under FOIA rules.
        (["due", "review-window", "2022-02-11"], "2022-04-11\n"),
        (["due", "review", "2022-04-11"], "2022-05-12\n"),
        (["due", "review", "2022-04-11", "--extended"], "2022-06-13\n"),
        (["due", "ico-complaint", "2022-02-17"], "2022-03-31\n"),
        # Thu 17 Mar 2022 (+28) is St Patrick's Day, a holiday in Northern Ireland only: the safe date stands.
            (["due", "appeal", "2022-02-17", "2022-03-04"], "2022-03-17\n2022-04-01\n"),
        (["working-days", "2022-01-14", "2022-02-11"], "20\n"),
        # Easter Monday 18 Apr 2022 is a working day in Scotland only.
        (["working-days", "2022-04-14", "2022-04-19"], "1\n"),
        (["working-days", "2022-04-14", "2022-04-19", "--calendar", "scotland"], "2\n"),
    ],
)
def test_commands_print_exact_output(deadlines_app, args, output):
    result = run(deadlines_app, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, output, "")


def test_calendar_lists_non_working_weekdays_with_nations(deadlines_app):
    result = run(deadlines_app, "calendar", "2023", "--calendar", "scotland")
    assert result.exit_code == 0
    assert result.stdout == (
        "2023-01-02\tNew Year Holiday; New Year's Day (observed)\tScotland\n"
        "2023-01-03\tNew Year Holiday (observed)\tScotland\n"
        "2023-04-07\tGood Friday\tScotland\n"
        "2023-05-01\tMay Day\tScotland\n"
        "2023-05-08\tCoronation of Charles III\tScotland\n"
        "2023-05-29\tSpring Bank Holiday\tScotland\n"
        "2023-08-07\tSummer Bank Holiday\tScotland\n"
        "2023-11-30\tSaint Andrew's Day\tScotland\n"
        "2023-12-25\tChristmas Day\tScotland\n"
        "2023-12-26\tBoxing Day\tScotland\n"
    )
    uk = run(deadlines_app, "calendar", "2023").stdout.splitlines()
    assert len(uk) == 14
    assert uk[0] == "2023-01-02\tNew Year's Day (observed); New Year Holiday (Scotland)\t" \
                    "England, Wales, Scotland, Northern Ireland"
    assert "2023-07-12\tBattle of the Boyne\tNorthern Ireland" in uk


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "foia", "2025-02-30"],
         "Error: Invalid value for 'DATE [DATE...]': '2025-02-30' is not a real date in the form YYYY-MM-DD.\n"),
        (["due", "gdpr", "2022-01-14"],
         "Error: Invalid value for 'REGIME': 'gdpr' is not one of 'foia', 'eir', 'foisa', 'sar', 'eisr', "
         "'review-window', 'review', 'ico-complaint', 'appeal'.\n"),
        (["due", "foia", "2022-01-14", "--fees-notice", "2022-01-24", "--fee-paid", "2022-01-20"],
         "Error: The fee was paid on Thu 20 Jan 2022, before the fees notice of Mon 24 Jan 2022.\n"),
        (["due", "foia", "2022-01-14", "--fee-paid", "2022-01-20"],
         "Error: --fee-paid needs --fees-notice: a fee is paid after a fees notice.\n"),
        (["due", "foia", "2022-01-14", "--fees-notice", "2022-01-24"],
         "Error: --fees-notice needs --fee-paid: no response is due until the fee is paid.\n"),
        (["due", "foisa", "2022-01-14", "--extended"],
         "Error: FOISA has no extension for the public interest test: the response is due within "
         "20 working days (FOISA 2002 s10(1)).\n"),
        (["due", "appeal", "2022-01-14", "--clarified", "2022-01-20"],
         "Error: --clarified applies only to foia, eir, foisa, sar and eisr.\n"),
        (["due", "ico-complaint", "2022-01-14", "--extended"],
         "Error: --extended does not apply to ico-complaint.\n"),
        (["due", "foia", "2022-01-14", "--clarified", "2022-01-10"],
         "Error: The clarification (Mon 10 Jan 2022) cannot arrive before the request was received "
         "(Fri 14 Jan 2022).\n"),
        (["due", "foia"],
         "Error: Missing argument 'DATE [DATE...]'.\n"),
        (["working-days", "2022-01-14", "2022-13-01"],
         "Error: Invalid value for 'END': '2022-13-01' is not a real date in the form YYYY-MM-DD.\n"),
        (["calendar", "2200"],
         "Error: Invalid value for 'YEAR': 2200 is not in the range 1872<=x<=2100.\n"),
        (["due", "foia", "2100-12-20"],
         "Error: Invalid value for 'DATE [DATE...]': 2100-12-20: Enter a date between 1 January 1990 "
         f"and {uk_long_date(latest_typed_date(uk_today()))}.\n"),
        (["working-days", "0001-01-01", "2022-01-14"],
         "Error: Invalid value for 'START': 0001-01-01: Enter a date between 1 January 1990 "
         f"and {uk_long_date(latest_typed_date(uk_today()))}.\n"),
    ],
)
def test_bad_input_prints_one_line_and_exits_2(deadlines_app, args, message):
    result = run(deadlines_app, *args)
    assert result.exit_code == 2
    assert (result.stdout, result.stderr) == ("", message)
    assert isinstance(result.exception, SystemExit)


def test_admin_added_days_are_skipped_by_their_calendars(deadlines_app):
    # A "uk" day on Mon 7 Feb 2022 moves FOIA from Fri 11 Feb to Mon 14 Feb, not FOISA.
    add_day(deadlines_app, date(2022, 2, 7), "Proclaimed day", "uk")
    assert run(deadlines_app, "due", "foia", "2022-01-14").stdout == "2022-02-14\n"
    assert run(deadlines_app, "due", "foisa", "2022-01-14").stdout == "2022-02-11\n"
    # A Scottish day, Tue 8 Feb, stops both: it is a bank holiday in a part of the UK.
    add_day(deadlines_app, date(2022, 2, 8), "Scottish proclamation", "scotland")
    assert run(deadlines_app, "due", "foia", "2022-01-14").stdout == "2022-02-15\n"
    assert run(deadlines_app, "due", "foisa", "2022-01-14").stdout == "2022-02-14\n"
    assert run(deadlines_app, "working-days", "2022-02-04", "2022-02-09").stdout == "1\n"
    listed = run(deadlines_app, "calendar", "2022", "--calendar", "scotland").stdout.splitlines()
    assert "2022-02-08\tScottish proclamation\tadded by an administrator" in listed
    assert "2022-02-07\tProclaimed day\tadded by an administrator" not in listed


def test_without_a_database_the_answer_comes_with_a_warning():
    app = Flask(__name__)
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://")
    db.init_app(app)  # no tables created
    result = run(app, "due", "foia", "2022-01-14")
    assert (result.exit_code, result.stdout) == (0, "2022-02-11\n")
    assert result.stderr == "Warning: no database (run 'flask init-db'), so no admin-added non-working days.\n"
    with app.app_context():
        db.engine.dispose()
