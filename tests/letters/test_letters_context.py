"""A request in the database as a letter's context: case values, computed clocks, typed overrides."""

from __future__ import annotations

from datetime import date

import pytest

from casetracker.correspondence.services import record_correspondence
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.context import build_context, parse_override, parse_value
from casetracker.letters.errors import LetterDataError

D = date
NAME = "Siân O'Brien & Co"


@pytest.fixture
def request_id(make_request):
    return make_request(
        title="Pupil data pilot correspondence", authority="Information Commissioner's Office",
        received=D(2022, 5, 24), sent_on=D(2022, 5, 24), requester_name=NAME,
        requester_email="sian@obrien-co.example", requester_address="14 Heol y Frenhines\nCaerdydd",
        body="All correspondence with the Department for Education about the pilot.",
        their_reference="IC-172854-Q5R8",
    )


def load(app, request_id):
    return db.session.get(InfoRequest, request_id)


def test_context_carries_the_case(app, request_id):
    with app.app_context():
        r = load(app, request_id)
        ctx = build_context(r, "chaser", today=D(2022, 6, 28))
        assert ctx["today"] == D(2022, 6, 28)
        assert ctx["request"] == {
            "our_reference": "CT-2022-0001", "their_reference": "IC-172854-Q5R8",
            "title": "Pupil data pilot correspondence",
            "text": "All correspondence with the Department for Education about the pilot.",
            "regime": "foia", "sent": D(2022, 5, 24), "received": D(2022, 5, 24),
            "responded": None, "review_requested": None, "review_responded": None,
            # 20 working days; 2 and 3 June 2022 were bank holidays.
            "due": D(2022, 6, 23),
        }
        assert ctx["requester"] == {"name": NAME, "email": "sian@obrien-co.example",
                                    "address": "14 Heol y Frenhines\nCaerdydd"}
        assert ctx["authority"]["name"] == "Information Commissioner's Office"
        assert ctx["clocks"] == {"response_due": D(2022, 6, 23)}
        assert "signatory" not in ctx and "chronology" not in ctx


def test_a_refusal_notice_counts_the_review_window_from_its_own_date(app, request_id):
    with app.app_context():
        ctx = build_context(load(app, request_id), "refusal-notice", today=D(2022, 6, 21),
                            signatory="Priya Shah")
        # 40 working days from 21 June 2022, skipping 12 July (NI) and 1 August (Scotland).
        assert ctx["clocks"]["review_request_by"] == D(2022, 8, 18)
        assert ctx["request"]["responded"] is None
        assert ctx["signatory"] == {"name": "Priya Shah"}


def test_recorded_correspondence_gives_the_dates_and_the_later_clocks(app, request_id):
    with app.app_context():
        r = load(app, request_id)
        record_correspondence(r, actor=None, kind="response", direction="incoming", dated=D(2022, 6, 21))
        record_correspondence(r, actor=None, kind="internal-review-request", direction="outgoing",
                              dated=D(2022, 7, 1))
        # A draft moves nothing.
        record_correspondence(r, actor=None, kind="internal-review-outcome", direction="incoming",
                              dated=None, state="draft")
        r.ico_reference = "IC-198765-X2Y3"
        db.session.flush()
        ctx = build_context(r, "ico-complaint", today=D(2022, 9, 20))
        assert ctx["request"]["responded"] == D(2022, 6, 21)
        assert ctx["request"]["review_requested"] == D(2022, 7, 1)
        assert ctx["request"]["review_responded"] is None
        assert ctx["clocks"] == {
            "response_due": D(2022, 6, 23), "review_request_by": D(2022, 8, 18),
            "review_due": D(2022, 8, 2), "review_limit": D(2022, 8, 31),
        }
        assert ctx["ico_reference"] == "IC-198765-X2Y3"
        # No evidence events yet: the chronology is the correspondence that moved the clocks (not the draft).
        assert ctx["chronology"] == [
            {"date": "21 June 2022", "event": "Response (incoming)", "source": "Correspondence", "quote": ""},
            {"date": "1 July 2022", "event": "Internal review request (outgoing)", "source": "Correspondence",
             "quote": ""},
        ]


