"""EISR 2004 letters, rendered and read back with python-docx: the fifth regime's wording and preconditions.

Seed case (tests/letters/conftest.py) moved to Scotland: the regime is "eisr", and the dates of each
letter are given in the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casetracker.letters.errors import LetterDataError
from casetracker.letters.exemption_checks import cost_limit
from casetracker.letters.exemptions import exemptions_for, get_exemption
from casetracker.letters.render import render_letter

D = dt.date
_PIT = {
    "pit_for": "The public should know how the river was monitored.",
    "pit_against": "The prosecution must not be prejudiced.",
    "pit_conclusion": "The balance favours withholding until the trial ends.",
}
_JUSTICE = {"code": "reg 10(5)(b)", "reason": "The samples are evidence in a prosecution.",
            "harm": "Their release would prejudice the fair trial of the operator.",
            "likelihood": "would be likely to", **_PIT}


def _errors(kind: str, ctx: dict) -> dict[str, str]:
    with pytest.raises(LetterDataError) as caught:
        render_letter(kind, ctx)
    return caught.value.errors


def _eisr(seed, kind, **changes):
    ctx = seed(kind)
    ctx["request"]["regime"] = "eisr"
    ctx.update(changes)
    return ctx


def test_eisr_catalogue_holds_regs_10_4_10_5_and_11():
    assert [e.code for e in exemptions_for("eisr") if not e.ncnd_of] == [
        *(f"reg 10(4)({x})" for x in "abcde"), *(f"reg 10(5)({x})" for x in "abcdefg"), "reg 11(2)"]
    assert get_exemption("regulation 10(5)(b)", "eisr").test == \
        "would, or would be likely to, prejudice substantially"
    assert get_exemption("reg 10(8)", "eisr").ncnd_of == "reg 10(5)(a)"
    assert get_exemption("reg 11(2)", "eisr").absolute is True
    assert cost_limit("eisr", "central") is None  # no cost limit: reg 10(4)(b)


def test_eisr_refusal_under_reg_10_5_b_renders_with_the_public_interest_and_the_scottish_rights(seed, read_docx):
    ctx = _eisr(seed, "refusal-notice", exemptions=[dict(_JUSTICE)],
                withheld="The river samples of March 2022.", disclosed_items=[])
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert ("We have considered your request, which we received on 24 May 2022, under the Environmental "
            "Information (Scotland) Regulations 2004. This letter is a refusal notice under regulation 13 "
            "of the Regulations.") in lines
    assert "Regulation 10(5)(b): the course of justice and inquiries" in lines
    assert "We rely on regulation 10(5)(b) of the Regulations." in lines
    assert ("Harm: Their release would prejudice the fair trial of the operator. This is a prejudice-based "
            "exception, and we consider that disclosure would be likely to cause this substantial "
            "prejudice: there is a real and significant risk of it, even if it is not more probable than "
            "not.") in lines
    assert ("Public interest test: We have weighed the public interest, starting from the presumption in "
            "favour of disclosure in regulation 10(2)(b).") in lines
    rights = next(line for line in lines if line.startswith("If you are dissatisfied"))
    assert rights == (
        "If you are dissatisfied with this response, you can make representations to us under regulation 16 "
        "of the Environmental Information (Scotland) Regulations 2004 and require us to review our decision. "
        "Please write to us at accessicoinformation@ico.org.uk by 20 September 2022 (40 working days from "
        "the date of this response), quoting our reference IC-172854-Q5R8. Please say why you are "
        "dissatisfied. We will tell you our decision within 20 working days of receiving your "
        "representations (regulation 16(4)). If you are still dissatisfied after our review, you can apply "
        "to the Scottish Information Commissioner for a decision under section 47 of the Freedom of "
        "Information (Scotland) Act 2002, as applied by regulation 17, within six months of receiving our "
        "review response. You can write to the Scottish Information Commissioner, Kinburn Castle, "
        "Doubledykes Road, St Andrews, Fife KY16 9DS.")
    assert not any("Information Commissioner's Office" in line and "complain" in line for line in lines)


def test_eisr_refusal_needs_its_public_interest_test(seed):
    record = {k: v for k, v in _JUSTICE.items() if not k.startswith("pit_")}
    ctx = _eisr(seed, "refusal-notice", exemptions=[record], withheld="Samples.", disclosed_items=[])
    assert _errors("refusal-notice", ctx) == {
        "exemptions[0].pit_for": "reg 10(5)(b) is qualified: give the public interest for disclosure "
                                 "(EISR reg 10(1)(b), reg 13).",
        "exemptions[0].pit_against": "reg 10(5)(b) is qualified: give the public interest for withholding "
                                     "(EISR reg 10(1)(b), reg 13).",
        "exemptions[0].pit_conclusion": "reg 10(5)(b) is qualified: give the public interest the conclusion "
                                        "(EISR reg 10(1)(b), reg 13).",
    }


def test_eisr_emissions_cannot_be_withheld_under_reg_10_5_e(seed, read_docx):
    commercial = dict(_JUSTICE, code="reg 10(5)(e)", reason="The discharge figures are commercially confidential.")
    ctx = _eisr(seed, "refusal-notice", exemptions=[commercial], withheld="Discharge figures.",
                disclosed_items=[], emissions=True)
    assert _errors("refusal-notice", ctx) == {"exemptions[0].code": (
        "The information is on emissions, so reg 10(5)(e) cannot be relied on (EISR reg 10(6)).")}
    ctx["emissions"] = False
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert ("The information is not information on emissions, so regulation 10(6) does not prevent us from "
            "relying on this exception.") in lines


def test_eisr_ncnd_under_reg_10_8_renders_and_other_exceptions_cannot(seed, read_docx):
    security = dict(_JUSTICE, code="reg 10(5)(a)", reason="Confirming would reveal a security assessment.",
                    harm="It would show where the site is weakest.")
    ctx = _eisr(seed, "refusal-notice", exemptions=[security], ncnd=True, withheld="", disclosed_items=[])
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert "We neither confirm nor deny that we hold the information you asked for." in lines
    assert ("Regulation 10(8) (and, for personal data, regulation 11(6)) allows us to respond in this way "
            "where confirming or denying would itself prejudice substantially the interests protected by the "
            "exceptions below and would not be in the public interest.") in lines
    assert "We rely on regulation 10(8) of the Regulations." in lines
    ctx["exemptions"] = [dict(_JUSTICE)]
    assert _errors("refusal-notice", ctx) == {"exemptions[0].code": (
        "Under the EISR you may neither confirm nor deny only for reg 10(5)(a) or reg 11(2) "
        "(reg 10(8), reg 11(6)).")}


def test_eisr_has_no_cost_limit_or_s14(seed):
    ctx = _eisr(seed, "refusal-notice", exemptions=[], withheld="", disclosed_items=[],
                cost_limit={"hours": 30, "limit": 600, "advice": "Narrow it."})
    assert _errors("refusal-notice", ctx)["cost_limit"] == "The EISR have no cost limit: use reg 10(4)(b) instead."
    ctx = _eisr(seed, "refusal-notice", exemptions=[], withheld="", disclosed_items=[],
                vexatious={"reason": "The tenth request this month."})
    assert _errors("refusal-notice", ctx)["vexatious"] == (
        "The EISR have no s14: use reg 10(4)(b) (manifestly unreasonable).")


def test_eisr_application_to_the_commissioner_needs_representations_first(seed, read_docx):
    ctx = _eisr(seed, "ico-complaint")
    del ctx["request"]["review_requested"], ctx["request"]["review_responded"]
    assert _errors("ico-complaint", ctx) == {"request.review_requested": (
        "Under the EISR you must require representations (regulation 16) before applying to the Scottish "
        "Information Commissioner (section 47(1) of FOISA, applied by EISR reg 17), even when the authority "
        "has not responded.")}
    # Review outcome 30 Aug 2022; six months (FOISA s47(4), applied by reg 17) end 28 Feb 2023.
    ok = _eisr(seed, "ico-complaint")
    ok["clocks"]["ico_complaint_by"] = D(2023, 2, 28)
    lines = read_docx(render_letter("ico-complaint", ok)).splitlines()
    assert ("I am writing to apply to the Scottish Information Commissioner for a decision under section 47(1) "
            "of the Freedom of Information (Scotland) Act 2002, as applied by regulation 17 of the "
            "Environmental Information (Scotland) Regulations 2004 about how my request (my reference "
            "CT-2022-014) has been dealt with.") in lines
    assert "Scottish Information Commissioner" in lines  # the recipient's address block
    late = _eisr(seed, "ico-complaint", today=D(2023, 3, 1))
    late["clocks"]["ico_complaint_by"] = D(2023, 2, 28)
    assert _errors("ico-complaint", late) == {"clocks.ico_complaint_by": (
        "The six months for applying ended on 28 February 2023 (FOISA s47(4)(b)); the Commissioner cannot "
        "accept a later application.")}


def test_eisr_review_request_and_outcome_use_regulation_16(seed, read_docx):
    asked = _eisr(seed, "internal-review-request")
    lines = read_docx(render_letter("internal-review-request", asked)).splitlines()
    assert ("I require you to review your decision: these are representations under regulation 16 of the "
            "Environmental Information (Scotland) Regulations 2004. I made my request on 24 May 2022 (your "
            "reference IC-172854-Q5R8) and you responded on 21 July 2022.") in lines
    assert ("Regulation 16(4) requires your decision within 20 working days of receiving these "
            "representations, so I expect it by 31 August 2022.") in lines
    outcome = _eisr(seed, "internal-review-outcome")
    lines = read_docx(render_letter("internal-review-outcome", outcome)).splitlines()
    assert any(line.startswith("On 2 August 2022 you asked for a review under regulation 16 of our response")
               for line in lines)
    assert any("as applied by regulation 17 of the Environmental Information (Scotland) Regulations 2004, "
               "within six months" in line and "Court of Session" in line for line in lines)


def test_eisr_tribunal_appeal_is_not_offered(seed):
    # EISR reg 17 applies FOISA s56: appeals go to the Court of Session, not the First-tier Tribunal.
    ctx = _eisr(seed, "tribunal-appeal")
    assert "request.regime" in _errors("tribunal-appeal", ctx)


def test_eisr_acknowledgement_and_extension_notice_state_the_scottish_clock(seed, read_docx):
    lines = read_docx(render_letter("acknowledgement", _eisr(seed, "acknowledgement"))).splitlines()
    assert any(line.startswith("The Environmental Information (Scotland) Regulations 2004 give us 20 working days "
                               "to respond (regulation 5(2)(a)).") and "Scottish bank holidays do not count" in line
               for line in lines)
    ctx = _eisr(seed, "extension-notice", extension_reason="The request covers 40 years of monitoring data.")
    ctx["exemptions"] = []
    ctx["clocks"]["response_due"] = D(2022, 7, 21)
    lines = read_docx(render_letter("extension-notice", ctx)).splitlines()
    assert ("We are writing about your request, which we received on 24 May 2022. We need more time to respond. "
            "Regulation 7(1) of the Environmental Information (Scotland) Regulations 2004 allows us to extend the "
            "time by up to 20 further working days where the volume and complexity of the information make it "
            "impracticable to answer within 20, and regulation 7(2) requires us to tell you, with our reasons "
            "(regulation 7(3)).") in lines
    assert ("If you are unhappy with the extension, you can make representations to us under regulation 16, and "
            "you then have the right to apply to the Scottish Information Commissioner.") in lines
