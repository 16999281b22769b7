"""Fixtures for letter tests: the seed case as a context per kind, and .docx snapshots.

The seed case: Siân O'Brien & Co asked the Information Commissioner's Office on
Tuesday 24 May 2022 for its correspondence with the Department for Education
about a pupil data pilot. Collection began on 7 February 2022, the department
wrote to the ICO on 8 February 2022, and the first DPIA is dated 15 February
2022. Dates below were counted on the UK-wide working-day calendar (e.g. 12 July
2022 and 19 September 2022 are not working days).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from casetracker.letters.constants import LetterKind as K

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
D = dt.date

REQUESTER = "Siân O'Brien & Co"

_BASE = {
    "request": {
        "our_reference": "CT-2022-014",
        "their_reference": "IC-172854-Q5R8",
        "title": "Department for Education pupil data pilot",
        "text": (
            "1. All correspondence between the ICO and the Department for Education about the "
            "pupil data pilot that began on 7 February 2022, from 1 January 2022 to the date of "
            "this request.\n\n"
            "2. Any data protection impact assessment (DPIA) for the pilot that the Department "
            "sent to the ICO, and the date the ICO received each version."
        ),
        "regime": "foia",
        "sent": D(2022, 5, 24),
        "received": D(2022, 5, 24),
    },
    "authority": {
        "name": "Information Commissioner's Office",
        "email": "accessicoinformation@ico.org.uk",
        "address": "Wycliffe House\nWater Lane\nWilmslow\nCheshire SK9 5AF",
        "privacy_notice": "ico.org.uk/global/privacy-notice",
    },
    "requester": {
        "name": REQUESTER,
        "email": "sian@obrien-co.example",
        "address": "14 Heol y Frenhines\nCaerdydd\nCF10 2BH",
    },
    "clocks": {"response_due": D(2022, 6, 23)},
}

_OFFICER = {"name": "Priya Shah", "role": "Information Access Officer"}

_S31 = {
    "code": "s31(1)",
    "reason": (
        "The correspondence was exchanged while we were assessing the pilot's compliance with "
        "data protection law, and that assessment is still open."
    ),
    "harm": (
        "Disclosure would reveal our lines of inquiry before we have reached a view, and would "
        "discourage organisations from engaging with us frankly and voluntarily."
    ),
    "likelihood": "would be likely to",
    "pit_for": (
        "There is a strong public interest in how the ICO oversees the use of children's data, "
        "and in knowing when the Department told us about the pilot."
    ),
    "pit_against": (
        "There is a stronger public interest in protecting an open assessment, so that it is "
        "effective and fair to the Department."
    ),
    "pit_conclusion": (
        "The public interest in maintaining the exemption outweighs the public interest in "
        "disclosure while the assessment is open."
    ),
}

_S40 = {"code": "s40(2)", "reason": "The names and contact details of junior staff are "
        "personal data, and they would not expect them to be published.",
        "legitimate_interests": "There is a legitimate interest in knowing who dealt with the "
        "pilot, but naming senior staff meets it; naming junior staff is not necessary, and would "
        "override their reasonable expectation of privacy."}

CHRONOLOGY = [
    {"date": D(2022, 2, 7), "event": "Pilot began collecting pupil data",
     "source": "DfE pilot privacy notice, page 2",
     "quote": "Collection begins on 7 February 2022."},
    {"date": D(2022, 2, 8), "event": "Department for Education wrote to the ICO about the pilot",
     "source": "Letter, DfE to ICO, 8 February 2022, page 1",
     "quote": "we assessed the risks as part of the preparation for the pilot"},
    {"date": D(2022, 2, 15), "event": "First version of the pilot's DPIA dated",
     "source": "DPIA version 1.0, page 1", "quote": "Version 1.0 – 15 February 2022"},
    {"date": D(2022, 5, 24), "event": "Request sent to the ICO", "source": "Email to the ICO",
     "quote": ""},
    {"date": D(2022, 7, 21), "event": "ICO refused in part under s31(1) and s40(2)",
     "source": "Refusal notice, page 1", "quote": ""},
    {"date": D(2022, 8, 2), "event": "Internal review requested", "source": "Email to the ICO",
     "quote": ""},
    {"date": D(2022, 8, 30), "event": "Internal review upheld the refusal",
     "source": "Review outcome, page 2", "quote": ""},
]

GROUNDS = [
    "Section 31(1) is wrongly applied: the letter of 8 February 2022 shows the Department's "
    "claim that it assessed the risks before the pilot, and disclosing when the ICO learned of "
    "the pilot cannot prejudice an assessment that began later.",
    "The public interest was misjudged: the first DPIA is dated 15 February 2022, eight days "
    "after collection began on 7 February 2022, which the public has a strong interest in "
    "knowing.",
]


def _authority_letter(ctx: dict, today: dt.date) -> dict:
    ctx["today"] = today
    ctx["signatory"] = dict(_OFFICER)
    ctx["request"]["our_reference"], ctx["request"]["their_reference"] = (
        ctx["request"]["their_reference"], ctx["request"]["our_reference"])
    return ctx


def seed_context(kind: K | str) -> dict:
    """Return the seed case's context for one kind of letter."""
    kind = K(kind)
    ctx = copy.deepcopy(_BASE)
    r = ctx["request"]
    if kind is K.FOI_REQUEST:
        ctx["today"] = D(2022, 5, 24)
        r["preferred_format"] = "electronic copies by email"
    elif kind is K.EIR_REQUEST:
        ctx["today"] = D(2022, 5, 24)
        r["regime"] = "eir"
        r["title"] = "Air quality monitoring near schools in Cardiff"
        r["text"] = "Nitrogen dioxide readings from monitors within 200 metres of a school, 2021."
    elif kind is K.SAR:
        ctx["today"] = D(2022, 5, 24)
        r["regime"] = "sar"
        r["title"] = "My personal data"
        r["text"] = "Copies of all records of my complaints and calls to the ICO since 2019."
        ctx["clocks"]["response_due"] = D(2022, 6, 24)
    elif kind is K.ACKNOWLEDGEMENT:
        _authority_letter(ctx, D(2022, 5, 25))
    elif kind is K.CLARIFICATION_REQUEST:
        _authority_letter(ctx, D(2022, 5, 26))
        ctx["clarification_points"] = [
            "By 'the pupil data pilot', do you mean the Department's attendance data pilot?",
            "Do you want internal ICO emails that discuss the correspondence, or only the "
            "correspondence itself?",
        ]
        ctx["advice"] = "Naming the pilot and keeping the date range will help us answer in time."
    elif kind is K.FEES_NOTICE:
        _authority_letter(ctx, D(2022, 6, 1))
        ctx["fee_amount"] = Decimal("12.40")
        ctx["fee_basis"] = (
            "Printing and posting 124 pages at 10p a page, as you asked for paper copies.")
        ctx["payment_instructions"] = (
            "Send a cheque payable to 'Information Commissioner' to the address above, quoting "
            "our reference.")
        # Three months beginning with 1 June 2022 end on 31 August 2022 (FOIA s9(2)).
        ctx["clocks"]["fees_lapse"] = D(2022, 8, 31)
    elif kind is K.EXTENSION_NOTICE:
        _authority_letter(ctx, D(2022, 6, 23))
        ctx["exemptions"] = [{"code": "s31(1)"}]
        ctx["estimated_decision_date"] = D(2022, 7, 22)
    elif kind is K.REFUSAL_NOTICE:
        _authority_letter(ctx, D(2022, 7, 21))
        ctx["exemptions"] = [dict(_S31), dict(_S40)]
        ctx["withheld"] = (
            "Our emails to the Department of 9 to 28 February 2022, and the names of junior staff.")
        ctx["disclosed_items"] = ["The Department's letter to us of 8 February 2022."]
        ctx["clocks"]["review_request_by"] = D(2022, 9, 20)
    elif kind is K.RESPONSE:
        _authority_letter(ctx, D(2022, 6, 23))
        ctx["disclosed_items"] = ["The Department's letter to us of 8 February 2022.",
                                  "DPIA version 1.0, dated 15 February 2022."]
        ctx["not_held"] = ["The date we received each DPIA version: we do not record it."]
        ctx["clocks"]["review_request_by"] = D(2022, 8, 19)
    elif kind is K.INTERNAL_REVIEW_REQUEST:
        ctx["today"] = D(2022, 8, 2)
        r["responded"] = D(2022, 7, 21)
        ctx["grounds"] = list(GROUNDS)
        ctx["clocks"]["review_due"] = D(2022, 8, 31)
    elif kind is K.INTERNAL_REVIEW_OUTCOME:
        _authority_letter(ctx, D(2022, 8, 30))
        r["responded"], r["review_requested"] = D(2022, 7, 21), D(2022, 8, 2)
        ctx["outcome"] = "upheld"
        ctx["review_findings"] = (
            "The assessment was open when you made your request, and section 31(1) was "
            "correctly applied.\n\nThe public interest still favours withholding the emails.")
        ctx["clocks"]["ico_complaint_by"] = D(2022, 10, 11)
    elif kind is K.CHASER:
        ctx["today"] = D(2022, 6, 28)
    elif kind is K.ICO_COMPLAINT:
        ctx["today"] = D(2022, 9, 20)
        r["responded"], r["review_requested"] = D(2022, 7, 21), D(2022, 8, 2)
        r["review_responded"] = D(2022, 8, 30)
        ctx["grounds"] = list(GROUNDS)
        ctx["chronology"] = copy.deepcopy(CHRONOLOGY)
        ctx["clocks"]["ico_complaint_by"] = D(2022, 10, 11)
    elif kind is K.TRIBUNAL_APPEAL:
        ctx["today"] = D(2023, 4, 5)
        r["responded"], r["review_responded"] = D(2022, 7, 21), D(2022, 8, 30)
        ctx["grounds"] = list(GROUNDS)
        ctx["decision_notice_reference"] = "IC-198765-X2Y3"
        ctx["decision_notice_date"] = D(2023, 3, 14)
        ctx["ico_reference"] = "IC-198765-X2Y3"
        ctx["result_sought"] = (
            "A substituted decision notice requiring the ICO to disclose its emails to the "
            "Department of 9 to 28 February 2022, with junior staff names redacted.")
        ctx["clocks"]["appeal_by"] = D(2023, 4, 11)
    return ctx


