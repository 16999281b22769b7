"""``flask letters render KIND REF --out FILE.docx``: a letter from a request, or one line saying why not."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from docx import Document

from tests.letters.test_letters_team_templates import make_template

GROUNDS = ["The ICO withheld its emails to the Department without saying which exemption applied."]
NAME = "Siân O'Brien & Co"


@pytest.fixture
def render(runner, tmp_path):
    """Run the command; return (result, path of --out)."""

    def run(kind, ref, *extra, out="letter.docx"):
        path = tmp_path / out
        result = runner.invoke(args=["letters", "render", kind, ref, "--out", str(path), *extra])
        return result, path

    return run


@pytest.fixture
def record(app):
    """Record correspondence on a request by id."""
    from casetracker.correspondence.services import record_correspondence
    from casetracker.extensions import db
    from casetracker.info_requests.models import InfoRequest

    def add(request_id, kind, dated, direction="incoming"):
        with app.app_context():
            record_correspondence(db.session.get(InfoRequest, request_id), actor=None, kind=kind,
                                  direction=direction, dated=dated)
            db.session.commit()

    return add


def table_rows(data: bytes) -> list[list[str]]:
    document = Document(io.BytesIO(data))
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def assert_refused(result, path, message):
    assert result.exit_code == 2, result.output
    assert result.output == f"Error: {message}\n"
    assert not path.exists()
    assert list(path.parent.glob("*.part")) == []


def test_demo_ico_complaint_carries_the_chronology(runner, render, read_docx, snapshot):
    assert runner.invoke(args=["demo"]).exit_code == 0
    result, path = render(
        "ico-complaint", "CT-2022-0001", "--set", "today=2022-08-15",
        "--set", "request.review_requested=2022-07-01", "--set", "request.review_responded=2022-07-29",
        "--set", "grounds=" + json.dumps(GROUNDS),
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {path}\n"
    data = path.read_bytes()
    assert table_rows(data) == [
        ["Date", "Event", "Source", "Quote"],
        ["7 February 2022", "Daily attendance data collection began",
         "DfE email to schools, 8 February 2022, p. 1", "began on 7 February 2022"],
        ["8 February 2022", "DfE email to schools says it is working closely with the ICO",
         "DfE email to schools, 8 February 2022, p. 1", "working closely with the ICO"],
        ["14 February 2022", "ICO received the DPIA from the department",
         "ICO response letter (illustrative), p. 1", "a week after the collection began"],
        ["15 February 2022", "DPIA version 1 dated", "DPIA version 1 cover page, p. 1",
         "Version 1 dated 15 February 2022"],
    ]
    snapshot("app-demo-ico-complaint", read_docx(data))


def test_demo_ico_complaint_needs_no_extra_input(runner, render):
    """The seed case's review request supplies the grounds; its evidence supplies the chronology."""
    assert runner.invoke(args=["demo"]).exit_code == 0
    result, path = render("ico-complaint", "CT-2022-0001")
    assert result.exit_code == 0, result.output
    document = Document(io.BytesIO(path.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "I asked for an internal review on 5 July 2022." in text
    assert "The authority gave the outcome of the review on 2 August 2022." in text
    assert ("The personal data withheld under section 40(2) includes the names of senior officials acting in "
            "their public role, whose disclosure would be fair.") in text
    assert table_rows(path.read_bytes())[4] == [
        "15 February 2022", "DPIA version 1 dated", "DPIA version 1 cover page, p. 1",
        "Version 1 dated 15 February 2022"]


def test_ico_complaint_without_review_or_grounds_is_refused(make_request, record, render):
    """Answered but never reviewed: the regulator expects the internal review first (FOIA s50(2)(a))."""
    request_id = make_request(title="No review yet", received=date(2022, 5, 24), sent_on=date(2022, 5, 24),
                              requester_name="Ann Example")
    record(request_id, "response", date(2022, 6, 20))
    result, path = render("ico-complaint", "CT-2022-0001")
    assert result.exit_code == 2 and not path.exists()
    assert result.output.startswith("Error: The letter cannot be written yet.")
    assert ("grounds: Complaint to the Information Commissioner letters need this: Grounds of the review request, "
            "complaint or appeal, one each.") in result.output
    assert "request.review_requested: Ask the authority for an internal review before complaining" in result.output


def test_ico_complaint_about_a_request_never_answered_needs_no_review(make_request, record, render):
    # Received Tue 24 May 2022, due Thu 23 Jun 2022; never answered, so a complaint may go at once (s10(1)).
    request_id = make_request(title="Never answered", received=date(2022, 5, 24), sent_on=date(2022, 5, 24),
                              requester_name="Ann Example")
    record(request_id, "request", date(2022, 5, 24), direction="outgoing")
    result, path = render("ico-complaint", "CT-2022-0001", "--set", "today=2022-08-01")
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert "The authority has not responded; its response was due by 23 June 2022." in text
    assert "1.\tThe authority has not responded to my request. Its response was due by 23 June 2022." in text
    assert "internal review" not in text.split("What I dispute")[0]


def test_requester_name_flows_from_the_request_into_the_docx(make_request, render, read_docx, snapshot):
    make_request(title="Pupil data pilot correspondence", authority="Information Commissioner's Office",
                 sent_on=date(2022, 5, 24), requester_name=NAME,
                 requester_email="sian@obrien-co.example",
                 body="All correspondence with the Department for Education about the pilot.")
    result, path = render("foi-request", "ct-2022-0001", "--set", "today=2022-05-24")
    assert result.exit_code == 0, result.output
    lines = read_docx(path.read_bytes()).splitlines()
    assert lines[1:3] == [NAME, "sian@obrien-co.example"]
    # The letter ends with the signature; the footer after it numbers the pages.
    assert lines[-3:] == [NAME, "== footer 1 ==", "Page  of "]
    snapshot("app-foi-request-from-database", "\n".join(lines) + "\n")


def test_team_template_fills_header_and_table(make_request, render, tmp_path):
    make_request(requester_name=NAME, requester_email="sian@obrien-co.example")
    template = tmp_path / "letterhead.docx"
    template.write_bytes(make_template(
        ["{{ today }}", "Dear {{ authority.name }},", "{{ request.title }}"],
        header=["{{ requester.name }} | {{ request.our_reference }}"],
        table=[["Sent", "{{ request.sent }}"], ["Due", "{{ clocks.response_due }}"]],
    ))
    result, path = render("chaser", "CT-2022-0001", "--template", str(template),
                          "--set", "today=2022-06-28", "--set", "request.sent=2022-05-24")
    assert result.exit_code == 0, result.output
    document = Document(io.BytesIO(path.read_bytes()))
    assert document.sections[0].header.paragraphs[0].text == f"{NAME} | CT-2022-0001"
    assert table_rows(path.read_bytes()) == [["Sent", "24 May 2022"], ["Due", "23 June 2022"]]
    assert [p.text for p in document.paragraphs[:3]] == [
        "28 June 2022", "Dear Department for Education,", "Minutes of the board"]


def test_bad_kind(make_request, render):
    make_request()
    result, path = render("complaint", "CT-2022-0001")
    assert_refused(result, path, "'complaint' is not a kind of letter; `flask letters kinds` lists them.")


def test_bad_reference(make_request, render):
    make_request()
    result, path = render("chaser", "CT-2022-0099")
    assert_refused(result, path, "There is no request with the reference 'CT-2022-0099'.")


def test_unknown_template_field_is_named(make_request, render, tmp_path):
    make_request(requester_name=NAME, sent_on=date(2022, 5, 24))
    template = tmp_path / "bad.docx"
    template.write_bytes(make_template(["Dear {{ requester.name }},", "Ref {{ request.nonsense }}"]))
    result, path = render("chaser", "CT-2022-0001", "--template", str(template))
    assert_refused(result, path, (
        'The template uses {{ request.nonsense }} in the body, paragraph 2 ("Ref {{ '
        'request.nonsense }}"), which is not a field of this kind of letter (chaser). Run '
        "`flask letters kinds` for the list of fields."))


def test_missing_required_data_is_named(make_request, render, authority_alpha):
    make_request(requester_name=NAME)
    result, path = render("acknowledgement", "CT-2022-0001")
    assert_refused(result, path, (
        "The letter cannot be written yet. signatory.name: Acknowledgement letters need this: Who signs "
        "the letter; the requester when empty."))


def test_refusal_notice_template_without_rights_paragraph_is_refused(make_request, render, tmp_path, authority_alpha):
    make_request(requester_name=NAME)
    template = tmp_path / "refusal.docx"
    template.write_bytes(make_template(["Dear {{ requester.name }},", "{% for e in exemptions %}"
                                        "{{ e.citation }}: {{ e.reason }}{% endfor %}"]))
    exemption = {"code": "s40(2)", "reason": "Names of junior staff are personal data.",
                 "legitimate_interests": "Senior names meet the interest; junior names are not necessary."}
    result, path = render(
        "refusal-notice", "CT-2022-0001", "--template", str(template),
        "--set", "signatory.name=Priya Shah", "--set", "exemptions=" + json.dumps([exemption]),
        "--set", "withheld=The names of junior staff.",
    )
    assert_refused(result, path, (
        "A refusal notice must tell the requester how to ask for an internal review and how to "
        "complain to the regulator (FOIA s17(7), EIR reg 14(5), FOISA s19). The template must "
        "place {{ rights_paragraph }} (or the whole letter with {{p letter_body }})."))
    # The same letter in the built-in layout carries the rights and is written.
    result, path = render(
        "refusal-notice", "CT-2022-0001", "--set", "signatory.name=Priya Shah",
        "--set", "exemptions=" + json.dumps([exemption]), "--set", "withheld=The names of junior staff.",
        "--set", "today=2022-06-21",
    )
    assert result.exit_code == 0, result.output
    text = [p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs]
    assert any("internal review" in p and "18 August 2022" in p for p in text)


def test_bad_setting_is_named(make_request, render):
    make_request()
    result, path = render("chaser", "CT-2022-0001", "--set", "today=2022-02-30")
    assert_refused(result, path, "The letter cannot be written yet. today: 2022-02-30 is not a real date.")


def test_unwritable_out_path(make_request, runner, tmp_path):
    make_request(requester_name=NAME)
    path = tmp_path / "missing" / "letter.docx"
    result = runner.invoke(args=["letters", "render", "chaser", "CT-2022-0001", "--out", str(path),
                                 "--set", "request.sent=2022-05-24"])
    assert result.exit_code == 2
    assert result.output == f"Error: Cannot write {path}: No such file or directory.\n"
