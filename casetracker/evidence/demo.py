"""The seed case's chronology: three dated events, the DPIA claim, and the assertion the dates contradict.

Dates from the public record: collection began Mon 7 Feb 2022; the email to
schools went on Tue 8 Feb 2022; DPIA version 1 is dated Tue 15 Feb 2022. Every
quote is exact text of the demo's own documents (``casetracker/demo/documents``).
"""

from __future__ import annotations

from datetime import date

from casetracker.documents.models import Document
from casetracker.evidence.constants import AssertionEffect, Relation, Stance
from casetracker.evidence.fuzzy_dates import FuzzyDate
from casetracker.evidence.services import add_assertion, link_evidence, record_claim, record_event
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import get_or_create_authority

COLLECTION_BEGAN = "Daily attendance data collection began"
EMAIL_TO_SCHOOLS = "DfE email to schools says it is working closely with the ICO"
DPIA_DATED = "DPIA version 1 dated"
CLAIM = "DfE carried out a DPIA as part of the preparation for the pilot"
ASSERTION = "DPIA dated on or before the collection began"
ICO_RECEIVED_DPIA = "ICO received the DPIA from the department"
EMAIL_CLAIM = "DfE has been working closely with the ICO on the DPIA for this collection"
EMAIL_ASSERTION = "ICO received the DPIA about a week after the collection began"


def seed_demo_evidence(*, to_ico: InfoRequest, email: Document, dpia: Document, letter: Document) -> None:
    """Add the seed case's events, claim and assertion to the request to the ICO (actor: the system).

    The assertion evaluates to contradicted, the DPIA dated 8 days after the
    collection began, so the claim shows contradicted.
    """
    began = record_event(to_ico, actor=None, title=COLLECTION_BEGAN, date=FuzzyDate(2022, 2, 7))
    # The email breaks the line inside the quote ("began on\n7 February 2022").
    link_evidence(email, 1, "began on 7 February 2022", Stance.SUPPORTS, actor=None, event=began,
                  note="The department's own email gives the start of the pilot.")
    emailed = record_event(to_ico, actor=None, title=EMAIL_TO_SCHOOLS, date=FuzzyDate(2022, 2, 8))
    link_evidence(email, 1, "working closely with the ICO", Stance.SUPPORTS, actor=None, event=emailed)
    dpia_dated = record_event(to_ico, actor=None, title=DPIA_DATED, date=FuzzyDate(2022, 2, 15))
    link_evidence(dpia, 1, "Version 1 dated 15 February 2022", Stance.SUPPORTS, actor=None, event=dpia_dated)

    dfe = get_or_create_authority(to_ico.team, "Department for Education", actor=None)
    claim = record_claim(to_ico, actor=None, text=CLAIM, made_by_authority=dfe)
    link_evidence(letter, 1, "Processing commenced before the assessment was finalised.", Stance.CONTRADICTS,
                  actor=None, claim=claim, note="The ICO's own account of the order of events.")
    add_assertion(to_ico, actor=None, title=ASSERTION, first_event=dpia_dated, relation=Relation.ON_OR_BEFORE,
                  second_event=began, claim=claim)

    # The email's claim, and the ICO's own statement that it got the DPIA a week after collection began:
    # an assertion that holds ("about 7 days after", give or take 2) and so contradicts the claim.
    received = record_event(to_ico, actor=None, title=ICO_RECEIVED_DPIA, date=FuzzyDate(2022, 2, 14))
    link_evidence(letter, 1, "a week after the collection began", Stance.SUPPORTS, actor=None, event=received,
                  note="The ICO's statement of when the department shared the assessment.")
    email_claim = record_claim(to_ico, actor=None, text=EMAIL_CLAIM, made_by_authority=dfe,
                               made_on=date(2022, 2, 8), recorded_in_document=email, recorded_in_page=1)
    link_evidence(email, 1, "working closely with the ICO", Stance.CONTEXT, actor=None, claim=email_claim,
                  note="Where the department made the claim, to schools, the day after collection began.")
    add_assertion(to_ico, actor=None, title=EMAIL_ASSERTION, first_event=received,
                  relation=Relation.ABOUT_DAYS_AFTER, n=7, second_event=began, claim=email_claim,
                  effect=AssertionEffect.CONTRADICTS)
