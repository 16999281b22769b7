"""Fixtures for the mail tests: the shared real-world email files, found by path."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@pytest.fixture
def shared_file():
    """Return a function giving the path of a file under ../shared/data, skipping when it is absent."""

    def find(relative: str) -> Path:
        path = SHARED_DATA / relative
        if not path.is_file():
            pytest.skip(f"shared data file {relative} is missing")
        return path

    return find
