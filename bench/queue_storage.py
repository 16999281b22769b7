"""Time Huey's storages for the app's messages: send N, then take and run them all, in one process.

Run from the repository root:

    .venv/bin/python bench/queue_storage.py [--messages 500] [--redis redis://127.0.0.1:6379/4]

Prints, per storage, messages/s sent one by one, sent in one transaction
(``tasks.queue.send_many``'s way, SQLite only) and taken off the queue by a
consumer loop (dequeue + execute of a no-op task). The Redis database given is
emptied before and after.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from huey import RedisHuey, SqliteHuey
from huey.storage import SqliteStorage


def measure(huey, count: int) -> dict[str, float]:
    @huey.task(name="noop")
    def noop(job_id: int) -> None:
        return None

    rates = {}
    started = time.perf_counter()
    for i in range(count):
        noop(i)
    rates["send one by one"] = count / (time.perf_counter() - started)
    if isinstance(huey.storage, SqliteStorage):
        rows = [(huey.storage.name, huey.storage.to_blob(huey.serialize_task(noop.s(i))), 0) for i in range(count)]
        started = time.perf_counter()
        with huey.storage.db(commit=True) as cursor:
            cursor.executemany("insert into task (queue, data, priority) values (?, ?, ?)", rows)
        rates["send in one transaction"] = count / (time.perf_counter() - started)
    started = time.perf_counter()
    taken = 0
    while (task := huey.dequeue()) is not None:
        huey.execute(task)
        taken += 1
    rates["take and run"] = taken / (time.perf_counter() - started)
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/4")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        storages = {"huey sqlite": SqliteHuey("bench", filename=str(Path(folder) / "q.sqlite3"), results=False)}
        try:
            redis_huey = RedisHuey("bench", url=args.redis, results=False)
            redis_huey.storage.conn.ping()
            redis_huey.storage.conn.flushdb()
            storages["huey redis"] = redis_huey
        except Exception as exc:  # no Redis here: report SQLite only
            print(f"redis skipped: {exc}", file=sys.stderr)
        print(f"{'storage':14} {'step':26} messages/s")
        for name, huey in storages.items():
            for step, rate in measure(huey, args.messages).items():
                print(f"{name:14} {step:26} {rate:10.0f}")
        if "huey redis" in storages:
            storages["huey redis"].storage.conn.flushdb()
    print(f"load average: {', '.join(f'{x:.2f}' for x in __import__('os').getloadavg())}")


if __name__ == "__main__":
    main()
