"""Issue 15 regression set: hand-worked dates that main got wrong, with the working in comments."""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.deadlines.clocks import (
    appeal_deadline,
    court_of_session_appeal,
    decision_notice_compliance,
    fees_notice_lapses,
    ico_complaint_window,
    request_status,
    response_due,
    sar_due,
    upper_tribunal_permission,
)
from casetracker.deadlines.constants import ClockStatus, Regime
from casetracker.deadlines.errors import DeadlineError
from casetracker.deadlines.special import parse_terms
from casetracker.info_requests.clocks import CaseFacts, ClockName, ClockState, compute_clocks

D = date


def test_fees_notice_of_1_june_2022_must_be_paid_by_31_august():
    # FOIA s9(2): "three months beginning with the day on which the fees notice is given":
    # 1 June is day 1, so the period ends on 31 August 2022 (main said 1 September).
    assert fees_notice_lapses(D(2022, 6, 1)) == D(2022, 8, 31)
    assert fees_notice_lapses(D(2022, 6, 1), "foisa") == D(2022, 8, 31)  # FOISA s9(4), same words


def test_clarification_awaited_stops_the_clock():
    # FOIA s1(3): received Wed 1 Jun 2022, clarification asked for Fri 3 Jun, none yet: no response is
    # due; main showed 29 Jun 2022 and, months on, "long overdue".
    due = response_due("foia", D(2022, 6, 1), clarification_requested=D(2022, 6, 3))
    assert (due.paused, due.pause_reason, due.date) == (True, "clarification", D(2022, 6, 3))
    facts = CaseFacts(regime=Regime.FOIA, received=D(2022, 6, 1), clarification_requested=D(2022, 6, 3))
    clock = compute_clocks(facts, D(2022, 12, 1))[0]
    assert (clock.state, clock.status, clock.label) == (
        ClockState.PAUSED, None, "Awaiting clarification asked for on")
    # Clarified Fri 10 Jun: 20 working days from then, Mon 13 Jun .. Fri 8 Jul 2022.
    assert response_due("foia", D(2022, 6, 1), clarification_requested=D(2022, 6, 3),
                        clarified=D(2022, 6, 10)).date == D(2022, 7, 8)


def test_extension_notice_after_day_20_extends_nothing():
    # Received Fri 14 Jan 2022, due Fri 11 Feb (day 20). An extension notice of Mon 14 Feb is too
    # late (s17(1)-(2)): the due date stays 11 Feb and the note says so; main gave Fri 11 Mar.
    late = response_due("foia", D(2022, 1, 14), extended=True, extension_notice=D(2022, 2, 14))
    assert late.date == D(2022, 2, 11)
    assert "came after the response was due on Fri 11 Feb 2022" in late.explain()
    assert "FOIA 2000 s17(1)-(2)" in late.explain()
    # In time (Thu 10 Feb): 40 working days, Fri 11 Mar 2022.
    assert response_due("foia", D(2022, 1, 14), extended=True,
                        extension_notice=D(2022, 2, 10)).date == D(2022, 3, 11)


def test_school_gets_20_school_days_capped_at_60_working_days():
    # Received Mon 10 Oct 2022; half term Mon 24 - Fri 28 Oct. School days: Tue 11 - Fri 21 Oct (9),
    # Mon 31 Oct - Fri 11 Nov (19), Mon 14 Nov is the 20th. Main gave Mon 7 Nov (20 working days).
    terms = parse_terms("2022-09-05 2022-10-21\n2022-10-31 2022-12-16  # autumn\n")
    due = response_due("foia", D(2022, 10, 10), is_school=True, school_terms=terms)
    assert (due.date, due.rule, due.period) == (D(2022, 11, 14), "SI 2004/3364 reg 3", "20 school days")
    # A request received in the summer holiday, Mon 25 Jul 2022: the next term starts Mon 5 Sep.
    # School days: 5-9 Sep (5), 12-16 (10), Mon 19 Sep is the State Funeral, 20-23 (14), 26-30 (19),
    # Mon 3 Oct is the 20th; the 60th working day (below) is later, so Mon 3 Oct 2022.
    summer = parse_terms("2022-04-25 2022-07-22\n2022-09-05 2022-12-16")
    assert response_due("foia", D(2022, 7, 25), is_school=True, school_terms=summer).date == D(2022, 10, 3)
    # With no term until 2023 the 60th working day wins: after Mon 25 Jul 2022, skipping Mon 1 Aug
    # (Scotland), Mon 29 Aug and Mon 19 Sep: Jul 26-29 (4), Aug 2-26 (23), Aug 30-Sep 2 (27), Sep 5-16
    # (37), 20-30 (46), Oct 3-14 (56), Oct 17-20 (60): Thu 20 Oct 2022.
    closed = parse_terms("2022-04-25 2022-07-22\n2023-01-04 2023-03-31")
    capped = response_due("foia", D(2022, 7, 25), is_school=True, school_terms=closed)
    assert (capped.date, capped.period) == (D(2022, 10, 20), "60 working days")
    # No term dates: every working day is a school day, the safe 20th working day, and it says so.
    plain = response_due("foia", D(2022, 10, 10), is_school=True)
    assert plain.date == D(2022, 11, 7)
    assert "no term dates are set" in plain.explain()


