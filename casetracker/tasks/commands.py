"""``flask worker`` runs the queue's worker; ``flask serve`` runs the web server with a worker beside it."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time

import click
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.serving import run_simple

log = logging.getLogger(__name__)


def _reconcile_forever(app, stop: threading.Event) -> None:
    from casetracker.extensions import db
    from casetracker.tasks.reconcile import reconcile

    interval = float(app.config.get("RECONCILE_SECONDS", 30))
    sweep_every = float(app.config.get("SWEEP_SECONDS", 3600))
    last_sweep = time.monotonic()
    while not stop.wait(interval):
        with app.app_context():
            try:
                reconcile()
                if time.monotonic() - last_sweep >= sweep_every:
                    last_sweep = time.monotonic()
                    _sweep()
            except Exception:  # a database hiccup must not stop the worker; the next round retries
                db.session.rollback()
                log.exception("Reconciler run failed")


def _sweep() -> None:
    from casetracker.documents.sweep import sweep_files

    report = sweep_files()
    if report.orphans or report.temp_files:
        log.info("Sweep removed %d stored files no record refers to (%d bytes) and %d temp files",
                 len(report.orphans), report.bytes, report.temp_files)


@click.command("worker")
@click.option("--workers", type=click.IntRange(min=1, max=64), default=None, help="Worker threads (default QUEUE_WORKERS).")
@with_appcontext
def worker_command(workers: int | None) -> None:
    """Run a worker: read queued files, index pending documents, re-drive what a crash left."""
    from casetracker.tasks import dispatch  # noqa: F401  (jobs created by tasks are sent after commit)
    from casetracker.tasks.queue import get_huey, queue_url
    from casetracker.tasks.reconcile import reconcile

    app = current_app._get_current_object()
    huey = get_huey(app)
    if huey.immediate:
        raise click.UsageError("QUEUE_IMMEDIATE is set: tasks run where they are sent, so no worker is needed.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    url = queue_url(app)
    click.echo(f"Worker on {url.split('@')[-1]} with {workers or app.config['QUEUE_WORKERS']} threads.", err=True)
    reconcile()  # at start: whatever the last worker was holding when it died goes back on the queue
    _sweep()  # and the files a process killed before its commit left behind go
    stop = threading.Event()
    threading.Thread(target=_reconcile_forever, args=(app, stop), name="reconciler", daemon=True).start()
    consumer = huey.create_consumer(workers=workers or int(app.config["QUEUE_WORKERS"]), worker_type="thread",
                                    periodic=True, check_worker_health=True)  # the mail schedule, the daily retention run
    try:
        consumer.run()
    finally:
        stop.set()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(min=1, max=65535))
@with_appcontext
def serve_command(host: str, port: int) -> None:
    """Run the web server and, as a child process, a worker (one command brings everything up)."""
    app = current_app._get_current_object()
    worker = None
    if not app.config.get("QUEUE_IMMEDIATE"):
        worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "casetracker", "worker"])
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        # Not app.run(): Flask ignores it inside a `flask` command.
        run_simple(host, port, app, use_reloader=False, threaded=True)
    finally:
        if worker is not None:
            worker.send_signal(signal.SIGINT)  # Huey finishes the tasks in hand, then exits
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()  # serve exits only once its worker has
