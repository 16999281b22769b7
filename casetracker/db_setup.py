"""Create or upgrade the database schema through the migrations."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from flask_migrate import upgrade


def init_db() -> None:
    """Bring the configured database to the latest migration (creating it if new)."""
    uri = current_app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    upgrade(directory=str(Path(__file__).parent / "migrations"))
