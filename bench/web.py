"""Serve N imported requests with gunicorn and time the main pages under 20 concurrent clients.

Run from the repository root (needs Debian's ``wrk``):

    .venv/bin/python -m bench.web                     # N = 10,000 beside N = 100, 2 and 4 workers
    .venv/bin/python -m bench.web --n 1000 --seconds 5
    .venv/bin/python -m bench.web --mixed 60          # also 60 s of reads mixed with writes
    .venv/bin/python -m bench.web --database postgresql+psycopg://postgres@127.0.0.1:5432/bench

For each N (the one asked for and the baseline, in the same run) it creates
a fresh database, loads N requests through ``flask requests import`` (half
answered, received over the last two years so some are overdue, some due
soon, some not yet due), starts gunicorn with each number of workers, logs
in as ``--users`` people (20), and drives each page with ``wrk`` (20
connections, ``--seconds`` each), each request in turn from the next person's
session, as when that many people use the site at once.
It prints p50/p95/p99 latency, requests per second and errors (non-2xx/3xx
answers and socket errors) per page, with the ratio of p95 at N to p95 at
the baseline, and beside them a floor: a Flask page that does no work
(``bench/_floor_app.py``, no database, session or login) on the same
gunicorn and wrk, which is what the stack alone costs at that moment.

The page cache (``casetracker.page_cache``) is on, as it is by default: each
person's first view of a page builds it, later views are served from the copy
until a write. ``--no-page-cache`` turns it off, to time building every page.
The CPU table gives both: a page served from the copy and a page built afresh.

``--mixed`` then runs, on the larger database with the most workers, 20
Python clients for that many seconds, each mixing page reads with writes
(recording correspondence on a request, uploading a small text file) and
reports every status code seen and whether any answer or the server log said
"database is locked".

With ``--database`` (a PostgreSQL URL) each N gets its own schema in that
database (``bench_n100``, ``bench_n10000``: dropped and recreated). Ports
5121-5129 are used.

Both sizes are loaded first; the CPU samples and the ``wrk`` runs then take
N and the baseline in turn, page by page, so that the load of a shared
machine at a given moment falls on both alike.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench._web_load import EMAIL, PASSWORD, ROOT, TOKEN_RE, VENV_BIN, Client, Gunicorn, drive, mixed, user_email

AUTHORITIES = ["Home Office", "Department for Education", "Cabinet Office", "Ministry of Justice",
               "HM Treasury", "Leeds City Council", "Metropolitan Police Service", "NHS England",
               "Transport for London", "Ofsted", "Scottish Government", "Fife Council"]
TOPICS = ["budget", "contracts", "attendance", "policing", "housing", "roads", "minutes", "spending"]
def write_csv(path: Path, n: int, seed: int) -> None:
    """Write n requests: received over the last two years, every other one answered 15 days later."""
    rng = random.Random(seed)
    today = date.today()
    with path.open("w", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["title", "authority", "regime", "received", "requester_name", "response_date", "outcome"])
        for i in range(n):
            authority = rng.choice(AUTHORITIES)
            received = today - timedelta(days=rng.randint(0, 730))
            answered = i % 2 == 1 and received + timedelta(days=15) <= today
            out.writerow([
                f"{rng.choice(TOPICS).title()} request {i}", authority,
                "foisa" if authority in ("Scottish Government", "Fife Council") else rng.choice(["foia", "foia", "eir"]),
                received.isoformat(), f"Requester {i % 97}",
                (received + timedelta(days=15)).isoformat() if answered else "",
                rng.choice(["disclosed-in-full", "refused", "not-held"]) if answered else "",
            ])


def percentile(values: list[float], q: float) -> float:
    """Return the q-th percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))] if ordered else 0.0


