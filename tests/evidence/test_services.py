"""Claims, evidence, events and assertions through the services, on a real database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casetracker.audit.models import AuditEvent
from casetracker.auth.models import Team, User
from casetracker.documents.models import Document
from casetracker.evidence.chronology import chronology, date_suggestions, suggestion_to_event
from casetracker.evidence.constants import ClaimStatus, Relation, Stance
from casetracker.evidence.fuzzy_dates import FuzzyDate
from casetracker.evidence.models import Assertion, Claim, EvidencePassage, Event
from casetracker.evidence.services import (
    EvidenceError,
    QuoteNotFound,
    add_assertion,
    change_event_date,
    evaluate_assertions,
    link_evidence,
    parse_event_date,
    record_claim,
    record_event,
)
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.info_requests.services import get_or_create_authority

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def audit_actions() -> list[str]:
    return list(db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.fixture
def load(case, ctx, actors):
    """Return a loader of the case's objects by name, inside the app context."""

    def get(name):
        if name == "request":
            return db.session.get(InfoRequest, case.request_id)
        if name == "editor":
            return db.session.get(User, actors.ids["editor"])
        return db.session.get(Document, getattr(case, name))

    return get


@pytest.fixture
def others(case, make_request):
    """Return ids of two more requests in team alpha: one open, one private to nobody in particular."""
    return make_request(title="Another request"), make_request(title="Private", visibility="private")


def seed_events(load):
    """Record the seed case's collection-began and DPIA events; return them."""
    r, editor = load("request"), load("editor")
    began = record_event(r, actor=editor, title="Daily attendance data collection began", date=FuzzyDate(2022, 2, 7))
    dpia = record_event(r, actor=editor, title="DPIA version 1 dated", date=FuzzyDate(2022, 2, 15))
    return began, dpia


def test_link_evidence_keeps_the_quote_and_its_offsets_in_the_page_text(load):
    email, editor = load("email"), load("editor")
    began, _ = seed_events(load)
    passage = link_evidence(email, 1, "began on 7 February 2022", Stance.SUPPORTS, actor=editor, event=began,
                            note="The department's own words.")
    db.session.commit()

    stored = db.session.get(EvidencePassage, passage.id)
    page_text = email.pages[0].text
    assert page_text[stored.start:stored.end] == "began on\n7 February 2022"
    assert (stored.quote, stored.page, stored.stance, stored.event_id) == (
        "began on 7 February 2022", 1, "supports", began.id)
    assert (stored.request_id, stored.team_id, stored.linked_by_id) == (
        email.request_id, email.team_id, editor.id)
    assert stored.citation == 'dfe-email-to-schools-2022-02-08.txt, p. 1: "began on 7 February 2022"'
    assert audit_actions()[-1] == "evidence.linked"


def test_a_quote_not_on_the_cited_page_is_refused_and_nothing_is_saved(load):
    dpia, editor = load("dpia"), load("editor")
    before_audit = count(AuditEvent)
    with pytest.raises(QuoteNotFound) as caught:
        link_evidence(dpia, 1, "assessed the risks as part of the preparation for the pilot", "supports",
                      actor=editor)
    db.session.commit()
    assert str(caught.value) == (
        'The quote "assessed the risks as part of the preparation for the pilot" does not appear '
        'on page 1 of "dpia-version-1-cover-page.txt".'
    )
    assert count(EvidencePassage) == 0
    assert count(AuditEvent) == before_audit


def test_a_quote_from_another_page_of_the_same_request_is_refused(load):
    # The words are in the email, not in the DPIA the user cited.
    with pytest.raises(QuoteNotFound):
        link_evidence(load("dpia"), 1, "working closely with the ICO", "supports", actor=load("editor"))


def test_a_page_the_document_lacks_is_refused(load):
    with pytest.raises(EvidenceError) as caught:
        link_evidence(load("dpia"), 2, "Version 1", "context", actor=load("editor"))
    assert str(caught.value) == '"dpia-version-1-cover-page.txt" has no page 2: it has 1.'
    assert caught.value.field == "page"


def test_an_unknown_stance_is_refused(load):
    with pytest.raises(EvidenceError) as caught:
        link_evidence(load("dpia"), 1, "Version 1", "agrees", actor=load("editor"))
    assert caught.value.field == "stance"


