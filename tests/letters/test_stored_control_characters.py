"""Text stored with a control character (an email's headers, rows stored before they were refused) still makes a .docx."""

from __future__ import annotations

import datetime as dt

from casetracker.evidence.exports import chronology_docx
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest
from casetracker.letters.context import build_context
from casetracker.letters.render import render_letter


def test_a_chronology_and_a_letter_show_each_control_character_as_the_replacement_character(
        app, make_request, read_docx):
    # XML 1.0 cannot hold them, and python-docx raised ValueError (a 500).
    request_id = make_request(title="Pupil data pilot", authority="Information Commissioner's Office",
                              received=dt.date(2022, 5, 24), sent_on=dt.date(2022, 5, 24),
                              requester_name="Sian", requester_email="sian@example.org",
                              body="All correspondence about the pilot.")
    with app.app_context():
        info_request = db.session.get(InfoRequest, request_id)
        info_request.title = "Pupil\x01data\x07pilot"
        info_request.requester_name = "Si\x0ban"
        db.session.commit()
        chronology = read_docx(chronology_docx(db.session.get(InfoRequest, request_id)))
        ctx = build_context(db.session.get(InfoRequest, request_id), "foi-request", today=dt.date(2022, 5, 24),
                            overrides={"request.text": "Please send the \x1fminutes."})
        letter = read_docx(render_letter("foi-request", ctx))
    assert "Pupil\ufffddata\ufffdpilot (Information Commissioner's Office)" in chronology
    assert "Please send the \ufffdminutes." in letter and "Si\ufffdan" in letter
