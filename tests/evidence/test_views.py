"""The evidence pages as an editor uses them: forms, refusals, the chronology and its exports."""

from __future__ import annotations

import io
import re
from html import unescape

import docx
import pytest

from casetracker.evidence.models import Assertion, Claim, EvidencePassage, Event
from casetracker.extensions import db


def rows(app, model, *where):
    with app.app_context():
        return list(db.session.scalars(db.select(model).where(*where).order_by(model.id)))


@pytest.fixture
def editor(auth, case):
    auth.login("editor")
    return auth


@pytest.fixture
def demo_case(app, case):
    """Seed the demo chronology on the case's request."""
    from casetracker.documents.models import Document
    from casetracker.evidence.demo import seed_demo_evidence
    from casetracker.info_requests.models import InfoRequest

    with app.app_context():
        load = lambda key: db.session.get(Document, getattr(case, key))  # noqa: E731
        seed_demo_evidence(to_ico=db.session.get(InfoRequest, case.request_id), email=load("email"),
                           dpia=load("dpia"), letter=load("letter"))
        db.session.commit()
    return case


def test_a_document_page_offers_use_as_evidence_to_editors_only(auth, case):
    url = f"/documents/{case.dpia}"
    auth.login("viewer")
    assert "Use as evidence" not in auth.get(url).get_data(as_text=True)
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("editor")
    page = auth.get(url).get_data(as_text=True)
    assert f'action="/documents/{case.dpia}/pages/1/evidence"' in page
    assert 'name="quote"' in page and 'name="stance"' in page and 'name="claim_id"' in page


def test_a_quote_not_on_the_page_is_refused_with_its_message_and_nothing_saved(app, editor, case):
    response = editor.post(f"/documents/{case.dpia}/pages/1/evidence",
                           {"quote": "assessed the risks as part of the preparation", "stance": "supports"})
    assert response.status_code == 422
    assert ('The quote "assessed the risks as part of the preparation" does not appear on page 1 of '
            '"dpia-version-1-cover-page.txt".') in unescape(response.get_data(as_text=True))
    assert rows(app, EvidencePassage) == []


def test_a_quote_on_the_page_is_linked_to_a_claim(app, editor, case):
    editor.post(f"/requests/{case.request_id}/claims/new", {"text": "The DPIA was done before the pilot."})
    (claim,) = rows(app, Claim)
    response = editor.post(f"/documents/{case.letter}/pages/1/evidence", {
        "quote": "Processing commenced before the\nassessment was finalised.", "stance": "contradicts",
        "claim_id": str(claim.id), "event_id": "0", "note": "The ICO says so.",
    })
    assert response.status_code == 302
    assert response.headers["Location"] == f"/documents/{case.letter}#page-1"
    (passage,) = rows(app, EvidencePassage)
    assert (passage.quote, passage.claim_id, passage.note, passage.stance) == (
        "Processing commenced before the assessment was finalised.", claim.id, "The ICO says so.", "contradicts")
    with app.app_context():
        assert db.session.get(Claim, claim.id).status == "contradicted"


def test_a_search_hit_leads_to_the_page_and_its_evidence_form(editor, case):
    results = editor.get("/search?q=%22working+closely%22").get_data(as_text=True)
    links = re.findall(r'href="(/documents/\d+\?q=[^"#]*#page-1)"', results)
    assert links and all(link.startswith(f"/documents/{case.email}?") for link in links)
    page = editor.get(unescape(links[0])).get_data(as_text=True)
    assert f'action="/documents/{case.email}/pages/1/evidence"' in page
    form = editor.get(f"/documents/{case.email}/pages/1/evidence?quote=working+closely+with+the+ICO")
    textarea = re.search(r'<textarea[^>]*name="quote"[^>]*>\s*(.*?)</textarea>', form.get_data(as_text=True))
    assert textarea.group(1) == "working closely with the ICO"


def test_an_unreadable_event_date_is_shown_next_to_the_field(app, editor, case):
    response = editor.post(f"/requests/{case.request_id}/events/new",
                           {"title": "Collection began", "date": "31 February 2022"})
    assert response.status_code == 422
    assert ('id="date-error">Cannot read &#34;31 February 2022&#34; as a date: write 15 February 2022, '
            'February 2022, 2022-02-15 or 2022.</div>') in response.get_data(as_text=True)
    assert rows(app, Event) == []


