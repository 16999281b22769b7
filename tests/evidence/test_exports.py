"""The chronology as rows for letters, as a .docx read back with python-docx, and as CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import docx
import pytest

from casetracker.correspondence.services import record_correspondence
from casetracker.documents.models import Document
from casetracker.evidence.chronology import chronology_rows
from casetracker.evidence.demo import seed_demo_evidence
from casetracker.evidence.exports import chronology_csv, chronology_docx
from casetracker.evidence.fuzzy_dates import FuzzyDate
from casetracker.evidence.models import Event
from casetracker.evidence.services import link_evidence, record_event
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest

EMAIL = "dfe-email-to-schools-2022-02-08.txt, p. 1"
DPIA = "dpia-version-1-cover-page.txt, p. 1"
LETTER = "ico-disclosure-letter.txt, p. 1"

ROWS = [
    ["7 February 2022", "Daily attendance data collection began", EMAIL, "began on 7 February 2022"],
    ["8 February 2022", "DfE email to schools says it is working closely with the ICO", EMAIL,
     "working closely with the ICO"],
    ["14 February 2022", "ICO received the DPIA from the department", LETTER, "a week after the collection began"],
    ["15 February 2022", "DPIA version 1 dated", DPIA, "Version 1 dated 15 February 2022"],
    ["15 February 2022", "DPIA version 1 dated", LETTER,
     "we first received its data protection impact assessment after that date"],
    ["May 2022", "ICO acknowledged the request",
     'Acknowledgement of 25 May 2022: "Acknowledgement of your request IC-170001-X7K2"', ""],
    ["Date not known", "DfE first sent the DPIA to the ICO", "", ""],
]
ASSERTION_ROW = [
    "DPIA dated on or before the collection began "
    "(DPIA version 1 dated on or before Daily attendance data collection began)",
    "contradicted",
    "8",
    "DPIA version 1 dated (15 February 2022) is 8 days after Daily attendance data collection began "
    "(7 February 2022), not on or before it.",
    f'{DPIA}: "Version 1 dated 15 February 2022"\n'
    f'{LETTER}: "we first received its data protection impact assessment after that date"\n'
    f'{EMAIL}: "began on 7 February 2022"',
]


#: Issue 15: the ICO's statement, checked with a two-day tolerance, contradicting the email's claim.
ABOUT_A_WEEK_ROW = [
    "ICO received the DPIA about a week after the collection began (ICO received the DPIA from the department "
    "about 7 days (give or take 2) after Daily attendance data collection began)",
    "holds",
    "7",
    "ICO received the DPIA from the department (14 February 2022) is 7 days after Daily attendance data "
    "collection began (7 February 2022), so it is about 7 days (give or take 2) after it.",
    f'{LETTER}: "a week after the collection began"\n{EMAIL}: "began on 7 February 2022"',
]


@pytest.fixture
def seeded(case, ctx):
    """Seed the demo's chronology on the case, plus a letter passage, a dated-by-month and an undated event."""
    r = db.session.get(InfoRequest, case.request_id)
    email, dpia, letter = (db.session.get(Document, getattr(case, k)) for k in ("email", "dpia", "letter"))
    seed_demo_evidence(to_ico=r, email=email, dpia=dpia, letter=letter)
    dpia_event = db.session.scalar(db.select(Event).where(Event.title == "DPIA version 1 dated"))
    link_evidence(letter, 1, "we first received its data protection impact assessment after that date", "context",
                  actor=None, event=dpia_event)
    entry = record_correspondence(r, actor=None, kind="acknowledgement", direction="incoming",
                                  dated=date(2022, 5, 25), subject="Acknowledgement of your request IC-170001-X7K2")
    record_event(r, actor=None, title="DfE first sent the DPIA to the ICO", date=None)
    record_event(r, actor=None, title="ICO acknowledged the request", date=FuzzyDate(2022, 5), correspondence=entry)
    db.session.commit()
    return r


def test_chronology_rows_are_what_the_letters_helper_reads(seeded):
    rows = chronology_rows(seeded.id)
    assert [list(row) for row in rows] == [["date", "event", "source", "quote"]] * len(ROWS)
    assert [list(row.values()) for row in rows] == ROWS


def test_the_docx_holds_every_row_with_exact_cell_texts(seeded):
    document = docx.Document(io.BytesIO(chronology_docx(seeded)))
    events, assertions = document.tables
    assert [[cell.text for cell in row.cells] for row in events.rows] == [
        ["Date", "Event", "Source document and page", "Quote"], *ROWS,
    ]
    assert [[cell.text for cell in row.cells] for row in assertions.rows] == [
        ["Assertion", "Verdict", "Gap in days", "Explanation", "Sources"], ASSERTION_ROW, ABOUT_A_WEEK_ROW,
    ]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [f"Chronology: {seeded.reference}", "Assertions"]


def test_an_empty_chronology_exports_headings_only(case, ctx):
    r = db.session.get(InfoRequest, case.request_id)
    document = docx.Document(io.BytesIO(chronology_docx(r)))
    (events,) = document.tables
    assert [[cell.text for cell in row.cells] for row in events.rows] == [
        ["Date", "Event", "Source document and page", "Quote"]]
    assert "No assertions have been recorded." in [p.text for p in document.paragraphs]


def test_the_csv_has_the_same_columns_and_rows(seeded):
    data = chronology_csv(seeded)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["Date", "Event", "Source document and page", "Quote"], *ROWS]
