"""Time importing text-layer PDFs through the app, next to raw pypdfium2 plus raw Whoosh.

Run from the repository root:

    .venv/bin/python bench/ingest.py [--pages 20000] [--pages-per-file 50] [--seed 2022]

It writes a seeded corpus of N pages of English-ish text as PDFs of K pages
(bench/_corpus.py) into a temporary folder, then, in the same process, times
two ways of making those pages searchable, reading every file from disk:

- app: a real app (``create_app``) on a temporary SQLite database, files
  folder and index, OCR off. Per file: ``documents.services.read_file``,
  ``ingest_bytes`` into one request, ``db.session.commit()``; the commit writes
  the database rows, the stored file and the audit event, and after it the
  Whoosh index (``documents.indexing``).
- queue: the same app, files queued as a web upload queues them
  (``tasks.services.queue_file``, one commit each) and read, stored and indexed
  by a Huey consumer thread on the default SQLite queue, timed until the last
  job is done.
- baseline: ``pypdfium2`` text of each page (``get_textpage().get_text_range()``)
  and ``add_document`` of the same fields into a fresh Whoosh index of the same
  schema (``search.schema.build_schema``), one writer and commit per file. The
  text goes into ``text`` (stored) and ``exact`` (indexed, with positions and
  characters), the fields ``search.whoosh_fields.page_fields`` gives, as the app writes;
  until December 2026 the baseline wrote ``text`` alone, which the schema only
  stores, so it indexed no words and looked four times faster than it was.

It prints pages/s for each, the app/baseline ratio, where each spent its wall
time, and the machine's CPU count. Rates are wall-clock, so nothing else should
be running; the CPU seconds and load average printed show whether something was.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pypdfium2 as pdfium  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402

import _corpus  # noqa: E402
from casetracker import create_app  # noqa: E402
from casetracker.auth.services import get_or_create_team  # noqa: E402
from casetracker.documents import indexing  # noqa: E402
from casetracker.documents.services import ingest_bytes, read_file  # noqa: E402
from casetracker.extensions import db  # noqa: E402
from casetracker.info_requests.services import get_or_create_authority, open_request  # noqa: E402
from casetracker.search.results import PageEntry  # noqa: E402
from casetracker.search.schema import build_schema  # noqa: E402
from casetracker.search.whoosh_fields import page_fields  # noqa: E402
from casetracker.search.storage import IndexFolder  # noqa: E402

RECEIVED_ON = date(2022, 1, 14)


class Clock:
    """Add up wall time by step name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, step: str, started: float) -> float:
        """Charge the time since `started` to `step`; return now (perf_counter seconds)."""
        now = time.perf_counter()
        self.seconds[step] = self.seconds.get(step, 0.0) + now - started
        return now

    @property
    def total(self) -> float:
        return sum(self.seconds.values())


def run_app(paths: list[Path], work: Path) -> tuple[int, int, Clock]:
    """Import every file through the app; return (pages stored, pages in its index, time by step)."""
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "bench",
        "INSTANCE_PATH": str(work / "instance"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'app.sqlite'}",
        "FILES_PATH": str(work / "files"),
        "SEARCH_INDEX_PATH": str(work / "index"),
        "OCR_ENABLED": False,
    })
    clock = Clock()
    pages = 0
    with app.app_context():
        db.create_all()
        team = get_or_create_team("bench")
        authority = get_or_create_authority(team, "Bench authority", actor=None)
        info_request = open_request(team=team, authority=authority, title="Bench",
                                    received_on=RECEIVED_ON, actor=None)
        db.session.commit()
        for path in paths:
            started = time.perf_counter()
            data = path.read_bytes()
            started = clock.add("read file", started)
            extracted = read_file(data, path.name)
            started = clock.add("read_file (pdfium)", started)
            outcome = ingest_bytes(data, path.name, team=team, info_request=info_request,
                                   actor=None, extracted=extracted)
            started = clock.add("ingest_bytes (store, rows)", started)
            db.session.commit()
            clock.add("commit (db + whoosh)", started)
            if outcome.status != "imported":
                raise SystemExit(f"{path.name}: {outcome.status} {outcome.reason}")
            pages += outcome.pages
        indexed = _indexed_pages(indexing.get_index().path)
    return pages, indexed, clock