def test_bad_term_file_names_the_line():
    with pytest.raises(DeadlineError, match="^Line 2 of the term dates is not two dates"):
        parse_terms("2022-09-05 2022-10-21\n2022-13-01 2022-12-16\n")


def test_sar_clarification_pauses_after_the_2025_act_and_restarts_before():
    # After the Data (Use and Access) Act 2025: received Mon 1 Sep 2025, clarification asked Wed 3 Sep,
    # arrived Wed 10 Sep: 7 days paused; 1 Oct + 7 = Wed 8 Oct 2025 (a restart would give Fri 10 Oct).
    paused = sar_due(D(2025, 9, 1), clarification_requested=D(2025, 9, 3), clarified=D(2025, 9, 10))
    assert paused.date == D(2025, 10, 8)
    assert "if that rule had not yet commenced the month would start again on Wed 10 Sep 2025" in paused.explain()
    # Before it: received Sat 3 Sep 2022, clarified Mon 12 Sep: the month restarts, Wed 12 Oct 2022.
    assert sar_due(D(2022, 9, 3), clarification_requested=D(2022, 9, 5),
                   clarified=D(2022, 9, 12)).date == D(2022, 10, 12)


def test_sar_follows_the_controllers_nation():
    # Received Thu 3 Nov 2022 -> Sat 3 Dec... use St Andrew's Day: received Sun 30 Oct 2022 -> Wed 30 Nov,
    # a Scottish bank holiday. An English controller: due Wed 30 Nov (main rolled to Thu 1 Dec).
    assert sar_due(D(2022, 10, 30), nation="england").date == D(2022, 11, 30)
    assert sar_due(D(2022, 10, 30), nation="scotland").date == D(2022, 12, 1)
    # No nation: the safe date (some nation works on 30 Nov), and the alternative is stated.
    unknown = sar_due(D(2022, 10, 30))
    assert unknown.date == D(2022, 11, 30)
    assert "the alternative, counting every nation's holidays, is Thu 1 Dec 2022" in unknown.explain()


def test_appeal_whose_28th_day_is_a_scotland_only_holiday_does_not_roll():
    # Decision notice Wed 2 Nov 2022 + 28 days = Wed 30 Nov 2022, St Andrew's Day (Scotland only):
    # the tribunal rules do not say whose holidays count, so the safe date is 30 Nov (main: Thu 1 Dec).
    appeal = appeal_deadline(D(2022, 11, 2))
    assert appeal.date == D(2022, 11, 30)
    assert "(the alternative is Thu 1 Dec 2022)" in appeal.explain()


def test_scottish_commissioner_six_months_is_a_bar_not_a_guideline():
    # FOISA s47(4)(a): review outcome Tue 30 Aug 2022 + six months = Thu 28 Feb 2023, a limit in statute.
    window = ico_complaint_window("foisa", D(2022, 8, 30))
    assert window.date == D(2023, 2, 28)
    facts = CaseFacts(regime=Regime.FOISA, received=D(2022, 5, 24), response_sent=D(2022, 6, 20),
                      review_requested=D(2022, 7, 1), review_outcome=D(2022, 8, 30))
    clock = next(c for c in compute_clocks(facts, D(2022, 9, 1)) if c.name is ClockName.ICO_COMPLAINT)
    assert clock.warning_only is False
    assert clock.label == "Apply to the Scottish Information Commissioner by"
    ico = CaseFacts(regime=Regime.FOIA, received=D(2022, 5, 24), response_sent=D(2022, 6, 20),
                    review_requested=D(2022, 7, 1), review_outcome=D(2022, 8, 30))
    assert next(c for c in compute_clocks(ico, D(2022, 9, 1)) if c.name is ClockName.ICO_COMPLAINT).warning_only


def test_response_due_today_is_due_not_due_soon():
    # Received Fri 14 Jan 2022, due Fri 11 Feb 2022; on 11 Feb it is due today.
    assert request_status(D(2022, 2, 11), D(2022, 2, 11), received=D(2022, 1, 14),
                          regime="foia") is ClockStatus.DUE_TODAY
    assert request_status(D(2022, 2, 11), D(2022, 2, 10), received=D(2022, 1, 14),
                          regime="foia") is ClockStatus.DUE_SOON