def test_events_and_an_assertion_added_on_the_web_flag_the_contradiction(app, editor, case):
    for title, when in [("Collection began", "7 February 2022"), ("DPIA dated", "15/02/2022"),
                        ("Meeting", "")]:
        response = editor.post(f"/requests/{case.request_id}/events/new", {"title": title, "date": when})
        assert response.status_code == 302
    began, dpia, meeting = rows(app, Event)
    assert (began.date, dpia.date, meeting.date) == ("2022-02-07", "2022-02-15", None)

    response = editor.post(f"/requests/{case.request_id}/assertions/new", {
        "title": "DPIA before collection", "first_event_id": str(dpia.id), "relation": "on-or-before",
        "second_event_id": str(began.id), "calendar": "uk", "claim_id": "0",
    })
    assert response.status_code == 302
    page = editor.get(f"/requests/{case.request_id}/chronology").get_data(as_text=True)
    article = re.search(r'<article class="assertion[^"]*"[^>]*>.*?</article>', page, re.S).group(0)
    assert 'class="assertion p-2 mb-2 border rounded contradicted"' in article
    assert '<span class="badge bg-danger verdict">contradicted</span>' in article
    assert '<span class="gap">8 days</span>' in article
    assert "Date not known" in page

    # Changing the date on the web re-checks the assertion before the page is shown again.
    response = editor.post(f"/requests/{case.request_id}/events/{dpia.id}/date", {"date": "2022-02-04"})
    assert response.status_code == 302
    (assertion,) = rows(app, Assertion)
    assert (assertion.verdict, assertion.gap_days) == ("holds", -3)
    page = editor.get(f"/requests/{case.request_id}/chronology").get_data(as_text=True)
    assert "contradicted" not in page


def test_a_within_assertion_without_n_is_refused_next_to_n(app, editor, case):
    for title, when in [("Received", "2022-05-24"), ("Answered", "2022-06-30")]:
        editor.post(f"/requests/{case.request_id}/events/new", {"title": title, "date": when})
    received, answered = rows(app, Event)
    response = editor.post(f"/requests/{case.request_id}/assertions/new", {
        "title": "Answered in time", "first_event_id": str(answered.id), "relation": "within-working-days",
        "second_event_id": str(received.id), "calendar": "uk", "claim_id": "0",
    })
    assert response.status_code == 422
    assert ('id="n-error">Say how many days &#34;within-working-days&#34; allows: a whole number, 0 or more.'
            in response.get_data(as_text=True))
    assert rows(app, Assertion) == []


def test_the_demo_chronology_shows_both_sources_of_the_contradiction(editor, demo_case):
    page = unescape(editor.get(f"/requests/{demo_case.request_id}/chronology").get_data(as_text=True))
    assert 'id="contradicted-summary"' in page
    assert 'dpia-version-1-cover-page.txt, p. 1: "Version 1 dated 15 February 2022"' in page
    assert 'dfe-email-to-schools-2022-02-08.txt, p. 1: "began on 7 February 2022"' in page
    assert '<span class="badge bg-danger status">contradicted</span>' in page
    request_page = editor.get(f"/requests/{demo_case.request_id}").get_data(as_text=True)
    assert f'href="/requests/{demo_case.request_id}/chronology"' in request_page
    assert '<span class="badge bg-danger">1 contradicted</span>' in request_page


def test_exports_are_attachments(editor, demo_case):
    response = editor.get(f"/requests/{demo_case.request_id}/chronology.docx")
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename={demo_case.reference}-chronology.docx")
    table = docx.Document(io.BytesIO(response.data)).tables[0]
    assert [cell.text for cell in table.rows[1].cells] == [
        "7 February 2022", "Daily attendance data collection began", "dfe-email-to-schools-2022-02-08.txt, p. 1",
        "began on 7 February 2022"]
    response = editor.get(f"/requests/{demo_case.request_id}/chronology.csv")
    assert response.headers["Content-Disposition"] == f"attachment; filename={demo_case.reference}-chronology.csv"
    assert response.mimetype == "text/csv"
    assert response.data.decode("utf-8-sig").splitlines()[0] == "Date,Event,Source document and page,Quote"


def test_a_date_suggestion_becomes_an_event_in_one_click(app, editor, case):
    page = editor.get(f"/documents/{case.email}/dates").get_data(as_text=True)
    assert "<mark>7 February 2022</mark>" in page
    start = re.search(r'name="start" value="(\d+)">\s*<button[^>]*>Make an event</button>', page[page.index(
        "<mark>7 February 2022</mark>"):]).group(1)
    response = editor.post(f"/documents/{case.email}/dates/events", {"page": "1", "start": start})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/requests/{case.request_id}/chronology"
    (event,) = rows(app, Event)
    assert (event.date, event.title) == (
        "2022-02-07", "Thank you for taking part in the daily attendance data pilot, which began on 7 February 2022.")
    response = editor.post(f"/documents/{case.email}/dates/events", {"page": "1", "start": "3"})
    assert response.status_code == 422
    assert "That date is no longer found on the page; reload the suggestions." in response.get_data(as_text=True)