def test_changing_an_event_date_re_evaluates_its_assertions_at_once(load):
    r, editor = load("request"), load("editor")
    began, dpia = seed_events(load)
    emailed = record_event(r, actor=editor, title="Email to schools", date=FuzzyDate(2022, 2, 8))
    on_or_before = add_assertion(r, actor=editor, title="DPIA before collection", first_event=dpia,
                                 relation=Relation.ON_OR_BEFORE, second_event=began)
    email_after = add_assertion(r, actor=editor, title="Email after collection", first_event=emailed,
                                relation="after", second_event=began)
    db.session.commit()
    assert (on_or_before.verdict, on_or_before.gap_days) == ("contradicted", 8)
    untouched_at = email_after.evaluated_at

    checked = change_event_date(dpia, FuzzyDate(2022, 2, 1), actor=editor)
    assert [a.id for a in checked] == [on_or_before.id]
    db.session.commit()
    db.session.expire_all()

    stored = db.session.get(Assertion, on_or_before.id)
    assert (stored.verdict, stored.gap_days) == ("holds", -6)
    assert stored.explanation == (
        "DPIA version 1 dated (1 February 2022) is 6 days before Daily attendance data collection began "
        "(7 February 2022), so it is on or before it."
    )
    assert db.session.get(Assertion, email_after.id).evaluated_at == untouched_at
    assert db.session.get(Event, dpia.id).date == "2022-02-01"
    assert db.session.get(Event, dpia.id).date_earliest == date(2022, 2, 1)

    # Moving the collection date touches both assertions; 1 February is on or
    # before every day of February, but 8 February is not after every one.
    checked = change_event_date(began, FuzzyDate(2022, 2), actor=editor)
    assert [(a.title, a.verdict, a.gap_days) for a in checked] == [
        ("DPIA before collection", "holds", None),
        ("Email after collection", "unknown", None),
    ]
    checked = change_event_date(began, None, actor=editor)
    assert checked[0].explanation == (
        "Whether DPIA version 1 dated is on or before Daily attendance data collection began is unknown: "
        "Daily attendance data collection began has no date yet."
    )
    db.session.commit()
    assert audit_actions()[-1] == "event.date_changed"


def test_a_contradicted_assertion_makes_its_claim_contradicted(load):
    r, editor, letter, dpia_doc = load("request"), load("editor"), load("letter"), load("dpia")
    began, dpia = seed_events(load)
    dfe = get_or_create_authority(r.team, "Department for Education", actor=None)
    claim = record_claim(r, actor=editor, text="DfE carried out a DPIA as part of the preparation for the pilot",
                         made_by_authority=dfe, recorded_in_document=dpia_doc, recorded_in_page=1)
    assert claim.status is ClaimStatus.UNVERIFIED
    assert claim.maker == "Department for Education"

    link_evidence(dpia_doc, 1, "Document version: 1", "supports", actor=editor, claim=claim)
    assert claim.status is ClaimStatus.SUPPORTED

    add_assertion(r, actor=editor, title="DPIA dated on or before the collection began", first_event=dpia,
                  relation="on-or-before", second_event=began, claim=claim)
    assert claim.status is ClaimStatus.DISPUTED
    db.session.commit()
    db.session.expire_all()

    link_evidence(letter, 1, "Processing commenced before the assessment was finalised.", "contradicts",
                  actor=editor, claim=db.session.get(Claim, claim.id))
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Claim, claim.id).status is ClaimStatus.DISPUTED

    change_event_date(db.session.get(Event, dpia.id), FuzzyDate(2022, 2, 4), actor=editor)
    db.session.commit()
    db.session.expire_all()
    # The dates now agree; the evidence still points both ways.
    assert db.session.get(Claim, claim.id).status is ClaimStatus.DISPUTED
    assert [a.verdict for a in db.session.get(Claim, claim.id).assertions] == ["holds"]


def test_claims_are_refused_without_text_or_with_another_team_s_authority(load):
    r = load("request")
    with pytest.raises(EvidenceError) as caught:
        record_claim(r, actor=None, text="   ")
    assert (str(caught.value), caught.value.field) == ("Write the claim as it was made.", "text")
    beta = db.session.scalar(db.select(Team).where(Team.name == "beta"))
    theirs = get_or_create_authority(beta, "Department for Education", actor=None)
    with pytest.raises(EvidenceError) as caught:
        record_claim(r, actor=None, text="We consulted the ICO.", made_by_authority=theirs)
    assert caught.value.field == "made_by_authority_id"
    assert count(Claim) == 0


