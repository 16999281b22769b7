"""The page cache (issue 11): a page is built once per user, URL, day and data generation, and never served stale."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from flask import template_rendered

from casetracker import data_generation, page_cache
from casetracker.extensions import db
from tests.conftest import TOKEN_RE, AuthClient, migrated_sqlite

@contextmanager
def rendered(app):
    """Collect the names of the templates rendered inside the block."""
    names: list[str] = []

    def record(sender, template, context, **extra):  # noqa: ARG001
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


def _token(html: str) -> str:
    match = TOKEN_RE.search(html)
    return match.group(1) or match.group(2)


def _behind_the_apps_back(app, sql: str, **params) -> None:
    """Write with a connection of its own, outside the app's session (as psql or sqlite3 would)."""
    with app.app_context():
        with db.engine.connect() as connection:
            connection.execute(db.text(sql), params)
            connection.commit()


@pytest.mark.parametrize("path", ["/", "/requests/", "/requests/?sort=authority&page=1", "REQUEST"])
def test_a_page_is_built_once_then_served_until_a_write_changes_it(app, auth, make_request, path):
    request_id = make_request(title="Minutes of the board")
    path = f"/requests/{request_id}" if path == "REQUEST" else path
    auth.login("editor")
    first = auth.get(path).get_data(as_text=True)
    with rendered(app) as names:
        second = auth.get(path).get_data(as_text=True)
    assert names == []  # the second answer was the stored copy
    assert "Minutes of the board" in second
    assert second.replace(_token(second), "T") == first.replace(_token(first), "T")

    _behind_the_apps_back(app, "UPDATE info_requests SET title = :t WHERE id = :id", t="Agendas of the board",
                          id=request_id)
    with rendered(app) as names:
        third = auth.get(path).get_data(as_text=True)
    assert names, "a write behind the app's back must not be answered from the old copy"
    assert "Agendas of the board" in third and "Minutes of the board" not in third


def test_recording_correspondence_through_the_page_is_seen_on_the_next_view(app, auth, make_request):
    request_id = make_request(received=date.today() - timedelta(days=3))
    auth.login("editor")
    before = auth.get(f"/requests/{request_id}").get_data(as_text=True)
    assert "Response received" not in before
    response = auth.post(f"/requests/{request_id}/correspondence/new", data={
        "kind": "response", "direction": "incoming", "dated": date.today().isoformat(),
        "outcome": "disclosed-in-full", "subject": "Your request: the minutes attached"})
    assert response.status_code == 302, response.get_data(as_text=True)
    after = auth.get(f"/requests/{request_id}").get_data(as_text=True)
    assert "Your request: the minutes attached" in after


def test_each_user_is_served_only_their_own_copy(app, actors):
    from casetracker.auth.models import Team, User
    from casetracker.info_requests.services import get_or_create_authority, open_request

    with app.app_context():
        team = db.session.get(Team, actors.team_ids["alpha"])
        private = open_request(team=team, authority=get_or_create_authority(team, "Ofsted", actor=None),
                               title="My private request", received_on=date(2022, 5, 24), visibility="private",
                               actor=db.session.get(User, actors.ids["editor"]))
        db.session.commit()
        private_id = private.id
    editor, viewer = AuthClient(app.test_client()), AuthClient(app.test_client())
    editor.login("editor")
    viewer.login("viewer")
    for client in (editor, viewer):  # each stores its own copy, then is answered from it
        client.get("/requests/")
        client.get("/")
    assert "My private request" in editor.get("/requests/").get_data(as_text=True)
    assert "My private request" not in viewer.get("/requests/").get_data(as_text=True)
    for path in ("/", "/requests/"):
        html = viewer.get(path).get_data(as_text=True)
        assert "Viewer</span>" in html and "Editor</span>" not in html
    assert editor.get(f"/requests/{private_id}").status_code == 200
    assert viewer.get(f"/requests/{private_id}").status_code == 404


def test_a_member_removed_behind_the_apps_back_loses_the_cached_page(app, actors, make_request):
    request_id = make_request()
    viewer = AuthClient(app.test_client())
    viewer.login("viewer")
    assert viewer.get(f"/requests/{request_id}").status_code == 200
    assert viewer.get(f"/requests/{request_id}").status_code == 200  # now stored
    _behind_the_apps_back(app, "DELETE FROM memberships WHERE user_id = :u", u=actors.ids["viewer"])
    assert viewer.get(f"/requests/{request_id}").status_code == 404
    assert "Minutes of the board" not in viewer.get("/requests/").get_data(as_text=True)


