"""Which request a message belongs to, what kind it looks like, and which way it went."""

from __future__ import annotations

import pytest

from casetracker.mail.constants import SuggestedKind
from casetracker.mail.matching import (
    KindSuggestion,
    RequestKeys,
    RequestMatch,
    find_matches,
    find_references,
    guess_direction,
    match_request,
    suggest_kind,
)
from casetracker.mail.parsed import ParsedMessage

LIBRARIES = RequestKeys(
    request_id=1,
    our_reference="LIB-2022-01",
    their_reference="FOI/22/0042",
    ico_references=("IC-151664-D5Q4",),
    message_ids=frozenset({"ack-1@council.gov.uk", "request-1@example.org"}),
)
BUS_LANES = RequestKeys(
    request_id=2,
    our_reference="BUS-2022-07",
    their_reference=None,
    ico_references=("FS50123456",),
    message_ids=frozenset({"request-2@example.org"}),
)


def message(subject="", body="", in_reply_to=None, references=()):
    return ParsedMessage(
        message_id="new@council.gov.uk",
        subject=subject,
        date=None,
        sender="",
        sender_address="",
        to=(),
        cc=(),
        in_reply_to=in_reply_to,
        references=tuple(references),
        body_text=body,
        attachments=(),
        problems=(),
    )


def test_find_references_upper_cases_both_styles():
    text = "Your complaint ic-151664-d5q4 (was FS50123456); not IC-1234-ABCD nor XFS501234567."

    assert find_references(text) == {"IC-151664-D5Q4", "FS50123456"}


def test_match_by_ico_reference_in_body():
    found = message("Your complaint", "Case reference: ic-151664-d5q4. We have written to the council.")

    assert match_request(found, [LIBRARIES, BUS_LANES]) == 1
    assert find_matches(found, [LIBRARIES, BUS_LANES]) == (RequestMatch(1, "reference IC-151664-D5Q4"),)


def test_match_by_their_reference_in_subject_as_a_whole_word():
    assert match_request(message("RE: FOI/22/0042 library staffing"), [LIBRARIES, BUS_LANES]) == 1
    assert match_request(message("RE: FOI/22/00421 other request"), [LIBRARIES, BUS_LANES]) is None
    assert match_request(message("RE: BUS-2022-07-A"), [LIBRARIES, BUS_LANES]) is None


def test_match_by_in_reply_to_and_references():
    reply = message("Re: your request", "Thanks.", in_reply_to="request-2@example.org")
    later = message("Re: your request", "Thanks.", references=("unknown@x.org", "ack-1@council.gov.uk"))

    assert match_request(reply, [LIBRARIES, BUS_LANES]) == 2
    assert find_matches(later, [LIBRARIES, BUS_LANES]) == (RequestMatch(1, "reply to <ack-1@council.gov.uk>"),)


def test_message_pointing_at_two_requests_is_ambiguous():
    both = message("LIB-2022-01 and BUS-2022-07", "Two requests in one reply.")
    crossed = message("Re: FS50123456", "", in_reply_to="request-1@example.org")

    assert match_request(both, [LIBRARIES, BUS_LANES]) is None
    assert match_request(crossed, [LIBRARIES, BUS_LANES]) is None
    assert [m.request_id for m in find_matches(both, [LIBRARIES, BUS_LANES])] == [1, 2]


def test_unmatched_message():
    assert match_request(message("Newsletter", "Nothing of interest."), [LIBRARIES, BUS_LANES]) is None


@pytest.mark.parametrize(
    ("subject", "body", "expected"),
    [
        ("Decision notice IC-151664-D5Q4", "", KindSuggestion(SuggestedKind.DECISION_NOTICE, "Decision notice")),
        ("Your complaint", "Please find our decision notice attached. Ref FS50123456.",
         KindSuggestion(SuggestedKind.DECISION_NOTICE, "decision notice")),
        ("Case IC-151664-D5Q4", "", KindSuggestion(SuggestedKind.ICO_CORRESPONDENCE, "IC-151664-D5Q4")),
        ("FOI Internal Review response", "", KindSuggestion(SuggestedKind.INTERNAL_REVIEW_OUTCOME, "Internal Review")),
        (
            "RE: Freedom of Information request",
            "Your request is refused under section 40(2). You may ask for an internal review, "
            "and complain to the Information Commissioner.",
            KindSuggestion(SuggestedKind.REFUSAL_NOTICE, "refused"),
        ),
        ("Re: request", "The names are withheld under s40(2).", KindSuggestion(SuggestedKind.REFUSAL_NOTICE, "s40(2)")),
        (
            "FOI 2022-0042",
            "We acknowledge receipt of your request. Some information may be exempt.",
            KindSuggestion(SuggestedKind.ACKNOWLEDGEMENT, "acknowledge"),
        ),
        ("Re: FOI", "We have received your request and will reply by 11 February 2022.",
         KindSuggestion(SuggestedKind.ACKNOWLEDGEMENT, "We have received your request")),
        (
            "Re: FOI",
            "Please find attached the information. If you are unhappy, ask for an internal review.",
            KindSuggestion(SuggestedKind.RESPONSE, "Please find attached"),
        ),
        ("Out of Office reply", "I am away until Monday.", KindSuggestion(SuggestedKind.OTHER, None)),
    ],
)
def test_suggest_kind_from_first_visible_cue(subject, body, expected):
    assert suggest_kind(subject, body) == expected


@pytest.mark.parametrize(
    ("sender", "expected"),
    [
        ("foi@council.gov.uk", "incoming"),
        ("Officer@Libraries.Council.gov.uk", "incoming"),
        ("campaigns@example.org", "outgoing"),
        ("someone@notcouncil.gov.uk", None),
        ("", None),
    ],
)
def test_guess_direction(sender, expected):
    assert (
        guess_direction(sender, authority_domains={"council.gov.uk"}, team_addresses={"Campaigns@example.org"})
        == expected
    )