def test_later_clocks():
    # Decision notice Mon 14 Mar 2022: steps within 35 days, Mon 18 Apr 2022.
    assert decision_notice_compliance(D(2022, 3, 14)).date == D(2022, 4, 18)
    # FOISA s56: 42 days after Mon 14 Mar 2022 = Mon 25 Apr 2022.
    assert court_of_session_appeal(D(2022, 3, 14)).date == D(2022, 4, 25)
    # GRC Rules r42(2): 28 days after Mon 14 Mar 2022 = Mon 11 Apr 2022.
    assert upper_tribunal_permission(D(2022, 3, 14)).date == D(2022, 4, 11)
    # A FOISA decision notice opens the Court of Session clock, not the First-tier Tribunal's.
    facts = CaseFacts(regime=Regime.FOISA, received=D(2022, 1, 4), response_sent=D(2022, 1, 20),
                      review_requested=D(2022, 1, 21), review_outcome=D(2022, 2, 1),
                      decision_notice_sent=D(2022, 3, 14))
    appeal = compute_clocks(facts, D(2022, 3, 15))[-1]
    assert (appeal.label, appeal.date) == ("Appeal to the Court of Session by", D(2022, 4, 25))


def test_sar_complaint_clock_opens_with_the_response():
    # DPA 2018 s165, ICO guidance: three months from the response of Thu 23 Jun 2022 = Fri 23 Sep.
    facts = CaseFacts(regime=Regime.SAR, received=D(2022, 5, 24), response_sent=D(2022, 6, 23))
    clocks = compute_clocks(facts, D(2022, 7, 1))
    assert [c.name for c in clocks] == [ClockName.RESPONSE, ClockName.ICO_COMPLAINT]
    assert clocks[1].date == D(2022, 9, 23)


# ``flask deadlines due``: the flags issue 15 adds, with exact output.

def _run(app, *args):
    from click.testing import CliRunner
    from flask.cli import ScriptInfo

    from casetracker.deadlines.commands import deadlines_cli

    return CliRunner().invoke(deadlines_cli, list(args), obj=ScriptInfo(create_app=lambda: app))


@pytest.mark.parametrize(
    ("args", "output"),
    [
        # Received Wed 1 Jun 2022, clarification asked for Fri 3 Jun, none yet (FOIA s1(3)).
        (["due", "foia", "2022-06-01", "--clarification-requested", "2022-06-03"],
         "no response due: awaiting the clarification asked for on 2022-06-03 (FOIA 2000 s1(3), s10(6)(b))\n"),
        # ... clarified Fri 10 Jun: 20 working days from then, Fri 8 Jul 2022.
        (["due", "foia", "2022-06-01", "--clarification-requested", "2022-06-03", "--clarified", "2022-06-10"],
         "2022-07-08\n"),
        # A SAR received Thu 29 Feb 2024: Fri 29 Mar is Good Friday, Mon 1 Apr Easter Monday in England.
        (["due", "sar", "2024-02-29", "--nation", "england"], "2024-04-02\n"),
        (["due", "sar", "2024-02-29", "--nation", "scotland"], "2024-04-01\n"),
    ],
)
def test_due_command_new_flags(deadlines_app, args, output):
    result = _run(deadlines_app, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, output, "")


def test_due_command_school_term_file(deadlines_app, tmp_path):
    # Received Mon 10 Oct 2022 with half term 24-28 Oct: the 20th school day is Mon 14 Nov 2022.
    terms = tmp_path / "terms.txt"
    terms.write_text("# autumn 2022\n2022-09-05 2022-10-21\n2022-10-31 2022-12-16\n", encoding="utf-8")
    result = _run(deadlines_app, "due", "foia", "2022-10-10", "--school-term", str(terms))
    assert (result.exit_code, result.stdout) == (0, "2022-11-14\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "foia", "2022-06-01", "--nation", "england"],
         "Error: --nation applies only to sar: other clocks name their calendar in law.\n"),
        (["due", "appeal", "2022-06-01", "--clarification-requested", "2022-06-03"],
         "Error: --clarification-requested applies only to foia, eir, foisa, sar and eisr.\n"),
        (["due", "foia", "2022-06-01", "--clarification-requested", "2022-05-30"],
         "Error: The clarification cannot be asked for (Mon 30 May 2022) before the request was received "
         "(Wed 1 Jun 2022).\n"),
    ],
)
def test_due_command_refuses_misplaced_flags(deadlines_app, args, message):
    result = _run(deadlines_app, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
