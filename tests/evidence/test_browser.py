"""A real browser: select words on a document page, use them as evidence, see the chronology.

Drives Debian's chromium through Playwright, as ``tests/browser`` does.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from casetracker.extensions import db

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]

SELECT_WORDS = """(words) => {
  const node = document.querySelector("section[data-page='1'] .page-text").firstChild;
  const start = node.textContent.indexOf(words);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + words.length);
  window.getSelection().removeAllRanges();
  window.getSelection().addRange(range);
}"""


@pytest.fixture
def live_server(app, case):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def test_selected_words_become_an_evidence_passage(app, live_server, case):
    from playwright.sync_api import sync_playwright

    from casetracker.evidence.models import EvidencePassage

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.goto(f"{live_server}/login")
            page.fill("input[name=email]", "editor@example.org")
            page.fill("input[name=password]", "correct horse battery")
            page.click("input[type=submit]")
            page.wait_for_url(f"{live_server}/")

            page.goto(f"{live_server}/documents/{case.dpia}")
            page.evaluate(SELECT_WORDS, "Version 1 dated 15 February 2022")
            page.dispatch_event("section[data-page='1'] .page-text", "mouseup")
            assert page.input_value("#quote-1") == "Version 1 dated 15 February 2022"
            assert page.get_attribute("section[data-page='1'] details.evidence-actions", "open") is not None
            page.select_option("#stance-1", "context")
            page.click("section[data-page='1'] button[type=submit]")
            page.wait_for_url(f"{live_server}/documents/{case.dpia}#page-1")
            assert "Evidence linked from page 1." in page.inner_text("main")
        finally:
            browser.close()

    with app.app_context():
        (passage,) = db.session.scalars(db.select(EvidencePassage))
        assert (passage.quote, passage.stance, passage.page) == ("Version 1 dated 15 February 2022", "context", 1)