def test_within_working_days_counts_an_admin_added_non_working_day(load):
    from casetracker.deadlines.services import add_extra_day

    r = load("request")
    received = record_event(r, actor=None, title="Request received", date=FuzzyDate(2022, 2, 28))
    answered = record_event(r, actor=None, title="Response sent", date=FuzzyDate(2022, 3, 2))
    assertion = add_assertion(r, actor=None, title="Answered next working day", first_event=answered,
                              relation=Relation.WITHIN_WORKING_DAYS, n=1, second_event=received)
    assert (assertion.verdict, assertion.gap_days) == ("contradicted", 2)

    add_extra_day(date(2022, 3, 1), "Office closure proclaimed", "uk", actor=None)
    (rechecked,) = evaluate_assertions(r)
    assert (rechecked.verdict, rechecked.gap_days) == ("holds", 1)
    assert audit_actions()[-1] == "assertions.evaluated"


def test_scottish_calendar_counts_st_patricks_day_as_a_working_day(load):
    r = load("request")
    received = record_event(r, actor=None, title="Request received", date=FuzzyDate(2022, 3, 16))
    answered = record_event(r, actor=None, title="Response sent", date=FuzzyDate(2022, 3, 18))
    uk = add_assertion(r, actor=None, title="UK", first_event=answered, relation="within-working-days", n=1,
                       second_event=received)
    scotland = add_assertion(r, actor=None, title="Scotland", first_event=answered, relation="within-working-days",
                             n=1, second_event=received, calendar="scotland")
    assert (uk.verdict, uk.gap_days) == ("holds", 1)
    assert (scotland.verdict, scotland.gap_days) == ("contradicted", 2)


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"relation": "within-calendar-days"}, "n",
         'Say how many days "within-calendar-days" allows: a whole number, 0 or more.'),
        ({"relation": "before", "same": True}, "second_event_id", "Choose two different events."),
        ({"relation": "before", "title": " "}, "title", "Give the assertion a title."),
    ],
)
def test_assertions_that_cannot_be_checked_are_refused_and_not_saved(load, kwargs, field, message):
    r = load("request")
    began, dpia = seed_events(load)
    claim = record_claim(r, actor=None, text="A claim")
    second = dpia if kwargs.pop("same", False) else began
    with pytest.raises(EvidenceError) as caught:
        add_assertion(r, actor=None, title=kwargs.pop("title", "An order"), first_event=dpia, second_event=second,
                      claim=claim, **kwargs)
    assert (caught.value.field, str(caught.value)) == (field, message)
    db.session.commit()
    assert count(Assertion) == 0
    assert claim.assertions == []


def test_an_event_of_another_request_cannot_be_asserted_on(others, load):
    r = load("request")
    began, _ = seed_events(load)
    other = db.session.get(InfoRequest, others[0])
    theirs = record_event(other, actor=None, title="Elsewhere", date=FuzzyDate(2022, 1, 1))
    with pytest.raises(EvidenceError) as caught:
        add_assertion(r, actor=None, title="Mixed", first_event=theirs, relation="before", second_event=began)
    assert caught.value.field == "first_event_id"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("2022-02-15", FuzzyDate(2022, 2, 15)),
        ("2022-02", FuzzyDate(2022, 2)),
        ("2022", FuzzyDate(2022)),
        ("15 February 2022", FuzzyDate(2022, 2, 15)),
        ("15th Feb 2022", FuzzyDate(2022, 2, 15)),
        ("02/03/2022", FuzzyDate(2022, 3, 2)),
        ("  July   2022 ", FuzzyDate(2022, 7)),
        ("", None),
        ("   ", None),
    ],
)
def test_event_dates_are_read_in_uk_forms_without_inventing_a_day(typed, read):
    assert parse_event_date(typed) == read


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2022-02-30", "February 2022 has no day 30."),
        ("31 February 2022", 'Cannot read "31 February 2022" as a date: write 15 February 2022, '
                             "February 2022, 2022-02-15 or 2022."),
        ("next Tuesday", 'Cannot read "next Tuesday" as a date: write 15 February 2022, '
                         "February 2022, 2022-02-15 or 2022."),
        ("7 and 8 February 2022", 'Cannot read "7 and 8 February 2022" as a date: write 15 February 2022, '
                                  "February 2022, 2022-02-15 or 2022."),
    ],
)
def test_unreadable_event_dates_are_refused(typed, message):
    with pytest.raises(EvidenceError) as caught:
        parse_event_date(typed)
    assert (str(caught.value), caught.value.field) == (message, "date")


def test_date_suggestions_give_each_date_with_its_sentence_and_page(load):
    assert [(s.page, s.date, s.text, s.sentence) for s in date_suggestions(load("email"))] == [
        (1, FuzzyDate(2022, 2, 8), "Tuesday 8 February 2022",
         "From: Department for Education <attendance.pilot@education.example.gov.uk> To: Participating schools "
         "Date: Tuesday 8 February 2022 Subject: Daily attendance data pilot - information for schools"),
        (1, FuzzyDate(2022, 2, 7), "7 February 2022",
         "Thank you for taking part in the daily attendance data pilot, which began on 7 February 2022."),
    ]


