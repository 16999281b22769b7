"""Let a long extraction say how far it has got, and let a retry ask for OCR of every page.

The background worker sets a callback with `reporting` before reading a file;
readers call `report` as they go (e.g. after each OCR'd page). Nothing is
reported when no callback is set, so pure callers and tests are unaffected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Reporter = Callable[[str, int, int], None]

_reporter: ContextVar[Reporter | None] = ContextVar("extraction_reporter", default=None)
_force_ocr: ContextVar[bool] = ContextVar("extraction_force_ocr", default=False)


def report(stage: str, done: int, total: int) -> None:
    """Tell the caller that ``done`` of ``total`` steps of ``stage`` (e.g. "ocr") are finished."""
    callback = _reporter.get()
    if callback is not None:
        callback(stage, done, total)


@contextmanager
def reporting(callback: Reporter | None) -> Iterator[None]:
    """Send `report` calls made inside the block to ``callback(stage, done, total)``."""
    token = _reporter.set(callback)
    try:
        yield
    finally:
        _reporter.reset(token)


def ocr_forced() -> bool:
    """Return whether every page should be OCR'd, whatever its text layer says."""
    return _force_ocr.get()


@contextmanager
def forcing_ocr(force: bool = True) -> Iterator[None]:
    """OCR every page of files read inside the block (a person's "Retry with OCR")."""
    token = _force_ocr.set(bool(force))
    try:
        yield
    finally:
        _force_ocr.reset(token)
