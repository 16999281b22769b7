"""The letter pages: choose a kind, the form filled from the case, preview, generate a draft, mark it sent."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document as WordDocument

from casetracker.correspondence.models import Correspondence
from casetracker.correspondence.services import record_correspondence
from casetracker.documents.models import Document, DocumentPage
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.models import LetterTemplate
from tests.letters.test_letters_cli_render import table_rows
from tests.letters.test_letters_team_templates import make_template

NAME = "Siân O'Brien & Co"
GROUND = "Section 31(1) is wrongly applied: the assessment began after the request."


@pytest.fixture
def case(app, make_request):
    """A request answered on 21 June 2022; returns its id."""
    request_id = make_request(
        title="Pupil data pilot correspondence", authority="Information Commissioner's Office",
        received=date(2022, 5, 24), sent_on=date(2022, 5, 24), requester_name=NAME,
        requester_email="sian@obrien-co.example",
        body="All correspondence with the Department for Education about the pilot.",
    )
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        record_correspondence(r, actor=None, kind="response", direction="incoming", dated=date(2022, 6, 21),
                              outcome="refused")
        db.session.commit()
    return request_id


def form_values(html: str) -> dict[str, str]:
    """Return what a browser would submit from the letter form as it is shown."""
    form = BeautifulSoup(html, "html.parser").find("form", id="letter-form")
    values: dict[str, str] = {}
    for tag in form.find_all(["input", "textarea", "select"]):
        name = tag.get("name")
        if not name or tag.get("type") == "submit":
            continue
        if tag.name == "textarea":
            values[name] = tag.text
        elif tag.name == "select":
            chosen = tag.find("option", selected=True) or tag.find("option")
            values[name] = chosen.get("value", "")
        elif tag.get("type") == "checkbox":
            if tag.has_attr("checked"):
                values[name] = tag.get("value", "y")
        else:
            values[name] = tag.get("value", "")
    return values


def errors_of(html: str) -> dict[str, str]:
    """Return the field errors shown on a page: field id -> message."""
    soup = BeautifulSoup(html, "html.parser")
    return {tag["id"].removesuffix("-error"): tag.text for tag in soup.select(".invalid-feedback[id]")}


def problems_of(html: str) -> list[str]:
    box = BeautifulSoup(html, "html.parser").find(id="letter-problems")
    return [li.get_text() for li in box.find_all("li")] if box else []


def docx_of(app, entry_id: int) -> bytes:
    from casetracker.documents.services import blob_file

    with app.app_context():
        entry = db.session.get(Correspondence, entry_id)
        return blob_file(entry.attachments[0].document).read_bytes()


def test_request_page_links_to_letters(auth, case):
    auth.login("editor")
    html = auth.get(f"/requests/{case}").get_data(as_text=True)
    panel = BeautifulSoup(html, "html.parser").find(id="letters-panel")
    assert panel.find("a", string="Write a letter")["href"] == f"/requests/{case}/letters"
    auth.client.post("/logout", data={"csrf_token": auth.token})
    auth.login("viewer")
    panel = BeautifulSoup(auth.get(f"/requests/{case}").get_data(as_text=True), "html.parser").find(id="letters-panel")
    assert panel.find("a", string="Write a letter") is None


def test_choose_lists_every_kind(auth, case):
    auth.login("editor")
    html = auth.get(f"/requests/{case}/letters").get_data(as_text=True)
    links = [a["href"] for a in BeautifulSoup(html, "html.parser").select("#letter-kinds a")]
    assert links[0] == f"/requests/{case}/letters/foi-request"
    assert len(links) == 7  # a requester team is offered only the requester's letters
    assert auth.get(f"/requests/{case}/letters/complaint").status_code == 404


def test_form_is_filled_from_the_case_and_escaped(auth, case):
    auth.login("editor")
    html = auth.get(f"/requests/{case}/letters/internal-review-request").get_data(as_text=True)
    assert 'value="Siân O&#39;Brien &amp; Co"' in html
    values = form_values(html)
    assert values["requester__name"] == NAME
    assert values["request__responded"] == "2022-06-21"
    assert values["request__our_reference"] == "CT-2022-0001"
    assert values["signatory__name"] == ""  # the requester signs their own letters
    clocks = BeautifulSoup(html, "html.parser").find(id="letter-clocks").get_text(" ", strip=True)
    assert "Last day to ask for an internal review. 18 August 2022" in clocks


def test_preview_shows_the_letter_escaped(auth, app, make_request):
    request_id = make_request(title="Minutes <script>alert(1)</script>", requester_name=NAME,
                              sent_on=date(2022, 5, 24))
    auth.login("editor")
    url = f"/requests/{request_id}/letters/chaser"
    data = form_values(auth.get(url).get_data(as_text=True)) | {"today": "2022-06-28", "preview": "Preview"}
    response = auth.post(url, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    preview = BeautifulSoup(html, "html.parser").find(id="letter-preview")
    paragraphs = [p.get_text() for p in preview.select(".card-body > p")]
    assert paragraphs[:2] == [NAME, "28 June 2022"]
    assert "Overdue response: Minutes <script>alert(1)</script>" in paragraphs
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Correspondence.id))) == 0


def test_generate_saves_a_draft_and_marking_it_sent_moves_the_clocks(auth, app, case):
    auth.login("editor")
    url = f"/requests/{case}/letters/internal-review-request"
    data = form_values(auth.get(url).get_data(as_text=True))
    data |= {"today": "2022-07-01", "grounds": GROUND, "generate": "Generate .docx"}
    response = auth.post(url, data)
    assert response.status_code == 302
    match = re.fullmatch(rf"/requests/{case}/correspondence/(\d+)\?download=(\d+)", response.headers["Location"])
    entry_id = int(match[1])
    # The correspondence page downloads the generated .docx by itself.
    page = auth.get(response.headers["Location"]).get_data(as_text=True)
    assert f'content="1;url=/documents/{match[2]}/download"' in page
    with app.app_context():
        entry = db.session.get(Correspondence, entry_id)
        assert (entry.kind, entry.direction, entry.state, entry.dated) == (
            "internal-review-request", "outgoing", "draft", None)
        assert entry.subject == "Request for internal review: Pupil data pilot correspondence"
        document = entry.attachments[0].document
        assert document.filename == "CT-2022-0001-internal-review-request-2022-07-01.docx"
        assert document.request_id == case
        page_text = db.session.scalar(db.select(DocumentPage.text).where(DocumentPage.document_id == document.id))
        assert GROUND in page_text
        assert db.session.get(InfoRequest, case).status == "responded"
        document_id = document.id
    lines = [p.text for p in WordDocument(io.BytesIO(docx_of(app, entry_id))).paragraphs]
    assert lines[-1] == NAME
    assert any(GROUND in line for line in lines)
    assert any("by 2 August 2022" in line for line in lines)
    # The draft is searchable like any document.
    hits = BeautifulSoup(auth.get("/search?q=wrongly").get_data(as_text=True), "html.parser")
    assert [a["data-document"] for a in hits.select("article[data-document]")] == [str(document_id)]

    page = auth.get(response.headers["Location"]).get_data(as_text=True)
    assert "Mark as sent" in page
    sent = auth.post(f"/requests/{case}/correspondence/{entry_id}/sent", {"sent_on": "2022-07-01"})
    assert sent.status_code == 302
    with app.app_context():
        assert db.session.get(InfoRequest, case).status == "internal-review"
        assert db.session.get(Correspondence, entry_id).dated == date(2022, 7, 1)
    show = BeautifulSoup(auth.get(f"/requests/{case}").get_data(as_text=True), "html.parser")
    assert show.find(id="status").text == "Internal review"
    assert show.select_one('[data-clock="review"] span').text == "Tue 2 Aug 2022"


def test_refusal_notice_errors_sit_next_to_their_fields(auth, app, make_request, authority_alpha):
    request_id = make_request(requester_name=NAME, sent_on=date(2022, 5, 24))
    auth.login("editor")
    url = f"/requests/{request_id}/letters/refusal-notice"
    blank = form_values(auth.get(url).get_data(as_text=True)) | {"generate": "Generate .docx"}
    response = auth.post(url, blank)
    assert response.status_code == 422
    assert problems_of(response.get_data(as_text=True)) == [
        "Exemptions: A refusal notice must rely on at least one exemption (or on the cost limit, s12, or s14)."]

    response = auth.post(url, blank | {"exemptions-0-code": "s31(1)", "exemptions-0-reason": "An open assessment."})
    assert response.status_code == 422
    assert errors_of(response.get_data(as_text=True)) == {
        "withheld": "Say what information is withheld (FOIA s17(1)).",
        "exemptions-0-harm": "Describe the harm disclosure would cause.",
        "exemptions-0-likelihood": "Choose 'would' or 'would be likely to'.",
        "exemptions-0-pit_for": "s31(1) is qualified: give the public interest for disclosure (FOIA s17(3), EIR reg 14(3)(b)).",
        "exemptions-0-pit_against": "s31(1) is qualified: give the public interest for withholding (FOIA s17(3), EIR reg 14(3)(b)).",
        "exemptions-0-pit_conclusion": "s31(1) is qualified: give the public interest the conclusion (FOIA s17(3), EIR reg 14(3)(b)).",
    }
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Correspondence.id))) == 0


def test_refusal_notice_generates_with_the_rights_paragraph(auth, app, make_request, authority_alpha, read_docx):
    request_id = make_request(requester_name=NAME, sent_on=date(2022, 5, 24))
    auth.login("editor")
    url = f"/requests/{request_id}/letters/refusal-notice"
    data = form_values(auth.get(url).get_data(as_text=True)) | {
        "today": "2022-06-21", "generate": "Generate .docx", "withheld": "Names of junior staff.",
        "exemptions-1-code": "s40(2)", "exemptions-1-reason": "They are personal data.",
        "exemptions-1-legitimate_interests": "Senior names meet the interest; junior names are not necessary.",
    }
    assert data["signatory__name"] == "Editor"
    response = auth.post(url, data)
    assert response.status_code == 302, errors_of(response.get_data(as_text=True))
    entry_id = int(response.headers["Location"].split("?")[0].rsplit("/", 1)[1])
    text = read_docx(docx_of(app, entry_id)).splitlines()
    assert any("internal review" in p and "by 18 August 2022" in p for p in text)
    # The signature ends the body; the footer after it numbers the pages (A4, issue 15).
    assert text[-5:] == ["Yours sincerely,", "Editor", "Department for Education", "== footer 1 ==", "Page  of "]


def test_team_template_uploaded_on_the_web_fills_header_and_table(auth, app, case, authority_alpha):
    auth.login("editor")
    letterhead = make_template(
        ["{{ today }}", "Dear {{ requester.name }},", "{{ subject }}"],
        header=["{{ authority.name }} | Ref {{ request.our_reference }}"],
        table=[["Received", "{{ request.received }}"], ["Due", "{{ clocks.response_due }}"]],
        after=["Yours sincerely,", "{{ signatory.name }}"],
    )
    response = auth.post("/letters/templates", {
        "name": "ICO letterhead", "kind": "acknowledgement",
        "file": (io.BytesIO(letterhead), "letterhead.docx"),
    })
    assert response.status_code == 302
    with app.app_context():
        template = db.session.scalar(db.select(LetterTemplate))
        assert (template.name, template.kind, template.filename) == (
            "ICO letterhead", "acknowledgement", "letterhead.docx")
    listing = auth.get("/letters/templates").get_data(as_text=True)
    assert "ICO letterhead" in listing
    assert auth.get(f"/letters/templates/{template.id}/download").data == letterhead

    with app.app_context():
        db.session.get(InfoRequest, case).their_reference = "IC-172854-Q5R8"
        db.session.commit()
    url = f"/requests/{case}/letters/acknowledgement"
    data = form_values(auth.get(url).get_data(as_text=True))
    data |= {"today": "2022-05-25", "template": str(template.id), "generate": "Generate .docx"}
    response = auth.post(url, data)
    assert response.status_code == 302
    docx = docx_of(app, int(response.headers["Location"].split("?")[0].rsplit("/", 1)[1]))
    document = WordDocument(io.BytesIO(docx))
    # An authority team writes the acknowledgement: "our reference" is the office's own (the
    # tracker's CT-2022-0001); the requester's IC-172854-Q5R8 is "your reference" (issue 14).
    assert document.sections[0].header.paragraphs[0].text == "Information Commissioner's Office | Ref CT-2022-0001"
    assert table_rows(docx) == [["Received", "24 May 2022"], ["Due", "23 June 2022"]]
    assert [p.text for p in document.paragraphs][:2] == ["25 May 2022", f"Dear {NAME},"]
    assert [p.text for p in document.paragraphs][-1] == "Editor"


def upload(auth, name, kind, data, filename="t.docx"):
    return auth.post("/letters/templates", {"name": name, "kind": kind, "file": (io.BytesIO(data), filename)})


@pytest.mark.parametrize("kind,paragraphs,field,message", [
    ("chaser", ["Dear {{ authority.name }},", "Ref {{ request.nonsense }}"], "file",
     'The template uses {{ request.nonsense }} in the body, paragraph 2 ("Ref {{ request.nonsense }}"), '
     "which is not a field of this kind of letter (chaser). Run `flask letters kinds` for the list of fields."),
    ("chaser", ["Dear {{ authority.name }"], "file",
     'The template has a tag error in the body, paragraph 1 ("Dear {{ authority.name }"): '
     "unexpected '}'"),
    ("refusal-notice", ["Dear {{ requester.name }},"], "file",
     "A refusal notice must tell the requester how to ask for an internal review and how to complain to "
     "the regulator (FOIA s17(7), EIR reg 14(5), FOISA s19). The template must place {{ rights_paragraph }} "
     "(or the whole letter with {{p letter_body }})."),
    ("", ["{{ rights_paragraph }}"], "file",
     "The template uses {{ rights_paragraph }} in the body, paragraph 1 (\"{{ rights_paragraph }}\"), which "
     "is not a field of this kind of letter (foi-request). Run `flask letters kinds` for the list of fields."),
])
def test_bad_template_is_refused_naming_the_field(auth, app, kind, paragraphs, field, message):
    auth.login("editor")
    response = upload(auth, "Bad", kind, make_template(paragraphs))
    assert response.status_code == 422
    assert errors_of(response.get_data(as_text=True)) == {field: message}
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LetterTemplate.id))) == 0
    assert list(Path(app.config["FILES_PATH"]).rglob("*")) == []


def test_template_name_must_be_new_and_file_a_docx(auth, app):
    auth.login("editor")
    letterhead = make_template(["{{p letter_body }}"])
    assert upload(auth, "Letterhead", "", letterhead).status_code == 302
    again = upload(auth, "Letterhead", "", letterhead)
    assert again.status_code == 422
    assert errors_of(again.get_data(as_text=True)) == {"name": "Your team already has a template called Letterhead."}
    text = upload(auth, "Text", "", b"Dear {{ requester.name }}", filename="t.txt")
    assert errors_of(text.get_data(as_text=True)) == {"file": "Upload a Word .docx document."}


def test_any_kind_template_without_rights_cannot_make_a_refusal_notice(auth, app, make_request, authority_alpha):
    request_id = make_request(requester_name=NAME, sent_on=date(2022, 5, 24))
    auth.login("editor")
    assert upload(auth, "Plain", "", make_template(["Dear {{ requester.name }},", "{{ subject }}"])).status_code == 302
    with app.app_context():
        template_id = db.session.scalar(db.select(LetterTemplate.id))
    url = f"/requests/{request_id}/letters/refusal-notice"
    data = form_values(auth.get(url).get_data(as_text=True)) | {
        "generate": "Generate .docx", "template": str(template_id), "withheld": "Names of junior staff.",
        "exemptions-0-code": "s40(2)", "exemptions-0-reason": "They are personal data.",
        "exemptions-0-legitimate_interests": "Senior names meet the interest; junior names are not necessary.",
    }
    response = auth.post(url, data)
    assert response.status_code == 422
    assert errors_of(response.get_data(as_text=True))["template"].startswith(
        "A refusal notice must tell the requester how to ask for an internal review")
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Correspondence.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def test_delete_template(auth, app):
    auth.login("editor")
    upload(auth, "Letterhead", "", make_template(["{{p letter_body }}"]))
    with app.app_context():
        template_id = db.session.scalar(db.select(LetterTemplate.id))
    assert auth.post(f"/letters/templates/{template_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.get(LetterTemplate, template_id) is None