def test_date_suggestions_read_a_date_without_year_in_the_document_s_year(load, app):
    from casetracker.documents.services import ingest_bytes

    r = load("request")
    text = b"Minutes of 9 March 2022.\n\nThe board noted that collection began on 7 February and ran into March 2022."
    document = ingest_bytes(text, "minutes.txt", team=r.team, info_request=r, actor=None).document
    # The minutes bear their date, so the document is dated 9 March 2022 (casetracker.dates.own_date).
    assert (document.document_date, document.date_source) == (date(2022, 3, 9), "first page")
    document.document_date = None
    assert [s.date for s in date_suggestions(document)] == [FuzzyDate(2022, 3, 9), FuzzyDate(2022, 3)]
    document.document_date = date(2022, 3, 9)
    assert [(s.date, s.text) for s in date_suggestions(document)] == [
        (FuzzyDate(2022, 3, 9), "9 March 2022"),
        (FuzzyDate(2022, 2, 7), "7 February"),
        (FuzzyDate(2022, 3), "March 2022"),
    ]


def test_a_suggestion_becomes_an_event_backed_by_its_sentence(load):
    email, editor = load("email"), load("editor")
    start = next(s.start for s in date_suggestions(email) if s.text == "7 February 2022")
    event = suggestion_to_event(email, 1, start, actor=editor)
    db.session.commit()

    stored = db.session.get(Event, event.id)
    assert (stored.title, stored.date, stored.date_text) == (
        "Thank you for taking part in the daily attendance data pilot, which began on 7 February 2022.",
        "2022-02-07", "7 February 2022",
    )
    (passage,) = stored.evidence
    assert (passage.quote, passage.stance, passage.document_id) == (stored.title, "supports", email.id)
    named = suggestion_to_event(email, 1, start, actor=editor, title="Collection began")
    assert (named.title, named.date) == ("Collection began", "2022-02-07")

    with pytest.raises(EvidenceError) as caught:
        suggestion_to_event(email, 1, start + 1, actor=editor)
    assert str(caught.value) == "That date is no longer found on the page; reload the suggestions."


def test_the_chronology_lists_events_by_date_with_unknown_dates_last(others, load):
    r = load("request")
    record_event(r, actor=None, title="Undated meeting", date=None)
    record_event(r, actor=None, title="DPIA version 1 dated", date=FuzzyDate(2022, 2, 15))
    record_event(r, actor=None, title="Pilot announced", date=FuzzyDate(2022, 1))
    record_event(r, actor=None, title="Collection began", date=FuzzyDate(2022, 2, 7))
    private = db.session.get(InfoRequest, others[1])
    record_event(private, actor=None, title="Private event", date=FuzzyDate(2021, 1, 1))

    assert [(e.date_text, e.title) for e in chronology(r.id).events] == [
        ("January 2022", "Pilot announced"),
        ("7 February 2022", "Collection began"),
        ("15 February 2022", "DPIA version 1 dated"),
        ("Date not known", "Undated meeting"),
    ]
    team = chronology(team_id=r.team_id)
    assert [e.title for e in team.events][0] == "Private event"
    assert team.references[private.id] == private.reference
    visible_only = chronology(team_id=r.team_id, request_ids=[r.id])
    assert "Private event" not in [e.title for e in visible_only.events]
    with pytest.raises(ValueError):
        chronology()


def test_quotes_are_checked_against_a_real_pdf_text_layer(load):
    from casetracker.documents.services import ingest_bytes

    path = SHARED_DATA / "ingest-file" / "106972554.pdf"
    if not path.exists():
        pytest.skip(f"shared test file missing: {path}")
    r = load("request")
    document = ingest_bytes(path.read_bytes(), path.name, team=r.team, info_request=r, actor=None).document
    passage = link_evidence(document, 1, "Date of Judgment: 04-March-2020", "context", actor=None)
    assert passage.quote == "Date of Judgment: 04-March-2020"
    # No-break spaces are folded to spaces at extraction (quality.normalise_text); soft hyphens stay.
    assert document.pages[0].text[passage.start:passage.end] == "Date of Judgment: 04\u00adMarch\u00ad2020"
    with pytest.raises(QuoteNotFound):
        link_evidence(document, 1, "Date of Judgment: 05 March 2020", "context", actor=None)
