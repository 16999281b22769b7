"""axe-core on every page kind, in Debian's chromium: no serious or critical violations; a screenshot each.

axe-core 4.14.1 comes from npm (``.ci/run`` installs it under ``artifacts/axe-core``,
which git ignores); set ``CASETRACKER_AXE_JS`` to use another copy of ``axe.min.js``.
"""

from __future__ import annotations

import os
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from casetracker.extensions import db

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(os.environ.get("CASETRACKER_AXE_JS")
              or ROOT / "artifacts" / "axe-core" / "node_modules" / "axe-core" / "axe.min.js")
SHOTS = ROOT / "artifacts" / "screenshots" / "axe"
PASSWORD = "correct horse battery"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(not AXE_JS.exists(), reason=f"axe-core is not installed at {AXE_JS} "
                       "(npm install --prefix artifacts/axe-core axe-core@4.14.1)"),
]

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


@pytest.fixture
def site(app):
    """The demo case (a requester team) and an FOI office the demo user administers; return the page URLs."""
    from casetracker.auth.constants import Role
    from casetracker.auth.models import Membership, User
    from casetracker.correspondence.models import Correspondence
    from casetracker.correspondence.services import record_correspondence
    from casetracker.demo.loader import load_demo
    from casetracker.disclosure.services import publish_response
    from casetracker.documents.models import Document
    from casetracker.info_requests.models import InfoRequest, PublicAuthority
    from casetracker.info_requests.services import open_request
    from casetracker.officer.estimates import record_estimate
    from casetracker.officer.services import assign_case
    from casetracker.officer.teams import create_team
    from casetracker.teams.services import invite_member

    with app.app_context():
        demo = load_demo()
        user = db.session.scalar(db.select(User).where(User.email == demo.email))
        demo_request = db.session.scalar(db.select(InfoRequest).order_by(InfoRequest.id))
        document = db.session.scalar(db.select(Document).order_by(Document.id))
        entry = db.session.scalar(db.select(Correspondence).order_by(Correspondence.id))
        office = create_team("council-foi", side="authority", authority="Borsetshire County Council",
                             authority_type="other", actor=None)
        db.session.add(Membership(user_id=user.id, team_id=office.id, role=Role.ADMIN))
        db.session.flush()
        db.session.refresh(user)
        r = open_request(team=office, authority=db.session.get(PublicAuthority, office.authority_id),
                         title="Road gritting contracts", received_on=date(2022, 5, 24), actor=None,
                         requester_name="Jo Bloggs", requester_email="jo@example.net")
        assign_case(r, actor=None, officer_id=user.id)
        record_estimate(r, actor=None, hours={"locating": "20"}, advice="Narrow it to 2021.")
        record_correspondence(r, actor=None, kind="response", direction="outgoing", dated=date(2022, 6, 20),
                              outcome="disclosed-in-full")
        publication = publish_response(r, actor=None, exemptions="s43(2)")
        _, token = invite_member(office, actor=None, email="new@example.org", role="editor")
        from casetracker.documents.services import ingest_bytes
        from tests.release.fixtures import pdf_with_box_and_unapplied_redaction

        boxed = ingest_bytes(pdf_with_box_and_unapplied_redaction(), "boxed.pdf", team=office, info_request=r,
                             actor=None).document
        db.session.commit()
        ids = {"demo": demo_request.id, "office": r.id, "document": document.id, "entry": entry.id,
               "publication": publication.id, "team": office.id, "token": token, "email": demo.email,
               "password": demo.password, "pdf": boxed.id, "demo_team": demo_request.team_id,
               "demo_authority": demo_request.authority_id}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", ids
    server.shutdown()
    thread.join(timeout=5)


