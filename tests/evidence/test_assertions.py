"""Assertions about the order of events, and the status of claims."""

import pytest

from casetracker.deadlines.calendars import get_calendar
from casetracker.evidence.assertions import InvalidAssertion, claim_status, evaluate
from casetracker.evidence.constants import ClaimStatus, Relation, Stance, Verdict
from casetracker.evidence.fuzzy_dates import FuzzyDate

COLLECTION_BEGAN = "Daily attendance data collection began"
DPIA_DATED = "DPIA version 1 dated"

HOLDS, CONTRADICTED, UNKNOWN = Verdict.HOLDS, Verdict.CONTRADICTED, Verdict.UNKNOWN


def uk_working_days():
    """Return the deadline engine's UK working-day counter (FOIA s10(6))."""
    return get_calendar("uk").working_days_after


def test_seed_case_dpia_dated_after_collection_began_is_contradicted_by_8_days():
    result = evaluate(
        Relation.ON_OR_BEFORE,
        FuzzyDate(2022, 2, 15),
        FuzzyDate(2022, 2, 7),
        first_label=DPIA_DATED,
        second_label=COLLECTION_BEGAN,
    )
    assert result.verdict is Verdict.CONTRADICTED
    assert result.gap_days == 8
    assert result.explanation == (
        "DPIA version 1 dated (15 February 2022) is 8 days after "
        "Daily attendance data collection began (7 February 2022), not on or before it."
    )


def test_seed_case_email_the_day_after_collection_began():
    result = evaluate(
        Relation.AFTER,
        FuzzyDate(2022, 2, 8),
        FuzzyDate(2022, 2, 7),
        first_label="DfE email to schools says it is working closely with the ICO",
        second_label=COLLECTION_BEGAN,
    )
    assert (result.verdict, result.gap_days) == (HOLDS, 1)
    assert result.explanation == (
        "DfE email to schools says it is working closely with the ICO (8 February 2022) is "
        "1 day after Daily attendance data collection began (7 February 2022), so it is after it."
    )


FEB_7, FEB_15, MAR_1 = FuzzyDate(2022, 2, 7), FuzzyDate(2022, 2, 15), FuzzyDate(2022, 3, 1)
JAN, FEB, MAR = FuzzyDate(2022, 1), FuzzyDate(2022, 2), FuzzyDate(2022, 3)
YEAR_2022 = FuzzyDate(2022)


@pytest.mark.parametrize(
    ("relation", "first", "second", "verdict", "gap"),
    [
        (Relation.BEFORE, FEB_7, FEB_15, HOLDS, -8),
        (Relation.BEFORE, FEB_7, FEB_7, CONTRADICTED, 0),
        (Relation.BEFORE, FEB_15, FEB_7, CONTRADICTED, 8),
        (Relation.BEFORE, JAN, FEB_15, HOLDS, None),
        (Relation.BEFORE, FEB, FEB_15, UNKNOWN, None),
        (Relation.BEFORE, MAR, FEB_15, CONTRADICTED, None),
        (Relation.BEFORE, FEB, MAR, HOLDS, None),
        (Relation.BEFORE, YEAR_2022, FEB_15, UNKNOWN, None),
        (Relation.ON_OR_BEFORE, FEB_7, FEB_7, HOLDS, 0),
        (Relation.ON_OR_BEFORE, FEB_7, FEB_15, HOLDS, -8),
        (Relation.ON_OR_BEFORE, FEB_15, FEB_7, CONTRADICTED, 8),
        (Relation.ON_OR_BEFORE, FEB, FuzzyDate(2022, 2, 28), HOLDS, None),
        (Relation.ON_OR_BEFORE, FEB, FEB_7, UNKNOWN, None),
        (Relation.ON_OR_BEFORE, FuzzyDate(2022, 2, 28), FEB, UNKNOWN, None),
        (Relation.ON_OR_BEFORE, MAR, FEB, CONTRADICTED, None),
        (Relation.AFTER, MAR_1, FEB_15, HOLDS, 14),
        (Relation.AFTER, FEB_15, FEB_15, CONTRADICTED, 0),
        (Relation.AFTER, FEB_7, FEB_15, CONTRADICTED, -8),
        (Relation.AFTER, MAR, FEB_15, HOLDS, None),
        (Relation.AFTER, FEB, FEB_15, UNKNOWN, None),
        (Relation.AFTER, JAN, FEB, CONTRADICTED, None),
        (Relation.SAME_DAY, FEB_7, FEB_7, HOLDS, 0),
        (Relation.SAME_DAY, FEB_7, FEB_15, CONTRADICTED, -8),
        (Relation.SAME_DAY, FEB, FEB_15, UNKNOWN, None),
        (Relation.SAME_DAY, FEB, FEB, UNKNOWN, None),
        (Relation.SAME_DAY, MAR, FEB_15, CONTRADICTED, None),
        (Relation.SAME_DAY, FuzzyDate(2021), FEB_15, CONTRADICTED, None),
    ],
)
def test_each_relation_holds_is_contradicted_or_unknown(relation, first, second, verdict, gap):
    result = evaluate(relation, first, second)
    assert (result.verdict, result.gap_days) == (verdict, gap)


