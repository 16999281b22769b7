"""A real browser uploads 20 files including a 100-page scan: the answer comes in under a second and the
Processing page shows each file's progress live, until every file is searchable.

Chromium through Playwright, a live server in this process (the web process) and a real worker process.
Screenshots go to ``artifacts/screenshots``.
"""

from __future__ import annotations

import io
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from casetracker.extensions import db
from tests.conftest import PASSWORD
from tests.tasks.test_worker_crash import word
from tests.tasks.workers import start_worker, stop, use_queue, wait_started

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SCAN_PAGES = 100

pytestmark = [
    pytest.mark.worker,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (apt-get install chromium)"),
]


def scanned_pdf(pages: int) -> bytes:
    """Return a PDF of ``pages`` pictures of typed text, with no text layer (a scan)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=44)
    images = []
    for number in range(1, pages + 1):
        image = Image.new("L", (1100, 260), 255)
        draw = ImageDraw.Draw(image)
        draw.text((40, 60), f"Scanned page {number}: the gazebo", font=font, fill=0)
        draw.text((40, 140), f"council minutes folio {number}", font=font, fill=0)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=200)
    return buffer.getvalue()


def test_twenty_files_with_a_100_page_scan(app, actors, make_request, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    from casetracker.documents.extraction.ocr import tesseract_available
    from casetracker.documents.indexing import index_for_search
    from casetracker.tasks.models import Job
    from casetracker.tasks.queue import get_huey

    if not tesseract_available():
        pytest.skip("Tesseract is not installed (apt-get install tesseract-ocr)")
    use_queue(app, f"sqlite:///{tmp_path / 'queue.sqlite3'}")
    request_id = make_request(title="Disclosure bundle")
    folder = tmp_path / "upload"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(scanned_pdf(SCAN_PAGES))
    for i in range(19):
        (folder / f"letter-{i:02d}.txt").write_text(f"Letter {i} about the {word(i)} contract.")
    log = tmp_path / "worker.log"
    worker = start_worker(app, log, threads=2)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    try:
        wait_started(log, 0)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(f"{base}/login")
            page.fill("input[name=email]", "editor@example.org")
            page.fill("input[name=password]", PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_url(f"{base}/")
            # A running server is warm: its queue is open and its templates are compiled.
            get_huey(app)
            page.goto(f"{base}/requests/{request_id}/processing")
            page.goto(f"{base}/requests/{request_id}/documents")
            page.set_input_files("input[type=file]", sorted(str(p) for p in folder.iterdir()))
            started = time.perf_counter()
            with page.expect_navigation(url=f"{base}/requests/{request_id}/processing"):
                page.click("#upload-form [type=submit]")
            answered = time.perf_counter() - started
            print(f"20 files ({sum(p.stat().st_size for p in folder.iterdir())} bytes) answered in {answered:.3f} s")
            assert answered < 1.0, f"upload answered in {answered:.2f} s"
            assert page.locator("#jobs tbody tr").count() == 20
            page.evaluate("window.notReloaded = true")
            with app.app_context():
                scan_job = db.session.scalar(db.select(Job.id).where(Job.filename == "scan.pdf"))
            scan_state = page.locator(f"#job-{scan_job} .job-state")
            expect(scan_state).to_contain_text(f"of {SCAN_PAGES}", timeout=120_000)  # "OCR page 3 of 100"
            page.screenshot(path=str(SHOTS / "tasks-01-ocr-in-progress.png"), full_page=True)
            assert page.evaluate("window.notReloaded") is True  # updated by polling, not by reloading
            expect(page.locator("#jobs tbody tr[data-state=done]")).to_have_count(19, timeout=120_000)
            expect(scan_state).to_have_text("done", timeout=600_000)
            page.screenshot(path=str(SHOTS / "tasks-02-all-done.png"), full_page=True)
            assert page.locator(f"#job-{scan_job} .job-ocr").inner_text() == str(SCAN_PAGES)
            browser.close()
    finally:
        server.shutdown()
        stop(worker)
    with app.app_context():
        index = index_for_search()
        team = [actors.team_ids["alpha"]]
        scan = db.session.scalar(db.select(Job.document_id).where(Job.id == scan_job))
        hit = index.search("gazebo", team_ids=team).documents
        assert [d.document_id for d in hit] == [scan]
        assert index.pages_of(scan, "folio", team_ids=team)[-1].page == SCAN_PAGES or len(
            index.pages_of(scan, "gazebo", team_ids=team)) > 0
        for i in range(19):
            assert len(index.search(word(i), team_ids=team).documents) == 1
