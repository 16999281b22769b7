"""`flask search batch` and the terminal output of `flask search` (issue 13)."""

from __future__ import annotations

import json

import pytest

from casetracker.extensions import db
from casetracker.search.snippets import snippet_text


@pytest.fixture
def filed(app, make_request):
    from casetracker.documents.services import ingest_bytes
    from casetracker.info_requests.models import InfoRequest

    request_id = make_request(title="Census")
    with app.app_context():
        r = db.session.get(InfoRequest, request_id)
        for name, text in [("a.txt", "The DPIA for Wonde was late."), ("b.txt", "No DPIA was done.\fA <b>second</b> page.")]:
            ingest_bytes(text.encode(), name, team=r.team, info_request=r, actor=None)
        db.session.commit()


def test_batch_json_counts_each_term_and_names_a_bad_one(app, runner, filed, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text('DPIA\n\n  "DPIA for Wonde"  \nzebra\n' + "x" * 501 + "\ndpia AND (\n", encoding="utf-8")

    result = runner.invoke(args=["search", "batch", str(terms), "--team", "alpha", "--json"])

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"term": "DPIA", "documents": 2, "pages": 2, "error": None},
        {"term": '"DPIA for Wonde"', "documents": 1, "pages": 1, "error": None},
        {"term": "zebra", "documents": 0, "pages": 0, "error": None},
        {"term": "x" * 501, "documents": 0, "pages": 0,
         "error": "Your search is 501 characters long; please shorten it to 500 characters or fewer."},
        {"term": "dpia AND (", "documents": 2, "pages": 2,
         "error": "Your query could not be understood as written, so it was searched as plain words."},
    ]


def test_batch_plain_output_and_the_term_limit(app, runner, filed, tmp_path):
    terms = tmp_path / "terms.txt"
    terms.write_text("DPIA\nwonde\n", encoding="utf-8")

    result = runner.invoke(args=["search", "batch", str(terms), "--team", "alpha"])

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["DPIA\t2 documents\t2 pages", "wonde\t1 documents\t1 pages"]
    terms.write_text("term\n" * 1001, encoding="utf-8")
    refused = runner.invoke(args=["search", "batch", str(terms), "--team", "alpha"])
    assert refused.exit_code == 2
    assert "The list has 1,001 terms; a batch takes at most 1,000." in refused.output


def test_plain_search_output_has_no_mark_tags_json_keeps_them(app, runner, filed):
    plain = runner.invoke(args=["search", "Wonde", "--team", "alpha"])
    as_json = runner.invoke(args=["search", "Wonde", "--team", "alpha", "--json"])

    assert plain.exit_code == 0, plain.output
    assert plain.stdout.rstrip("\n").split("\t")[-1] == "The DPIA for Wonde was late."
    assert "<mark>" not in plain.stdout and "\x1b[" not in plain.stdout
    assert json.loads(as_json.stdout)[0]["snippet"] == "The DPIA for <mark>Wonde</mark> was late."


def test_snippet_text_is_bold_on_a_terminal_and_unescaped():
    html = "A &lt;b&gt; tag and <mark>Wonde</mark> &amp; co."

    assert snippet_text(html, bold=True) == "A <b> tag and \x1b[1mWonde\x1b[0m & co."
    assert snippet_text(html, bold=False) == "A <b> tag and Wonde & co."