def test_a_deactivated_user_is_logged_out_not_served_a_copy(app, actors):
    editor = AuthClient(app.test_client())
    editor.login("editor")
    assert editor.get("/").status_code == 200
    _behind_the_apps_back(app, "UPDATE users SET active = :no WHERE id = :u", no=False, u=actors.ids["editor"])
    response = editor.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_two_sessions_of_one_user_each_get_their_own_csrf_token(app, actors):
    first, second = AuthClient(app.test_client()), AuthClient(app.test_client())
    first.login("editor")
    second.login("editor")
    with rendered(app) as names:
        html_first = first.get("/").get_data(as_text=True)
        html_second = second.get("/").get_data(as_text=True)
    assert len(names) <= 1  # (logging in may already have stored the dashboard)
    assert page_cache.CSRF_MARKER not in html_first + html_second
    assert _token(html_first) != _token(html_second)
    # Each session's own token from the copy works; the other session's does not.
    refused = second.post("/logout", data={"csrf_token": _token(html_first)})
    assert refused.status_code == 400
    assert second.post("/logout", data={"csrf_token": _token(html_second)}).status_code == 302
    assert first.post("/logout", data={"csrf_token": _token(html_first)}).status_code == 302


def test_a_flashed_message_is_shown_once_and_never_stored(app, auth, make_request, actors):
    auth.login("editor")
    auth.get("/")  # stored
    with app.app_context():
        from casetracker.info_requests.models import PublicAuthority
        authority_id = db.session.scalar(db.select(PublicAuthority.id))
    if authority_id is None:
        make_request()
        with app.app_context():
            authority_id = db.session.scalar(db.select(PublicAuthority.id))
    response = auth.post("/requests/new", data={"title": "Board papers", "authority_id": authority_id,
                                                "regime": "foia", "received_on": "2022-05-24", "visibility": "team"})
    assert response.status_code == 302, response.get_data(as_text=True)
    shown = auth.get(response.headers["Location"]).get_data(as_text=True)
    assert re.search(r"Request [^ ]+ saved\.", shown)
    again = auth.get(response.headers["Location"]).get_data(as_text=True)
    assert "saved." not in again and "Board papers" in again


def test_a_new_day_builds_the_page_afresh(app, auth, monkeypatch):
    auth.login("editor")
    auth.get("/")
    with rendered(app) as names:
        auth.get("/")
        assert names == []
        monkeypatch.setattr(page_cache, "uk_today", lambda: date.today() + timedelta(days=1))
        auth.get("/")
        assert names == ["dashboard/index.html"] or names[0] == "dashboard/index.html"


def test_pages_that_only_read_do_not_move_the_generation(app, auth, make_request):
    request_id = make_request()
    auth.login("editor")
    with app.app_context():
        before = data_generation.current(db.session)
    for path in ("/", "/requests/", f"/requests/{request_id}", "/requests/?overdue=1"):
        assert auth.get(path).status_code == 200
    with app.app_context():
        assert data_generation.current(db.session) == before
    make_request(title="Another")
    with app.app_context():
        assert data_generation.current(db.session) > before


def test_turned_off_every_view_is_built(app, auth):
    app.config["PAGE_CACHE"] = False
    auth.login("editor")
    with rendered(app) as names:
        auth.get("/")
        auth.get("/")
    assert names.count("dashboard/index.html") == 2


def test_a_404_is_not_stored(app, auth, make_request):
    auth.login("other")
    request_id = make_request()
    with rendered(app) as names:
        assert auth.get(f"/requests/{request_id}").status_code == 404
        assert auth.get(f"/requests/{request_id}").status_code == 404
    assert names.count("errors/404.html") == 2 or len(names) == 2


def test_every_table_but_search_pages_moves_the_generation(app):
    with app.app_context():
        with db.engine.connect() as connection:
            tracked = data_generation.tracked_tables(connection)
    expected = {t.name for t in db.metadata.sorted_tables} - data_generation.UNTRACKED_TABLES
    assert expected and tracked == expected, (expected - tracked, tracked - expected)


