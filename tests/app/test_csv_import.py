"""``flask requests import`` and the import page: good rows stored, bad rows named by line and reason."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from casetracker.correspondence.models import Correspondence
from casetracker.extensions import db
from casetracker.info_requests.clock_models import RequestClock
from casetracker.info_requests.models import InfoRequest, PublicAuthority

GOOD_AND_BAD = (
    "Title,authority,regime,sent,received,our_reference,their_reference,requester_name,requester_email,"
    "response_date,outcome\n"
    "Board minutes,Department for Education,foia,2022-05-24,2022-05-24,,DfE-1,Ann Smith,ann@example.org,"
    "2022-06-20,disclosed-in-part\n"
    "Roads budget,Fife Council,FOISA,,24/05/2022,OURS-7,,,,,\n"
    "No date,Fife Council,foia,,,,,,,,\n"                                       # line 4: received missing
    "\"Quoted, with comma\",Department for Education,foia,,2022-13-01,,,,,,\n"  # line 5: impossible date
    "Bad outcome,Department for Education,foia,,2022-05-24,,,,,2022-06-01,won\n"  # line 6
    "Last good,\"Department  for Education\",eir,,2022-06-01,,,,,,\n"
)


def _write(tmp_path, text, name="requests.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def test_cli_imports_good_rows_and_names_each_bad_line(app, runner, actors, tmp_path):
    path = _write(tmp_path, GOOD_AND_BAD)
    result = runner.invoke(args=["requests", "import", str(path), "--team", "alpha", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"imported": 3, "failed": [
        {"line": 4, "reason": "received is empty."},
        {"line": 5, "reason": "received '2022-13-01' is not a date (write 2022-05-24 or 24/05/2022)."},
        {"line": 6, "reason": "outcome 'won' is not one of disclosed-in-full, disclosed-in-part, refused, not-held."},
    ]}
    with app.app_context():
        rows = db.session.scalars(db.select(InfoRequest).order_by(InfoRequest.id)).all()
        assert [(r.title, r.regime, r.received_on, r.reference, r.status, r.outcome) for r in rows] == [
            ("Board minutes", "foia", date(2022, 5, 24), "CT-2022-0001", "responded", "disclosed-in-part"),
            ("Roads budget", "foisa", date(2022, 5, 24), "OURS-7", "awaiting-response", "pending"),
            ("Last good", "eir", date(2022, 6, 1), "CT-2022-0002", "awaiting-response", "pending"),
        ]
        assert rows[0].their_reference == "DfE-1" and rows[0].requester_email == "ann@example.org"
        # One authority per name, whitespace tidied; nothing of the refused rows (not even "No date"'s authority use).
        assert db.session.scalars(db.select(PublicAuthority.name).order_by(PublicAuthority.name)).all() == [
            "Department for Education", "Fife Council"]
        response = db.session.scalar(db.select(Correspondence).where(Correspondence.request_id == rows[0].id))
        assert (response.kind, response.dated, response.direction) == ("response", date(2022, 6, 20), "incoming")
        clock = db.session.scalar(db.select(RequestClock).where(RequestClock.request_id == rows[0].id,
                                                                RequestClock.name == "response"))
        assert (clock.due_on, clock.state) == (date(2022, 6, 23), "met")


def test_every_imported_request_has_its_audit_entries_and_verified_clocks(app, runner, actors, tmp_path):
    from casetracker.audit.models import AuditEvent
    from casetracker.info_requests.projection import verify_clocks

    result = runner.invoke(args=["requests", "import", str(_write(tmp_path, GOOD_AND_BAD)), "--team", "alpha", "--json"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        requests = db.session.scalars(db.select(InfoRequest).order_by(InfoRequest.id)).all()
        events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.request_id.is_not(None))
                                    .order_by(AuditEvent.id)).all()
        response = db.session.scalar(db.select(Correspondence))
        assert [(e.action, e.object_type, e.object_id, e.request_id, e.team_id, e.actor_label) for e in events] == [
            ("request.opened", "info_requests", r.id, r.id, actors.team_ids["alpha"], "system") for r in requests
        ] + [("correspondence.recorded", "correspondence", response.id, requests[0].id, actors.team_ids["alpha"],
              "system")]
        assert events[0].summary == f"Request {requests[0].reference} opened (CSV import)"
        assert events[0].after["title"] == "Board minutes" and events[0].after["received_on"] == "2022-05-24"
        assert events[0].before is None and events[0].occurred_at is not None
        assert events[-1].after["kind"] == "response" and events[-1].after["dated"] == "2022-06-20"
        assert verify_clocks() == (3, [])


def test_cli_plain_output_lists_lines(app, runner, actors, tmp_path):
    result = runner.invoke(args=["requests", "import", str(_write(tmp_path, GOOD_AND_BAD)), "--team", "alpha"])
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == ["Imported 3 requests.", "line 4: received is empty."]


def test_a_row_refused_by_the_services_stores_nothing_of_it(app, runner, actors, tmp_path):
    text = ("title,authority,received,our_reference,response_date\n"
            "First,New Authority,2022-05-24,DUP-1,\n"
            "Second,Another New Authority,2022-05-24,DUP-1,\n"       # reference taken: refused in the savepoint
            "Third,Later Authority,2022-05-24,,2022-05-01\n")
    result = runner.invoke(args=["requests", "import", str(_write(tmp_path, text)), "--team", "alpha", "--json"])
    assert json.loads(result.output)["failed"] == [
        {"line": 3, "reason": "our_reference DUP-1 is also on line 2."},
        {"line": 4, "reason": "response_date is before the request was received."},
    ]
    again = "title,authority,received,our_reference\nRepeat,Yet Another Authority,2022-05-24,dup-1\n"
    result = runner.invoke(args=["requests", "import", str(_write(tmp_path, again)), "--team", "alpha", "--json"])
    assert json.loads(result.output) == {"imported": 0, "failed": [
        {"line": 2, "reason": "The reference dup-1 is already used."}]}
    with app.app_context():
        assert db.session.scalars(db.select(PublicAuthority.name)).all() == ["New Authority"]


@pytest.mark.parametrize("content,message", [
    (b"%PDF-1.7\n\x00\x01binary", "This is not a CSV file (it holds binary data)"),
    (b"PK\x03\x04\x14\x00\x06\x00", "This is not a CSV file (it holds binary data)"),
    (b"", "The file is empty"),
    (b"name,date\nBoard minutes,2022-05-24\n", "found no title, authority, received column; unknown columns name, date"),
    # A quote never closed swallowed the rest of the file and was reported as "authority is empty" (new-user test).
    (b'title,authority,received\nGood,Ofsted,2022-05-24\n"unterminated,Department for Education,2022-11-02\n'
     b"Next,Ofsted,2022-05-24\n",
     'Line 3: a quote (") opens a value that is never closed, so the rest of the file would be read as that one '
     "value. Close the quote or remove it; nothing was imported."),
])
def test_not_a_csv_of_requests_is_refused_with_a_message(app, runner, actors, tmp_path, content, message):
    result = runner.invoke(args=["requests", "import", str(_write(tmp_path, content, "x.csv")), "--team", "alpha"])
    assert result.exit_code == 1
    assert message in result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(InfoRequest.id))) == 0


def test_unknown_team_is_a_usage_error(app, runner, actors, tmp_path):
    result = runner.invoke(args=["requests", "import", str(_write(tmp_path, GOOD_AND_BAD)), "--team", "nope"])
    assert result.exit_code == 2 and "There is no team called 'nope'" in result.output


def test_upload_page_imports_and_lists_refused_lines(app, auth):
    auth.login("editor")
    assert auth.get("/requests/import").status_code == 200
    response = auth.post("/requests/import", {"team_id": str(auth_team(app)),
                                              "file": (io.BytesIO(GOOD_AND_BAD.encode()), "log.csv")},
                         content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Imported 3 requests; 3 rows refused." in page
    assert '<li data-line="5">Line 5: received &#39;2022-13-01&#39; is not a date' in page


def test_upload_page_refuses_a_workbook(app, auth):
    auth.login("editor")
    response = auth.post("/requests/import", {"team_id": str(auth_team(app)),
                                              "file": (io.BytesIO(b"PK\x03\x04\x00\x00binary"), "log.xlsx")},
                         content_type="multipart/form-data")
    assert response.status_code == 422
    assert "This is not a CSV file (it holds binary data)" in response.get_data(as_text=True)


def test_upload_page_refuses_more_rows_than_its_limit_and_stores_none(app, auth):
    """The page holds the write lock while it imports, so it takes IMPORT_PAGE_MAX_ROWS rows; the CLI has no limit."""
    app.config["IMPORT_PAGE_MAX_ROWS"] = 3
    auth.login("editor")
    rows = "title,authority,received\n" + "".join(f"Minutes {i},Ofsted,2022-05-24\n" for i in range(4))
    response = auth.post("/requests/import", {"team_id": str(auth_team(app)),
                                              "file": (io.BytesIO(rows.encode()), "log.csv")},
                         content_type="multipart/form-data")
    assert response.status_code == 422
    assert "This file has more than 3 rows, the most the import page takes at once." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(InfoRequest.id))) == 0
    rows_ok = "title,authority,received\n" + "".join(f"Minutes {i},Ofsted,2022-05-24\n" for i in range(3))
    response = auth.post("/requests/import", {"team_id": str(auth_team(app)),
                                              "file": (io.BytesIO(rows_ok.encode()), "log.csv")},
                         content_type="multipart/form-data")
    assert response.status_code == 302


@pytest.mark.parametrize("who,status", [("viewer", 403), ("other", 200)])
def test_upload_page_needs_an_editor(app, auth, who, status):
    auth.login(who)
    assert auth.get("/requests/import").status_code == status


def test_upload_page_refuses_another_teams_id(app, auth, actors):
    auth.login("editor")
    response = auth.post("/requests/import", {"team_id": str(actors.team_ids["beta"]),
                                              "file": (io.BytesIO(GOOD_AND_BAD.encode()), "log.csv")},
                         content_type="multipart/form-data")
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(InfoRequest.id))) == 0


def auth_team(app):
    from casetracker.auth.models import Team

    with app.app_context():
        return db.session.scalar(db.select(Team.id).where(Team.name == "alpha"))


def test_a_control_character_in_any_cell_refuses_that_row_by_name(app, runner, actors, tmp_path):
    # The forms and the API refuse them (typed_text); a title holding \x01 made the chronology .docx a 500.
    path = _write(tmp_path, "title,authority,received,requester_name\n"
                            "\"Ctrl\x01char\",Fife Council,2024-03-01,\n"
                            "Clean,Fife Council,2024-03-01,\"Ann\x07Smith\"\n"
                            "Tabs\tare text,Fife Council,2024-03-01,\n")
    result = runner.invoke(args=["requests", "import", str(path), "--team", "alpha", "--json"])
    assert json.loads(result.output) == {"imported": 1, "failed": [
        {"line": 2, "reason": "title: Text may not contain a control character ('\\x01' was sent)."},
        {"line": 3, "reason": "requester_name: Text may not contain a control character ('\\x07' was sent)."},
    ]}
    with app.app_context():
        assert db.session.scalars(db.select(InfoRequest.title)).all() == ["Tabs are text"]  # white space tidied
