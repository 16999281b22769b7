"""``/api/v1/requests/<id>/letters/<kind>``: generate a letter as a draft and download its .docx."""

from __future__ import annotations

import io
import json

from flask import send_file, url_for
from flask_login import current_user
from flask_smorest import Blueprint, abort

from casetracker.api.common import refuse
from casetracker.api.record_schemas import LetterArgsSchema
from casetracker.documents.services import blob_file
from casetracker.extensions import db
from casetracker.info_requests.access import get_request
from casetracker.letters.constants import LetterKind
from casetracker.letters.context import build_context, parse_override
from casetracker.letters.errors import LetterDataError, LetterError
from casetracker.letters.fields import BOOLEAN_FIELDS, LINE_FIELDS
from casetracker.letters.models import LetterTemplate
from casetracker.letters.services import LetterTemplateError, generate_letter
from casetracker.officer.teams import offers_letter
from casetracker.timeutil import uk_today

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

blp = Blueprint("api_letters", __name__, url_prefix="/api/v1/requests",
                description="Letters written from a request's facts, clocks and chronology.")


def _overrides(values: dict) -> dict:
    """Read fields as ``flask letters render --set`` does (dates as YYYY-MM-DD; lists and records as JSON).

    A list field (``grounds``) must be a list of strings or text, and a yes-or-no
    field a JSON boolean: ``"grounds": 5`` would otherwise print "1. 5".
    """
    problems = {name: [problem] for name, value in values.items() if (problem := _type_problem(name, value))}
    if problems:
        abort(422, message="; ".join(f"{name}: {p[0]}" for name, p in problems.items()), errors=problems)
    return dict(parse_override(f"{name}={value if isinstance(value, str) else json.dumps(value)}")
                for name, value in values.items())


def _type_problem(name: str, value) -> str | None:
    if name in LINE_FIELDS and not (isinstance(value, str)
                                    or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
        return "Give a list of strings, one item each (or text with one item a line)."
    if name in BOOLEAN_FIELDS and not isinstance(value, bool):
        return "Give true or false."
    return None


@blp.route("/<int:request_id>/letters/<kind>", methods=["POST"])
@blp.arguments(LetterArgsSchema)
@blp.response(201, content_type=DOCX, description="The letter (.docx). Location names its draft correspondence.")
def generate(data, request_id, kind):
    """Generate a letter of KIND (e.g. acknowledgement, refusal-notice) as a draft, as the letter page does.

    The .docx is stored on the request (search finds it) and an outgoing draft
    is recorded; it moves no clock until marked sent. A field the letter needs
    and the case does not give is named in the 422.
    """
    info_request = get_request(request_id, edit=True)
    try:
        letter_kind = LetterKind(kind)
    except ValueError:
        abort(404, message=f"{kind!r} is not a kind of letter.")
    if not offers_letter(info_request, letter_kind):
        abort(404, message="Your team's side does not write this kind of letter.")
    template = None
    if data["template_id"]:
        template = db.session.get(LetterTemplate, data["template_id"])
        if template is None or template.team_id != info_request.team_id:
            abort(422, message="Choose one of your team's templates.", errors={"template_id": ["Not found."]})
    try:
        ctx = build_context(info_request, letter_kind, today=uk_today(), overrides=_overrides(data["fields_"]))
        entry = generate_letter(info_request, letter_kind, ctx, actor=current_user._get_current_object(),
                                template=template)
    except LetterDataError as exc:
        db.session.rollback()
        abort(422, message=str(exc), errors={name: [problem] for name, problem in exc.errors.items()})
    except (LetterError, LetterTemplateError) as exc:
        refuse(exc, "template_id")
    db.session.commit()
    document = entry.attachments[0].document
    response = send_file(io.BytesIO(blob_file(document).read_bytes()), mimetype=DOCX, as_attachment=True,
                         download_name=document.filename, max_age=0)
    response.status_code = 201
    response.headers["Location"] = url_for("api_correspondence.Correspondence", request_id=info_request.id)
    response.headers["X-Correspondence-Id"] = str(entry.id)
    response.headers["X-Document-Id"] = str(document.id)
    return response

