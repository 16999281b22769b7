"""``flask evidence check`` and ``flask evidence link``, on the demo case and on a test case."""

from __future__ import annotations

import json

import pytest

from casetracker.audit.models import AuditEvent
from casetracker.evidence.models import Claim, EvidencePassage
from casetracker.extensions import db

DEMO_SOURCES = [
    'DPIA version 1 cover page, p. 1: "Version 1 dated 15 February 2022"',
    'DfE email to schools, 8 February 2022, p. 1: "began on 7 February 2022"',
]


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output


def test_after_the_demo_check_finds_the_dpia_dated_8_days_after_collection_began(runner, demo):
    result = runner.invoke(args=["evidence", "check", "CT-2022-0001", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{
        "assertion": "DPIA dated on or before the collection began",
        "verdict": "contradicted",
        "gap_days": 8,
        "sources": DEMO_SOURCES,
    }, {
        # Issue 15: the ICO's statement that the DPIA was shared a week after collection began.
        "assertion": "ICO received the DPIA about a week after the collection began",
        "verdict": "holds",
        "gap_days": 7,
        "sources": ['ICO response letter (illustrative), p. 1: "a week after the collection began"',
                    DEMO_SOURCES[1]],
    }]


def test_the_demo_claim_shows_contradicted(app, demo):
    with app.app_context():
        claim, email_claim = db.session.scalars(db.select(Claim).order_by(Claim.id))
        assert claim.text == "DfE carried out a DPIA as part of the preparation for the pilot"
        assert claim.maker == "Department for Education"
        assert claim.status == "contradicted"
        # Issue 15: the email's "working closely with the ICO" is a claim, contradicted by an assertion
        # that holds: the ICO received the DPIA 7 days (about a week, give or take 2) after collection began.
        assert email_claim.text == "DfE has been working closely with the ICO on the DPIA for this collection"
        assert [(a.verdict, a.effect) for a in email_claim.assertions] == [("holds", "contradicts")]
        assert email_claim.status == "contradicted"


def test_check_without_json_prints_a_line_per_assertion(runner, demo):
    result = runner.invoke(args=["evidence", "check", "ct-2022-0001"])
    assert result.exit_code == 0
    assert result.stdout == (
        "CONTRADICTED (+8 days): DPIA dated on or before the collection began. DPIA version 1 dated "
        "(15 February 2022) is 8 days after Daily attendance data collection began (7 February 2022), "
        "not on or before it.\n"
        "HOLDS (+7 days): ICO received the DPIA about a week after the collection began. ICO received the DPIA "
        "from the department (14 February 2022) is 7 days after Daily attendance data collection began "
        "(7 February 2022), so it is about 7 days (give or take 2) after it.\n"
    )


def test_check_a_request_without_assertions(runner, case):
    result = runner.invoke(args=["evidence", "check", case.reference, "--json"])
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    result = runner.invoke(args=["evidence", "check", case.reference])
    assert result.stdout == f"{case.reference} has no assertions.\n"


def test_check_an_unknown_request_is_a_one_line_error(runner, case):
    result = runner.invoke(args=["evidence", "check", "CT-1999-0042"])
    assert result.exit_code == 2
    assert result.stderr == "Error: There is no request 'CT-1999-0042'.\n"


def test_link_saves_a_quote_found_on_the_page(app, runner, case):
    result = runner.invoke(args=[
        "evidence", "link", case.reference, "--document", str(case.dpia), "--page", "1",
        "--quote", "Version 1 dated 15 February 2022", "--stance", "supports",
    ])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        'Evidence 1 linked (supports): dpia-version-1-cover-page.txt, p. 1: "Version 1 dated 15 February 2022"\n'
    )
    with app.app_context():
        passage = db.session.get(EvidencePassage, 1)
        assert (passage.request_id, passage.document_id, passage.page, passage.stance, passage.linked_by_id) == (
            case.request_id, case.dpia, 1, "supports", None)


def test_link_to_a_claim(app, runner, case):
    from casetracker.evidence.services import record_claim
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        claim = record_claim(db.session.get(InfoRequest, case.request_id), actor=None,
                             text="The ICO was consulted before the pilot began.")
        db.session.commit()
        claim_id = claim.id
    result = runner.invoke(args=[
        "evidence", "link", case.reference, "--document", str(case.letter), "--page", "1", "--stance", "contradicts",
        "--quote", "Processing commenced before the assessment was finalised.", "--claim", str(claim_id),
    ])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.get(Claim, claim_id).status == "contradicted"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--document", "{dpia}", "--page", "1", "--quote", "assessed the risks before the pilot"],
         'Error: The quote "assessed the risks before the pilot" does not appear on page 1 of '
         '"dpia-version-1-cover-page.txt".\n'),
        (["--document", "{dpia}", "--page", "1", "--quote", "working closely with the ICO"],
         'Error: The quote "working closely with the ICO" does not appear on page 1 of '
         '"dpia-version-1-cover-page.txt".\n'),
        (["--document", "{dpia}", "--page", "3", "--quote", "Version 1"],
         'Error: "dpia-version-1-cover-page.txt" has no page 3: it has 1.\n'),
        (["--document", "999", "--page", "1", "--quote", "Version 1"],
         "Error: There is no document 999 in the team of {reference}.\n"),
        (["--document", "{dpia}", "--page", "1", "--quote", "Version 1", "--claim", "77"],
         "Error: There is no claim 77 on {reference}.\n"),
    ],
)
def test_link_refuses_with_one_line_and_saves_nothing(app, runner, case, args, message):
    before = count(app, AuditEvent)
    filled = [a.format(dpia=case.dpia) for a in args]
    result = runner.invoke(args=["evidence", "link", case.reference, "--stance", "supports", *filled])
    assert result.exit_code == 2
    assert result.stderr == message.format(reference=case.reference)
    assert result.stdout == ""
    assert count(app, EvidencePassage) == 0
    assert count(app, AuditEvent) == before


def test_link_refuses_another_team_s_document(app, runner, case, make_request):
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    theirs = make_request(title="Beta's request", team="beta")
    with app.app_context():
        r = db.session.get(InfoRequest, theirs)
        doc = ingest_bytes(b"Version 1 dated 15 February 2022", "beta.txt", team=r.team, info_request=r,
                           actor=None).document
        db.session.commit()
        doc_id = doc.id
    result = runner.invoke(args=["evidence", "link", case.reference, "--document", str(doc_id), "--page", "1",
                                 "--quote", "Version 1", "--stance", "context"])
    assert result.exit_code == 2
    assert count(app, EvidencePassage) == 0
