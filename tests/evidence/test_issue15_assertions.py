"""Issue 15: assertions with a stated tolerance, "at least N days before", and holds that move a claim."""

from __future__ import annotations


import pytest

from casetracker.evidence.assertions import InvalidAssertion, assertion_stance, claim_status, evaluate
from casetracker.evidence.constants import AssertionEffect, ClaimStatus, Relation, Stance, Verdict
from casetracker.evidence.fuzzy_dates import FuzzyDate

BEGAN = FuzzyDate(2022, 2, 7)


@pytest.mark.parametrize(
    ("day", "verdict"),
    [  # "about a week after" 7 Feb 2022: 7 days give or take 2, so 12 to 16 February.
        (11, Verdict.CONTRADICTED), (12, Verdict.HOLDS), (14, Verdict.HOLDS), (16, Verdict.HOLDS),
        (17, Verdict.CONTRADICTED),
    ],
)
def test_about_a_week_has_a_two_day_tolerance(day, verdict):
    result = evaluate(Relation.ABOUT_DAYS_AFTER, FuzzyDate(2022, 2, day), BEGAN, n=7,
                      first_label="DPIA shared", second_label="collection began")
    assert result.verdict is verdict
    assert "about 7 days (give or take 2) after" in result.explanation


def test_about_a_week_explanation_states_the_tolerance():
    result = evaluate(Relation.ABOUT_DAYS_AFTER, FuzzyDate(2022, 2, 14), BEGAN, n=7,
                      first_label="DPIA shared", second_label="collection began")
    assert (result.gap_days, result.explanation) == (7, (
        "DPIA shared (14 February 2022) is 7 days after collection began (7 February 2022), so it is about "
        "7 days (give or take 2) after it."))
    # A month-only date that could be 1 to 28 February: unknown, never a guessed day.
    assert evaluate(Relation.ABOUT_DAYS_AFTER, FuzzyDate(2022, 2), BEGAN, n=7).verdict is Verdict.UNKNOWN


def test_at_least_n_days_before():
    # UK GDPR Art 35(1): a DPIA before processing. Dated 31 Jan 2022, 7 days before 7 Feb: at least 7 holds,
    # at least 8 is contradicted; dated 15 Feb, 8 days after, is contradicted.
    dpia = FuzzyDate(2022, 1, 31)
    assert evaluate(Relation.AT_LEAST_DAYS_BEFORE, dpia, BEGAN, n=7).verdict is Verdict.HOLDS
    assert evaluate(Relation.AT_LEAST_DAYS_BEFORE, dpia, BEGAN, n=8).verdict is Verdict.CONTRADICTED
    late = evaluate(Relation.AT_LEAST_DAYS_BEFORE, FuzzyDate(2022, 2, 15), BEGAN, n=7,
                    first_label="DPIA dated", second_label="collection began")
    assert late.explanation == ("DPIA dated (15 February 2022) is 8 days after collection began "
                                "(7 February 2022), not at least 7 days before it.")
    with pytest.raises(InvalidAssertion):
        evaluate(Relation.AT_LEAST_DAYS_BEFORE, dpia, BEGAN)


def test_an_assertion_that_holds_can_support_or_contradict_a_claim():
    # Main: an assertion that holds never moved a claim.
    assert assertion_stance(Verdict.HOLDS, AssertionEffect.CONTRADICTS) is Stance.CONTRADICTS
    assert assertion_stance(Verdict.HOLDS, AssertionEffect.SUPPORTS) is Stance.SUPPORTS
    assert assertion_stance(Verdict.CONTRADICTED, AssertionEffect.SUPPORTS) is Stance.CONTRADICTS
    assert assertion_stance(Verdict.CONTRADICTED, AssertionEffect.CONTRADICTS) is None
    assert assertion_stance(Verdict.HOLDS, AssertionEffect.CONTEXT) is None
    assert claim_status([], [(Verdict.HOLDS, "contradicts")]) is ClaimStatus.CONTRADICTED
    assert claim_status([], [(Verdict.HOLDS, "supports")]) is ClaimStatus.SUPPORTED
    assert claim_status([Stance.SUPPORTS], [(Verdict.HOLDS, "contradicts")]) is ClaimStatus.DISPUTED
    assert claim_status([], [(Verdict.HOLDS, "context")]) is ClaimStatus.UNVERIFIED
    # The stored default keeps the old rule: a contradicted assertion contradicts.
    assert claim_status([], [(Verdict.CONTRADICTED, "context")]) is ClaimStatus.CONTRADICTED
