"""The web server killed with SIGKILL in the middle of an upload leaves nothing stored; the upload can be retried."""

from __future__ import annotations

import http.cookiejar
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from casetracker.extensions import db
from tests.conftest import PASSWORD, TOKEN_RE
from tests.tasks.workers import ROOT, use_queue, worker_env

pytestmark = pytest.mark.worker

PORT = 5133


def start_server(app, log: Path) -> subprocess.Popen:
    out = open(log, "ab")
    try:
        server = subprocess.Popen([sys.executable, "-m", "flask", "--app", "casetracker", "run", "--port", str(PORT)],
                                  cwd=ROOT, env=worker_env(app), stdout=out, stderr=out)
    finally:
        out.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError(log.read_text(errors="replace")[-2000:])


class Browser:
    """Log in over HTTP and keep the session cookie."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def token(self, path: str) -> str:
        html = self.opener.open(f"http://127.0.0.1:{PORT}{path}").read().decode()
        match = TOKEN_RE.search(html)
        return match.group(1) or match.group(2)

    def login(self) -> None:
        data = urllib.parse.urlencode({"email": "editor@example.org", "password": PASSWORD,
                                       "csrf_token": self.token("/login")}).encode()
        self.opener.open(f"http://127.0.0.1:{PORT}/login", data)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def multipart(token: str, name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----casetracker-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def post_raw(browser: Browser, path: str, body: bytes, content_type: str, *, send: int) -> socket.socket:
    """Send the request line, headers and the first ``send`` bytes of the body; return the open socket."""
    conn = socket.create_connection(("127.0.0.1", PORT))
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nCookie: {browser.cookie_header()}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    conn.sendall(head + body[:send])
    return conn


def _stored(app):
    from casetracker.documents.models import StoredFile
    from casetracker.tasks.models import Job

    with app.app_context():
        counts = (db.session.scalar(db.select(db.func.count(Job.id))),
                  db.session.scalar(db.select(db.func.count(StoredFile.id))))
        db.session.commit()
    files = [p for p in Path(app.config["FILES_PATH"]).rglob("*") if p.is_file()] if Path(
        app.config["FILES_PATH"]).exists() else []
    return (*counts, len(files))


def test_server_killed_mid_upload_stores_nothing_and_the_upload_can_be_retried(app, actors, make_request, tmp_path):
    use_queue(app, f"sqlite:///{tmp_path / 'queue.sqlite3'}")
    request_id = make_request(title="Big scan")
    log = tmp_path / "server.log"
    data = b"%PDF-1.7\n" + b"0" * 4_000_000
    server = start_server(app, log)
    browser = Browser()
    browser.login()
    path = f"/requests/{request_id}/documents"
    body, content_type = multipart(browser.token(path), "scan.pdf", data)
    conn = post_raw(browser, path, body, content_type, send=len(body) // 2)
    time.sleep(0.5)
    server.send_signal(signal.SIGKILL)
    server.wait()
    conn.close()
    assert _stored(app) == (0, 0, 0)

    server = start_server(app, log)
    try:
        browser = Browser()
        browser.login()
        body, content_type = multipart(browser.token(path), "scan.pdf", data)
        conn = post_raw(browser, path, body, content_type, send=len(body))
        reply = conn.recv(4096).decode(errors="replace")
        conn.close()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    assert reply.startswith("HTTP/1.1 303"), reply[:300]
    assert re.search(rf"Location: /requests/{request_id}/processing", reply)
    assert _stored(app) == (1, 1, 1)  # one queued job, one stored file: nothing left from the first try