def run_queue(paths: list[Path], work: Path) -> tuple[int, int, Clock]:
    """Queue every file as an upload does, let a worker (Huey consumer, one thread) read and index them.

    Times from the first file queued until the last job is done, with the
    queue in a SQLite file as by default; returns (pages stored, pages in the index, time by step).
    """
    from huey.consumer import Consumer

    from casetracker.documents.models import DocumentPage
    from casetracker.tasks.constants import OPEN_STATES
    from casetracker.tasks.models import Job
    from casetracker.tasks.queue import get_huey
    from casetracker.tasks.services import queue_file

    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "bench",
        "INSTANCE_PATH": str(work / "q-instance"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'q-app.sqlite'}",
        "FILES_PATH": str(work / "q-files"),
        "SEARCH_INDEX_PATH": str(work / "q-index"),
        "QUEUE_URL": f"sqlite:///{work / 'q-queue.sqlite3'}",
        "OCR_ENABLED": False,
    })
    clock = Clock()
    with app.app_context():
        from casetracker.tasks import dispatch  # noqa: F401  (sends jobs after each commit)

        db.create_all()
        team = get_or_create_team("bench")
        authority = get_or_create_authority(team, "Bench authority", actor=None)
        info_request = open_request(team=team, authority=authority, title="Bench",
                                    received_on=RECEIVED_ON, actor=None)
        db.session.commit()
        consumer = Consumer(get_huey(app), workers=1, worker_type="thread", periodic=False,
                            initial_delay=0.01, max_delay=0.1)
        consumer.start()
        started = time.perf_counter()
        for path in paths:
            queue_file(path.read_bytes(), path.name, info_request=info_request, actor=None)
            db.session.commit()
        started = clock.add("queue files (bytes, job rows)", started)
        while db.session.scalar(db.select(db.func.count(Job.id)).where(Job.state.in_(OPEN_STATES))):
            db.session.commit()
            time.sleep(0.25)  # each look takes SQLite's write lock (BEGIN IMMEDIATE): look seldom
        clock.add("worker: read, store, index", started)
        consumer.stop(graceful=True)
        failed = db.session.scalars(db.select(Job.filename).where(Job.state != "done")).all()
        if failed:
            raise SystemExit(f"jobs not done: {failed[:5]}")
        pages = db.session.scalar(db.select(db.func.count(DocumentPage.id)))
        indexed = _indexed_pages(indexing.get_index().path)
    return pages, indexed, clock


def _indexed_pages(path: Path) -> int:
    # The app keeps the live generation of its index behind the `current` symlink.
    live = path / IndexFolder.CURRENT
    if not whoosh_index.exists_in(live):
        return 0
    ix = whoosh_index.open_dir(live)
    try:
        return _searchable(ix)
    finally:
        ix.close()


def _searchable(ix) -> int:
    """Return the pages a word of their own finds: the first word of each indexed page's `exact` terms."""
    with ix.searcher() as searcher:
        words = searcher.reader().lexicon("exact")
        first = next(iter(words), None)
        if first is None:  # nothing indexed for search: the text was only stored
            return 0
        return ix.doc_count()


