"""A team's own .docx template (docxtpl tags typed in Word): filled, or refused with the reason."""

from __future__ import annotations

import io

import pytest
from docx import Document

from casetracker.letters.commands import render_to_file
from casetracker.letters.errors import (
    BadTemplateFile,
    LetterDataError,
    MissingRightsParagraph,
    TemplateFieldError,
    TemplateSyntaxProblem,
    UnsafeTemplate,
)
from casetracker.letters.render import render_letter
from casetracker.letters.team_template import template_fields
from casetracker.letters.wording import rights_paragraph


def make_template(
    paragraphs: list[str],
    *,
    header: list[str] = (),
    footer: list[str] = (),
    table: list[list[str]] = (),
    after: list[str] = (),
) -> bytes:
    """Return a .docx built with python-docx, as a team would type it in Word."""
    document = Document()
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header[0]
        for line in header[1:]:
            section.header.add_paragraph(line)
    if footer:
        section.footer.paragraphs[0].text = footer[0]
    for line in paragraphs:
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    for line in after:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ACK_TEMPLATE = dict(
    header=["{{ authority.name }} | Information Access | Ref {{ request.our_reference }}"],
    footer=["{{ authority.email }}"],
    paragraphs=["{{ today }}", "Dear {{ requester.name }},", "{{ subject }}"],
    table=[["Our reference", "{{ request.our_reference }}"],
           ["Received", "{{ request.received }}"],
           ["Due", "{{ clocks.response_due }}"]],
    after=["Yours sincerely,", "{{ signatory.name }}, {{ signatory.role }}"],
)


def test_team_template_fills_header_table_and_footer(seed, read_docx, snapshot):
    data = render_letter("acknowledgement", seed("acknowledgement"),
                         template=make_template(**ACK_TEMPLATE))
    document = Document(io.BytesIO(data))
    header = document.sections[0].header.paragraphs[0].text
    assert header == "Information Commissioner's Office | Information Access | Ref IC-172854-Q5R8"
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows == [["Our reference", "IC-172854-Q5R8"], ["Received", "24 May 2022"],
                    ["Due", "23 June 2022"]]
    assert document.paragraphs[1].text == "Dear Siân O'Brien & Co,"
    snapshot("team-template-acknowledgement", read_docx(data))


def test_team_refusal_template_loops_over_exemptions(seed, read_docx, snapshot):
    template = make_template([
        "{{ subject }}",
        "{%p for e in exemptions %}",
        "{{ e.citation|capitalize }} ({{ e.title }}): {{ e.reason }}",
        "{%p if e.pit_conclusion %}",
        "Public interest: {{ e.pit_conclusion }}",
        "{%p endif %}",
        "{%p endfor %}",
        "{{ rights_paragraph }}",
    ], header=["Refusal notice {{ request.our_reference }}"])
    data = render_letter("refusal-notice", seed("refusal-notice"), template=template)
    snapshot("team-template-refusal-notice", read_docx(data))


def test_letterhead_with_letter_body_carries_the_whole_complaint_and_its_chronology(
    seed, read_docx, snapshot
):
    template = make_template(["{{p letter_body }}"], header=["O'Brien & Co campaigns"],
                             footer=["Registered in Wales"])
    data = render_letter("ico-complaint", seed("ico-complaint"), template=template)
    document = Document(io.BytesIO(data))
    assert document.sections[0].header.paragraphs[0].text == "O'Brien & Co campaigns"
    assert document.tables[0].rows[1].cells[2].text == "DfE pilot privacy notice, page 2"
    snapshot("team-letterhead-ico-complaint", read_docx(data))


def test_unknown_field_in_a_table_is_refused_and_named(seed):
    template = make_template(["Dear {{ requester.name }},"],
                             table=[["Ref", "{{ request.our_reference }}"],
                                    ["Nonsense", "{{ request.nonsense }}"]])
    with pytest.raises(TemplateFieldError) as caught:
        render_letter("acknowledgement", seed("acknowledgement"), template=template)
    assert caught.value.field == "request.nonsense"
    assert caught.value.location == 'the body, table 1, row 2, cell 2 ("{{ request.nonsense }}")'
    assert str(caught.value) == (
        'The template uses {{ request.nonsense }} in the body, table 1, row 2, cell 2 '
        '("{{ request.nonsense }}"), which is not a field of this kind of letter '
        "(acknowledgement). Run `flask letters kinds` for the list of fields.")