def test_init_db_gives_every_table_the_trigger_as_create_all_does(tmp_path):
    """Migration 0019 (the path `flask init-db` takes) tracks the same tables as the models' create_all."""
    connection = migrated_sqlite(tmp_path)
    triggers = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    tables = {name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    for table in tables - data_generation.UNTRACKED_TABLES:
        assert {f"{table}_bumps_generation_{op}" for op in ("insert", "update", "delete")} <= triggers, table
    (value,) = connection.execute("SELECT value FROM data_generation").fetchone()
    connection.execute("INSERT INTO teams (name, side, created_at) VALUES ('gamma', 'requester', '2026-12-01')")
    assert connection.execute("SELECT value FROM data_generation").fetchone()[0] == value + 1


def test_two_processes_share_copies_through_redis(app, tmp_path, actors):
    """Past one machine: with CACHE_TYPE RedisCache a page one worker built is served by another."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, db=7, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    from casetracker import create_app

    config = {k: app.config[k] for k in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SEARCH_INDEX_PATH",
                                        "FILES_PATH", "ARGON2_PROFILE", "QUEUE_IMMEDIATE")}
    config.update(INSTANCE_PATH=tmp_path / "instance", CACHE_TYPE="RedisCache",
                  CACHE_REDIS_URL="redis://127.0.0.1:6379/7", CACHE_KEY_PREFIX=f"test-{os.getpid()}-{id(app)}:")
    one, two = create_app(config), create_app(config)
    try:
        client_one = AuthClient(one.test_client())
        client_one.login("editor")
        client_one.get("/requests/")
        client_two = AuthClient(two.test_client())
        client_two.login("editor")
        with rendered(two) as names:
            html = client_two.get("/requests/").get_data(as_text=True)
        assert "info_requests/index.html" not in names
        assert _token(html) != _token(client_one.get("/requests/").get_data(as_text=True))
    finally:
        with one.app_context():
            page_cache.cache.clear()
            db.engine.dispose()
        with two.app_context():
            db.engine.dispose()


def test_a_served_copy_costs_one_query_the_users(app, auth):
    """The generation is read in the statement that loads the user: a copy is served after one round trip."""
    from sqlalchemy import event

    auth.login("editor")
    auth.get("/requests/")
    statements: list[str] = []
    with app.app_context():
        listen = lambda conn, cursor, statement, *a: statements.append(statement)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            with rendered(app) as names:
                assert auth.get("/requests/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
    assert names == []
    statements = [s for s in statements if s != "BEGIN"]  # SQLite's deferred BEGIN (sqlite_setup.py)
    assert len(statements) == 1 and "data_generation" in statements[0] and "session_token" in statements[0], statements


def test_one_transaction_moves_the_generation(app, actors):
    """On PostgreSQL the deferred trigger adds 1 once, at COMMIT, however many rows changed; SQLite adds 1 a row."""
    with app.app_context():
        before = data_generation.current(db.session)
        db.session.rollback()
    _behind_the_apps_back(app, "UPDATE teams SET name = name || '-x'")  # two rows (alpha, beta)
    _behind_the_apps_back(app, "UPDATE teams SET name = name WHERE id < 0")  # no row: nothing moves
    with app.app_context():
        after = data_generation.current(db.session)
    postgres = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    assert after - before == (1 if postgres else 2)


def test_a_cache_store_that_is_down_builds_pages_and_fails_none(app, tmp_path, actors, make_request):
    """Redis stopped (here: nothing listens on the port): every page is built, none answers 500."""
    from casetracker import create_app

    config = {k: app.config[k] for k in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "SEARCH_INDEX_PATH",
                                        "FILES_PATH", "ARGON2_PROFILE", "QUEUE_IMMEDIATE")}
    config.update(INSTANCE_PATH=tmp_path / "instance", CACHE_TYPE="RedisCache",
                  CACHE_REDIS_URL="redis://127.0.0.1:1/0")
    down = create_app(config)
    request_id = make_request()
    try:
        client = AuthClient(down.test_client())
        client.login("editor")
        with rendered(down) as names:
            for _ in range(2):
                for path in ("/", "/requests/", f"/requests/{request_id}"):
                    assert client.get(path).status_code == 200, path
        assert len(names) == 6
    finally:
        with down.app_context():
            db.engine.dispose()
