"""Serve and drive the load for bench/web.py: gunicorn, a logged-in client, wrk, and the mixed reads and writes."""

from __future__ import annotations

import http.cookiejar
import io
import json
import random
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
EMAIL, PASSWORD = "bench@example.org", "bench-casetracker-password"


def user_email(k: int) -> str:
    """The k-th bench user (0 is EMAIL): the load comes from several people, each with their own session."""
    return EMAIL if k == 0 else f"bench{k}@example.org"
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')

LUA = """
cookies = {COOKIES}
counter = 0
request = function()
  -- Each request in turn from the next person's session, as when several people use the site at once.
  counter = counter + 1
  if #cookies == 0 then return wrk.format() end
  return wrk.format(nil, nil, {["Cookie"] = cookies[(counter % #cookies) + 1]})
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
               + summary.errors.write + summary.errors.timeout
  io.write(string.format('JSON {"p50": %f, "p95": %f, "p99": %f, "requests": %d, "seconds": %f, "errors": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.duration / 1e6, errors))
end
"""


class Gunicorn:
    def __init__(self, env: dict, workers: int, port: int, log: Path, *,
                 app_spec: str = "casetracker:create_app()", probe: str = "/login"):
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "60",
             app_spec], env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT)
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {log}")
            try:
                urllib.request.urlopen(self.url + probe, timeout=10)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not start; see {log}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Client:
    """A logged-in browser: cookies, CSRF token, and forms posted as multipart when files go with them."""

    def __init__(self, base: str, email: str = EMAIL):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = self._token("/login")
        status, _ = self.post("/login", {"email": email, "password": PASSWORD})
        assert status == 302 or status == 200, status
        self.token = self._token("/")

    def _token(self, path: str) -> str:
        _, html = self.get(path)
        match = TOKEN_RE.search(html)
        assert match, f"no CSRF token on {path}"
        return match.group(1) or match.group(2)

    def get(self, path: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict, files: dict | None = None) -> tuple[int, str]:
        data = {"csrf_token": self.token, **data}
        if files:
            boundary = f"bench{random.randrange(10**12)}"
            body = io.BytesIO()
            for key, value in data.items():
                body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
            for key, (name, content) in files.items():
                body.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{name}"\r\n'
                           f'Content-Type: text/plain\r\n\r\n'.encode() + content + b"\r\n")
            body.write(f"--{boundary}--\r\n".encode())
            request = urllib.request.Request(self.base + path, data=body.getvalue(), method="POST", headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}"})
        else:
            request = urllib.request.Request(self.base + path, data=urllib.parse.urlencode(data).encode(),
                                             method="POST")
        return self._open(request)

    def _open(self, request) -> tuple[int, str]:
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        try:
            with opener.open(request, timeout=120) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def drive(url: str, cookies: list[str], seconds: int, clients: int, script: Path) -> dict:
    """Run wrk on ``url`` for ``seconds`` with ``clients`` connections, the requests taking ``cookies`` in turn."""
    script.write_text(LUA.replace("{COOKIES}", "{" + ", ".join(json.dumps(c) for c in cookies) + "}"))
    out = subprocess.run(["wrk", "-t", "4", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "30s",
                          "-s", str(script), url], capture_output=True, text=True)
    line = next((l for l in out.stdout.splitlines() if l.startswith("JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk failed: {out.stdout}\n{out.stderr}")
    result = json.loads(line[5:])
    if result["requests"] == 0:
        # Nothing finished inside the window (an overloaded machine): no latency to report, say so.
        raise SystemExit(f"wrk completed no request in {seconds} s on {url}; raise --seconds")
    return result


def mixed(base: str, seconds: int, clients: int, request_ids: list[int], users: int = 1) -> tuple[Counter, dict]:
    """Run ``clients`` threads for ``seconds``, each mixing reads with writes, as ``users`` people in turn.

    Returns the answers counted by kind and status, and each kind's latencies (seconds).
    """
    seen: Counter = Counter()
    latencies: dict[str, list[float]] = {}
    lock = threading.Lock()
    # logging in (argon2) is not part of the timed mix
    logged_in = [Client(base, user_email(k % users)) for k in range(clients)]
    stop = time.time() + seconds

    def work(k: int) -> None:
        rng = random.Random(k)
        client = logged_in[k]
        while time.time() < stop:
            rid = rng.choice(request_ids)
            roll = rng.random()
            started = time.perf_counter()
            if roll < 0.15:
                kind, (status, body) = "record correspondence", client.post(
                    f"/requests/{rid}/correspondence/new",
                    {"kind": "acknowledgement", "direction": "incoming", "dated": date.today().isoformat(),
                     "outcome": "pending", "subject": f"Ack {k}"})
            elif roll < 0.25:
                kind, (status, body) = "upload", client.post(
                    f"/requests/{rid}/documents", {},
                    files={"files": (f"note-{k}-{rng.randrange(10**9)}.txt",
                                     f"Note {k} about the budget {rng.random()}".encode())})
            else:
                path = rng.choice(["/", "/requests/", f"/requests/{rid}", "/requests/?overdue=1"])
                kind, (status, body) = "read", client.get(path)
            elapsed = time.perf_counter() - started
            with lock:
                seen[(kind, status)] += 1
                latencies.setdefault(kind, []).append(elapsed)
                if "database is locked" in body:
                    seen[("database is locked", status)] += 1

    threads = [threading.Thread(target=work, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen, latencies
