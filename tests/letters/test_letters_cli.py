"""``flask letters kinds``: every kind id with its fields, as text or JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.cli import ScriptInfo

from casetracker.letters.commands import letters_cli

KIND_IDS = [
    "foi-request", "eir-request", "sar", "acknowledgement", "clarification-request",
    "fees-notice", "extension-notice", "refusal-notice", "response",
    "internal-review-request", "internal-review-outcome", "chaser", "ico-complaint",
    "tribunal-appeal",
]


@pytest.fixture
def invoke():
    app = Flask(__name__)
    info = ScriptInfo(create_app=lambda: app)

    def run(*args: str):
        result = CliRunner().invoke(letters_cli, ["kinds", *args], obj=info)
        assert result.exit_code == 0, result.output
        return result.output

    return run


def test_kinds_lists_all_fourteen_ids_in_order(invoke):
    output = invoke()
    headings = [line.split("  ")[0] for line in output.splitlines() if line and line[0] != " "]
    assert headings == KIND_IDS
    assert "refusal-notice  Refusal notice" in output.splitlines()


def test_kinds_text_marks_required_fields(invoke):
    lines = invoke().splitlines()
    start = lines.index("refusal-notice  Refusal notice")
    block = lines[start + 1 : lines.index("", start)]
    review = next(line for line in block if line.strip().startswith("clocks.review_request_by"))
    assert review.split()[1:3] == ["required", "Last"]
    pit = next(line for line in block if line.strip().startswith("exemptions[].pit_for"))
    assert pit.split()[1] == "optional"


def test_kinds_json_gives_each_field_with_description_and_required(invoke):
    listing = json.loads(invoke("--json"))
    assert [entry["kind"] for entry in listing] == KIND_IDS
    refusal = next(entry for entry in listing if entry["kind"] == "refusal-notice")
    assert refusal["title"] == "Refusal notice"
    fields = {f["name"]: f for f in refusal["fields"]}
    assert fields["clocks.review_request_by"] == {
        "name": "clocks.review_request_by",
        "description": "Last day to ask for an internal review.",
        "required": True,
    }
    assert fields["rights_paragraph"]["required"] is False
    assert "fee_amount" not in fields
    complaint = next(entry for entry in listing if entry["kind"] == "ico-complaint")
    required = sorted(f["name"] for f in complaint["fields"] if f["required"])
    assert required == ["authority.name", "chronology", "grounds", "request.regime",
                        "request.sent", "request.title", "requester.name", "today"]