@pytest.mark.parametrize(
    ("relation", "first", "second", "explanation"),
    [
        (Relation.BEFORE, JAN, FEB_15,
         "DPIA version 1 dated (January 2022) is before "
         "Daily attendance data collection began (15 February 2022), whatever the exact day."),
        (Relation.ON_OR_BEFORE, MAR, FEB_7,
         "DPIA version 1 dated (March 2022) is not on or before "
         "Daily attendance data collection began (7 February 2022), whatever the exact day."),
        (Relation.ON_OR_BEFORE, FEB, FEB_7,
         "Whether DPIA version 1 dated (February 2022) is on or before "
         "Daily attendance data collection began (7 February 2022) depends on the exact day, "
         "which is not known."),
        (Relation.BEFORE, FEB_7, FEB_15,
         "DPIA version 1 dated (7 February 2022) is 8 days before "
         "Daily attendance data collection began (15 February 2022), so it is before it."),
        (Relation.BEFORE, FEB_7, FEB_7,
         "DPIA version 1 dated (7 February 2022) is on the same day as "
         "Daily attendance data collection began (7 February 2022), not before it."),
        (Relation.SAME_DAY, FEB_7, FEB_7,
         "DPIA version 1 dated (7 February 2022) is on the same day as "
         "Daily attendance data collection began (7 February 2022), as asserted."),
        (Relation.SAME_DAY, FEB_15, FuzzyDate(2022, 2, 14),
         "DPIA version 1 dated (15 February 2022) is 1 day after "
         "Daily attendance data collection began (14 February 2022), not on the same day as it."),
    ],
)
def test_explanations_name_both_events_and_their_dates(relation, first, second, explanation):
    result = evaluate(
        relation, first, second, first_label=DPIA_DATED, second_label=COLLECTION_BEGAN
    )
    assert result.explanation == explanation


@pytest.mark.parametrize(
    ("first", "second", "explanation"),
    [
        (None, FEB_7, "Whether DPIA version 1 dated is on or before "
         "Daily attendance data collection began is unknown: "
         "DPIA version 1 dated has no date yet."),
        (FEB_15, None, "Whether DPIA version 1 dated is on or before "
         "Daily attendance data collection began is unknown: "
         "Daily attendance data collection began has no date yet."),
        (None, None, "Whether DPIA version 1 dated is on or before "
         "Daily attendance data collection began is unknown: DPIA version 1 dated and "
         "Daily attendance data collection began have no dates yet."),
    ],
)
def test_a_missing_date_gives_unknown(first, second, explanation):
    result = evaluate(
        Relation.ON_OR_BEFORE, first, second, first_label=DPIA_DATED, second_label=COLLECTION_BEGAN
    )
    assert (result.verdict, result.gap_days, result.explanation) == (UNKNOWN, None, explanation)


# Wed 1 June 2022; Thu 2 and Fri 3 June 2022 were bank holidays (the Platinum Jubilee).
RECEIVED = FuzzyDate(2022, 6, 1)


@pytest.mark.parametrize(
    ("responded", "n", "verdict", "gap"),
    [
        (FuzzyDate(2022, 6, 8), 3, HOLDS, 3),
        (FuzzyDate(2022, 6, 9), 3, CONTRADICTED, 4),
        (FuzzyDate(2022, 6, 6), 1, HOLDS, 1),
        (FuzzyDate(2022, 6, 3), 0, HOLDS, 0),
        (FuzzyDate(2022, 6, 1), 0, HOLDS, 0),
        (FuzzyDate(2022, 5, 31), 20, CONTRADICTED, -1),
        (FuzzyDate(2022, 6), 19, HOLDS, None),
        (FuzzyDate(2022, 6), 18, UNKNOWN, None),
        (FuzzyDate(2022, 7), 3, CONTRADICTED, None),
    ],
)
def test_within_working_days_skips_the_june_2022_bank_holidays(responded, n, verdict, gap):
    result = evaluate(
        Relation.WITHIN_WORKING_DAYS, responded, RECEIVED, n=n, working_days=uk_working_days()
    )
    assert (result.verdict, result.gap_days) == (verdict, gap)


def test_within_working_days_explains_in_working_days():
    result = evaluate(
        Relation.WITHIN_WORKING_DAYS,
        FuzzyDate(2022, 6, 9),
        RECEIVED,
        n=3,
        working_days=uk_working_days(),
        first_label="Response sent",
        second_label="Request received",
    )
    assert result.explanation == (
        "Response sent (9 June 2022) is 4 working days after Request received (1 June 2022), "
        "not within 3 working days after it."
    )