def test_typed_dates_move_the_clocks_and_overrides_win(app, request_id):
    with app.app_context():
        ctx = build_context(load(app, request_id), "internal-review-outcome", today=D(2022, 8, 30),
                            overrides={"request.responded": D(2022, 6, 21),
                                       "request.review_requested": D(2022, 7, 1),
                                       "requester.name": "Jo Bloggs", "outcome": "upheld"})
        assert ctx["requester"]["name"] == "Jo Bloggs"
        assert ctx["outcome"] == "upheld"
        assert ctx["clocks"]["review_due"] == D(2022, 8, 2)
        # The outcome letter is the final response: six weeks from its date.
        assert ctx["clocks"]["ico_complaint_by"] == D(2022, 10, 11)


def test_fees_and_extension_dates_are_counted(app, request_id):
    with app.app_context():
        r = load(app, request_id)
        fees = build_context(r, "fees-notice", today=D(2022, 6, 1))
        # Issue 15: FOIA s9(2) gives "three months beginning with" 1 June 2022, so 1 June is day 1
        # and the last day to pay is 31 August 2022 (main said 1 September, a day late).
        assert fees["clocks"]["fees_lapse"] == D(2022, 8, 31)
        extension = build_context(r, "extension-notice", today=D(2022, 6, 20))
        # 40 working days from 24 May 2022 (s10(3) with the ICO's 20 further days).
        assert extension["estimated_decision_date"] == D(2022, 7, 22)
        assert extension["clocks"]["response_due"] == D(2022, 7, 22)


def test_unknown_and_computed_override_names_are_refused(app, request_id):
    with app.app_context():
        with pytest.raises(LetterDataError) as caught:
            build_context(load(app, request_id), "chaser", today=D(2022, 6, 28),
                          overrides={"request.nonsense": "x", "rights_paragraph": "y", "exemptions": []})
    assert caught.value.errors == {
        "request.nonsense": "This is not a field of a chaser for an overdue response; "
                            "`flask letters kinds` lists the fields.",
        "rights_paragraph": "This is filled in by the letter itself and cannot be set.",
        "exemptions": "This is not a field of a chaser for an overdue response; "
                      "`flask letters kinds` lists the fields.",
    }


@pytest.mark.parametrize("setting,expected", [
    ("today=2022-09-20", ("today", D(2022, 9, 20))),
    ("requester.name=Siân O'Brien & Co", ("requester.name", NAME)),
    ('grounds=["Late", "s31 misapplied"]', ("grounds", ["Late", "s31 misapplied"])),
    ("ncnd=true", ("ncnd", True)),
    ("fee_amount=12.40", ("fee_amount", "12.40")),
    ('chronology=[{"date": "2022-02-07", "event": "Began"}]',
     ("chronology", [{"date": D(2022, 2, 7), "event": "Began"}])),
    ("withheld=a=b", ("withheld", "a=b")),
])
def test_parse_override(setting, expected):
    assert parse_override(setting) == expected


@pytest.mark.parametrize("setting,field,message", [
    ("today=2022-02-30", "today", "2022-02-30 is not a real date."),
    ("grounds=[1", "grounds", "This is not valid JSON: Expecting ',' delimiter at character 3."),
    ("requester.name", "requester.name",
     "Write a setting as FIELD=VALUE, e.g. requester.name=Jo Bloggs."),
])
def test_parse_override_errors_name_the_field(setting, field, message):
    with pytest.raises(LetterDataError) as caught:
        parse_override(setting)
    assert caught.value.errors == {field: message}


def test_parse_value_leaves_plain_text_alone():
    assert parse_value("  Dear team  ") == "  Dear team  "
