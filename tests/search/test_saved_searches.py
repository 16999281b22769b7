"""Saved searches and the dashboard alert "3 new pages match 'DPIA AND Wonde'" (issue 13)."""

from __future__ import annotations

import re

import pytest

from casetracker.extensions import db


@pytest.fixture
def census(app, make_request):
    request_id = make_request(title="Census")

    def add(name: str, text: str) -> None:
        from casetracker.documents.services import ingest_bytes
        from casetracker.info_requests.models import InfoRequest

        with app.app_context():
            r = db.session.get(InfoRequest, request_id)
            ingest_bytes(text.encode(), name, team=r.team, info_request=r, actor=None)
            db.session.commit()

    add("first.txt", "The DPIA for Wonde was late.")
    return add


def _saved_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-saved="(\d+)"', html)]


def test_new_matching_pages_show_on_the_dashboard_until_opened(auth, census):
    auth.login("editor")
    assert auth.post("/search/saved", data={"q": "DPIA AND Wonde"}).status_code == 302
    assert "data-alert" not in auth.get("/").get_data(as_text=True)

    census("second.txt", "Wonde sent the DPIA.")
    census("third.txt", "A DPIA, again for Wonde.\fPage two: Wonde and the DPIA.")
    census("other.txt", "Nothing about it.")

    dashboard = auth.get("/").get_data(as_text=True)
    assert "3 new pages match &#39;DPIA AND Wonde&#39;" in dashboard
    [saved_id] = _saved_ids(auth.get("/search/saved").get_data(as_text=True))
    opened = auth.post(f"/search/saved/{saved_id}/open")
    assert opened.status_code == 302 and "/search?q=DPIA+AND+Wonde" in opened.headers["Location"]
    assert "data-alert" not in auth.get("/").get_data(as_text=True)


def test_a_saved_search_keeps_its_filters(auth, census):
    auth.login("editor")
    auth.post("/search/saved", data={"q": "DPIA", "f": ["type:txt"]})
    census("second.txt", "Another DPIA.")

    assert "1 new page matches &#39;DPIA type:txt&#39;" in auth.get("/").get_data(as_text=True)


def test_another_users_saved_search_is_not_found(app, auth, census):
    from tests.conftest import AuthClient

    auth.login("editor")
    auth.post("/search/saved", data={"q": "DPIA"})
    [saved_id] = _saved_ids(auth.get("/search/saved").get_data(as_text=True))

    viewer = AuthClient(app.test_client())
    viewer.login("viewer")
    assert _saved_ids(viewer.get("/search/saved").get_data(as_text=True)) == []
    assert viewer.post(f"/search/saved/{saved_id}/open").status_code == 404
    assert viewer.post(f"/search/saved/{saved_id}/delete").status_code == 404

    assert auth.post(f"/search/saved/{saved_id}/delete").status_code == 302
    assert _saved_ids(auth.get("/search/saved").get_data(as_text=True)) == []


def test_an_empty_or_refused_search_is_not_saved(auth, census):
    auth.login("editor")

    empty = auth.post("/search/saved", data={"q": "  "}, follow_redirects=True)
    broad = auth.post("/search/saved", data={"q": "x" * 501})

    assert "Give a query to save." in empty.get_data(as_text=True)
    assert broad.status_code == 400
    assert auth.post("/search/saved", data={"q": "DPIA"}, csrf=False).status_code == 400
    assert _saved_ids(auth.get("/search/saved").get_data(as_text=True)) == []
