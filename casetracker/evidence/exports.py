"""Export a request's chronology for an ICO complaint or a tribunal bundle: .docx and CSV."""

from __future__ import annotations

import io

import docx
from docx.shared import Pt

from casetracker.csv_safety import safe_writer
from casetracker.docx_pages import set_up_pages
from casetracker.evidence.assertions import relation_phrase
from casetracker.evidence.chronology import chronology, chronology_rows, event_rows
from casetracker.evidence.constants import Relation
from casetracker.info_requests.models import InfoRequest
from casetracker.typed_text import xml_safe

__all__ = ["ASSERTION_COLUMNS", "COLUMNS", "chronology_csv", "chronology_docx"]

#: Column headings of the chronology table, in the order of ``chronology_rows`` keys.
COLUMNS = ("Date", "Event", "Source document and page", "Quote")
_KEYS = ("date", "event", "source", "quote")
ASSERTION_COLUMNS = ("Assertion", "Verdict", "Gap in days", "Explanation", "Sources")


def chronology_csv(info_request: InfoRequest) -> bytes:
    """Return the chronology as CSV bytes (UTF-8 with a BOM, so spreadsheets read "£" and quotes right)."""
    out = io.StringIO()
    writer = safe_writer(out)
    writer.writerow(COLUMNS)
    for row in chronology_rows(info_request.id):
        writer.writerow([row[key] for key in _KEYS])
    return out.getvalue().encode("utf-8-sig")


def chronology_docx(info_request: InfoRequest) -> bytes:
    """Return the chronology as a .docx: a table of events with sources and quotes, then the assertions.

    The first table has the columns of ``COLUMNS``, one row per event and
    evidence passage; the second lists each assertion with its verdict, gap and
    both events' sources.
    """
    document = docx.Document()
    set_up_pages(document)
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(xml_safe(f"Chronology: {info_request.reference}"), level=1)
    document.add_paragraph(xml_safe(f"{info_request.title} ({info_request.authority.name})"))

    chron = chronology(info_request.id)
    _table(document, COLUMNS, [[row[key] for key in _KEYS] for row in event_rows(chron.events)])

    assertions = chron.assertions
    document.add_heading("Assertions", level=2)
    if not assertions:
        document.add_paragraph("No assertions have been recorded.")
    else:
        _table(document, ASSERTION_COLUMNS, [
            [
                _assertion_text(a),
                a.verdict,
                "" if a.gap_days is None else str(a.gap_days),
                a.explanation,
                "\n".join(a.sources),
            ]
            for a in assertions
        ])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _assertion_text(assertion) -> str:
    phrase = relation_phrase(Relation(assertion.relation), assertion.n)
    return (f"{assertion.title} ({assertion.first_event.title} {phrase} "
            f"{assertion.second_event.title})")


def _table(document, headings: tuple[str, ...], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = xml_safe(value)  # an email's subject may hold what XML cannot
