"""Write a letter from a request: choose a kind, fill the form, preview, generate a draft."""

from __future__ import annotations

import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from casetracker.auth.models import Team
from casetracker.auth.permissions import check_object_access, editable_team_ids
from casetracker.extensions import db
from casetracker.forms_common import apply_service_error
from casetracker.info_requests.access import get_request
from casetracker.letters import bp
from casetracker.letters.constants import LetterKind
from casetracker.letters.context import build_context
from casetracker.letters.errors import LetterDataError, LetterError
from casetracker.letters.fields import FIELDS_BY_KIND, lookup
from casetracker.letters.formatting import value_text
from casetracker.letters.forms import DeleteTemplateForm, TemplateUploadForm, letter_form_class
from casetracker.letters.layout import Letter
from casetracker.letters.models import LetterTemplate
from casetracker.letters.render import build_letter
from casetracker.letters.services import (
    LetterTemplateError,
    delete_template,
    generate_letter,
    read_template,
    templates_for,
    upload_template,
)
from casetracker.officer.letter_side import default_signatory
from casetracker.officer.teams import letter_kinds_for, offers_letter
from casetracker.timeutil import uk_today

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _show_error(field, exc: Exception) -> None:
    """Roll back the failed change and show its message under a form ``field``."""
    db.session.rollback()
    field.errors.append(str(exc))


def _kind(value: str) -> LetterKind:
    try:
        return LetterKind(value)
    except ValueError:
        abort(404)


@bp.route("/requests/<int:request_id>/letters")
@login_required
def choose(request_id: int):
    """List the kinds of letter to write about a request."""
    info_request = get_request(request_id, edit=True)
    # Letters offered follow the team's side: an FOI office writes the authority's, a requester its own.
    offered = letter_kinds_for(info_request.team)
    heading = "From the public authority" if info_request.team.is_authority else "From the requester"
    groups = [(heading, offered)]
    return render_template("letters/choose.html", r=info_request, groups=groups)


@bp.route("/requests/<int:request_id>/letters/<kind>", methods=["GET", "POST"])
@login_required
def compose(request_id: int, kind: str):
    """Show the letter form filled from the case; preview it, or generate it as a draft."""
    info_request = get_request(request_id, edit=True)
    kind = _kind(kind)
    if not offers_letter(info_request, kind):
        abort(404)  # a requester team does not write an authority's notices, nor an FOI office a requester's letters
    templates = {str(t.id): t for t in templates_for(info_request.team_id, kind)}
    form = letter_form_class(kind)()
    form.template.choices = [("", "Built-in layout")] + [(key, t.name) for key, t in templates.items()]
    signatory = default_signatory(info_request, kind, current_user)

    def case() -> dict:
        # What the case alone gives; a POST that succeeds never needs it, so it is built only to show the form.
        return build_context(info_request, kind, today=uk_today(), signatory=signatory)

    if request.method == "GET":
        ctx = case()
        form.fill(ctx)
        return _compose_page(info_request, kind, form, ctx)
    if not form.validate_on_submit():
        return _compose_page(info_request, kind, form, case()), 422
    problems: list[tuple[str, str]] = []
    try:
        ctx = build_context(info_request, kind, today=uk_today(), overrides=form.overrides())
        if not form.generate.data:
            return _compose_page(info_request, kind, form, ctx, letter=build_letter(kind, ctx))
        entry = generate_letter(info_request, kind, ctx, actor=current_user,
                                template=templates.get(form.template.data or ""))
    except LetterDataError as exc:
        db.session.rollback()
        problems = form.place_errors(exc.errors)
    except (LetterError, LetterTemplateError) as exc:
        _show_error(form.template, exc)
    else:
        db.session.commit()
        flash(f"{kind.label} saved as a draft and downloading now. Send it, then mark it as sent.", "success")
        letter_document = entry.attachments[0].document_id if entry.attachments else None
        return redirect(url_for("correspondence.show", request_id=info_request.id, entry_id=entry.id,
                                download=letter_document))
    return _compose_page(info_request, kind, form, case(), problems=problems), 422


def _compose_page(info_request, kind: LetterKind, form, ctx: dict, *, letter: Letter | None = None,
                  problems: list[tuple[str, str]] = ()) -> str:
    computed = [
        (spec.description, value_text(lookup(ctx, spec.name)))
        for spec in FIELDS_BY_KIND[kind]
        if spec.name.startswith("clocks.") and lookup(ctx, spec.name)
    ]
    uses_chronology = any(spec.name == "chronology" for spec in FIELDS_BY_KIND[kind])
    return render_template(
        "letters/compose.html", r=info_request, kind=kind, form=form, problems=problems,
        computed=computed, chronology=(ctx.get("chronology") or []) if uses_chronology else None,
        letter=letter, blocks=[(type(b).__name__.lower(), b) for b in letter.body] if letter else [],
    )


@bp.route("/letters/templates", methods=["GET", "POST"])
@login_required
def templates():
    """List the user's teams' letter templates and take an upload."""
    teams = editable_team_ids(current_user)
    form = TemplateUploadForm()
    if request.method == "POST":
        if not teams:
            abort(403)
        if form.validate_on_submit():
            upload = form.file.data
            try:
                upload_template(db.session.get(Team, teams[0]), actor=current_user, name=form.name.data,
                                kind=form.kind.data or None, filename=upload.filename or "template.docx",
                                data=upload.read())
            except LetterTemplateError as exc:
                apply_service_error(form, exc, "file")
            except LetterError as exc:
                # Not ``exc.field``: a TemplateFieldError's field is a merge field, not a form field.
                _show_error(form.file, exc)
            else:
                db.session.commit()
                flash("Template saved. Choose it under Layout when you write a letter.", "success")
                return redirect(url_for("letters.templates"))
    rows = db.session.scalars(
        db.select(LetterTemplate).where(LetterTemplate.team_id.in_(current_user.team_ids))
        .order_by(LetterTemplate.name, LetterTemplate.id)
    )
    return render_template(
        "letters/templates.html", form=form, rows=list(rows), editable=set(teams),
        delete_form=DeleteTemplateForm(),
    ), 422 if form.errors else 200


@bp.route("/letters/templates/<int:template_id>/download")
@login_required
def download_template(template_id: int):
    """Send a template back as a .docx attachment."""
    template = check_object_access(current_user, db.session.get(LetterTemplate, template_id))
    response = send_file(io.BytesIO(read_template(template)), mimetype=DOCX, as_attachment=True,
                         download_name=template.filename, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.route("/letters/templates/<int:template_id>/delete", methods=["POST"])
@login_required
def delete(template_id: int):
    """Delete a team template."""
    template = check_object_access(current_user, db.session.get(LetterTemplate, template_id), edit=True)
    if not DeleteTemplateForm().validate_on_submit():
        abort(400)
    delete_template(template, actor=current_user)
    db.session.commit()
    flash("Template deleted; letters made with it are kept.", "success")
    return redirect(url_for("letters.templates"))
