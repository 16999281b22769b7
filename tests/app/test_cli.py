"""The ``flask`` commands other tooling relies on: exact options and JSON shapes."""

from __future__ import annotations

import json

from casetracker.extensions import db


def test_users_create_makes_team_and_user(app, runner):
    from casetracker.auth.models import Team, User

    result = runner.invoke(args=["users", "create", "Ann@Example.org", "--team", "newsroom", "--role", "editor",
                                 "--password", "long enough pw"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Created ann@example.org (editor) in team newsroom."
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "ann@example.org"))
        team = db.session.scalar(db.select(Team).where(Team.name == "newsroom"))
        assert user.role_in(team.id) == "editor"
        assert user.password_hash.startswith("$argon2id$")


def test_users_create_refuses_duplicate(runner):
    args = ["users", "create", "a@example.org", "--team", "t", "--role", "viewer", "--password", "long enough pw"]
    assert runner.invoke(args=args).exit_code == 0
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    assert "already exists" in result.output


def test_requests_create_and_list_json(app, runner):
    runner.invoke(args=["users", "create", "a@example.org", "--team", "t", "--role", "editor", "--password", "long enough pw"])
    result = runner.invoke(args=["requests", "create", "--team", "t", "--authority", "Department for Education",
                                 "--title", "DPIA", "--received", "2022-01-14", "--json"])
    assert result.exit_code == 0, result.output
    created = json.loads(result.output)
    assert created == {"id": created["id"], "reference": "CT-2022-0001", "received": "2022-01-14", "due": "2022-02-11"}

    plain = runner.invoke(args=["requests", "create", "--team", "t", "--authority", "Department for Education",
                                "--title", "Second", "--received", "2022-05-24", "--sent", "2022-05-23", "--regime", "eir"])
    assert plain.output.strip() == "CT-2022-0002"

    listed = json.loads(runner.invoke(args=["requests", "list", "--team", "t", "--json"]).output)
    assert listed == [
        {"id": created["id"], "reference": "CT-2022-0001", "title": "DPIA", "authority": "Department for Education",
         "regime": "foia", "status": "awaiting-response", "received": "2022-01-14", "due": "2022-02-11"},
        {"id": listed[1]["id"], "reference": "CT-2022-0002", "title": "Second", "authority": "Department for Education",
         "regime": "eir", "status": "awaiting-response", "received": "2022-05-24", "due": "2022-06-23"},
    ]


def test_requests_create_bad_input_exits_2(runner):
    runner.invoke(args=["users", "create", "a@example.org", "--team", "t", "--role", "editor", "--password", "long enough pw"])
    base = ["requests", "create", "--team", "t", "--authority", "X", "--title", "T"]
    assert runner.invoke(args=base + ["--received", "2025-02-30"]).exit_code == 2
    from datetime import timedelta

    from casetracker.timeutil import uk_today

    soon = (uk_today() + timedelta(days=30)).isoformat()
    future = runner.invoke(args=base + ["--received", soon, "--json"])
    assert future.exit_code == 2 and "cannot be in the future" in future.output
    far = runner.invoke(args=base + ["--received", "2202-01-14", "--json"])
    assert far.exit_code == 2 and "2202-01-14: Enter a date between 1 January 1990 and " in far.output
    assert json.loads(runner.invoke(args=["requests", "list", "--team", "t", "--json"]).output) == []
    bad_order = runner.invoke(args=base + ["--received", "2022-01-01", "--sent", "2022-01-05"])
    assert bad_order.exit_code == 2 and "before it was sent" in bad_order.output
    assert runner.invoke(args=["requests", "create", "--team", "nope", "--authority", "X", "--title", "T",
                               "--received", "2022-01-01"]).exit_code == 2


def test_demo_loads_once(app, runner):
    from casetracker.info_requests.models import InfoRequest

    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "demo@example.org" in first.output
    with app.app_context():
        count = db.session.scalar(db.select(db.func.count(InfoRequest.id)))
    second = runner.invoke(args=["demo"])
    assert "nothing changed" in second.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(InfoRequest.id))) == count == 2


def test_demo_documents_are_dated_so_date_filters_find_them(app, runner):
    import json as _json

    runner.invoke(args=["demo"])
    hits = _json.loads(runner.invoke(args=["search", "date:[2022-02-01 TO 2022-02-28]", "--team", "demo", "--json"]).output)
    assert sorted(h["title"] for h in hits) == ["DPIA version 1 cover page", "DfE email to schools, 8 February 2022"]