def test_a_weekend_after_a_bank_holiday_is_0_working_days_after_it():
    result = evaluate(
        Relation.WITHIN_WORKING_DAYS,
        FuzzyDate(2022, 6, 5),
        FuzzyDate(2022, 6, 3),
        n=0,
        working_days=uk_working_days(),
    )
    assert (result.verdict, result.gap_days) == (HOLDS, 0)
    assert result.explanation == (
        "first event (5 June 2022) is 0 working days after second event (3 June 2022), "
        "so it is within 0 working days after it."
    )


def test_within_working_days_decides_a_month_when_every_day_of_it_agrees():
    # June 2022 has 22 weekdays, 2 of them bank holidays: 20 working days after 31 May.
    end_of_may = FuzzyDate(2022, 5, 31)
    counter = uk_working_days()
    assert evaluate(Relation.WITHIN_WORKING_DAYS, FuzzyDate(2022, 6), end_of_may,
                    n=20, working_days=counter).verdict is HOLDS
    assert evaluate(Relation.WITHIN_WORKING_DAYS, FuzzyDate(2022, 6), end_of_may,
                    n=19, working_days=counter).verdict is UNKNOWN


@pytest.mark.parametrize(
    ("first", "n", "verdict", "gap"),
    [
        (FuzzyDate(2022, 6, 11), 10, HOLDS, 10),
        (FuzzyDate(2022, 6, 12), 10, CONTRADICTED, 11),
        (FuzzyDate(2022, 5, 30), 10, CONTRADICTED, -2),
        (FuzzyDate(2022, 6), 10, UNKNOWN, None),
        (FuzzyDate(2022, 6), 29, HOLDS, None),
        (FuzzyDate(2022, 8), 30, CONTRADICTED, None),
    ],
)
def test_within_calendar_days(first, n, verdict, gap):
    result = evaluate(Relation.WITHIN_CALENDAR_DAYS, first, RECEIVED, n=n)
    assert (result.verdict, result.gap_days) == (verdict, gap)


def test_within_calendar_days_explanation():
    result = evaluate(Relation.WITHIN_CALENDAR_DAYS, FuzzyDate(2022, 6, 12), RECEIVED, n=10)
    assert result.explanation == (
        "first event (12 June 2022) is 11 days after second event (1 June 2022), "
        "not within 10 calendar days after it."
    )


def test_relations_stored_as_text_are_read():
    assert evaluate("on-or-before", FEB_15, FEB_7).verdict is CONTRADICTED


@pytest.mark.parametrize(
    ("relation", "kwargs", "message"),
    [
        (Relation.WITHIN_CALENDAR_DAYS, {},
         'Say how many days "within-calendar-days" allows: a whole number, 0 or more.'),
        (Relation.WITHIN_WORKING_DAYS, {"n": -1, "working_days": uk_working_days()},
         'Say how many days "within-working-days" allows: a whole number, 0 or more.'),
        (Relation.WITHIN_WORKING_DAYS, {"n": 20},
         "A within-working-days assertion needs a working-day calendar."),
        ("sometime-near", {}, '"sometime-near" is not a relation we can check.'),
    ],
)
def test_assertions_that_cannot_be_checked_are_refused(relation, kwargs, message):
    with pytest.raises(InvalidAssertion) as caught:
        evaluate(relation, FEB_15, FEB_7, **kwargs)
    assert str(caught.value) == message


S, C, X = Stance.SUPPORTS, Stance.CONTRADICTS, Stance.CONTEXT


@pytest.mark.parametrize(
    ("stances", "verdicts", "status"),
    [
        ([], [], ClaimStatus.UNVERIFIED),
        ([X], [HOLDS, UNKNOWN], ClaimStatus.UNVERIFIED),
        ([S], [], ClaimStatus.SUPPORTED),
        ([S, X, S], [HOLDS], ClaimStatus.SUPPORTED),
        ([C], [], ClaimStatus.CONTRADICTED),
        ([C, X], [UNKNOWN], ClaimStatus.CONTRADICTED),
        ([S, C], [], ClaimStatus.DISPUTED),
        ([], [CONTRADICTED], ClaimStatus.CONTRADICTED),
        ([C], [CONTRADICTED, HOLDS], ClaimStatus.CONTRADICTED),
        ([X], [CONTRADICTED], ClaimStatus.CONTRADICTED),
        ([S], [CONTRADICTED], ClaimStatus.DISPUTED),
        (["supports", "context"], ["contradicted"], ClaimStatus.DISPUTED),
    ],
)
def test_claim_status(stances, verdicts, status):
    assert claim_status(stances, verdicts) is status


def test_claim_status_accepts_one_shot_iterables():
    stances = (stance for stance in [S])
    verdicts = (verdict for verdict in [CONTRADICTED])
    assert claim_status(stances, verdicts) is ClaimStatus.DISPUTED