def flask(env: dict, *args: str) -> str:
    result = subprocess.run([str(VENV_BIN / "flask"), "--app", "casetracker", *args], env=env, cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare(n: int, folder: Path, database: str | None, seed: int, users: int = 1, page_cache: bool = True) -> dict:
    """Create a database with n imported requests; return the environment that serves it."""
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ,
               CASETRACKER_INSTANCE_PATH=str(folder / "instance"),
               CASETRACKER_SECRET_KEY="bench-only-secret",
               CASETRACKER_LOGIN_RATE_LIMIT="100000 per minute",
               CASETRACKER_OCR_ENABLED="false",
               CASETRACKER_PAGE_CACHE="true" if page_cache else "false")
    if database:
        # One schema per N (first on the search path; extensions stay in public), so both sizes
        # can be served at once from one PostgreSQL database.
        schema = f"bench_n{n}"
        env["CASETRACKER_SQLALCHEMY_DATABASE_URI"] = (
            database + ("&" if "?" in database else "?") + f"options=-csearch_path%3D{schema},public")
        subprocess.run([sys.executable, "-c", (
            "from casetracker import create_app\nfrom casetracker.extensions import db\n"
            "app = create_app()\nwith app.app_context():\n"
            f"    db.session.execute(db.text('DROP SCHEMA IF EXISTS {schema} CASCADE; "
            # CREATE EXTENSION puts an extension in the first schema on the search path: name public,
            # or the first size's schema would hold unaccent and the second would not see it.
            "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public; "
            "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public; "
            "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch SCHEMA public; "
            f"CREATE SCHEMA {schema}'))\n"
            "    db.session.commit()\n")], env=env, cwd=ROOT, check=True)
    flask(env, "init-db")
    flask(env, "users", "create", EMAIL, "--team", "bench", "--role", "editor", "--password", PASSWORD)
    if users > 1:  # the other people, in one process (a `flask users create` each would take a minute)
        subprocess.run([sys.executable, "-c", (
            "from casetracker import create_app\nfrom casetracker.extensions import db\n"
            "from casetracker.auth.constants import Role\n"
            "from casetracker.auth.services import create_user, get_or_create_team\n"
            "app = create_app()\nwith app.app_context():\n    team = get_or_create_team('bench')\n"
            f"    for email in {[user_email(k) for k in range(1, users)]!r}:\n"
            f"        create_user(email, {PASSWORD!r}, team=team, role=Role.EDITOR, name=email.split('@')[0])\n"
            "    db.session.commit()\n")], env=env, cwd=ROOT, check=True)
    write_csv(folder / "requests.csv", n, seed)
    started = time.perf_counter()
    report = json.loads(flask(env, "requests", "import", str(folder / "requests.csv"), "--team", "bench", "--json"))
    env["_IMPORT_SECONDS"] = f"{time.perf_counter() - started:.1f}"
    assert report["imported"] == n and not report["failed"], report
    return env


