"""``flask serve`` brings up the web server and a worker with one command, and stops both."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.tasks.workers import ROOT, use_queue, wait_started, worker_env

pytestmark = pytest.mark.worker

PORT = 5134


def test_serve_starts_the_web_server_and_a_worker(app, tmp_path):
    use_queue(app, f"sqlite:///{tmp_path / 'queue.sqlite3'}")
    log = tmp_path / "serve.log"
    with open(log, "ab") as out:
        serve = subprocess.Popen([sys.executable, "-m", "flask", "--app", "casetracker", "serve", "--port", str(PORT)],
                                 cwd=ROOT, env=worker_env(app), stdout=out, stderr=out)
    try:
        wait_started(log, 0)  # the worker child wrote its start line
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.1)
        page = urllib.request.urlopen(f"http://127.0.0.1:{PORT}/login").read().decode()
        assert "csrf_token" in page
        children = subprocess.run(["pgrep", "-P", str(serve.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) == 1
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=40)
    # The worker is gone too. Polled, not slept: on a loaded machine it can take more than half a second to exit
    # (CI once found it still there after 0.5 s).
    deadline = time.monotonic() + 15
    while subprocess.run(["ps", "-p", children[0]], capture_output=True).returncode == 0:
        assert time.monotonic() < deadline, "the worker outlived serve by 15 s:\n" + log.read_text(errors="replace")
        time.sleep(0.2)
