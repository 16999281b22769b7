"""Issue 15 regression set for letters: each finding as a test that failed on main, with the working.

Seed case (tests/letters/conftest.py): request received Tue 24 May 2022, response due Thu 23 Jun 2022.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from casetracker.correspondence.services import record_correspondence
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.context import build_context
from casetracker.letters.errors import LetterDataError
from casetracker.letters.exemption_checks import cost_limit
from casetracker.letters.render import render_letter

D = dt.date

_PIT = {
    "pit_for": "Openness about how the regulator works.",
    "pit_against": "Regulated bodies must be able to engage frankly.",
    "pit_conclusion": "The balance favours withholding while the inquiry is open.",
}


def _errors(kind: str, ctx: dict) -> dict[str, str]:
    with pytest.raises(LetterDataError) as caught:
        render_letter(kind, ctx)
    return caught.value.errors


def _refusal(seed, regime="foia", **changes):
    ctx = seed("refusal-notice")
    ctx["request"]["regime"] = regime
    ctx.update(changes)
    return ctx


# -- Must: the three refusals ---------------------------------------------------------------------

def test_foisa_refusal_citing_s30_b_i_with_its_public_interest_test_renders(seed, read_docx):
    # Main had no FOISA exemptions, so a Scottish authority could not refuse at all.
    ctx = _refusal(seed, "foisa", exemptions=[{
        "code": "s30(b)(i)", "reason": "The advice was given to Ministers while the policy was open.",
        "harm": "Officials would be less candid in later advice.", "likelihood": "would be likely to",
        **_PIT}], withheld="The advice to Ministers of March 2022.", disclosed_items=[])
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert "Section 30(b)(i): prejudice to effective conduct of public affairs: the free and frank provision of advice " \
           "(inhibit substantially)" in lines
    assert "We rely on section 30(b)(i) of the Act." in lines
    assert ("Harm: Officials would be less candid in later advice. This is a prejudice-based exemption, and we "
            "consider that disclosure would be likely to cause this substantial prejudice: there is a real and "
            "significant risk of it, even if it is not more probable than not.") in lines
    assert "In favour of disclosure: Openness about how the regulator works." in lines
    assert "Our conclusion: The balance favours withholding while the inquiry is open." in lines
    assert any("section 20 of the Freedom of Information (Scotland) Act 2002" in line for line in lines)


def test_foisa_s30_without_public_interest_test_is_refused(seed):
    ctx = _refusal(seed, "foisa", exemptions=[{
        "code": "s30(b)(i)", "reason": "Advice.", "harm": "Less candour.", "likelihood": "would"}],
        withheld="Advice.", disclosed_items=[])
    assert sorted(_errors("refusal-notice", ctx)) == [
        "exemptions[0].pit_against", "exemptions[0].pit_conclusion", "exemptions[0].pit_for"]


def test_foia_refusal_citing_s31_1_g_with_s31_2_c_reads_section_31_1_g(seed, read_docx):
    # Main rejected "s31(1)(g)" as unknown.
    record = {"code": "s31(1)(g)", "purposes": "s31(2)(c)",
              "reason": "The correspondence is part of an open regulatory assessment.",
              "harm": "Disclosure would reveal our lines of inquiry.", "likelihood": "would be likely to", **_PIT}
    ctx = _refusal(seed, exemptions=[record], withheld="Our emails of February 2022.", disclosed_items=[])
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert ("We rely on section 31(1)(g) of the Act, for the purpose in section 31(2)(c) (ascertaining whether "
            "circumstances which would justify regulatory action exist or may arise).") in lines
    # Without the s31(2) purpose, or with one that is not in s31(2), it is refused.
    del record["purposes"]
    assert _errors("refusal-notice", ctx)["exemptions[0].purposes"] == (
        "s31(1)(g) needs the purpose in s31(2) the function is exercised for, e.g. s31(2)(c) (FOIA s31(1)(g)).")
    record["purposes"] = "s31(2)(k)"
    assert _errors("refusal-notice", ctx)["exemptions[0].purposes"] == (
        "'s31(2)(k)' is not a purpose in s31(2): write s31(2)(a) to s31(2)(j).")


def test_ncnd_refusal_under_s40_5b_renders_with_the_ncnd_wording(seed, read_docx):
    ctx = _refusal(seed, ncnd=True, withheld="", disclosed_items=[], exemptions=[{
        "code": "s40(5B)", "reason": "Confirming whether we hold complaints about a named person would "
        "reveal whether they have been complained about.",
        "legitimate_interests": "No legitimate interest needs the confirmation; it would be unfair to the person."}])
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert "We neither confirm nor deny that we hold the information you asked for." in lines
    assert "Section 40(5B): neither confirm nor deny: personal information about other people" in lines
    assert "We rely on section 40(5B) of the Act." in lines
    assert "This exemption is absolute, so there is no public interest test." in lines
    assert not any("We are withholding" in line for line in lines)


def test_ncnd_cites_s31_3_and_tests_confirmation(seed, read_docx):
    # Main cited s31(1) and weighed disclosure; the NCND provision is s31(3), weighing confirmation.
    ctx = _refusal(seed, ncnd=True, withheld="", disclosed_items=[])
    ctx["exemptions"] = [ctx["exemptions"][0]]
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert "We rely on section 31(3) of the Act." in lines
    assert ("Public interest test: This exemption is qualified, so we have weighed the public interest in "
            "maintaining the exclusion of the duty to confirm or deny against the public interest in telling "
            "you whether we hold the information.") in lines
    assert any(line.endswith("we consider that confirming or denying whether we hold the information would be "
                             "likely to cause this harm: there is a real and significant risk of it, even if it "
                             "is not more probable than not.") for line in lines)


def test_ncnd_needs_a_provision_that_excludes_the_duty(seed):
    ctx = _refusal(seed, ncnd=True, withheld="", disclosed_items=[],
                   exemptions=[{"code": "s21", "reason": "It is published."}])
    assert _errors("refusal-notice", ctx)["exemptions[0].code"] == (
        "s21 has no provision excluding the duty to confirm or deny, so it cannot support neither "
        "confirming nor denying.")
    # FOISA s18(1) covers ss28-35, 38, 39(1), 41 only: not s27(1).
    foisa = _refusal(seed, "foisa", ncnd=True, withheld="", disclosed_items=[],
                     exemptions=[{"code": "s27(1)", "reason": "To be published.", **_PIT}])
    assert _errors("refusal-notice", foisa)["exemptions[0].code"] == (
        "FOISA s18(1) allows neither confirming nor denying only for sections 28 to 35, 38, 39(1) and 41, "
        "not s27(1).")
    # An NCND provision cannot withhold information that was confirmed to be held.
    held = _refusal(seed, exemptions=[{"code": "s31(3)", "reason": "x", "harm": "y",
                                       "likelihood": "would", **_PIT}])
    assert _errors("refusal-notice", held)["exemptions[0].code"].startswith(
        "s31(3) excludes only the duty to confirm or deny")


def test_s36_needs_the_qualified_persons_opinion_and_takes_its_limbs(seed, read_docx):
    # Main rejected s36(2)(b)(i) and never asked for the opinion.
    record = {"code": "s36(2)(b)(i)", "reason": "Advice to the Board.", "harm": "Less candid advice.",
              "likelihood": "would", **_PIT}
    ctx = _refusal(seed, exemptions=[record], withheld="The Board papers.", disclosed_items=[])
    assert _errors("refusal-notice", ctx) == {"exemptions[0].qualified_person_opinion": (
        "s36(2)(b)(i) applies only in the reasonable opinion of the qualified person: say who gave the "
        "opinion and when (FOIA s36(2), s36(5)).")}
    record["qualified_person_opinion"] = "The Commissioner, as qualified person, gave the opinion on 1 July 2022."
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert ("Qualified person's opinion (section 36(2)): The Commissioner, as qualified person, gave the opinion "
            "on 1 July 2022. In the qualified person's reasonable opinion the harm described below would "
            "follow from disclosure.") in lines


def test_s40_2_needs_the_legitimate_interests_assessment(seed):
    ctx = _refusal(seed)
    del ctx["exemptions"][1]["legitimate_interests"]
    assert list(_errors("refusal-notice", ctx)) == ["exemptions[1].legitimate_interests"]


def test_eir_reg_12_9_emissions(seed, read_docx):
    # Reg 12(9): on emissions, reg 12(5)(d)-(g) are unavailable; main never mentioned it.
    ctx = seed("refusal-notice")
    ctx["request"]["regime"] = "eir"
    ctx["exemptions"] = [{"code": "reg 12(5)(e)", "reason": "Commercial confidence.", "harm": "Pricing revealed.",
                          "likelihood": "would", **_PIT}]
    lines = read_docx(render_letter("refusal-notice", ctx)).splitlines()
    assert ("The information is not information on emissions, so regulation 12(9) does not prevent us from "
            "relying on this exception.") in lines
    ctx["emissions"] = True
    assert _errors("refusal-notice", ctx) == {"exemptions[0].code": (
        "The information is on emissions, so reg 12(5)(e) cannot be relied on (EIR reg 12(9)).")}


def test_s12_limit_is_450_or_600_not_typed_freely(seed):
    ctx = _refusal(seed, exemptions=[], withheld="", disclosed_items=[],
                   cost_limit={"hours": 30, "limit": 500, "advice": "Narrow it to one month."})
    assert _errors("refusal-notice", ctx) == {"cost_limit.limit": (
        "£500 is not an appropriate limit: it is £600 for central government and £450 for other authorities "
        "(SI 2004/3244 reg 3).")}
    ctx["authority"]["type"] = "local-authority"
    ctx["cost_limit"]["limit"] = 600
    assert _errors("refusal-notice", ctx)["cost_limit.limit"].startswith(
        "The appropriate limit for this authority is £450, not £600")
    assert (cost_limit("foia", "central-government"), cost_limit("foia", "school"), cost_limit("foisa", None),
            cost_limit("foia", None), cost_limit("eir", "school")) == (600, 450, 600, None, None)


# -- Must: letters refuse when their precondition fails -------------------------------------------

def test_chaser_refuses_when_answered_or_not_yet_due(seed):
    # Main wrote "I have not received a response, and it is now overdue" in both cases.
    answered = seed("chaser")
    answered["request"]["responded"] = D(2022, 6, 20)
    assert _errors("chaser", answered) == {"request.responded": (
        "The authority responded on 20 June 2022, so a chaser would say what is false: ask for an internal "
        "review instead.")}
    early = seed("chaser")
    early["today"] = D(2022, 6, 23)  # the due day itself: not overdue yet
    assert _errors("chaser", early) == {"clocks.response_due": (
        "The response is not due until 23 June 2022, so it is not overdue yet; send a chaser after that day.")}
    paused = seed("chaser")
    paused["clocks"]["response_paused"] = "clarification"
    assert _errors("chaser", paused) == {"clocks.response_due": (
        "No response is due while the authority waits for your clarification (FOIA s1(3)).")}


def test_ico_complaint_refuses_before_the_response_is_due(seed):
    ctx = seed("ico-complaint")
    ctx["today"] = D(2022, 6, 20)
    for key in ("responded", "review_requested", "review_responded"):
        del ctx["request"][key]
    ctx["clocks"]["response_due"] = D(2022, 6, 23)
    assert _errors("ico-complaint", ctx) == {"request.responded": (
        "The authority has until 23 June 2022 to respond; complain after that date, or give the date of its "
        "response.")}


def test_sic_application_needs_a_review_first(seed):
    # FOISA s47(1): main allowed an application with no requirement for review.
    ctx = seed("ico-complaint")
    ctx["request"]["regime"] = "foisa"
    del ctx["request"]["review_requested"], ctx["request"]["review_responded"]
    assert _errors("ico-complaint", ctx) == {"request.review_requested": (
        "Under FOISA you must require a review (section 20) before applying to the Scottish Information "
        "Commissioner (section 47(1)), even when the authority has not responded.")}
    # Six months after the review outcome of 30 Aug 2022 ended on 28 Feb 2023: a bar (s47(4)(b)).
    late = seed("ico-complaint")
    late["request"]["regime"] = "foisa"
    late["today"], late["clocks"]["ico_complaint_by"] = D(2023, 3, 1), D(2023, 2, 28)
    assert _errors("ico-complaint", late) == {"clocks.ico_complaint_by": (
        "The six months for applying ended on 28 February 2023 (FOISA s47(4)(b)); the Commissioner cannot "
        "accept a later application.")}


def test_sar_complaint_before_the_due_date_is_refused(seed):
    ctx = seed("ico-complaint")
    ctx["request"]["regime"] = "sar"
    ctx["today"], ctx["clocks"]["response_due"] = D(2022, 6, 20), D(2022, 6, 24)
    for key in ("responded", "review_requested", "review_responded"):
        del ctx["request"][key]
    assert _errors("ico-complaint", ctx) == {"request.responded": (
        "The controller has until 24 June 2022 to respond (UK GDPR Art 12(3)); complain after that day, or "
        "give the date of its response.")}


def test_tribunal_appeal_needs_a_decision_notice(seed):
    ctx = seed("tribunal-appeal")
    del ctx["decision_notice_date"]
    assert _errors("tribunal-appeal", ctx)["decision_notice_date"] == (
        "An appeal to the First-tier Tribunal is against a decision notice (FOIA s57(1)): give the date of "
        "the Information Commissioner's decision notice.")
    future = seed("tribunal-appeal")
    future["decision_notice_date"] = D(2023, 4, 6)
    assert _errors("tribunal-appeal", future)["decision_notice_date"].startswith(
        "The decision notice is dated 6 April 2023, after this letter")


def test_late_ico_complaint_says_it_is_late(seed, read_docx):
    ctx = seed("ico-complaint")
    ctx["today"] = D(2022, 10, 20)  # six weeks from 30 Aug 2022 ended on 11 Oct 2022
    ctx["late_reasons"] = "I was waiting for the authority's promised disclosure."
    lines = read_docx(render_letter("ico-complaint", ctx)).splitlines()
    assert ("I am complaining after 11 October 2022, the date by which the Information Commissioner asks for "
            "complaints. I ask you to accept it, because: I was waiting for the authority's promised "
            "disclosure.") in lines


def test_tribunal_appeal_mentions_grc1_and_needs_no_postal_address(seed, read_docx):
    ctx = seed("tribunal-appeal")
    del ctx["requester"]["address"]
    lines = read_docx(render_letter("tribunal-appeal", ctx)).splitlines()
    assert any("form GRC1" in line for line in lines)
    assert "Address for documents: sian@obrien-co.example" in lines


# -- Other letters ---------------------------------------------------------------------------------

def test_foisa_not_held_cites_foisa_s17(seed, read_docx):
    ctx = seed("response")
    ctx["request"]["regime"] = "foisa"
    text = read_docx(render_letter("response", ctx))
    assert "This is notice under section 17(1) of the Act that we do not hold it." in text
    assert "section 1(1)(a)" not in text


def test_sar_response_gives_article_15_information_and_exemptions(seed, read_docx):
    ctx = seed("response")
    ctx["request"]["regime"] = "sar"
    ctx["sar_exemptions"] = ["Legal advice about your complaint: legal professional privilege (DPA 2018 Sch 2 "
                             "para 19)."]
    lines = read_docx(render_letter("response", ctx)).splitlines()
    assert "Why we use your personal data (Article 15(1)(a)): As set out in our privacy notice." in lines
    assert any(line.startswith("Safeguards for transfers outside the UK (Article 15(2))") for line in lines)
    assert "We have withheld some personal data under these exemptions in the Data Protection Act 2018:" in lines


def test_foisa_review_outcome_gives_the_s56_appeal(seed, read_docx):
    ctx = seed("internal-review-outcome")
    ctx["request"]["regime"] = "foisa"
    text = read_docx(render_letter("internal-review-outcome", ctx))
    assert "appeal to the Court of Session on a point of law only, within 42 days" in text
    assert "(section 56 of the Act)" in text


# -- Letters built from the database ---------------------------------------------------------------

@pytest.fixture
def case(make_request):
    return make_request(
        title="Pupil data pilot correspondence", authority="Information Commissioner's Office",
        received=D(2022, 5, 24), sent_on=D(2022, 5, 24), requester_name="Siân O'Brien & Co",
        requester_email="sian@obrien-co.example", body="All correspondence about the pilot.",
        their_reference="IC-172854-Q5R8",
    )


def _load(case):
    return db.session.get(InfoRequest, case)


def test_fees_notice_of_1_june_2022_says_pay_by_31_august(app, case, read_docx):
    # FOIA s9(2): three months beginning with 1 June 2022 end on 31 August 2022 (main: 1 September).
    with app.app_context():
        ctx = build_context(_load(case), "fees-notice", today=D(2022, 6, 1), overrides={
            "fee_amount": "12.40", "fee_basis": "Printing 124 pages.", "payment_instructions": "By cheque.",
            "signatory.name": "Priya Shah"})
    text = read_docx(render_letter("fees-notice", ctx))
    assert ("If we have not received your payment by 31 August 2022, the last day of the three months "
            "beginning with the date of this notice, we will not have to answer your request (section 9(2))."
            ) in text


def test_review_request_written_today_counts_from_today(app, case):
    # Main: a review asked for on 1 Jul 2022 was recorded, so a new request dated 1 Dec 2026 "expected a
    # reply by" 29 Jul 2022. Now: 20 working days from Tue 1 Dec 2026: Dec 2-4 (3), 7-11 (8), 14-18 (13),
    # 21-24 (17), Fri 25 and Mon 28 (Boxing Day substitute) skipped, 29-31 (20): Thu 31 Dec 2026.
    with app.app_context():
        r = _load(case)
        record_correspondence(r, actor=None, kind="response", direction="incoming", dated=D(2022, 6, 21))
        record_correspondence(r, actor=None, kind="internal-review-request", direction="outgoing",
                              dated=D(2022, 7, 1))
        db.session.flush()
        ctx = build_context(r, "internal-review-request", today=D(2026, 12, 1))
        assert ctx["clocks"]["review_due"] == D(2026, 12, 31)
        # A refusal notice written on 21 Jul 2022 counts the review window from its own date (40 working
        # days: Tue 20 Sep 2022, skipping Mon 29 Aug and Mon 19 Sep), not from the recorded 21 Jun response.
        refusal = build_context(r, "refusal-notice", today=D(2022, 7, 21))
        assert refusal["clocks"]["review_request_by"] == D(2022, 9, 20)


def test_acknowledgement_puts_the_authoritys_reference_first(app, case):
    # On a requester's case the authority writes the acknowledgement: "our reference" is its own.
    with app.app_context():
        ctx = build_context(_load(case), "acknowledgement", today=D(2022, 5, 25))
        chaser = build_context(_load(case), "chaser", today=D(2022, 6, 28))
    assert (ctx["request"]["our_reference"], ctx["request"]["their_reference"]) == (
        "IC-172854-Q5R8", "CT-2022-0001")
    assert (chaser["request"]["our_reference"], chaser["request"]["their_reference"]) == (
        "CT-2022-0001", "IC-172854-Q5R8")


def test_foisa_extension_notice_is_refused_not_a_crash(app, make_request):
    case = make_request(title="Scottish request", authority="Scottish Government", received=D(2022, 5, 24),
                        regime="foisa", requester_name="A Requester", requester_email="a@example.org")
    with app.app_context():
        ctx = build_context(_load(case), "extension-notice", today=D(2022, 6, 10))
    assert _errors("extension-notice", copy.deepcopy(ctx))["request.regime"] == (
        "There is no extension notice under FOISA.")


def test_extension_notice_after_day_20_is_refused(app, case):
    # Due Thu 23 Jun 2022; an extension notice dated Fri 24 Jun cannot extend (s17(1)-(2)).
    with app.app_context():
        ctx = build_context(_load(case), "extension-notice", today=D(2022, 6, 24), overrides={
            "exemptions": [{"code": "s31(1)"}], "signatory.name": "Priya Shah"})
    assert _errors("extension-notice", ctx)["today"] == (
        "The 20 working days ended on 23 June 2022: an extension must be notified within them (FOIA "
        "s17(1)-(2)), so a notice now cannot extend the time; the response is late.")


# -- Every export is A4 with numbered pages, proofed in en-GB -----------------------------------------

def _page_setup(data: bytes) -> tuple:
    import io

    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(data))
    section = document.sections[0]
    footer = section.footer._element.xml
    lang = document.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val"))
    # A4 is 210 x 297 mm; Word stores twentieths of a point, so compare to the millimetre.
    return ((round(section.page_width.mm), round(section.page_height.mm)) == (210, 297),
            " PAGE " in footer and " NUMPAGES " in footer, section.footer.paragraphs[0].text, lang)


@pytest.mark.parametrize("kind", ["foi-request", "refusal-notice", "tribunal-appeal"])
def test_letters_are_a4_with_page_numbers(seed, kind):
    assert _page_setup(render_letter(kind, seed(kind))) == (True, True, "Page  of ", "en-GB")


def test_chronology_export_is_a4_with_page_numbers(app, case):
    from casetracker.evidence.exports import chronology_docx

    with app.app_context():
        data = chronology_docx(_load(case))
    assert _page_setup(data) == (True, True, "Page  of ", "en-GB")

