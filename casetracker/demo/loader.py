"""Load the demo team, user, authorities, requests, correspondence and documents.

The case is the one told in ``shared/seed-story.txt``. Dates from the public
record: collection began Mon 7 Feb 2022; the email to schools went on Tue 8 Feb
2022; DPIA version 1 is dated Tue 15 Feb 2022. Every other date is illustrative
and labelled so in the documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casetracker.auth.constants import Role
from casetracker.auth.models import User
from casetracker.auth.services import create_user, get_or_create_team
from casetracker.correspondence.constants import CorrespondenceKind as Kind
from casetracker.correspondence.constants import Direction
from casetracker.correspondence.services import record_correspondence
from casetracker.deadlines.constants import Regime
from casetracker.documents.services import ingest_bytes
from casetracker.evidence.demo import seed_demo_evidence
from casetracker.extensions import db
from casetracker.info_requests.constants import Nation, Outcome
from casetracker.info_requests.services import get_or_create_authority, open_request

DEMO_TEAM = "demo"
DEMO_EMAIL = "demo@example.org"
DEMO_PASSWORD = "demo-casetracker"
DOCUMENTS = Path(__file__).parent / "documents"


@dataclass(frozen=True)
class DemoResult:
    created: bool
    email: str
    password: str


def _document(name: str, title: str, dated: date, *, team, info_request):
    data = (DOCUMENTS / name).read_bytes()
    outcome = ingest_bytes(data, name, team=team, info_request=info_request, actor=None)
    # A title a reader of a complaint recognises, rather than a file name; set before the
    # commit so the index gets it too.
    outcome.document.title = title
    outcome.document.document_date = dated
    return outcome.document


def load_demo() -> DemoResult:
    """Create the demo once; a second call finds the demo user and changes nothing."""
    if db.session.scalar(db.select(User).where(User.email == DEMO_EMAIL)):
        return DemoResult(False, DEMO_EMAIL, DEMO_PASSWORD)
    team = get_or_create_team(DEMO_TEAM)
    create_user(DEMO_EMAIL, DEMO_PASSWORD, team=team, role=Role.ADMIN, name="Demo campaigner")
    dfe = get_or_create_authority(
        team, "Department for Education", actor=None, nation=Nation.ENGLAND, default_regime=Regime.FOIA,
        foi_email="foi.requests@education.example.gov.uk", postal_address="Sanctuary Buildings, Great Smith Street, London SW1P 3BT",
    )
    ico = get_or_create_authority(
        team, "Information Commissioner's Office", actor=None, nation=Nation.UK_WIDE, default_regime=Regime.FOIA,
        foi_email="accessicoinformation@ico.example.org.uk", postal_address="Wycliffe House, Water Lane, Wilmslow SK9 5AF",
    )

    # Illustrative: the request to the ICO in May 2022.
    to_ico = open_request(
        team=team, authority=ico, actor=None, title="ICO correspondence with DfE about the daily attendance data collection",
        received_on=date(2022, 5, 24), sent_on=date(2022, 5, 24), regime=Regime.FOIA,
        body=("Please provide all correspondence between the ICO and the Department for Education about the "
              "daily school attendance data collection, and any data protection impact assessment you received, "
              "from 1 January 2022 to the date of this request."),
        requester_name="Demo campaigner", requester_email=DEMO_EMAIL, tags="seed,dpia,attendance",
    )
    record_correspondence(to_ico, actor=None, kind=Kind.REQUEST, direction=Direction.OUTGOING, dated=date(2022, 5, 24),
                          subject="Freedom of Information request - DfE attendance data collection", body=to_ico.body)
    record_correspondence(to_ico, actor=None, kind=Kind.ACKNOWLEDGEMENT, direction=Direction.INCOMING,
                          dated=date(2022, 5, 25), subject="Acknowledgement of your request IC-170001-X7K2")
    letter = _document("ico-disclosure-letter.txt", "ICO response letter (illustrative)", date(2022, 6, 21),
                       team=team, info_request=to_ico)
    email = _document("dfe-email-to-schools-2022-02-08.txt", "DfE email to schools, 8 February 2022",
                      date(2022, 2, 8), team=team, info_request=to_ico)
    dpia = _document("dpia-version-1-cover-page.txt", "DPIA version 1 cover page", date(2022, 2, 15),
                     team=team, info_request=to_ico)
    record_correspondence(
        to_ico, actor=None, kind=Kind.RESPONSE, direction=Direction.INCOMING, dated=date(2022, 6, 21),
        outcome=Outcome.DISCLOSED_IN_PART, subject="Your information request IC-170001-X7K2 - response",
        body="Please find our response attached.", document_ids=[letter.id, email.id, dpia.id],
    )
    to_ico.their_reference = "IC-170001-X7K2"
    # Illustrative: the internal review of the ICO's response.
    record_correspondence(
        to_ico, actor=None, kind=Kind.INTERNAL_REVIEW_REQUEST, direction=Direction.OUTGOING, dated=date(2022, 7, 5),
        subject="Internal review request - IC-170001-X7K2",
        body=("The personal data withheld under section 40(2) includes the names of senior officials acting in "
              "their public role, whose disclosure would be fair.\n\n"
              "The response does not include the ICO's notes of its meetings with the department in February 2022, "
              "which are within the scope of the request."),
    )
    record_correspondence(
        to_ico, actor=None, kind=Kind.INTERNAL_REVIEW_OUTCOME, direction=Direction.INCOMING, dated=date(2022, 8, 2),
        subject="Internal review outcome - IC-170001-X7K2", body="We have reviewed our response and uphold it.",
    )
    to_ico.review_outcome = "Upheld"

    # Illustrative: a request to the DfE for every version of the DPIA, still unanswered.
    to_dfe = open_request(
        team=team, authority=dfe, actor=None, title="Every version of the DPIA for the daily attendance data collection",
        received_on=date(2022, 6, 28), sent_on=date(2022, 6, 27), regime=Regime.FOIA,
        body="Please provide every version of the data protection impact assessment for the daily attendance data collection, with its version history.",
        requester_name="Demo campaigner", requester_email=DEMO_EMAIL, tags="dpia,attendance",
    )
    record_correspondence(to_dfe, actor=None, kind=Kind.REQUEST, direction=Direction.OUTGOING, dated=date(2022, 6, 27),
                          subject="FOI request - DPIA versions, daily attendance data collection", body=to_dfe.body)

    _seed_evidence(to_ico=to_ico, email=email, dpia=dpia, letter=letter)
    db.session.flush()
    return DemoResult(True, DEMO_EMAIL, DEMO_PASSWORD)


def _seed_evidence(**objects) -> None:
    """Add the demo's events, claim and assertion."""
    seed_demo_evidence(**objects)
