"""Time 10,000 FOIA due dates with the calendar caches, next to the same loop without them.

Run: ``.venv/bin/python bench/deadlines.py``. Target: under 50 ms cached.
The uncached loop clears the holiday data and calendar caches before every
call, so each due date reads the ``holidays`` package afresh, as a naive
engine would.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casetracker.deadlines.calendars import clear_caches  # noqa: E402
from casetracker.deadlines.clocks import response_due  # noqa: E402
from casetracker.deadlines.constants import Regime  # noqa: E402

N = 10_000
#: Receipt dates spread over 2020-2025, every day of the week and every holiday season.
RECEIVED = [date(2020, 1, 1) + timedelta(days=i % 2190) for i in range(N)]


def cached_loop() -> list[date]:
    return [response_due(Regime.FOIA, day).date for day in RECEIVED]


def uncached_loop() -> list[date]:
    results = []
    for day in RECEIVED:
        clear_caches()
        results.append(response_due(Regime.FOIA, day).date)
    return results


def timed(loop) -> tuple[float, list[date]]:
    start = time.perf_counter()
    results = loop()
    return (time.perf_counter() - start) * 1000, results


def main() -> None:
    clear_caches()
    cold_ms, _ = timed(cached_loop)
    warm_ms, warm = min((timed(cached_loop) for _ in range(5)), key=lambda r: r[0])
    uncached_ms, uncached = timed(uncached_loop)
    assert warm == uncached, "cached and uncached due dates differ"
    print(f"{N:,} FOIA due dates")
    print(f"  cached, first run (builds 2020-2026): {cold_ms:9.1f} ms")
    print(f"  cached, best of 5:                    {warm_ms:9.1f} ms   (target < 50 ms)")
    print(f"  without caching (baseline):           {uncached_ms:9.1f} ms   ({uncached_ms / warm_ms:,.0f}x slower)")


if __name__ == "__main__":
    main()
