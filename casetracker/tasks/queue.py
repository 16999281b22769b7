"""The app's task queue: Huey, on SQLite in the instance folder by default, or on Redis.

``QUEUE_URL`` picks the storage: unset or ``sqlite:///PATH`` keeps the queue in
a file (no server; one machine), ``redis://host:port/db`` lets workers on any
number of machines share it. ``QUEUE_IMMEDIATE`` runs each task at once in the
process that sends it (tests, and ``flask documents import``). Messages carry
only ids: the ``Job`` and ``IndexState`` rows are the truth, and the reconciler
re-sends anything a dead worker took with it (Huey's SQLite and Redis storages
both remove a message when a worker takes it).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey
from huey.storage import SqliteStorage

_EXTENSION = "casetracker.huey"


def queue_url(app: Flask) -> str:
    """Return the queue's storage URL: ``QUEUE_URL`` or a SQLite file in the instance folder."""
    return app.config.get("QUEUE_URL") or f"sqlite:///{Path(app.instance_path) / 'queue.sqlite3'}"


def make_huey(app: Flask) -> Huey:
    """Build the Huey instance for ``app`` and register the tasks on it."""
    url = queue_url(app)
    immediate = bool(app.config.get("QUEUE_IMMEDIATE", False))
    if url.startswith(("redis://", "rediss://", "unix://")):
        huey = RedisHuey(app.config.get("QUEUE_NAME", "casetracker"), url=url, results=False, immediate=immediate)
    elif url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(app.config.get("QUEUE_NAME", "casetracker"), filename=str(path), results=False,
                          immediate=immediate)
    else:
        raise ValueError(f"QUEUE_URL must start with sqlite:/// or redis://, not {url!r}.")
    _register_tasks(app, huey)
    return huey


def init_app(app: Flask) -> None:
    """Attach a lazily built queue to ``app`` (nothing is opened until a task is sent)."""
    app.extensions[_EXTENSION] = None


def get_huey(app: Flask | None = None) -> Huey:
    """Return the app's Huey instance, building it on first use."""
    app = app or current_app._get_current_object()
    huey = app.extensions.get(_EXTENSION)
    if huey is None:
        huey = app.extensions[_EXTENSION] = make_huey(app)
    return huey


def _register_tasks(app: Flask, huey: Huey) -> None:
    retries = int(app.config.get("QUEUE_RETRIES", 3))
    delay = float(app.config.get("QUEUE_RETRY_DELAY", 5))

    @huey.task(name="run_job", retries=retries, retry_delay=delay, retry_backoff=2)
    def run_job(job_id: int) -> None:
        from casetracker.tasks.runner import run_job as run

        with app.app_context():
            run(job_id)

    @huey.task(name="index_documents", retries=retries, retry_delay=delay, retry_backoff=2)
    def index_documents(document_ids: list[int], sent_at: str) -> None:
        from casetracker.tasks.reconcile import drain_outbox

        with app.app_context():
            drain_outbox(document_ids, sent_at)

    from casetracker.privacy.tasks import register_retention_task  # issue 17

    huey.casetracker_tasks = {"run_job": run_job, "index_documents": index_documents,
                              "retention_run": register_retention_task(app, huey)}
    _register_mail_tasks(app, huey)


def _register_mail_tasks(app: Flask, huey: Huey) -> None:
    """The scheduled mail work (issue 16): team inboxes, saved-search alerts, the daily digest.

    Each is idempotent (a mailbox is leased, a sent email is keyed), so two
    workers both running the schedule send and import nothing twice.
    """
    from huey import crontab

    from casetracker.mailer.schedule import digest_crontab, run_alerts, run_digests, run_fetch

    minutes = f"*/{int(app.config.get('MAIL_FETCH_MINUTES', 5))}"

    @huey.task(name="fetch_mailboxes")
    def fetch_mailboxes(team_id: int | None = None) -> None:
        with app.app_context():
            run_fetch(team_id)

    @huey.periodic_task(crontab(minute=minutes), name="fetch_mailboxes_periodic")
    def fetch_mailboxes_periodic() -> None:
        with app.app_context():
            run_fetch(None)

    @huey.periodic_task(crontab(minute=minutes), name="saved_search_alerts")
    def saved_search_alerts() -> None:
        with app.app_context():
            run_alerts()

    @huey.periodic_task(digest_crontab(app.config.get("DIGEST_HOUR", 7)), name="daily_digests")
    def daily_digests() -> None:
        with app.app_context():
            run_digests()

    huey.casetracker_tasks["fetch_mailboxes"] = fetch_mailboxes


def send(task: str, *args) -> None:
    """Put one task on the queue (or run it now in immediate mode)."""
    get_huey().casetracker_tasks[task](*args)


def send_many(task: str, calls: list[tuple]) -> None:
    """Put one task per argument tuple on the queue, in one storage transaction where the storage allows.

    Huey's SQLite storage commits (and syncs) each message on its own, about
    50 ms apiece here; 20 files uploaded at once would hold the answer for a
    second. The rows are the ones ``SqliteStorage.enqueue`` writes.
    """
    huey = get_huey()
    wrapper = huey.casetracker_tasks[task]
    if huey.immediate or not isinstance(huey.storage, SqliteStorage) or len(calls) < 2:
        for args in calls:
            wrapper(*args)
        return
    storage = huey.storage
    rows = [(storage.name, storage.to_blob(huey.serialize_task(wrapper.s(*args))), 0) for args in calls]
    with storage.db(commit=True) as cursor:
        cursor.executemany("insert into task (queue, data, priority) values (?, ?, ?)", rows)
