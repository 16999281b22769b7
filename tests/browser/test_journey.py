"""A real browser: log in, create a request, record a response, see the dashboard change.

Drives Debian's chromium through Playwright (``executable_path``); screenshots go to
``artifacts/screenshots`` (ignored by git).
"""

from __future__ import annotations

import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from casetracker.extensions import db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def live_server(app, actors):
    from casetracker.auth.models import Team
    from casetracker.info_requests.services import get_or_create_authority

    with app.app_context():
        get_or_create_authority(db.session.get(Team, actors.team_ids["alpha"]), "Department for Education", actor=None)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def test_log_in_create_request_record_response(live_server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        page.goto(f"{live_server}/login")
        page.screenshot(path=str(SHOTS / "01-login.png"))
        page.fill("input[name=email]", "editor@example.org")
        page.fill("input[name=password]", "correct horse battery")
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server}/")
        page.screenshot(path=str(SHOTS / "02-dashboard-empty.png"))

        page.goto(f"{live_server}/requests/new")
        page.fill("input[name=title]", "Minutes of the data board")
        page.select_option("select[name=authority_id]", label="Department for Education")
        page.fill("input[name=sent_on]", "2022-01-14")
        page.fill("input[name=received_on]", "2022-01-14")
        page.screenshot(path=str(SHOTS / "03-new-request.png"))
        page.click("input[type=submit]")
        page.wait_for_selector("#clocks")
        assert "Fri 11 Feb 2022" in page.inner_text("#clocks")
        page.screenshot(path=str(SHOTS / "04-request.png"))

        page.goto(f"{live_server}/")
        assert "Minutes of the data board" in page.inner_text("#overdue")
        assert page.get_attribute("[data-status=awaiting-response]", "data-status") == "awaiting-response"

        page.goto(f"{live_server}/requests/")
        page.click("text=CT-2022-0001")
        page.click("text=Record correspondence")
        page.select_option("select[name=kind]", "response")
        page.select_option("select[name=direction]", "incoming")
        page.fill("input[name=dated]", date(2022, 2, 10).isoformat())
        page.select_option("select[name=outcome]", "disclosed-in-part")
        page.screenshot(path=str(SHOTS / "05-record-response.png"))
        page.click("input[type=submit]")
        page.wait_for_selector("#status")
        assert page.inner_text("#status") == "Responded"
        page.screenshot(path=str(SHOTS / "06-responded.png"))

        page.goto(f"{live_server}/")
        assert page.locator("#overdue").count() == 0
        assert page.locator("[data-status=responded]").count() == 1
        assert page.locator("[data-status=awaiting-response]").count() == 0
        page.screenshot(path=str(SHOTS / "07-dashboard-after.png"))
        browser.close()