@pytest.fixture
def seed():
    """Return ``seed_context``: kind -> the seed case's context for that letter."""
    return seed_context


def docx_text(data: bytes) -> str:
    """Return a .docx's headers, body (tables as '| a | b |' rows) and footers as text."""
    document = Document(io.BytesIO(data))
    out: list[str] = []
    for number, section in enumerate(document.sections, start=1):
        if not section.header.is_linked_to_previous:
            out.append(f"== header {number} ==")
            out += _container_lines(section.header)
    out.append("== body ==")
    out += _container_lines(document)
    for number, section in enumerate(document.sections, start=1):
        if not section.footer.is_linked_to_previous:
            out.append(f"== footer {number} ==")
            out += _container_lines(section.footer)
    return "\n".join(out) + "\n"


def _container_lines(container) -> list[str]:
    lines: list[str] = []
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            lines.append(item.text)
        elif isinstance(item, Table):
            for row in item.rows:
                lines.append("| " + " | ".join(c.text for c in row.cells) + " |")
    return lines


@pytest.fixture
def read_docx():
    """Return ``docx_text``: .docx bytes -> the text a reader sees."""
    return docx_text


@pytest.fixture
def snapshot():
    """Return a checker comparing text to ``snapshots/<name>.txt``; UPDATE_SNAPSHOTS=1 rewrites."""

    def check(name: str, text: str) -> None:
        path = SNAPSHOTS / f"{name}.txt"
        if os.environ.get("UPDATE_SNAPSHOTS") == "1":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.exists():
            pytest.fail(f"No snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 and review it.")
        assert text == path.read_text(encoding="utf-8")

    return check
