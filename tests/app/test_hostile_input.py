"""Input no honest browser sends still gets a clear 4xx, never a 500 (found by the new-user run)."""

from __future__ import annotations

import io

import pytest

from casetracker.csv_safety import safe_cell, safe_writer
from casetracker.extensions import db
from casetracker.info_requests.models import InfoRequest

HUGE = "99999999999999999999"  # past a signed 64-bit integer: SQLite raised OverflowError (500)


@pytest.mark.parametrize("url", [f"/requests/{HUGE}", f"/documents/{HUGE}", f"/requests/1/events/{HUGE}/date"])
def test_a_huge_id_in_a_url_is_404(auth, make_request, url):
    make_request()
    auth.login("editor")
    assert auth.get(url).status_code == 404


def test_a_huge_public_id_is_404_without_login(client):
    assert client.get(f"/disclosure-log/{HUGE}").status_code == 404


def test_a_huge_number_in_a_query_string_is_400_with_a_message(auth, make_request):
    make_request()
    auth.login("editor")
    response = auth.get(f"/requests/?authority={HUGE}")
    assert response.status_code in (200, 400)  # ignored as a filter, or refused with its reason
    if response.status_code == 400:
        assert "A number in what you sent is too large." in response.get_data(as_text=True)


def test_a_nul_character_is_refused_and_nothing_stored(auth, app, actors):
    auth.login("editor")
    response = auth.post("/requests/new", {"title": "a\x00b", "authority": "Home Office", "received_on": "2022-05-24"})
    assert response.status_code == 400
    assert "Text may not contain a NUL character" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(InfoRequest.id))) == 0


def test_csv_cells_never_start_a_formula():
    out = io.StringIO()
    safe_writer(out).writerow(['=HYPERLINK("http://evil.example","x")', "+1", "-2", "@SUM(A1)", "plain", 7])
    assert out.getvalue() == "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1,'-2,'@SUM(A1),plain,7\r\n"
    assert safe_cell(-3) == -3


def test_cli_refuses_out_of_range_numbers_and_binary_terms(runner, make_request, tmp_path):
    make_request()
    link = runner.invoke(args=["evidence", "link", "CT-2022-0001", "--document", "1", "--page", HUGE,
                               "--quote", "x", "--stance", "supports"])
    assert link.exit_code == 2 and "Traceback" not in link.output and "--page" in link.output
    assert runner.invoke(args=["worker", "--workers", "0"]).exit_code == 2
    assert runner.invoke(args=["serve", "--port", "99999"]).exit_code == 2
    binary = tmp_path / "terms.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    batch = runner.invoke(args=["search", "batch", str(binary), "--team", "alpha"])
    assert batch.exit_code == 2 and "is not a text file of terms" in batch.output


def test_cli_refuses_a_title_or_authority_the_database_cannot_hold(runner, app, actors):
    long_title = runner.invoke(args=["requests", "create", "--team", "alpha", "--authority", "Home Office",
                                     "--title", "t" * 301, "--received", "2022-05-24"])
    assert long_title.exit_code == 2 and "A title can be at most 300 characters; this one has 301." in long_title.output
    long_name = runner.invoke(args=["requests", "create", "--team", "alpha", "--authority", "a" * 301,
                                    "--title", "Minutes", "--received", "2022-05-24"])
    assert long_name.exit_code == 2 and "An authority's name can be at most 300 characters." in long_name.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(InfoRequest.id))) == 0


def test_another_control_character_is_refused_with_its_name_and_nothing_stored(auth, app, actors):
    # \x01 cannot be written into a .docx letter (XML 1.0); tab and line breaks are text and pass.
    auth.login("editor")
    response = auth.post("/requests/new", {"title": "a\x01b", "authority": "Home Office", "received_on": "2022-05-24"})
    assert response.status_code == 400
    assert "Text may not contain a control character (&#39;\\x01&#39; was sent)." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(InfoRequest.id))) == 0
    assert auth.get("/requests/?q=a%09b%0Ac").status_code == 200


def test_json_nested_past_the_parser_is_400_with_a_message(client):
    # json recurses once per level: 5,000 brackets raised RecursionError (a 500), even before login.
    response = client.post("/api/v1/requests", data="[" * 5000 + "]" * 5000, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["message"] == "The JSON body is nested too deeply."
