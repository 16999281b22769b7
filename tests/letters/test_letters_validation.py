"""Missing or unlawful letter data is a form error, raised before anything is generated."""

from __future__ import annotations

import datetime as dt

import pytest

from casetracker.letters.constants import LetterKind
from casetracker.letters.errors import LetterDataError, LetterError
from casetracker.letters.formatting import money
from casetracker.letters.render import render_letter
from casetracker.letters.validation import validate_context
from casetracker.timeutil import uk_long_date

D = dt.date


def _errors(kind: str, ctx: dict) -> dict[str, str]:
    with pytest.raises(LetterDataError) as caught:
        render_letter(kind, ctx)
    return caught.value.errors


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2022, 2, 7), "7 February 2022"), (D(2022, 2, 15), "15 February 2022"),
     (D(2022, 5, 24), "24 May 2022"), (dt.datetime(2022, 12, 1, 9, 30), "1 December 2022")],
)
def test_uk_long_date_has_no_leading_zero(day, expected):
    assert uk_long_date(day) == expected


def test_money_shows_pence_only_when_there_are_any():
    assert [money("450"), money("12.4"), money(1250)] == ["£450", "£12.40", "£1,250"]


def test_every_seed_context_is_valid(seed):
    for kind in LetterKind:
        validate_context(kind, seed(kind))


def test_refusal_with_no_exemptions_is_a_form_error(seed):
    ctx = seed("refusal-notice")
    ctx["exemptions"] = []
    errors = _errors("refusal-notice", ctx)
    assert errors == {"exemptions": "A refusal notice must rely on at least one exemption "
                      "(or on the cost limit, s12, or s14)."}


def test_qualified_exemption_needs_public_interest_for_against_and_conclusion(seed):
    ctx = seed("refusal-notice")
    for part in ("pit_for", "pit_against", "pit_conclusion"):
        del ctx["exemptions"][0][part]
    errors = _errors("refusal-notice", ctx)
    assert sorted(errors) == ["exemptions[0].pit_against", "exemptions[0].pit_conclusion",
                              "exemptions[0].pit_for"]
    assert errors["exemptions[0].pit_for"] == (
        "s31(1) is qualified: give the public interest for disclosure (FOIA s17(3), "
        "EIR reg 14(3)(b)).")


def test_absolute_exemption_needs_no_public_interest(seed):
    ctx = seed("refusal-notice")
    assert "pit_for" not in ctx["exemptions"][1]  # s40(2)
    validate_context("refusal-notice", ctx)


def test_prejudice_based_exemption_needs_harm_and_a_lawful_likelihood(seed):
    ctx = seed("refusal-notice")
    ctx["exemptions"][0]["likelihood"] = "might"
    del ctx["exemptions"][0]["harm"]
    errors = _errors("refusal-notice", ctx)
    assert errors["exemptions[0].harm"] == "Describe the harm disclosure would cause."
    assert errors["exemptions[0].likelihood"] == "'might': choose 'would' or 'would be likely to'."


def test_eir_exception_needs_an_adverse_effect_that_would_happen(seed):
    ctx = seed("refusal-notice")
    ctx["request"]["regime"] = "eir"
    ctx["exemptions"] = [{"code": "reg 12(5)(e)", "reason": "r", "harm": "h",
                          "likelihood": "would be likely to", "pit_for": "a", "pit_against": "b",
                          "pit_conclusion": "c"}]
    assert list(_errors("refusal-notice", ctx)) == ["exemptions[0].likelihood"]


def test_exemption_must_belong_to_the_request_regime(seed):
    ctx = seed("refusal-notice")
    ctx["request"]["regime"] = "eir"
    errors = _errors("refusal-notice", ctx)
    assert errors["exemptions[0].code"] == (
        "s31(1) belongs to FOIA, but this request is under EIR.")


def test_unknown_exemption_code_is_named(seed):
    ctx = seed("refusal-notice")
    ctx["exemptions"][1]["code"] = "s99(9)"
    errors = _errors("refusal-notice", ctx)
    assert errors["exemptions[1].code"].startswith("'s99(9)' is not an exemption we know")


def test_eir_ncnd_only_for_reg_12_5_a_or_reg_13(seed):
    ctx = seed("refusal-notice")
    ctx["request"]["regime"] = "eir"
    ctx["ncnd"], ctx["withheld"], ctx["disclosed_items"] = True, "", []
    ctx["exemptions"] = [{"code": "reg 12(5)(b)", "reason": "r", "harm": "h", "likelihood": "would",
                          "pit_for": "a", "pit_against": "b", "pit_conclusion": "c"}]
    assert "reg 12(6)" in _errors("refusal-notice", ctx)["exemptions[0].code"]
    ctx["exemptions"][0]["code"] = "reg 12(5)(a)"
    validate_context("refusal-notice", ctx)


