"""The retention page, the export page, and the generated record of processing and DPIA template."""

from __future__ import annotations

import io
import json
import zipfile

from pathlib import Path

from casetracker.privacy.records import dpia_template, period_words, record_of_processing
from casetracker.privacy.schedule import DEFAULT_MONTHS, rules
from tests.privacy.conftest import EMAIL, NAME


def test_team_admin_downloads_the_requesters_data(auth, case):
    auth.login("admin")
    response = auth.post("/teams/1/requesters/export", {"email": EMAIL})
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=subject-access-1.zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        data = json.loads(archive.read("person.json"))
        assert [r["requester_name"] for r in data["requests"]] == [NAME]
        assert sorted(n for n in archive.namelist() if n.startswith("files/")) == [
            f"files/{case['note']}-call-note.txt", f"files/{case['letter']}-{case['reference']}-acknowledgement.docx",
            f"files/{case['generated_document']}-{case['reference']}-foi-request-2022-05-23.docx", "files/mail-1.eml"]


def test_export_page_says_when_nothing_is_held_and_another_team_sees_nothing(auth, case):
    auth.login("otheradmin")
    response = auth.post("/teams/2/requesters/export", {"email": EMAIL})
    assert response.status_code == 422
    assert f"beta holds nothing under {EMAIL}." in response.get_data(as_text=True)


def test_retention_page_shows_the_configured_periods(app, auth, actors):
    app.config["RETENTION_MONTHS"] = {"closed_requests": 72}
    auth.login("siteadmin")
    html = auth.get("/admin/retention").get_data(as_text=True)
    assert "<td>Closed requests and their correspondence</td><td>72 months</td>" in html
    assert "<td>Mail waiting to be assigned</td><td>6 months</td>" in html


def test_retention_docs_carry_the_configured_periods(app, runner, tmp_path):
    app.config["RETENTION_MONTHS"] = {"closed_requests": 72, "unassigned_mail": 3}
    result = runner.invoke(args=["retention", "docs", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    record = (tmp_path / "record-of-processing.md").read_text()
    dpia = (tmp_path / "dpia-template.md").read_text()
    assert record.startswith("# Record of processing activities (UK GDPR Art 30)")
    expected = {**DEFAULT_MONTHS, "closed_requests": 72, "unassigned_mail": 3}
    for rule in rules(expected):
        row = next(line for line in record.splitlines() if line.startswith(f"| {rule.label} |"))
        assert f"| {period_words(rule)} | {rule.counted_from} |" in row, row
        assert f"- {rule.label}: {period_words(rule)} from {rule.counted_from}" in dpia
    assert "| 6 years (72 months) |" in record and "| 3 months |" in record


def test_the_docs_in_the_repository_are_the_defaults_generated():
    root = Path(__file__).resolve().parents[2] / "docs"
    assert (root / "record-of-processing.md").read_text() == record_of_processing(rules())
    assert (root / "dpia-template.md").read_text() == dpia_template(rules())


def test_a_bad_period_in_config_is_refused_with_its_name(app, runner, tmp_path):
    app.config["RETENTION_MONTHS"] = {"closed_request": 12}
    result = runner.invoke(args=["retention", "docs", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "Error: RETENTION_MONTHS: 'closed_request' is not a record type" in result.output


def test_the_queue_runs_the_schedule_as_a_task(app, actors, case):
    """The periodic task calls the same run (QUEUE_IMMEDIATE runs it here and now)."""
    from casetracker.tasks.queue import send
    from tests.privacy.conftest import close

    app.config["RETENTION_MONTHS"] = {"unassigned_mail": 1}
    close(app, case["request"])
    with app.app_context():
        from casetracker.extensions import db
        from casetracker.mail.models import UnassignedMessage
        from datetime import timedelta
        from sqlalchemy import update

        from casetracker.timeutil import utcnow

        db.session.execute(update(UnassignedMessage).values(created_at=utcnow() - timedelta(days=40)))
        db.session.commit()
        send("retention_run")
        assert db.session.scalar(db.select(UnassignedMessage.id)) is None
