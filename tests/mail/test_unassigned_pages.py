"""The emails to assign are shown a page (PER_PAGE) at a time, newest first."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bs4 import BeautifulSoup

from casetracker.extensions import db


def _keep(app, team_id: int, count: int) -> None:
    from casetracker.documents.services import store_blob
    from casetracker.mail.models import UnassignedMessage

    start = datetime(2022, 5, 1, tzinfo=timezone.utc)
    with app.app_context():
        stored = store_blob(b"From: a@b\r\n\r\nbody", "message/rfc822")
        for n in range(count):
            db.session.add(UnassignedMessage(
                team_id=team_id, stored_file_id=stored.id, filename="box.mbox", subject=f"Message {n:03}",
                message_id=f"m{n}@example.org", created_at=start + timedelta(minutes=n)))
        db.session.commit()


def _subjects(response) -> list[str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return [row.find_all("td")[2].contents[0].strip() for row in soup.select("#unassigned tbody tr[id]")]


def test_unassigned_emails_come_a_page_at_a_time(app, auth, actors):
    app.config["PER_PAGE"] = 25
    _keep(app, actors.team_ids["alpha"], 60)
    _keep(app, actors.team_ids["beta"], 5)
    auth.login("editor")

    first = auth.get("/mail/unassigned")
    assert first.status_code == 200
    assert _subjects(first) == [f"Message {n:03}" for n in range(59, 34, -1)]
    assert "Page 1 of 3 (60 emails)." in first.get_data(as_text=True)
    assert _subjects(auth.get("/mail/unassigned?page=3")) == [f"Message {n:03}" for n in range(9, -1, -1)]
    # Past the end shows the last page; nonsense shows the first.
    assert _subjects(auth.get("/mail/unassigned?page=99"))[0] == "Message 009"
    assert _subjects(auth.get("/mail/unassigned?page=x"))[0] == "Message 059"
    assert 'href="/mail/unassigned?page=2"' in first.get_data(as_text=True)


def test_a_short_list_has_no_pager(app, auth, actors):
    _keep(app, actors.team_ids["alpha"], 3)
    auth.login("viewer")
    response = auth.get("/mail/unassigned")
    assert len(_subjects(response)) == 3
    assert 'id="unassigned-pages"' not in response.get_data(as_text=True)