def test_ncnd_letter_cannot_say_what_is_withheld(seed):
    ctx = seed("refusal-notice")
    ctx["ncnd"] = True
    assert "withheld" in _errors("refusal-notice", ctx)


def test_cost_limit_must_actually_be_exceeded(seed):
    ctx = seed("refusal-notice")
    ctx["exemptions"], ctx["withheld"], ctx["disclosed_items"] = [], "", []
    ctx["cost_limit"] = {"hours": 20, "limit": 600, "advice": "Narrow it."}
    assert _errors("refusal-notice", ctx) == {"cost_limit.hours": (
        "20 hours at £25 an hour is £500, within the £600 limit: the cost limit does not apply.")}
    ctx["cost_limit"]["hours"] = 25
    validate_context("refusal-notice", ctx)


def test_eir_has_no_cost_limit_or_section_14(seed):
    ctx = seed("refusal-notice")
    ctx["request"]["regime"] = "eir"
    ctx["exemptions"], ctx["withheld"], ctx["disclosed_items"] = [], "", []
    ctx["cost_limit"] = {"hours": 40, "limit": 450, "advice": "Narrow it."}
    ctx["vexatious"] = {"reason": "Third identical request."}
    errors = _errors("refusal-notice", ctx)
    assert errors["cost_limit"] == "The EIR have no cost limit: use reg 12(4)(b) instead."
    assert errors["vexatious"] == "The EIR have no s14: use reg 12(4)(b) (manifestly unreasonable)."


def test_request_needs_requester_name_and_an_address(seed):
    ctx = seed("foi-request")
    ctx["requester"] = {"name": ""}
    errors = _errors("foi-request", ctx)
    assert set(errors) == {"requester.name", "requester.address"}
    assert errors["requester.address"] == "Give an email or postal address for the reply."


def test_refusal_needs_the_date_to_ask_for_review_by(seed):
    ctx = seed("refusal-notice")
    del ctx["clocks"]["review_request_by"]
    assert list(_errors("refusal-notice", ctx)) == ["clocks.review_request_by"]


def test_dates_must_be_dates(seed):
    ctx = seed("acknowledgement")
    ctx["request"]["received"] = "24/05/2022"
    assert _errors("acknowledgement", ctx) == {"request.received": "This must be a date."}


def test_extension_only_for_qualified_exemptions(seed):
    ctx = seed("extension-notice")
    ctx["exemptions"] = [{"code": "s40(2)"}]
    assert _errors("extension-notice", ctx) == {"exemptions[0].code": (
        "s40(2) has no public interest test under FOIA, so no extension applies (s10(3)).")}


def test_foisa_has_no_public_interest_extension_or_tribunal(seed):
    ctx = seed("extension-notice")
    ctx["request"]["regime"] = "foisa"
    assert _errors("extension-notice", ctx) == {
        "request.regime": "There is no extension notice under FOISA."}
    ctx = seed("tribunal-appeal")
    ctx["request"]["regime"] = "foisa"
    assert list(_errors("tribunal-appeal", ctx)) == ["request.regime"]


def test_complaint_waits_for_a_review_that_is_not_yet_late(seed):
    ctx = seed("ico-complaint")
    ctx["request"]["review_responded"] = None
    ctx["clocks"]["review_limit"] = D(2022, 9, 29)
    assert _errors("ico-complaint", ctx) == {"request.review_responded": (
        "The authority has until 29 September 2022 to give the review outcome; the regulator "
        "will ask you to wait for it.")}


def test_complaint_needs_a_review_request_first(seed):
    ctx = seed("ico-complaint")
    ctx["request"]["review_requested"] = None
    ctx["request"]["review_responded"] = None
    assert list(_errors("ico-complaint", ctx)) == ["request.review_requested"]


def test_late_appeal_needs_reasons(seed):
    ctx = seed("tribunal-appeal")
    ctx["today"] = D(2023, 4, 12)
    assert _errors("tribunal-appeal", ctx) == {
        "late_reasons": "The appeal is late: say why, and ask for more time."}


def test_unknown_kind_is_a_letter_error(seed):
    with pytest.raises(LetterError, match="'letter-to-santa' is not a kind of letter"):
        render_letter("letter-to-santa", seed("chaser"))