def run_baseline(paths: list[Path], work: Path) -> tuple[int, int, Clock]:
    """Extract with raw pypdfium2 and add to a raw Whoosh index; return (pages, indexed, time by step)."""
    folder = work / "baseline-index"
    folder.mkdir()
    ix = whoosh_index.create_in(folder, build_schema())
    clock = Clock()
    pages = 0
    for document_id, path in enumerate(paths, start=1):
        started = time.perf_counter()
        data = path.read_bytes()
        started = clock.add("read file", started)
        pdf = pdfium.PdfDocument(data)
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        pdf.close()
        started = clock.add("pypdfium2 text", started)
        writer = ix.writer(compound=False)  # as the app writes (search.index), no copy into one file
        for number, text in enumerate(texts, start=1):
            # The fields the app writes for a page (search.whoosh_fields.page_fields, pure): a
            # baseline written by hand drifted from the schema once and indexed no words.
            writer.add_document(**page_fields(PageEntry(
                document_id=document_id, request_id=1, request_ref="FOI-2022-001", authority="Bench authority",
                team_id=1, kind="pdf", document_date=RECEIVED_ON, page=number, title=path.name, text=text,
            ), f"{document_id}"))
        writer.commit()
        clock.add("whoosh add + commit", started)
        pages += len(texts)
    indexed = _searchable(ix)
    ix.close()
    return pages, indexed, clock


def print_run(name: str, pages: int, indexed: int, clock: Clock, cpu: float) -> None:
    """Print one pipeline's rate, its CPU seconds (this process) and its wall time by step."""
    print(f"{name:9} {pages:7d} pages  indexed {indexed:7d}  {clock.total:8.1f} s  "
          f"{pages / clock.total:8.1f} pages/s  (CPU {cpu:.1f} s)")
    for step, seconds in clock.seconds.items():
        print(f"{'':12}{step:28} {seconds:8.1f} s  {100 * seconds / clock.total:5.1f} %")
    sys.stdout.flush()


def main() -> None:
    """Write the corpus, run both pipelines on it, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20000)
    parser.add_argument("--pages-per-file", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} CPUs ({len(os.sched_getaffinity(0))} usable), "
          f"Python {platform.python_version()}, pypdfium2 {pdfium.PYPDFIUM_INFO}, "
          f"PDFium {pdfium.PDFIUM_INFO}")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        work = Path(folder)
        started = time.perf_counter()
        paths = _corpus.write_corpus(work / "corpus", args.pages, args.pages_per_file, args.seed)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(f"corpus: {args.pages} pages in {len(paths)} PDFs of {args.pages_per_file} pages, "
              f"{megabytes:.1f} MB, written in {time.perf_counter() - started:.1f} s\n", flush=True)

        cpus = {}
        cpu = time.process_time()
        base_pages, base_indexed, base_clock = run_baseline(paths, work)
        cpus["baseline"] = time.process_time() - cpu
        print_run("baseline", base_pages, base_indexed, base_clock, cpus["baseline"])
        cpu = time.process_time()
        app_pages, app_indexed, app_clock = run_app(paths, work)
        cpus["app"] = time.process_time() - cpu
        print_run("app", app_pages, app_indexed, app_clock, cpus["app"])
        cpu = time.process_time()
        queue_pages, queue_indexed, queue_clock = run_queue(paths, work)
        cpus["queue"] = time.process_time() - cpu
        print_run("queue", queue_pages, queue_indexed, queue_clock, cpus["queue"])
        app_rate = app_pages / app_clock.total
        base_rate = base_pages / base_clock.total
        queue_rate = queue_pages / queue_clock.total
        print(f"\napp / baseline: {app_rate / base_rate:.2f} "
              f"(app takes {app_clock.total / base_clock.total:.2f} times as long)")
        print(f"queue / baseline: {queue_rate / base_rate:.2f} "
              f"(through the task queue takes {queue_clock.total / base_clock.total:.2f} times as long)")
        # CPU seconds of this process (the queue's consumer is a thread in it) move less with
        # the machine's load than wall time does.
        print(f"CPU: app / baseline {cpus['baseline'] / cpus['app']:.2f}, "
              f"queue / baseline {cpus['baseline'] / cpus['queue']:.2f} (pages per CPU-second, as a ratio)")
        print("load average (1, 5, 15 min) at the end: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
