"""``/api/v1/docs`` works in a real browser under the app's strict CSP, with every asset served by the app."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: In this engineer's port range (issue 16 helpers: 5500-5599).
PORT = 5517

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]


@pytest.fixture
def served(app):
    server = make_server("127.0.0.1", PORT, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{PORT}"
    server.shutdown()
    thread.join(timeout=5)


def test_swagger_ui_renders_every_operation_without_breaking_the_csp(app, served):
    from playwright.sync_api import sync_playwright

    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    operations = sum(1 for item in spec["paths"].values() for method in item if method in ("get", "post", "patch"))
    problems, requested = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()  # the CSP is enforced: no bypass
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{served}/api/v1/docs")
        page.wait_for_selector(".opblock", timeout=30_000)
        shown = page.locator(".opblock").count()
        title = page.locator(".info .title").inner_text()
        browser.close()
    assert problems == []
    assert shown == operations
    assert title.startswith("casetracker")
    assert requested and all(url.startswith(served) for url in requested)  # nothing from a CDN
