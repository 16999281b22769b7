"""Configuration layers, the instance folder, the generated secret key, migrations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from casetracker import create_app

ROOT = Path(__file__).resolve().parents[2]


def test_instance_path_env_moves_everything(tmp_path, monkeypatch):
    monkeypatch.setenv("CASETRACKER_INSTANCE_PATH", str(tmp_path / "elsewhere"))
    app = create_app()
    assert app.instance_path == str(tmp_path / "elsewhere")
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'elsewhere' / 'casetracker.sqlite'}"
    assert app.config["SEARCH_INDEX_PATH"] == str(tmp_path / "elsewhere" / "index")
    key = (tmp_path / "elsewhere" / "secret_key").read_text()
    assert len(key) == 64 and app.config["SECRET_KEY"] == key
    assert create_app().config["SECRET_KEY"] == key


def test_layers_instance_file_then_env(tmp_path, monkeypatch):
    instance = tmp_path / "inst"
    instance.mkdir()
    (instance / "config.py").write_text("PER_PAGE = 7\nOCR_ENABLED = False\n")
    monkeypatch.setenv("CASETRACKER_INSTANCE_PATH", str(instance))
    monkeypatch.setenv("CASETRACKER_PER_PAGE", "9")
    app = create_app()
    assert app.config["PER_PAGE"] == 9
    assert app.config["OCR_ENABLED"] is False
    assert create_app({"PER_PAGE": 3}).config["PER_PAGE"] == 3


def test_init_db_runs_migrations_and_matches_models(tmp_path):
    """`flask init-db` on an empty database builds exactly the tables the models declare."""
    env = {**os.environ, "CASETRACKER_INSTANCE_PATH": str(tmp_path / "i")}
    env.pop("CASETRACKER_TEST_DATABASE_URL", None)
    flask = [sys.executable, "-m", "flask", "--app", "casetracker"]
    result = subprocess.run(flask + ["init-db"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    check = subprocess.run(flask + ["db", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    again = subprocess.run(flask + ["init-db"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert again.returncode == 0 and "up to date" in again.stdout
