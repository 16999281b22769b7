"""Every built-in letter, generated for the seed case, read back and compared with its snapshot.

Regenerate after a deliberate wording change with UPDATE_SNAPSHOTS=1 and review the diff.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from docx import Document

from casetracker.letters.constants import LetterKind
from casetracker.letters.render import render_letter

D = dt.date
REQUESTER = "Siân O'Brien & Co"


@pytest.mark.parametrize("kind", list(LetterKind), ids=str)
def test_every_kind_matches_its_snapshot(kind, seed, read_docx, snapshot):
    text = read_docx(render_letter(kind, seed(kind)))
    snapshot(kind.value, text)
    assert REQUESTER in text


def _eir_refusal(ctx):
    ctx["request"]["regime"] = "eir"
    ctx["exemptions"] = [
        {"code": "reg 12(5)(e)", "reason": "The pilot's contract prices are commercial "
         "information that the contract keeps confidential.",
         "harm": "Rival suppliers would learn the supplier's pricing before the next tender.",
         "likelihood": "would", "pit_for": "Openness about public spending on the pilot.",
         "pit_against": "A fair tender in which bidders compete on price.",
         "pit_conclusion": "Even with the presumption in favour of disclosure, the public "
         "interest favours withholding the prices until the tender closes."},
        {"code": "reg 13", "reason": "The names of junior staff are personal data.",
         "legitimate_interests": "Knowing who worked on the pilot is a legitimate interest, but "
         "senior staff names meet it, so disclosing junior staff names is not necessary."},
    ]
    ctx["withheld"] = "Unit prices in the pilot contract, and the names of junior staff."
    ctx["disclosed_items"] = []
    return ctx


def _foisa_cost(ctx):
    ctx["request"]["regime"] = "foisa"
    ctx["authority"] = {"name": "Scottish Government", "email": "foi@gov.scot"}
    ctx["exemptions"], ctx["withheld"], ctx["disclosed_items"] = [], "", []
    ctx["cost_limit"] = {
        "hours": 52, "limit": 600,
        "estimate": "About 2,600 emails would each need to be read, at about 1.2 minutes each.",
        "advice": "If you limit the request to February 2022, we expect to answer it within the "
        "limit.",
    }
    return ctx


def _ncnd(ctx):
    ctx["ncnd"] = True
    ctx["exemptions"] = [dict(
        ctx["exemptions"][0],
        reason="Confirming or denying that we hold correspondence about a named pilot would "
        "reveal whether we are assessing it.",
        harm="Organisations under assessment would learn what we know, and could alter "
        "records or practices before we have reached a view.",
    )]
    ctx["withheld"], ctx["disclosed_items"] = "", []
    return ctx


def _vexatious(ctx):
    ctx["exemptions"], ctx["withheld"], ctx["disclosed_items"] = [], "", []
    ctx["vexatious"] = {"repeated": True, "reason": "We answered an identical request from you "
                        "on 3 May 2022, and nothing has changed since."}
    return ctx


def _eir_acknowledgement(ctx):
    ctx["request"]["regime"] = "eir"
    return ctx


def _eir_extension(ctx):
    ctx["request"]["regime"] = "eir"
    del ctx["exemptions"], ctx["estimated_decision_date"]
    ctx["clocks"]["response_due"] = D(2022, 7, 22)
    ctx["extension_reason"] = "Your request covers 14 monitoring sites and about 9,000 readings."
    return ctx


def _eir_review_request(ctx):
    ctx["request"]["regime"] = "eir"
    ctx["clocks"]["review_due"] = D(2022, 9, 29)
    return ctx


def _review_late(ctx):
    ctx["today"] = D(2022, 10, 3)
    ctx["request"]["review_responded"] = None
    ctx["clocks"] = {"review_limit": D(2022, 9, 29)}
    ctx["chronology"] = ctx["chronology"][:-1]
    return ctx


def _foisa_complaint(ctx):
    ctx["request"]["regime"] = "foisa"
    ctx["authority"] = {"name": "Scottish Government", "email": "foi@gov.scot"}
    return ctx


def _appeal_late(ctx):
    ctx["today"] = D(2023, 4, 20)
    ctx["late_reasons"] = "I was in hospital from 3 to 17 April 2023; a letter is enclosed."
    ctx["enclosures"] = ["Letter from Cardiff and Vale University Health Board, 18 April 2023"]
    return ctx


def _sar_response(ctx):
    ctx["request"]["regime"] = "sar"
    ctx["disclosed_items"] = ["Records of your three complaints, 2019 to 2022.",
                              "Notes of your calls to our helpline."]
    ctx["not_held"] = []
    return ctx


VARIANTS = {
    "refusal-notice-eir": (LetterKind.REFUSAL_NOTICE, _eir_refusal),
    "refusal-notice-foisa-cost": (LetterKind.REFUSAL_NOTICE, _foisa_cost),
    "refusal-notice-ncnd": (LetterKind.REFUSAL_NOTICE, _ncnd),
    "refusal-notice-repeated": (LetterKind.REFUSAL_NOTICE, _vexatious),
    "acknowledgement-eir": (LetterKind.ACKNOWLEDGEMENT, _eir_acknowledgement),
    "extension-notice-eir": (LetterKind.EXTENSION_NOTICE, _eir_extension),
    "internal-review-request-eir": (LetterKind.INTERNAL_REVIEW_REQUEST, _eir_review_request),
    "ico-complaint-review-late": (LetterKind.ICO_COMPLAINT, _review_late),
    "ico-complaint-foisa": (LetterKind.ICO_COMPLAINT, _foisa_complaint),
    "tribunal-appeal-late": (LetterKind.TRIBUNAL_APPEAL, _appeal_late),
    "response-sar": (LetterKind.RESPONSE, _sar_response),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_regime_variants_match_their_snapshots(name, seed, read_docx, snapshot):
    kind, change = VARIANTS[name]
    snapshot(name, read_docx(render_letter(kind, change(seed(kind)))))


def test_seed_ico_complaint_carries_its_chronology_as_a_table(seed):
    document = Document(io.BytesIO(render_letter("ico-complaint", seed("ico-complaint"))))
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Date", "Event", "Source", "Quote"]
    assert rows[1:4] == [
        ["7 February 2022", "Pilot began collecting pupil data",
         "DfE pilot privacy notice, page 2", "Collection begins on 7 February 2022."],
        ["8 February 2022", "Department for Education wrote to the ICO about the pilot",
         "Letter, DfE to ICO, 8 February 2022, page 1",
         "we assessed the risks as part of the preparation for the pilot"],
        ["15 February 2022", "First version of the pilot's DPIA dated", "DPIA version 1.0, page 1",
         "Version 1.0 – 15 February 2022"],
    ]


def test_requester_name_with_apostrophe_ampersand_and_circumflex_survives(seed, read_docx):
    text = read_docx(render_letter("acknowledgement", seed("acknowledgement")))
    assert "Dear Siân O'Brien & Co," in text.splitlines()
    assert "&amp;" not in text and "&#39;" not in text


def test_acknowledgement_gives_receipt_and_due_dates_in_uk_long_form(seed, read_docx):
    lines = read_docx(render_letter("acknowledgement", seed("acknowledgement"))).splitlines()
    assert ("Thank you for your request, which we received on 24 May 2022. We are dealing with "
            "it under the Freedom of Information Act 2000, and our reference is IC-172854-Q5R8."
            ) in lines
    assert "We will respond by 23 June 2022." in lines


def test_fees_notice_states_amount_and_lapse_date(seed, read_docx):
    ctx = seed("fees-notice")
    ctx["fee_amount"] = Decimal("1250")
    lines = read_docx(render_letter("fees-notice", ctx)).splitlines()
    assert "The fee is £1,250." in lines
    assert ("If we have not received your payment by 31 August 2022, the last day of the three "
            "months beginning with the date of this notice, we will not have to answer your request "
            "(section 9(2))."
            ) in lines


def test_docx_properties_name_the_letter(seed):
    document = Document(io.BytesIO(render_letter("chaser", seed("chaser"))))
    props = document.core_properties
    assert props.title == "Overdue response: Department for Education pupil data pilot"
    assert props.author == REQUESTER
    assert props.created == dt.datetime(2022, 6, 28, tzinfo=dt.timezone.utc)
