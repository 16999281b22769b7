"""The disclosure log: public pages without login, with no trace of the requester; embargoes."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from docx import Document as WordDocument

from casetracker.correspondence.services import record_correspondence
from casetracker.disclosure.scrub import clean_file, personal_terms, scrub_text
from casetracker.documents.services import ingest_bytes
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.timeutil import uk_today
from tests.officer.conftest import REQUESTER, REQUESTER_EMAIL

ADDRESS = "12 Ambridge Lane\nBorchester BC1 2AB"
PERSONAL = [REQUESTER, REQUESTER_EMAIL, "jo.bloggs", "12 Ambridge Lane", "Borchester BC1 2AB"]


def _docx(*paragraphs: str, author: str = "", modified_by: str = "") -> bytes:
    doc = WordDocument()
    for text in paragraphs:
        doc.add_paragraph(text)
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Requested by", REQUESTER
    doc.core_properties.author, doc.core_properties.last_modified_by = author, modified_by
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def answered(app, office, office_request):
    """A response sent on 20 June 2022 with three files: a letter naming the requester, a clean text
    file, and a text file that quotes the requester's email (withheld)."""
    request_id = office_request(title="Road gritting contracts", requester_address=ADDRESS)
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        files = [
            ("response-letter.docx", _docx(f"Dear {REQUESTER},", "We enclose the gritting contracts.",
                                           f"Sent to {REQUESTER_EMAIL}.", author=REQUESTER,
                                           modified_by=REQUESTER_EMAIL)),
            ("contracts.txt", b"Gritting contract 2021: Borsetshire Highways Ltd, 4,000 tonnes of salt.\n"),
            ("cover-email.txt", f"From the requester {REQUESTER_EMAIL}: thanks.\n".encode()),
        ]
        ids = []
        for name, data in files:
            outcome = ingest_bytes(data, name, team=r.team, info_request=r, actor=None)
            assert outcome.document is not None, outcome.reason
            ids.append(outcome.document.id)
        record_correspondence(r, actor=None, kind="response", direction="outgoing", dated=date(2022, 6, 20),
                              outcome="disclosed-in-part", document_ids=ids)
        # The release-safety check flags the requester's details (issue 17); the officer releases them as
        # they are, and the disclosure log's own scrubbing is what these tests look at.
        from casetracker.auth.models import User
        from casetracker.documents.models import Document
        from casetracker.release.services import acknowledge_findings, unacknowledged

        for document_id in ids:
            document = db.session.get(Document, document_id)
            if found := unacknowledged(document):
                acknowledge_findings(document, [f.key for f in found], actor=db.session.get(User, office["asha"]))
        db.session.commit()
    return request_id, ids


def _publish(auth, request_id, **data):
    return auth.post(f"/requests/{request_id}/publish",
                     {"embargo_until": "", "exemptions": "s40(2), s43(2)", "summary": ""} | data)


def _assert_no_personal(text: str) -> None:
    for term in PERSONAL:
        assert term.lower() not in text.lower(), term


def test_published_response_is_public_without_the_requester(auth, client, app, answered):
    request_id, (letter_id, contracts_id, cover_id) = answered
    auth.login("asha")
    assert _publish(auth, request_id, summary=f"Contracts released to {REQUESTER}.").status_code == 302
    auth.client.post("/logout", data={"csrf_token": auth.token})

    listing = client.get("/disclosure-log")
    assert listing.status_code == 200
    rows = BeautifulSoup(listing.get_data(as_text=True), "html.parser").select("#disclosure-log tbody tr")
    assert [[td.text for td in row.find_all("td")] for row in rows] == [
        ["Road gritting contracts", "Borsetshire County Council", "Mon 20 Jun 2022", "disclosed in part",
         "s40(2), s43(2)"]]
    link = rows[0].a["href"]
    page = client.get(link)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    _assert_no_personal(html)
    assert "Contracts released to [requester]." in html
    soup = BeautifulSoup(html, "html.parser")
    released = soup.select("#released li")
    assert [li.get_text(" ", strip=True) for li in released] == [
        "response-letter.docx", "contracts.txt",
        "cover-email.txt (withheld: it contains the requester's personal data)"]
    files = {a.text: a["href"] for a in soup.select("#released a")}
    assert set(files) == {"response-letter.docx", "contracts.txt"}

    letter = client.get(files["response-letter.docx"])
    assert letter.status_code == 200 and letter.headers["Content-Disposition"].startswith("attachment")
    data = letter.get_data()
    props = WordDocument(io.BytesIO(data)).core_properties
    assert (props.author, props.last_modified_by) == ("", "")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            _assert_no_personal(archive.read(member).decode("utf-8", "replace"))
    paragraphs = [p.text for p in WordDocument(io.BytesIO(data)).paragraphs]
    assert paragraphs[:3] == ["Dear [requester],", "We enclose the gritting contracts.", "Sent to [requester]."]
    assert client.get(files["contracts.txt"]).get_data().startswith(b"Gritting contract 2021")
    withheld = client.get(link + f"/documents/{cover_id}")
    assert withheld.status_code == 404