def _pages(ids: dict) -> list[tuple[str, str]]:
    d, o, doc = ids["demo"], ids["office"], ids["document"]
    return [
        ("dashboard", "/"), ("requests", "/requests/"), ("request-new", "/requests/new"),
        ("request", f"/requests/{d}"), ("request-edit", f"/requests/{d}/edit"),
        ("authorities", "/requests/authorities"), ("authority-new", "/requests/authorities/new"),
        ("correspondence-new", f"/requests/{d}/correspondence/new"),
        ("correspondence", f"/requests/{d}/correspondence/{ids['entry']}"),
        ("upload", f"/requests/{d}/documents"), ("document", f"/documents/{doc}"),
        ("document-dates", f"/documents/{doc}/dates"), ("evidence-link", f"/documents/{doc}/pages/1/evidence"),
        ("search", "/search?q=assessment"), ("chronology", f"/requests/{d}/chronology"),
        ("claim-new", f"/requests/{d}/claims/new"), ("event-new", f"/requests/{d}/events/new"),
        ("assertion-new", f"/requests/{d}/assertions/new"),
        ("team-chronology", "/chronology"), ("mail-upload", f"/requests/{d}/mail"), ("mail-import", "/mail/import"),
        ("mail-unassigned", "/mail/unassigned"), ("letters", f"/requests/{d}/letters"),
        ("letter-compose", f"/requests/{d}/letters/internal-review-request"),
        ("letter-templates", "/letters/templates"), ("non-working-days", "/admin/non-working-days"),
        ("office-request", f"/requests/{o}"), ("office-letter", f"/requests/{o}/letters/refusal-notice"),
        ("case", f"/requests/{o}/case"), ("cost-limit", f"/requests/{o}/cost-limit"),
        ("publish", f"/requests/{o}/publish"), ("workload", "/officer/workload"),
        ("performance", f"/officer/performance?team={ids['team']}&start=2022-01-01&end=2022-12-31"),
        ("members", f"/teams/{ids['team']}/members"), ("not-found", "/requests/999999"),
        ("api-tokens", "/account/tokens"),  # issue 16
        ("calendar-and-email", "/account/notifications"), ("mailbox", f"/teams/{ids['team']}/mailbox"),
        ("send-by-email", f"/requests/{d}/correspondence/{ids['entry']}/email"),
        # Issue 17: a document with release-safety findings (and its acknowledgement form); the redaction page.
        ("document-findings", f"/documents/{ids['pdf']}"), ("redact", f"/documents/{ids['pdf']}/redact"),
        # Statistics per authority (issue 16).
        ("authority-statistics", f"/teams/{ids['demo_team']}/authorities"),
        ("school-terms", f"/teams/{ids['team']}/school-terms"),
        ("authority-statistics-page", f"/teams/{ids['demo_team']}/authorities/{ids['demo_authority']}"),
    ]


PUBLIC = [("login", "/login"), ("disclosure-log", "/disclosure-log"),
          ("disclosure-page", "/disclosure-log/{publication}"), ("invitation", "/invitations/{token}")]
PUBLIC += [("password-reset", "/password-reset")]
PUBLIC += [("intake-form", "/foi/{team}"), ("intake-thanks", "/foi/{team}/thanks")]  # issue 14


def test_every_page_kind_passes_axe(site):
    from playwright.sync_api import sync_playwright

    base, ids = site
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: dict[str, list] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        # The app's CSP forbids inline script (issue 10); only this test's injected axe-core bypasses it.
        page = browser.new_page(bypass_csp=True)

        def check(name: str, path: str) -> None:
            page.goto(base + path)
            page.add_script_tag(path=str(AXE_JS))
            found = [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
            if found:
                problems[name] = found

        for name, path in PUBLIC:
            check(name, path.format(**ids))
        page.goto(f"{base}/login")
        page.fill("input[name=email]", ids["email"])
        page.fill("input[name=password]", ids["password"])
        page.keyboard.press("Enter")  # the main job by keyboard alone: the form submits on Enter
        page.wait_for_url(f"{base}/")
        for name, path in _pages(ids):
            check(name, path)
        browser.close()
    assert problems == {}


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_reassign_a_case_with_the_keyboard_alone(site):
    from playwright.sync_api import sync_playwright

    base, ids = site
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(f"{base}/login")
        _tab_to(page, "input[name=email]")
        page.keyboard.type(ids["email"])
        page.keyboard.press("Tab")
        page.keyboard.type(ids["password"])
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/requests/{ids['office']}")
        _tab_to(page, "a[href$='/case']")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/requests/{ids['office']}/case")
        assert page.inner_text("#case-officer") == "Demo campaigner"
        _tab_to(page, "select[name=case-officer]")
        page.keyboard.press("ArrowUp")  # "Nobody yet"
        _tab_to(page, "input[name=case-submit]")
        page.keyboard.press("Enter")
        page.wait_for_selector("text=Case officer saved.")
        assert page.inner_text("#case-officer") == "Nobody yet"
        page.screenshot(path=str(SHOTS / "keyboard-reassigned.png"))
        browser.close()