def pages(client: Client) -> dict[str, str]:
    """Return the pages to drive, by name: dashboard, list (first, last, filtered, sorted), a request, search."""
    _, html = client.get("/requests/")
    total = int(re.search(r'id="total">(\d+) request', html).group(1))
    last = max(1, -(-total // 25))
    request_id = re.search(r'href="/requests/(\d+)"', html).group(1)
    return {
        "dashboard": "/",
        "list first page": "/requests/",
        "list last page": f"/requests/?page={last}",
        "list filtered": "/requests/?overdue=1&regime=foia",
        "list sorted": "/requests/?sort=authority&page=3",
        "request page": f"/requests/{request_id}",
        "search page": "/search?q=budget",
    }


class _TestClientAdapter:
    """Lets ``pages`` read the list through Flask's test client."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str) -> tuple[int, str]:
        response = self.client.get(path)
        return response.status_code, response.get_data(as_text=True)


def _logged_in_app(env: dict):
    """Return (app, test client) for ``env``'s database, logged in as the bench user."""
    from casetracker import create_app

    app = create_app({"INSTANCE_PATH": env["CASETRACKER_INSTANCE_PATH"], "SECRET_KEY": "bench-only-secret",
                      "LOGIN_RATE_LIMIT": "100000 per minute",
                      **({"SQLALCHEMY_DATABASE_URI": env["CASETRACKER_SQLALCHEMY_DATABASE_URI"]}
                         if "CASETRACKER_SQLALCHEMY_DATABASE_URI" in env else {})})
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    match = TOKEN_RE.search(html)
    client.post("/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": match.group(1) or match.group(2)})
    return app, client


def cpu_per_page(envs: dict[int, dict], repeat: int = 15, *, page_cache: bool = True) -> dict[int, dict[str, float]]:
    """Return, for each N, the median CPU milliseconds of one GET of each page, in this process.

    With ``page_cache`` the repeated GETs after the first are served from the
    stored copy; without, each is built afresh.

    Wall-clock figures on a shared machine move with its load; CPU time per
    page much less, so this is the steadier measure of growth with N. The
    samples of the different N are taken in turn (N=100, N=10,000, N=100, ...),
    so a change in the machine's load falls on both alike.
    """
    import statistics

    apps = {n: _logged_in_app(env) for n, env in envs.items()}
    for app, _ in apps.values():
        app.config["PAGE_CACHE"] = page_cache
    paths = {n: pages(_TestClientAdapter(client)) for n, (_, client) in apps.items()}
    out: dict[int, dict[str, float]] = {n: {} for n in envs}
    for name in paths[next(iter(envs))]:
        samples: dict[int, list[float]] = {n: [] for n in envs}
        for round_ in range(3 + repeat):
            for n, (_, client) in apps.items():
                started = time.process_time()
                assert client.get(paths[n][name]).status_code == 200, paths[n][name]
                if round_ >= 3:  # the first rounds warm caches
                    samples[n].append((time.process_time() - started) * 1000)
        for n in envs:
            out[n][name] = statistics.median(samples[n])
    for app, _ in apps.values():
        with app.app_context():
            from casetracker.extensions import db
            db.engine.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="requests to load (default 10,000)")
    parser.add_argument("--baseline-n", type=int, default=100, help="requests in the baseline run (default 100)")
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--users", type=int, default=20, help="people logged in, whose sessions take turns (20)")
    parser.add_argument("--no-page-cache", action="store_true", help="build every page afresh (PAGE_CACHE off)")
    parser.add_argument("--seconds", type=int, default=20, help="seconds of wrk per page")
    parser.add_argument("--mixed", type=int, default=0, help="seconds of mixed reads and writes (0: none)")
    parser.add_argument("--database", help="a PostgreSQL URL to use instead of SQLite (its tables are dropped)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--cpu-only", action="store_true", help="only the in-process CPU time per page, no gunicorn")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench.web needs wrk (apt-get install wrk)")

    work = Path(tempfile.mkdtemp(prefix="bench-web-"))
    script = work / "report.lua"
    results: dict[tuple[int, int, str], dict] = {}
    floors: dict[int, dict] = {}
    sizes = [args.baseline_n, args.n]
    imports = {}
    envs: dict[int, dict] = {}
    mixed_report: list[str] = []
    try:
        for n in sizes:
            envs[n] = prepare(n, work / f"n{n}", args.database, args.seed, args.users, not args.no_page_cache)
            imports[n] = envs[n].pop("_IMPORT_SECONDS")
            print(f"N={n}: imported in {imports[n]} s", flush=True)
        built = cpu_per_page(envs, page_cache=False)
        cpu = built if args.no_page_cache else cpu_per_page(envs)
        for n in sizes:
            print(f"  N={n} CPU ms per GET, built: " + ", ".join(f"{k} {v:.1f}" for k, v in built[n].items()), flush=True)
            print(f"  N={n} CPU ms per GET, as served: " + ", ".join(f"{k} {v:.1f}" for k, v in cpu[n].items()),
                  flush=True)
        for k, workers in enumerate([] if args.cpu_only else args.workers):
            # Both sizes are served at once and driven in turn, page by page, so the
            # machine's load at the moment falls on N and on the baseline alike.
            servers = {}
            try:
                for i, n in enumerate(sizes):
                    port = 5121 + 2 * k + i
                    if subprocess.run(["ss", "-ltn", f"sport = :{port}"], capture_output=True,
                                      text=True).stdout.count("LISTEN"):
                        raise SystemExit(f"port {port} is already in use")
                    servers[n] = Gunicorn(envs[n], workers, port, work / f"gunicorn-{n}-{workers}.log")
                floor = Gunicorn(dict(os.environ), workers, 5127 + k, work / f"gunicorn-floor-{workers}.log",
                                 app_spec="bench._floor_app:app", probe="/")
                try:
                    floors[workers] = r = drive(floor.url + "/", [], args.seconds, args.clients, script)
                finally:
                    floor.stop()
                print(f"  floor w={workers} (Flask, no work) p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
                      f"{r['requests'] / r['seconds']:7.1f} req/s", flush=True)
                people = {n: [Client(server.url, user_email(k)) for k in range(args.users)]
                          for n, server in servers.items()}
                clients = {n: group[0] for n, group in people.items()}
                paths = {n: pages(client) for n, client in clients.items()}
                for name in paths[sizes[0]]:
                    for n in sizes:
                        results[(n, workers, name)] = r = drive(servers[n].url + paths[n][name],
                                                                [c.cookie_header() for c in people[n]], args.seconds,
                                                                args.clients, script)
                        print(f"  N={n} w={workers} {name:16} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
                              f"p99 {r['p99']:7.1f} ms  {r['requests'] / r['seconds']:7.1f} req/s  "
                              f"errors {r['errors']}", flush=True)
                if args.mixed and workers == args.workers[-1]:
                    n = sizes[-1]
                    _, html = clients[n].get("/requests/?sort=-received")
                    ids = [int(i) for i in re.findall(r'href="/requests/(\d+)"', html)]
                    seen, latencies = mixed(servers[n].url, args.mixed, args.clients, ids, args.users)
                    log = (work / f"gunicorn-{n}-{workers}.log").read_text()
                    mixed_report.append(f"\nMixed reads and writes, {args.clients} clients, {args.mixed} s, N={n}, "
                                        f"{workers} workers, {'PostgreSQL' if args.database else 'SQLite'}:")
                    mixed_report += [f"  {kind:22} HTTP {status}: {count}" for (kind, status), count in sorted(seen.items())]
                    mixed_report += [f"  {kind:22} p50 {percentile(times, 50) * 1000:.1f} ms, p95 "
                                     f"{percentile(times, 95) * 1000:.1f} ms" for kind, times in sorted(latencies.items())]
                    mixed_report.append(
                        f"  5xx answers: {sum(c for (_, status), c in seen.items() if status >= 500)}; "
                        f"server log: {log.count('database is locked')} 'database is locked', "
                        f"{log.count('Traceback')} tracebacks, {log.count('WORKER TIMEOUT')} worker timeouts")
                    print(f"  mixed reads and writes done: {sum(seen.values())} answers", flush=True)
            finally:
                for server in servers.values():
                    server.stop()
    finally:
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(work, ignore_errors=True)

    print(f"\nImport: N={sizes[0]} in {imports[sizes[0]]} s, N={sizes[1]} in {imports[sizes[1]]} s")
    print(f"\n| page | CPU ms/GET built (N={sizes[0]}) | built (N={sizes[1]}) | ratio "
          f"| served (N={sizes[0]}) | served (N={sizes[1]}) | ratio |")
    print("|---|---|---|---|---|---|---|")
    for name, small in built[sizes[0]].items():
        big, hit_small, hit_big = built[sizes[1]][name], cpu[sizes[0]][name], cpu[sizes[1]][name]
        print(f"| {name} | {small:.1f} | {big:.1f} | {big / max(small, 0.001):.2f} "
              f"| {hit_small:.1f} | {hit_big:.1f} | {hit_big / max(hit_small, 0.001):.2f} |")
    if args.cpu_only:
        return
    print("\n".join(mixed_report))
    print(f"\n| page | workers | p50 ms (N={sizes[0]}) | p95 ms (N={sizes[0]}) | p50 ms (N={sizes[1]}) "
          f"| p95 ms (N={sizes[1]}) | p99 ms (N={sizes[1]}) | req/s (N={sizes[1]}) | errors | p95 ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for workers, r in floors.items():
        print(f"| floor: a Flask page with no work (bench/_floor_app.py) | {workers} | | | {r['p50']:.1f} "
              f"| {r['p95']:.1f} | {r['p99']:.1f} | {r['requests'] / r['seconds']:.1f} | - / {r['errors']} | |")
    names = sorted({name for _, _, name in results}, key=list(results and [k[2] for k in results]).index)
    for workers in args.workers:
        for name in names:
            small, big = results[(sizes[0], workers, name)], results[(sizes[1], workers, name)]
            print(f"| {name} | {workers} | {small['p50']:.1f} | {small['p95']:.1f} | {big['p50']:.1f} "
                  f"| {big['p95']:.1f} | {big['p99']:.1f} | {big['requests'] / big['seconds']:.1f} "
                  f"| {small['errors']} / {big['errors']} | {big['p95'] / max(small['p95'], 0.001):.2f} |")


if __name__ == "__main__":
    main()
