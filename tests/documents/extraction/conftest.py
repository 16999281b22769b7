"""Fixtures for the text-extraction tests: real files from ../shared/data, read by path."""

from __future__ import annotations

from pathlib import Path

import pytest

from casetracker.documents.extraction import tesseract_available

SHARED_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data"


@pytest.fixture
def shared_bytes():
    """Return a reader of files under ../shared/data that skips the test when one is absent."""

    def read(relative: str) -> bytes:
        path = SHARED_DATA / relative
        if not path.is_file():
            pytest.skip(f"shared data file {relative} is not on this machine")
        return path.read_bytes()

    return read


@pytest.fixture
def needs_tesseract():
    """Skip a test that needs OCR when Tesseract is not installed."""
    if not tesseract_available():
        pytest.skip("tesseract-ocr (with English data) is not installed; apt-get install tesseract-ocr")