def test_embargoed_response_appears_on_its_date(auth, client, app, answered, monkeypatch):
    request_id, _ = answered
    embargo = uk_today() + timedelta(days=5)
    auth.login("asha")
    response = _publish(auth, request_id, embargo_until=embargo.isoformat())
    assert response.status_code == 302
    with app.app_context():
        from casetracker.disclosure.services import publication_for
        publication_id = publication_for(request_id).id
    assert "Road gritting" not in client.get("/disclosure-log").get_data(as_text=True)
    assert client.get(f"/disclosure-log/{publication_id}").status_code == 404
    monkeypatch.setattr("casetracker.disclosure.views.uk_today", lambda: embargo - timedelta(days=1))
    assert client.get(f"/disclosure-log/{publication_id}").status_code == 404
    monkeypatch.setattr("casetracker.disclosure.views.uk_today", lambda: embargo)
    assert client.get(f"/disclosure-log/{publication_id}").status_code == 200
    assert "Road gritting" in client.get("/disclosure-log").get_data(as_text=True)


def test_cannot_publish_before_a_response(auth, office, office_request):
    request_id = office_request()
    auth.login("asha")
    response = _publish(auth, request_id)
    assert response.status_code == 422
    assert "Record the response before publishing it." in response.get_data(as_text=True)


def test_requester_team_opts_in_per_request(auth, client, app, make_request):
    published = make_request(title="Board minutes", requester_name="Sam Campaigner")
    make_request(title="Private one")
    with app.app_context():
        for request_id in (published, published + 1):
            record_correspondence(db.session.get(InfoRequest, request_id), actor=None, kind="response",
                                  direction="incoming", dated=date(2022, 6, 20), outcome="disclosed-in-full")
        db.session.commit()
    auth.login("editor")
    assert _publish(auth, published, exemptions="").status_code == 302
    html = client.get("/disclosure-log").get_data(as_text=True)
    assert "Board minutes" in html and "Private one" not in html and "Sam Campaigner" not in html


@pytest.mark.parametrize("who,status", [("viewer", 403), ("other", 404)])
def test_publish_by_role(auth, make_request, who, status):
    request_id = make_request()
    auth.login(who)
    assert _publish(auth, request_id).status_code == status


def test_withdraw_takes_it_off(auth, client, answered):
    request_id, _ = answered
    auth.login("asha")
    _publish(auth, request_id)
    response = auth.post(f"/requests/{request_id}/unpublish", {"withdraw-submit": "Take off"})
    assert response.status_code == 302
    assert "Road gritting" not in client.get("/disclosure-log").get_data(as_text=True)


def test_scrub_and_clean_are_pure():
    terms = personal_terms("Siân O'Brien & Co", "sian@obrien-co.example", "14 Heol y Frenhines\nCF10")
    assert terms[0] == "sian@obrien-co.example"
    assert scrub_text("From SIÂN O'BRIEN & CO (sian@obrien-co.example)", terms) == "From [requester] ([requester])"
    assert clean_file("Siân O&apos;Brien &amp; Co".encode(), "x.xml", terms).data is None
    assert clean_file(b"nothing personal", "x.txt", terms).data == b"nothing personal"
    assert clean_file(b"not really a docx", "x.docx", terms).reason.startswith("withheld")