def test_unknown_field_in_the_header_is_located_there(seed):
    template = make_template(["{{ today }}"], header=["Ref {{ request.our_reference }}",
                                                      "{{ authority.telephone }}"])
    with pytest.raises(TemplateFieldError) as caught:
        render_letter("acknowledgement", seed("acknowledgement"), template=template)
    assert (caught.value.field, caught.value.location) == (
        "authority.telephone", 'the header, paragraph 2 ("{{ authority.telephone }}")')


def test_unknown_field_of_a_loop_item_is_named_by_its_list(seed):
    template = make_template(["{%p for e in exemptions %}", "{{ e.nonsense }}",
                              "{%p endfor %}", "{{ rights_paragraph }}"])
    with pytest.raises(TemplateFieldError) as caught:
        render_letter("refusal-notice", seed("refusal-notice"), template=template)
    assert caught.value.field == "exemptions[].nonsense"


def test_field_of_another_kind_is_refused(seed):
    template = make_template(["{{ fee_amount }}", "{{ rights_paragraph }}"])
    with pytest.raises(TemplateFieldError) as caught:
        render_letter("refusal-notice", seed("refusal-notice"), template=template)
    assert (caught.value.field, caught.value.location) == (
        "fee_amount", 'the body, paragraph 1 ("{{ fee_amount }}")')


def test_template_syntax_error_is_reported_with_its_paragraph(seed):
    template = make_template(["Dear {{ requester.name }},", "Due: {{ clocks.response_due | }}"])
    with pytest.raises(TemplateSyntaxProblem) as caught:
        render_letter("acknowledgement", seed("acknowledgement"), template=template)
    assert caught.value.location == 'the body, paragraph 2 ("Due: {{ clocks.response_due | }}")'
    assert caught.value.message == "expected token 'name', got 'end of print statement'"


def test_method_calls_on_fields_are_refused_and_filters_allowed(seed):
    template = make_template(["{{ requester.name.upper() }}", "{{ request.title|upper }}"])
    with pytest.raises(UnsafeTemplate) as caught:
        template_fields("acknowledgement", template)
    assert caught.value.expression == "{{ requester.name.upper() }}"
    assert caught.value.location == 'the body, paragraph 1 ("{{ requester.name.upper() }}")'
    template = make_template(["{{ requester.name|upper }}", "{{ request.title|title }}"])
    assert template_fields("acknowledgement", template) == {"requester.name", "request.title"}


def test_refusal_template_without_rights_paragraph_is_refused(seed):
    template = make_template(["{{ subject }}", "{{ withheld }}"])
    with pytest.raises(MissingRightsParagraph, match="must place {{ rights_paragraph }}"):
        render_letter("refusal-notice", seed("refusal-notice"), template=template)


def test_refusal_template_that_hides_the_rights_paragraph_is_refused(seed):
    template = make_template(["{{ subject }}",
                              "{% if request.title == 'x' %}{{ rights_paragraph }}{% endif %}"])
    with pytest.raises(MissingRightsParagraph, match="does not show it"):
        render_letter("refusal-notice", seed("refusal-notice"), template=template)


def test_built_in_refusal_always_carries_the_rights_paragraph(seed, read_docx):
    ctx = seed("refusal-notice")
    text = read_docx(render_letter("refusal-notice", ctx))
    assert rights_paragraph("refusal-notice", ctx) in text.splitlines()
    assert ("If you are unhappy with this response, you can ask us for an internal review. "
            "Please write to us at accessicoinformation@ico.org.uk by 20 September 2022 (40 "
            "working days from the date of this response), quoting our reference "
            "IC-172854-Q5R8.") in text


def test_a_file_that_is_not_a_docx_is_refused(seed):
    with pytest.raises(BadTemplateFile, match="not a Word .docx document"):
        render_letter("acknowledgement", seed("acknowledgement"), template=b"%PDF-1.7")


def test_render_to_file_writes_only_a_finished_letter(seed, tmp_path):
    out = tmp_path / "refusal.docx"
    ctx = seed("refusal-notice")
    ctx["exemptions"] = []
    with pytest.raises(LetterDataError):
        render_to_file("refusal-notice", ctx, out)
    assert list(tmp_path.iterdir()) == []
    template = tmp_path / "letterhead.docx"
    template.write_bytes(make_template(["{{p letter_body }}"]))
    written = render_to_file("refusal-notice", seed("refusal-notice"), out, template)
    assert written == out
    assert Document(str(out)).paragraphs[0].text == "Information Commissioner's Office\n" \
        "Wycliffe House\nWater Lane\nWilmslow\nCheshire SK9 5AF\naccessicoinformation@ico.org.uk"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letterhead.docx", "refusal.docx"]
