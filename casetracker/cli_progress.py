"""Progress bars for long commands: shown on a terminal only, never mixed into ``--json`` output."""

from __future__ import annotations

import sys
import time

from tqdm import tqdm


def progress_bar(total: int, *, desc: str, unit: str, quiet: bool = False) -> tqdm:
    """Return a tqdm bar on stderr, disabled when ``quiet`` (e.g. ``--json``) or stderr is not a terminal."""
    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, disable=quiet or not sys.stderr.isatty(),
                dynamic_ncols=True, leave=True)


class PageRate:
    """Count pages as files finish and show pages/s beside a bar counting files."""

    def __init__(self, bar: tqdm) -> None:
        self.bar = bar
        self.pages = 0
        self.started = time.perf_counter()

    def add(self, files: int, pages: int) -> None:
        self.pages += pages
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        self.bar.set_postfix_str(f"{self.pages} pages, {self.pages / elapsed:.1f} pages/s", refresh=False)
        self.bar.update(files)
